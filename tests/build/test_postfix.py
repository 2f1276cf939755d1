"""`courant send` through Debian's Postfix on 127.0.0.1 (scripts/postfix/local-instance.sh):
killed with SIGKILL half way and resumed, every subscriber has exactly one copy in their
mailbox, read back with Python's email package; an address Postfix does not know is a real
refusal, recorded as failed; and 200 messages with no rate limit arrive once each (how many a
minute that took is printed, never asserted).
"""

from __future__ import annotations

import email
import email.policy
import json
import mailbox
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, courant_command, courant_env, run_courant
from mailservers import AFTER_NOVEMBER, SECRET, free_port, sending_project

SCRIPT = ROOT / "scripts" / "postfix" / "local-instance.sh"
DOMAIN = "courant.test"
RATE_COUNT = 200
ARTIFACTS = Path(os.environ.get("COURANT_ARTIFACTS", ROOT / ".cache" / "test-artifacts"))

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not Path("/usr/sbin/postfix").exists(),
                       reason="Debian's postfix is not installed (scripts/install-system.sh)"),
    pytest.mark.skipif(os.geteuid() != 0, reason="a Postfix instance needs root"),
]


@pytest.fixture(scope="module")
def postfix() -> Iterator[tuple[int, Path]]:
    """A private Postfix for courant.test: p01..p25 (the kill test), r001..r200 (the rate),
    b01 (the bounce test); its port and its Maildir folder. Outside pytest's folders, which
    only root may enter: Postfix's own users must reach its queue and mailboxes."""
    folder = Path(tempfile.mkdtemp(prefix="courant-postfix-"))
    folder.chmod(0o755)
    (folder / "etc").mkdir()
    names = [f"p{n:02d}" for n in range(1, 26)] + [f"r{n:03d}" for n in range(1, 201)]
    (folder / "etc" / "mailboxes").write_text(
        "".join(f"{name}@{DOMAIN}\n" for name in [*names, "b01"]), encoding="utf-8")
    port = free_port()
    subprocess.run(["bash", str(SCRIPT), "start", str(folder), str(port)], check=True,
                   capture_output=True, timeout=60)
    try:
        yield port, folder / "mail"
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True,
                       timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def project(tmp_path: Path, port: int, per_minute: int, count: int, prefix: str = "p",
            width: int = 2) -> tuple[Path, list[str]]:
    root = sending_project(tmp_path / "p", {"host": "127.0.0.1", "port": port,
                                            "security": "none", "per_minute": per_minute},
                           service="https://sociaaldomein.waalstad.nl/abonnement/")
    csv = tmp_path / "partners.csv"
    addresses = [f"{prefix}{n:0{width}d}@{DOMAIN}" for n in range(1, count + 1)]
    csv.write_text("email\n" + "\n".join(addresses) + "\n", encoding="utf-8")
    courant(root, "subscribers", "import", str(csv), "--edition", "partners").check_returncode()
    return root, addresses


ENVIRONMENT = {"SOURCE_DATE_EPOCH": AFTER_NOVEMBER, "COURANT_SECRET": SECRET,
               "NO_MKDOCS_2_WARNING": "1"}


def courant(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_courant(root, *args, **ENVIRONMENT)


def start_send(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(courant_command(root, "send", "2026-11", "--edition", "partners"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=courant_env(**ENVIRONMENT))


def states(root: Path) -> dict[str, int]:
    with sqlite3.connect(root / ".courant" / "abonnees.sqlite", timeout=10) as db:
        return dict(db.execute("SELECT state, COUNT(*) FROM deliveries GROUP BY state"))


def delivered(mail: Path, addresses: list[str], timeout: float = 60) -> dict[str, list[bytes]]:
    """Each address's messages, once Postfix has delivered `len(addresses)` or time is up."""
    deadline = time.monotonic() + timeout
    while True:
        found = {a: [m.as_bytes() for m in mailbox.Maildir(mail / a, create=False)]
                 for a in addresses if (mail / a).exists()}
        if sum(map(len, found.values())) >= len(addresses) or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def set_rate(root: Path, per_minute: int) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["courant"]["mail"]["smtp"]["per_minute"] = per_minute
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")


def test_killed_half_way_and_resumed_every_subscriber_has_one_copy(
        tmp_path: Path, postfix: tuple[int, Path]) -> None:
    port, mail = postfix
    root, addresses = project(tmp_path, port, per_minute=120, count=25)
    running = start_send(root)
    deadline = time.monotonic() + 120
    while states(root).get("sent", 0) < 10:  # the import made the database
        assert running.poll() is None, running.communicate()
        assert time.monotonic() < deadline, "no ten messages in two minutes"
        time.sleep(0.05)
    os.kill(running.pid, signal.SIGKILL)
    running.communicate(timeout=30)  # reaped, its pipes closed
    assert running.returncode == -signal.SIGKILL
    killed_at = states(root)
    assert 10 <= killed_at.get("sent", 0) < 25
    set_rate(root, 0)
    resumed = courant(root, "send", "2026-11", "--edition", "partners")
    assert resumed.returncode == 0, resumed.stderr
    assert "@" not in resumed.stdout + resumed.stderr, "counts only, never an address"
    found = delivered(mail, addresses)
    assert {a: len(found.get(a, [])) for a in addresses} == dict.fromkeys(addresses, 1)
    ids = set()
    for address in addresses:
        (data,) = found[address]
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert message["To"].addresses[0].addr_spec == address  # type: ignore[union-attr]
        assert message["Subject"] == "Nieuwsbrief november 2026"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_content_type() == "multipart/alternative"
        ids.add(message["Message-ID"])
    assert len(ids) == 25
    final = states(root)
    assert final.get("sent", 0) + final.get("sending", 0) == 25
    assert (root / "newsletter" / "2026-11.sent.yml").exists()


def test_an_address_postfix_does_not_know_is_recorded_as_failed(
        tmp_path: Path, postfix: tuple[int, Path]) -> None:
    port, mail = postfix
    root, _ = project(tmp_path, port, per_minute=0, count=0)
    for address in (f"b01@{DOMAIN}", f"onbekend@{DOMAIN}"):
        courant(root, "subscribers", "add", address, "--edition", "partners").check_returncode()
    result = courant(root, "send", "2026-11", "--edition", "partners")
    assert result.returncode == 0, result.stderr
    assert ("Blijvend geweigerd (5xx), niet opnieuw geprobeerd: 550 5.1.1 <adres>: Recipient "
            "address rejected: User unknown in virtual mailbox table." in result.stdout)
    assert states(root) == {"sent": 1, "failed": 1}
    assert len(delivered(mail, [f"b01@{DOMAIN}"])[f"b01@{DOMAIN}"]) == 1
    exported = json.loads(courant(root, "subscribers", "export", f"onbekend@{DOMAIN}").stdout)
    assert exported["deliveries"][0]["state"] == "failed"


def test_without_a_rate_limit_200_messages_arrive_once_each(
        tmp_path: Path, postfix: tuple[int, Path]) -> None:
    """Behaviour only: the rate is a figure for the record (printed, and kept in the
    artifacts), not a pass mark, since a shared machine's load decides it."""
    port, mail = postfix
    root, addresses = project(tmp_path, port, per_minute=0, count=RATE_COUNT, prefix="r",
                              width=3)
    started = time.monotonic()
    result = courant(root, "send", "2026-11", "--edition", "partners")
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert states(root) == {"sent": RATE_COUNT}
    assert sum(map(len, delivered(mail, addresses).values())) == RATE_COUNT
    rate = RATE_COUNT / seconds * 60
    sending = float(re.search(r", in (\d+) seconden?\.", result.stdout).group(1))  # type: ignore[union-attr]
    line = (f"{RATE_COUNT} messages through Postfix: the command {seconds:.1f} s, {rate:.0f} a "
            f"minute; its sending {sending:.0f} s, {RATE_COUNT / max(sending, 1) * 60:.0f} a "
            "minute")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "postfix-rate.txt").write_text(line + "\n", encoding="utf-8")
    print("\n" + line)
