"""The home page: a welcome, the top tasks, the latest news as cards, the next events as
date tiles, a colleague in the picture, tips, the newsletter and a way into every overview.

The heading and text are content/pages/index.md's (on the partner site when its audience
allows, else the partner welcome from mkdocs.yml); the top tasks come from
extra.courant.top_tasks, in the site's words; the partner site adds its contact block.
Everything below the welcome is HTML (render/lists.py), out of the search index.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from courant import wording
from courant.audience import EditionContent
from courant.model import Interview, Item, Kind, Page, ReadingTip, Update
from courant.problems import Problems
from courant.read.config import Config
from courant.read.images import ImageSize
from courant.render.markdown import esc, front
from courant.render.paths import SECTION_DIRS, issue_page_path, page_path
from courant.render.site.chrome import Words, contact_of
from courant.render.site.indexes import newest_first, upcoming_and_past
from courant.render.site.lists import ListContext, Task, cards, event_tiles, link, task_links, text
from courant.render.site.overviews import REFERENCE_DIR, TAGS_DIR, more
from courant.render.site.pages import SitePage

HOME_EVENTS = 4
HOME_INTERVIEWS = 2
HOME_TIPS = 3


@dataclass(frozen=True, slots=True)
class Welcome:
    title: str
    text: str  # Markdown


def welcome_of(config: Config, words: Words, own: tuple[str, str] | None) -> Welcome:
    """pages/index.md's heading and text when the site holds it; else the partner welcome
    of mkdocs.yml (partner site) or a plain 'Welkom'."""
    if own is not None:
        return Welcome(*own)
    settings = config.settings
    if words.partners:
        return Welcome(settings.public_welcome_title or "Welkom",
                       esc(settings.public_welcome) + "\n" if settings.public_welcome else "")
    return Welcome("Welkom", "")


BUILT_IN_TASKS = {
    "wie-benader-je-waarvoor": ("wie-benader-je-waarvoor.md", "Welke afdeling helpt bij welke "
                                "vraag van een inwoner"),
    "agenda": ("agenda/index.md", "Bijeenkomsten, trainingen en webinars"),
    "nieuws": ("nieuws/index.md", "Nieuws uit de afdelingen"),
    "collega-in-beeld": ("collega-in-beeld/index.md", "Verhalen van mensen uit het Sociaal "
                         "Domein"),
    "boekenkast": ("boekenkast/index.md", "Boeken, artikelen, video's en podcasts"),
    "afdelingen": ("afdelingen/index.md", "Wat elke afdeling doet, en hoe je haar bereikt"),
    "nieuwsbrief": ("nieuwsbrief/index.md", "Het nieuwste nummer"),
    "nieuwsbrief-ontvangen": ("nieuwsbrief-ontvangen.md", "Elke maand het nieuws in je mailbox"),
    "onderwerpen": (f"{TAGS_DIR}/index.md", "Alles over één onderwerp bij elkaar"),
    "naslag": (f"{REFERENCE_DIR}/index.md", "Vaste informatie, factsheets en werkwijzen"),
}
"""The pages courant makes that a top task may name, with the line under the task."""


def page_address(page: Page) -> str:
    """How a top task names a standing page: its address in the site ('leeracademie')."""
    return page_path(page).removesuffix(".md").removesuffix("/index")


def task_names(pages: Sequence[Item]) -> set[str]:
    """Every name a top task may have: courant's own pages and the standing pages."""
    return set(BUILT_IN_TASKS) | {page_address(p) for p in pages if isinstance(p, Page)}


def top_task_problems(names: Sequence[str], items: Sequence[Item], line: int | None,
                      problems: Problems) -> None:
    """A top task (extra.courant.top_tasks) names a page of the site: one of courant's own or
    a standing page. One that does not (a typo, a page taken away) is a warning with what
    may be written instead: the home page leaves it out, the build goes on."""
    known = task_names(items)
    pages = sorted(known - set(BUILT_IN_TASKS))
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"bedoel je '{close[0]}'? " if close else ""
            problems.add("mkdocs.yml", f"'{name}' is geen pagina van de site; {hint}kies uit "
                         + ", ".join(BUILT_IN_TASKS) + (", of een vaste pagina zoals "
                         + ", ".join(pages[:3]) if pages else "")
                         + "; tot dan staat de taak niet op de startpagina",
                         key="extra.courant.top_tasks", line=line, warning=True)


def tasks_of(names: Sequence[str], edition: EditionContent, words: Words) -> list[Task]:
    """The top tasks this site holds, in the site's words (a staff-only page is left out of
    the partner site); 'nieuwsbrief' is the latest issue."""
    pages = {page_address(p): p for p in edition.items if isinstance(p, Page)}
    tasks = []
    for name in names:
        page = pages.get(name)
        if page is not None:
            tasks.append(Task(page.title, page_path(page), page.summary or ""))
        elif name in BUILT_IN_TASKS:
            tasks.append(_built_in(name, edition, words))
    return tasks


def _built_in(name: str, edition: EditionContent, words: Words) -> Task:
    path, line = BUILT_IN_TASKS[name]
    line = line.replace("je mailbox", f"{words.your} mailbox").replace(
        "hoe je haar", f"hoe {words.you} haar")
    titles = {"wie-benader-je-waarvoor": words.guide, "onderwerpen": "Onderwerpen",
              "naslag": words.reference, "nieuwsbrief-ontvangen": "Nieuwsbrief ontvangen"}
    kinds = {"nieuws": Kind.UPDATE, "collega-in-beeld": Kind.INTERVIEW, "agenda": Kind.EVENT,
             "boekenkast": Kind.READING}
    if name == "nieuwsbrief" and edition.issues:
        latest = edition.issues[-1]
        return Task(latest.title, issue_page_path(latest.month), line)
    if name == "nieuwsbrief":
        return Task("Nieuwsbrief", path, "Alle nummers")
    title = words.index_title(kinds[name]) if name in kinds else titles[name]
    return Task(title, path, line)


def home_page(edition: EditionContent, config: Config, words: Words,
              own: tuple[str, str] | None, image_size: ImageSize | None) -> SitePage:
    path = "index.md"
    welcome = welcome_of(config, words, own)
    context = ListContext(edition, words, image_size, path)
    parts = [front("Home", hide=["navigation", "toc"], search={"exclude": True}, layout="home"),
             f"# {esc(welcome.title)}\n"]
    if welcome.text:
        parts.append(welcome.text)
    parts.append(_row(_tasks(edition, config, words, context),
                      _contact(config) if words.partners else ""))
    parts.append(_news(edition, config.settings.home_news, context))
    parts.append(_row(_agenda(edition, context), _people(edition, context)))
    parts.append(_row(_tips(edition, context), _newsletter(edition, context)))
    parts.append(_everything(edition, context))
    return SitePage(path, "\n".join(part for part in parts if part))


def _row(*sections: str) -> str:
    """Sections side by side on a wide screen (one below the other on a phone)."""
    shown = [s for s in sections if s]
    if not shown:
        return ""
    return f'<div class="courant-home-row courant-home-row--{len(shown)}">\n' + \
        "\n".join(shown) + "\n</div>\n"


def _section(css: str, heading: str, body: str) -> str:
    return (f'<div class="courant-home-{css}">\n<h2 id="{css}">{text(heading)}</h2>\n'
            f"{body}</div>")


def _tasks(edition: EditionContent, config: Config, words: Words,
           context: ListContext) -> str:
    tasks = tasks_of(config.settings.top_tasks, edition, words)
    return _section("taken", "Snel naar", task_links(tasks, context)) if tasks else ""


def _contact(config: Config) -> str:
    """The partner home's contact block: whom partners can reach, and how."""
    facts = contact_of(config)
    if not facts:
        return ""
    lines = [f"<strong>{text(facts['name'])}</strong>" if "name" in facts else "",
             text(facts.get("address", ""))]
    if "phone" in facts:
        lines.append(f'Telefoon <a href="{escape(facts["phone_href"])}">'
                     f"{text(facts['phone'])}</a>")
    if "email" in facts:
        lines.append(f'<a href="mailto:{escape(facts["email"])}">{text(facts["email"])}</a>')
    body = '<p class="courant-contact">' + "<br>".join(line for line in lines if line) + "</p>\n"
    if "hours" in facts:
        body += f'<p class="courant-contact__hours">{text(facts["hours"])}</p>\n'
    return _section("contact", "Contact", body)


def _news(edition: EditionContent, count: int, context: ListContext) -> str:
    updates = newest_first([i for i in edition.items if isinstance(i, Update)])[:count]
    body = cards(updates, context) or "<p>Er is nog geen nieuws.</p>\n"
    return _section("nieuws", "Laatste nieuws", body + more(context, Kind.UPDATE))


def _agenda(edition: EditionContent, context: ListContext) -> str:
    upcoming, _ = upcoming_and_past(edition)
    body = event_tiles(upcoming[:HOME_EVENTS], context, edition.now.date()) or \
        "<p>Er staan nog geen bijeenkomsten gepland.</p>\n"
    return _section("agenda", "Agenda", body + more(context, Kind.EVENT))


def _people(edition: EditionContent, context: ListContext) -> str:
    interviews = newest_first([i for i in edition.items if isinstance(i, Interview)])
    if not interviews:
        return ""
    body = cards(interviews[:HOME_INTERVIEWS], context, "courant-cards--portraits")
    return _section("mensen", context.words.index_title(Kind.INTERVIEW),
                    body + more(context, Kind.INTERVIEW))


def _tips(edition: EditionContent, context: ListContext) -> str:
    tips = newest_first([i for i in edition.items if isinstance(i, ReadingTip)])
    if not tips:
        return ""
    body = cards(tips[:HOME_TIPS], context, "courant-cards--small", with_text=False)
    return _section("boekenkast", "Uit de Boekenkast", body + more(context, Kind.READING))


def _newsletter(edition: EditionContent, context: ListContext) -> str:
    lines = []
    if edition.issues:
        latest = edition.issues[-1]
        lines.append(f'<p class="courant-newsletter__latest"><a href="'
                     f'{link(context, issue_page_path(latest.month))}">{text(latest.title)}</a>'
                     f"<br>Verschenen op {wording.day(latest.date)}</p>")
    lines.append(f'<p><a href="{link(context, "nieuwsbrief/index.md")}">Alle nummers</a> · '
                 f'<a href="{link(context, "nieuwsbrief-ontvangen.md")}">Nieuwsbrief '
                 "ontvangen</a></p>")
    return _section("nieuwsbrief", "Nieuwsbrief", "\n".join(lines) + "\n")


def _everything(edition: EditionContent, context: ListContext) -> str:
    """A way into every overview of the site."""
    words = context.words
    links = [(words.index_title(Kind.UPDATE), f"{SECTION_DIRS[Kind.UPDATE]}/index.md")]
    if edition.of_kind(Kind.INTERVIEW):
        links.append((words.index_title(Kind.INTERVIEW),
                      f"{SECTION_DIRS[Kind.INTERVIEW]}/index.md"))
    links += [("Agenda", "agenda/index.md"), ("Boekenkast", "boekenkast/index.md"),
              ("Afdelingen", "afdelingen/index.md"), (words.guide, "wie-benader-je-waarvoor.md"),
              ("Nieuwsbrief", "nieuwsbrief/index.md"), ("Onderwerpen", f"{TAGS_DIR}/index.md")]
    if any(isinstance(i, Page) and not i.is_home for i in edition.items):
        links.append((words.reference, f"{REFERENCE_DIR}/index.md"))
    items = "\n".join(f'<li><a href="{link(context, path)}">{text(title)}</a></li>'
                      for title, path in links)
    return _section("alles", "Alles op deze site",
                    f'<ul class="courant-linklist">\n{items}\n</ul>\n')
