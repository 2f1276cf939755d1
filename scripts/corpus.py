"""A deterministic, realistic courant project of N items, for scripts/bench and its smoke test.

Every type the editors write is there in realistic proportions: updates of 300-900 words from
every department for every audience, interviews with portraits, events (timed, all-day,
multi-day, cancelled, upcoming and past), reading tips of every kind, standing pages, a
newsletter file per month and a handful of small images. Each item is drawn from its own seeded
random generator, so the corpus of 500 items is the first 500 of the corpus of 2,000.
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
ITEMS_PER_MONTH = 25  # all types together; sets how far back the archive reaches

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
IMAGES = ("portret-1.jpg", "portret-2.jpg", "portret-3.jpg", "wijk.jpg", "team.png",
          "grafiek.png")
# share of each type, in order; the rest of N after rounding goes to updates
MIX = (("interviews", 0.08), ("agenda", 0.17), ("reading", 0.10))


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    items: list[Path]  # every generated item file (content/...)


def generate(target: Path, n: int, seed: int = 6) -> Corpus:
    """Write a project with `n` items into `target` (mkdocs.yml and theme/ from this repo)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", target / "theme", dirs_exist_ok=True)
    content = target / "content"
    (content / "media").mkdir(parents=True, exist_ok=True)
    _write_departments(content / "departments.yml")
    _write_images(content / "media", seed)
    _write_pages(content / "pages")
    _write_programme(content)
    counts = {kind: round(n * share) for kind, share in MIX}
    counts["updates"] = n - sum(counts.values())
    kinds = _interleave(counts, random.Random(f"{seed}-order"))
    span = max(1, n // ITEMS_PER_MONTH + 1)  # months the archive covers
    first = _add_months(LAST_DAY.replace(day=1), -span + 1)
    paths: list[Path] = []
    previous: dict[str, list[str]] = {}
    for index, kind in enumerate(kinds):
        rng = random.Random(f"{seed}-{index}")
        day = _spread(first, index, n, rng)
        paths.append(_write_item(content, kind, index, day, rng, previous))
    _write_issues(target / "newsletter", first, LAST_DAY)
    return Corpus(target, paths)


def _interleave(counts: dict[str, int], rng: random.Random) -> list[str]:
    kinds = [kind for kind, count in counts.items() for _ in range(count)]
    rng.shuffle(kinds)
    return kinds


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _spread(first: date, index: int, n: int, rng: random.Random) -> date:
    """Items spread evenly from `first` to LAST_DAY, a little jitter; a few under embargo."""
    days = (LAST_DAY - first).days
    day = first + timedelta(days=round(days * index / max(1, n - 1)) + rng.randint(-3, 3))
    if rng.random() < 0.004:
        return LAST_DAY + timedelta(days=rng.randint(5, 40))  # embargo: published later
    return min(max(day, first), LAST_DAY)


SHORT = WORDS[:24]  # de, het, een, ... : plain Dutch is mostly short words


def sentence(rng: random.Random, low: int = 6, high: int = 15) -> str:
    """A sentence as an editor writing for B1 might: short, most words short."""
    words = [rng.choice(SHORT) if rng.random() < 0.45 else rng.choice(WORDS)
             for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, words: int, links: list[str]) -> str:
    """Markdown of about `words` words: paragraphs, sometimes a heading, a list, a link."""
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
            if links and rng.random() < 0.04:
                text += f" Lees ook [het eerdere bericht]({rng.choice(links)})."
            if rng.random() < 0.05:
                text += " Meer op [de website](https://www.waalstad.nl/sociaal-domein)."
            parts.append(text)
            count += len(text.split())
    return "\n\n".join(parts) + "\n"


def _front(meta: dict[str, object]) -> str:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n\n"


def _common(rng: random.Random, title: str, day: date) -> dict[str, object]:
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
    if rng.random() < 0.01:
        meta["draft"] = True
    return meta


def _title(rng: random.Random) -> str:
    return sentence(rng, 3, 8).rstrip(".")


def _write_item(content: Path, kind: str, index: int, day: date, rng: random.Random,
                previous: dict[str, list[str]]) -> Path:
    title = _title(rng)
    slug = f"{day.isoformat()}-{'-'.join(title.lower().split()[:4])}-{index}"
    folder = content / kind / str(day.year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    meta = _common(rng, title, day)
    earlier = previous.get(kind, [])
    links = [f"../{p}" for p in earlier[-50:]]
    words = rng.randint(300, 900)
    if kind == "updates":
        meta["department"] = rng.choice(DEPARTMENTS)[0]
        if rng.random() < 0.2:
            meta["image"] = rng.choice(IMAGES)
            meta["image_alt"] = sentence(rng, 4, 10).rstrip(".")
    elif kind == "interviews":
        dept = rng.choice(DEPARTMENTS)[0]
        meta["person"] = {"name": rng.choice(NAMES), "role": rng.choice(ROLES),
                          "department": dept}
        meta["consent"] = True
        meta["image"] = rng.choice(IMAGES[:3])
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
    path.write_text(_front(meta) + body(rng, words, links), encoding="utf-8")
    previous.setdefault(kind, []).append(f"{day.year}/{path.name}")
    return path


def _event_meta(meta: dict[str, object], day: date, rng: random.Random) -> None:
    """Events: start around the item's date (some in the coming months), every form."""
    meta.pop("date", None)
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


def _write_images(folder: Path, seed: int) -> None:
    from PIL import Image

    rng = random.Random(f"{seed}-images")
    for name in IMAGES:
        image = Image.new("RGB", (800, 533), tuple(rng.randint(40, 220) for _ in range(3)))
        for _ in range(40):
            x, y = rng.randint(0, 760), rng.randint(0, 500)
            image.paste(tuple(rng.randint(0, 255) for _ in range(3)), (x, y, x + 30, y + 30))
        out = io.BytesIO()
        image.save(out, format="PNG" if name.endswith(".png") else "JPEG", quality=80)
        (folder / name).write_bytes(out.getvalue())


def _write_pages(folder: Path) -> None:
    rng = random.Random("pages")
    pages = {
        "sociaal-domein.md": ("Het Sociaal Domein", "all"),
        "introductieprogramma.md": ("Introductieprogramma", "staff"),
        "leeracademie/index.md": ("Leeracademie", "staff"),
        "leeracademie/aanbod.md": ("Aanbod van de Leeracademie", "staff"),
        "factsheets/armoede.md": ("Factsheet armoede", "all"),
        "factsheets/jeugd.md": ("Factsheet jeugd", "partners"),
    }
    for name, (title, audience) in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": title} | ({"audience": audience} if audience != "staff" else {})
        path.write_text(_front(meta) + body(rng, 400, []), encoding="utf-8")


def _write_programme(content: Path) -> None:
    """Two advisers and the introduction booklet (of the standing pages): every kind."""
    rng = random.Random("programme")
    (content / "advisers").mkdir(parents=True, exist_ok=True)
    for name, department, topics in (("Anouk Verbeek", "wi", ["bijstand", "schulden"]),
                                     ("Mehmet Kaya", "jos", ["jeugdhulp"])):
        meta = {"name": name, "role": "vraagbaak", "department": department, "topics": topics,
                "consent": True}
        (content / "advisers" / f"{name.split()[0].lower()}.md").write_text(
            _front(meta) + body(rng, 60, []), encoding="utf-8")
    (content / "booklets").mkdir(parents=True, exist_ok=True)
    meta = {"title": "Welkom bij het Sociaal Domein", "pages": [
        "../pages/introductieprogramma.md", "../pages/sociaal-domein.md"],
        "include": ["departments", "guide"]}
    (content / "booklets" / "introductie.md").write_text(_front(meta) + body(rng, 80, []),
                                                         encoding="utf-8")


def _write_issues(folder: Path, first: date, last: date) -> None:
    """newsletter/YYYY-MM.md for every month, dated the 26th (the issue after LAST_DAY is
    due after 'now' and so not published yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    month = first
    rng = random.Random("issues")
    while month <= last:
        day = month.replace(day=26)
        text = _front({"date": day.isoformat()}) + body(rng, 120, [])
        (folder / f"{month:%Y-%m}.md").write_text(text, encoding="utf-8")
        month = _add_months(month, 1)


def touch_items(corpus: Corpus, count: int, seed: int = 20) -> dict[Path, bytes]:
    """Change `count` items (a sentence added to the body); returns the originals to restore."""
    rng = random.Random(f"{seed}-touch")
    chosen = rng.sample(corpus.items, min(count, len(corpus.items)))
    originals = {}
    for path in chosen:
        originals[path] = path.read_bytes()
        path.write_bytes(originals[path] + f"\nAangevuld: {sentence(rng)}\n".encode())
    return originals


def plain_docs(corpus: Corpus, docs: Path) -> int:
    """The items as plain Markdown pages for the yardstick: docs/<type>/<name>.md + index.md."""
    count = 0
    content = corpus.root / "content"
    for path in corpus.items:
        target = docs / path.relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        # the editors' links point at sources beside each other: they stay valid in docs/
        target.write_text(text, encoding="utf-8")
        count += 1
    (docs / "index.md").write_text("# Sociaal Domein\n\nDe nieuwste stukken.\n", encoding="utf-8")
    media = docs / "media"
    shutil.copytree(content / "media", media, dirs_exist_ok=True)
    return count
