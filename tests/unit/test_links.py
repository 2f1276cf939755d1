"""links.py: every form of editors' link found, resolved per edition, and proven by
Python-Markdown (the real parser) to leave no relative destination it did not produce."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from courant.links import Link, find_links, is_relative, may_link, resolve_links, unresolvable
from courant.markup import EXTENSIONS, to_html, use_dialect

SECRET = "../updates/geheim.md"
SHARED = "../updates/gedeeld.md"


def resolve(link: Link) -> str | None:
    """An edition that holds gedeeld.md (and the photo), not geheim.md."""
    return {"../updates/gedeeld.md": "../nieuws/gedeeld.md",
            "../media/foto.png": "../media/foto.png"}.get(link.target)


def hrefs(markdown_text: str) -> list[str]:
    """Every URL the real parser makes of the Markdown (links and images)."""
    soup = BeautifulSoup(to_html(markdown_text), "html.parser")
    return [str(tag.get("href") or tag.get("src")) for tag in soup.find_all(["a", "img"])
            if tag.get("href") or tag.get("src")]


def text_of(markdown_text: str) -> str:
    return BeautifulSoup(to_html(markdown_text), "html.parser").get_text(" ", strip=True)


FORMS = {
    "inline": "Zie [het {w} stuk]({t}).",
    "fragment and query": "Zie [het {w} stuk]({t}#kop).",
    "double-quoted title": 'Zie [het {w} stuk]({t} "De titel").',
    "single-quoted title": "Zie [het {w} stuk]({t} 'De titel').",
    "angle brackets": "Zie [het {w} stuk](<{t}>).",
    "text over two lines": "Zie [het {w}\nstuk]({t}).",
    "nested brackets": "Zie [het [{w}] stuk]({t}).",
    "full reference": "Zie [het {w} stuk][ref].\n\n[ref]: {t}",
    "collapsed reference": "Zie [het {w} stuk][].\n\n[het {w} stuk]: {t}",
    "shortcut reference": "Zie [het {w} stuk].\n\n[het {w} stuk]: {t}",
    "reference with space": "Zie [het {w} stuk] [Ref].\n\n[ref]: {t}",
    "definition, title in parentheses": "Zie [het {w} stuk][ref].\n\n   [ref]: {t} (De titel)",
    "definition, title on the next line": "Zie [het {w} stuk][ref].\n\n[ref]: <{t}>\n  'Titel'",
    "definition in a quote": "> Zie [het {w} stuk][ref].\n>\n> [ref]: {t}",
    "definition in a list": "- Zie [het {w} stuk][ref].\n\n    [ref]: {t}",
    "raw a, double quotes": 'Zie <a href="{t}">het {w} stuk</a>.',
    "raw a, single quotes": "Zie <a class='x' href='{t}'>het {w} stuk</a>.",
    "raw a, no quotes": "Zie <a href={t}>het {w} stuk</a>.",
    "raw a, entities": 'Zie <a href="{e}">het {w} stuk</a>.',
    "raw a in an HTML block": '<div>\n<a href="{t}">het {w} stuk</a>\n</div>',
    "md_in_html": "<div markdown>\nZie [het {w} stuk]({t}).\n</div>",
    "in a table": "| a | b |\n|---|---|\n| [het {w} stuk]({t}) | x |",
    "in an admonition": '!!! note "Let op"\n    Zie [het {w} stuk]({t}).',
    "in a heading": "## Over [het {w} stuk]({t})",
    "in a comment": "Tekst <!-- [het {w} stuk]({t}) -->",
}


@pytest.mark.parametrize("form", list(FORMS))
def test_a_hidden_target_is_text_alone_in_every_form(form: str) -> None:
    body = FORMS[form].format(w="geheime", t=SECRET, e=SECRET.replace(".", "&#46;"))
    resolved = resolve_links(body, resolve)
    assert resolved.left == ()
    assert "geheim.md" not in resolved.markdown and "geheim.md" not in to_html(
        resolved.markdown)
    assert hrefs(resolved.markdown) == []
    if form != "in a comment":
        assert "geheime" in text_of(resolved.markdown)  # the link text stays, as text
    # the form is a real link, as the parser reads it (in a comment: commented out, as HTML)
    assert any(h.startswith(SECRET) for h in hrefs(body)) or form == "in a comment"


@pytest.mark.parametrize("form", list(FORMS))
def test_a_held_target_links_to_its_page_in_every_form(form: str) -> None:
    body = FORMS[form].format(w="gedeelde", t=SHARED, e=SHARED.replace(".", "&#46;"))
    resolved = resolve_links(body, resolve)
    assert resolved.left == ()
    expected = "../nieuws/gedeeld.md#kop" if form == "fragment and query" else \
        "../nieuws/gedeeld.md"
    if form != "in a comment":
        assert hrefs(resolved.markdown) == [expected]
        assert "gedeelde" in text_of(resolved.markdown)


def test_every_form_is_found_for_the_check_with_its_line() -> None:
    body = ("Eerst [a](x.md) en\n[b][r] en <img src='../media/foto.png'> en\n"
            "![c](../media/foto.png 'titel') [d](https://x.nl) [e](#kop) [f](?q=1)\n\n"
            "[r]: ../updates/y.md#deel\n")
    assert find_links(body) == [
        Link("x.md", "", "a", 1, False),
        Link("../updates/y.md", "deel", "b", 2, False),
        Link("../media/foto.png", "", "../media/foto.png", 2, True, True),
        Link("../media/foto.png", "", "c", 3, True),
    ]


def test_code_is_not_a_link() -> None:
    body = f"```\n[code]({SECRET})\n```\n\n`[span]({SECRET})` en ``[twee](`{SECRET}`)``\n"
    assert find_links(body) == []
    assert resolve_links(body, resolve).markdown == body


def test_an_image_in_a_link_is_resolved_on_its_own() -> None:
    body = f"[![foto](../media/foto.png)]({SECRET})"
    assert resolve_links(body, resolve).markdown == "![foto](../media/foto.png)"
    assert hrefs(resolve_links(f"[![foto]({SECRET})]({SHARED})", resolve).markdown) == [
        "../nieuws/gedeeld.md"]


def test_a_hidden_image_is_its_alt_text_and_a_hidden_definition_leaves() -> None:
    body = f"![de foto]({SECRET}) en [x][r]\n\n[r]: {SECRET} 'titel'\n"
    out = resolve_links(body, resolve).markdown
    assert out.strip() == "de foto en x"


def test_a_raw_html_image_and_srcset() -> None:
    body = f'<img src="../media/foto.png" srcset="../media/foto.png 1x, {SECRET} 2x" alt="f">'
    out = resolve_links(body, resolve).markdown
    assert out == '<img src="../media/foto.png"  alt="f">'


def test_a_form_it_cannot_rewrite_is_left_and_named() -> None:
    """attr_list can set a link's href: not rewritten, so proven left (the caller fails)."""
    body = f'Tekst.\n\n[a](https://x.nl){{: href="{SECRET}"}}\n'
    assert [(link.target, link.line) for link in unresolvable(body)] == [(SECRET, 3)]
    assert unresolvable(f"[a]({SECRET}) en <a href='{SECRET}'>b</a>") == ()


def test_a_body_without_links_is_not_touched() -> None:
    body = "Regel een.\n\nRegel twee met `code` en een ](haakje en 3 < 4.\n"
    assert resolve_links(body, lambda link: None).markdown == body


@pytest.mark.parametrize("body", ["[" * 50_000 + "](x.md)" * 3, "[a](" * 20_000,
                                  "[a](((" * 10_000 + ")"])
def test_lines_of_brackets_are_read_in_time(body: str) -> None:
    """The finder reads a body in (near) linear time, where calling Python-Markdown's getText
    at every '[' would be quadratic."""
    started = time.perf_counter()
    find_links(body)
    assert time.perf_counter() - started < 3


@pytest.mark.parametrize(("url", "relative"), [
    ("../updates/x.md", True), ("foto.png", True), ("sub/map/x.md#a", True),
    ("/abs", True), (" ../x.md", True), ("\t../x.md", True),
    ("https://x.nl", False), ("mailto:a@b.nl", False), ("tel:+31", False), ("#anker", False),
    ("//host/x", False), ("?q=1", False), ("", False),
])
def test_is_relative(url: str, relative: bool) -> None:
    assert is_relative(url) is relative


@pytest.mark.parametrize(("body", "parsed"), [
    ("Zie [de site](https://waalstad.nl) en [kop](#kop).", False),
    ("Zie [de site](<https://waalstad.nl>).", True),  # '<' and a letter: read, to be sure
    ("Zie [x](../a.md).", True),
    ("Zie [x](//host/a).", True),
    ("Zie [x][r].\n\n[r]: https://waalstad.nl", True),
    ("Zie <a href='https://waalstad.nl'>x</a>.", True),
    ("Zie [x](https://waalstad.nl){: href='../a.md' }.", True),
])
def test_only_bodies_that_may_hold_a_relative_link_are_read(body: str, parsed: bool) -> None:
    """The cheap look that spares most bodies a parse takes nothing on trust but destinations
    that start with a scheme; everything else is read (and proven)."""
    assert may_link(body) is parsed


@pytest.fixture
def footnotes() -> Iterator[None]:
    """The sites' Markdown with the footnotes extension, as a mkdocs.yml may turn on."""
    use_dialect([*EXTENSIONS, "footnotes"])
    yield
    use_dialect(EXTENSIONS)


@pytest.mark.usefixtures("footnotes")
def test_a_footnote_is_not_a_reference_definition() -> None:
    """`[^1]: text` is a footnote where the extension is on: not a link to a file 'text'."""
    body = "Tekst[^1] en[^b].\n\n[^1]: Jaarverslag.\n[^b]: Zie [het stuk](" + SECRET + ").\n"
    assert [link.target for link in find_links(body)] == [SECRET]
    resolved = resolve_links(body, resolve)
    assert resolved.left == ()
    assert "geheim" not in to_html(resolved.markdown)
    assert "Jaarverslag." in text_of(resolved.markdown)


def test_without_the_extension_it_is_one() -> None:
    """Python-Markdown alone reads `[^1]: x.md` as a reference definition: hidden, it goes."""
    assert "voetnoot" not in resolve_links("[^1]: voetnoot.md\n", lambda _link: None).markdown
