"""Raw HTML inside editors' Markdown, made safe for partners at the Markdown level.

The partner site's HTML is sanitised after MkDocs converts it (sanitize.clean_site_html), but
`courant export` hands the Markdown to another engine that runs none of courant's code. So
the partner edition's Markdown itself carries only what the sanitiser would keep: each start
tag rebuilt with the tags and attributes of `sanitize.SITE_TAGS`/`SITE_ATTRIBUTES` (web, mail
and phone links only; no id or name that clobbers the theme), other tags removed (a script
or style with its content), comments and declarations removed. Code blocks and code spans are
left alone: Markdown shows them as text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown.extensions.toc import slugify

from courant.links import blank_code
from courant.sanitize import SITE_ATTRIBUTES, SITE_TAGS, URL_ATTRIBUTES, URL_SCHEMES, clobbers

MAY_HAVE_HTML = re.compile(r"<[a-zA-Z!?/]")
WITH_CONTENT = frozenset({"script", "style", "template", "textarea", "title", "xmp", "iframe",
                          "noembed", "noframes", "noscript", "object", "svg", "math", "select"})
"""Tags removed together with everything inside them."""
KEPT_EVERYWHERE = frozenset({"markdown"})  # md_in_html's switch; Markdown removes it itself
TAG_NAME = re.compile(r"^</?[a-zA-Z][a-zA-Z0-9-]*(?=\s|/?>)")
"""What starts an element: `<voor-iedereen.md>` (a link's destination between <>) and
`<https://x.nl>` (an autolink) are Markdown's, and left alone when they carry no attribute."""


class _Events(HTMLParser):
    """Where each tag, comment and declaration stands in the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.edits: list[tuple[int, int, str]] = []
        self.skipping: tuple[str, int] | None = None

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start = self._at()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        if self.skipping is not None or not (TAG_NAME.match(raw) or re.search(r"\s", raw)):
            return
        if tag in WITH_CONTENT and not closed:
            self.skipping = (tag, start)
            return
        self.edits.append((start, end, _rebuilt(tag, attrs, closed) if tag in SITE_TAGS
                           else ""))

    def handle_endtag(self, tag: str) -> None:
        start = self._at()
        close = self.text.find(">", start)
        end = len(self.text) if close == -1 else close + 1
        if self.skipping is not None:
            if tag == self.skipping[0]:
                self.edits.append((self.skipping[1], end, ""))
                self.skipping = None
            return
        if tag not in SITE_TAGS and TAG_NAME.match(self.text[start:end]):
            self.edits.append((start, end, ""))

    def _drop(self, opening: str, closing: str) -> None:
        start = self._at()
        close = self.text.find(closing, start + len(opening))
        end = len(self.text) if close == -1 else close + len(closing)
        if self.skipping is None:
            self.edits.append((start, end, ""))

    def handle_comment(self, data: str) -> None:
        self._drop("<!--", "-->")

    def handle_decl(self, decl: str) -> None:
        self._drop("<!", ">")

    def handle_pi(self, data: str) -> None:
        self._drop("<?", ">")

    def unknown_decl(self, data: str) -> None:
        self._drop("<![", "]]>")


def _rebuilt(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    allowed = SITE_ATTRIBUTES.get(tag, set()) | SITE_ATTRIBUTES["*"] | KEPT_EVERYWHERE
    kept = []
    for name, value in attrs:
        if name not in allowed or (value is not None and clobbers(name, value)):
            continue
        if value is None:
            kept.append(f" {name}")
            continue
        if name in URL_ATTRIBUTES and not _allowed_url(value):
            continue
        kept.append(f' {name}="{html.escape(value, quote=True)}"')
    return f"<{tag}{''.join(kept)}{' /' if closed else ''}>"


def _allowed_url(url: str) -> bool:
    """A web, mail or phone link, or a path on the site (editors' links are resolved first)."""
    scheme = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", re.sub(r"[\x00-\x20]", "", url))
    return scheme is None or scheme.group()[:-1].lower() in URL_SCHEMES


HEADING = re.compile(r"^(?P<head>#{1,6}[ \t]+(?P<text>.+?))(?P<tail>[ \t]*#*[ \t]*)$")
ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*\}")
CLOBBERING_ID = re.compile(r"""(?:#|\bid\s*=\s*["']?)_[^\s}"']*["']?""")


def safe_ids(body: str) -> str:
    """No id starting with an underscore made from the Markdown itself: not one an editor
    sets in an attribute list (`{: #__config }`), and not one the toc extension makes of a
    heading's text ('## __config' gets `{ #kop-__config }`: another engine's toc would give
    it `__config`)."""
    if "_" not in body:
        return body
    plain = blank_code(body).splitlines(keepends=True)
    lines = body.splitlines(keepends=True)
    for number, line in enumerate(plain):
        if "{" in line:
            lines[number] = ATTRIBUTE_LIST.sub(
                lambda m: CLOBBERING_ID.sub("", m.group()), lines[number])
        heading = HEADING.match(line.rstrip("\n"))
        if heading and "{" not in heading.group("text") and slugify(
                heading.group("text"), "-").startswith("_"):
            ending = "\n" if lines[number].endswith("\n") else ""
            slug = slugify(heading.group("text"), "-")
            lines[number] = f"{heading.group('head')} {{ #kop-{slug} }}{ending}"
    return "".join(lines)


LISTED = re.compile(r"""(?P<name>[^\s=}]+)=(?:"[^"]*"|'[^']*'|[^\s=}]+)""")
"""A key=value token of an attribute list as attr_list reads it (quoted or not)."""
LISTED_KEPT = frozenset(SITE_ATTRIBUTES["*"])


def safe_attribute_lists(body: str) -> str:
    """Attribute lists (`{: onclick="..." data-x="..." }`, attr_list) keep only the key=value
    attributes the partner sanitiser keeps on every element (id, class, title, lang, dir), and
    their words (`#id`, `.class`): another engine writes the rest as attributes, handlers too."""
    if "{" not in body:
        return body
    plain = blank_code(body)
    out, index = [], 0
    for found in ATTRIBUTE_LIST.finditer(plain):
        written = body[found.start():found.end()]
        opening = "{:" if written.startswith("{:") else "{"
        inner = LISTED.sub(lambda token: token.group() if token.group("name").lower()
                           in LISTED_KEPT else "", written[len(opening):-1])
        emptied = not inner.strip() and written[len(opening):-1].strip()
        out += [body[index:found.start()], "" if emptied else f"{opening}{inner}}}"]
        index = found.end()
    out.append(body[index:])
    return "".join(out)


def safe_html(body: str) -> str:
    """`body` (Markdown) with its raw HTML and attribute lists as the partner site's sanitiser
    leaves them, and no id that clobbers the theme (`safe_ids`)."""
    body = safe_attribute_lists(safe_ids(body))
    if MAY_HAVE_HTML.search(body) is None:
        return body
    plain = blank_code(body)
    events = _Events(plain)
    events.feed(plain)
    events.close()
    if events.skipping is not None:  # a script never closed: to the end, as a browser reads it
        events.edits.append((events.skipping[1], len(body), ""))
    out, index = [], 0
    for start, end, replacement in sorted(events.edits):
        if start < index:
            continue
        out.append(body[index:start])
        out.append(replacement)
        index = end
    out.append(body[index:])
    return "".join(out)
