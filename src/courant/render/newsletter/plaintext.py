"""HTML -> the plain text of a mail: paragraphs kept, every link written out after its text.

A plain-text mail has no links to click, so `[tekst](adres)` becomes `tekst (adres)`, lists
keep their dashes and images their alt text. Only for HTML courant made itself (sanitised
Markdown), not for arbitrary web pages.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr",
                    "blockquote", "pre", "hr", "dl", "dt", "dd", "figure", "section"})
WIDTH = 72


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.links: list[str | None] = []
        self.pre = 0

    def _flush(self) -> None:
        text = "".join(self.current)
        if not self.pre:
            text = re.sub(r"\s+", " ", text).strip()
        if text.strip():
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in BLOCKS or tag == "li":
            self._flush()
        if tag == "li":
            self.current.append("- ")
        elif tag == "br":
            self._flush()
        elif tag == "pre":
            self.pre += 1
        elif tag == "a":
            self.links.append(values.get("href"))
        elif tag == "img" and values.get("alt"):
            self.current.append(f"[{values['alt']}]")
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = (self.links.pop() or "").removeprefix("mailto:")
            if href and not href.startswith("#") and href not in "".join(self.current):
                self.current.append(f" ({href})")
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in BLOCKS or tag == "li":
            self._flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_to_text(html: str, width: int = WIDTH) -> str:
    """Readable text: one block a paragraph, wrapped at `width` without breaking a URL."""
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    writer._flush()
    out: list[str] = []
    for number, block in enumerate(writer.blocks):
        if number:
            in_list = block.startswith("- ") and writer.blocks[number - 1].startswith("- ")
            out.append("\n" if in_list else "\n\n")
        out.append(wrap(block, width))
    return "".join(out)


def wrap(text: str, width: int = WIDTH) -> str:
    """Wrap a paragraph; list items keep their text indented under the dash."""
    indent = "  " if text.startswith("- ") else ""
    return "\n".join(textwrap.wrap(text, width=width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False))
