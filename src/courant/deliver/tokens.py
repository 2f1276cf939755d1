"""Signed tokens in the addresses of a mail: unsubscribing (and, for `courant service`,
confirming a subscription).

A token names the edition and the subscriber, and is signed with HMAC-SHA256 over its
purpose, the edition, the address itself and its time, with a secret from the environment
(COURANT_SECRET). It holds no address: the subscriber is named by the first bytes of the
address's keyed hash (database.address_hash), and the signature can only be checked with the
address from the database, so a token cannot be made for anyone, nor moved to another
address or edition. Link scanners may open it: only a POST acts on it (see `courant service`).

    a.p.Zk3q9r0bX1cD2eF3gH4iJw.0Vb3...   purpose . edition . reference . [time .] signature
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

SECRET_VARIABLE = "COURANT_SECRET"
MIN_SECRET = 32
PURPOSES = {"a": "unsubscribe", "b": "confirm"}
EDITIONS = {"p": "partners", "s": "staff"}
REFERENCE_BYTES = 12
SIGNATURE_BYTES = 16


class TokenError(ValueError):
    """A token that is malformed, altered or forged; str() is a Dutch sentence."""


class SecretMissing(Exception):
    """COURANT_SECRET is not set (or too short); str() says what to do, in Dutch."""


def secret_from(environ: Mapping[str, str] = os.environ) -> bytes:
    value = environ.get(SECRET_VARIABLE, "")
    if len(value) < MIN_SECRET:
        raise SecretMissing(
            f"de omgevingsvariabele {SECRET_VARIABLE} {'is te kort' if value else 'ontbreekt'}"
            f"; zet er een geheim van minstens {MIN_SECRET} tekens in (bijvoorbeeld de uitvoer "
            "van: python3 -c 'import secrets; print(secrets.token_urlsafe(32))') en bewaar "
            "het buiten het project: zonder hetzelfde geheim werken eerder verstuurde "
            "afmeldlinks niet meer")
    return value.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Token:
    """What a token says, before its signature is checked against the stored address."""

    purpose: str  # unsubscribe | confirm
    edition: str  # partners | staff
    reference: str  # the start of the address's keyed hash (hex)
    issued: datetime | None
    signature: bytes

    def matches(self, secret: bytes, address: str) -> bool:
        """Is this token signed for `address` (the stored address of the subscriber whose
        hash starts with `reference`)?"""
        expected = _signature(secret, self.purpose, self.edition, address, self.issued)
        return hmac.compare_digest(expected, self.signature)


def make_token(secret: bytes, purpose: str, edition: str, address: str, digest: str,
               issued: datetime | None = None) -> str:
    """A token for `address` (whose keyed hash is `digest`) in `edition`; with `issued`, the
    time is part of it (a confirmation link that expires)."""
    parts = [_key(PURPOSES, purpose), _key(EDITIONS, edition),
             _b64(bytes.fromhex(digest)[:REFERENCE_BYTES])]
    if issued is not None:
        parts.append(format(int(issued.timestamp()), "x"))
    parts.append(_b64(_signature(secret, purpose, edition, address, issued)))
    return ".".join(parts)


def read_token(token: str) -> Token:
    """Split a token; a TokenError when it cannot be one of courant's."""
    parts = token.strip().split(".")
    if len(parts) not in (4, 5) or parts[0] not in PURPOSES or parts[1] not in EDITIONS:
        raise TokenError("deze link is niet (meer) geldig: hij is onvolledig of veranderd")
    try:
        reference = _unb64(parts[2]).hex()
        issued = (datetime.fromtimestamp(int(parts[3], 16), tz=UTC) if len(parts) == 5
                  else None)
        signature = _unb64(parts[-1])
    except (ValueError, OverflowError):
        raise TokenError("deze link is niet (meer) geldig: hij is onvolledig of "
                         "veranderd") from None
    if len(reference) != 2 * REFERENCE_BYTES or len(signature) != SIGNATURE_BYTES:
        raise TokenError("deze link is niet (meer) geldig: hij is onvolledig of veranderd")
    return Token(PURPOSES[parts[0]], EDITIONS[parts[1]], reference, issued, signature)


def _signature(secret: bytes, purpose: str, edition: str, address: str,
               issued: datetime | None) -> bytes:
    when = "" if issued is None else str(int(issued.timestamp()))
    text = "\0".join(("courant", purpose, edition, address.strip().lower(), when))
    return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).digest()[:SIGNATURE_BYTES]


def _key(table: dict[str, str], value: str) -> str:
    return next(key for key, name in table.items() if name == value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
