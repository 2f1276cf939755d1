"""The signed token in the forms of the service's own pages (the buttons that confirm or
unsubscribe): proof that a POST comes from a page the service showed, not long ago.

    5f3a9c1e.Xk2...   the page's time (hex) . HMAC-SHA256 over it and the link's token

The token of the link itself already names the subscriber; this one binds the button to that
link and to a time, so a request forged elsewhere or replayed a day later is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta

FIELD = "formulier"
LIFETIME = timedelta(hours=12)
SKEW = timedelta(minutes=5)


def form_token(secret: bytes, link_token: str, now: datetime) -> str:
    stamp = format(int(now.timestamp()), "x")
    return f"{stamp}.{_signature(secret, link_token, stamp)}"


def form_token_valid(secret: bytes, link_token: str, value: str, now: datetime) -> bool:
    stamp, _, signature = value.partition(".")
    try:
        made = datetime.fromtimestamp(int(stamp, 16), tz=now.tzinfo)
    except (ValueError, OverflowError, OSError):
        return False
    if not hmac.compare_digest(_signature(secret, link_token, stamp), signature):
        return False
    return now - LIFETIME <= made <= now + SKEW


def _signature(secret: bytes, link_token: str, stamp: str) -> str:
    text = "\0".join(("courant-formulier", link_token, stamp)).encode("utf-8")
    digest = hmac.new(secret, text, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
