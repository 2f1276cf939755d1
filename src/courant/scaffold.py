"""`courant new`: a correctly filled file an editor can start from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from slugify import slugify


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
            "### Wat doe je precies?\n\nAntwoord.\n"),
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
                "# toestemming gaf voor publicatie. Geen toestemming? Dan consent weghalen.\n")

ALIASES = {"nieuws": "update", "updates": "update", "agenda": "event", "events": "event",
           "tip": "reading", "boekenkast": "reading", "pagina": "page", "pages": "page",
           "interviews": "interview"}


def create(root: Path, kind: str, title: str, today: date, department: str) -> Path:
    """Write the new file and return its path; FileExistsError when the name is taken."""
    template = templates(today, department)[ALIASES.get(kind, kind)]
    slug = slugify(title) or "nieuw"
    path = root / template.folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(path)
    meta = {"title": title, **template.meta}
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
    text = text.replace("consent: true", CONSENT_NOTE + "consent: true", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + template.body, encoding="utf-8")
    return path
