"""sanitize.clean_html: what leaves courant for a feed reader or mail client."""

from __future__ import annotations

from courant.sanitize import clean_html

BASE = "https://partners.example.org/nieuws/pilot/"


def test_scripts_handlers_and_unsafe_schemes_are_removed() -> None:
    html = ('<p onclick="x()">Tekst<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">klik</a><img src="data:image/png;base64,AAAA">'
            '<iframe src="https://tracker.example"></iframe><style>p{}</style>')
    assert clean_html(html, BASE) == '<p>Tekst</p><a rel="noopener noreferrer">klik</a><img>'


def test_relative_urls_become_absolute_against_the_page() -> None:
    html = ('<a href="../andere/">a</a> <a href="#aanpak">b</a> <img src="foto.png" alt="c">'
            '<blockquote cite="bron/">d</blockquote>')
    assert clean_html(html, BASE) == (
        '<a href="https://partners.example.org/nieuws/andere/" rel="noopener noreferrer">a</a> '
        '<a href="https://partners.example.org/nieuws/pilot/#aanpak" rel="noopener noreferrer">'
        'b</a> <img src="https://partners.example.org/nieuws/pilot/foto.png" alt="c">'
        '<blockquote cite="https://partners.example.org/nieuws/pilot/bron/">d</blockquote>')


def test_web_mail_and_phone_links_stay() -> None:
    html = ('<a href="https://example.org/x">w</a><a href="mailto:a@example.org">m</a>'
            '<a href="tel:+31140488">t</a><a href="ftp://example.org/">f</a>')
    cleaned = clean_html(html, BASE)
    for kept in ("https://example.org/x", "mailto:a@example.org", "tel:+31140488"):
        assert f'href="{kept}"' in cleaned
    assert "ftp:" not in cleaned
