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
from pathlib import Path
from typing import Any

from courant.audit.declaration import Declared, declaration_page
from courant.audit.findings import Audit, Level
from courant.config import Config
from courant.render.chrome import contact_of, words_for
from courant.render.pages import Site, SitePage

STATEMENT_FILE = "toegankelijkheid.json"
PAGE_PATH = "toegankelijkheid.md"
FORMAT = 1
SITE_EDITION = {"intranet": "staff", "public": "partners"}
RULES = "alle automatisch te toetsen regels van WCAG 2.0 en 2.1 op niveau A en AA"


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
                   declared: Declared | str | None) -> SitePage:
    """The page "Toegankelijkheid" of `site` ("intranet" or "public"), in the model's form
    (audit/declaration.py); `declared` may be just the contact address."""
    if not isinstance(declared, Declared):
        declared = Declared(site_name, "", email=declared)
    return declaration_page(record, site, site_name, declared, words_for(site == "public"))


def declared_of(config: Config, site: str) -> Declared:
    """What mkdocs.yml declares for the statement of `site` (extra.courant.accessibility,
    contact)."""
    settings = config.settings
    facts = contact_of(config)
    access = settings.accessibility
    return Declared(facts.get("name") or config.site_name,
                    config.public_url if site == "public" else config.site_url,
                    facts.get("email"), facts.get("phone"), access.status, access.research,
                    access.report, access.planned, access.approved_by)


def with_statement(site: Site, root: Path, key: str, config: Config) -> Site:
    """`site` with its page Toegankelijkheid (in every page's footer); a standing page an
    editor wrote at that path wins."""
    if any(page.path == PAGE_PATH for page in site.pages):
        return site
    page = statement_page(read_record(root), key, site.name, declared_of(config, key))
    return replace(site, pages=(*site.pages, page))
