"""newsletter/YYYY-MM.sent.yml: the record `courant send` keeps of an issue that went out.

Per edition (staff, partners) the time it was sent, how (by courant, or by other means with
--mark-sent) and the items and events it held; never an address. The file is committed with
the sources; from then on the build makes that edition of the issue from it and nothing else.
An example:

    partners:
      sent: '2026-11-26T08:00:00+01:00'
      how: courant send
      items:
      - source: content/updates/2026-11-pilot.md
        title: De pilot huisbezoek
      agenda:
      - source: content/agenda/2026/spotlights-december.md
        title: 'Spotlights: de nieuwe Wmo-verordening'
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from courant.model import NEWSLETTER_EDITIONS, Content, Issue, Sent
from courant.problems import Problems

SUFFIX = ".sent.yml"
HOW = ("courant send", "courant send --mark-sent")


def record_path(month: str) -> PurePosixPath:
    """newsletter/2026-11.sent.yml, relative to the project."""
    return PurePosixPath("newsletter") / f"{month}{SUFFIX}"


def with_sent_records(root: Path, content: Content, problems: Problems) -> Content:
    """`content` with every issue's record of what was sent; a record that cannot be read, or
    that belongs to no issue, is a problem naming the file."""
    records = {}
    for path in sorted((root / "newsletter").glob(f"*{SUFFIX}")):
        month = path.name.removesuffix(SUFFIX)
        sent = read_record(path, f"newsletter/{path.name}", problems)
        if sent is not None:
            records[month] = sent
    months = {issue.month for issue in content.issues}
    for month in sorted(set(records) - months):
        problems.add(str(record_path(month)), f"hoort bij newsletter/{month}.md, maar dat "
                     "nummer bestaat niet (meer); zet het nummer terug, of haal dit bestand "
                     "alleen weg als het nooit verstuurd is")
    if not records:
        return content
    issues = tuple(_with(issue, records.get(issue.month, ())) for issue in content.issues)
    return replace(content, issues=issues)


def _with(issue: Issue, sent: tuple[Sent, ...]) -> Issue:
    return replace(issue, sent=sent) if sent else issue


def read_record(path: Path, name: str, problems: Problems) -> tuple[Sent, ...] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        problems.add(name, f"kan niet gelezen worden ({err.__class__.__name__}); dit bestand "
                     "schrijft courant send: zet de versie uit git terug",
                     line=mark.line + 1 if mark else None)
        return None
    if not isinstance(data, dict) or not data:
        problems.add(name, "is geen verslag van een verzending; dit bestand schrijft courant "
                     "send: zet de versie uit git terug")
        return None
    found = []
    for edition, entry in data.items():
        sent = _edition(name, str(edition), entry, problems)
        if sent is not None:
            found.append(sent)
    return tuple(sorted(found, key=lambda s: NEWSLETTER_EDITIONS.index(s.edition)))


def _edition(name: str, edition: str, entry: Any, problems: Problems) -> Sent | None:
    if edition not in NEWSLETTER_EDITIONS:
        problems.add(name, f"'{edition}' is geen editie; kies uit staff en partners",
                     key=edition)
        return None
    if not isinstance(entry, dict):
        problems.add(name, "moet 'sent', 'how', 'items' en 'agenda' bevatten", key=edition)
        return None
    time = _time(entry.get("sent"))
    if time is None:
        problems.add(name, f"'{entry.get('sent')}' is geen tijdstip met tijdzone, zoals "
                     "'2026-11-26T08:00:00+01:00'", key=f"{edition}.sent")
        return None
    how = str(entry.get("how") or HOW[0])
    if how not in HOW:
        problems.add(name, f"'{how}' is onbekend; kies uit: {', '.join(HOW)}",
                     key=f"{edition}.how")
        return None
    lists = [_sources(name, f"{edition}.{key}", entry.get(key), problems)
             for key in ("items", "agenda")]
    if lists[0] is None or lists[1] is None:
        return None
    return Sent(edition, time, lists[0], lists[1], how)


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _sources(name: str, key: str, value: Any,
             problems: Problems) -> tuple[PurePosixPath, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
            isinstance(v, dict) and isinstance(v.get("source"), str) for v in value):
        problems.add(name, "moet een lijst zijn van stukken, elk met 'source' (het pad van het "
                     "bronbestand)", key=key)
        return None
    return tuple(PurePosixPath(v["source"]) for v in value)
