"""`courant send` through a real SMTP server (aiosmtpd in this process): every header and part,
the encoding, the rate limit, the ledger, resuming, refusals. Messages are read back with
Python's email package, tokens checked against the stored address."""

from __future__ import annotations

import email
import email.policy
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from courant.build import pipeline
from courant.deliver import admin
from courant.deliver.messages import PLACEHOLDER
from courant.deliver.send import Outcome, Request, SendRefused, Tools, send_issue
from courant.deliver.smtp import Relay, RelayLost
from courant.deliver.tokens import read_token
from mailservers import AFTER_NOVEMBER, SECRET, Recorder, partner_csv, sending_project

SERVICE = "https://sociaaldomein.waalstad.nl/abonnement/"


@dataclass
class FakeTime:
    """monotonic() and sleep() for the rate limit: sleeping moves the clock, instantly."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


pytestmark = pytest.mark.usefixtures("after_november")


def project(tmp_path: Path, server: Controller, count: int = 3, per_minute: int = 0,
            **mail: Any) -> tuple[Path, list[str]]:
    root = sending_project(tmp_path / "p", {"host": "127.0.0.1", "port": server.port,
                                            "security": "none", "per_minute": per_minute},
                           **{"service": SERVICE, **mail})
    addresses = partner_csv(tmp_path / "partners.csv", count)
    admin.import_file(root, tmp_path / "partners.csv", "partners")
    return root, addresses


def send(root: Path, time: FakeTime | None = None, relay: Any = Relay,
         **request: Any) -> Outcome:
    time = time or FakeTime()
    tools = Tools(relay=relay, monotonic=time.monotonic, sleep=time.sleep,
                  environ={"COURANT_SECRET": SECRET})
    options = {"month": "2026-11", "edition": "partners", **request}
    return send_issue(pipeline.Project(root), Request(**options), tools)


def messages(recorder: Recorder) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(r.data, policy=email.policy.default)  # type: ignore[misc]
            for r in recorder.received]


def ledger(root: Path) -> dict[str, int]:
    with sqlite3.connect(root / ".courant" / "abonnees.sqlite") as db:
        return dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state"))


def test_one_message_per_subscriber_with_every_header_and_part(
        tmp_path: Path, server: Controller, recorder: Recorder) -> None:
    root, addresses = project(tmp_path, server)
    outcome = send(root)
    assert (outcome.kind, outcome.sent, outcome.total) == ("sent", 3, 3)
    assert sorted(r.recipients[0] for r in recorder.received) == addresses
    assert {r.sender for r in recorder.received} == {"nieuwsbrief@waalstad.nl"}
    ids = set()
    for received, message in zip(recorder.received, messages(recorder), strict=True):
        raw = received.data.decode("ascii")  # 7 bit: quoted-printable parts, encoded headers
        address = received.recipients[0]
        assert message["To"].addresses[0].addr_spec == address
        assert message["Subject"] == "Nieuwsbrief november 2026"
        assert message["From"].addresses[0].addr_spec == "nieuwsbrief@waalstad.nl"
        assert message["Date"].datetime.isoformat() == "2026-11-27T12:00:00+01:00"
        assert re.fullmatch(r"<nieuwsbrief\.2026-11\.partners\.[0-9a-f]{20}@waalstad\.nl>",
                            message["Message-ID"])
        ids.add(message["Message-ID"])
        unsubscribe = re.search(r"^List-Unsubscribe: <(https://[^>]+)>\r$", raw, re.M)
        assert unsubscribe, "List-Unsubscribe on one line, an https address"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        token = read_token(unsubscribe.group(1).removeprefix(SERVICE + "afmelden/"))
        assert (token.purpose, token.edition) == ("unsubscribe", "partners")
        assert token.matches(SECRET.encode(), address)
        assert not token.matches(SECRET.encode(), "iemand.anders@voorbeeld.nl")
        assert message.get_content_type() == "multipart/alternative"
        text, html = (part for part in message.iter_parts())
        assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
        for part in (text, html):
            assert part["Content-Transfer-Encoding"] == "quoted-printable"
            assert part.get_content_charset() == "utf-8"
            body = part.get_content()
            assert unsubscribe.group(1) in body, "the footer has the recipient's own link"
            assert PLACEHOLDER not in body
        assert "Beste collega's en partners" in text.get_content()
        assert "<html lang=\"nl\">" in html.get_content()
    assert len(ids) == 3


def test_the_rate_limit_spaces_the_messages(tmp_path: Path, server: Controller) -> None:
    root, _ = project(tmp_path, server, count=5, per_minute=30)
    time = FakeTime()
    seen: list[tuple[int, float | None]] = []
    outcome = send_issue(pipeline.Project(root), Request("2026-11", "partners"),
                         Tools(monotonic=time.monotonic, sleep=time.sleep,
                               environ={"COURANT_SECRET": SECRET}),
                         progress=lambda done, total, left: seen.append((done, left)))
    assert outcome.sent == 5
    assert time.slept == [2.0, 2.0, 2.0, 2.0]  # 30 a minute: one every two seconds
    assert seen[0] == (1, 8.0) and seen[-1] == (5, 0.0)  # time left: 4 more at 2 s


def test_a_second_run_reaches_only_subscribers_added_since(
        tmp_path: Path, server: Controller, recorder: Recorder) -> None:
    root, _ = project(tmp_path, server)
    send(root)
    again = send(root)
    assert (again.kind, again.had_it, len(recorder.received)) == ("nothing", 3, 3)
    admin.add_address(root, "nieuwe.collega@voorbeeld.nl", "partners", "", "", False)
    later = send(root)
    assert (later.sent, later.before is not None) == (1, True)
    assert recorder.received[-1].recipients == ["nieuwe.collega@voorbeeld.nl"]
    assert later.record is None, "the record of the first send stays as it was"


class Breaking(Relay):
    """A relay whose connection breaks off during the `at`-th message, before or after the
    final "." (as a crash, kill -9 or a relay going away would)."""

    at = 2
    after_dot = False
    count = 0

    def deliver(self, sender: str, recipient: str, data: bytes, at_commit: Any) -> Any:
        Breaking.count += 1
        if Breaking.count == Breaking.at:
            if Breaking.after_dot:
                answer = super().deliver(sender, recipient, data, at_commit)
                assert answer.accepted
            raise RelayLost("de verbinding met de test viel weg")
        return super().deliver(sender, recipient, data, at_commit)


@pytest.mark.parametrize("after_dot", [False, True], ids=["before-the-dot", "after-the-dot"])
def test_a_broken_run_resumes_and_nobody_gets_two(tmp_path: Path, server: Controller,
                                                   recorder: Recorder, after_dot: bool) -> None:
    root, addresses = project(tmp_path, server, count=5)
    Breaking.count, Breaking.after_dot = 0, after_dot
    first = send(root, relay=Breaking)
    assert first.stopped == "de verbinding met de test viel weg"
    assert (first.sent, first.total) == (1, 5)
    assert ledger(root) == ({"sent": 1, "sending": 1} if after_dot else
                            {"sent": 1, "queued": 1})
    second = send(root)
    received = [r.recipients[0] for r in recorder.received]
    assert sorted(received) == addresses and len(set(received)) == 5, "each exactly once"
    if after_dot:  # handed over, then the answer was lost: in doubt, not sent again
        assert (second.sent, second.in_doubt) == (3, 1)
        assert ledger(root) == {"sent": 4, "sending": 1}
    else:  # the relay never got the end of the message: sent again
        assert (second.sent, second.in_doubt) == (4, 0)
        assert ledger(root) == {"sent": 5}


def test_in_doubt_is_sent_again_only_when_asked(tmp_path: Path, server: Controller,
                                                recorder: Recorder) -> None:
    root, _ = project(tmp_path, server, count=2)
    Breaking.count, Breaking.after_dot = 0, True
    send(root, relay=Breaking)
    send(root)
    assert len(recorder.received) == 2
    retried = send(root, retry_doubtful=True)
    assert (retried.sent, len(recorder.received)) == (1, 3)
    assert ledger(root) == {"sent": 2}


def test_temporary_refusals_are_tried_again_and_permanent_ones_recorded(
        tmp_path: Path, server: Controller, recorder: Recorder) -> None:
    root, addresses = project(tmp_path, server, count=4)
    recorder.refuse[addresses[0]] = ("451 4.7.1 Greylisted, try again later", 1)
    recorder.refuse[addresses[1]] = (f"550 5.1.1 <{addresses[1]}>: User unknown", -1)
    recorder.refuse[addresses[2]] = ("452 4.2.2 Mailbox full", -1)
    time = FakeTime()
    outcome = send(root, time)
    assert time.slept == [60.0], "one wait before the second try"
    assert (outcome.sent, outcome.deferred, outcome.failed) == (2, 1, 1)
    assert outcome.answers == ["550 5.1.1 <adres>: User unknown"], "no address in the report"
    assert ledger(root) == {"sent": 2, "deferred": 1, "failed": 1}
    recorder.refuse.pop(addresses[2])
    later = send(root)
    assert (later.sent, later.total) == (1, 1), "the deferred one, not the refused one"
    with sqlite3.connect(root / ".courant" / "abonnees.sqlite") as db:
        answers = [row[0] for row in db.execute("SELECT answer FROM deliveries")]
    assert not any("@" in answer for answer in answers)


def test_a_test_send_is_marked_and_counts_for_nothing(tmp_path: Path, server: Controller,
                                                      recorder: Recorder) -> None:
    root, _ = project(tmp_path, server)
    outcome = send(root, month="2026-12", test_address="redactie@voorbeeld.nl")
    assert (outcome.kind, outcome.sent) == ("test", 1)
    (message,) = messages(recorder)
    assert message["Subject"].startswith("[TEST] Nieuwsbrief december 2026")
    assert message["To"].addresses[0].addr_spec == "redactie@voorbeeld.nl"
    assert not (root / "newsletter" / "2026-12.sent.yml").exists()
    assert ledger(root) == {}


def test_a_dry_run_says_what_and_sends_nothing(tmp_path: Path, server: Controller,
                                               recorder: Recorder) -> None:
    root, _ = project(tmp_path, server, per_minute=30)
    outcome = send(root, dry_run=True)
    assert (outcome.kind, outcome.total, outcome.subject) == ("dry-run", 3,
                                                              "Nieuwsbrief november 2026")
    assert 15_000 < outcome.size < 102_000
    assert recorder.received == [] and ledger(root) == {}
    assert not (root / "newsletter" / "2026-11.sent.yml").exists()


def test_mark_sent_closes_and_a_later_send_reaches_only_newcomers(
        tmp_path: Path, server: Controller, recorder: Recorder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = project(tmp_path, server)
    marked = send(root, mark_sent=True)
    assert marked.kind == "marked"
    record = (root / "newsletter" / "2026-11.sent.yml").read_text(encoding="utf-8")
    assert "how: courant send --mark-sent" in record and "@" not in record.split("\n", 3)[3]
    assert send(root).kind == "nothing"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(AFTER_NOVEMBER) + 3600))
    admin.add_address(root, "nieuw@voorbeeld.nl", "partners", "", "", False)
    assert send(root).sent == 1 and recorder.received[0].recipients == ["nieuw@voorbeeld.nl"]
    with pytest.raises(SendRefused, match="is al gesloten"):
        send(root, mark_sent=True)


@pytest.mark.parametrize(("case", "expected"), [
    ("future", "newsletter/2026-12.md verschijnt pas op 17 december 2026; verstuur het dan, "
               "of stuur nu een proef met --test ADRES"),
    ("unknown", "newsletter/2027-05.md bestaat niet; er zijn nummers voor: 2026-09, 2026-10, "
                "2026-11, 2026-12"),
    ("nobody", "de editie staff heeft geen abonnees; voeg ze toe met courant subscribers "
               "import BESTAND.csv --edition staff"),
    ("secret", "de omgevingsvariabele COURANT_SECRET ontbreekt; "),
    ("unreachable", "de mailserver 127.0.0.1:9 is niet bereikbaar (verbinding geweigerd); "),
    ("password", "COURANT_SMTP_PASSWORD ontbreekt: het wachtwoord van 'nieuwsbrief' komt "
                 "alleen uit die omgevingsvariabele, nooit uit een bestand in het project"),
])
def test_refusals_send_and_record_nothing(tmp_path: Path, server: Controller,
                                          recorder: Recorder, case: str, expected: str) -> None:
    root, _ = project(tmp_path, server)
    request: dict[str, Any] = {
        "future": {"month": "2026-12"}, "unknown": {"month": "2027-05"},
        "nobody": {"edition": "staff"}}.get(case, {})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if case == "unreachable":
        config.write_text(text.replace(f"port: {server.port}", "port: 9"), encoding="utf-8")
    if case == "password":
        config.write_text(text.replace("security: none", "security: none\n        username: "
                                       "nieuwsbrief"), encoding="utf-8")
    environ = {} if case == "secret" else {"COURANT_SECRET": SECRET}
    with pytest.raises(SendRefused) as refused:
        send_issue(pipeline.Project(root), Request(**{"month": "2026-11",
                                                      "edition": "partners", **request}),
                   Tools(environ=environ))
    assert str(refused.value).startswith(expected)
    assert recorder.received == [] and ledger(root) == {}
    assert not list((root / "newsletter").glob("*.sent.yml"))
