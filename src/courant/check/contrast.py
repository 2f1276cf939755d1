"""Colour contrast of the theme's palette and the mail's CSS (WCAG 2.1, success criterion 1.4.3).

`courant check` reads the project's own CSS (theme/overrides/**.css, theme/email/email.css)
and pairs each text colour with the background it is shown on, so a palette change that makes
text hard to read is reported before anything is built. The real pages are checked again by
`courant audit` (axe-core's color-contrast rule in Chromium).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import tinycss2
import tinycss2.color3

NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0  # from 24 px, or 18.66 px bold (WCAG's 18 pt and 14 pt bold)
WHITE = (1.0, 1.0, 1.0)
RGB = tuple[float, float, float]

MATERIAL_PAIRS = (
    # (text colour variable, its default, background variable, its default, where it shows)
    ("--md-primary-bg-color", "#ffffff", "--md-primary-fg-color", "#4051b5",
     "tekst in de kopbalk"),
    ("--md-typeset-a-color", "#4051b5", "--md-default-bg-color", "#ffffff", "links"),
    ("--md-accent-fg-color", "#526cfe", "--md-default-bg-color", "#ffffff",
     "links onder de muis"),
)
"""The pairs of Material's palette variables that carry text (defaults: Material 9's
`indigo` palette, used when a project's CSS does not set the variable)."""
THEME_PAIRS = (
    # courant's own, checked where the project's CSS sets both (no defaults)
    ("--md-default-fg-color", "--md-default-bg-color", "tekst"),
    ("--courant-text-muted", "--md-default-bg-color", "grijze tekst"),
    ("--courant-text-muted", "--courant-surface", "grijze tekst op een vlak"),
    ("--md-typeset-a-color", "--courant-surface", "links op een vlak"),
    ("--courant-tile-fg", "--courant-tile-bg", "datum in de agenda"),
    ("--courant-badge-fg", "--courant-badge-bg", "het woord Geannuleerd"),
    ("--md-footer-fg-color", "--md-footer-bg-color", "tekst in de voettekst"),
)
SCHEMES = {"default": "", "slate": " (donkere weergave)"}
SLATE_DEFAULTS = {"--md-default-bg-color": "#1e2129", "--md-primary-bg-color": "#ffffff"}
"""Material's dark scheme where a project's CSS leaves a variable unset."""
SLATE = re.compile(r"""data-md-color-scheme\s*=\s*["']?slate""")


def scheme_of(selector: str) -> str:
    """Which of Material's colour schemes a rule is for: 'slate' (dark) or 'default'."""
    return "slate" if SLATE.search(selector) else "default"


@dataclass(frozen=True, slots=True)
class Pair:
    text: str  # the colour as written
    background: str
    ratio: float
    needed: float
    line: int
    what: str  # the selector or the role ("links")

    @property
    def passes(self) -> bool:
        return self.ratio + 1e-9 >= self.needed


def parse(value: str) -> RGB | None:
    """An opaque sRGB colour from CSS text (#rgb, #rrggbb, rgb(), names); None otherwise."""
    color = tinycss2.color3.parse_color(value.strip())
    if color is None or isinstance(color, str) or color.alpha < 1:
        return None
    return (color.red, color.green, color.blue)


def luminance(rgb: RGB) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(one: RGB, other: RGB) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker(text: RGB, background: RGB, needed: float) -> str:
    """The text colour darkened (towards black) just enough to reach `needed`, as #rrggbb."""
    for step in range(101):
        scale = 1 - step / 100
        candidate = tuple(c * scale for c in text)
        if ratio(candidate, background) >= needed:  # type: ignore[arg-type]
            return "#" + "".join(f"{round(c * 255):02x}" for c in candidate)
    return "#000000"


@dataclass(frozen=True, slots=True)
class Rule:
    selector: str
    declarations: dict[str, str]  # property -> value (custom properties keep their case)
    lines: dict[str, int]  # property -> its line


def rules_of(css: str) -> list[Rule]:
    """The style rules of a stylesheet (rules inside @media are left out: they adjust sizes)."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations, lines = {}, {}
        for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if item.type == "declaration":
                name = item.name if item.name.startswith("--") else item.lower_name
                declarations[name] = tinycss2.serialize(item.value).strip()
                lines[name] = item.source_line
        found.append(Rule(tinycss2.serialize(rule.prelude).strip(), declarations, lines))
    return found


def palette_pairs(css: str) -> Iterator[Pair]:
    """Material's text-carrying variable pairs and courant's own, as the project's CSS sets
    them, in each colour scheme it sets (the dark one named so)."""
    rules = rules_of(css)
    for scheme, label in SCHEMES.items():
        variables = scheme_variables(rules, scheme)
        if scheme != "default" and not variables:
            continue
        defaults = SLATE_DEFAULTS if scheme == "slate" else {}
        for text_var, text_default, back_var, back_default, what in MATERIAL_PAIRS:
            if text_var not in variables and back_var not in variables:
                continue  # Material's own pair: not the project's to answer for
            text, line = variables.get(text_var, (defaults.get(text_var, text_default), 0))
            back, back_line = variables.get(back_var, (defaults.get(back_var, back_default), 0))
            pair = _pair(text, back, NORMAL_TEXT, max(line, back_line), what + label)
            if pair is not None:
                yield pair
        for text_var, back_var, what in THEME_PAIRS:
            if text_var in variables and back_var in variables:
                (text, line), (back, back_line) = variables[text_var], variables[back_var]
                pair = _pair(text, back, NORMAL_TEXT, max(line, back_line), what + label)
                if pair is not None:
                    yield pair


def scheme_variables(rules: list[Rule], scheme: str) -> dict[str, tuple[str, int]]:
    """The custom properties the rules of one scheme set (value, line); the light scheme's
    are also those of :root."""
    return {name: (value, rule.lines[name]) for rule in rules
            if scheme_of(rule.selector) == scheme
            for name, value in rule.declarations.items() if name.startswith("--")}


def rule_pairs(css: str, page_background: str = "#ffffff") -> Iterator[Pair]:
    """Each rule that sets a text colour, on its own background, else on the background of
    the rule its selector starts with ('.footer a' on '.footer'), else on `page_background`
    and (when a body background is set) the body's."""
    rules = rules_of(css)
    backgrounds = {rule.selector: _background(rule) for rule in rules if _background(rule)}
    fallback = [page_background]
    if "body" in backgrounds:
        fallback.append(backgrounds["body"] or page_background)
    dark = scheme_variables(rules, "slate").get("--md-default-bg-color", (
        SLATE_DEFAULTS["--md-default-bg-color"], 0))[0]
    for rule in rules:
        text = rule.declarations.get("color")
        if not text or text.startswith("var("):
            continue
        own = _background(rule) or backgrounds.get(rule.selector.split()[0])
        grounds = [dark] if scheme_of(rule.selector) == "slate" else fallback
        for back in [own] if own else grounds:
            pair = _pair(text, back, _needed(rule), rule.lines["color"], rule.selector)
            if pair is not None:
                yield pair


def _background(rule: Rule) -> str | None:
    value = rule.declarations.get("background-color") or rule.declarations.get("background")
    return value if value and parse(value) is not None else None


def _needed(rule: Rule) -> float:
    size = rule.declarations.get("font-size", "")
    weight = rule.declarations.get("font-weight", "")
    pixels = float(size[:-2]) if size.endswith("px") and size[:-2].replace(".", "").isdigit() \
        else 0.0
    bold = weight == "bold" or (weight.isdigit() and int(weight) >= 700) or \
        rule.selector.split()[-1] in {"h1", "h2", "h3", "h4"}
    return LARGE_TEXT if pixels >= 24 or (bold and pixels >= 18.66) else NORMAL_TEXT


def _pair(text: str, back: str, needed: float, line: int, what: str) -> Pair | None:
    text_rgb, back_rgb = parse(text), parse(back)
    if text_rgb is None or back_rgb is None:
        return None
    return Pair(text, back, ratio(text_rgb, back_rgb), needed, line, what)
