"""sanitize.clean_site_html: the partner site's page content (editors' raw HTML included)."""

from __future__ import annotations

from courant.sanitize import clean_site_html


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
