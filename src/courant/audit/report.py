"""The audit as readable text (a summary line per check, then the details) and as JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from courant.audit.findings import Audit, Level, Weight

RULE = "-" * 78


def text_report(audit: Audit) -> str:
    pages = [t for t in audit.targets if t.site != "mail"]
    mails = [t for t in audit.targets if t.site == "mail"]
    lines = [f"courant audit, {audit.date}",
             f"In de browser: {len(pages)} pagina's (één van elke soort, beide sites) en "
             f"{len(mails)} mails",
             "Gereedschap: " + ", ".join(f"{name} {version}"
                                         for name, version in audit.tools.items()),
             ""]
    lines += [f"{'OK  ' if c.passed else 'FOUT'}  {c.summary()}" for c in audit.checks]
    for check in audit.checks:
        errors = check.of(Level.ERROR)
        if errors:
            lines += ["", f"{check.title}: fouten", RULE]
            lines += [f.as_text() for f in errors]
    lines += _grouped(audit, Level.THEME, "Van het thema (Material), niet door courant te "
                      "verhelpen; met de reden")
    lines += _grouped(audit, Level.NOTE, "Opmerkingen (terugval in de mails, gedeeltelijke "
                      "ondersteuning)")
    lines += ["", "Gewicht per pagina in bytes (zoals in dist/, zonder gzip)", RULE,
              *weight_table(audit.weights)]
    count = sum(len(c.of(Level.ERROR)) for c in audit.checks)
    lines += ["", "Resultaat: geslaagd" if audit.passed else
              f"Resultaat: NIET geslaagd ({count} {'fout' if count == 1 else 'fouten'})"]
    return "\n".join(lines) + "\n"


def _grouped(audit: Audit, level: Level, title: str) -> list[str]:
    """Findings of one level, the same message counted once: 'N×  message (reason)'."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for check in audit.checks:
        for finding in check.of(level):
            counts[(finding.rule, finding.message, finding.fix)] += 1
    if not counts:
        return []
    lines = ["", title, RULE]
    for (rule, message, fix), count in sorted(counts.items()):
        lines.append(f"{count:>4}×  [{rule}] {message}")
        if level is Level.THEME and fix:
            lines.append(f"       reden: {fix}")
    return lines


def weight_table(weights: list[Weight]) -> list[str]:
    head = f"{'pagina':<44}{'HTML':>9}{'CSS':>9}{'JS':>9}{'beeld':>9}{'overig':>9}{'totaal':>10}"
    rows = [head]
    for w in weights:
        name = w.target.name if len(w.target.name) <= 43 else "…" + w.target.name[-42:]
        rows.append(f"{name:<44}{w.html:>9}{w.css:>9}{w.js:>9}{w.images:>9}{w.other:>9}"
                    f"{w.total:>10}")
    if weights:
        rows.append(f"{'grootste':<44}{'':>45}{max(w.total for w in weights):>10}")
    return rows


def write_json(audit: Audit, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(audit.as_dict(), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
