"""Which pages the browser opens: one of every page type of both sites, and the mails.

The link check and the HTML validator read every page; axe-core and the request log need a
real browser, so they see one page per type (the largest of its kind: the most content, the
most to find) and the newest issue's two mails. That keeps `courant audit` fast at any size.
"""

from __future__ import annotations

import re
from pathlib import Path

from courant.audit.findings import Target
from courant.model import Month

SITES = ("intranet", "public")
SECTIONS = {  # folder in the site -> (index page type, item page type)
    "nieuws": ("Nieuwsoverzicht", "Nieuwsbericht"),
    "collega-in-beeld": ("Overzicht Collega in beeld", "Collega in beeld"),
    "agenda": ("Agenda", "Bijeenkomst"),
    "boekenkast": ("Boekenkast", "Tip uit de Boekenkast"),
    "afdelingen": ("Afdelingen", "Afdelingspagina"),
    "reeksen": ("Reeksen", "Reeks"),
    "vraagbaken": ("Vraagbaken", "Vraagbaak"),
    "boekjes": ("Boekjes", "Boekje"),
    "onderwerpen": ("Onderwerpen", "Onderwerp"),
}
SINGLES = {
    "index.html": "Home",
    "404.html": "Pagina niet gevonden",
    "wie-benader-je-waarvoor/index.html": "Wie benader je waarvoor",
    "nieuwsbrief/index.html": "Nieuwsbrief: archief",
    "toegankelijkheid/index.html": "Toegankelijkheid",
    "nieuwsbrief-ontvangen/index.html": "Nieuwsbrief ontvangen",
    "privacy/index.html": "Privacy",
    "naslag/index.html": "Naslag",
}
PAGER = re.compile(r"pagina-\d+")
EDITIONS = {"staff": "Mail medewerkers", "partners": "Mail partners"}


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site, relative to it (posix)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def published_issues(site_dir: Path) -> list[str]:
    """The months whose web version the site has (nieuwsbrief/YYYY-MM/)."""
    folder = site_dir / "nieuwsbrief"
    return sorted(p.name for p in folder.iterdir() if Month.parse(p.name)) \
        if folder.is_dir() else []


def page_targets(site: str, site_dir: Path) -> list[Target]:
    """One page of each type in one site (a type the site lacks is left out)."""
    pages = site_pages(site_dir)
    chosen: dict[str, str] = {}  # type -> path
    for path in pages:
        kind = page_type(path)
        if kind is None:
            continue
        if kind not in chosen or _size(site_dir, path) > _size(site_dir, chosen[kind]):
            chosen[kind] = path
    return [Target(site, path, kind) for kind, path in sorted(chosen.items(),
                                                               key=lambda kv: kv[1])]


def page_type(path: str) -> str | None:
    """The page type of a page path (None for files that are no page of their own)."""
    if path in SINGLES:
        return SINGLES[path]
    parts = path.split("/")
    if len(parts) < 2 or parts[-1] != "index.html":
        return None
    top = parts[0]
    if top == "nieuwsbrief":
        return "Nieuwsbrief: webversie" if Month.parse(parts[1]) else None
    if top in SECTIONS:
        index, item = SECTIONS[top]
        if len(parts) == 2:
            return index
        if PAGER.fullmatch(parts[-2]):
            return f"{index}, volgende pagina"
        return item
    # a standing page: one per menu section (its top folder), and one at the top
    return f"Vaste pagina ({top})" if len(parts) > 2 else "Vaste pagina"


def mail_targets(mail_dir: Path) -> list[Target]:
    """Both editions of the newest issue that has mail (the browser opens these)."""
    months = sorted(p.name for p in mail_dir.iterdir() if Month.parse(p.name)) \
        if mail_dir.is_dir() else []
    if not months:
        return []
    latest = months[-1]
    return [Target("mail", f"{latest}/{edition}.html", kind) for edition, kind in EDITIONS.items()
            if (mail_dir / latest / f"{edition}.html").is_file()]


def all_mails(mail_dir: Path) -> list[Target]:
    """Every mail written (size, mail clients and links are checked on all of them)."""
    if not mail_dir.is_dir():
        return []
    return [Target("mail", p.relative_to(mail_dir).as_posix(),
                   f"{EDITIONS.get(p.stem, 'Mail')} {p.parent.name}")
            for p in sorted(mail_dir.glob("*/*.html"))]


def _size(site_dir: Path, path: str) -> int:
    return (site_dir / path).stat().st_size
