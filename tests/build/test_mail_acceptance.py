"""Would a receiving mail system take courant's mail? SpamAssassin (Debian's, local tests only,
no network lookups) scores the build's .eml and a message `courant send` hands over well
below 5; a DKIM signature made by courant send verifies with dkimpy, covers List-Unsubscribe
and List-Unsubscribe-Post, and breaks when either is changed."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import dkim
import pytest
from aiosmtpd.controller import Controller

from courant.build import pipeline
from courant.deliver import admin
from courant.deliver.send import Request, Tools, send_issue
from mailservers import SECRET, Recorder, sending_project

pytestmark = pytest.mark.usefixtures("after_november")


def sent_message(tmp_path: Path, server: Controller, recorder: Recorder,
                 **mail: object) -> bytes:
    root = sending_project(tmp_path / "p", {"host": "127.0.0.1", "port": server.port,
                                            "security": "none", "per_minute": 0},
                           service="https://sociaaldomein.waalstad.nl/abonnement/", **mail)
    admin.add_address(root, "jan@voorbeeld.nl", "partners", "Jan de Vries", "", False)
    outcome = send_issue(pipeline.Project(root), Request("2026-11", "partners"),
                         Tools(environ={"COURANT_SECRET": SECRET}))
    assert outcome.sent == 1
    return recorder.received[0].data


def spam_score(message: Path, tmp_path: Path) -> tuple[float, str]:
    prefs = tmp_path / "user_prefs"
    prefs.write_text("", encoding="utf-8")
    result = subprocess.run(
        ["spamassassin", "-t", "-L", "-p", str(prefs), "--cf=use_bayes 0",
         "--cf=bayes_auto_learn 0"], input=message.read_bytes(), capture_output=True,
        timeout=120, check=False)
    report = result.stdout.decode("utf-8", "replace")
    found = re.search(r"^X-Spam-Status: \w+, score=(-?[\d.]+)", report, re.MULTILINE)
    assert found, report[-2000:]
    return float(found.group(1)), report


@pytest.mark.spawns  # spamassassin
@pytest.mark.skipif(shutil.which("spamassassin") is None,
                    reason="Debian's spamassassin is not installed (scripts/install-system.sh)")
def test_spamassassin_scores_the_mail_below_five(demo_dist: Path, tmp_path: Path,
                                                 server: Controller,
                                                 recorder: Recorder) -> None:
    personal = tmp_path / "personal.eml"
    personal.write_bytes(sent_message(tmp_path, server, recorder))
    for message in (demo_dist / "mail" / "2026-10" / "partners.eml",
                    demo_dist / "mail" / "2026-10" / "staff.eml", personal):
        score, report = spam_score(message, tmp_path)
        assert score < 5, f"{message.name}: {score}\n{report[-3000:]}"


def dns_for(public_key: bytes) -> Callable[..., bytes]:
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public_key)

    def lookup(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"courant2026._domainkey.waalstad.nl."
        return record
    return lookup


@pytest.mark.spawns  # openssl
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is missing")
def test_the_dkim_signature_covers_both_unsubscribe_headers(
        tmp_path: Path, server: Controller, recorder: Recorder) -> None:
    key = tmp_path / "dkim.key"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True,
                   capture_output=True)
    public = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
                            check=True, capture_output=True).stdout
    data = sent_message(tmp_path, server, recorder, dkim={
        "domain": "waalstad.nl", "selector": "courant2026", "key_file": str(key)})
    assert data.startswith(b"DKIM-Signature: ")
    signature = data.split(b"\r\n\r\n", 1)[0].split(b"Subject:", 1)[0]
    signed = re.search(rb"h=([^;]+);", signature.replace(b"\r\n", b"").replace(b" ", b""))
    assert signed is not None
    assert {b"list-unsubscribe", b"list-unsubscribe-post", b"from", b"to", b"subject"} <= set(
        signed.group(1).lower().split(b":"))
    lookup = dns_for(public)
    assert dkim.verify(data, dnsfunc=lookup)
    changed_post = data.replace(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                                b"List-Unsubscribe-Post: List-Unsubscribe=One-Klik")
    changed_link = re.sub(rb"(List-Unsubscribe: <https://[^>]+)(.)>", rb"\1X>", data, count=1)
    assert changed_link != data and changed_post != data
    assert not dkim.verify(changed_post, dnsfunc=lookup)
    assert not dkim.verify(changed_link, dnsfunc=lookup)
