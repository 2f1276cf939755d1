"""Real SMTP servers for tests: aiosmtpd in the test process, and projects set up to send.

`Recorder` keeps every message the server accepted (envelope and bytes) and can refuse chosen
recipients with a given answer, once or always, as a relay does (451 greylisting, 550 unknown).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from conftest import copy_project

AFTER_NOVEMBER = "1795777200"  # 2026-11-27 12:00, Amsterdam: the November issue is out
SECRET = "een-geheim-voor-de-tests-van-minstens-32-tekens"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Recorder:
    """An aiosmtpd handler: accepts everything, except the refusals it is told about."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, tuple[str, int]] = field(default_factory=dict)  # address: (answer, times)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, options: list[str]) -> str:
        if address in self.refuse:
            answer, times = self.refuse[address]
            if times != 0:
                self.refuse[address] = (answer, times - 1)
                return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos),
                                      bytes(envelope.original_content or b"")))
        return "250 OK: queued"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def running(handler: Any, **options: Any) -> Iterator[Controller]:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def sending_project(target: Path, smtp: dict[str, Any], **mail: Any) -> Path:
    """A copy of the demo whose mkdocs.yml sends through `smtp` (plus other mail settings)."""
    root = copy_project(target)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["courant"]["mail"].update({"smtp": smtp, **mail})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")
    return root


def partner_csv(path: Path, count: int, domain: str = "voorbeeld.nl") -> list[str]:
    """A CSV of `count` partners (p01@domain, ...); their addresses."""
    addresses = [f"p{n:02d}@{domain}" for n in range(1, count + 1)]
    lines = ["email;naam;organisatie"]
    lines += [f"{a};Partner {n};Organisatie {n}" for n, a in enumerate(addresses, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return addresses
