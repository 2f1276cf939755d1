"""What surrounds every page of a site: its words for readers (je or u), the line above its
header, its footer, the 404 page and the line a printed page carries.

Both sites come from one mkdocs.yml; what differs per site is decided here, from courant's
settings, as plain data the engine hands to the theme (`Site.theme`, for MkDocs
`config.extra.courant_site`; theme/overrides/main.html shows it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from courant.model import Kind
from courant.read.config import Config
from courant.wording import KIND_LABELS

AGENDA_FILE = "agenda.ics"


@dataclass(frozen=True, slots=True)
class Words:
    """How a site speaks to its readers: staff as 'je', partners as 'u', and the titles that
    change with that (a partner is nobody's colleague)."""

    partners: bool

    @property
    def you(self) -> str:
        return "u" if self.partners else "je"

    @property
    def your(self) -> str:
        return "uw" if self.partners else "je"

    @property
    def you_can(self) -> str:
        return "kunt u" if self.partners else "kun je"

    @property
    def guide(self) -> str:
        """The page that says which department to approach about what."""
        return "Wie benadert u waarvoor" if self.partners else "Wie benader je waarvoor"

    @property
    def reference(self) -> str:
        """The menu section of the standing pages."""
        return "Informatie" if self.partners else "Naslag"

    def index_title(self, kind: Kind) -> str:
        """The title of a kind's overview page, and of its entry in the menu."""
        if kind is Kind.INTERVIEW:
            return "Mensen in beeld" if self.partners else "Collega in beeld"
        return INDEX_TITLES[kind]

    def kind_label(self, kind: Kind) -> str:
        """The label above an entry of that kind in a list ('Nieuws', 'Interview')."""
        return "Interview" if kind is Kind.INTERVIEW else ENTRY_LABELS[kind]


INDEX_TITLES = {kind: KIND_LABELS[kind] for kind in
                (Kind.UPDATE, Kind.INTERVIEW, Kind.EVENT, Kind.READING, Kind.ADVISER,
                 Kind.BOOKLET)}
"""The overview pages' titles (and their menu entries), as the intranet says them."""
ENTRY_LABELS = {Kind.UPDATE: "Nieuws", Kind.EVENT: "Bijeenkomst", Kind.READING: "Tip",
                Kind.PAGE: "Informatie", Kind.ADVISER: "Vraagbaak", Kind.BOOKLET: "Boekje"}
"""The label above one entry of a list (an interview is 'Interview')."""


def words_for(partners: bool) -> Words:
    return Words(partners)


STAFF_INTERVIEWS = "Collega in beeld"


def sections_in_words(sections: Sequence[tuple[Kind, str]],
                      words: Words) -> tuple[tuple[Kind, str], ...]:
    """The newsletter's section titles as this edition says them: the partner edition calls
    the interviews by its own title while mkdocs.yml keeps the staff one ("Collega in
    beeld"); a title of the administrator's own choosing stays as written."""
    return tuple((kind, words.index_title(kind) if kind is Kind.INTERVIEW
                  and title == STAFF_INTERVIEWS else title) for kind, title in sections)


HOME_CRUMB = {"title": "Home", "url": ""}


def text_meta(*crumbs: dict[str, str]) -> dict[str, Any]:
    """A page of text courant makes (Privacy, Toegankelijkheid): one column, breadcrumbs."""
    return {"hide": ["navigation", "toc"], "layout": "article", "crumbs": [HOME_CRUMB, *crumbs]}


NEWSLETTER_CRUMB = {"title": "Nieuwsbrief", "url": "nieuwsbrief/"}


def archive_meta() -> dict[str, Any]:
    """The newsletter archive: a list (out of the search), in the menu's Nieuwsbrief."""
    return {"hide": ["toc"], "search": {"exclude": True}, "crumbs": [HOME_CRUMB]}


def issue_meta() -> dict[str, Any]:
    """An issue's web version: its entries are found on their own pages, so the issue stays
    out of the search; breadcrumbs lead back to the archive."""
    return {"hide": ["navigation", "toc"], "search": {"exclude": True}, "layout": "issue",
            "crumbs": [HOME_CRUMB, NEWSLETTER_CRUMB]}


def webcal_url(site_url: str) -> str:
    """The agenda to subscribe to: webcal:// makes a calendar program subscribe to it
    (https:// would download a copy once)."""
    return "webcal://" + site_url.split("://", 1)[-1] + AGENDA_FILE


def tel_href(phone: str) -> str:
    """'14 0488' -> 'tel:140488'; '(0488) 12 34 56' -> 'tel:0488123456'."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


def contact_of(config: Config) -> dict[str, str]:
    """The contact facts both sites show (the footer, the partner home): only those set."""
    contact = config.settings.contact
    copyright_line = config.raw.get("copyright")
    facts = {
        "name": contact.name or (str(copyright_line) if copyright_line else ""),
        "address": contact.address or "",
        "phone": contact.phone or "",
        "phone_href": tel_href(contact.phone) if contact.phone else "",
        "email": contact.email or config.settings.mail.reply_to or "",
        "hours": contact.hours or "",
    }
    return {key: value for key, value in facts.items() if value}


def site_theme(config: Config, partners: bool, site_url: str) -> dict[str, Any]:
    """What the theme shows around the pages of one site; every path relative to the site
    (the theme makes it relative to the page), the agenda's webcal:// address absolute."""
    words = words_for(partners)
    tagline = (config.settings.public_tagline or "Voor partners van het Sociaal Domein"
               ) if partners else (config.settings.tagline or "Intranet voor medewerkers")
    return {
        "audience": "partners" if partners else "staff",
        "tagline": tagline,
        "contact": contact_of(config),
        "about": [
            {"title": "Nieuwsbrief ontvangen", "url": "nieuwsbrief-ontvangen/"},
            {"title": "Alle nummers van de nieuwsbrief", "url": "nieuwsbrief/"},
            {"title": "Toegankelijkheid", "url": "toegankelijkheid/"},
            {"title": "Privacy", "url": "privacy/"},
        ],
        "follow": [
            {"title": "Agenda in " + words.your + " agenda (webcal)", "url": webcal_url(site_url),
             "absolute": True},
            {"title": "Nieuws als Atom-feed", "url": "feed.xml"},
            {"title": "Nieuws als RSS-feed", "url": "rss.xml"},
        ],
        "address": site_url,
        "not_found": not_found_words(words),
    }


def not_found_words(words: Words) -> dict[str, str]:
    you, your = words.you, words.your
    return {
        "title": "Pagina niet gevonden",
        "text": f"Deze pagina bestaat niet (meer). Misschien is hij verplaatst, of is het adres "
                f"niet helemaal goed overgenomen. Zoek hieronder wat {you} zocht, of begin op de "
                "startpagina.",
        "search": "Zoek op deze site",
        "button": "Zoeken",
        "home": "Naar de startpagina",
        "hint": f"Kwam {you} hier via een link op onze site? Laat het ons weten, dan passen we "
                f"de link aan. Dank voor {your} hulp.",
    }
