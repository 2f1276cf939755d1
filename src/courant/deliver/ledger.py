"""The ledger: one row per (issue, edition, address hash), written around each SMTP transaction.

    queued    written before the transaction: nothing has reached the relay yet
    sending   written just before the end of the message (the final "."): from here on the
              relay may have it; a row left in this state by a crash is "in doubt"
    sent      the relay answered 250
    deferred  a temporary refusal (4xx): tried again later
    failed    a permanent refusal (5xx), with the relay's answer

A relay keeps nothing of a message whose end it never received, so a `queued` row left by a
crash is sent again, and a `sending` row is not: that is the only window in which courant
cannot know, and it is as short as the relay's answer to the final ".". `courant send` never
sends such a recipient a second copy unless asked to (--onzeker-opnieuw).
Each write is its own committed transaction; answers are stored without addresses.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

from courant.deliver.database import transaction

DONE = ("sending", "sent", "failed")
"""States that keep a recipient out of the next run (`sending`: in doubt)."""

_ADDRESS = re.compile(r"<?[^\s<>@\"']+@[^\s<>@\"']+>?")


def scrub(answer: str) -> str:
    """A relay's answer without the addresses it may quote (`550 5.1.1 <jan@x.nl>: ...`)."""
    return _ADDRESS.sub("<adres>", answer).strip()[:500]


def states(db: sqlite3.Connection, month: str, edition: str) -> dict[str, str]:
    """address hash -> state, for one issue's edition."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT address_hash, state FROM deliveries WHERE month = ? AND edition = ?",
        (month, edition))}


def record(db: sqlite3.Connection, month: str, edition: str, digest: str, state: str,
           message_id: str, when: datetime, answer: str = "") -> None:
    """Write one recipient's state, committed before this returns."""
    with transaction(db):
        db.execute(
            "INSERT INTO deliveries (month, edition, address_hash, state, attempts, answer, "
            "message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (month, edition, address_hash) DO UPDATE SET state = excluded.state, "
            "attempts = attempts + excluded.attempts, answer = excluded.answer, "
            "message_id = excluded.message_id, updated_at = excluded.updated_at",
            (month, edition, digest, state, 1 if state == "queued" else 0, scrub(answer),
             message_id, when.isoformat()))


def record_test(db: sqlite3.Connection, month: str, edition: str, digest: str, when: datetime,
                answer: str) -> None:
    with transaction(db):
        db.execute("INSERT INTO test_sends (month, edition, address_hash, sent_at, answer) "
                   "VALUES (?, ?, ?, ?, ?)", (month, edition, digest, when.isoformat(),
                                              scrub(answer)))


def summary(db: sqlite3.Connection, month: str, edition: str) -> dict[str, int]:
    """state -> count for one issue's edition."""
    found = dict.fromkeys(("queued", "sending", "sent", "deferred", "failed"), 0)
    for row in db.execute("SELECT state, COUNT(*) FROM deliveries WHERE month = ? AND "
                          "edition = ? GROUP BY state", (month, edition)):
        found[row[0]] = row[1]
    return found


def failures(db: sqlite3.Connection, month: str, edition: str) -> list[str]:
    """The relay's answers to the permanent refusals (scrubbed), most frequent first."""
    return [f"{row[1]}× {row[0]}" if row[1] > 1 else row[0] for row in db.execute(
        "SELECT answer, COUNT(*) FROM deliveries WHERE month = ? AND edition = ? AND "
        "state = 'failed' GROUP BY answer ORDER BY COUNT(*) DESC, answer", (month, edition))]
