"""The page "Toegankelijkheid" (the accessibility statement) of each site, from the record of the
last audit (read.statement; written by `courant audit --verklaring`), as a plain SitePage from
the core, so any site engine shows it. Each site's page is made from its own part of the
record only: the public site never names an intranet page.

The page has the form of the model statement Dutch public bodies publish (digitoegankelijk.nl):
the statement and its scope, the status (A to D), the date, what was done and what is not yet
right, how to report a problem, and where to go if that does not help; in the site's own words
(je on the intranet, u for partners).

courant tests automatically (`courant audit`); a full research by experts (WCAG-EM, all 50
requirements) is something it cannot do, so the status comes from mkdocs.yml
(extra.courant.accessibility): C while such a research is planned within six months, D
without one, A or B only with the date of one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from courant import wording
from courant.model import Kind
from courant.read.config import Config
from courant.render.markdown import esc, front
from courant.render.site.chrome import Words, contact_of, text_meta, words_for
from courant.render.site.pages import Site, SitePage

STATUS_TITLES = {
    "A": "voldoet volledig",
    "B": "voldoet gedeeltelijk",
    "C": "eerste maatregelen genomen",
    "D": "geen maatregelen genomen",
}
STAFF_GUIDE = "Wie benader je waarvoor"
PLANNED_WITHIN = timedelta(days=183)  # status C: a full research within six months
SCOPE = {"intranet": "het intranet voor medewerkers en de nieuwsbrief voor medewerkers",
         "public": "de site voor partners en de nieuwsbrief voor partners"}
SHOWN_ERRORS = 25
PAGE_PATH = "toegankelijkheid.md"
RULES = "alle automatisch te toetsen regels van WCAG 2.0 en 2.1 op niveau A en AA"


@dataclass(frozen=True, slots=True)
class Declared:
    """What the organisation declares itself (mkdocs.yml), beside courant's own test."""

    organisation: str
    site_url: str
    email: str | None = None
    phone: str | None = None
    status: str | None = None
    research: str | None = None  # YYYY-MM-DD
    report: str | None = None
    planned: str | None = None  # YYYY-MM-DD
    approved_by: str | None = None


def status_of(declared: Declared, tested: date | None) -> str:
    """The declared status, else C while a full research is planned within six months of the
    statement's date, else D."""
    if declared.status:
        return declared.status
    if declared.planned and tested is not None and \
            date.fromisoformat(declared.planned) - tested <= PLANNED_WITHIN:
        return "C"
    return "D"


def _day(value: str | None) -> str:
    try:
        return wording.day(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def declaration_page(record: dict[str, Any] | None, site: str, site_name: str,
                     declared: Declared, words: Words) -> SitePage:
    own = (record or {}).get("sites", {}).get(site)
    tested = _tested_on(record)
    status = status_of(declared, tested)
    you, your = words.you, words.your
    parts = [front("Toegankelijkheid", "Hoe toegankelijk deze site is, en wat we eraan doen",
                   **text_meta()),
             "# Toegankelijkheid\n",
             f"We willen dat iedereen {esc(site_name)} kan gebruiken: ook wie een schermlezer "
             "gebruikt, alleen met het toetsenbord werkt of de tekst vergroot. Op deze pagina "
             f"{'leest u' if words.partners else 'lees je'} hoe ver we daarmee zijn.\n",
             "## Verklaring\n",
             f"Wij, {esc(declared.organisation)}, willen dat onze sites toegankelijk zijn, "
             "volgens het Besluit digitale toegankelijkheid overheid (de Europese norm "
             "EN 301 549, en daarmee WCAG 2.1 op niveau A en AA). Deze verklaring gaat over "
             f"{SCOPE[site]}: "
             f"<{declared.site_url}>.\n",
             f"## Status: {status} ({STATUS_TITLES[status]})\n",
             _status_text(status, declared, words) + "\n",
             "## Datum\n",
             (f"Deze verklaring is van {wording.day(tested)}" if tested else
              "Deze verklaring is nog niet gedateerd: de site is nog niet getest")
             + (f" en goedgekeurd door {esc(declared.approved_by)}" if declared.approved_by
                else "") + ". We werken haar bij na elke nieuwe test.\n"]
    parts += _measures(record or {}, own, words) if own else [
        "## Wat we hebben gedaan\n",
        "Deze site is nog niet getest. Na de eerste controle staat hier wat er getest is, "
        "wanneer, en met welk resultaat.\n"]
    parts += _not_yet(own, words)
    parts += _contact(declared, words)
    parts += ["## Niet tevreden?\n",
              f"Bent {you} niet tevreden over hoe we met {your} melding omgaan? Dien dan een "
              f"klacht in bij {esc(declared.organisation)}. Komen we er samen niet uit, dan "
              f"{words.you_can} terecht bij de Nationale ombudsman.\n"
              if words.partners else
              f"Ben {you} niet tevreden over hoe we met {your} melding omgaan? Bespreek het met "
              f"{your} leidinggevende of dien een klacht in bij {esc(declared.organisation)}. "
              f"Komen we er samen niet uit, dan {words.you_can} terecht bij de Nationale "
              "ombudsman.\n"]
    return SitePage(PAGE_PATH, "\n".join(parts))


def _tested_on(record: dict[str, Any] | None) -> date | None:
    try:
        return date.fromisoformat(str((record or {}).get("date")))
    except ValueError:
        return None


def _status_text(status: str, declared: Declared, words: Words) -> str:
    research = (f"een volledig onderzoek door deskundigen van {_day(declared.research)}"
                + (f" ([het rapport]({declared.report}))" if declared.report else ""))
    if status == "A":
        return f"Deze site voldoet aan alle eisen. Dat blijkt uit {research}."
    if status == "B":
        return (f"Deze site voldoet nog niet aan alle eisen. Dat blijkt uit {research}. "
                "Hieronder staat wat nog niet goed is en wat we eraan doen.")
    planned = (f"Er is nog geen volledig onderzoek door deskundigen gedaan; dat staat gepland "
               f"voor {_day(declared.planned)}." if status == "C" and declared.planned else
               "Er is nog geen volledig onderzoek door deskundigen gedaan, en er staat er nog "
               "geen gepland.")
    return (f"{planned} Tot die tijd controleren we de site automatisch, bij elke nieuwe "
            f"versie: hieronder leest {words.you} hoe, en met welk resultaat.")


def _measures(record: dict[str, Any], own: dict[str, Any], words: Words) -> list[str]:
    tested = _tested_on(record)
    kinds = ", ".join(esc(_in_words(k, words)) for k in own.get("page_types", []))
    tools = ", ".join(f"{esc(name)} {esc(version)}"
                      for name, version in record.get("tools", {}).items())
    lines = ["## Wat we hebben gedaan\n",
             f"Op {wording.day(tested) if tested else esc(str(record.get('date')))} is deze site "
             "automatisch getest:\n",
             "- **Elke soort pagina**, in een echte browser, op de regels van WCAG 2.1 (A en AA) "
             "die een computer kan controleren, in de lichte en in de donkere weergave: "
             f"{kinds}.",
             "- **De code** van alle pagina's en van de nieuwsbrief.",
             "- **Alle links en afbeeldingen**: leidt elke link ergens heen?",
             "- **Privacy**: de site haalt niets op bij een andere partij.",
             "- **De nieuwsbrief** in Outlook, Gmail en Apple Mail.\n" if own.get("mails")
             else "",
             "Daarnaast krijgen de redacteuren bij het schrijven een waarschuwing bij een "
             "afbeelding zonder beschrijving, een link als 'klik hier', een kopje dat een niveau "
             "overslaat en te lange zinnen (taalniveau B1), en hebben de kleuren van de site "
             "genoeg contrast.\n",
             "| Onderdeel | Resultaat |", "|---|---|"]
    for check in own.get("checks", []):
        count = int(check.get("errors", 0))
        outcome = "in orde" if not count else f"{count} {'fout' if count == 1 else 'fouten'}"
        lines.append(f"| {esc(str(check.get('title', '')))} | {outcome} |")
    lines.append(f"\nGebruikt: {tools}.\n{{ .courant-meta }}\n")
    return [line for line in lines if line]


def _in_words(kind: str, words: Words) -> str:
    """A page type as the site calls it ('Collega in beeld' is 'Mensen in beeld' for
    partners)."""
    for staff, own in ((STAFF_GUIDE, words.guide),
                       ("Collega in beeld", words.index_title(Kind.INTERVIEW))):
        kind = kind.replace(staff, own)
    return kind


def _not_yet(own: dict[str, Any] | None, words: Words) -> list[str]:
    lines = ["## Wat nog niet goed is\n"]
    errors = (own or {}).get("errors", [])
    if errors:
        lines.append(f"De automatische test vond {len(errors)} "
                     f"{'probleem' if len(errors) == 1 else 'problemen'}. We lossen "
                     f"{'het' if len(errors) == 1 else 'ze'} zo snel mogelijk op:\n")
        lines += [f"- {esc(str(e))}" for e in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            lines.append(f"- en nog {len(errors) - SHOWN_ERRORS} meer")
        lines.append("")
    elif own:
        lines.append("De automatische test vond geen problemen.\n")
    lines.append("Een automatische test vindt niet alles: ongeveer een derde van de eisen is "
                 "door een computer te controleren. Of teksten duidelijk zijn, beschrijvingen "
                 "van afbeeldingen kloppen en alles met het toetsenbord werkt, moet een mens "
                 "beoordelen. Merkt " + words.you + " iets? Laat het ons weten.\n")
    return lines


def _contact(declared: Declared, words: Words) -> list[str]:
    you = words.you
    ways = []
    if declared.email:
        ways.append(f"mail naar [{esc(declared.email)}](mailto:{declared.email})")
    if declared.phone:
        digits = "".join(c for c in declared.phone if c.isdigit() or c == "+")
        ways.append(f"bel [{esc(declared.phone)}](tel:{digits})")
    if not ways:
        return []
    verb, has = ("Loopt u", "heeft u") if words.partners else ("Loop je", "heb je")
    how = " of ".join(ways)
    return ["## Iets werkt niet?\n",
            f"{verb} op deze site of in de nieuwsbrief ergens tegenaan, of {has} een vraag over "
            f"toegankelijkheid? {how[0].upper() + how[1:]}, en zeg op welke "
            f"pagina. We laten {you} weten wat we eraan doen, en helpen {you} zo nodig op een "
            "andere manier.\n"]


def statement_page(record: dict[str, Any] | None, site: str, site_name: str,
                   declared: Declared | str | None) -> SitePage:
    """The page "Toegankelijkheid" of `site` ("intranet" or "public"), in the model's form;
    `declared` may be just the contact address."""
    if not isinstance(declared, Declared):
        declared = Declared(site_name, "", email=declared)
    return declaration_page(record, site, site_name, declared, words_for(site == "public"))


def declared_of(config: Config, site: str) -> Declared:
    """What mkdocs.yml declares for the statement of `site` (extra.courant.accessibility,
    contact)."""
    facts = contact_of(config)
    access = config.settings.accessibility
    return Declared(facts.get("name") or config.site_name,
                    config.public_url if site == "public" else config.site_url,
                    facts.get("email"), facts.get("phone"), access.status, access.research,
                    access.report, access.planned, access.approved_by)


def with_statement(site: Site, record: dict[str, Any] | None, key: str, config: Config) -> Site:
    """`site` with its page Toegankelijkheid (linked from every page's footer) from the last
    audit's `record` (read.statement); a standing page an editor wrote at that path wins."""
    if any(page.path == PAGE_PATH for page in site.pages):
        return site
    page = statement_page(record, key, site.name, declared_of(config, key))
    return replace(site, pages=(*site.pages, page))
