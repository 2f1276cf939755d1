"""Subscribers of the two editions: adding, importing a CSV, removing, listing, exporting.

A subscriber is pending (signed up, not yet confirmed: the subscription service of `courant
service` makes those) or active (receives the newsletter). Each carries the proof of consent
the AVG asks for: when, which text, how. Removing someone deletes their personal data and
keeps only a keyed hash of the address (database.address_hash), so that a later import does
not sign them up again.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from courant.deliver.database import address_hash, transaction
from courant.model import NEWSLETTER_EDITIONS
from courant.problems import Problem

COLUMNS = {"email": "email", "e-mail": "email", "e-mailadres": "email", "naam": "name",
           "name": "name", "organisatie": "organisation", "organisation": "organisation"}
MAX_FIELD = 200

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class AddressError(ValueError):
    """Not an e-mail address courant can send to; str() says why, in Dutch."""


def normalise_address(text: str) -> str:
    """`Jan@Voorbeeld.NL ` -> `jan@voorbeeld.nl`; an AddressError when it is no address.
    A domain with accents (bücher.nl) is written in its ASCII form (xn--bcher-kva.nl)."""
    value = text.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain or not _LOCAL.match(local) or len(value) > 254:
        raise AddressError(f'"{value}" is geen e-mailadres')
    try:
        ascii_domain = domain.lower().encode("idna").decode("ascii")
    except UnicodeError:
        raise AddressError(f'"{value}" is geen e-mailadres') from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) \
            or not labels[-1].isalpha():
        raise AddressError(f'"{value}" is geen e-mailadres')
    return f"{local.lower()}@{ascii_domain}"


@dataclass(frozen=True, slots=True)
class Subscriber:
    edition: str
    email: str
    address_hash: str
    name: str = ""
    organisation: str = ""
    status: str = "active"
    added_at: str = ""
    active_since: str | None = None
    consent_at: str | None = None
    consent_text: str | None = None
    consent_how: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Subscriber:
        return cls(**{key: row[key] for key in row.keys() if key != "id"})  # noqa: SIM118


@dataclass(frozen=True, slots=True)
class Consent:
    """The proof of consent (AVG): when, which text (a version or the text), how."""

    at: datetime
    how: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class NewSubscriber:
    email: str
    name: str = ""
    organisation: str = ""


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    left_before: int = 0  # removed earlier: not signed up again
    ignored_columns: list[str] = field(default_factory=list)


class CsvError(Exception):
    """Bad lines in a CSV file: every one, as Problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def read_csv(path: Path, shown: str | None = None) -> tuple[list[NewSubscriber], list[str]]:
    """The subscribers in a CSV file (columns email, and optionally naam and organisatie;
    comma or semicolon, as Excel writes it) and the columns it ignores; a CsvError naming
    every bad line (`FILE.csv:12: email: "jan@" is geen e-mailadres`)."""
    name = shown or path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise CsvError([Problem(name, f"kan niet gelezen worden ({err.strerror})")]) from None
    except UnicodeDecodeError:
        raise CsvError([Problem(name, "is geen UTF-8-tekst; sla het bestand op als 'CSV UTF-8 "
                                "(door komma's gescheiden)'")]) from None
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CsvError([Problem(name, "is leeg; zet op de eerste regel de kolomnamen: "
                                "email,naam,organisatie", line=1)])
    header = [cell.strip().lower() for cell in rows[0]]
    if "email" not in {COLUMNS.get(h) for h in header}:
        raise CsvError([Problem(name, "die kolom ontbreekt; de eerste regel geeft de "
                                "kolomnamen, zoals: email,naam,organisatie", key="email",
                                line=1)])
    found, problems = _rows(name, header, rows[1:])
    if problems:
        raise CsvError(problems)
    return found, [h for h in header if h not in COLUMNS]


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text.partition("\n")[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _rows(name: str, header: list[str],
          rows: list[list[str]]) -> tuple[list[NewSubscriber], list[Problem]]:
    found, problems = [], []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {COLUMNS[h]: cell.strip() for h, cell in zip(header, row, strict=False)
                  if h in COLUMNS}
        email = values.get("email", "")
        try:
            if not email:
                raise AddressError("ontbreekt; elke regel heeft een e-mailadres")
            email = normalise_address(email)
        except AddressError as err:
            problems.append(Problem(name, str(err), key="email", line=number))
            continue
        long = [key for key in ("name", "organisation") if len(values.get(key, "")) > MAX_FIELD]
        for key in long:
            problems.append(Problem(name, f"is langer dan {MAX_FIELD} tekens",
                                    key={"name": "naam", "organisation": "organisatie"}[key],
                                    line=number))
        if not long:
            found.append(NewSubscriber(email, values.get("name", ""),
                                       values.get("organisation", "")))
    return found, problems


def import_subscribers(db: sqlite3.Connection, people: list[NewSubscriber], edition: str,
                       consent: Consent) -> ImportResult:
    """Add or update everyone in one transaction (an import of the same file twice changes
    nothing); those who left before are skipped."""
    result = ImportResult()
    with transaction(db):
        for person in _unique(people):
            outcome = _put(db, person, edition, consent)
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _unique(people: list[NewSubscriber]) -> Iterator[NewSubscriber]:
    seen: dict[str, NewSubscriber] = {}
    for person in people:
        seen[person.email] = person  # the last line of an address wins
    yield from seen.values()


def _put(db: sqlite3.Connection, person: NewSubscriber, edition: str, consent: Consent) -> str:
    digest = address_hash(db, person.email)
    if has_left(db, digest, edition):
        return "left_before"
    row = db.execute("SELECT name, organisation, status FROM subscribers "
                     "WHERE edition = ? AND address_hash = ?", (edition, digest)).fetchone()
    when = consent.at.isoformat()
    if row is None:
        db.execute("INSERT INTO subscribers (edition, email, address_hash, name, organisation, "
                   "status, added_at, active_since, consent_at, consent_text, consent_how) "
                   "VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)",
                   (edition, person.email, digest, person.name, person.organisation, when,
                    when, when, consent.text, consent.how))
        return "added"
    if (row["name"], row["organisation"], row["status"]) == (
            person.name or row["name"], person.organisation or row["organisation"], "active"):
        return "unchanged"
    db.execute("UPDATE subscribers SET name = ?, organisation = ?, status = 'active', "
               "active_since = COALESCE(active_since, ?) WHERE edition = ? AND address_hash = ?",
               (person.name or row["name"], person.organisation or row["organisation"], when,
                edition, digest))
    return "updated"


def has_left(db: sqlite3.Connection, digest: str, edition: str) -> datetime | None:
    """When the address of `digest` left `edition` (None: it never did)."""
    row = db.execute("SELECT removed_at FROM removed WHERE address_hash = ? AND edition = ?",
                     (digest, edition)).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def subscribe(db: sqlite3.Connection, person: NewSubscriber, edition: str, consent: Consent,
              status: str = "active", again: bool = False) -> Subscriber:
    """Add one subscriber (the subscription service adds them `pending`, then `confirm`s).
    `again`: the person asked to come back after leaving (the hash is then forgotten)."""
    digest = address_hash(db, person.email)
    with transaction(db):
        left = None if again else has_left(db, digest, edition)
        if left is not None:
            raise LeftBefore(left)
        db.execute("DELETE FROM removed WHERE address_hash = ? AND edition = ?",
                   (digest, edition))
        when = consent.at.isoformat()
        db.execute("INSERT INTO subscribers (edition, email, address_hash, name, organisation, "
                   "status, added_at, active_since, consent_at, consent_text, consent_how) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (edition, address_hash) DO UPDATE SET name = excluded.name, "
                   "organisation = excluded.organisation",
                   (edition, person.email, digest, person.name, person.organisation, status,
                    when, when if status == "active" else None,
                    when if status == "active" else None, consent.text, consent.how))
    found = find(db, edition, digest)
    assert found is not None
    return found


class LeftBefore(Exception):
    """The address left this edition earlier; adding it needs the person's own request."""

    def __init__(self, when: datetime) -> None:
        super().__init__(when.isoformat())
        self.when = when


def put_pending(db: sqlite3.Connection, person: NewSubscriber, edition: str,
                consent: Consent) -> None:
    """A sign-up waiting for its confirmation (courant service): added, or renewed (its time,
    name and organisation) when it was waiting already. An active subscriber is left as is,
    and so is the hash of an address that left: only the confirmation lifts that."""
    digest = address_hash(db, person.email)
    when = consent.at.isoformat()
    with transaction(db):
        db.execute("INSERT INTO subscribers (edition, email, address_hash, name, organisation, "
                   "status, added_at, consent_text, consent_how) "
                   "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?) "
                   "ON CONFLICT (edition, address_hash) DO UPDATE SET name = excluded.name, "
                   "organisation = excluded.organisation, added_at = excluded.added_at, "
                   "consent_text = excluded.consent_text, consent_how = excluded.consent_how "
                   "WHERE subscribers.status = 'pending'",
                   (edition, person.email, digest, person.name, person.organisation, when,
                    consent.text, consent.how))


def confirm(db: sqlite3.Connection, edition: str, digest: str, consent: Consent) -> bool:
    """A pending subscriber confirmed (double opt-in): active from now, with the proof of
    consent; an earlier departure of the address is forgotten (the person asked to come
    back). False when there was nothing to confirm (unknown, or active already)."""
    with transaction(db):
        changed = db.execute(
            "UPDATE subscribers SET status = 'active', active_since = ?, consent_at = ?, "
            "consent_text = COALESCE(?, consent_text), consent_how = ? "
            "WHERE edition = ? AND address_hash = ? AND status = 'pending'",
            (consent.at.isoformat(), consent.at.isoformat(), consent.text, consent.how,
             edition, digest)).rowcount
        if changed:
            db.execute("DELETE FROM removed WHERE address_hash = ? AND edition = ?",
                       (digest, edition))
    return changed > 0


def find_by_reference(db: sqlite3.Connection, edition: str,
                      reference: str) -> Subscriber | None:
    """The subscriber whose address hash starts with `reference` (a token's, tokens.py)."""
    row = db.execute("SELECT * FROM subscribers WHERE edition = ? AND substr(address_hash, 1, "
                     "?) = ?", (edition, len(reference), reference)).fetchone()
    return Subscriber.from_row(row) if row else None


def left_by_reference(db: sqlite3.Connection, edition: str, reference: str) -> bool:
    """Did an address whose hash starts with `reference` leave `edition`?"""
    return db.execute("SELECT 1 FROM removed WHERE edition = ? AND substr(address_hash, 1, ?) "
                      "= ?", (edition, len(reference), reference)).fetchone() is not None


def forget_unconfirmed(db: sqlite3.Connection, before: datetime) -> int:
    """Wipe sign-ups still waiting for their confirmation since before `before`; how many."""
    stale = [(row[0],) for row in db.execute(
        "SELECT id, added_at FROM subscribers WHERE status = 'pending'")
        if datetime.fromisoformat(row[1]) < before]
    with transaction(db):
        db.executemany("DELETE FROM subscribers WHERE id = ? AND status = 'pending'", stale)
    return len(stale)


def find(db: sqlite3.Connection, edition: str, digest: str) -> Subscriber | None:
    row = db.execute("SELECT * FROM subscribers WHERE edition = ? AND address_hash = ?",
                     (edition, digest)).fetchone()
    return Subscriber.from_row(row) if row else None


def remove(db: sqlite3.Connection, digest: str, editions: tuple[str, ...], when: datetime,
           how: str) -> int:
    """Delete the subscriber's data in `editions` and keep only the hash; the number of
    subscriptions that ended."""
    count = 0
    with transaction(db):
        for edition in editions:
            count += db.execute("DELETE FROM subscribers WHERE edition = ? AND "
                                "address_hash = ?", (edition, digest)).rowcount
            db.execute("INSERT OR IGNORE INTO removed VALUES (?, ?, ?, ?)",
                       (digest, edition, when.isoformat(), how))
    return count


def active(db: sqlite3.Connection, edition: str) -> list[Subscriber]:
    """Everyone who receives `edition`, in the order they were added."""
    return [Subscriber.from_row(row) for row in db.execute(
        "SELECT * FROM subscribers WHERE edition = ? AND status = 'active' ORDER BY id",
        (edition,))]


def listing(db: sqlite3.Connection, edition: str | None = None) -> list[Subscriber]:
    editions = (edition,) if edition else NEWSLETTER_EDITIONS
    return [Subscriber.from_row(row) for e in editions for row in db.execute(
        "SELECT * FROM subscribers WHERE edition = ? ORDER BY email", (e,))]


def counts(db: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """{edition: {active: n, pending: n, removed: n}}"""
    found = {e: {"active": 0, "pending": 0, "removed": 0} for e in NEWSLETTER_EDITIONS}
    for row in db.execute("SELECT edition, status, COUNT(*) FROM subscribers "
                          "GROUP BY edition, status"):
        found[row[0]][row[1]] = row[2]
    for row in db.execute("SELECT edition, COUNT(*) FROM removed GROUP BY edition"):
        found[row[0]]["removed"] = row[1]
    return found


def export(db: sqlite3.Connection, address: str) -> dict[str, Any]:
    """Everything stored about one address (a request under the AVG, article 15)."""
    digest = address_hash(db, address)
    return {
        "address": address,
        "subscriptions": [_public(s) for e in NEWSLETTER_EDITIONS
                          if (s := find(db, e, digest)) is not None],
        "left": [dict(row) for row in db.execute(
            "SELECT edition, removed_at, how FROM removed WHERE address_hash = ?", (digest,))],
        "deliveries": [dict(row) for row in db.execute(
            "SELECT month, edition, state, attempts, answer, updated_at FROM deliveries "
            "WHERE address_hash = ? ORDER BY month, edition", (digest,))],
        "test_sends": [dict(row) for row in db.execute(
            "SELECT month, edition, sent_at, answer FROM test_sends WHERE address_hash = ? "
            "ORDER BY id", (digest,))],
    }


def _public(subscriber: Subscriber) -> dict[str, Any]:
    return {"edition": subscriber.edition, "email": subscriber.email,
            "name": subscriber.name, "organisation": subscriber.organisation,
            "status": subscriber.status, "added_at": subscriber.added_at,
            "active_since": subscriber.active_since,
            "consent": {"at": subscriber.consent_at, "text": subscriber.consent_text,
                        "how": subscriber.consent_how}}
