"""The mails against caniemail's data (npm caniemail): does every HTML element, attribute and
CSS feature they use work in Outlook on Windows, Gmail (web and apps) and Apple Mail?

A feature one of those clients does not support fails the audit unless a fallback is in place:
FALLBACKS says, per feature, how courant's mail makes up for it and checks that it does (a
table's width attribute where max-width is ignored), or why losing it changes nothing a
reader needs (square instead of round corners). Partial support is reported as a note, with
caniemail's own remark. Each mail's size is held against Gmail's limit of 102,000 bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

from courant.audit.findings import Finding, Level

MAX_BYTES = 102_000  # Gmail clips a message above this (courant.build.mails.MAX_BYTES)
CLIENTS = {
    "outlook.windows": "Outlook (Windows)",
    "gmail.desktop-webmail": "Gmail (web)",
    "gmail.mobile-webmail": "Gmail (mobiel web)",
    "gmail.ios": "Gmail (iOS-app)",
    "gmail.android": "Gmail (Android-app)",
    "apple-mail.macos": "Apple Mail (macOS)",
    "apple-mail.ios": "Apple Mail (iOS)",
}
WORD_ENGINE_SINCE = "2007"
"""Outlook on Windows renders with Word since 2007; every version since is still in use, so
the weakest of them counts (elsewhere the most recent test)."""
RANK = {"n": 0, "u": 1, "a": 2, "y": 3}

# --- what a mail uses -------------------------------------------------------------------------

TAGS = {"h1": "html-h1-h6", "h2": "html-h1-h6", "h3": "html-h1-h6", "h4": "html-h1-h6",
        "h5": "html-h1-h6", "h6": "html-h1-h6", "ul": "html-lists", "ol": "html-lists",
        "dl": "html-lists", "tr": "html-table", "td": "html-table", "th": "html-table"}
SEMANTIC = {"article", "aside", "details", "figcaption", "figure", "footer", "header", "main",
            "mark", "nav", "section", "summary", "time"}
ATTRIBUTES = {"align": "html-align", "valign": "html-valign", "width": "html-width",
              "height": "html-height", "cellpadding": "html-cellpadding",
              "cellspacing": "html-cellspacing", "background": "html-background",
              "dir": "html-dir", "lang": "html-lang", "role": "html-role",
              "loading": "html-loading-attribute", "srcset": "html-srcset",
              "target": "html-target", "hidden": "html-hidden", "required": "html-required",
              "popover": "html-popover"}
IMAGE_TYPES = {".jpg": "image-jpg", ".jpeg": "image-jpg", ".png": "image-png",
               ".gif": "image-gif", ".webp": "image-webp", ".svg": "image-svg",
               ".avif": "image-avif", ".bmp": "image-bmp", ".ico": "image-ico"}
FUNCTIONS = {"rgb": "css-rgb", "rgba": "css-rgba", "calc": "css-unit-calc",
             "var": "css-variables", "min": "css-function-min", "max": "css-function-max",
             "clamp": "css-function-clamp", "linear-gradient": "css-linear-gradient",
             "radial-gradient": "css-radial-gradient", "conic-gradient": "css-conic-gradient",
             "light-dark": "css-function-light-dark"}
AT_RULES = {"media": "css-at-media", "font-face": "css-at-font-face", "import": "css-at-import",
            "keyframes": "css-at-keyframes", "supports": "css-at-supports"}
MEDIA_FEATURES = {"prefers-color-scheme": "css-at-media-prefers-color-scheme",
                  "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
                  "orientation": "css-at-media-orientation", "hover": "css-at-media-hover",
                  "-webkit-min-device-pixel-ratio": "css-at-media-device-pixel-ratio"}


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a feature: where, on which element, with which attributes."""

    slug: str
    line: int
    tag: str  # the element ("" inside <style>)
    attrs: tuple[tuple[str, str], ...] = ()
    detail: str = ""  # the declaration or markup, for the report
    in_media: bool = False  # inside an @media rule

    def has(self, attribute: str) -> bool:
        return any(name == attribute for name, _ in self.attrs)


class _Uses(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.uses: list[Use] = []
        self._style: list[str] | None = None
        self._style_line = 0

    def handle_decl(self, decl: str) -> None:
        self.uses.append(Use("html-doctype", self.getpos()[0], "", detail=f"<!{decl}>"))

    def handle_comment(self, data: str) -> None:
        self.uses.append(Use("html-comments", self.getpos()[0], "", detail="<!-- -->"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        pairs = tuple((name, value or "") for name, value in attrs)
        add = self.uses.append
        if tag == "style":
            self._style, self._style_line = [], line
            return  # its Use is added at </style>, once its rules are known
        add(Use(TAGS.get(tag, "html-semantics" if tag in SEMANTIC else f"html-{tag}"), line,
                tag, pairs, f"<{tag}>"))
        for name, value in pairs:
            slug = ATTRIBUTES.get(name) or (f"html-{name}" if name.startswith("aria-") else None)
            if slug:
                add(Use(slug, line, tag, pairs, f'{name}="{value}"'))
            if name == "style":
                self.uses.extend(_declaration_uses(value, line, tag, pairs))
        found = dict(pairs)
        if tag == "a" and found.get("href", "").startswith("#"):
            add(Use("html-anchor-links", line, tag, pairs, f'href="{found["href"]}"'))
        if tag == "a" and found.get("href", "").startswith("mailto:"):
            add(Use("html-mailto-links", line, tag, pairs, "href=\"mailto:…\""))
        if tag == "img":
            source = found.get("src", "")
            kind = "image-base64" if source.startswith("data:") else \
                IMAGE_TYPES.get(Path(source.split("?")[0]).suffix.lower())
            if kind:
                add(Use(kind, line, tag, pairs, f'src="{source[:80]}"'))
        if tag == "meta" and found.get("name") == "color-scheme":
            add(Use("html-meta-color-scheme", line, tag, pairs, '<meta name="color-scheme">'))
        if tag in {"input", "button"}:
            add(Use(f"html-{tag}-{found.get('type', 'text')}", line, tag, pairs, f"<{tag}>"))

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            uses = list(_stylesheet_uses("".join(self._style), self._style_line))
            only_media = all(use.in_media or use.slug.startswith("css-at-media") or
                             use.slug == "css-comments" for use in uses)
            self.uses.append(Use("html-style", self._style_line, "style", (), "<style>",
                                 only_media))
            self.uses.extend(uses)
            self._style = None


def uses_of(html: str) -> list[Use]:
    """Every feature caniemail knows that the mail's HTML uses, with its line."""
    parser = _Uses()
    parser.feed(html)
    parser.close()
    return parser.uses


def _declaration_uses(css: str, line: int, tag: str, attrs: tuple[tuple[str, str], ...],
                      in_media: bool = False) -> Iterator[Use]:
    for declaration in tinycss2.parse_blocks_contents(css, skip_comments=True,
                                                      skip_whitespace=True):
        if declaration.type != "declaration":
            continue
        name = declaration.lower_name
        value = tinycss2.serialize(declaration.value).strip()
        detail = f"{name}: {value}" + (" !important" if declaration.important else "")
        for slug in _property_slugs(name, declaration.value):
            yield Use(slug, line, tag, attrs, detail, in_media)
        if declaration.important:
            yield Use("css-important", line, tag, attrs, detail, in_media)


def _property_slugs(name: str, value: list[tinycss2.ast.Node]) -> Iterator[str]:
    if name in {"left", "right", "top", "bottom"}:
        yield "css-left-right-top-bottom"
    else:
        yield f"css-{name}"  # a longhand caniemail does not list counts as its shorthand
    for token in _tokens(value):
        if token.type == "ident" and name == "display" and token.lower_value in {
                "none", "flex", "grid"}:
            yield f"css-display-{token.lower_value}"
        elif token.type in {"dimension", "percentage"}:
            unit = "percent" if token.type == "percentage" else token.lower_unit
            yield f"css-unit-{unit}"
        elif token.type == "function" and token.lower_name in FUNCTIONS:
            yield FUNCTIONS[token.lower_name]
        elif token.type == "ident" and token.lower_value == "initial":
            yield "css-unit-initial"


def _tokens(nodes: list[tinycss2.ast.Node]) -> Iterator[tinycss2.ast.Node]:
    for node in nodes:
        yield node
        if node.type == "function":
            yield from _tokens(node.arguments)


def _stylesheet_uses(css: str, line: int) -> Iterator[Use]:
    for rule in tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True):
        if rule.type == "comment":
            yield Use("css-comments", line, "", detail="/* */")
        elif rule.type == "at-rule":
            yield Use(AT_RULES.get(rule.lower_at_keyword, f"css-at-{rule.lower_at_keyword}"),
                      line, "", detail=f"@{rule.lower_at_keyword} "
                      f"{tinycss2.serialize(rule.prelude).strip()}")
            prelude = tinycss2.serialize(rule.prelude)
            yield from (Use(slug, line, "", detail=prelude.strip())
                        for feature, slug in MEDIA_FEATURES.items() if feature in prelude)
            if rule.content is not None and rule.lower_at_keyword == "media":
                for inner in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                      skip_whitespace=True):
                    yield from _rule_uses(inner, line, in_media=True)
        else:
            yield from _rule_uses(rule, line)


def _rule_uses(rule: tinycss2.ast.Node, line: int, in_media: bool = False) -> Iterator[Use]:
    if rule.type != "qualified-rule":
        return
    selector = tinycss2.serialize(rule.prelude).strip()
    for slug in _selector_slugs(selector):
        yield Use(slug, line, "", detail=selector, in_media=in_media)
    yield from _declaration_uses(tinycss2.serialize(rule.content), line, "", (), in_media)


def _selector_slugs(selector: str) -> Iterator[str]:
    if "," in selector:
        yield "css-selector-grouping"
    for part in selector.split(","):
        part = part.strip()
        if "." in part:
            yield "css-selector-class"
        if "#" in part:
            yield "css-selector-id"
        if "[" in part:
            yield "css-selector-attribute"
        if re.match(r"^[a-z]", part):
            yield "css-selector-type"
        if re.search(r"\s>\s|>", part):
            yield "css-selector-child"
        elif " " in part:
            yield "css-selector-descendant"
        for pseudo in re.findall(r"(::?)([a-z-]+)", part):
            kind = "element" if pseudo[0] == "::" else "class"
            yield f"css-pseudo-{kind}-{pseudo[1]}"


# --- what the clients support -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Support:
    value: str  # "y", "a", "n" or "u"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feature:
    slug: str
    title: str
    url: str
    support: dict[str, Support] = field(default_factory=dict)


@cache
def load_features(path: Path) -> dict[str, Feature]:
    """caniemail's features by slug, with the support of the CLIENTS (read once)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    features = {}
    for item in raw["data"]:
        notes = item.get("notes_by_num") or {}
        support = {client: _support(item["stats"], client, notes) for client in CLIENTS}
        features[item["slug"]] = Feature(item["slug"], item["title"], item["url"], support)
    return features


def data_date(path: Path) -> str:
    """When caniemail's data was last updated (YYYY-MM-DD)."""
    return str(json.loads(path.read_text(encoding="utf-8")).get("last_update_date", ""))[:10]


def _support(stats: dict[str, dict[str, dict[str, str]]], client: str,
             notes: dict[str, str]) -> Support:
    family, platform = client.split(".")
    versions = stats.get(family, {}).get(platform, {})
    if not versions:
        return Support("u")
    if client == "outlook.windows":
        values = [v for version, v in versions.items() if version >= WORD_ENGINE_SINCE]
        value = min(values or list(versions.values()), key=lambda v: RANK.get(v[:1], 1))
    else:
        value = list(versions.values())[-1]
    numbers = re.findall(r"#(\d+)", value)
    return Support(value[:1], tuple(notes[n] for n in numbers if n in notes))


# --- fallbacks --------------------------------------------------------------------------------

Fallback = Callable[[Use], str | None]


def _width_attribute(use: Use) -> str | None:
    if use.has("width"):
        return "het width-attribuut op het element houdt de breedte vast"
    return None


def _decoration(reason: str) -> Fallback:
    return lambda use: reason


def _media_only(reason: str) -> Fallback:
    return lambda use: reason if use.in_media else None


INLINED = "courant zet alle opmaak ook in style-attributen (css-inline); <style> houdt " \
    "alleen de @media-regels voor smalle schermen"
FALLBACKS: dict[str, Fallback] = {
    "html-style": _media_only(INLINED),
    "css-selector-class": _media_only(INLINED),
    "css-selector-type": _media_only(INLINED),
    "css-selector-descendant": _media_only(INLINED),
    "html-doctype": _decoration("geen gevolg: Outlook negeert het doctype en toont de mail "
                                "zoals de tabellen hem opbouwen"),
    "css-max-width": _width_attribute,
    "css-table-layout": _width_attribute,
    "css-at-media": _decoration("de opmaak werkt zonder: @media past alleen marges en "
                                "lettergrootte aan op een smal scherm"),
    "css-important": _media_only("alleen binnen @media, dat zonder ondersteuning vervalt"),
    "css-border-radius": _decoration("versiering: de hoeken worden recht"),
    "css-outline": _decoration("versiering: zet alleen de rand rond een afbeelding uit"),
    "css-overflow-wrap": _decoration("lange woorden en adressen breken dan niet af; de tabel "
                                     "heeft een vaste breedte (width-attribuut)"),
    "css-word-break": _decoration("lange woorden en adressen breken dan niet af; de tabel "
                                  "heeft een vaste breedte (width-attribuut)"),
    "css-letter-spacing": _decoration("versiering: iets ruimere letters in kopjes"),
    "css-text-transform": _decoration("versiering: kopjes in hoofdletters; de tekst zelf is "
                                      "gewoon leesbaar"),
    "css-display-none": _decoration("alleen de voorregel (preheader): waar hij niet verborgen "
                                    "blijft, staat het begin van het voorwoord twee keer"),
    "html-meta-color-scheme": _decoration("een hint voor de donkere modus; zonder blijft de "
                                          "mail licht"),
}


def check_mail(name: str, html: str, size: int, features: dict[str, Feature]) -> list[Finding]:
    """Every unsupported feature without a fallback (fout), each fallback and partial
    support (opmerking, once per feature and client), and the size against Gmail's limit."""
    found: list[Finding] = []
    noted: set[tuple[str, str]] = set()
    for use in uses_of(html):
        feature = features.get(use.slug) or features.get("-".join(use.slug.split("-")[:2]))
        if feature is None:
            continue
        for client, shown in CLIENTS.items():
            support = feature.support[client]
            if support.value == "n":
                found.extend(_unsupported(name, use, feature, shown, support, noted))
            elif support.value == "a" and (use.slug, client) not in noted:
                noted.add((use.slug, client))
                remark = "; ".join(support.notes) or "gedeeltelijk ondersteund"
                found.append(Finding(f"mail {name}:{use.line}", use.slug,
                                     f"{feature.title}: in {shown} gedeeltelijk: {remark}",
                                     feature.url, use.detail, Level.NOTE))
    if size >= MAX_BYTES:
        found.append(Finding(f"mail {name}", "te-groot", f"{size:,} bytes; Gmail knipt een "
                             f"mail boven {MAX_BYTES:,} bytes af (en de afmeldlink met hem)"
                             .replace(",", "."), "Maak samenvattingen korter of verplaats "
                             "stukken naar een ander nummer (issue:)."))
    return found


def _unsupported(name: str, use: Use, feature: Feature, client: str, support: Support,
                 noted: set[tuple[str, str]]) -> list[Finding]:
    fallback = FALLBACKS.get(use.slug)
    reason = fallback(use) if fallback else None
    where = f"mail {name}:{use.line}"
    element = f"<{use.tag}> {use.detail}" if use.tag else use.detail
    if reason is None:
        remark = "; ".join(support.notes)
        return [Finding(where, use.slug, f"{feature.title} werkt niet in {client}"
                        + (f" ({remark})" if remark else "") + ", en er is geen terugval",
                        f"Gebruik iets wat overal werkt, of zorg voor een terugval. Meer: "
                        f"{feature.url}", element)]
    if (use.slug, client) in noted:
        return []
    noted.add((use.slug, client))
    return [Finding(where, use.slug, f"{feature.title} werkt niet in {client}; terugval: "
                    f"{reason}", feature.url, element, Level.NOTE)]
