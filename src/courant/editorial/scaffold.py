"""`courant new`: a correctly filled file an editor can start from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from slugify import slugify

from courant.model import Month
from courant.read.placeholders import placeholder
from courant.read.validate import RESERVED_PAGE_ROOTS


@dataclass(frozen=True, slots=True)
class Template:
    folder: str
    meta: dict[str, object]
    body: str
    notes: str = ""  # YAML comments at the end of the front matter


AUDIENCE_NOTE = ("# audience: staff is alleen voor medewerkers; schrijf partners voor ook de "
                 "partners,\n# of all voor iedereen.\n")
CONSENT_NOTE = (
    "# Toestemming: laat de collega de tekst lezen en vraag of het interview gepubliceerd mag\n"
    "# worden. Pas als de collega schriftelijk ja zei, schrijf je hier de regel\n"
    "#   consent: true\n"
    "# en haal je draft: true weg. Zonder consent stopt 'courant check' (en de bouw); zegt de\n"
    "# collega nee, verwijder dan dit bestand.\n")
SERIES_NOTE = ("# Hoort de bijeenkomst bij een reeks? Schrijf dan de naam van de reeks, "
               "zoals\n#   series: Spotlights\n")


def templates(today: date, departments: str) -> dict[str, Template]:
    """The templates; `departments` is the choice an editor has ('wi (Werk en Inkomen), ...').
    Every value an editor must choose or write is a «placeholder» that `courant check`
    refuses until it is replaced; only the date of today and the safe audience are filled."""
    day = today.isoformat()
    choose = placeholder(f"kies uit {departments}" if departments else
                         "de key van je afdeling in content/departments.yml")
    return {
        "update": Template("content/updates", {
            "date": day, "department": choose, "audience": "staff",
            "summary": placeholder("één of twee zinnen die in de nieuwsbrief onder de titel "
                                   "komen"),
            "authors": [placeholder("je naam")]},
            f"{placeholder('het belangrijkste nieuws, in korte zinnen')}\n\n"
            f"## {placeholder('een tussenkop, zoals: Wat verandert er?')}\n\n"
            f"{placeholder('de details')}\n", AUDIENCE_NOTE),
        "interview": Template("content/interviews", {
            "date": day, "audience": "staff",
            "person": {"name": placeholder("naam van de collega"),
                       "role": placeholder("functie van de collega, of laat de regel weg"),
                       "department": placeholder(f"{choose[1:-1]}, of laat de regel weg")},
            "draft": True},
            f"## {placeholder('je eerste vraag')}\n\n{placeholder('het antwoord')}\n",
            AUDIENCE_NOTE + CONSENT_NOTE),
        "event": Template("content/agenda", {
            "start": placeholder("JJJJ-MM-DD UU:MM, wanneer het begint"),
            "end": placeholder("JJJJ-MM-DD UU:MM, wanneer het eindigt; of laat de regel weg "
                               "(dan duurt het een uur)"),
            "audience": "staff",
            "location": placeholder("waar: gebouw en zaal; of laat de regel weg")},
            placeholder("waar gaat de bijeenkomst over, en voor wie is ze bedoeld?") + "\n",
            AUDIENCE_NOTE + SERIES_NOTE),
        "reading": Template("content/reading", {
            "date": day, "kind": placeholder("kies uit book, article, video, podcast of website"),
            "creator": placeholder("wie het schreef of maakte"),
            "link": placeholder("het webadres, beginnend met https://; bij een boek mag de regel "
                                "weg"),
            "audience": "staff"},
            placeholder("waarom is dit de moeite waard voor collega's?") + "\n", AUDIENCE_NOTE),
        "page": Template("content/pages", {"audience": "staff"},
                         placeholder("de inhoud van de pagina") + "\n", AUDIENCE_NOTE),
    }


ALIASES = {"nieuws": "update", "updates": "update", "agenda": "event", "events": "event",
           "tip": "reading", "boekenkast": "reading", "pagina": "page", "pages": "page",
           "interviews": "interview"}
ISSUE_NAMES = ("issue", "nieuwsbrief", "nummer")
"""`courant new issue`: the next newsletter file (made by create_issue, not from a template)."""


class _EditorsDumper(yaml.SafeDumper):
    """YAML as the editors' guide writes it: dates bare (`date: 2026-11-28`), text with a
    colon, quote or hash between double quotes, never YAML's doubled single quotes."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    special = any(sign in value for sign in ":#'\"") or value[:1] in set("-?[]{},&*!|>%@`")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if special else None)


_EditorsDumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()}
_EditorsDumper.add_representer(str, _text)


def front_matter(meta: dict[str, object]) -> str:
    return yaml.dump(meta, Dumper=_EditorsDumper, allow_unicode=True, sort_keys=False,
                     width=10_000)  # a value on one line, as editors write it


def create(root: Path, kind: str, title: str, today: date, departments: str) -> Path:
    """Write the new file and return its path; FileExistsError when the name is taken.
    `departments`: the choice of departments, as templates() takes it."""
    kind = ALIASES.get(kind, kind)
    template = templates(today, departments)[kind]
    slug = slugify(title) or "nieuw"
    if kind == "page" and slug in RESERVED_PAGE_ROOTS:  # courant's own pages
        slug = f"{slug}-pagina"
    path = root / template.folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(path)
    if kind != "page":  # sub-folders carry no meaning: the slug must be unique in the type
        folder = root / template.folder
        same = sorted(p for p in folder.rglob("*.md") if slugify(p.stem) == slug)
        if same:
            raise FileExistsError(same[0])
    meta = {"title": title, **template.meta}
    text = "---\n" + front_matter(meta) + template.notes + "---\n\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + template.body, encoding="utf-8")
    return path


# --- the monthly issue -------------------------------------------------------------------------

FOREWORD_HINT = placeholder(
    "het voorwoord: twee of drie korte alinea's. Wat speelt er deze maand? Waar wil je de "
    "lezer op wijzen? Link naar een stuk met het pad naar het bronbestand (zie 'Links naar "
    "andere stukken' in de handleiding)")
"""The skeleton's placeholder, which `courant check` refuses until the foreword is written."""
FOREWORD = f"""Beste collega's en partners,

{FOREWORD_HINT}

Hartelijke groet,

{placeholder('je naam')}, {placeholder('je functie')}
"""


def issue_date(month: Month, rule: tuple[int, int]) -> date:
    """The day an issue of `month` comes out by `rule` (config.parse_issue_day): the n-th or
    last weekday of the month, or a fixed day of the month."""
    ordinal, value = rule
    if ordinal == 0:
        return date(month.year, month.number, value)
    if ordinal > 0:
        first = month.first_day
        return first + timedelta(days=(value - first.weekday()) % 7 + 7 * (ordinal - 1))
    last = month.last_day
    return last - timedelta(days=(last.weekday() - value) % 7)


def next_issue_month(existing: list[str], today: date, rule: tuple[int, int]) -> Month:
    """The month after the newest issue file (`existing`: the files' names); when there is
    none yet (or it is old), the first month whose issue day is still to come."""
    month = Month.of(today)
    if issue_date(month, rule) < today:
        month = month.next()
    newest = max((m for m in map(Month.parse, existing) if m is not None), default=None)
    while newest is not None and month <= newest:
        month = month.next()
    return month


def create_issue(root: Path, today: date, rule: tuple[int, int],
                 month: Month | None = None) -> Path:
    """Write newsletter/YYYY-MM.md, dated by `rule`, with a foreword skeleton;
    FileExistsError when that issue exists."""
    folder = root / "newsletter"
    if month is None:
        month = next_issue_month([p.stem for p in folder.glob("*.md")], today, rule)
    path = folder / f"{month}.md"
    if path.exists():
        raise FileExistsError(path)
    day = issue_date(month, rule)
    text = (f"---\ndate: {day.isoformat()}\n"
            "# title: een eigen titel (zonder title heet het nummer 'Nieuwsbrief <maand> "
            "<jaar>')\n---\n" + FOREWORD)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
