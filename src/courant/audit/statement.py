"""The accessibility statement (toegankelijkheidsverklaring) of each site, from the last audit.

`courant audit --verklaring` keeps the outcome in toegankelijkheid.json at the project root
(commit it: it is the record of when the site was last tested); each `courant build` turns it
into the page "Toegankelijkheid" of both sites, as a plain SitePage from the core, so any site
engine shows it. Each site's page is made from its own part of the record only: the public
site never names an intranet page.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from courant.audit.findings import Audit, Level
from courant.render import dutch
from courant.render.markdown import esc, front
from courant.render.pages import Site, SitePage

STATEMENT_FILE = "toegankelijkheid.json"
PAGE_PATH = "toegankelijkheid.md"
FORMAT = 1
SITE_EDITION = {"intranet": "staff", "public": "partners"}
MAIL_LABEL = {"intranet": "de nieuwsbrief voor medewerkers", "public": "de nieuwsbrief voor "
              "partners"}
RULES = "alle automatisch te toetsen regels van WCAG 2.0 en 2.1 op niveau A en AA"
SHOWN_ERRORS = 25


def site_of(where: str) -> str | None:
    """Which site a finding belongs to: 'public nieuws/x/:3', 'public/…html:3', 'mail
    2026-10/partners.html' (the partner mail belongs to the public site)."""
    first, _, rest = where.replace("/", " ", 1).partition(" ")
    if first in SITE_EDITION:
        return first
    if first == "mail":
        edition = re.split(r"[ /]", rest.split(":")[0])[-1].removesuffix(".html")
        return next((site for site, e in SITE_EDITION.items() if e == edition), None)
    return None


def record_of(audit: Audit) -> dict[str, Any]:
    """What the statements show, per site: tested page types, each check's outcome for that
    site, its own errors, and the known exceptions (the theme's findings, with the reason)."""
    sites: dict[str, Any] = {}
    for site in SITE_EDITION:
        checks: list[dict[str, Any]] = []
        errors: list[str] = []
        exceptions: dict[str, str] = {}  # reason -> rule
        for check in audit.checks:
            own = [f for f in check.findings if site_of(f.where) == site]
            own_errors = [f for f in own if f.level is Level.ERROR]
            checks.append({"key": check.key, "title": check.title, "errors": len(own_errors)})
            errors += [f"{f.where}: {f.message}" for f in own_errors]
            exceptions.update((f.fix, f.rule) for f in own if f.level is Level.THEME)
        kinds = sorted({t.kind for t in audit.targets if t.site == site})
        mails = [t.path for t in audit.targets
                 if t.site == "mail" and t.path.endswith(f"/{SITE_EDITION[site]}.html")]
        sites[site] = {"page_types": kinds, "mails": mails, "checks": checks,
                       "errors": errors, "passed": not errors,
                       "exceptions": [{"rule": rule, "reason": reason}
                                      for reason, rule in exceptions.items()]}
    return {"format": FORMAT, "date": audit.date, "tools": audit.tools, "rules": RULES,
            "sites": sites}


def write_record(root: Path, audit: Audit) -> Path:
    path = root / STATEMENT_FILE
    path.write_text(json.dumps(record_of(audit), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path


def read_record(root: Path) -> dict[str, Any] | None:
    """The last audit's record; None when there is none (or it cannot be read)."""
    try:
        record = json.loads((root / STATEMENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


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
        day = dutch.day(date.fromisoformat(str(record.get("date"))))
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


def with_statement(site: Site, root: Path, key: str, contact: str | None) -> Site:
    """`site` with its page Toegankelijkheid (in every page's footer); a standing page an
    editor wrote at that path wins."""
    if any(page.path == PAGE_PATH for page in site.pages):
        return site
    page = statement_page(read_record(root), key, site.name, contact)
    return replace(site, pages=(*site.pages, page))
