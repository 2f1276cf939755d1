"""The index pages of a site: home, paginated lists, agenda, Boekenkast, departments, guide."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from courant import wording
from courant.audience import EditionContent
from courant.model import NEWS_KINDS, Event, Item, Kind, ReadingTip, Update
from courant.render.markdown import entry, esc, front
from courant.render.paths import SECTION_DIRS, relative
from courant.render.site.pages import SitePage

Entry = Callable[[Item, str], str]


def newest_first(items: Sequence[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.date is not None, i.date, i.title), reverse=True)


def paginate(folder: str, title: str, items: Sequence[Item], page_size: int,
             render: Entry, lead: str = "", empty: str = "Er is hier nog niets.") -> list[SitePage]:
    """folder/index.md, folder/pagina-2.md, ...: `page_size` entries a page, with a pager."""
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = f"{folder}/index.md" if number == 1 else f"{folder}/pagina-{number}.md"
        heading = title if number == 1 else f"{title}, pagina {number}"
        body = [front(heading), f"# {esc(heading)}\n"]
        if number == 1 and lead:
            body.append(lead)
        body.extend(render(item, path) for item in chunk)
        if not items and not lead:
            body.append(empty + "\n")
        body.append(_pager(folder, path, number, len(chunks)))
        pages.append(SitePage(path, "\n".join(body)))
    return pages


def _pager(folder: str, path: str, number: int, total: int) -> str:
    if total == 1:
        return ""

    def target(n: int) -> str:
        return relative(path, f"{folder}/index.md" if n == 1 else f"{folder}/pagina-{n}.md")

    links = []
    if number > 1:
        links.append(f"[Vorige pagina]({target(number - 1)})")
    links.append(f"Pagina {number} van {total}")
    if number < total:
        links.append(f"[Volgende pagina]({target(number + 1)})")
    return "\n" + " · ".join(links) + "\n{ .courant-pager }\n"


def _with_department(edition: EditionContent) -> Entry:
    def render(item: Item, path: str) -> str:
        dept = edition.department(item.department) if isinstance(item, Update) else None
        return entry(item, path, department=dept.name if dept else None)
    return render


def section_pages(edition: EditionContent, kind: Kind, title: str,
                  page_size: int) -> list[SitePage]:
    folder = SECTION_DIRS[kind]
    lead = feed_note(edition, f"{folder}/index.md") if kind is Kind.UPDATE else ""
    return paginate(folder, title, newest_first(edition.of_kind(kind)), page_size,
                    _with_department(edition), lead=lead)


def _you(edition: EditionContent) -> tuple[str, str]:
    return ("u", "uw") if edition.for_partners else ("je", "je")


def feed_note(edition: EditionContent, path: str) -> str:
    """How to follow the news in a feed reader (feed.xml and rss.xml are at the site's root)."""
    _, your = _you(edition)
    return (f"Volg het nieuws in {your} feedlezer: [Atom-feed]({relative(path, 'feed.xml')}) "
            f"of [RSS-feed]({relative(path, 'rss.xml')}).\n{{ .courant-subscribe }}\n")


def calendar_note(edition: EditionContent, path: str) -> str:
    """How to subscribe to the agenda (agenda.ics at the site's root) in a calendar program."""
    you, your = _you(edition)
    return (f"Zet deze agenda in {your} eigen agenda: [abonneer {you} op de agenda]"
            f"({relative(path, 'agenda.ics')}). Kopieer het adres van die link en voeg het in "
            "Outlook of Google Agenda toe als agenda van internet (via URL): nieuwe en "
            "gewijzigde bijeenkomsten komen er dan vanzelf in.\n{ .courant-subscribe }\n")


def upcoming_and_past(edition: EditionContent) -> tuple[list[Event], list[Event]]:
    today = edition.now.date()
    events = sorted(edition.events, key=lambda e: (e.start_day, str(e.start), e.title))
    upcoming = [e for e in events if e.end_day >= today]
    past = [e for e in reversed(events) if e.end_day < today]
    return upcoming, past


def agenda_pages(edition: EditionContent, page_size: int) -> list[SitePage]:
    """Upcoming events first (soonest first), then past ones (latest first), paginated."""
    upcoming, past = upcoming_and_past(edition)
    lead = [calendar_note(edition, "agenda/index.md"), "## Binnenkort\n"]
    lead.extend(entry(e, "agenda/index.md", level=3) for e in upcoming)
    if not upcoming:
        lead.append("Er staan nog geen bijeenkomsten gepland.\n")
    if past:
        lead.append("## Geweest\n")
    return paginate("agenda", "Agenda", past, page_size,
                    lambda item, path: entry(item, path, level=3 if path.endswith("index.md")
                                             else 2), lead="\n".join(lead))


def reading_page(edition: EditionContent) -> SitePage:
    """Boekenkast, grouped by kind (books, articles, videos, podcasts, websites)."""
    path = "boekenkast/index.md"
    parts = [front("Boekenkast"), "# Boekenkast\n",
             "Boeken, artikelen, video's, podcasts en websites die collega's aanraden.\n"]
    tips = [i for i in edition.items if isinstance(i, ReadingTip)]
    for kind, (_, plural) in wording.READING_LABELS.items():
        of_kind = newest_first([t for t in tips if t.reading_kind is kind])
        if of_kind:
            parts.append(f"## {plural}\n")
            parts.extend(entry(t, path, level=3) for t in of_kind)
    if not tips:
        parts.append("Er staan nog geen tips in de Boekenkast.\n")
    return SitePage(path, "\n".join(parts))


def department_pages(edition: EditionContent, page_size: int) -> list[SitePage]:
    """One page per department (description, contact, topics, its updates) and an overview."""
    overview = [front("Afdelingen"), "# Afdelingen\n"]
    pages: list[SitePage] = []
    updates = newest_first([u for u in edition.items if isinstance(u, Update)])
    for dept in edition.departments:
        folder = f"afdelingen/{dept.key}"
        overview.append(f"## [{esc(dept.name)}]({dept.key}/index.md)\n")
        if dept.description:
            overview.append(esc(dept.description) + "\n")
        lead = [esc(dept.description) + "\n" if dept.description else "", _contact(dept.email,
                                                                                   dept.phone)]
        if dept.topics:
            lead.append("## Hier kunt u terecht voor\n" if edition.for_partners
                        else "## Hier kun je terecht voor\n")
            lead.append("\n".join(f"- {esc(t)}" for t in dept.topics) + "\n")
        own = [u for u in updates if isinstance(u, Update) and u.department == dept.key]
        lead.append("## Nieuws van de afdeling\n")
        if not own:
            lead.append("Nog geen nieuws van deze afdeling.\n")
        pages.extend(paginate(folder, dept.name, own, page_size,
                              lambda item, path: entry(item, path, level=3),
                              lead="\n".join(lead)))
    pages.append(SitePage("afdelingen/index.md", "\n".join(overview)))
    return pages


def _contact(email: str | None, phone: str | None) -> str:
    bits = []
    if email:
        bits.append(f"E-mail: [{esc(email)}](mailto:{email})")
    if phone:
        bits.append(f"Telefoon: {esc(phone)}")
    return ("## Contact\n\n" + "\n".join(f"- {b}" for b in bits) + "\n") if bits else ""


def guide_page(edition: EditionContent) -> SitePage:
    """"Wie benader je waarvoor": every topic, alphabetically, with its department."""
    path = "wie-benader-je-waarvoor.md"
    rows = sorted(((topic, dept) for dept in edition.departments for topic in dept.topics),
                  key=lambda row: row[0].lower())
    parts = [front("Wie benader je waarvoor"), "# Wie benader je waarvoor\n",
             "Met een vraag van een inwoner over een van deze onderwerpen "
             f"{'kunt u' if edition.for_partners else 'kun je'} terecht bij de afdeling die "
             "erachter staat.\n"]
    if rows:
        parts.append("| Onderwerp | Afdeling | Contact |\n|---|---|---|")
        for topic, dept in rows:
            contact = f"[{esc(dept.email)}](mailto:{dept.email})" if dept.email else ""
            parts.append(f"| {esc(topic)} | [{esc(dept.name)}](afdelingen/{dept.key}/index.md) "
                         f"| {contact} |")
        parts[-1] += "\n"
    return SitePage(path, "\n".join(parts))


def home_page(edition: EditionContent, site_name: str, count: int,
              own: tuple[str, str] | None = None) -> SitePage:
    """The latest news, the agenda and the newsletter, under the heading and text of
    content/pages/index.md (`own`: when this edition holds it), else under the site's name."""
    path = "index.md"
    news = newest_first([i for i in edition.items if i.kind in NEWS_KINDS])[:count]
    upcoming, _ = upcoming_and_past(edition)
    heading, text = own or (site_name, "")
    parts = [front("Home"), f"# {esc(heading)}\n"]
    if text:
        parts.append(text)
    parts.append("## Laatste nieuws\n")
    parts.extend(entry(item, path, level=3) for item in news)
    if not news:
        parts.append("Er is nog geen nieuws.\n")
    parts.append("## Binnenkort\n")
    parts.extend(entry(e, path, level=3) for e in upcoming[:5])
    if not upcoming:
        parts.append("Er staan nog geen bijeenkomsten gepland.\n")
    parts.append("[Naar de hele agenda](agenda/index.md)\n")
    if edition.issues:
        latest = edition.issues[-1]
        parts.append("## Nieuwsbrief\n")
        parts.append(f"[{esc(latest.title)}](nieuwsbrief/{latest.month}/index.md) · "
                     "[alle nummers](nieuwsbrief/index.md)\n")
    return SitePage(path, "\n".join(parts))
