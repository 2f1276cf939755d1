"""Web and mail addresses as editors and administrators write them, checked completely.

A web address goes into a link (`[Aanmelden](...)`), a calendar and a feed as it is written, so
it must be one absolute http(s) address and nothing else: no space, no Markdown or HTML around
it, no other scheme (`javascript:`). A mailbox (`Redactie <nieuwsbrief@...>`) goes into a mail
header, so it must be one mailbox: a comma in the name is part of the name, a line break is
refused. Each check returns what is wrong in Dutch, or None.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address
from urllib.parse import urlsplit

URL_EXAMPLE = "https://www.waalstad.nl/aanmelden"
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\.]+")
MARKUP = re.compile(r"[<>\[\]\"`{}|\\^]")
HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?\.?")


def url_fault(text: str, example: str = URL_EXAMPLE) -> str | None:
    """What keeps `text` from being one absolute http(s) address, or None when it is one."""
    write = f"schrijf alleen het adres, bijvoorbeeld {example}"
    if re.search(r"[\s\x00-\x1f\x7f]", text):
        return (f"bevat een spatie of regeleinde; een webadres is één adres zonder spaties: "
                f"{write} (een spatie in een adres schrijf je als %20)")
    if MARKUP.search(text) or not _balanced(text):
        return (f"bevat opmaak (zoals [ ], < > of aanhalingstekens); een webadres is alleen het "
                f"adres zelf, zonder Markdown of HTML eromheen: {write}")
    site = text.partition("/")[0]
    if "://" not in text and "." in site and HOST.fullmatch(site):  # www.waalstad.nl/...
        return f"is geen volledig webadres: https:// ontbreekt aan het begin; schrijf https://{text}"
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not text.lower().startswith(
            f"{parts.scheme.lower()}://"):
        return ("is geen webadres: alleen adressen die met https:// (of http://) beginnen "
                f"worden een link; {write}")
    if "@" in parts.netloc:
        return ("bevat een gebruikersnaam of wachtwoord (iets met @ vóór de naam van de site); "
                f"{write}")
    try:
        parts.port  # noqa: B018 (a wrong port raises)
    except ValueError:
        return f"heeft een poortnummer dat niet klopt (na de : achter de sitenaam); {write}"
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        return f"heeft na {parts.scheme}:// geen geldige naam van een website; {write}"
    return None


def _balanced(text: str) -> bool:
    """Parentheses in pairs, as in https://nl.wikipedia.org/wiki/Wmo_(wet): a lone ')' would
    end the Markdown link the address is put in."""
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def email_fault(text: str, example: str) -> str | None:
    """What keeps `text` from being one e-mail address (naam@domein.nl), or None."""
    if EMAIL.fullmatch(text):
        return None
    return f"is geen e-mailadres; schrijf één volledig adres, bijvoorbeeld {example}"


def mailto_fault(text: str, example: str) -> str | None:
    """A `mailto:` address with one e-mail address (and maybe ?subject=...), or None."""
    address, _, query = text.removeprefix("mailto:").partition("?")
    if re.search(r"[\s<>\"\\]", query) or email_fault(address, example):
        return (f"is geen geldig mailto:-adres; schrijf mailto: met één e-mailadres erachter, "
                f"bijvoorbeeld mailto:{example}")
    return None


def mailbox(text: str, example: str) -> tuple[Address | None, str | None]:
    """`Naam <adres>` or `adres` as one mailbox, or the reason it is not one.

    Everything before the `<` is the name, commas included (the email package's own parser
    would read 'Redactie, Sociaal Domein <...>' as two mailboxes); quotes around it are
    taken off. The Address writes the header with the name quoted where needed."""
    if re.search(r"[\r\n\x00-\x1f\x7f]", text):
        return None, (f"bevat een regeleinde of stuurteken; schrijf de afzender op één regel, "
                      f"zoals '{example}'")
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]*)>\s*", text)
    name, address = (match.group(1), match.group(2).strip()) if match else ("", text.strip())
    name = re.sub(r'^"(.*)"$', r"\1", name).replace('\\"', '"')
    if "<" in name or ">" in name or email_fault(address, example):
        return None, (f"is geen afzender: schrijf een naam en één e-mailadres tussen < >, zoals "
                      f"'{example}', of alleen het e-mailadres")
    try:
        return Address(display_name=name, addr_spec=address), None
    except (HeaderParseError, ValueError, IndexError):
        return None, (f"is geen afzender: het e-mailadres klopt niet; schrijf een naam en één "
                      f"e-mailadres tussen < >, zoals '{example}'")
