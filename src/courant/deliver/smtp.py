"""The relay, over SMTP (smtplib): connecting, TLS, logging in, and one transaction per message.

Every way the relay can refuse before anything is sent (unreachable, TLS that cannot be set
up, failed authentication) is a RelayError with a Dutch sentence. A message is handed over in
steps (MAIL, RCPT, DATA, the message, then the final ".") so that the ledger can be written
just before the one step after which the relay may have it (see ledger.py).
"""

from __future__ import annotations

import ipaddress
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from courant.read.config import SmtpSettings

PASSWORD_VARIABLE = "COURANT_SMTP_PASSWORD"
TIMEOUT = 60.0


class RelayError(Exception):
    """The relay cannot be used; str() says why and what to do, in Dutch."""


class RelayLost(RelayError):
    """The connection broke off during a send."""


@dataclass(frozen=True, slots=True)
class Answer:
    code: int
    text: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.code < 300

    @property
    def temporary(self) -> bool:
        return 400 <= self.code < 500

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Relay:
    """One connection to the relay: `open()`, `deliver()` per message, `close()`."""

    def __init__(self, settings: SmtpSettings, password: str | None, root: Path,
                 timeout: float = TIMEOUT) -> None:
        self.settings = settings
        self.password = password
        self.root = root
        self.timeout = timeout
        self.where = f"{settings.host}:{settings.port_number}"
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        settings = self.settings
        if settings.username and not self.password:
            raise RelayError(f"{PASSWORD_VARIABLE} ontbreekt: het wachtwoord van "
                             f"'{settings.username}' komt alleen uit die omgevingsvariabele, "
                             "nooit uit een bestand in het project")
        if settings.username and settings.security == "none" and not is_loopback(settings.host):
            raise RelayError(f"inloggen bij {self.where} zonder versleuteling zou het "
                             "wachtwoord leesbaar over het netwerk sturen; zet "
                             "extra.courant.mail.smtp.security op starttls of ssl")
        try:
            self.connection = self._connect()
            if settings.username:
                self.connection.login(settings.username, self.password or "")
        except smtplib.SMTPAuthenticationError as err:
            self.close()
            raise RelayError(f"inloggen bij {self.where} als '{settings.username}' lukte niet "
                             f"({_answer(err.smtp_code, err.smtp_error)}); controleer "
                             f"username in mkdocs.yml en {PASSWORD_VARIABLE}") from None
        except (ssl.SSLError, ssl.CertificateError, smtplib.SMTPNotSupportedError) as err:
            self.close()
            raise RelayError(f"een versleutelde verbinding (TLS) met {self.where} kon niet "
                             f"worden opgezet ({_reason(err)}); controleer security, port en "
                             "zo nodig ca_file onder extra.courant.mail.smtp") from None
        except (OSError, smtplib.SMTPException) as err:
            self.close()
            raise RelayError(f"de mailserver {self.where} is niet bereikbaar ({_reason(err)}); "
                             "controleer host en port onder extra.courant.mail.smtp, en of "
                             "deze machine die server mag bereiken") from None

    def _connect(self) -> smtplib.SMTP:
        settings, host, port = self.settings, self.settings.host, self.settings.port_number
        if settings.security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=self.timeout, context=self._tls())
        connection = smtplib.SMTP(host, port, timeout=self.timeout)
        try:
            connection.ehlo()
            if settings.security == "starttls":
                if not connection.has_extn("starttls"):
                    raise smtplib.SMTPNotSupportedError("de server biedt geen STARTTLS aan")
                connection.starttls(context=self._tls())
                connection.ehlo()
        except BaseException:
            connection.close()
            raise
        return connection

    def _tls(self) -> ssl.SSLContext:
        ca_file = self.settings.ca_file
        cafile = str(self.root / ca_file) if ca_file else None
        try:
            return ssl.create_default_context(cafile=cafile)
        except OSError as err:
            raise ssl.SSLError(f"ca_file {ca_file}: {err.strerror}") from None

    def deliver(self, sender: str, recipient: str, data: bytes,
                at_commit: Callable[[], None]) -> Answer:
        """One SMTP transaction; `at_commit` runs just before the final "." is sent. A refusal
        is an Answer (4xx, 5xx); a broken connection is RelayLost."""
        connection = self.connection
        assert connection is not None, "open() first"
        try:
            answer = Answer(*_decoded(connection.mail(sender)))
            if answer.accepted:
                answer = Answer(*_decoded(connection.rcpt(recipient)))
            if answer.accepted:
                answer = Answer(*_decoded(connection.docmd("DATA")))
            if answer.code != 354:
                connection.rset()
                return answer
            connection.send(_stuffed(data))
            at_commit()
            connection.send(b".\r\n")
            return Answer(*_decoded(connection.getreply()))
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            self.close()
            raise RelayLost(f"de verbinding met {self.where} viel weg ({_reason(err)})") from None

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None


def _stuffed(data: bytes) -> bytes:
    """The message as DATA carries it: CRLF line ends, a leading "." doubled, ending in CRLF
    (the final "." is sent on its own)."""
    data = re.sub(rb"(?:\r\n|\n|\r)", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def _decoded(reply: tuple[int, bytes]) -> tuple[int, str]:
    return reply[0], reply[1].decode("utf-8", "replace").replace("\n", " ")


def _answer(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"


def _reason(err: BaseException) -> str:
    if isinstance(err, socket.gaierror):
        return "de naam van de server is onbekend"
    if isinstance(err, ConnectionRefusedError):
        return "verbinding geweigerd"
    if isinstance(err, TimeoutError | socket.timeout):
        return "geen antwoord binnen de tijd"
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"het certificaat is niet te vertrouwen: {err.verify_message}"
    text = str(err) or err.__class__.__name__
    return text.replace("\n", " ")[:200]
