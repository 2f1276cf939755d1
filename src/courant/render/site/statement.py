"""The page "Toegankelijkheid" (the accessibility statement) of each site, from the record of the
last audit (read.statement; written by `courant audit --verklaring`), as a plain SitePage from
the core, so any site engine shows it. Each site's page is made from its own part of the
record only: the public site never names an intranet page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from courant import wording
from courant.render.markdown import esc, front
from courant.render.site.pages import Site, SitePage

PAGE_PATH = "toegankelijkheid.md"
MAIL_LABEL = {"intranet": "de nieuwsbrief voor medewerkers", "public": "de nieuwsbrief voor "
              "partners"}
RULES = "alle automatisch te toetsen regels van WCAG 2.0 en 2.1 op niveau A en AA"
SHOWN_ERRORS = 25


def statement_page(record: dict[str, Any] | None, site: str, site_name: str,
                   contact: str | None) -> SitePage:
    """The page "Toegankelijkheid" of `site` ("intranet" or "public")."""
    parts = [front("Toegankelijkheid"), "# Toegankelijkheid\n",
             f"We willen dat iedereen {esc(site_name)} kan gebruiken, ook wie een "
             "schermlezer gebruikt, alleen met het toetsenbord werkt of de tekst vergroot. Als "
             "overheid moeten we voldoen aan de Europese norm EN 301 549 en daarmee aan WCAG "
             "2.1 op niveau A en AA (Besluit digitale toegankelijkheid overheid).\n"]
    own = (record or {}).get("sites", {}).get(site)
    if not own:
        parts.append("Deze site is nog niet getest. Na de eerste controle staat hier wat er "
                     "getest is, wanneer, en met welk resultaat.\n")
    else:
        parts += _tested(record or {}, own, site) + _result(own) + _exceptions(own)
    if contact:
        parts.append("## Iets werkt niet?\n")
        parts.append("Loopt u op deze site of in de nieuwsbrief ergens tegenaan? Laat het ons "
                     f"weten via [{esc(contact)}](mailto:{contact}); zeg op welke pagina, dan "
                     "lossen we het op of helpen we u op een andere manier.\n")
    return SitePage(PAGE_PATH, "\n".join(parts))


def _tested(record: dict[str, Any], own: dict[str, Any], site: str) -> list[str]:
    try:
        day = wording.day(date.fromisoformat(str(record.get("date"))))
    except ValueError:
        day = str(record.get("date"))
    tools = ", ".join(f"{esc(name)} {esc(version)}"
                      for name, version in record.get("tools", {}).items())
    kinds = ", ".join(esc(k) for k in own.get("page_types", []))
    lines = ["## Wat is er getest\n",
             f"Op {day} is deze site automatisch getest (met `courant audit`):\n",
             f"- **Pagina's**: één pagina van elke soort: {kinds}.",
             "- **Regels**: " + esc(str(record.get("rules", RULES))) + ", met axe-core in "
             "een echte browser.",
             "- **Code**: de HTML van alle pagina's, met de Nu Html Checker.",
             "- **Links**: alle links en afbeeldingen van alle pagina's.",
             "- **Privacy**: of een pagina iets ophaalt bij een andere partij dan de site zelf."]
    if own.get("mails"):
        lines.append(f"- **Nieuwsbrief**: {MAIL_LABEL[site]}, in Outlook (Windows), Gmail en "
                     "Apple Mail (volgens caniemail.com).")
    lines.append(f"- **Gereedschap**: {tools}.\n")
    return lines


def _result(own: dict[str, Any]) -> list[str]:
    lines = ["## Resultaat\n", "| Onderdeel | Resultaat |", "|---|---|"]
    for check in own.get("checks", []):
        count = int(check.get("errors", 0))
        outcome = "in orde" if not count else f"{count} {'fout' if count == 1 else 'fouten'}"
        lines.append(f"| {esc(str(check.get('title', '')))} | {outcome} |")
    lines.append("")
    errors = own.get("errors", [])
    if errors:
        lines.append("Dit voldoet nog niet; we werken eraan:\n")
        lines += [f"- {esc(str(e))}" for e in errors[:SHOWN_ERRORS]]
        if len(errors) > SHOWN_ERRORS:
            lines.append(f"- en nog {len(errors) - SHOWN_ERRORS} meer")
        lines.append("")
    else:
        lines.append("De automatische test vond geen fouten.\n")
    return lines


def _exceptions(own: dict[str, Any]) -> list[str]:
    lines = ["## Bekende uitzonderingen\n"]
    for item in own.get("exceptions", []):
        lines.append(f"- {esc(str(item.get('reason', '')))}")
    lines.append("- Een automatische test vindt niet alles: ongeveer een derde van de "
                 "WCAG-eisen is automatisch te toetsen. Of teksten duidelijk zijn, "
                 "alt-teksten kloppen en alles met het toetsenbord te bedienen is, is niet "
                 "door een deskundige handmatig getoetst.\n")
    return lines


def with_statement(site: Site, record: dict[str, Any] | None, key: str,
                   contact: str | None) -> Site:
    """`site` with its page Toegankelijkheid (last in the menu) from the last audit's `record`
    (read.statement); a standing page an editor wrote at that path wins."""
    if any(page.path == PAGE_PATH for page in site.pages):
        return site
    page = statement_page(record, key, site.name, contact)
    return replace(site, pages=(*site.pages, page),
                   nav=[*site.nav, {"Toegankelijkheid": PAGE_PATH}])
