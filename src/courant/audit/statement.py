"""The record of the last audit for the accessibility statement (toegankelijkheidsverklaring).

`courant audit --verklaring` keeps the outcome in toegankelijkheid.json at the project root
(commit it: it is the record of when the site was last tested), per site; each `courant build`
reads it (read/statement.py) and makes the page "Toegankelijkheid" of both sites from it
(render/site/statement.py). Each site's part holds its own findings only: the public site's
page never names an intranet page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from courant.audit.findings import Audit, Level
from courant.read.statement import FORMAT, STATEMENT_FILE
from courant.render.site.statement import RULES

SITE_EDITION = {"intranet": "staff", "public": "partners"}


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
