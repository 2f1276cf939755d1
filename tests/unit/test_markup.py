"""markup.py: editors' links found and rewritten, editor text escaped, HTML and plain text."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from courant.markup import (
    EXTENSIONS,
    Link,
    escape_text,
    first_paragraph,
    is_relative,
    plain_text,
    relative_links,
    rewrite_links,
    to_html,
)

BODY = """Zie [de pilot](../updates/2026-10-pilot.md#resultaten) en de
![foto van het team](team.jpg "Het team").

```markdown
[geen link](in-code.md)
```

[mail](mailto:redactie@waalstad.nl), [web](https://www.waalstad.nl/), [anker](#kop),
[absoluut](/nieuws/), [met query](agenda/spotlights.md?x=1) en [tussen haken](<factsheet.pdf>).
"""


@pytest.mark.parametrize(("target", "relative"), [
    ("../updates/x.md", True), ("foto.png", True), ("sub/map/x.md#a", True),
    ("https://x.nl", False), ("mailto:a@b.nl", False), ("tel:+31", False), ("/abs", False),
    ("#anker", False),
])
def test_is_relative(target: str, relative: bool) -> None:
    assert is_relative(target) is relative


def test_relative_links_with_their_lines() -> None:
    assert relative_links(BODY) == [
        Link("../updates/2026-10-pilot.md", "de pilot", 1, False),
        Link("team.jpg", "foto van het team", 2, True),
        Link("agenda/spotlights.md", "met query", 9, False),
        Link("factsheet.pdf", "tussen haken", 9, False),
    ]


def test_no_links_no_work() -> None:
    assert relative_links("Alleen [een webadres](https://x.nl) en tekst.") == []
    assert relative_links("") == []


def test_rewrite_links_keeps_fragment_and_title_and_code() -> None:
    def resolve(link: Link, fragment: str) -> str | None:
        return {"../updates/2026-10-pilot.md": "../nieuws/pilot/",
                "team.jpg": "../media/team.jpg"}.get(link.target)

    out = rewrite_links(BODY, resolve)
    assert "[de pilot](../nieuws/pilot/#resultaten)" in out
    assert '![foto van het team](../media/team.jpg "Het team")' in out
    assert "[geen link](in-code.md)" in out  # code stays code
    assert "met query en tussen haken." in out  # not held by this edition: text only
    assert "[mail](mailto:redactie@waalstad.nl)" in out
    assert "[anker](#kop)" in out


def test_rewrite_leaves_a_body_without_links_alone() -> None:
    body = "Regel een.\n\nRegel twee met `code` en een ](haakje.\n"
    assert rewrite_links(body, lambda link, fragment: None) == body


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
    """Spaces collapse; the editor's own line breaks stay (a calendar description keeps them)."""
    assert plain_text("<p>A&nbsp;&amp;  B\n   C</p><p>&lt;tag&gt;</p>") == "A\xa0& B\nC\n<tag>"


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
