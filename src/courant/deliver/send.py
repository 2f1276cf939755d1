"""`courant send`: one issue's edition to every active subscriber, exactly once.

The run: check everything that can be checked before a connection (the issue, the edition,
the mail, the subscribers, the password, the DKIM key, the secret), open the relay, record the
issue as sent (newsletter/YYYY-MM.sent.yml) unless it was already, and hand over one message
per recipient at the configured rate, the ledger written around each (ledger.py). Anything
that stops a run half way leaves the ledger saying who has it; the next run sends to the
others. An issue sent before reaches only those who have not had it: subscribers added since.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from courant import clock, wording
from courant.audience import Edition, is_published
from courant.build import pipeline
from courant.build.mails import MailFiles, build_mails, mail_files
from courant.deliver import ledger, subscribers
from courant.deliver.database import DatabaseError, address_hash, open_database
from courant.deliver.messages import (
    PLACEHOLDER,
    DkimError,
    DkimKey,
    Personaliser,
    Recipient,
    load_dkim,
    unsubscribe_url,
)
from courant.deliver.sentrecord import write_record
from courant.deliver.smtp import PASSWORD_VARIABLE, Answer, Relay, RelayError, RelayLost
from courant.deliver.tokens import SecretMissing, secret_from
from courant.model import Issue, Sent

RETRY_WAIT = 60.0
"""Seconds before the temporary refusals (4xx) of a run are tried once more."""

EDITIONS = {"staff": Edition.STAFF, "partners": Edition.PARTNERS}


class SendRefused(Exception):
    """`courant send` will not start; str() says why and what to do, in Dutch. Nothing was
    sent and nothing recorded."""


@dataclass(frozen=True, slots=True)
class Request:
    month: str
    edition: str  # staff | partners
    test_address: str | None = None
    dry_run: bool = False
    mark_sent: bool = False
    retry_doubtful: bool = False  # send again to those a crash left in doubt


@dataclass(frozen=True, slots=True)
class Tools:
    """What a run uses from the world, replaceable in tests."""

    relay: Callable[..., Relay] = Relay
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)


Progress = Callable[[int, int, float | None], None]
"""(handed over so far, in this run, seconds left or None)"""


@dataclass
class Outcome:
    kind: str  # dry-run | test | sent | marked | nothing
    month: str
    edition: str
    subject: str = ""
    size: int = 0  # bytes of one message
    per_minute: int = 0
    total: int = 0  # recipients this run set out to reach
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    had_it: int = 0  # received it in an earlier run
    in_doubt: int = 0  # left by a crash between the final "." and the answer
    before: Sent | None = None  # the edition had gone out already
    record: Path | None = None  # newsletter/YYYY-MM.sent.yml, when this run wrote it
    answers: list[str] = field(default_factory=list)  # permanent refusals (no addresses)
    stopped: str | None = None  # why the run stopped before the end
    seconds: float = 0.0


def send_issue(project: pipeline.Project, request: Request, tools: Tools | None = None,
               progress: Progress | None = None) -> Outcome:
    """Run `courant send`; a SendRefused before anything was sent or recorded."""
    tools = tools or Tools()
    loaded = pipeline.load(project)
    issue = _issue(loaded, request.month)
    now = clock.now()
    if request.test_address is None and not is_published(issue, now):
        raise SendRefused(f"newsletter/{issue.month}.md verschijnt pas op "
                          f"{wording.day(issue.date)}; verstuur het dan, of stuur nu een "
                          f"proef met --test ADRES")
    before = issue.sent_as(request.edition)
    if request.mark_sent:
        return _mark_sent(project, loaded, issue, request, before)
    settings = loaded.config.settings.mail
    service = settings.service if request.edition == "partners" else None
    made = _mail(loaded, project.root, issue, request.edition, service)
    outcome = Outcome("dry-run" if request.dry_run else "sent", issue.month, request.edition,
                      made.mail.subject, before=before,
                      per_minute=settings.smtp.per_minute if settings.smtp else 0)
    db = _database(project.root / settings.database)
    try:
        return _run(project, loaded, made, request, outcome, db, service, tools, progress)
    finally:
        db.close()


def _run(project: pipeline.Project, loaded: pipeline.Loaded, made: MailFiles,
         request: Request, outcome: Outcome, db: sqlite3.Connection,
         service: str | None, tools: Tools, progress: Progress | None) -> Outcome:
    recipients = _recipients(db, request, outcome)
    secret = _secret(tools.environ, service, request.dry_run)
    dkim_key = _dkim(loaded, project.root)
    personal = Personaliser(made, service, secret, dkim_key, test=request.test_address is not None)
    if recipients:
        outcome.size = len(personal.message(recipients[0], clock.now()))
    if request.dry_run:
        outcome.total = len(recipients)
        return outcome
    if not recipients:
        outcome.kind = "nothing"
        return outcome
    smtp = loaded.config.settings.mail.smtp
    if smtp is None:
        raise SendRefused("mkdocs.yml zegt niet via welke mailserver: zet onder "
                          "extra.courant.mail.smtp ten minste 'host:' (zie docs/sending.md)")
    with _one_run(project.root / loaded.config.settings.mail.database):
        relay = tools.relay(smtp, tools.environ.get(PASSWORD_VARIABLE), project.root)
        try:
            relay.open()
        except RelayError as err:
            raise SendRefused(str(err)) from None
        try:
            if request.test_address is None and outcome.before is None:
                outcome.record = write_record(project.root, made, clock.now())
            outcome.kind = "test" if request.test_address else "sent"
            _deliver(db, relay, personal, recipients, request, outcome, tools, progress)
        finally:
            relay.close()
    return outcome


def _deliver(db: sqlite3.Connection, relay: Relay, personal: Personaliser,
             recipients: list[Recipient], request: Request, outcome: Outcome, tools: Tools,
             progress: Progress | None) -> None:
    """Hand the messages over, then try the temporary refusals once more."""
    limiter = Limiter(outcome.per_minute, tools.monotonic, tools.sleep)
    started = tools.monotonic()
    outcome.total = len(recipients)
    deferred = _pass(db, relay, personal, recipients, request, outcome, limiter, progress)
    if deferred and outcome.stopped is None:
        relay.close()
        tools.sleep(RETRY_WAIT)
        try:
            relay.open()
        except RelayError as err:
            outcome.stopped = str(err)
        else:
            outcome.deferred -= len(deferred)
            _pass(db, relay, personal, deferred, request, outcome, limiter, None)
    outcome.seconds = tools.monotonic() - started
    if request.test_address is None:
        outcome.answers = ledger.failures(db, request.month, request.edition)


def _pass(db: sqlite3.Connection, relay: Relay, personal: Personaliser,
          recipients: list[Recipient], request: Request, outcome: Outcome, limiter: Limiter,
          progress: Progress | None) -> list[Recipient]:
    """One pass over `recipients`; those refused for now (4xx)."""
    deferred: list[Recipient] = []
    for done, recipient in enumerate(recipients, start=1):
        limiter.wait()
        try:
            answer = _hand_over(db, relay, personal, recipient, request)
        except RelayLost as err:
            outcome.stopped = str(err)
            return deferred
        except KeyboardInterrupt:
            outcome.stopped = "onderbroken met Ctrl+C"
            return deferred
        if answer.accepted:
            outcome.sent += 1
        elif answer.temporary:
            outcome.deferred += 1
            deferred.append(recipient)
        else:
            outcome.failed += 1
        if progress is not None:
            progress(done, len(recipients), limiter.seconds_left(len(recipients) - done))
    return deferred


def _hand_over(db: sqlite3.Connection, relay: Relay, personal: Personaliser,
               recipient: Recipient, request: Request) -> Answer:
    """One message, the ledger written before, at the relay's point of no return (the final
    ".") and after; a test send is kept apart (test_sends)."""
    month, edition, digest = request.month, request.edition, recipient.digest
    now = clock.now()
    data = personal.message(recipient, now)
    message_id = personal.message_id(recipient, now)
    if request.test_address is not None:
        answer = relay.deliver(personal.sender, recipient.address, data, lambda: None)
        ledger.record_test(db, month, edition, digest, now, str(answer))
        return answer

    def at_commit() -> None:
        ledger.record(db, month, edition, digest, "sending", message_id, now)

    ledger.record(db, month, edition, digest, "queued", message_id, now)
    answer = relay.deliver(personal.sender, recipient.address, data, at_commit)
    state = "sent" if answer.accepted else "deferred" if answer.temporary else "failed"
    ledger.record(db, month, edition, digest, state, message_id, clock.now(),
                  "" if answer.accepted else str(answer))
    return answer


class Limiter:
    """At most `per_minute` messages a minute, evenly spaced (0: no limit); it also knows how
    long the rest will take."""

    def __init__(self, per_minute: int, monotonic: Callable[[], float],
                 sleep: Callable[[float], None]) -> None:
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.monotonic = monotonic
        self.sleep = sleep
        self.next_at: float | None = None
        self.started: float | None = None
        self.count = 0

    def wait(self) -> None:
        now = self.monotonic()
        if self.started is None:
            self.started = now
        if self.next_at is not None and now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval
        self.count += 1

    def seconds_left(self, remaining: int) -> float | None:
        if self.started is None or not self.count:
            return None
        spent = (self.monotonic() - self.started) / self.count
        return remaining * max(self.interval, spent)


def _issue(loaded: pipeline.Loaded, month: str) -> Issue:
    for issue in loaded.content.issues:
        if issue.month == month:
            return issue
    known = ", ".join(i.month for i in loaded.content.issues) or "geen"
    raise SendRefused(f"newsletter/{month}.md bestaat niet; er zijn nummers voor: {known}")


def _mail(loaded: pipeline.Loaded, root: Path, issue: Issue, edition: str,
          service: str | None) -> MailFiles:
    """The build's mail of that edition; with a service, rendered with PLACEHOLDER where
    each recipient's own unsubscribe address goes. Too large for Gmail: a ContentError."""
    mails = build_mails(loaded.config, loaded.content, clock.now(), root, issue.month,
                        unsubscribe=unsubscribe_url(service, PLACEHOLDER) if service else None)
    made = next(m for m in mails if m.mail.edition is EDITIONS[edition])
    mail_files([made])
    return made


def _database(path: Path) -> sqlite3.Connection:
    try:
        return open_database(path)
    except DatabaseError as err:
        raise SendRefused(str(err)) from None


def _recipients(db: sqlite3.Connection, request: Request,
                outcome: Outcome) -> list[Recipient]:
    """Who this run sends to: the test address, or the active subscribers who have not had
    it (after --mark-sent: who became active since)."""
    if request.test_address is not None:
        try:
            address = subscribers.normalise_address(request.test_address)
        except subscribers.AddressError as err:
            raise SendRefused(f"--test: {err}") from None
        return [Recipient(address, address_hash(db, address))]
    everyone = subscribers.active(db, request.edition)
    if not everyone:
        raise SendRefused(f"de editie {request.edition} heeft geen abonnees; voeg ze toe met "
                          f"courant subscribers import BESTAND.csv --edition {request.edition}")
    known = ledger.states(db, request.month, request.edition)
    outcome.in_doubt = sum(1 for s in known.values() if s == "sending")
    outcome.had_it = sum(1 for s in known.values() if s == "sent")
    skip = set(ledger.DONE) - ({"sending"} if request.retry_doubtful else set())
    since = outcome.before.time if outcome.before is not None and \
        outcome.before.how.endswith("--mark-sent") else None
    chosen = [s for s in everyone if known.get(s.address_hash) not in skip
              and (since is None or datetime.fromisoformat(s.active_since or s.added_at) > since)]
    if request.retry_doubtful:
        outcome.in_doubt = 0
    return [Recipient(s.email, s.address_hash, s.name) for s in chosen]


def _secret(environ: Mapping[str, str], service: str | None, dry_run: bool) -> bytes | None:
    if service is None:
        return None
    try:
        return secret_from(environ)
    except SecretMissing as err:
        if dry_run:
            return b"0" * 32  # the size of a message does not depend on the secret
        raise SendRefused(f"{err} (nodig voor de afmeldlinks van {service})") from None


def _dkim(loaded: pipeline.Loaded, root: Path) -> DkimKey | None:
    settings = loaded.config.settings.mail.dkim
    if settings is None:
        return None
    try:
        return load_dkim(settings, root)
    except DkimError as err:
        raise SendRefused(str(err)) from None


def _mark_sent(project: pipeline.Project, loaded: pipeline.Loaded, issue: Issue,
               request: Request, before: Sent | None) -> Outcome:
    """Close the edition as sent by other means, holding what the build's mail holds."""
    if before is not None:
        raise SendRefused(f"de editie {request.edition} van {issue.month} is al gesloten: "
                          f"verstuurd op {wording.day(before.time.date())} ({before.how})")
    made = _mail(loaded, project.root, issue, request.edition, None)
    path = write_record(project.root, made, clock.now(), marked=True)
    return Outcome("marked", issue.month, request.edition, made.mail.subject, record=path)


@contextmanager
def _one_run(database: Path) -> Iterator[None]:
    """One `courant send` at a time per database (the lock ends with the process, even when
    it is killed)."""
    with open(f"{database}.send-lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SendRefused("er loopt al een courant send met deze database; wacht tot die "
                              "klaar is") from None
        yield
