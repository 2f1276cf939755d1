"""Writing newsletter/YYYY-MM.sent.yml when an edition of an issue goes out (read back by
read/sentrecords.py): the time, how, and the items and events it held, with their titles so a
reader of git's history sees what went out. No addresses, no counts of people."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import yaml

from courant.build.mails import Held, MailFiles
from courant.model import NEWSLETTER_EDITIONS
from courant.read.sentrecords import HOW, SUFFIX

HEADER = """\
# Geschreven door 'courant send': dit nummer is verstuurd en verandert niet meer.
# Per editie: wanneer, hoe en welke stukken erin stonden. Er staan geen adressen in.
# Commit dit bestand met de bronnen; wijzig het niet met de hand.
"""


def write_record(root: Path, made: MailFiles, when: datetime, marked: bool = False) -> Path:
    """Add the edition of `made` to its issue's record (the other edition's stays as it was);
    written to a temporary file first, then renamed, so a crash leaves the old file whole."""
    mail = made.mail
    path = root / "newsletter" / f"{mail.month}{SUFFIX}"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    record = data if isinstance(data, dict) else {}
    record[mail.edition.value] = {
        "sent": when.isoformat(timespec="seconds"),
        "how": HOW[1] if marked else HOW[0],
        "items": _entries(made.items),
        "agenda": _entries(made.agenda),
    }
    ordered = {e: record[e] for e in NEWSLETTER_EDITIONS if e in record}
    text = HEADER + yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o644)  # a source like the others (mkstemp makes it 0600)
    os.replace(temporary, path)
    return path


def _entries(held: Held) -> list[dict[str, str]]:
    return [{"source": str(source), "title": title} for source, title in held]
