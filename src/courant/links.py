"""Editors' links: found in a body, resolved per edition, and proven by Python-Markdown itself.

An editor links to another source with a relative path (`[de pilot](../updates/pilot.md)`), in
any form Markdown has: inline, reference (`[a][ref]`, `[a][]`, `[ref]` with a definition
`[ref]: ../x.md "titel"`), images, and raw HTML (`<a href>`, `<img src>`, ...). `resolve_links`
hands every one of them to the caller's `resolve`, which gives the new destination or None
("this edition does not hold it"); the link is then written as its text alone (an image as its
alt text, a definition removed). The result is Markdown, right for any engine that renders it.

Finding the links is done on the source, with Python-Markdown's own rules for brackets,
destinations and titles (its `LinkInlineProcessor.getText`/`getLink` and the definition
pattern of its `ReferenceProcessor`). Then the rewritten Markdown is converted by
Python-Markdown, with the site's extensions, and every URL in the HTML it gives is checked:
a relative one that `resolve` did not produce is a form this module could not rewrite, and is
returned in `Resolved.left` so that the caller fails closed (an error naming the file and
line; never published). `courant check` runs the same proof with every link hidden.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import quote

from markdown.blockprocessors import ReferenceProcessor
from markdown.inlinepatterns import LinkInlineProcessor

from courant.markup import dialect, to_html

URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "imagesrcset", "poster", "cite", "action", "formaction", "data",
    "background", "longdesc", "usemap", "xlink:href", "ping", "lowsrc", "dynsrc", "manifest",
    "codebase", "icon", "archive", "profile", "itemtype"})
"""HTML attributes whose value is a URL (or a list of them): each is resolved, and proven."""
LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping", "archive"})
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
MAY_LINK = re.compile(r"\]\s?[(\[:]|<[a-zA-Z]|\{")
"""A body without any of these has no link, no raw HTML and no attribute list: nothing to do."""
FENCE = re.compile(r"^(`{3,}|~{3,})")  # fenced_code: at the start of a line, closed alike
DEFINITION = re.compile(
    r"^(?P<lead>[ \t>]*)\[(?P<id>[^\[\]]*)\]:[ ]*(?:\n[ \t>]*)?(?P<dest>[^\s]+)"
    r"(?P<rest>[ ]*(?:\n[ \t>]*)?(?:([\"'])(?:.*)\5[ ]*|\((?:.*)\)[ ]*)?)$", re.MULTILINE)
"""Python-Markdown's ReferenceProcessor.RE, also inside quotes and list items."""
REF_ID = re.compile(r"\s?\[([^\]]*)\]", re.DOTALL)  # ReferenceInlineProcessor.RE_LINK
WHITESPACE = re.compile(r"\s+")
ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
SAFE_URL = "/:#?&=@!$'()*+,;~%-._"
C0_AND_SPACE = "".join(map(chr, range(0x21)))
BARE = re.compile(r"^[A-Za-z0-9/._~:#?&=@!$*+,;%-]+$")

assert ReferenceProcessor.RE.pattern.startswith(r"^[ ]{0,3}\[([^\[\]]*)\]:")


@dataclass(frozen=True, slots=True)
class Link:
    """One link or image an editor wrote, as Python-Markdown reads its destination."""

    target: str  # the destination, without #fragment and ?query
    fragment: str
    text: str  # the link text, or an image's alt text, as written
    line: int  # 1-based within the body
    image: bool
    html: bool = False  # an attribute of raw HTML, which the engine may pass on as written


Resolve = Callable[[Link], "str | None"]
"""A link's new destination, or None: show the link as its text alone."""


@dataclass(frozen=True, slots=True)
class Resolved:
    markdown: str
    left: tuple[Link, ...] = ()  # relative destinations that survived: never publish these


@dataclass(slots=True)
class _Found:
    """A link in the source: `span` the whole of it, `dest` the destination's place (None for
    a reference usage, whose destination is its definition's), `text` the span of its text."""

    kind: str  # "inline", "usage", "definition", "attribute"
    span: tuple[int, int]
    link: Link
    dest: tuple[int, int] | None = None
    text: tuple[int, int] | None = None
    ref: str = ""  # a reference's id
    tag: str = ""  # the element of an HTML attribute
    children: list[_Found] = field(default_factory=list)


def is_relative(url: str) -> bool:
    """A URL with a path but no scheme and no host (not `#kop`, not `//host/...`): a file on
    this site, which may be the name of a source."""
    cleaned = _browser_url(url)
    if SCHEME.match(cleaned) or cleaned.startswith("//"):
        return False
    return bool(re.split(r"[#?]", cleaned, maxsplit=1)[0])


def _browser_url(url: str) -> str:
    """What a browser makes of an attribute value: outer spaces and controls, tabs and line
    breaks inside, dropped; a backslash read as a slash."""
    return re.sub(r"[\t\n\r]", "", url.strip(C0_AND_SPACE)).replace("\\", "/")


def may_link(body: str) -> bool:
    """Cheap: could `body` hold a relative link, raw HTML or an attribute list? Most bodies
    do not, or link only to web addresses: `[de site](https://...)`."""
    return MAY_LINK.search(body) is not None and not _only_web_links(body)


def _only_web_links(body: str) -> bool:
    """Every destination the parser could take starts with a scheme (or is a #fragment): after
    each '](' (an inline link's destination begins there, past spaces and a '<'), and there is
    no definition (']:'), raw HTML or autolink ('<' and a letter) or attribute list ('{'),
    with extensions that make no URL of their own. (The same reasoning as `_plainly_safe`.)"""
    if "]:" in body or "{" in body or re.search(r"<[a-zA-Z/!?]", body) or "](" not in body:
        return False
    if not set(dialect()[0]) <= PLAIN_DIALECT:
        return False
    start = body.find("](")
    while start != -1:
        after = body[start + 2:start + 2 + 64].lstrip().lstrip("<")
        if not (SCHEME.match(after) or after.startswith("#")):
            return False
        start = body.find("](", start + 2)
    return True


def find_links(body: str) -> list[Link]:
    """Every relative link or image in `body`, in the order written (for `courant check`); a
    reference link with the destination of its definition."""
    if not may_link(body):
        return []
    found = list(_walk(_scan(body)))
    definitions = {f.ref: f.link for f in found if f.kind == "definition"}
    links = []
    for item in found:
        link = item.link
        if item.kind == "definition":
            continue
        if item.kind == "usage":
            written = definitions[item.ref]
            link = Link(written.target, written.fragment, link.text, link.line, link.image)
        if is_relative(link.target):
            links.append(link)
    return links


def resolve_links(body: str, resolve: Resolve) -> Resolved:
    """`body` with every relative link resolved by `resolve`, and proven (see the module)."""
    if not may_link(body):
        return Resolved(body)
    found = _scan(body)
    decided = {id(item): _resolved(item.link, resolve) for item in _resolvable(found)}
    definitions = {f.ref: decided.get(id(f), "") for f in _walk(found) if f.kind == "definition"}
    text = _rewrite(body, found, (0, len(body)), decided, definitions)
    produced = frozenset(v for v in decided.values() if v)
    return Resolved(text, _left(text, produced, body))


def resolvable(body: str) -> tuple[Link, ...]:
    """Every link of `body` that resolve_links hands its `resolve`: links and images written
    in place and definitions (a reference link is its definition's)."""
    return tuple(item.link for item in _resolvable(_scan(body))) if may_link(body) else ()


def _resolvable(found: list[_Found]) -> Iterator[_Found]:
    return (item for item in _walk(found)
            if item.kind != "usage" and is_relative(item.link.target))


def unresolvable(body: str) -> tuple[Link, ...]:
    """Links in `body` this module cannot rewrite: those left when every link is hidden."""
    return resolve_links(body, lambda _link: None).left


def unresolvable_message(written: str) -> str:
    """What an editor reads about a link courant cannot rewrite (and so never publishes)."""
    return (f'de link "{written}" staat in een vorm die courant niet veilig kan omzetten; '
            "schrijf hem als [tekst](pad/naar/bestand.md) of als "
            "<a href=\"pad/naar/bestand.md\">tekst</a>")


def _resolved(link: Link, resolve: Resolve) -> str | None:
    new = resolve(link)
    if new is None:
        return None
    if link.fragment and "#" not in new:
        new += "#" + link.fragment
    return quote(new, safe=SAFE_URL)


def _walk(found: list[_Found]) -> Iterator[_Found]:
    for item in found:
        yield item
        yield from _walk(item.children)


# --- finding -----------------------------------------------------------------------------

@lru_cache(maxsize=32768)
def _scan_cached(body: str, footnotes: bool) -> tuple[_Found, ...]:
    return tuple(_scan_uncached(body, footnotes))


def _scan(body: str) -> list[_Found]:
    return list(_scan_cached(body, _footnotes_on()))


def _footnotes_on() -> bool:
    """The sites read `[^1]: ...` as a footnote (the footnotes extension), not a definition."""
    return any(name.rsplit(".", 1)[-1] == "footnotes" for name in dialect()[0])


def _scan_uncached(body: str, footnotes: bool) -> list[_Found]:
    plain = blank_code(body)
    lines = _line_starts(body)
    masked = re.sub(r"\\[\[\]\\]", "\0\0", plain)  # escaped brackets count for nothing
    closing = _closing_brackets(masked)
    definitions = [f for f in _definitions(plain, body, lines)
                   if not (footnotes and f.ref.startswith("^"))]
    known = {f.ref for f in definitions}
    attributes = [f for f in _html_attributes(plain, body, lines)
                  if not _overlaps(f.span, [d.span for d in definitions])]
    taken = [f.span for f in definitions + attributes]
    links = [f for f in _markdown_links(_Text(plain, masked, closing, body, lines, known),
                                        0, len(body))
             if not _overlaps(f.span, taken) or _contains_only(f, taken)]
    found = definitions + links
    for attribute in attributes:
        holder = _holder(links, attribute.span)
        if holder is not None:
            holder.children.append(attribute)
            holder.children.sort(key=lambda f: f.span)
        elif not _overlaps(attribute.span, [f.span for f in links]):
            found.append(attribute)
    return sorted(found, key=lambda f: f.span)


def _contains_only(link: _Found, taken: list[tuple[int, int]]) -> bool:
    """`link` overlaps other finds only where they lie wholly inside its text."""
    return link.text is not None and all(
        link.text[0] <= start and end <= link.text[1]
        for start, end in taken if start < link.span[1] and link.span[0] < end)


def _holder(links: list[_Found], span: tuple[int, int]) -> _Found | None:
    """The innermost link whose text holds `span`."""
    for link in links:
        if link.text is not None and link.text[0] <= span[0] and span[1] <= link.text[1]:
            return _holder(link.children, span) or link
    return None


def _closing_brackets(masked: str) -> dict[int, int]:
    """For each '[' the index just after its matching ']' (as getText counts them): one
    pass, where calling getText at every '[' of a line of brackets takes quadratic time."""
    closing, stack = {}, []
    for match in re.finditer(r"[\[\]]", masked):
        if match.group() == "[":
            stack.append(match.start())
        elif stack:
            closing[stack.pop()] = match.end()
    return closing


@dataclass(frozen=True, slots=True)
class _Text:
    """A body as the link finder reads it: code blanked, escaped brackets masked."""

    plain: str
    masked: str
    closing: dict[int, int]
    body: str
    lines: list[int]
    known: set[str]


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _line_starts(body: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", body)]


def _line_of(lines: list[int], index: int) -> int:
    low, high = 0, len(lines)
    while low + 1 < high:
        middle = (low + high) // 2
        if lines[middle] <= index:
            low = middle
        else:
            high = middle
    return low + 1


def blank_code(body: str) -> str:
    """`body` with fenced code blocks and code spans blanked (same length, newlines kept), so
    that nothing in code is taken for a link, as Python-Markdown does not."""
    if "```" not in body and "~~~" not in body:
        return _blank_code_spans(body)
    out: list[str] = []
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append(_blank(line))
        elif fence is not None:
            if match and match.group(1) == fence and not line[len(fence):].strip():
                fence = None
            out.append(_blank(line))
        else:
            out.append(line)
    return _blank_code_spans("".join(out))


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _blank_code_spans(text: str) -> str:
    """Code spans: a run of backticks up to the next run of the same length (not across a
    blank line); backslash-escaped backticks open nothing."""
    if "`" not in text:
        return text
    out, index = [], 0
    for match in re.finditer(r"(?<!\\)`+", text):
        if match.start() < index:
            continue
        ticks = match.group()
        close = re.compile(rf"(?<!`){ticks}(?!`)")
        end = close.search(text, match.end())
        if end is None or "\n\n" in text[match.end():end.start()].replace(" ", ""):
            continue
        out.append(text[index:match.start()])
        out.append(_blank(text[match.start():end.end()]))
        index = end.end()
    out.append(text[index:])
    return "".join(out)


def _definitions(plain: str, body: str, lines: list[int]) -> Iterator[_Found]:
    if "]:" not in plain:
        return
    for match in DEFINITION.finditer(plain):
        raw = body[match.start("dest"):match.end("dest")]
        dest = raw.lstrip("<").rstrip(">")
        start = match.start("dest") + (len(raw) - len(raw.lstrip("<")))
        target, fragment = _split(dest)
        ref = match.group("id").strip().lower()
        yield _Found("definition", (match.start("lead") + len(match.group("lead")), match.end()),
                     Link(target, fragment, match.group("id"), _line_of(lines, start), False),
                     dest=(start, start + len(dest)), ref=ref)


def _split(destination: str) -> tuple[str, str]:
    """A destination's target and fragment; a query is dropped (no source file has one)."""
    unescaped = re.sub(r"\\(.)", r"\1", destination.strip())
    target, _, fragment = unescaped.partition("#")
    return target.split("?", 1)[0], fragment


class _LinkReader(LinkInlineProcessor):  # type: ignore[misc]
    """Python-Markdown's own reading of `(destination "title")`, outside a conversion."""

    def unescape(self, text: str) -> str:
        return text


_LINKS = _LinkReader(r"\[")
LINK_WINDOW = 512
"""The most getLink reads after '](': a destination and title longer than this are not
rewritten (and so proven left), and a line of '[a](' cannot take quadratic time."""


def _markdown_links(text: _Text, start: int, stop: int) -> Iterator[_Found]:
    """Inline links and images, and reference usages, between `start` and `stop`."""
    index = start
    while index < stop:
        open_at = text.masked.find("[", index, stop)
        if open_at == -1:
            return
        image = open_at > 0 and text.masked[open_at - 1] == "!"
        found = _link_at(text, open_at, stop, image)
        if found is None:
            index = open_at + 1
            continue
        yield found
        index = found.span[1]


def _link_at(text: _Text, open_at: int, stop: int, image: bool) -> _Found | None:
    after = text.closing.get(open_at)
    if after is None or after > stop:
        return None
    text_span = (open_at + 1, after - 1)
    shown = text.body[text_span[0]:text_span[1]]
    begin = open_at - 1 if image else open_at
    line = _line_of(text.lines, open_at)
    reference = REF_ID.match(text.masked, after, stop)
    if reference is not None:
        ref = WHITESPACE.sub(" ", (reference.group(1) or shown).lower())
        if ref not in text.known:
            return None
        return _Found("usage", (begin, reference.end()), Link("", "", shown, line, image),
                      text=text_span, ref=ref, children=_inner(text, text_span, image))
    if after < stop and text.masked[after] == "(":
        window = text.masked[:min(stop, after + LINK_WINDOW)]
        if window.find(")", after) == -1:
            return None
        _href, title, end, handled = _LINKS.getLink(window, after)
        if not handled:
            return None
        dest = _destination_span(text.masked, after, end, title is not None)
        target, fragment = _split(text.body[dest[0]:dest[1]])
        return _Found("inline", (begin, end), Link(target, fragment, shown, line, image),
                      dest=dest, text=text_span, children=_inner(text, text_span, image))
    ref = WHITESPACE.sub(" ", shown.lower())
    if ref in text.known:
        return _Found("usage", (begin, after), Link("", "", shown, line, image),
                      text=text_span, ref=ref, children=_inner(text, text_span, image))
    return None


def _inner(text: _Text, span: tuple[int, int], image: bool) -> list[_Found]:
    """Links and images inside a link's text (an image that is a link); none in an alt text."""
    return [] if image else list(_markdown_links(text, *span))


def _destination_span(masked: str, open_paren: int, end: int, titled: bool) -> tuple[int, int]:
    """Where the destination stands between the parentheses of `[text](...)`: inside <> when
    so written, else up to the title (which starts at the first quote followed by nothing
    but a quoted string), outer spaces left out."""
    inside = masked[open_paren + 1:end - 1]
    offset = open_paren + 1
    stripped = inside.strip()
    lead = len(inside) - len(inside.lstrip())
    if stripped.startswith("<") and ">" in stripped:
        return (offset + lead + 1, offset + lead + stripped.index(">"))
    cut = len(inside.rstrip())
    if titled:
        for at, char in enumerate(inside):
            rest = inside[at:].rstrip()
            if char in "\"'" and len(rest) > 1 and rest[-1] == char:
                cut = len(inside[:at].rstrip())
                break
    return (offset + lead, offset + max(lead, cut))


class _Tags(HTMLParser):
    """Start tags in a body, with their place (html.parser, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, tuple[int, int], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        self.tags.append((tag, self.getpos(), raw))

    handle_startendtag = handle_starttag


def _html_attributes(plain: str, body: str, lines: list[int]) -> Iterator[_Found]:
    if "<" not in plain:
        return
    parser = _Tags()
    parser.feed(plain)
    parser.close()
    for tag, (line, column), raw in parser.tags:
        start = lines[line - 1] + column
        yield from _tag_attributes(tag, start, body[start:start + len(raw)], line)


def _tag_attributes(tag: str, start: int, raw: str, line: int) -> Iterator[_Found]:
    name_end = re.match(r"<[^\s/>]+", raw)
    offset = name_end.end() if name_end else 1
    for match in ATTRIBUTE.finditer(raw, offset):
        name, value = match.group("name").lower(), match.group("value")
        if value is None:
            continue
        quoted = value[:1] in "\"'"
        begin = start + match.start("value") + (1 if quoted else 0)
        inner = value[1:-1] if quoted else value
        decoded = html.unescape(inner)
        span = (start + match.start(), start + match.end())
        for url in _urls_of(name, decoded):
            target, fragment = _split(_browser_url(url))
            yield _Found("attribute", span, Link(target, fragment, url, line, tag == "img", True),
                         dest=(begin, begin + len(inner)), tag=f"{tag}:{name}")


def _urls_of(name: str, value: str) -> list[str]:
    if name == "style":
        return [m.group(2) for m in CSS_URL.finditer(value)]
    if name not in URL_ATTRIBUTES:
        return []
    if name in LIST_ATTRIBUTES:
        return [part.split()[0] for part in re.split(r",\s*|\s+(?=\S)" if name == "ping"
                                                      else r",", value) if part.split()]
    return [value]


# --- rewriting ---------------------------------------------------------------------------

def _rewrite(body: str, found: list[_Found], span: tuple[int, int], decided: dict[int, str | None],
             definitions: dict[str, str | None]) -> str:
    """The text of `span` with each link in `found` (inside it) rewritten as decided."""
    out, index = [], span[0]
    by_attribute: dict[tuple[int, int], list[_Found]] = {}
    for item in found:
        if item.kind == "attribute":
            by_attribute.setdefault(item.span, []).append(item)
    done: set[tuple[int, int]] = set()
    for item in found:
        if item.span in done:
            continue
        done.add(item.span)
        out.append(body[index:item.span[0]])
        if item.kind == "attribute":
            out.append(_attribute(body, by_attribute[item.span], decided))
        else:
            out.append(_one(body, item, decided, definitions))
        index = item.span[1]
    out.append(body[index:span[1]])
    return "".join(out)


def _one(body: str, item: _Found, decided: dict[int, str | None],
         definitions: dict[str, str | None]) -> str:
    start, end = item.span
    if item.kind == "definition":
        if id(item) not in decided:
            return body[start:end]
        new = decided[id(item)]
        if new is None:
            return ""  # its usages are text; the file name leaves with it
        assert item.dest is not None
        before, after = body[start:item.dest[0]], body[item.dest[1]:end]
        if before.endswith("<") and after.startswith(">"):  # written between <>: as we write it
            before, after = before[:-1], after[1:]
        return before + _in_markdown(new) + after
    assert item.text is not None
    text = _rewrite(body, item.children, item.text, decided, definitions)
    hidden = (definitions.get(item.ref, "") is None if item.kind == "usage"
              else id(item) in decided and decided[id(item)] is None)
    if hidden:
        return text
    opening = "![" if item.link.image else "["
    if item.kind == "usage" or id(item) not in decided:
        return opening + text + body[item.text[1]:end]
    assert item.dest is not None
    new = decided[id(item)] or ""
    before = body[item.text[1]:item.dest[0]]
    after = body[item.dest[1]:end]
    if before.endswith("<") and after.startswith(">"):  # written between <>: as we write it
        before, after = before[:-1], after[1:]
    return opening + text + before + _in_markdown(new) + after


def _in_markdown(url: str) -> str:
    """A destination as Markdown reads it back: bare when it can be, else between <>."""
    return url if BARE.match(url) else f"<{url}>"


def _attribute(body: str, items: list[_Found], decided: dict[int, str | None]) -> str:
    """One HTML attribute with its URL(s) resolved; without the attribute when any is hidden."""
    start, end = items[0].span
    raw = body[start:end]
    if not any(id(item) in decided for item in items):
        return raw
    if any(id(item) in decided and decided[id(item)] is None for item in items):
        return ""
    value = html.unescape(body[items[0].dest[0]:items[0].dest[1]]) if items[0].dest else ""
    for item in items:
        new = decided.get(id(item))
        if new is not None:
            value = value.replace(item.link.text, new, 1)
    name = raw.split("=", 1)[0].strip()
    return f'{name}="{html.escape(value, quote=True)}"'


# --- proving -----------------------------------------------------------------------------

class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None:
                self.urls.extend(_urls_of(name, value))

    handle_startendtag = handle_starttag


def urls_in_html(text: str) -> list[str]:
    """Every URL in the attributes of `text` (HTML), as a browser reads them."""
    parser = _Urls()
    parser.feed(text)
    parser.close()
    return parser.urls


@lru_cache(maxsize=32768)
def _left_cached(text: str, produced: frozenset[str]) -> tuple[str, ...]:
    if _plainly_safe(text, produced):
        return ()
    return tuple(url for url in urls_in_html(to_html(text))
                 if is_relative(url) and _browser_url(url) not in produced)


PLAIN_DIALECT = frozenset({"toc", "tables", "fenced_code", "attr_list", "md_in_html",
                           "admonition", "sane_lists", "abbr", "def_list", "footnotes",
                           "smarty", "nl2br"})
"""Extensions that make no URL of their own (fragments at most: toc, footnotes)."""


def _plainly_safe(text: str, produced: frozenset[str]) -> bool:
    """The proof without a conversion, for the common body: with these extensions the parser
    takes a destination only after '](' (inline links, images), after ']:' (definitions, which
    every reference uses), from raw HTML and autolinks ('<' and a letter) and from attribute
    lists ('{'). When the text has no '<' tag and no '{', and every '](' and ']:' in it (code
    included: nothing is taken on trust there) is one the finder read, with a destination that
    is absolute or produced, no other relative destination can come out. Anything else is
    converted and read back."""
    if "{" in text or re.search(r"<[a-zA-Z/!?]", text) or not set(dialect()[0]) <= PLAIN_DIALECT:
        return False
    found = list(_walk(_scan(text)))
    ends = {f.text[1]: f for f in found if f.kind == "inline" and f.text is not None}
    colons = {text.find("]", f.span[0]): f for f in found if f.kind == "definition"}
    for mark, read in (("](", ends), ("]:", colons)):
        for match in re.finditer(re.escape(mark), text):
            item = read.get(match.start())
            if item is None or item.dest is None:
                return False
            destination = _browser_url(text[item.dest[0]:item.dest[1]])
            if is_relative(destination) and destination not in produced:
                return False
    return True


def _left(text: str, produced: frozenset[str], body: str) -> tuple[Link, ...]:
    left = _left_cached(text, produced)
    if not left:
        return ()
    lines = _line_starts(body)
    read = [f.span for f in _walk(_scan(body))]
    return tuple(Link(*_split(_browser_url(url)), url, _line_in(body, url, lines, read), False)
                 for url in left)


def _line_in(body: str, url: str, lines: list[int], read: list[tuple[int, int]]) -> int:
    """The line where `url` (or its file name) stands in the body outside the links that were
    read (those were rewritten); else the first."""
    for needle in (url, url.rsplit("/", 1)[-1]):
        for match in re.finditer(re.escape(needle), body) if needle else ():
            if not any(start <= match.start() < end for start, end in read):
                return _line_of(lines, match.start())
    return 1


