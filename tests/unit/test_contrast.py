"""contrast.py: WCAG contrast ratios of the theme palette and the mail CSS, as `courant check`
reports them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from courant.check.accessibility import colour_warnings
from courant.check.contrast import (
    NORMAL_TEXT,
    darker,
    palette_pairs,
    parse,
    ratio,
    rule_pairs,
)

THEME_CSS = ROOT / "theme" / "overrides" / "assets" / "stylesheets" / "courant.css"
MAIL_CSS = ROOT / "theme" / "email" / "email.css"


def test_wcag_ratios() -> None:
    white, black = parse("#fff"), parse("black")
    assert white and black
    assert ratio(white, black) == pytest.approx(21)
    assert ratio(white, white) == pytest.approx(1)
    grey = parse("#767676")  # the lightest grey that passes on white
    assert grey and ratio(grey, white) == pytest.approx(4.54, abs=0.01)
    assert parse("rgba(0, 0, 0, .5)") is None  # transparent: depends on what is below


def test_the_theme_palette_passes_in_every_pair() -> None:
    pairs = list(palette_pairs(THEME_CSS.read_text("utf-8")))
    roles = {pair.what: pair for pair in pairs}
    material = {"tekst in de kopbalk", "links", "links onder de muis"}
    own = {"tekst", "grijze tekst", "datum in de agenda", "tekst in de voettekst"}
    assert material | own <= set(roles)
    assert {f"{role} (donkere weergave)" for role in material | own} <= set(roles)  # dark
    assert roles["tekst in de kopbalk"].ratio == pytest.approx(7.84, abs=0.01)  # white on blue
    assert roles["links (donkere weergave)"].background == "#15191f"  # the dark ground
    pairs += rule_pairs(THEME_CSS.read_text("utf-8"))
    assert len(pairs) >= 5
    assert [p for p in pairs if not p.passes] == []


def test_the_mail_colours_pass_on_their_own_backgrounds() -> None:
    pairs = list(rule_pairs(MAIL_CSS.read_text("utf-8")))
    topline = [p for p in pairs if p.what == ".topline a"]
    assert topline and topline[0].background == "#f6f8fa"  # on the top line's own ground
    h1 = next(p for p in pairs if p.what == "h1")
    assert h1.needed == 3.0  # 26 px: large text
    assert len(pairs) >= 12
    assert [p for p in pairs if not p.passes] == []


def test_a_light_colour_is_reported_with_file_line_and_a_better_colour(demo: Path) -> None:
    assert colour_warnings(demo) == []
    css = demo / "theme" / "email" / "email.css"
    css.write_text(css.read_text("utf-8") + "\n.light { color: #aaaaaa; }\n", "utf-8")
    theme = demo / "theme" / "overrides" / "assets" / "stylesheets" / "courant.css"
    theme.write_text(theme.read_text("utf-8").replace("--md-primary-fg-color: #0b5394;",
                                                      "--md-primary-fg-color: #7fb2e5;"), "utf-8")
    found = [str(p) for p in colour_warnings(demo)]
    line = css.read_text("utf-8").splitlines().index(".light { color: #aaaaaa; }") + 1
    lines = theme.read_text("utf-8").splitlines()
    primary = max(lines.index(text) + 1 for text in ("  --md-primary-fg-color: #7fb2e5;",
                                                     "  --md-primary-bg-color: #ffffff;"))
    assert found == [
        f"theme/overrides/assets/stylesheets/courant.css:{primary}: (waarschuwing) tekst in de "
        "kopbalk: "
        "tekst #ffffff op #7fb2e5 heeft een contrast van 2,23:1; nodig is 4,5:1 (WCAG 1.4.3). "
        "Kies een donkerdere achtergrond, zoals #56799c",
        f"theme/email/email.css:{line}: (waarschuwing) .light: tekst #aaaaaa op #ffffff heeft "
        "een contrast van 2,32:1; nodig is 4,5:1 (WCAG 1.4.3). Kies een donkerdere "
        "tekstkleur, zoals #757575",
        f"theme/email/email.css:{line}: (waarschuwing) .light: tekst #aaaaaa op #eef1f4 heeft "
        "een contrast van 2,05:1; nodig is 4,5:1 (WCAG 1.4.3). Kies een donkerdere "
        "tekstkleur, zoals #6d6d6d",
    ]
    for pair_text, back in (("#757575", "#ffffff"), ("#6d6d6d", "#eef1f4"), ("#ffffff", "#56799c")):
        one, other = parse(pair_text), parse(back)
        assert one and other and ratio(one, other) >= NORMAL_TEXT
    assert darker(parse("#aaaaaa"), parse("#ffffff"), 4.5) == "#757575"  # type: ignore[arg-type]
