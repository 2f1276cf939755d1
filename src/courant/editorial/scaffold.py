"""`courant new`: a correctly filled file an editor can start from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from slugify import slugify

from courant.model import Month
from courant.read.validate import RESERVED_PAGE_ROOTS


@dataclass(frozen=True, slots=True)
class Template:
    folder: str
    meta: dict[str, object]
    body: str


def templates(today: date, department: str) -> dict[str, Template]:
    day = today.isoformat()
    soon = (today + timedelta(days=14)).isoformat()
    return {
        "update": Template("content/updates", {
            "date": day, "department": department, "audience": "staff",
            "summary": "Eén of twee zinnen die in de nieuwsbrief onder de titel komen.",
            "authors": ["Jouw naam"]},
            "Begin met het belangrijkste nieuws in korte zinnen.\n\n"
            "## Wat verandert er?\n\nSchrijf hier de details.\n"),
        "interview": Template("content/interviews", {
            "date": day, "audience": "staff",
            "person": {"name": "Naam van de collega", "role": "Functie",
                       "department": department},
            "consent": True, "draft": True},
            "## Wat doe je precies?\n\nAntwoord.\n"),
        "event": Template("content/agenda", {
            "start": f"{soon} 15:00", "end": f"{soon} 16:30", "audience": "staff",
            "location": "Stadskantoor, zaal 2.14", "series": "Spotlights"},
            "Waar gaat de bijeenkomst over, en voor wie is ze bedoeld?\n"),
        "reading": Template("content/reading", {
            "date": day, "kind": "article", "creator": "Naam van de maker",
            "link": "https://www.voorbeeld.nl/artikel", "audience": "staff"},
            "Waarom is dit de moeite waard voor collega's?\n"),
        "page": Template("content/pages", {"audience": "staff"},
                         "Schrijf hier de inhoud van de pagina.\n"),
    }


CONSENT_NOTE = ("# Laat draft op true staan tot de collega de tekst heeft gezien en schriftelijk\n"
                "# toestemming gaf voor publicatie. Geen toestemming? Verwijder dan dit bestand\n"
                "# (een interview met consent: false of zonder consent stopt de hele bouw).\n")

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
    return yaml.dump(meta, Dumper=_EditorsDumper, allow_unicode=True, sort_keys=False, width=100)


def create(root: Path, kind: str, title: str, today: date, department: str) -> Path:
    """Write the new file and return its path; FileExistsError when the name is taken."""
    kind = ALIASES.get(kind, kind)
    template = templates(today, department)[kind]
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
    text = "---\n" + front_matter(meta) + "---\n\n"
    text = text.replace("consent: true", CONSENT_NOTE + "consent: true", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + template.body, encoding="utf-8")
    return path


# --- the monthly issue -------------------------------------------------------------------------

FOREWORD_HINT = "Schrijf hier het voorwoord"
"""The skeleton's placeholder: `courant status` warns while the foreword still holds it."""
FOREWORD = f"""Beste collega's en partners,

{FOREWORD_HINT}: twee of drie korte alinea's. Wat speelt er deze maand? Waar wil je
de lezer op wijzen? Link naar een stuk met het pad naar het bronbestand (zie 'Links naar
andere stukken' in de handleiding).

Hartelijke groet,

Naam
Functie
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
