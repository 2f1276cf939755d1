"""What the audit finds, as plain data: one Finding per problem, one Check per kind of test."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    ERROR = "fout"  # fails the audit
    THEME = "thema"  # the theme's (Material's) own markup: listed, with the reason, not failed
    NOTE = "opmerking"  # worth knowing; fails nothing (a mail fallback in place, a warning)


@dataclass(frozen=True, slots=True)
class Target:
    """One thing the audit opens: a page of a site or a mail."""

    site: str  # "intranet", "public" or "mail"
    path: str  # below dist/<site>/, e.g. "nieuws/x/index.html" or "2026-10/staff.html"
    kind: str  # the page type in Dutch, e.g. "Nieuwsbericht", "Mail medewerkers"

    @property
    def name(self) -> str:
        """How reports name it: 'intranet nieuws/x/' or 'mail 2026-10/staff.html'."""
        shown = self.path.removesuffix("index.html") or "/"
        return f"{self.site} {shown}"


@dataclass(frozen=True, slots=True)
class Finding:
    where: str  # a Target.name, or a file below dist/ with its line
    rule: str  # axe rule id, "html", "kapotte-link", "derde-partij", a caniemail feature, ...
    message: str
    fix: str = ""  # what to do about it
    element: str = ""  # the element or markup concerned
    level: Level = Level.ERROR

    def as_text(self) -> str:
        lines = [f"{self.where}: [{self.rule}] {self.message}"]
        if self.element:
            lines.append(f"    element: {self.element}")
        if self.fix:
            lines.extend(f"    {line}" for line in self.fix.splitlines() if line.strip())
        return "\n".join(lines)


@dataclass(slots=True)
class Check:
    """One kind of test over all targets: its name, what it tested, and what it found."""

    key: str  # "toegankelijkheid", "html", "links", "verzoeken", "mail"
    title: str  # "Toegankelijkheid (axe-core 4.14.1, WCAG 2.1 A en AA)"
    tested: str  # "38 pagina's en 2 mails"
    findings: list[Finding] = field(default_factory=list)

    def of(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.level is level]

    @property
    def passed(self) -> bool:
        return not self.of(Level.ERROR)

    def summary(self) -> str:
        errors, theme, notes = (len(self.of(level)) for level in Level)
        extra = [f"{theme} van het thema" if theme else "", f"{notes} opmerkingen" if notes else ""]
        more = "; ".join(e for e in extra if e)
        verdict = "in orde" if self.passed else f"{errors} {'fout' if errors == 1 else 'fouten'}"
        return f"{self.title}: {verdict} ({self.tested}{'; ' + more if more else ''})"


@dataclass(frozen=True, slots=True)
class Weight:
    """Bytes a page loads, per sort (uncompressed, as the files are in dist/)."""

    target: Target
    html: int = 0
    css: int = 0
    js: int = 0
    images: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.images + self.other


@dataclass(slots=True)
class Audit:
    date: str  # ISO date (courant's clock: SOURCE_DATE_EPOCH when set)
    tools: dict[str, str]
    targets: list[Target]
    checks: list[Check]
    weights: list[Weight] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "passed": self.passed,
            "tools": self.tools,
            "targets": [asdict(t) | {"name": t.name} for t in self.targets],
            "checks": [{"key": c.key, "title": c.title, "tested": c.tested, "passed": c.passed,
                        "summary": c.summary(),
                        "findings": [asdict(f) for f in c.findings]} for c in self.checks],
            "weights": [{"target": w.target.name, "html": w.html, "css": w.css, "js": w.js,
                         "images": w.images, "other": w.other, "total": w.total}
                        for w in self.weights],
        }
