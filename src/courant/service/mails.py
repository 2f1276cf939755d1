"""The service's own mails: the confirmation link of a sign-up, and a note to someone who signed
up while already subscribed. Plain text, in Dutch, sent through the relay of `courant send`
(deliver/smtp.py, DKIM-signed when that is configured) from one thread of their own, so an
answer to the browser never waits for, or tells anything by, a mail being sent.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from courant.deliver.messages import DkimKey, sign
from courant.deliver.smtp import Relay, RelayError

log = logging.getLogger("courant.service")


@dataclass(frozen=True, slots=True)
class Outgoing:
    recipient: str
    data: bytes


@dataclass(frozen=True, slots=True)
class MailText:
    subject: str
    body: str


def confirmation_text(site_name: str, edition_label: str, link: str, days: int) -> MailText:
    return MailText(
        f"Bevestig uw aanmelding voor de nieuwsbrief van {site_name}",
        f"Goedendag,\n\nIemand, waarschijnlijk u, heeft dit e-mailadres aangemeld voor de "
        f"nieuwsbrief voor {edition_label} van {site_name}.\n\n"
        f"Wilt u de nieuwsbrief ontvangen? Open deze link en druk op de knop "
        f"'Aanmelding bevestigen':\n\n{link}\n\n"
        f"De link werkt {days} dagen. Heeft u zich niet aangemeld? Dan hoeft u niets te doen: "
        f"zonder bevestiging krijgt u niets en wissen we uw adres na {days} dagen.\n\n"
        f"Met vriendelijke groet,\n{site_name}\n")


def already_text(site_name: str, edition_label: str, leave: str) -> MailText:
    return MailText(
        f"U bent al aangemeld voor de nieuwsbrief van {site_name}",
        f"Goedendag,\n\nIemand, waarschijnlijk u, wilde dit e-mailadres aanmelden voor de "
        f"nieuwsbrief voor {edition_label} van {site_name}. U bent al aangemeld: er is niets "
        f"veranderd.\n\nWilt u de nieuwsbrief niet meer ontvangen? Open deze link en druk op "
        f"de knop 'Afmelden':\n\n{leave}\n\nMet vriendelijke groet,\n{site_name}\n")


def compose(sender: str, recipient: str, text: MailText, now: datetime, message_id: str,
            dkim_key: DkimKey | None) -> Outgoing:
    message = EmailMessage()
    name, address = parseaddr(sender)
    local, _, domain = address.partition("@")
    message["From"] = Address(name, local, domain)
    to_local, _, to_domain = recipient.partition("@")
    message["To"] = Address("", to_local, to_domain)
    message["Subject"] = text.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = "nl"
    message.set_content(text.body, cte="quoted-printable")
    # headers on one line (78 is a SHOULD): folded, a Subject starts with a space in some
    # readers, as render/newsletter/eml.py found for List-Unsubscribe
    data = message.as_bytes(policy=message.policy.clone(linesep="\r\n",
                                                        max_line_length=998))
    return Outgoing(recipient, sign(data, dkim_key) if dkim_key else data)


class Mailer:
    """Sends queued mails one by one through a fresh relay connection each; a failure is
    logged (without the address) and the sign-up can simply be tried again."""

    def __init__(self, relay: Callable[[], Relay], sender: str) -> None:
        self.relay = relay
        self.sender = parseaddr(sender)[1]
        self.queue: queue.Queue[Outgoing | None] = queue.Queue(maxsize=1000)
        self.thread = threading.Thread(target=self._run, name="courant-mail", daemon=True)
        self.thread.start()

    def put(self, mail: Outgoing) -> None:
        try:
            self.queue.put_nowait(mail)
        except queue.Full:
            log.warning("mail niet verstuurd: de wachtrij is vol (1000 mails)")

    def stop(self) -> None:
        self.queue.put(None)
        self.thread.join(timeout=30)

    def _run(self) -> None:
        while (mail := self.queue.get()) is not None:
            self._send(mail)

    def _send(self, mail: Outgoing) -> None:
        relay = self.relay()
        try:
            relay.open()
            answer = relay.deliver(self.sender, mail.recipient, mail.data, lambda: None)
        except RelayError as err:
            log.error("mail niet verstuurd: %s", err)
            return
        finally:
            relay.close()
        if answer.accepted:
            log.info("mail verstuurd")
        else:
            log.error("mail geweigerd door de mailserver: %s", answer.code)
