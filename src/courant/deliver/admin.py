"""`courant subscribers ...`: the administrator's view of the database, with Dutch answers.

Only `list --adressen` and `export` show addresses, because that is what they are asked for;
everything else says counts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from courant import clock
from courant.deliver import subscribers as subs
from courant.deliver.database import DatabaseError, address_hash, open_database
from courant.model import NEWSLETTER_EDITIONS
from courant.read.config import load_config
from courant.wording import EDITION_NAMES, counted


class AdminError(Exception):
    """A refusal, in Dutch; nothing was changed."""


@contextmanager
def database(root: Path) -> Iterator[sqlite3.Connection]:
    """The project's subscribers database (extra.courant.mail.database)."""
    config = load_config(root / "mkdocs.yml")
    try:
        db = open_database(root / config.settings.mail.database)
    except DatabaseError as err:
        raise AdminError(str(err)) from None
    try:
        yield db
    finally:
        db.close()


def import_file(root: Path, file: Path, edition: str) -> list[str]:
    """Import a CSV; a subs.CsvError (every bad line) and nothing imported when a line is bad."""
    people, ignored = subs.read_csv(file, str(file))
    consent = subs.Consent(clock.now(), f"geïmporteerd uit {file.name} (courant subscribers "
                           "import)")
    with database(root) as db:
        result = subs.import_subscribers(db, people, edition, consent)
    lines = [f"{EDITION_NAMES[edition]}: {counted(result.added, 'abonnee', 'abonnees')} "
             f"toegevoegd, {result.updated} bijgewerkt, {result.unchanged} ongewijzigd."]
    if result.left_before:
        lines.append(f"{counted(result.left_before, 'adres', 'adressen')} overgeslagen: "
                     "die meldden zich eerder af en worden niet opnieuw aangemeld.")
    if ignored:
        lines.append(f"Niet bewaard (courant bewaart alleen email, naam en organisatie): de "
                     f"kolom{'men' if len(ignored) > 1 else ''} {', '.join(ignored)}.")
    return lines


def add_address(root: Path, address: str, edition: str, name: str, organisation: str,
                again: bool) -> list[str]:
    email = _address(address)
    consent = subs.Consent(clock.now(), "toegevoegd met courant subscribers add")
    with database(root) as db:
        existing = subs.find(db, edition, address_hash(db, email))
        try:
            subs.subscribe(db, subs.NewSubscriber(email, name, organisation), edition, consent,
                           again=again)
        except subs.LeftBefore as left:
            raise AdminError(f"dit adres meldde zich op {left.when:%d-%m-%Y} af voor "
                             f"{EDITION_NAMES[edition]}; voeg het alleen weer toe als de "
                             "persoon daar zelf om vraagt, met --opnieuw") from None
    if existing is not None:
        return [f"Dit adres stond al op de lijst voor {EDITION_NAMES[edition]}; naam en "
                "organisatie zijn bijgewerkt."]
    return [f"Toegevoegd aan {EDITION_NAMES[edition]}."]


def remove_address(root: Path, address: str, edition: str | None) -> list[str]:
    email = _address(address)
    editions = (edition,) if edition else NEWSLETTER_EDITIONS
    with database(root) as db:
        count = subs.remove(db, address_hash(db, email), editions, clock.now(),
                            "courant subscribers remove")
    if not count:
        return ["Dit adres stond niet op de lijst; het wordt voortaan ook niet meer "
                "geïmporteerd."]
    return [f"Afgemeld ({counted(count, 'editie', 'edities')}): naam, organisatie en adres "
            "zijn gewist; alleen een versleutelde vingerafdruk blijft, zodat een latere import "
            "dit adres niet opnieuw aanmeldt."]


def list_lines(root: Path, edition: str | None, addresses: bool) -> list[str]:
    with database(root) as db:
        if addresses:
            return [f"{s.edition}\t{s.status}\t{s.email}\t{s.name}\t{s.organisation}\t"
                    f"{(s.active_since or s.added_at)[:10]}" for s in subs.listing(db, edition)]
        found = subs.counts(db)
    return [f"{EDITION_NAMES[e]}: {counted(n['active'], 'abonnee', 'abonnees')}, "
            f"{n['pending']} nog niet bevestigd, {n['removed']} afgemeld"
            for e, n in found.items() if edition in (None, e)]


def export_json(root: Path, address: str) -> str:
    email = _address(address)
    with database(root) as db:
        return json.dumps(subs.export(db, email), ensure_ascii=False, indent=2)


def _address(text: str) -> str:
    try:
        return subs.normalise_address(text)
    except subs.AddressError as err:
        raise AdminError(str(err)) from None
