"""The front matter courant writes on its pages reads back, through MkDocs, as what was meant."""

from __future__ import annotations

import html

import pytest
from mkdocs.utils.meta import get_data

from courant.render.markdown import front

AWKWARD = [
    "Collega in beeld: Fatima",  # a colon, which YAML would take for a key
    "- lijst? [ja] {nee} & 'quote' \"dubbel\" # geen commentaar",
    "Regel\u2028scheiding\u2029en\x85NEL",  # line breaks YAML folds inside a quoted string
    "Stuur\x7f\x9ftekens\x01\t\r\nen\x00nul",  # characters a YAML file may not hold as they are
    "Emoji \U0001f600 en \ufeff BOM",
    "yes", "null", "~", "12", "1e5", "2026-12-01",  # words YAML 1.1 reads as something else
    "",
]


@pytest.mark.parametrize("title", AWKWARD)
def test_every_title_comes_back_as_written(title: str) -> None:
    text = front(title, title or None, hide=["toc"], crumbs=[{"title": title, "url": "a/b.md"}],
                 search={"exclude": True})
    body, meta = get_data(text + "# Kop\n")
    assert body == "# Kop\n"
    assert meta == {"title": html.escape(title), "hide": ["toc"],
                    "crumbs": [{"title": title, "url": "a/b.md"}], "search": {"exclude": True},
                    **({"description": html.escape(title)} if title else {})}


def test_the_front_matter_is_one_block_between_dashes() -> None:
    text = front("Titel\n---\nniet: dit", layout="article")
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert text.count("\n---\n") == 1  # the title's own dashes stay inside its string
