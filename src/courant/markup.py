"""Markdown helpers shared by validation and every renderer: links, escaping, HTML, plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from html.parser import HTMLParser

import markdown

# [text](target "title") and ![alt](target); targets without spaces, optionally in <>
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?P<title>\s+\"[^\"]*\")?\s*\)"
)
FENCE = re.compile(r"^(```|~~~)")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
EXTENSIONS = ["attr_list", "md_in_html", "tables", "sane_lists", "toc", "admonition"]


@dataclass(frozen=True, slots=True)
class Link:
    target: str  # without #fragment or ?query
    text: str
    line: int  # 1-based within the body
    image: bool


def is_relative(target: str) -> bool:
    return not re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|/|#)", target)


def _outside_code(body: str) -> list[tuple[int, str]]:
    """(line number, line) pairs outside fenced code blocks."""
    lines, fenced = [], False
    for number, line in enumerate(body.splitlines(), start=1):
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def may_have_relative_link(body: str) -> bool:
    """A quick look for '](' followed by a relative target (str.find runs at C speed)."""
    start = body.find("](")
    while start != -1:
        target = body[start + 2:start + 2 + 300].lstrip().lstrip("<")
        if target and is_relative(target):
            return True
        start = body.find("](", start + 2)
    return False


def relative_links(body: str) -> list[Link]:
    """Every relative link or image in a Markdown body, with its line."""
    if not may_have_relative_link(body):
        return []  # most bodies: no need to walk their lines
    found = []
    for number, line in _outside_code(body):
        for match in LINK.finditer(line):
            target = re.split(r"[#?]", match["target"], maxsplit=1)[0]
            if target and is_relative(match["target"]):
                found.append(Link(target, match["text"], number, bool(match["bang"])))
    return found


def rewrite_links(body: str, resolve: Callable[[Link, str], str | None]) -> str:
    """Rewrite relative links: `resolve(link, fragment)` gives the new target, or None to keep
    only the link's text (a link to something this edition does not hold)."""
    out, fenced = [], False
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        if FENCE.match(line.strip()):
            fenced = not fenced
        if fenced or "](" not in line:
            out.append(line)
            continue
        out.append(LINK.sub(partial(_rewrite_one, number=number, resolve=resolve), line))
    return "".join(out)


def _rewrite_one(match: re.Match[str], number: int,
                 resolve: Callable[[Link, str], str | None]) -> str:
    raw = match["target"]
    if not is_relative(raw):
        return match.group(0)
    target, _, fragment = raw.partition("#")
    target = target.split("?", 1)[0]
    link = Link(target, match["text"], number, bool(match["bang"]))
    new = resolve(link, fragment)
    if new is None:
        return match["text"]
    anchor = f"#{fragment}" if fragment and "#" not in new else ""
    return f"{match['bang']}[{match['text']}]({new}{anchor}{match['title'] or ''})"


LINE_START_MARKER = re.compile(r"^(\s*)(\d+(?=\.)|-|=)", re.MULTILINE)


def escape_text(text: str) -> str:
    """Editor text placed into generated Markdown shows exactly as written: no markup, and no
    list, rule or heading made by how a line starts ('1. Start', '- punt', '===')."""
    escaped = MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return LINE_START_MARKER.sub(_escape_marker, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # '1.' -> '1\.'
        return f"{indent}{marker}\\"
    if marker == "=":  # Markdown has no escape for '=': its character reference
        return f"{indent}&#61;"
    return f"{indent}\\{marker}"


def to_html(body: str, extensions: list[str] | None = None) -> str:
    """Markdown -> HTML for mail and feeds (the sites are rendered by their engine).

    Remembered per text: an item's body is converted once for every feed, calendar and
    edition it appears in (and once per preview session)."""
    return _convert(body, tuple(extensions or EXTENSIONS))


@lru_cache(maxsize=4096)
def _convert(body: str, extensions: tuple[str, ...]) -> str:
    converter = _converter(extensions)
    try:
        converted: str = converter.convert(body)
        return converted
    finally:
        converter.reset()


@lru_cache(maxsize=8)
def _converter(extensions: tuple[str, ...]) -> markdown.Markdown:
    """One Markdown instance per set of extensions, reset after each use: making a new one
    costs more than converting a teaser."""
    return markdown.Markdown(extensions=list(extensions), output_format="html")


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "div",
                        "blockquote", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html_text: str) -> str:
    """HTML -> readable text: tags dropped, entities decoded, whitespace tidied."""
    parser = _TextExtractor()
    parser.feed(html_text)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts)
             .split("\n"))
    return "\n".join(line for line in lines if line)


def first_paragraph(body: str) -> str:
    """The body's first real paragraph, as plain text (the default summary)."""
    for block in re.split(r"\n\s*\n", body.strip()):
        stripped = block.strip()
        if not stripped or re.match(r"^(#|!\[|<|\||[-*+] |\d+\. |```|~~~|:::|!!!|>)", stripped):
            continue
        return plain_text(to_html(stripped)).replace("\n", " ")
    return ""
