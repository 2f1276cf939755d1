"""`courant subscribers` and the database behind it: CSV import with its messages word for
word, idempotence, removal that keeps only a hash, the AVG export; tokens; and what the
commands print (counts, never an address, except where asked for)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from courant.cli import main
from courant.deliver.database import address_hash, open_database
from courant.deliver.subscribers import AddressError, normalise_address
from courant.deliver.tokens import TokenError, make_token, read_token
from mailservers import AFTER_NOVEMBER, SECRET, Recorder, partner_csv, running, sending_project


@pytest.fixture
def server() -> Iterator[Controller]:
    yield from running(Recorder())


@pytest.fixture
def root(tmp_path: Path, server: Controller) -> Path:
    return sending_project(tmp_path / "p", {"host": "127.0.0.1", "port": server.port,
                                            "security": "none", "per_minute": 0})


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--map", str(root)],
                                env={"SOURCE_DATE_EPOCH": AFTER_NOVEMBER,
                                     "COURANT_SECRET": SECRET})
    return result.exit_code, result.output


def database(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / ".courant" / "abonnees.sqlite")


def test_a_bad_csv_names_every_bad_line_and_imports_nothing(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "partners.csv"
    csv.write_text("email;naam\njan@voorbeeld.nl;Jan\njan@\n\n;Zonder adres\n"
                   "piet@voorbeeld..nl;Piet\n", encoding="utf-8")
    code, output = run(root, "subscribers", "import", str(csv), "--edition", "partners")
    assert code == 1
    assert output.splitlines() == [
        f'{csv}:3: email: "jan@" is geen e-mailadres',
        f"{csv}:5: email: ontbreekt; elke regel heeft een e-mailadres",
        f'{csv}:6: email: "piet@voorbeeld..nl" is geen e-mailadres',
        "3 fouten in het bestand; er is niets geïmporteerd."]
    assert not (root / ".courant").exists(), "read before the database is opened"


def test_a_csv_without_an_email_column(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "x.csv"
    csv.write_text("adres,naam\njan@voorbeeld.nl,Jan\n", encoding="utf-8")
    assert run(root, "subscribers", "import", str(csv), "--edition", "partners")[1] == (
        f"{csv}:1: email: die kolom ontbreekt; de eerste regel geeft de kolomnamen, zoals: "
        "email,naam,organisatie\n1 fout in het bestand; er is niets geïmporteerd.\n")


def test_import_twice_changes_nothing_and_says_counts_only(root: Path, tmp_path: Path) -> None:
    addresses = partner_csv(tmp_path / "partners.csv", 4)
    first = run(root, "subscribers", "import", str(tmp_path / "partners.csv"), "--edition",
                "partners")
    second = run(root, "subscribers", "import", str(tmp_path / "partners.csv"), "--edition",
                 "partners")
    assert first == (0, "partners: 4 abonnees toegevoegd, 0 bijgewerkt, 0 ongewijzigd.\n")
    assert second == (0, "partners: 0 abonnees toegevoegd, 0 bijgewerkt, 4 ongewijzigd.\n")
    assert run(root, "subscribers", "list") == (
        0, "medewerkers: 0 abonnees, 0 nog niet bevestigd, 0 afgemeld\n"
           "partners: 4 abonnees, 0 nog niet bevestigd, 0 afgemeld\n")
    listed = run(root, "subscribers", "list", "--adressen")[1]
    assert all(a in listed for a in addresses)


def test_removed_keeps_only_a_hash_and_is_not_imported_again(root: Path,
                                                             tmp_path: Path) -> None:
    partner_csv(tmp_path / "partners.csv", 3)
    run(root, "subscribers", "import", str(tmp_path / "partners.csv"), "--edition", "partners")
    code, output = run(root, "subscribers", "remove", "P02@Voorbeeld.nl")
    assert code == 0
    assert output.startswith("Afgemeld (1 editie): naam, organisatie en adres zijn gewist")
    with database(root) as db:
        dump = "\n".join(db.iterdump())
    assert "p02@voorbeeld.nl" not in dump and "Partner 2" not in dump
    again = run(root, "subscribers", "import", str(tmp_path / "partners.csv"), "--edition",
                "partners")[1]
    assert again == ("partners: 0 abonnees toegevoegd, 0 bijgewerkt, 2 ongewijzigd.\n"
                     "1 adres overgeslagen: die meldden zich eerder af en worden niet opnieuw "
                     "aangemeld.\n")
    refused = run(root, "subscribers", "add", "p02@voorbeeld.nl", "--edition", "partners")
    assert refused[0] == 1 and "met --opnieuw. Er is niets veranderd." in refused[1]
    assert run(root, "subscribers", "add", "p02@voorbeeld.nl", "--edition", "partners",
               "--opnieuw") == (0, "Toegevoegd aan partners.\n")


def test_export_shows_everything_stored_about_one_person(root: Path, tmp_path: Path) -> None:
    run(root, "subscribers", "add", "jan@voorbeeld.nl", "--edition", "partners", "--naam",
        "Jan, de Vries", "--organisatie", "Stichting Thuis")
    run(root, "send", "2026-11", "--edition", "partners")
    import json
    data = json.loads(run(root, "subscribers", "export", "jan@voorbeeld.nl")[1])
    (subscription,) = data["subscriptions"]
    assert (subscription["name"], subscription["organisation"], subscription["status"]) == (
        "Jan, de Vries", "Stichting Thuis", "active")
    assert subscription["consent"]["how"] == "toegevoegd met courant subscribers add"
    assert [(d["month"], d["state"]) for d in data["deliveries"]] == [("2026-11", "sent")]


def test_send_prints_counts_and_never_an_address(root: Path, tmp_path: Path) -> None:
    addresses = partner_csv(tmp_path / "partners.csv", 3)
    run(root, "subscribers", "import", str(tmp_path / "partners.csv"), "--edition", "partners")
    code, output = run(root, "send", "2026-11", "--edition", "partners")
    assert code == 0
    assert output.startswith("Verstuurd: 3 van 3 berichten van 2026-11 (partners, "
                             "‘Nieuwsbrief november 2026’), in ")
    test = run(root, "send", "2026-12", "--edition", "partners", "--test", "ik@voorbeeld.nl")
    for printed in (output, test[1]):
        assert "@" not in printed
    assert not any(a in output for a in addresses)


def test_addresses_are_normalised_or_refused() -> None:
    assert normalise_address(" Jan.Jansen@Voorbeeld.NL ") == "jan.jansen@voorbeeld.nl"
    assert normalise_address("info@bücher.nl") == "info@xn--bcher-kva.nl"
    for bad in ("jan@", "@voorbeeld.nl", "jan voorbeeld.nl", "jan@voorbeeld", "jan@-x.nl",
                "j..an@voorbeeld.nl", "jan@voorbeeld.n1"):
        with pytest.raises(AddressError):
            normalise_address(bad)


def test_tokens_name_address_and_edition_and_cannot_be_altered(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite")
    digest = address_hash(db, "jan@voorbeeld.nl")
    secret = SECRET.encode()
    token = make_token(secret, "unsubscribe", "partners", "jan@voorbeeld.nl", digest)
    read = read_token(token)
    assert (read.purpose, read.edition, digest.startswith(read.reference)) == (
        "unsubscribe", "partners", True)
    assert read.matches(secret, "Jan@Voorbeeld.nl")
    assert not read.matches(secret, "piet@voorbeeld.nl")
    assert not read.matches(b"een ander geheim dat ook lang genoeg is", "jan@voorbeeld.nl")
    staff = read_token("a.s." + token.split(".", 2)[2])  # the edition changed
    assert not staff.matches(secret, "jan@voorbeeld.nl")
    issued = datetime(2026, 11, 27, 11, tzinfo=UTC)
    confirm = read_token(make_token(secret, "confirm", "staff", "jan@voorbeeld.nl", digest,
                                    issued))
    assert confirm.issued == issued and confirm.matches(secret, "jan@voorbeeld.nl")
    assert "jan" not in token and "voorbeeld" not in token
    for broken in ("", "a.p.x", token[:-3], "z" + token[1:], token + ".extra.deel"):
        with pytest.raises(TokenError):
            read_token(broken)
