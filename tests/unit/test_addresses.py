"""addresses.py: a web address is one absolute http(s) address and nothing else; a sender is
one mailbox, read back by the email package as exactly that one."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP, default

import markdown
import pytest
from bs4 import BeautifulSoup

from courant.read.addresses import mailbox, mailto_fault, url_fault

EXAMPLE = "Redactie Sociaal Domein <nieuwsbrief@waalstad.nl>"


@pytest.mark.parametrize("url", [
    "https://www.waalstad.nl/aanmelden",
    "http://intranet/sociaal-domein/",
    "https://nl.wikipedia.org/wiki/Wmo_(wet)",
    "https://www.waalstad.nl:8443/a?b=1&c=%20d#e",
    "https://bücher.example/über",
    "HTTPS://WWW.WAALSTAD.NL/",
])
def test_web_addresses(url: str) -> None:
    assert url_fault(url) is None


@pytest.mark.parametrize(("url", "start"), [
    ("https://www.waalstad.nl/ [hier](javascript:alert(1))", "bevat een spatie"),
    ("[Teams](https://teams.microsoft.com/l/meetup)", "bevat opmaak"),
    ("https://x.nl/a)[b](javascript:alert(1)", "bevat opmaak"),
    ('https://x.nl/"onmouseover="alert(1)', "bevat opmaak"),
    ("<https://x.nl/>", "bevat opmaak"),
    ("https://x.nl/a\nb", "bevat een spatie of regeleinde"),
    ("javascript:alert(1)", "is geen webadres"),
    ("JaVaScRiPt://x.nl/%0aalert(1)", "is geen webadres"),
    ("data:text/html,<b>", "bevat opmaak"),
    ("ftp://x.nl/", "is geen webadres"),
    ("//x.nl/pad", "is geen webadres"),
    ("https:x.nl", "is geen webadres"),
    ("www.waalstad.nl/aanmelden", "is geen volledig webadres: https:// ontbreekt"),
    ("https://", "heeft na https:// geen geldige naam"),
    ("https://-x-.nl/", "heeft na https:// geen geldige naam"),
    ("https://gebruiker:geheim@x.nl/", "bevat een gebruikersnaam"),
    ("https://x.nl:99999/", "heeft een poortnummer dat niet klopt"),
])
def test_anything_else_is_said(url: str, start: str) -> None:
    fault = url_fault(url)
    assert fault is not None and fault.startswith(start), fault


@pytest.mark.parametrize("url", ["https://www.waalstad.nl/aanmelden",
                                 "https://nl.wikipedia.org/wiki/Wmo_(wet)"])
def test_an_accepted_address_is_one_link_to_exactly_it(url: str) -> None:
    """What the site does with it: `[text](url)` in Markdown, then HTML."""
    assert url_fault(url) is None
    links = BeautifulSoup(markdown.markdown(f"[Aanmelden]({url})"), "html.parser").find_all("a")
    assert [a["href"] for a in links] == [url]


def test_mailto() -> None:
    assert mailto_fault("mailto:aanmelden@waalstad.nl?subject=Spotlights", "a@b.nl") is None
    assert mailto_fault("mailto:aanmelden@waalstad.nl, ander@x.nl", "a@b.nl") is not None
    assert mailto_fault("mailto:", "a@b.nl") is not None


def from_header(sender: str) -> EmailMessage:
    """A message with `sender` as its From, written and read back by the email package."""
    box, fault = mailbox(sender, EXAMPLE)
    assert box is not None, fault
    message = EmailMessage(policy=SMTP)
    message["From"] = str(box)
    message.set_content("x")
    parsed = message_from_bytes(message.as_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize(("sender", "name"), [
    ("Redactie, Sociaal Domein <nieuwsbrief@waalstad.nl>", "Redactie, Sociaal Domein"),
    ('"Redactie, Sociaal Domein" <nieuwsbrief@waalstad.nl>', "Redactie, Sociaal Domein"),
    ("Gemeente Waalstad; Sociaal Domein <nieuwsbrief@waalstad.nl>",
     "Gemeente Waalstad; Sociaal Domein"),
    ("Redactie \"SD\" <nieuwsbrief@waalstad.nl>", 'Redactie "SD"'),
    ("Rédactie Sociaal Domein <nieuwsbrief@waalstad.nl>", "Rédactie Sociaal Domein"),
    ("nieuwsbrief@waalstad.nl", ""),
])
def test_a_sender_is_one_mailbox(sender: str, name: str) -> None:
    addresses = from_header(sender)["From"].addresses
    assert [(a.display_name, a.addr_spec) for a in addresses] == [
        (name, "nieuwsbrief@waalstad.nl")]


@pytest.mark.parametrize(("sender", "start"), [
    ("Redactie\nBcc: iedereen@waalstad.nl <nieuwsbrief@waalstad.nl>", "bevat een regeleinde"),
    ("Redactie <nieuwsbrief@waalstad.nl>, Ander <ander@waalstad.nl>", "is geen afzender"),
    ("Redactie Sociaal Domein", "is geen afzender"),
    ("Redactie <nieuwsbrief at waalstad.nl>", "is geen afzender"),
])
def test_what_is_not_one_mailbox_is_said(sender: str, start: str) -> None:
    box, fault = mailbox(sender, EXAMPLE)
    assert box is None and fault is not None and fault.startswith(start), fault
