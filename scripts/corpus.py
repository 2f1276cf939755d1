"""A deterministic, realistic courant project of N items, for scripts/bench and its smoke test.

The shape of a municipality's archive after ten years (`years`): a newsletter issue every month
over the whole span (120 at ten years), and every type the editors write in the demo's
proportions: updates of 300-900
words from every department for every audience, interviews with portraits, events (timed,
all-day, multi-day, cancelled, in series, past and upcoming), reading tips of every kind,
standing pages in folders, drafts, items under embargo, an item now and then placed in a later
issue (`issue:`), images (in front matter and in the text) and links between items, within a
type and across types. Every file comes from its own seeded random generator, so every run and
every commit gets the same archive.

An archive of more than 25 items a month reaches further back instead (5,000 items: 200 monthly
issues, 10,000: 400): beyond that the staff edition's mail of a month passes the 102,000 bytes
Gmail clips at, and `courant build` refuses it, as it should.
"""

from __future__ import annotations

import io
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LAST_DAY = date(2026, 11, 20)  # the newest item; "now" in the bench is 2026-11-22 12:00
ISSUE_DAY = 26  # every issue comes out on the 26th of its month
YEARS = 10  # how far back the archive reaches at least: an issue every month of it
MOST_A_MONTH = 25  # items a month (all types) at most: then it reaches further back

WORDS = (  # noqa: SIM905 (a sentence is easier to read and edit)
    "de het een en van in op met voor aan bij naar over door uit als dat die deze ook nog "
    "wij jullie zij inwoners gemeente wijk team collega's afdeling samenwerking partners "
    "aanvraag regeling uitkering bijstand schuldhulp budget ondersteuning zorg jeugd sport "
    "onderwijs school ouders kinderen gezin huishouden werk werkgever traject begeleiding "
    "vraag antwoord afspraak gesprek keukentafel wijkteam casus maatwerk beleid uitvoering "
    "pilot evaluatie resultaat aanpak plan doel week maand jaar vandaag morgen nieuw goed "
    "belangrijk snel eenvoudig samen hulp informatie contact loket formulier website brief "
    "wet participatiewet jeugdwet wmo armoede minima toeslag energie huur woning vervoer "
    "vrijwilligers mantelzorg welzijn buurt leeracademie training bijeenkomst spotlights "
    "netwerk ervaring verhaal leren veranderen verbeteren starten stoppen helpen zorgen "
    "werken bellen mailen vragen zoeken vinden kiezen maken delen lezen schrijven horen"
).split()
NAMES = ("Anna de Vries", "Omar Yilmaz", "Fatima el Amrani", "Pieter Jansen", "Sanne Bakker",
         "Mehmet Kaya", "Lotte Visser", "Joris Smit", "Noor Hendriks", "Daan Mulder",
         "Esra Demir", "Kees van Dijk", "Iris Bos", "Youssef Haddou", "Marieke Peters")
ROLES = ("consulent werk", "schuldhulpverlener", "wijkcoach", "jeugdconsulent",
         "beleidsmedewerker", "teamleider", "klantmanager", "sociaal rechercheur")
DEPARTMENTS = [
    ("wi", "Werk en Inkomen", ["bijstand", "re-integratie", "inkomensondersteuning"]),
    ("smsr", "Schulden, Minima en Sociale Recherche", ["schuldhulp", "minimaregelingen",
                                                       "fraudesignalen"]),
    ("mo", "Maatschappelijke Ondersteuning", ["wmo-voorzieningen", "mantelzorg",
                                              "beschermd wonen"]),
    ("jos", "Jeugd, Onderwijs en Sport", ["jeugdhulp", "leerplicht", "sportdeelname"]),
    ("wt", "Wijkteams", ["keukentafelgesprek", "wijkcoach"]),
    ("bo", "Beleid en Onderzoek", ["monitor sociaal domein", "evaluaties"]),
]
SERIES = ("Spotlights", "Leeracademie", "Week van het Sociaal Domein", "Netwerkbijeenkomst")
READING_KINDS = ("book", "article", "video", "podcast", "website")
# share of each type, in order; the rest of N after rounding goes to updates
MIX = (("interviews", 0.08), ("agenda", 0.17), ("reading", 0.10))


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    items: list[Path]  # every generated item file (content/...)
    issues: int  # newsletter files (one a month)

    @property
    def years(self) -> float:
        return self.issues / 12


@dataclass(frozen=True, slots=True)
class Media:
    """The images of the archive: portraits for interviews, photos and charts for updates."""
    portraits: tuple[str, ...]
    photos: tuple[str, ...]

    @classmethod
    def for_size(cls, n: int) -> Media:
        """A portrait per 100 items and a photo per 40 (at least three of each)."""
        return cls(tuple(f"portret-{i}.jpg" for i in range(1, max(3, n // 100) + 1)),
                   tuple(f"foto-{i}.{'png' if i % 5 == 0 else 'jpg'}"
                         for i in range(1, max(3, n // 40) + 1)))


def generate(target: Path, n: int, seed: int = 6, years: int = YEARS) -> Corpus:
    """Write a project with `n` items over `years` years (or more: MOST_A_MONTH) into
    `target` (mkdocs.yml and theme/ from this repo)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", target / "theme", dirs_exist_ok=True)
    content = target / "content"
    (content / "media").mkdir(parents=True, exist_ok=True)
    media = Media.for_size(n)
    _write_departments(content / "departments.yml")
    _write_images(content / "media", seed, media)
    _write_pages(content / "pages", n)
    _write_programme(content)  # not among the items: the yardsticks build the news archive
    counts = {kind: round(n * share) for kind, share in MIX}
    counts["updates"] = n - sum(counts.values())
    kinds = _interleave(counts, random.Random(f"{seed}-order"))
    months = max(12 * years, -(-n // MOST_A_MONTH))
    first = _add_months(LAST_DAY.replace(day=1), -months + 1)
    paths: list[Path] = []
    previous: dict[str, list[str]] = {}
    for index, kind in enumerate(kinds):
        rng = random.Random(f"{seed}-{index}")
        day = _spread(first, index, n, rng)
        paths.append(_write_item(content, kind, index, day, rng, previous, media))
    issues = _write_issues(target / "newsletter", first, LAST_DAY)
    return Corpus(target, paths, issues)


def _interleave(counts: dict[str, int], rng: random.Random) -> list[str]:
    kinds = [kind for kind, count in counts.items() for _ in range(count)]
    rng.shuffle(kinds)
    return kinds


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _spread(first: date, index: int, n: int, rng: random.Random) -> date:
    """Items spread evenly from `first` to LAST_DAY, a little jitter; one in 250 under
    embargo."""
    days = (LAST_DAY - first).days
    day = first + timedelta(days=round(days * index / max(1, n - 1)) + rng.randint(-3, 3))
    if index % 250 == 125:  # under embargo: published after "now"
        return LAST_DAY + timedelta(days=rng.randint(5, 40))
    return min(max(day, first), LAST_DAY)


SHORT = WORDS[:24]  # de, het, een, ... : plain Dutch is mostly short words


def sentence(rng: random.Random, low: int = 6, high: int = 15) -> str:
    """A sentence as an editor writing for B1 might: short, most words short."""
    words = [rng.choice(SHORT) if rng.random() < 0.45 else rng.choice(WORDS)
             for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, words: int, links: list[str], image: str | None = None) -> str:
    """Markdown of about `words` words: paragraphs, sometimes a heading, a list, a link to
    another item or the web; `image` (a path from the file) shown after the first paragraph."""
    parts: list[str] = []
    count = 0
    while count < words:
        roll = rng.random()
        if roll < 0.08 and parts:
            parts.append("## " + sentence(rng, 2, 5).rstrip("."))
        elif roll < 0.16:
            items = [f"- {sentence(rng, 3, 9)}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items))
            count += 20
        else:
            text = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
            if rng.random() < 0.2:
                text = text.replace(" ", " **", 1).replace(".", "**.", 1)
            if links and rng.random() < 0.06:
                text += f" Lees ook [het eerdere stuk]({rng.choice(links)})."
            if rng.random() < 0.05:
                text += " Meer op [de website](https://www.waalstad.nl/sociaal-domein)."
            parts.append(text)
            count += len(text.split())
        if image and len(parts) == 1:
            parts.append(f"![{sentence(rng, 4, 8).rstrip('.')}]({image})")
    return "\n\n".join(parts) + "\n"


def _front(meta: dict[str, object]) -> str:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n\n"


def _common(rng: random.Random, index: int, title: str, day: date) -> dict[str, object]:
    """What every item may carry; one item in 100 a draft, one in 100 placed in a later issue
    (by index, so that every archive of 100 items or more has them)."""
    meta: dict[str, object] = {"title": title, "date": day.isoformat()}
    roll = rng.random()
    if roll < 0.30:
        meta["audience"] = "all"
    elif roll < 0.42:
        meta["audience"] = "partners"
    if rng.random() < 0.5:
        meta["summary"] = sentence(rng, 10, 25)
    if rng.random() < 0.6:
        meta["authors"] = rng.sample(NAMES, rng.randint(1, 2))
    if rng.random() < 0.5:
        meta["tags"] = rng.sample(WORDS[20:], rng.randint(1, 3))
    if index % 100 == 50:
        meta["draft"] = True
    elif index % 100 == 75 and (LAST_DAY - day).days > 90:
        meta["issue"] = f"{_add_months(_issue_of(day), 1):%Y-%m}"  # held over a month
    return meta


def _issue_of(day: date) -> date:
    """The first of the month whose issue (dated the 26th) an item of `day` goes into."""
    return day.replace(day=1) if day.day <= ISSUE_DAY else _add_months(day.replace(day=1), 1)


def _title(rng: random.Random) -> str:
    return sentence(rng, 3, 8).rstrip(".")


def _links(previous: dict[str, list[str]], kind: str) -> list[str]:
    """Links from an item of `kind` (in content/<kind>/<year>/) to recent earlier items: most
    of its own type, some of the others."""
    own = [f"../{p}" for p in previous.get(kind, [])[-40:]]
    others = [f"../../{other}/{p}" for other in sorted(previous) if other != kind
              for p in previous[other][-5:]]
    return own + others


def _write_item(content: Path, kind: str, index: int, day: date, rng: random.Random,
                previous: dict[str, list[str]], media: Media) -> Path:
    title = _title(rng)
    slug = f"{day.isoformat()}-{'-'.join(title.lower().split()[:4])}-{index}"
    folder = content / kind / str(day.year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    meta = _common(rng, index, title, day)
    words = rng.randint(300, 900)
    inline = None
    if kind == "updates":
        meta["department"] = rng.choice(DEPARTMENTS)[0]
        if rng.random() < 0.2:
            meta["image"] = rng.choice(media.photos)  # found in content/media/
            meta["image_alt"] = sentence(rng, 4, 10).rstrip(".")
        if rng.random() < 0.1:
            inline = f"../../media/{rng.choice(media.photos)}"
    elif kind == "interviews":
        dept = rng.choice(DEPARTMENTS)[0]
        meta["person"] = {"name": rng.choice(NAMES), "role": rng.choice(ROLES),
                          "department": dept}
        meta["consent"] = True
        meta["image"] = rng.choice(media.portraits)
        meta["image_alt"] = f"Portret van {meta['person']['name']}"  # type: ignore[index]
    elif kind == "agenda":
        _event_meta(meta, day, rng)
        words = rng.randint(80, 250)
    else:
        meta["kind"] = rng.choice(READING_KINDS)
        meta["creator"] = rng.choice(NAMES)
        if meta["kind"] != "book" or rng.random() < 0.3:
            meta["link"] = f"https://www.example.org/tips/{index}"
        words = rng.randint(120, 400)
    path.write_text(_front(meta) + body(rng, words, _links(previous, kind), inline),
                    encoding="utf-8")
    previous.setdefault(kind, []).append(f"{day.year}/{path.name}")
    return path


def _event_meta(meta: dict[str, object], day: date, rng: random.Random) -> None:
    """Events: start around the item's date (some in the coming months), every form."""
    meta.pop("date", None)
    meta.pop("issue", None)
    start = day + timedelta(days=rng.randint(0, 20))
    if (LAST_DAY - day).days < 90 and rng.random() < 0.5:  # the last months plan ahead
        start = LAST_DAY + timedelta(days=rng.randint(1, 90))
    roll = rng.random()
    if roll < 0.15:
        meta["start"] = start.isoformat()  # all day
    elif roll < 0.2:
        meta["start"] = start.isoformat()
        meta["end"] = (start + timedelta(days=rng.randint(1, 3))).isoformat()
    else:
        hour = rng.randint(9, 19)
        meta["start"] = f"{start.isoformat()} {hour:02d}:{rng.choice(('00', '30'))}"
        if rng.random() < 0.7:
            meta["end"] = f"{start.isoformat()} {min(hour + rng.randint(1, 3), 23):02d}:00"
    meta["location"] = rng.choice(("Stadskantoor, zaal 3", "Wijkcentrum De Brug", "Bibliotheek"))
    if rng.random() < 0.4:
        meta["online"] = "https://teams.example.org/meet/sociaal-domein"
    if rng.random() < 0.5:
        meta["registration"] = "https://www.example.org/aanmelden"
    if rng.random() < 0.7:
        meta["series"] = rng.choice(SERIES)
    if rng.random() < 0.05:
        meta["cancelled"] = True


def _write_departments(path: Path) -> None:
    data = [{"key": key, "name": name, "email": f"{key}@waalstad.nl", "phone": "14 0488",
             "description": f"De afdeling {name} van het Sociaal Domein.", "topics": topics}
            for key, name, topics in DEPARTMENTS]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write_images(folder: Path, seed: int, media: Media) -> None:
    from PIL import Image

    rng = random.Random(f"{seed}-images")
    for name in (*media.portraits, *media.photos):
        image = Image.new("RGB", (800, 533), tuple(rng.randint(40, 220) for _ in range(3)))
        for _ in range(40):
            x, y = rng.randint(0, 760), rng.randint(0, 500)
            image.paste(tuple(rng.randint(0, 255) for _ in range(3)), (x, y, x + 30, y + 30))
        out = io.BytesIO()
        image.save(out, format="PNG" if name.endswith(".png") else "JPEG", quality=80)
        (folder / name).write_bytes(out.getvalue())


def _write_pages(folder: Path, n: int) -> None:
    """The standing pages of the demo, and a work instruction per 100 items, in a folder per
    department (sections of the intranet's menu)."""
    rng = random.Random("pages")
    pages = {
        "sociaal-domein.md": ("Het Sociaal Domein", "all"),
        "introductieprogramma.md": ("Introductieprogramma", "staff"),
        "leeracademie/index.md": ("Leeracademie", "staff"),
        "leeracademie/aanbod.md": ("Aanbod van de Leeracademie", "staff"),
        "factsheets/armoede.md": ("Factsheet armoede", "all"),
        "factsheets/jeugd.md": ("Factsheet jeugd", "partners"),
    }
    for index in range(n // 100):
        key = DEPARTMENTS[index % len(DEPARTMENTS)][0]
        audience = "partners" if index % 7 == 3 else "staff"
        pages[f"werkinstructies/{key}/instructie-{index + 1}.md"] = (
            f"Werkinstructie {index + 1}: {sentence(rng, 2, 5).rstrip('.').lower()}", audience)
    for name, (title, audience) in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": title} | ({"audience": audience} if audience != "staff" else {})
        path.write_text(_front(meta) + body(rng, 400, []), encoding="utf-8")


def _write_programme(content: Path) -> list[Path]:
    """Two advisers and the introduction booklet (of the standing pages): every kind; their
    paths."""
    rng = random.Random("programme")
    written: list[Path] = []
    (content / "advisers").mkdir(parents=True, exist_ok=True)
    for name, department, topics in (("Anouk Verbeek", "wi", ["bijstand", "schulden"]),
                                     ("Mehmet Kaya", "jos", ["jeugdhulp"])):
        meta = {"name": name, "role": "vraagbaak", "department": department, "topics": topics,
                "consent": True}
        written.append(content / "advisers" / f"{name.split()[0].lower()}.md")
        written[-1].write_text(_front(meta) + body(rng, 60, []), encoding="utf-8")
    (content / "booklets").mkdir(parents=True, exist_ok=True)
    meta = {"title": "Welkom bij het Sociaal Domein", "pages": [
        "../pages/introductieprogramma.md", "../pages/sociaal-domein.md"],
        "include": ["departments", "guide"]}
    written.append(content / "booklets" / "introductie.md")
    written[-1].write_text(_front(meta) + body(rng, 80, []), encoding="utf-8")
    return written


def _write_issues(folder: Path, first: date, last: date) -> int:
    """newsletter/YYYY-MM.md for every month from `first` to `last`, dated the 26th (the
    issue of LAST_DAY's month is due after 'now', so not published yet); how many."""
    folder.mkdir(parents=True, exist_ok=True)
    month = first
    rng = random.Random("issues")
    count = 0
    while month <= last:
        day = month.replace(day=ISSUE_DAY)
        text = _front({"date": day.isoformat()}) + body(rng, 120, [])
        (folder / f"{month:%Y-%m}.md").write_text(text, encoding="utf-8")
        month = _add_months(month, 1)
        count += 1
    return count


def touch_items(corpus: Corpus, count: int, seed: int = 20) -> dict[Path, bytes]:
    """Change `count` items (a sentence added to the body); returns the originals to restore."""
    rng = random.Random(f"{seed}-touch")
    chosen = rng.sample(corpus.items, min(count, len(corpus.items)))
    originals = {}
    for path in chosen:
        originals[path] = path.read_bytes()
        path.write_bytes(originals[path] + f"\nAangevuld: {sentence(rng)}\n".encode())
    return originals

