"""WSGI plumbing with the standard library: the request as courant reads it, and the answer.

A body is read only up to MAX_BODY and only as a form (application/x-www-form-urlencoded, or
multipart/form-data as RFC 8058 allows for the one-click POST); anything else is an Refusal
with the right status and a short Dutch sentence.
"""

from __future__ import annotations

import email.parser
import email.policy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

MAX_BODY = 8 * 1024
MAX_FIELDS = 20
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

STATUS_TEXT = {200: "OK", 303: "See Other", 400: "Bad Request", 403: "Forbidden",
               404: "Not Found", 405: "Method Not Allowed", 410: "Gone",
               411: "Length Required", 413: "Content Too Large",
               415: "Unsupported Media Type", 429: "Too Many Requests",
               500: "Internal Server Error", 503: "Service Unavailable"}


class Refusal(Exception):
    """A request the service does not take: its status, a Dutch title and sentence."""

    def __init__(self, status: int, title: str, text: str,
                 headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(text)
        self.status = status
        self.title = title
        self.text = text
        self.headers = list(headers)


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""  # what happened, for the log line (never an address)

    def status_line(self) -> str:
        return f"{self.status} {STATUS_TEXT.get(self.status, '')}".strip()


@dataclass(frozen=True)
class Request:
    environ: Mapping[str, Any]
    method: str
    path: str
    client: str

    def header(self, name: str) -> str:
        return str(self.environ.get("HTTP_" + name.upper().replace("-", "_"), ""))

    def form(self) -> dict[str, str]:
        """The posted form's fields (the first value of each); a Refusal when the body is no
        form, too large, or not UTF-8."""
        raw_type = str(self.environ.get("CONTENT_TYPE", ""))
        media = raw_type.split(";", 1)[0].strip().lower()
        if media not in FORM_TYPES:
            raise Refusal(415, "Verkeerd soort gegevens",
                          "Dit adres neemt alleen een ingevuld formulier aan "
                          "(application/x-www-form-urlencoded of multipart/form-data).")
        body = self._body()
        if media == FORM_TYPES[0]:
            return _urlencoded(body)
        return _multipart(raw_type, body)

    def _body(self) -> bytes:
        length_text = str(self.environ.get("CONTENT_LENGTH") or "").strip()
        if not length_text.isdigit():
            raise Refusal(411, "Lengte ontbreekt", "Dit verzoek zegt niet hoe lang het is.")
        length = int(length_text)
        if length > MAX_BODY:
            raise Refusal(413, "Te veel tekst", f"Een formulier mag hier hoogstens "
                          f"{MAX_BODY // 1024} kB zijn; dit is te lang.")
        stream = self.environ["wsgi.input"]
        return bytes(stream.read(length)) if length else b""


def _urlencoded(body: bytes) -> dict[str, str]:
    try:
        text = body.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS,
                          encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise _unreadable() from None
    return {key: values[0] for key, values in fields.items()}


def _multipart(content_type: str, body: bytes) -> dict[str, str]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1",
                                                                                "replace")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise _unreadable()
    fields: dict[str, str] = {}
    for part in list(message.iter_parts())[:MAX_FIELDS]:
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        try:
            fields.setdefault(name, payload.decode("utf-8"))
        except UnicodeDecodeError:
            raise _unreadable() from None
    return fields


def _unreadable() -> Refusal:
    return Refusal(400, "Onleesbaar formulier", "Dit formulier kon niet worden gelezen; "
                   "vul het opnieuw in op de site.")
