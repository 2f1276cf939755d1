"""The subscribers database (SQLite, standard library): opening it, its tables, its salt.

One file (extra.courant.mail.database, by default .courant/abonnees.sqlite, git-ignored) holds
the subscribers, the hashes of those who left, and the ledger of every delivery. It is made
readable for its owner only. WAL journal with full sync: a `courant send` killed at any moment
loses no row it committed, and the subscription service can read while a send writes.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscribers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  edition TEXT NOT NULL CHECK (edition IN ('staff', 'partners')),
  email TEXT NOT NULL,
  address_hash TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  added_at TEXT NOT NULL,
  active_since TEXT,
  consent_at TEXT,
  consent_text TEXT,
  consent_how TEXT,
  UNIQUE (edition, address_hash)
);
CREATE TABLE IF NOT EXISTS removed (
  address_hash TEXT NOT NULL,
  edition TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  how TEXT NOT NULL,
  PRIMARY KEY (address_hash, edition)
);
CREATE TABLE IF NOT EXISTS deliveries (
  month TEXT NOT NULL,
  edition TEXT NOT NULL,
  address_hash TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  answer TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (month, edition, address_hash)
);
CREATE TABLE IF NOT EXISTS test_sends (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  month TEXT NOT NULL,
  edition TEXT NOT NULL,
  address_hash TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  answer TEXT NOT NULL
);
"""


class DatabaseError(Exception):
    """The database cannot be opened or is not courant's; the message is Dutch."""


def open_database(path: Path) -> sqlite3.Connection:
    """Open (or make) the database at `path`; its folder and file for the owner only."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.executescript(SCHEMA)  # CREATE ... IF NOT EXISTS: a no-op once made
        with transaction(db):
            _meta(db)
    except (OSError, sqlite3.Error) as err:
        raise DatabaseError(f"de database {path} kan niet worden geopend ({err}); controleer "
                            "extra.courant.mail.database in mkdocs.yml en de rechten op die "
                            "map") from None
    return db


class transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on an error): one write, all or nothing."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind is not None else "COMMIT")


def _meta(db: sqlite3.Connection) -> None:
    version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if version is None:
        db.execute("INSERT INTO meta VALUES ('schema', ?), ('salt', ?)",
                   (str(SCHEMA_VERSION), secrets.token_hex(32)))
    elif int(version[0]) > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"gemaakt door een nieuwere courant (schema {version[0]})")


def salt(db: sqlite3.Connection) -> bytes:
    """This database's own random salt: hashes of addresses mean nothing outside it."""
    return bytes.fromhex(db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0])


def address_hash(db: sqlite3.Connection, address: str) -> str:
    """The keyed hash that stands for an address in the ledger and in the list of those who
    left (HMAC-SHA256 with the database's salt, of the address in lower case)."""
    return hmac.new(salt(db), address.strip().lower().encode("utf-8"),
                    hashlib.sha256).hexdigest()
