"""markup.py: editor text escaped, HTML and plain text (links: test_links.py)."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from courant.markup import EXTENSIONS, escape_text, first_paragraph, plain_text, to_html


def rendered(text: str) -> str:
    """What a reader sees of escaped text rendered by Markdown (as in the sites)."""
    soup = BeautifulSoup(markdown.markdown(escape_text(text), extensions=EXTENSIONS),
                         "html.parser")
    assert soup.find(["ol", "ul", "h1", "h2", "hr", "em", "strong", "a", "code", "script",
                      "blockquote", "table", "b", "img"]) is None
    return soup.get_text()


@pytest.mark.parametrize("text", [
    'Nieuwe <werkwijze> & "aanpak" voor \'iedereen\'',
    "<script>alert(1)</script>",
    "*niet schuin* en __niet vet__ en `geen code`",
    "[geen link](https://x.nl) en ![geen plaatje](x.png)",
    "# geen kop",
    "1. Start van de pilot",
    "2026. Een jaar vol veranderingen",
    "- geen opsomming",
    "+ ook geen opsomming",
    "> geen citaat",
    "---",
    "Kop\n===",
    "a | b | c",
    "A &amp; B staat er letterlijk",
    "1.250 inwoners en 12,5 procent",
    "back\\slash",
])
def test_escaped_text_shows_exactly_as_written(text: str) -> None:
    assert rendered(text) == text


def test_to_html_and_plain_text() -> None:
    html = to_html("# Kop\n\nTekst met **vet** & een [link](https://x.nl).\n\n- een\n- twee\n")
    assert "<h1" in html and "<strong>vet</strong>" in html
    assert plain_text(html) == "Kop\nTekst met vet & een link.\neen\ntwee"


def test_plain_text_decodes_entities_and_tidies_space() -> None:
    """Spaces collapse; an editor's line break inside a paragraph is a space, as on the page
    (a calendar description broke sentences in two at them), and code keeps its lines."""
    assert plain_text("<p>A&nbsp;&amp;  B\n   C</p><p>&lt;tag&gt;</p>") == "A\xa0& B C\n<tag>"
    assert plain_text("<pre><code>a = 1\nb = 2</code></pre><p>x<br>y</p>") == "a = 1\nb = 2\nx\ny"


@pytest.mark.parametrize(("body", "first"), [
    ("Eerste alinea.\n\nTweede.", "Eerste alinea."),
    ("# Kop\n\n![foto](x.png)\n\n- lijst\n\nDe **echte** eerste [alinea](x.md).",
     "De echte eerste alinea."),
    ("<div>html</div>\n\n> citaat\n\n| a | b |\n\n```\ncode\n```\n\nTekst &amp; meer.",
     "Tekst & meer."),
    ("Over twee\nregels.", "Over twee regels."),
    ("# Alleen een kop", ""),
    ("", ""),
])
def test_first_paragraph(body: str, first: str) -> None:
    assert first_paragraph(body) == first


def test_plain_text_leaves_out_what_no_reader_reads() -> None:
    """A script's code, a style sheet or an SVG's inner text never becomes text (the event's
    DESCRIPTION in a calendar is made this way)."""
    html_text = ("<p>Welkom</p><script>var geheim = 'x';</script><style>p{color:red}</style>"
                 "<svg><title>binnen</title></svg><p>bij de <b>Spotlights</b></p>")
    assert plain_text(html_text) == "Welkom\nbij de Spotlights"
