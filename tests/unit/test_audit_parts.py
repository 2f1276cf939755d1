"""The audit's parts that need no browser: page types, vnu's findings sorted into courant's and
the theme's, and the mail features against caniemail's data (from node_modules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from courant.audit.findings import Level
from courant.audit.html import classify
from courant.audit.mail import check_mail, load_features, uses_of
from courant.audit.statement import site_of
from courant.audit.targets import page_type

CANIEMAIL = ROOT / "node_modules" / "caniemail" / "data" / "caniemail.json"


def test_page_types_from_the_url_layout() -> None:
    assert page_type("index.html") == "Home"
    assert page_type("nieuws/index.html") == "Nieuwsoverzicht"
    assert page_type("nieuws/pagina-2/index.html") == "Nieuwsoverzicht, volgende pagina"
    assert page_type("nieuws/wachttijd/index.html") == "Nieuwsbericht"
    assert page_type("afdelingen/wi/index.html") == "Afdelingspagina"
    assert page_type("nieuwsbrief/2026-10/index.html") == "Nieuwsbrief: webversie"
    assert page_type("toegankelijkheid/index.html") == "Toegankelijkheid"
    assert page_type("sociaal-domein/index.html") == "Vaste pagina"
    assert page_type("factsheets/wmo/index.html") == "Vaste pagina (factsheets)"
    assert page_type("assets/x.html") is None  # no page of its own
    assert page_type("feed.xml") is None


def test_vnu_errors_in_materials_toggles_are_the_themes_the_rest_courants(tmp_path: Path) -> None:
    theme = classify({"type": "error", "url": f"file:{tmp_path}/intranet/index.html",
                      "lastLine": 71, "message": "Attribute “autocomplete” is only allowed when "
                      "the input type is “color”, …", "extract": '<input class="md-toggle" '
                      'data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'},
                     tmp_path)
    assert theme.level is Level.THEME and theme.where == "intranet/index.html:71"
    assert "Material" in theme.fix
    own = classify({"type": "error", "url": f"file:{tmp_path}/public/index.html",
                    "lastLine": 9, "message": "Element “blink” not allowed.",
                    "extract": "<blink>Nieuw</blink>"}, tmp_path)
    assert own.level is Level.ERROR and own.where == "public/index.html:9"


def test_findings_belong_to_one_site() -> None:
    assert site_of("public nieuws/x/index.html:4") == "public"
    assert site_of("public/index.html:9") == "public"
    assert site_of("intranet /") == "intranet"
    assert site_of("mail 2026-10/partners.html:3") == "public"
    assert site_of("mail 2026-10/staff.html") == "intranet"


@pytest.fixture(scope="module")
def features() -> dict:  # type: ignore[type-arg]
    if not CANIEMAIL.is_file():
        pytest.skip("node_modules/caniemail is not installed (npm ci)")
    return load_features(CANIEMAIL)


MAIL = """<!DOCTYPE html><html lang="nl"><head><style>@media (max-width: 480px) {
  .cell { padding: 0 !important; } }</style></head><body style="margin: 0">
<table role="presentation" width="600" style="max-width: 600px; table-layout: fixed">
<tr><td class="cell" style="padding: 8px; text-transform: uppercase">Tekst</td></tr></table>
{extra}</body></html>"""


def errors_of(html: str, features: dict) -> list[str]:  # type: ignore[type-arg]
    return [f"{f.rule} {f.message}" for f in check_mail("m.html", html, len(html), features)
            if f.level is Level.ERROR]


def test_courants_mail_techniques_have_their_fallbacks(features: dict) -> None:  # type: ignore[type-arg]
    assert errors_of(MAIL.replace("{extra}", ""), features) == []
    notes = [f for f in check_mail("m.html", MAIL.replace("{extra}", ""), 100, features)
             if f.level is Level.NOTE]
    assert any(f.rule == "css-max-width" and "width-attribuut" in f.message for f in notes)


def test_unsupported_features_without_fallback_fail_per_client(features: dict) -> None:  # type: ignore[type-arg]
    flex = errors_of(MAIL.replace("{extra}", '<div style="display:flex">x</div>'), features)
    assert any(e.startswith("css-display-flex") and "werkt niet in Outlook (Windows)" in e
               and e.endswith("en er is geen terugval") for e in flex), flex
    no_width = errors_of(MAIL.replace("{extra}", '<img src="https://x/a.png" alt="a" '
                                      'style="max-width: 100%">'), features)
    assert any(e.startswith("css-max-width") and "Outlook (Windows)" in e for e in no_width)
    svg = errors_of(MAIL.replace("{extra}", '<img src="https://x/logo.svg" alt="logo" '
                                 'width="40">'), features)
    assert any(e.startswith("image-svg") for e in svg)


def test_a_mail_at_gmails_limit_fails(features: dict) -> None:  # type: ignore[type-arg]
    found = check_mail("2026-10/staff.html", "<p>x</p>", 102_000, features)
    assert [f.rule for f in found if f.level is Level.ERROR] == ["te-groot"]
    assert not [f for f in check_mail("m", "<p>x</p>", 101_999, features)
                if f.rule == "te-groot"]


def test_what_a_mail_uses() -> None:
    uses = {u.slug for u in uses_of('<p style="border-top: 1px solid #ccc; color: rgb(0,0,0)">'
                                    '<a href="mailto:a@b.nl">a</a><a href="#top">t</a></p>')}
    assert {"css-border-top", "css-unit-px", "css-rgb", "html-mailto-links",
            "html-anchor-links", "html-p"} <= uses
