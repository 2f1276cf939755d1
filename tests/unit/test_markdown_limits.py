"""markdown_limits: what the Markdown converter would take minutes over, or crash on, is
refused when the file is read, with its line and what to write instead; what lies under each
limit is accepted, and converts (the nesting limits lie below Python's recursion limit).

How long the refused files took before, and the check and build now: scripts/bench
--slow-input (a speed target is no test).
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest

from conftest import ROOT
from courant.build import pipeline
from courant.markup import EXTENSIONS
from courant.problems import ContentError
from courant.read import markdown_limits as limits
from courant.read.markdown_limits import excesses
from projects import tiny_project

sys.path.insert(0, str(ROOT / "scripts"))
from slowinput import CASES, body

FRONT = "---\ntitle: Traag\ndate: 2026-11-20\ndepartment: wi\naudience: all\n---\n"  # body: line 7


def messages(text: str) -> list[tuple[int, str]]:
    return [(excess.line(text), excess.message) for excess in excesses(text)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_slow_case_of_the_bench_is_refused(case: str) -> None:
    assert excesses(body(case)) != []


def test_the_issues_case_stops_the_check_at_once_naming_file_and_line(tmp_path: Path) -> None:
    root = tiny_project(tmp_path / "p")
    (root / "content/updates").mkdir(exist_ok=True)
    (root / "content/updates/traag.md").write_text(
        FRONT + "Een gewone alinea.\n\n" + "[" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        pipeline.check(pipeline.Project(root))
    assert [str(p) for p in error.value.problems] == [
        "content/updates/traag.md:9: in de alinea die hier begint staan 20.000 haken '[' die "
        "niet of pas veel later sluiten; zoveel kan courant niet binnen redelijke tijd opmaken. "
        "Sluit elke '[' met een ']', of schrijf '\\[' voor een los haakje"]


@pytest.mark.parametrize(("text", "found"), [
    ("a\n\n" + "[a](" * 400, [(3, "in de alinea die hier begint staan 400 links '](' waarvan de "
                                 "')' ontbreekt of pas veel later komt; zoveel kan courant niet "
                                 "binnen redelijke tijd opmaken. Sluit elk linkadres af met ')', "
                                 "zoals in [tekst](adres), of schrijf '\\(' voor een los "
                                 "haakje")]),
    ("a\n" + "<a " * 1300, [(2, "hier staat '<a' zonder '>' erna, en zo staan er 1.274 in de "
                               "tekst; zoveel kan courant niet binnen redelijke tijd opmaken. "
                               "Schrijf '&lt;' voor een los kleiner-dan-teken, of sluit de "
                               "HTML-code af met '>'")]),
    ("\n".join("    " * i + "- a" for i in range(42)),
     [(42, "hier staan lijsten, citaten of kaders 41 lagen diep in elkaar; meer dan 40 kan "
           "courant niet opmaken. Maak de opbouw minder diep")]),
    ("> " * 41 + "a", [(1, "hier staan lijsten, citaten of kaders 41 lagen diep in elkaar; meer "
                           "dan 40 kan courant niet opmaken. Maak de opbouw minder diep")]),
    ("x\n\n" + "*a " * 101 + "b" + " c*" * 101,
     [(3, "in de alinea die hier begint staan '*' of '_' 101 lagen diep in elkaar; meer dan 100 "
          "kan courant niet opmaken. Haal ze weg, of schrijf '\\*' en '\\_' voor losse tekens")]),
    ('<div markdown="1">\n' * 101, [(101, "de tekst heeft 101 HTML-elementen met 'markdown'; "
                                          "meer dan 100 kan courant niet opmaken. Schrijf gewone "
                                          "Markdown, of verdeel de tekst over meer bestanden")]),
    ("## a\n" * 710, [(1, "in het blok dat hier begint staan 710 kopjes, lijnen of kaders op "
                          "710 regels zonder lege regel ertussen; zoveel kan courant niet binnen "
                          "redelijke tijd opmaken. Zet een lege regel na elk kopje, elke lijn en "
                          "elk kader")]),
    ("- a\n" * 3200, [(1, "de lijst die hier begint heeft 3.200 punten zonder lege regel "
                          "ertussen; zoveel kan courant niet binnen redelijke tijd opmaken. "
                          "Verdeel hem over meer lijsten, met een lege regel en een tussenkop "
                          "ertussen")]),
], ids=["links", "tags", "lists", "quotes", "emphasis", "html", "headings", "list"])
def test_each_limit_says_where_and_what_to_do(text: str, found: list[tuple[int, str]]) -> None:
    assert messages(text) == found


# just under each limit: accepted, and Python-Markdown converts it with courant's extensions
UNDER = {
    "links": "[" * 630,
    "links over paragraphs": "\n\n".join(["[" * 140] * 10),
    "tags": "<a " * 1150,
    "lists": "\n".join("    " * i + "- a" for i in range(41)),
    "quotes": "\n".join("> " * i + "a" for i in range(1, 41)),
    "admonitions": "\n".join("    " * i + "!!! note\n" + "    " * (i + 1) + "a" for i in range(40)),
    "emphasis": "*a " * 100 + "b" + " c*" * 100,
    "html": '<div markdown="1">\n' * 100 + "a\n" + "</div>\n" * 100,
    "headings": "## a\n" * 700,
    "list": "- a\n" * 3100,
    "escaped": "\\[" * 20_000,
}


@pytest.mark.parametrize("name", sorted(UNDER))
def test_under_each_limit_the_text_is_accepted_and_converts(name: str) -> None:
    text = UNDER[name]
    assert excesses(text) == []
    assert markdown.Markdown(extensions=EXTENSIONS).convert(text)  # no RecursionError


def test_the_link_limit_is_the_characters_the_searches_cross() -> None:
    """631 '[' cross 631 + 630 + ... + 1 = 199,396 characters, 632 cross 200,028."""
    assert excesses("[" * 631) == []
    assert excesses("[" * 632) != []
    assert excesses("[" * 632 + "]" * 632) != []  # closed, but each ']' far from its '['
    assert excesses("[a] " * 20_000) == []  # many, each closed at once


def test_over_the_nesting_limits_the_converter_would_crash() -> None:
    """Why the nesting limits exist: far above them Python-Markdown recurses too deep."""
    deep = "*a " * 2000 + "b" + " c*" * 2000
    assert excesses(deep) != []
    with pytest.raises(RecursionError):
        markdown.Markdown(extensions=EXTENSIONS).convert(deep)


def test_what_editors_write_is_never_refused() -> None:
    """Every Markdown file of the demo, and long but ordinary texts."""
    sources = sorted([*(ROOT / "content").rglob("*.md"), *(ROOT / "newsletter").glob("*.md")])
    assert len(sources) > 20
    for source in sources:
        assert excesses(source.read_text(encoding="utf-8")) == [], source
    ordinary = [
        ("Een zin met [een link](../updates/x.md) en *nadruk*, een <b>tag</b>.\n\n") * 2000,
        "| a | b |\n|---|---|\n" + "| [x](y) | **z** |\n" * 3000,  # one block, cell by cell
        "\n\n".join(f"## Vraag {i}\n\nAntwoord [{i}](#v{i})." for i in range(400)),
        "- [item](x) _a_\n" * 3000,
        "Prijzen (excl. btw) [zie bijlage] en e-mail <info@waalstad.nl>. " * 1000,
        "snake_case_naam en_nog_een " * 500,
    ]
    for text in ordinary:
        assert excesses(text) == [], text[:40]


def test_the_limits_are_far_above_what_editors_write() -> None:
    assert limits.NESTING >= 20 and limits.EMPHASIS >= 50 and limits.HTML_BLOCKS >= 50
