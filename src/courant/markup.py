"""Markdown helpers shared by validation and every renderer: links, escaping, HTML, plain text."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import markdown

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
"""What MkDocs adds to every site's markdown_extensions."""
EXTENSIONS = ["attr_list", "md_in_html", "tables", "sane_lists", "toc", "admonition"]
_DIALECT: list[tuple[tuple[str, ...], str]] = []


def use_dialect(markdown_extensions: Any) -> None:
    """Render as the sites do: mkdocs.yml's `markdown_extensions` (names, or one-key mappings
    of a name to its settings) and MkDocs' own three. Set once the configuration is read."""
    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, Any] = {}
    for entry in markdown_extensions if isinstance(markdown_extensions, list) else EXTENSIONS:
        if isinstance(entry, dict) and len(entry) == 1:
            name, settings = next(iter(entry.items()))
            if isinstance(settings, dict):
                configs[str(name)] = settings
            entry = name
        if isinstance(entry, str) and entry not in names:
            names.append(entry)
    _DIALECT[:] = [(tuple(names), json.dumps(configs, sort_keys=True, default=str))]


def dialect() -> tuple[tuple[str, ...], str]:
    """The extensions (names, and their settings as JSON) the sites render Markdown with."""
    if not _DIALECT:
        use_dialect(EXTENSIONS)
    return _DIALECT[0]


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


def to_html(body: str) -> str:
    """Markdown -> HTML as the sites render it (`dialect`), for mail, feeds and the proof of
    links (the sites themselves are rendered by their engine).

    Remembered per text: an item's body is converted once for every feed, calendar and
    edition it appears in (and once per preview session)."""
    return _convert(body, *dialect())


@lru_cache(maxsize=4096)
def _convert(body: str, names: tuple[str, ...], configs: str) -> str:
    converter = _converter(names, configs)
    try:
        converted: str = converter.convert(body)
        return converted
    finally:
        converter.reset()


@lru_cache(maxsize=8)
def _converter(names: tuple[str, ...], configs: str) -> markdown.Markdown:
    """One Markdown instance per set of extensions, reset after each use: making a new one
    costs more than converting a teaser."""
    return markdown.Markdown(extensions=list(names), extension_configs=json.loads(configs),
                             output_format="html")


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "div",
                        "blockquote", "table", "pre"})
    UNSEEN = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg",
                        "math", "textarea", "select"})
    """Elements whose content a reader never reads as text: left out (a script's code in a
    calendar's DESCRIPTION would be shown to every subscriber)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.unseen = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.UNSEEN:
            self.unseen += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.UNSEEN and self.unseen:
            self.unseen -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        """Text as a reader reads it: an editor's line break inside a paragraph is a space
        (as on the page), so a calendar or feed does not break a sentence in two; only code
        keeps its lines."""
        if not self.unseen:
            self.parts.append(data if self.pre else data.replace("\n", " "))


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
