"""HTML validation with the Nu Html Checker (npm vnu-jar, run with Debian's Java).

Java starts slowly, so vnu runs once over every page of both sites and every mail. Its errors
in markup courant makes (its templates, its generated Markdown, the mail) fail the audit.
Errors in markup that Material writes outside any template block courant could override are
listed separately, each with the reason it stays (THEME_FINDINGS).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from courant.audit.findings import Finding, Level


@dataclass(frozen=True, slots=True)
class ThemeFinding:
    """A vnu error in the theme's own markup: recognised by message and markup, with why."""

    message: str  # a part of vnu's message
    markup: str  # a part of the markup vnu quotes
    reason: str


THEME_FINDINGS = (
    ThemeFinding(
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "Material (base.html) zet autocomplete=\"off\" op zijn verborgen schakelaars voor "
        "menu en zoeken, buiten elk blok dat een thema kan vervangen; het voorkomt dat een "
        "browser ze na 'terug' open laat staan. Browsers en hulpmiddelen negeren het "
        "attribuut op een checkbox: geen gevolg voor bezoekers."),
    ThemeFinding(
        "Bad value “” for attribute “tabindex” on element “label”",
        'class="md-nav__link',
        "Material (partials/nav-item.html) zet tabindex=\"\" op het kopje van een menusectie "
        "wanneer het menu tabbladen heeft (navigation.tabs): daar is het kopje geen schakelaar "
        "die open en dicht gaat. Browsers lezen een lege waarde als geen tabindex: het kopje "
        "is dan, zoals bedoeld, geen stop voor de Tab-toets. Geen gevolg voor bezoekers."),
)


@dataclass(frozen=True, slots=True)
class VnuRun:
    version: str
    findings: list[Finding]
    warnings: int  # vnu's warnings and notes: counted, not failed


def vnu_version(jar: Path) -> str:
    done = subprocess.run(["java", "-jar", str(jar), "--version"], capture_output=True,
                          text=True, check=False)
    return done.stdout.strip().split(" ")[0] or "onbekend"


def validate(jar: Path, files: Sequence[Path], dist: Path) -> VnuRun:
    """Run vnu once over `files`; findings name the file below `dist` and the line."""
    if not files:
        return VnuRun(vnu_version(jar), [], 0)
    done = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                           *map(str, files)], capture_output=True, text=True, check=False)
    try:
        messages = json.loads(done.stderr)["messages"]
    except (ValueError, KeyError):
        messages = [{"type": "non-document-error",
                     "message": f"vnu gaf geen uitslag: {done.stderr.strip()[:300]}"}]
    findings = [classify(m, dist) for m in messages if is_error(m)]
    warnings = sum(1 for m in messages if not is_error(m))
    return VnuRun(vnu_version(jar), findings, warnings)


def is_error(message: dict[str, object]) -> bool:
    """vnu's errors (also 'fatal' and non-document errors); 'info' messages are not."""
    return message.get("type") in {"error", "non-document-error"}


def classify(message: dict[str, object], dist: Path) -> Finding:
    """A vnu error as a finding: courant's own (fails), or the theme's (listed, with why)."""
    text = str(message.get("message", ""))
    extract = " ".join(str(message.get("extract", "")).split())
    where = _where(str(message.get("url", "")), dist, message.get("lastLine"))
    for theme in THEME_FINDINGS:
        if theme.message in text and theme.markup in extract:
            return Finding(where, "html", text, theme.reason, extract, Level.THEME)
    return Finding(where, "html", text, "", extract)


def _where(url: str, dist: Path, line: object) -> str:
    path = Path(unquote(urlsplit(url).path)) if url else None
    shown = url
    if path is not None:
        try:
            shown = path.relative_to(dist.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
    return f"{shown}:{line}" if line else shown
