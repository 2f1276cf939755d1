"""What an editor meant: a key or value that is a near miss of one courant knows.

A typo (`audiance`), the key or value in Dutch (`titel`, `doelgroep`, `iedereen`), or the right
word in other letters (`Partners`, `MO`): each is found here, so that the message can say the
exact thing to write instead. A near miss is an error, never a guess: `audiance: all` left as
it is would keep a piece staff-only without anyone noticing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

DUTCH_KEYS = {
    "titel": "title", "kop": "title", "datum": "date", "doelgroep": "audience",
    "publiek": "audience", "afdeling": "department", "samenvatting": "summary",
    "inleiding": "summary", "concept": "draft", "afbeelding": "image", "foto": "image",
    "plaatje": "image", "alt": "image_alt", "alttekst": "image_alt",
    "afbeelding_alt": "image_alt", "beschrijving_afbeelding": "image_alt",
    "auteur": "authors", "auteurs": "authors", "author": "authors", "schrijver": "authors",
    "schrijvers": "authors", "door": "authors", "trefwoorden": "tags", "labels": "tags",
    "tag": "tags", "nummer": "issue", "nieuwsbrief": "issue", "editie": "issue",
    "locatie": "location", "plaats": "location", "waar": "location", "begin": "start",
    "aanvang": "start", "tijd": "start", "tijdstip": "start", "eind": "end", "einde": "end",
    "tot": "end", "reeks": "series",
    "serie": "series", "afgelast": "cancelled", "geannuleerd": "cancelled",
    "canceled": "cancelled", "aanmelden": "registration", "aanmelding": "registration",
    "inschrijven": "registration", "inschrijving": "registration", "soort": "kind",
    "type": "kind", "maker": "creator", "auteur_boek": "creator", "url": "link",
    "webadres": "link", "persoon": "person", "collega": "person", "toestemming": "consent",
    "naam": "name", "rol": "role", "functie": "role", "sleutel": "key", "code": "key",
    "telefoon": "phone", "telefoonnummer": "phone", "mail": "email", "e-mail": "email",
    "omschrijving": "description", "beschrijving": "description", "onderwerpen": "topics",
}
"""Dutch (and a few English) words editors write for courant's keys."""

TEXT_KEY = ("tekst", "text", "inhoud", "body", "content")
"""Keys for the text itself, which belongs below the front matter."""


CLOSE = 0.75
"""How alike a key must be to a known one to be taken for a typo of it (difflib's ratio:
'audiance' and 'audience' 0.88, 'titel' and 'title' 0.8; 'status' and 'start' 0.73 is not)."""


def meant_key(key: str, known: Iterable[str], cutoff: float = CLOSE) -> str | None:
    """The known key `key` is a near miss of (a typo, other letters, the Dutch word)."""
    known = list(known)
    lower = key.strip().lower()
    for candidate in (lower, lower.replace("-", "_"), lower.replace(" ", "_")):
        if candidate in known and candidate != key:
            return candidate
    dutch = DUTCH_KEYS.get(lower)
    if dutch in known:
        return dutch
    close = difflib.get_close_matches(lower, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def meant_value(value: object, allowed: Iterable[str],
                words: Mapping[str, str] | None = None) -> str | None:
    """The allowed value `value` differs from only in case or spaces, or that it says in
    Dutch (`words`: lower-case word -> value), or of which it is a typo."""
    if not isinstance(value, str) or not value.strip():
        return None
    allowed = list(allowed)
    lower = value.strip().lower()
    by_case = {a.lower(): a for a in allowed}
    if lower in by_case:
        return by_case[lower]
    if words and lower in words:
        return words[lower]
    close = difflib.get_close_matches(lower, list(by_case), n=1, cutoff=0.75)
    return by_case[close[0]] if close else None
