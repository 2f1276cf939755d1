"""rawhtml.py: the partner edition's Markdown carries no more HTML than the sanitiser keeps,
read back by Python-Markdown as another engine would render it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from courant.markup import to_html
from courant.rawhtml import safe_html, safe_ids

BODY = """Tekst <script>document.title = "x"</script> en
<p style="display:none" onclick="steal()" id="__config" class="k">verborgen</p>
<a href="javascript:alert(1)">j</a> <a href="https://x.nl" title=t>w</a> <!-- een notitie -->

<div markdown>
**vet** <iframe src="https://e.example/"></iframe><img src=foto.png alt=a onerror=y>
</div>

`<script>in code</script>` en [een link](<voor-iedereen.md>) en <https://waalstad.nl>.

## __search

Een {: #__drawer } lijst.
"""


def test_the_markdown_carries_only_what_the_sanitiser_keeps() -> None:
    out = safe_html(BODY)
    soup = BeautifulSoup(to_html(out), "html.parser")
    assert soup.find(["script", "iframe", "style"]) is None
    attributes = {name for tag in soup.find_all(True) for name in tag.attrs}
    assert attributes <= {"class", "href", "title", "src", "alt", "id"}
    assert [tag.get("id") for tag in soup.find_all(id=True)] == ["kop-__search"]
    assert "javascript:" not in out and "notitie" not in out
    text = soup.get_text(" ")
    for shown in ("verborgen", "vet", "<script>in code</script>", "een link"):
        assert shown in text, shown
    assert soup.find("a", href="voor-iedereen.md") is not None  # not taken for a tag
    assert soup.find("a", href="https://waalstad.nl") is not None  # an autolink stays


def test_a_body_without_html_or_underscored_ids_is_not_touched() -> None:
    body = "Tekst met 3 < 4 en een_woord.\n\n## Over __init__\n"
    assert safe_html(body) == body
    assert safe_ids("## __config\n") == "## __config { #kop-__config }\n"


@pytest.mark.parametrize(("written", "made"), [
    ('Alinea\n{: onclick="steal()" data-x="y" style="color:red" }\n', "Alinea\n\n"),
    ("[l](x.md){: onfocus='s()' .knop #kop title=\"t=1\" }",
     '[l](x.md){:  .knop #kop title="t=1" }'),
    ("Code `{: onclick=x }` blijft tekst.", "Code `{: onclick=x }` blijft tekst."),
    ("Haakjes {zo} blijven.", "Haakjes {zo} blijven."),
])
def test_attribute_lists_keep_what_the_sanitiser_keeps(written: str, made: str) -> None:
    assert safe_html(written) == made
