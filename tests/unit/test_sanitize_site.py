"""sanitize.clean_site_html: the partner site's page content (editors' raw HTML included)."""

from __future__ import annotations

from courant.sanitize import clean_site_html, unclobber


def test_scripts_handlers_hiding_styles_and_javascript_links_are_removed() -> None:
    html = ('<p style="display:none" hidden onclick="steal()">verborgen</p>'
            '<script>alert(1)</script><a href="javascript:alert(1)">a</a>'
            '<a href="JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>'
            '<img src="foto.png" alt="d" onerror="x()"><iframe src="https://x.example/">'
            '</iframe><style>p{display:none}</style>')
    assert clean_site_html(html) == ('<p>verborgen</p><a>a</a><a>b</a><a>c</a>'
                                     '<img src="foto.png" alt="d">')


def test_the_themes_own_markup_and_relative_links_stay() -> None:
    html = ('<h2 id="aanpak">Aanpak</h2><div class="admonition danger"><p class="admonition-'
            'title">Geannuleerd</p></div><a href="../agenda/x/" class="md-button" '
            'download="x.ics">Zet in je agenda</a><img src="../../media/a.jpg" alt="a" '
            'loading="lazy" class="courant-image"><a href="#aanpak">b</a>'
            '<a href="mailto:a@example.org">m</a>')
    assert clean_site_html(html) == html


def test_no_id_or_name_takes_the_place_of_the_themes_own() -> None:
    """An editor's element with id="__config" came before Material's own configuration (the
    page's first #__config wins) and so decided what its search loaded."""
    html = ('<div id="__config">{"search": "media/x.js"}</div><h2 id="__search">Zoeken</h2>'
            '<p id=" __drawer">a</p><img src="a.png" alt="a" name="__md_get">'
            '<h2 id="over-__init__">Over __init__</h2>')
    assert clean_site_html(html) == ('<div>{"search": "media/x.js"}</div><h2>Zoeken</h2>'
                                     '<p>a</p><img src="a.png" alt="a">'
                                     '<h2 id="over-__init__">Over __init__</h2>')


def test_the_intranet_keeps_the_editors_html_less_clobbering_ids() -> None:
    html = ('<script>var x = 1;</script><div ID="__config" class="k">{}</div>'
            "<h2 id='__toc'>T</h2><a name=__md_set href='#x'>n</a><p id=\"gewoon\">g</p>"
            '<p data-x="id=__config" title="a id=__b">blijft</p>')
    assert unclobber(html) == ('<script>var x = 1;</script><div class="k">{}</div>'
                               "<h2>T</h2><a href='#x'>n</a><p id=\"gewoon\">g</p>"
                               '<p data-x="id=__config" title="a id=__b">blijft</p>')
    plain = "<p>Niets bijzonders, ook geen _id.</p>"
    assert unclobber(plain) is plain
