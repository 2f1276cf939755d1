"""A mail as a ready-to-send message (.eml): MIME multipart/alternative, UTF-8 (stdlib email).

Everything in it comes from the sources and the configuration, never from the clock or chance:
the Date is the issue's date (at SEND_TIME, Amsterdam time) and the Message-ID is made from the
month and the edition, so two builds of the same sources give the same bytes. `courant send`
makes one per recipient from the same mail, with an Envelope (deliver/messages.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from urllib.parse import urlsplit

from courant.audience import Edition
from courant.clock import AMSTERDAM
from courant.render.newsletter.email import Mail, MailSite

SEND_TIME = time(8, 0)
"""The time of day in the Date header: the morning the issue comes out."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """What a message sent to one recipient (courant send) has instead of the build's."""

    to: Address
    date: datetime
    message_id: str
    subject: str
    unsubscribe: str | None  # partners: this recipient's own address to unsubscribe


ONE_LINE = SMTP.clone(max_line_length=998)
"""Headers unfolded (up to SMTP's 998): the email package folds a long List-Unsubscribe into
encoded words, which no client reads, and a folded one breaks DKIM in some verifiers."""


def eml_bytes(mail: Mail, site: MailSite, envelope: Envelope | None = None) -> bytes:
    """The message with a plain-text and an HTML part (CRLF line ends, as SMTP wants them).

    Partners get List-Unsubscribe (RFC 2369), and List-Unsubscribe-Post (RFC 8058 one-click)
    when the unsubscribe address is a https: URL, as RFC 8058 requires. With `envelope`, the
    message for one recipient: To, its own Date, Message-ID and unsubscribe address.
    """
    message = EmailMessage(policy=SMTP)
    message["Subject"] = envelope.subject if envelope else mail.subject
    message["From"] = site.sender
    if envelope:
        message["To"] = envelope.to
    if site.reply_to:
        message["Reply-To"] = site.reply_to
    message["Date"] = format_datetime(envelope.date if envelope else send_time(mail))
    message["Message-ID"] = envelope.message_id if envelope else message_id(mail, site)
    message["Content-Language"] = "nl"
    if mail.edition is Edition.PARTNERS:
        _list_headers(message, mail, site, envelope.unsubscribe if envelope else None)
    message.set_content(mail.text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(mail.html, subtype="html", charset="utf-8",
                            cte="quoted-printable")
    message.set_boundary(boundary(mail))
    return message.as_bytes(policy=ONE_LINE) if envelope else message.as_bytes()


def boundary(mail: Mail) -> str:
    """From the content, not at random (the email package's default), so builds repeat.
    "=_" never occurs in a quoted-printable body (it would be written "=3D_")."""
    digest = hashlib.sha256((mail.text + "\0" + mail.html).encode("utf-8")).hexdigest()
    return f"=_courant_{digest[:32]}"


def send_time(mail: Mail) -> datetime:
    return datetime.combine(mail.day, SEND_TIME, tzinfo=AMSTERDAM)


def message_id(mail: Mail, site: MailSite) -> str:
    """Stable: the same issue and edition always have the same id."""
    domain = parseaddr(site.sender)[1].rpartition("@")[2] or urlsplit(site.url).hostname
    return f"<nieuwsbrief.{mail.month}.{mail.edition}@{domain}>"


def _list_headers(message: EmailMessage, mail: Mail, site: MailSite,
                  personal: str | None = None) -> None:
    address = personal or site.unsubscribe or \
        f"mailto:{site.reply_to or parseaddr(site.sender)[1]}?subject=Afmelden"
    message["List-Unsubscribe"] = f"<{address}>"
    if urlsplit(address).scheme == "https":
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Archive"] = f"<{site.url}nieuwsbrief/>"
