"""`courant service` with the real parts: the command itself (waitress) on 127.0.0.1 behind
Debian's nginx with exactly the shipped configuration (scripts/nginx/, only the port
changed), the demo's partner site built by courant and served by that nginx, Debian's Chromium
filling in the form, aiosmtpd receiving the mails, `courant send` reaching (and then skipping)
the subscriber, and axe-core checking every page a partner sees on the way.

The tests of this file share one service and run in order; each client of the rate limit is
its own loopback address (127.0.0.x), as nginx tells the service in X-Real-IP.
"""

from __future__ import annotations

import email
import email.policy
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from conftest import ROOT
from courant import clock
from courant.build import pipeline
from courant.deliver import admin
from courant.deliver.database import address_hash, open_database
from courant.deliver.tokens import make_token
from courant.read.config import load_config
from courant.render.site.privacy import privacy_version
from mailservers import AFTER_NOVEMBER, SECRET, Recorder, partner_csv, sending_project
from webserver import SNIPPETS, free_port, nginx, stop, wait_until_listening

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERVICE = "https://sociaaldomein.waalstad.nl/abonnement/"
AFTER_DECEMBER = "1797591600"  # 2026-12-18 12:00, Amsterdam: the December issue is out
COURANT = str(Path(sys.executable).parent / "courant")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SHOTS = Path(os.environ.get("COURANT_ARTIFACTS", ROOT / ".cache" / "test-artifacts")) / "service"

pytestmark = [pytest.mark.server, pytest.mark.browser,
              pytest.mark.usefixtures("after_november")]


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Stack:
    root: Path
    site: str  # http://127.0.0.1:<nginx>/
    recorder: Recorder
    log: Path

    def local(self, link: str) -> str:
        """A link of the mail, to this nginx (as DNS would send it to the real one)."""
        return link.replace("https://sociaaldomein.waalstad.nl/", self.site)

    def request(self, method: str, link: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, source: str = "127.0.0.1") -> Reply:
        """One request from `source` (a loopback address: the client nginx names)."""
        parts = urlsplit(self.local(link))
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=20,
                                                source_address=(source, 0))
        try:
            connection.request(method, parts.path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers,
                         response.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def post(self, link: str, fields: dict[str, str], source: str,
             headers: dict[str, str] | None = None) -> Reply:
        from urllib.parse import urlencode

        return self.request("POST", link, urlencode(fields).encode(), {**FORM, **(headers or {})},
                            source)

    def rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Everything the database holds about subscribers (to prove nothing changed)."""
        with sqlite3.connect(self.root / ".courant" / "abonnees.sqlite") as db:
            return {table: sorted(db.execute(f"SELECT * FROM {table}"))
                    for table in ("subscribers", "removed")}

    def subscriber(self, address: str) -> sqlite3.Row | None:
        with sqlite3.connect(self.root / ".courant" / "abonnees.sqlite") as db:
            db.row_factory = sqlite3.Row
            return db.execute("SELECT * FROM subscribers WHERE email = ?",  # type: ignore[no-any-return]
                              (address,)).fetchone()

    def mails_to(self, address: str, count: int = 1, wait: float = 10) -> list[EmailMessage]:
        deadline = time.monotonic() + wait
        while True:
            found = [email.message_from_bytes(r.data, policy=email.policy.default)
                     for r in self.recorder.received if address in r.recipients]
            if len(found) >= count or time.monotonic() > deadline:
                return found  # type: ignore[return-value]
            time.sleep(0.05)

    def settled(self) -> int:
        """The number of mails received, once no mail came in for 0.3 seconds (the
        service sends from its own thread, so an earlier test's mail may still arrive)."""
        count = -1
        while count != len(self.recorder.received):
            count = len(self.recorder.received)
            time.sleep(0.3)
        return count

    def sign_up(self, address: str, source: str) -> str:
        """Sign `address` up with a plain POST; the confirmation link of its mail."""
        before = len(self.mails_to(address, wait=0))
        reply = self.post(self.site + "abonnement/aanmelden",
                          {"email": address, "naam": "", "organisatie": "", "website": "",
                           "toestemming": "ja", "editie": "partners"}, source)
        assert reply.status == 200, reply.text
        mails = self.mails_to(address, before + 1)
        assert len(mails) == before + 1, "no confirmation mail"
        return confirm_link(mails[-1])

    def form_token(self, link: str, source: str) -> str:
        """The signed form token of the page behind `link` (as its button sends it)."""
        page = self.request("GET", link, source=source)
        token = re.search(r'name="formulier" value="([^"]+)"', page.text)
        assert token, page.text
        return token.group(1)

    def confirm(self, link: str, source: str) -> Reply:
        return self.post(link, {"formulier": self.form_token(link, source)}, source)

    def send(self, month: str, now: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "COURANT_SECRET": SECRET, "SOURCE_DATE_EPOCH": now}
        return subprocess.run([COURANT, "send", month, "--edition", "partners", "--map",
                               str(self.root)], env=env, capture_output=True, text=True,
                              timeout=300)


def confirm_link(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    found = re.search(r"https://\S+/abonnement/bevestigen/\S+", body.get_content())
    assert found, body.get_content()
    return found.group(0)


def flipped(token: str) -> str:
    """`token` with one character of its signature changed."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def unsubscribe_link(message: EmailMessage) -> str:
    header = str(message["List-Unsubscribe"])
    found = re.search(r"<(https://[^>]+)>", header)
    assert found, header
    return found.group(1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    recorder = Recorder()
    smtp = Controller(recorder, hostname="127.0.0.1", port=free_port())
    smtp.start()
    base = tmp_path_factory.mktemp("service")
    root = sending_project(base / "project", {"host": "127.0.0.1", "port": smtp.port,
                                              "security": "none", "per_minute": 0},
                           service=SERVICE)
    partner_csv(base / "partners.csv", 2)
    with pytest.MonkeyPatch.context() as patch:  # built as after the November issue
        patch.setenv("SOURCE_DATE_EPOCH", AFTER_NOVEMBER)
        admin.import_file(root, base / "partners.csv", "partners")
        pipeline.build(pipeline.Project(root))
    port = free_port()
    log = base / "service.log"
    env = {**os.environ, "COURANT_SECRET": SECRET, "SOURCE_DATE_EPOCH": AFTER_NOVEMBER}
    with log.open("wb") as log_file:
        service = subprocess.Popen([COURANT, "service", "--port", str(port), "--map",
                                    str(root)], env=env, stdout=log_file, stderr=log_file)
    run = base / "nginx"
    run.mkdir()
    snippet = (SNIPPETS / "abonnement.conf").read_text(encoding="utf-8")
    assert snippet.count("127.0.0.1:8025") == 1
    (run / "abonnement.conf").write_text(snippet.replace("127.0.0.1:8025", f"127.0.0.1:{port}"),
                                         encoding="utf-8")
    block = (f"root {root / 'dist' / 'public'};\n        include {SNIPPETS / 'courant.conf'};"
             f"\n        include {run / 'abonnement.conf'};")
    try:
        wait_until_listening(service, port, log, "courant service")
        with nginx(run, block) as site_port:
            yield Stack(root, f"http://127.0.0.1:{site_port}/", recorder, log)
    finally:
        stop(service)
        smtp.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        # axe-core is injected as an inline script, which the service's CSP rightly forbids
        context = chromium.new_context(locale="nl-NL", bypass_csp=True)
        try:
            yield context
        finally:
            chromium.close()


def axe_violations(page: Any, shot: str | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on `page` (saved as `shot`.png for a person to see)."""
    if shot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"{shot}.png", full_page=True)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", WCAG_TAGS)
    return [f"{v['id']}: {[n['html'] for n in v['nodes']]}" for v in report["violations"]]


def test_a_partner_signs_up_confirms_gets_the_issue_and_leaves_with_one_click(
        stack: Stack, browser: Any) -> None:
    page = browser.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url)
            if not r.url.startswith(stack.site) else None)
    page.goto(stack.site + "nieuwsbrief-ontvangen/")
    assert axe_violations(page, "aanmelden") == []
    page.get_by_label("E-mailadres").fill("nieuw@partner.nl")
    page.get_by_label("Naam (niet verplicht)").fill("Nieuwe Partner")
    page.get_by_label("Organisatie (niet verplicht)").fill("Buurtzorg Oost")
    page.get_by_role("link", name="privacyverklaring").first.wait_for()
    page.get_by_label("Ja, ik wil de nieuwsbrief").check()
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Bijna klaar: kijk in uw mail"
    assert axe_violations(page, "bijna-klaar") == []
    row = stack.subscriber("nieuw@partner.nl")
    assert row is not None and row["status"] == "pending"
    assert (row["name"], row["organisation"]) == ("Nieuwe Partner", "Buurtzorg Oost")

    (mail,) = stack.mails_to("nieuw@partner.nl")
    assert mail["Subject"].startswith("Bevestig uw aanmelding")
    assert mail["Auto-Submitted"] == "auto-generated"
    link = confirm_link(mail)

    # a link scanner opens the link (GET and HEAD): a page, and nothing changes
    before = stack.rows()
    for method in ("GET", "HEAD"):
        scanned = stack.request(method, link, source="127.0.0.2")
        assert scanned.status == 200
    assert "Aanmelding bevestigen" in stack.request("GET", link, source="127.0.0.2").text
    assert stack.rows() == before

    page.goto(stack.local(link))
    assert axe_violations(page, "bevestigen") == []
    page.get_by_role("button", name="Aanmelding bevestigen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent aangemeld"
    assert axe_violations(page, "aangemeld") == []
    row = stack.subscriber("nieuw@partner.nl")
    assert row["status"] == "active" and row["consent_at"] and row["active_since"]
    assert "dubbele opt-in" in row["consent_how"]
    version = privacy_version(load_config(stack.root / "mkdocs.yml"))
    assert f"privacyverklaring versie {version}" in row["consent_text"]
    assert elsewhere == []  # no request to any other host, on any page

    sent = stack.send("2026-11", AFTER_NOVEMBER)
    assert sent.returncode == 0, sent.stderr
    (issue,) = stack.mails_to("nieuw@partner.nl", 2)[1:]
    assert issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/privacy/" in issue.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    leave = unsubscribe_link(issue)

    # RFC 8058: the mail client POSTs the header's address, no cookie, no page, no Origin
    reply = stack.request("POST", leave, b"List-Unsubscribe=One-Click", FORM, "127.0.0.3")
    assert (reply.status, "U bent afgemeld" in reply.text) == (200, True)
    assert stack.subscriber("nieuw@partner.nl") is None
    with open_database(stack.root / ".courant" / "abonnees.sqlite") as db:
        assert db.execute("SELECT how FROM removed WHERE address_hash = ?", (address_hash(
            db, "nieuw@partner.nl"),)).fetchone()[0].endswith("(RFC 8058)")

    count = len(stack.recorder.received)
    sent = stack.send("2026-12", AFTER_DECEMBER)
    assert sent.returncode == 0, sent.stderr
    december = stack.recorder.received[count:]
    assert sorted(r.recipients[0] for r in december) == ["p01@voorbeeld.nl", "p02@voorbeeld.nl"]
    page.close()


def test_forged_altered_expired_and_replayed_tokens_get_their_answers(stack: Stack) -> None:
    source = "127.0.0.4"
    link = stack.sign_up("token@partner.nl", source)
    token = link.rsplit("/", 1)[1]
    altered = flipped(token)
    with open_database(stack.root / ".courant" / "abonnees.sqlite") as db:
        digest = address_hash(db, "token@partner.nl")
    forged = make_token(b"een ander geheim van minstens tweeendertig tekens", "confirm",
                        "partners", "token@partner.nl", digest, issued=clock.now())
    nobody = make_token(SECRET.encode(), "confirm", "partners", "niemand@partner.nl",
                        "ab" * 32, issued=clock.now())
    expired = make_token(SECRET.encode(), "confirm", "partners", "token@partner.nl", digest,
                         issued=clock.now() - timedelta(days=8))
    leave = make_token(SECRET.encode(), "unsubscribe", "partners", "token@partner.nl", digest)
    before = stack.rows()
    cases = {altered: (400, "Deze link werkt niet"), forged: (400, "Deze link werkt niet"),
             "a.p.kapot": (400, "Deze link werkt niet"), leave: (400, "Deze link werkt niet"),
             nobody: (404, "kennen we niet"), expired: (410, "verlopen")}
    for text, (status, words) in cases.items():
        for method, body in (("GET", None), ("POST", b"formulier=x")):
            reply = stack.request(method, f"{SERVICE}bevestigen/{text}", body, FORM, source)
            assert (reply.status, words in reply.text) == (status, True), (text, reply.text)
    leaving = {flipped(leave): (400, "Deze link werkt niet"),
               make_token(b"een ander geheim van minstens tweeendertig tekens", "unsubscribe",
                          "partners", "token@partner.nl", digest): (400, "Deze link werkt niet"),
               make_token(SECRET.encode(), "unsubscribe", "partners", "niemand@partner.nl",
                          "ab" * 32): (404, "kennen we niet"), token: (400, "werkt niet")}
    for text, (status, words) in leaving.items():
        for method, body in (("GET", None), ("POST", b"List-Unsubscribe=One-Click")):
            reply = stack.request(method, f"{SERVICE}afmelden/{text}", body, FORM, source)
            assert (reply.status, words in reply.text) == (status, True), (text, reply.text)
    assert stack.rows() == before

    unsigned = stack.post(link, {"formulier": "5f000000.nep"}, source)  # not from the page
    assert unsigned.status == 400 and "Druk nog een keer" in unsigned.text
    assert stack.rows() == before

    button = {"formulier": stack.form_token(link, source)}
    assert stack.post(link, button, source).status == 200
    proof = stack.subscriber("token@partner.nl")["consent_at"]
    again = stack.post(link, button, source)  # replayed: nothing changes
    assert (again.status, "U bent al aangemeld" in again.text) == (200, True)
    assert stack.subscriber("token@partner.nl")["consent_at"] == proof

    leave_link = f"{SERVICE}afmelden/{leave}"
    for expected in ("U bent afgemeld", "U bent al afgemeld"):  # replayed one-click
        reply = stack.request("POST", leave_link, b"List-Unsubscribe=One-Click", FORM, source)
        assert (reply.status, expected in reply.text) == (200, True)
    after = stack.rows()
    late = stack.request("GET", link, source=source)  # after leaving
    assert late.status == 404 and stack.rows() == after
    assert stack.subscriber("token@partner.nl") is None


def test_the_button_on_the_leave_page_and_a_multipart_one_click_unsubscribe(
        stack: Stack, browser: Any) -> None:
    source = "127.0.0.5"
    for address in ("knop@partner.nl", "multi@partner.nl"):
        assert stack.confirm(stack.sign_up(address, source), source).status == 200
    with open_database(stack.root / ".courant" / "abonnees.sqlite") as db:
        links = {a: f"{SERVICE}afmelden/" + make_token(SECRET.encode(), "unsubscribe",
                                                        "partners", a, address_hash(db, a))
                 for a in ("knop@partner.nl", "multi@partner.nl")}
    page = browser.new_page()
    page.goto(stack.local(links["knop@partner.nl"]))
    assert stack.subscriber("knop@partner.nl") is not None  # the page changed nothing
    assert axe_violations(page, "afmelden") == []
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent afgemeld"
    assert axe_violations(page, "afgemeld") == []
    assert stack.subscriber("knop@partner.nl") is None

    boundary = "----courant"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
            f"One-Click\r\n--{boundary}--\r\n").encode()
    reply = stack.request("POST", links["multi@partner.nl"], body,
                          {"Content-Type": f"multipart/form-data; boundary={boundary}"}, source)
    assert reply.status == 200 and "U bent afgemeld" in reply.text
    assert stack.subscriber("multi@partner.nl") is None

    # the error pages a partner can meet, in the browser: the form again, a 404
    page.goto(stack.site + "nieuwsbrief-ontvangen/")
    page.evaluate("document.querySelector('form.courant-signup').noValidate = true")
    page.get_by_label("E-mailadres").fill("jan@")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    assert "Dit is geen e-mailadres" in page.content()
    assert page.get_by_label("E-mailadres").input_value() == "jan@"
    assert axe_violations(page, "formulier-fout") == []
    page.goto(stack.site + "privacy/")
    assert axe_violations(page, "privacy") == []
    page.goto(stack.site + "abonnement/bestaat-niet")
    assert page.get_by_role("heading", level=1).inner_text() == "Deze pagina bestaat niet"
    assert axe_violations(page, "niet-gevonden") == []
    page.close()


def test_a_burst_of_50_requests_is_slowed_down_per_client(stack: Stack) -> None:
    source = "127.0.0.50"
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda _: stack.request("GET", SERVICE + "stijl.css",
                                                        source=source), range(50)))
    statuses = sorted(r.status for r in replies)
    assert statuses == [200] * 30 + [429] * 20
    slowed = next(r for r in replies if r.status == 429)
    assert int(slowed.headers["Retry-After"]) >= 1
    assert "Even wachten" in slowed.text and 'lang="nl"' in slowed.text
    assert stack.request("GET", SERVICE + "stijl.css", source="127.0.0.51").status == 200

    # a partner leaving from that address is still let through (a mail provider's server
    # sends many one-click POSTs), but a forged one is not
    helper = "127.0.0.52"
    assert stack.confirm(stack.sign_up("druk@partner.nl", helper), helper).status == 200
    with open_database(stack.root / ".courant" / "abonnees.sqlite") as db:
        digest = address_hash(db, "druk@partner.nl")
    leave = f"{SERVICE}afmelden/" + make_token(SECRET.encode(), "unsubscribe", "partners",
                                               "druk@partner.nl", digest)
    forged = f"{SERVICE}afmelden/" + make_token(SECRET.encode(), "unsubscribe", "partners",
                                                "druk@partner.nl", "cd" * 32)
    assert stack.request("POST", forged, b"List-Unsubscribe=One-Click", FORM,
                         source).status == 429
    reply = stack.request("POST", leave, b"List-Unsubscribe=One-Click", FORM, source)
    assert reply.status == 200 and stack.subscriber("druk@partner.nl") is None


def test_sign_ups_from_one_client_are_limited_and_one_address_gets_one_mail(
        stack: Stack) -> None:
    source = "127.0.0.60"
    for number in range(10):
        stack.sign_up(f"veel{number}@partner.nl", source)
    reply = stack.post(SERVICE + "aanmelden", {"email": "elfde@partner.nl",
                                               "toestemming": "ja"}, source)
    assert reply.status == 429 and stack.subscriber("elfde@partner.nl") is None
    # asking again for the same address at once: the same answer, but no second mail
    other = "127.0.0.61"
    stack.sign_up("eenmaal@partner.nl", other)
    again = stack.post(SERVICE + "aanmelden", {"email": "eenmaal@partner.nl",
                                               "toestemming": "ja"}, other)
    assert again.status == 200 and "Bijna klaar" in again.text
    assert len(stack.mails_to("eenmaal@partner.nl", 2, wait=2)) == 1


def test_the_answer_is_the_same_whatever_the_address(stack: Stack) -> None:
    fields = {"toestemming": "ja", "editie": "partners"}
    known = stack.post(SERVICE + "aanmelden", {**fields, "email": "p01@voorbeeld.nl"},
                       "127.0.0.70")
    unknown = stack.post(SERVICE + "aanmelden", {**fields, "email": "onbekend@partner.nl"},
                         "127.0.0.71")
    assert (known.status, known.text) == (unknown.status, unknown.text)
    (note,) = stack.mails_to("p01@voorbeeld.nl", 3)[2:]  # after the two issues
    assert note["Subject"].startswith("U bent al aangemeld")
    assert stack.mails_to("onbekend@partner.nl")[0]["Subject"].startswith("Bevestig")
    assert stack.subscriber("p01@voorbeeld.nl")["status"] == "active"


def test_the_intranet_s_form_may_post_to_the_service_on_the_partner_host(
        stack: Stack) -> None:
    reply = stack.post(SERVICE + "aanmelden", {"email": "collega@partner.nl",
                                               "toestemming": "ja"}, "127.0.0.91",
                       {"Origin": "https://intranet.waalstad.nl"})
    assert reply.status == 200 and stack.subscriber("collega@partner.nl") is not None


def test_a_name_is_kept_as_one_line_of_text(stack: Stack) -> None:
    reply = stack.post(SERVICE + "aanmelden", {"email": "regels@partner.nl", "toestemming": "ja",
                                               "naam": "Jan\r\nBcc: iedereen@example.org",
                                               "organisatie": "Org\x00\tNaam "}, "127.0.0.90")
    assert reply.status == 200
    row = stack.subscriber("regels@partner.nl")
    assert (row["name"], row["organisation"]) == ("Jan Bcc: iedereen@example.org", "Org Naam")


BAD = [
    # (what, method, path, body, headers, status, Dutch words)
    ("a malformed address", "POST", "aanmelden", "email=jan%40&toestemming=ja", FORM, 400,
     "Dit is geen e-mailadres"),
    ("no address", "POST", "aanmelden", "email=&toestemming=ja", FORM, 400,
     "Vul uw e-mailadres in"),
    ("no consent", "POST", "aanmelden", "email=a%40partner.nl", FORM, 400, "Vink aan"),
    ("an over-long name", "POST", "aanmelden",
     "email=a%40partner.nl&toestemming=ja&naam=" + "x" * 201, FORM, 400,
     "langer dan 200 tekens"),
    ("an over-long address", "POST", "aanmelden",
     f"email={'a' * 250}%40partner.nl&toestemming=ja", FORM, 400, "hoogstens 254 tekens"),
    ("an over-long field", "POST", "aanmelden",
     "email=a%40partner.nl&toestemming=ja&extra=" + "x" * 2000, FORM, 413, "veel te lang"),
    ("an over-long body", "POST", "aanmelden", "email=a%40partner.nl&naam=" + "x" * 9000,
     FORM, 413, "Te veel tekst"),
    ("a filled honeypot", "POST", "aanmelden",
     "email=a%40partner.nl&toestemming=ja&website=http%3A%2F%2Fspam.example", FORM, 400,
     "leeg moet blijven"),
    ("an edition that is closed", "POST", "aanmelden",
     "email=a%40partner.nl&toestemming=ja&editie=staff", FORM, 400, "niet aanmelden"),
    ("JSON", "POST", "aanmelden", '{"email": "a@partner.nl"}',
     {"Content-Type": "application/json"}, 415, "alleen een ingevuld formulier"),
    ("plain text", "POST", "aanmelden", "email=a@partner.nl",
     {"Content-Type": "text/plain"}, 415, "alleen een ingevuld formulier"),
    ("no content type", "POST", "aanmelden", "email=a%40partner.nl&toestemming=ja", {}, 415,
     "alleen een ingevuld formulier"),
    ("bytes that are no UTF-8", "POST", "aanmelden", b"email=a%40partner.nl&naam=\xff\xfe",
     FORM, 400, "kon niet worden gelezen"),
    ("another site's form", "POST", "aanmelden", "email=a%40partner.nl&toestemming=ja",
     {**FORM, "Origin": "https://kwaadaardig.example"}, 403, "vanaf de site zelf"),
    ("GET of the sign-up address", "GET", "aanmelden", None, {}, 405, "alleen POST"),
    ("PUT of a leave address", "PUT", "afmelden/a.p.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
     "x", FORM, 405, "alleen GET en POST"),
    ("DELETE of the service", "DELETE", "", None, {}, 405, "alleen GET"),
    ("an address that does not exist", "GET", "wp-login.php", None, {}, 404,
     "Deze pagina bestaat niet"),
]


@pytest.mark.parametrize(("what", "method", "path", "body", "headers", "status", "words"),
                         BAD, ids=[case[0] for case in BAD])
def test_bad_input_gets_a_short_dutch_answer_and_stores_nothing(
        stack: Stack, what: str, method: str, path: str, body: str | bytes | None,
        headers: dict[str, str], status: int, words: str) -> None:
    before, mails = stack.rows(), stack.settled()
    source = f"127.0.1.{BAD.index(next(c for c in BAD if c[0] == what)) + 1}"
    data = body.encode() if isinstance(body, str) else body
    reply = stack.request(method, SERVICE + path, data, headers, source)
    assert reply.status == status, reply.text
    assert words in reply.text and '<html lang="nl">' in reply.text
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Traceback" not in reply.text
    if status == 405:
        assert reply.headers["Allow"]
    assert stack.rows() == before and stack.settled() == mails


def test_the_service_pages_are_valid_html(stack: Stack, tmp_path: Path) -> None:
    from courant.audit.html import validate

    source = "127.0.0.81"
    link = stack.sign_up("html@partner.nl", source)
    pages = {"button": stack.request("GET", link, source=source).text,
             "form": stack.post(SERVICE + "aanmelden", {"email": "jan@"}, source).text,
             "message": stack.request("GET", SERVICE + "bestaat-niet", source=source).text}
    for name, text in pages.items():
        (tmp_path / f"{name}.html").write_text(text, encoding="utf-8")
    run = validate(ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
                   sorted(tmp_path.glob("*.html")), tmp_path)
    assert [f.as_text() for f in run.findings] == []


def test_the_pages_are_safe_to_show(stack: Stack) -> None:
    reply = stack.request("GET", SERVICE + "afmelden/a.p.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
                          source="127.0.0.80")
    assert reply.status == 404
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.headers["Referrer-Policy"] == "strict-origin"
    assert "default-src 'none'" in reply.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in reply.headers
    assert "<script" not in reply.text
    start = stack.request("GET", SERVICE, source="127.0.0.80")
    assert start.status == 303
    assert start.headers["Location"] == "https://sociaaldomein.waalstad.nl/nieuwsbrief-ontvangen/"


def test_every_request_is_logged_without_an_address(stack: Stack) -> None:
    log = stack.log.read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if re.search(r" (GET|POST|HEAD|PUT|DELETE) ",
                                                            line)]
    assert len(lines) > 100
    assert "@" not in log
    assert not re.search(r"[a-z]\.p\.[A-Za-z0-9_-]{16}", log)  # no token either
    assert any("/abonnement/bevestigen/… 200" in line and "bevestigd" in line
               for line in lines)


def test_the_service_refuses_to_start_without_its_secret(stack: Stack) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COURANT_SECRET"}
    for secret in (None, "te kort"):
        if secret:
            env["COURANT_SECRET"] = secret
        result = subprocess.run([COURANT, "service", "--port", str(free_port()), "--map",
                                 str(stack.root)], env=env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 1
        assert "De service start niet" in result.stderr and "COURANT_SECRET" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_partner_site_has_the_privacy_page_and_the_form_posts_to_the_service(
        stack: Stack) -> None:
    page = stack.request("GET", stack.site + "nieuwsbrief-ontvangen/").text
    assert 'action="/abonnement/aanmelden"' in page and 'name="toestemming"' in page
    privacy = stack.request("GET", stack.site + "privacy/")
    assert privacy.status == 200 and "Autoriteit Persoonsgegevens" in privacy.text
    assert json.dumps(privacy_version(load_config(stack.root / "mkdocs.yml")))[1:-1] \
        in privacy.text
