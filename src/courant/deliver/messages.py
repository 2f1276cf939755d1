"""One MIME message per recipient, made from the build's mail of that issue and edition.

The build's mail (mailing.build_mails) is rendered once, with a placeholder where each
partner's own unsubscribe address goes; per recipient the placeholder becomes a signed token
(tokens.py), and the message gets its To, Date, a Message-ID made from issue, edition and the
address's hash (the same for every attempt, so a relay or client can recognise a copy), and
List-Unsubscribe with List-Unsubscribe-Post when the address is https (render/newsletter/
eml.py). With
DKIM configured the message is signed (dkimpy), List-Unsubscribe and List-Unsubscribe-Post
included: dkimpy leaves the latter out of its defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import dkim

from courant.build.mails import MailFiles
from courant.deliver.tokens import make_token
from courant.read.config import DkimSettings
from courant.render.newsletter.eml import Envelope, eml_bytes

PLACEHOLDER = "courant-afmeldcode-0000000000000000"
"""Stands for the token while the mail is rendered once; it survives escaping and inlining."""
TEST_MARK = "[TEST] "

SIGNED_HEADERS = (b"from", b"to", b"subject", b"date", b"message-id", b"reply-to",
                  b"mime-version", b"content-type", b"content-language", b"list-unsubscribe",
                  b"list-unsubscribe-post", b"list-archive")


class DkimError(Exception):
    """The DKIM key cannot be used; str() says why, in Dutch."""


@dataclass(frozen=True, slots=True)
class Recipient:
    address: str
    digest: str  # database.address_hash of the address
    name: str = ""


@dataclass(frozen=True, slots=True)
class DkimKey:
    domain: str
    selector: str
    private_key: bytes


def unsubscribe_url(service: str, token: str) -> str:
    """The subscription service's page for one recipient (courant service answers it)."""
    return f"{service}afmelden/{token}"


def load_dkim(settings: DkimSettings, root: Path) -> DkimKey:
    path = root / settings.key_file
    try:
        key = path.read_bytes()
    except OSError as err:
        raise DkimError(f"de DKIM-sleutel {settings.key_file} kan niet gelezen worden "
                        f"({err.strerror}); controleer extra.courant.mail.dkim.key_file") from None
    try:
        dkim.sign(b"From: a@b.c\r\n\r\n", settings.selector.encode(), settings.domain.encode(),
                  key)
    except (dkim.DKIMException, ValueError, IndexError) as err:
        raise DkimError(f"de DKIM-sleutel {settings.key_file} is geen bruikbare RSA-sleutel "
                        f"in PEM ({err}); maak er een met: openssl genrsa -out "
                        f"{settings.key_file} 2048") from None
    return DkimKey(settings.domain, settings.selector, key)


class Personaliser:
    """Makes the message for each recipient of one mail (`made`, rendered with PLACEHOLDER as
    its unsubscribe address when `service` is set)."""

    def __init__(self, made: MailFiles, service: str | None, secret: bytes | None,
                 dkim_key: DkimKey | None = None, test: bool = False) -> None:
        self.made = made
        self.service = service
        self.secret = secret
        self.dkim_key = dkim_key
        self.test = test
        sender = parseaddr(made.site.sender)[1]
        self.sender = sender
        self.domain = sender.rpartition("@")[2] or urlsplit(made.site.url).hostname or "courant"

    def message_id(self, recipient: Recipient, now: datetime) -> str:
        mail = self.made.mail
        own = f"{mail.month}.{mail.edition.value}.{recipient.digest[:20]}"
        if self.test:
            own += f".test{int(now.timestamp())}"
        return f"<nieuwsbrief.{own}@{self.domain}>"

    def message(self, recipient: Recipient, now: datetime) -> bytes:
        mail, site = self.made.mail, self.made.site
        unsubscribe = None
        if self.service and self.secret and mail.edition.value == "partners":
            token = make_token(self.secret, "unsubscribe", mail.edition.value,
                               recipient.address, recipient.digest)
            unsubscribe = unsubscribe_url(self.service, token)
            mail = replace(mail, html=mail.html.replace(PLACEHOLDER, token),
                           text=mail.text.replace(PLACEHOLDER, token))
        local, _, domain = recipient.address.partition("@")
        envelope = Envelope(to=Address(recipient.name, local, domain), date=now,
                            message_id=self.message_id(recipient, now),
                            subject=(TEST_MARK if self.test else "") + mail.subject,
                            unsubscribe=unsubscribe)
        data = eml_bytes(mail, site, envelope)
        return sign(data, self.dkim_key) if self.dkim_key else data


def sign(data: bytes, key: DkimKey) -> bytes:
    """The message with a DKIM-Signature (relaxed/relaxed, rsa-sha256) over SIGNED_HEADERS."""
    present = {line.split(b":", 1)[0].strip().lower()
               for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n") if b":" in line}
    signature = dkim.sign(data, key.selector.encode(), key.domain.encode(), key.private_key,
                          canonicalize=(b"relaxed", b"relaxed"),
                          include_headers=[h for h in SIGNED_HEADERS if h in present])
    return bytes(signature) + data
