"""toegankelijkheid.json: the record `courant audit --verklaring` keeps of the last audit (see
audit/statement.py), read back by the build for the page "Toegankelijkheid"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATEMENT_FILE = "toegankelijkheid.json"
FORMAT = 1


def read_record(root: Path) -> dict[str, Any] | None:
    """The last audit's record; None when there is none (or it cannot be read)."""
    try:
        record = json.loads((root / STATEMENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None
