"""render/site/tappable.py: e-mail addresses and Dutch phone numbers in a page's text become
links a phone can follow; links, code and things that only look like numbers stay as they are."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from courant.render.site.tappable import intranet_page_html, partner_page_html, tappable


def hrefs(html: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mail geldzaken@waalstad.nl of bel 14 0488.", ["mailto:geldzaken@waalstad.nl",
                                                     "tel:140488"]),
    ("Bel (0488) 12 34 56, of +31 488 123 456.", ["tel:0488123456", "tel:+31488123456"]),
    ("Gratis: 0800 1234.", ["tel:08001234"]),
])
def test_addresses_and_numbers_in_text_become_links(text: str, expected: list[str]) -> None:
    html = tappable(f"<p>{text}</p>")
    assert hrefs(html) == expected
    assert BeautifulSoup(html, "html.parser").get_text() == text  # the text as written


@pytest.mark.parametrize("text", [
    "Op 22-11-2026 om 15:00 in zaal 2.14.",
    "Het budget is 1.250.000 euro, 12 procent meer.",
    "Versie 2026.11 en kenmerk 123456.",
])
def test_dates_times_rooms_and_amounts_stay_text(text: str) -> None:
    assert tappable(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_links_code_and_form_fields_are_left_alone() -> None:
    html = ('<p><a href="https://x.example/">bel 14 0488</a></p><pre><code>a@b.nl 14 0488'
            '</code></pre><textarea>info@waalstad.nl</textarea>')
    assert tappable(html) == html


def test_escaped_text_stays_escaped() -> None:
    html = tappable("<p>Tom &amp; Jerry: tom@waalstad.nl &lt;b&gt;</p>")
    assert "&lt;b&gt;" in html and "Tom &amp; Jerry" in html
    assert hrefs(html) == ["mailto:tom@waalstad.nl"]


def test_both_sites_pages_are_made_tappable_after_their_own_cleaning() -> None:
    dirty = '<p id="__config">bel 14 0488</p><script>alert(1)</script>'
    partner = partner_page_html(dirty)
    assert "<script" not in partner and hrefs(partner) == ["tel:140488"]
    intranet = intranet_page_html(dirty)
    assert 'id="__config"' not in intranet and hrefs(intranet) == ["tel:140488"]
