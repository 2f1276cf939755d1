"""vraagbaken/index.md: the colleagues to consult (advisers/), by topic and by department,
each with a tappable e-mail address and phone number."""

from __future__ import annotations

from courant.audience import EditionContent
from courant.model import Adviser, Kind
from courant.render.markdown import esc, front
from courant.render.paths import SECTION_DIRS, page_path, relative
from courant.render.site.items import contact_links
from courant.render.site.pages import SitePage

INDEX = f"{SECTION_DIRS[Kind.ADVISER]}/index.md"
TITLE = "Vraagbaken"


def adviser_pages(edition: EditionContent) -> list[SitePage]:
    """The index, when the edition holds advisers (their own pages are item pages)."""
    advisers = sorted((a for a in edition.of_kind(Kind.ADVISER) if isinstance(a, Adviser)),
                      key=lambda a: (a.name.lower(), a.slug))
    if not advisers:
        return []
    you = "u" if edition.for_partners else "je"
    parts = [front(TITLE), f"# {TITLE}\n",
             f"Collega's bij wie {you} terecht kunt met een ingewikkelde vraag of casus. Zoek "
             "op onderwerp of op afdeling.\n", "## Op onderwerp\n"]
    topics = sorted({t for a in advisers for t in a.topics}, key=str.lower)
    for topic in topics:
        parts.append(f"### {esc(topic[:1].upper() + topic[1:])}\n")
        parts.extend(_entry(a, edition) for a in advisers if topic in a.topics)
    without = [a for a in advisers if not a.topics]
    if without:
        parts.append("### Overige onderwerpen\n")
        parts.extend(_entry(a, edition) for a in without)
    parts.append("## Op afdeling\n")
    for dept in edition.departments:
        own = [a for a in advisers if a.department == dept.key]
        if own:
            parts.append(f"### {esc(dept.name)}\n")
            parts.extend(_entry(a, edition) for a in own)
    elsewhere = [a for a in advisers if edition.department(a.department) is None]
    if elsewhere:
        parts.append("### Zonder afdeling\n")
        parts.extend(_entry(a, edition) for a in elsewhere)
    return [SitePage(INDEX, "\n".join(parts))]


def _entry(adviser: Adviser, edition: EditionContent) -> str:
    dept = edition.department(adviser.department)
    who = f"**[{esc(adviser.name)}]({relative(INDEX, page_path(adviser))})**, {esc(adviser.role)}"
    if dept is not None:
        who += f" ({esc(dept.name)})"
    links = contact_links(adviser.email, adviser.phone)
    return f"{who}\n\n{links}" if links else f"{who}\n"
