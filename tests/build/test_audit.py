"""`courant audit` on the built demo: it passes; and each kind of defect, planted in a copy of
the built files, makes it fail with a message that names the page and the rule.

Two audits in all (one browser each, vnu once each): the clean demo, and one copy with every
defect planted at once; each test then looks for its own finding.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, copy_project
from courant.audit.findings import Audit, Finding, Level
from courant.audit.run import AuditSetupError, find_tools, run_audit
from courant.audit.statement import write_record
from courant.audit.targets import SINGLES
from courant.cli import main
from courant.read.statement import read_record
from courant.render.site.statement import statement_page

# one worker runs this file (scripts/test.sh: --dist loadfile), so each audit runs once
pytestmark = pytest.mark.browser

@pytest.fixture(scope="session")
def tools() -> None:
    try:
        find_tools(ROOT)
    except AuditSetupError as error:
        pytest.skip(f"courant audit cannot run here: {error}")


@pytest.fixture(scope="session")
def clean(demo_dist: Path, tools: None) -> Audit:
    return run_audit(demo_dist.parent)


def errors(audit: Audit | dict[str, Any]) -> list[Finding]:
    if isinstance(audit, Audit):
        return [f for check in audit.checks for f in check.of(Level.ERROR)]
    return [Finding(**{**f, "level": Level(f["level"])}) for check in audit["checks"]
            for f in check["findings"] if f["level"] == Level.ERROR]


def test_the_demo_passes_every_check(clean: Audit) -> None:
    unexpected = [f.as_text() for f in errors(clean)]
    assert unexpected == []
    assert {c.key for c in clean.checks} == {"toegankelijkheid", "html", "links", "verzoeken",
                                             "mail"}
    for key in ("toegankelijkheid", "html", "verzoeken", "mail"):
        assert next(c for c in clean.checks if c.key == key).passed, key


def test_every_page_type_of_both_sites_and_both_mails_were_opened(clean: Audit) -> None:
    kinds = {(t.site, t.kind) for t in clean.targets}
    for site in ("intranet", "public"):
        for kind in [*SINGLES.values(), "Nieuwsbericht", "Nieuwsoverzicht", "Agenda",
                     "Bijeenkomst", "Boekenkast", "Tip uit de Boekenkast", "Collega in beeld",
                     "Afdelingen", "Afdelingspagina", "Nieuwsbrief: webversie", "Vaste pagina",
                     "Overzicht Collega in beeld", "Onderwerpen", "Onderwerp"]:
            assert (site, kind) in kinds, (site, kind)
    # the programme's page types: series on both sites; advisers and booklets are staff-only
    # in the demo
    new = {("intranet", k) for k in ("Reeks", "Reeksen", "Vraagbaak", "Vraagbaken", "Boekje",
                                     "Boekjes")} | {("public", "Reeks"), ("public", "Reeksen")}
    assert new <= kinds, new - kinds
    assert {t.kind for t in clean.targets if t.site == "mail"} == {"Mail medewerkers",
                                                                   "Mail partners"}
    assert len(clean.weights) == len(clean.targets)
    home = next(w for w in clean.weights if w.target.name == "intranet /")
    assert home.html > 1000 and home.css > 10_000 and home.js > 10_000  # Material's own files
    assert "fonts.googleapis.com" not in json.dumps(clean.as_dict())


def test_only_material_markup_is_excused_and_each_excuse_has_a_reason(clean: Audit) -> None:
    theme = [f for check in clean.checks for f in check.of(Level.THEME)]
    assert theme and all(f.fix for f in theme)
    assert {f.rule for f in theme} <= {"html", "ontbreekt"}
    assert all('class="md-toggle"' in f.element or f.element.endswith("/sitemap.xml")
               or ('class="md-nav__link' in f.element and 'tabindex=""' in f.element)
               for f in theme)


def test_mail_fallbacks_are_listed_not_failed(clean: Audit) -> None:
    mail = next(c for c in clean.checks if c.key == "mail")
    notes = {f.rule for f in mail.of(Level.NOTE) if "terugval" in f.message}
    assert {"css-max-width", "css-at-media", "css-border-radius"} <= notes
    assert "grootste" in mail.tested and "van 102.000" in mail.tested


# --- planted defects ---------------------------------------------------------------------------

PLANTS = {  # file below dist/ -> (what to find, what to put before it)
    "intranet/index.html": ("</article>", '<p><img src="media/banenmarkt.w600.jpg" width="60" '
                            'height="40"></p><p style="color: #c8c8c8">Lichtgrijze tekst</p>'),
    "public/index.html": ("</article>", "<blink>Nieuw!</blink>"),
    "public/nieuws/index.html": ("</article>", '<p><a href="../bestaat-niet/">Weg</a></p>'),
    "public/agenda/index.html": ("</article>", '<p><a href="https://intranet.waalstad.nl/'
                                 'sociaal-domein/nieuws/">Intranet</a></p>'),
    "intranet/nieuws/index.html": ("</head>", '<link rel="stylesheet" '
                                   'href="https://fonts.googleapis.com/css?family=Roboto">'),
    "mail/2026-10/partners.html": ("</body>", '<div style="display: flex">Twee kolommen</div>'),
    # readable on white, not on the dark scheme's ground: found only in the dark scheme
    "public/boekenkast/index.html": ("</article>", '<p style="color: #0b5394">Donkerblauw</p>'),
}


@pytest.fixture(scope="session")
def planted(demo_dist: Path, tools: None,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    """A copy of the built demo with one defect of every kind; `courant audit --verklaring`
    run on it: (project, the report, dist/audit.json)."""
    root = copy_project(tmp_path_factory.mktemp("planted") / "demo")
    dist = root / "dist"
    shutil.copytree(demo_dist, dist)
    for name, (marker, addition) in PLANTS.items():
        path = dist / name
        html = path.read_text("utf-8")
        assert marker in html, name
        path.write_text(html.replace(marker, addition + marker, 1), "utf-8")
    big = dist / "mail" / "2026-09" / "staff.html"
    big.write_text(big.read_text("utf-8").replace(
        "</body>", "<!--" + "x" * 110_000 + "--></body>"), "utf-8")
    (dist / "mail" / "2026-09" / "partners.html").unlink()
    result = CliRunner().invoke(main, ["audit", "--verklaring", "--map", str(root)])
    assert result.exit_code == 1, result.output
    return root, result.output, json.loads((dist / "audit.json").read_text("utf-8"))


def found(planted: tuple[Path, str, dict[str, Any]], rule: str, where: str) -> Finding:
    matches = [f for f in errors(planted[2]) if f.rule == rule and f.where.startswith(where)]
    assert matches, f"no {rule} at {where}: {[f.as_text() for f in errors(planted[2])]}"
    assert matches[0].as_text() in planted[1]  # the report shows it
    return matches[0]


def test_the_report_has_a_summary_line_per_check_and_fails(planted: Any) -> None:
    report = planted[1]
    for title in ("Toegankelijkheid (axe-core", "HTML (Nu Html Checker", "Links en afbeeldingen",
                  "Verzoeken aan derden", "Mail in Outlook (Windows), Gmail en Apple Mail"):
        assert f"FOUT  {title}" in report, title
    assert "Resultaat: NIET geslaagd" in report
    assert "Gewicht per pagina" in report and "intranet nieuws/" in report


def test_colours_are_checked_in_the_dark_scheme_too(planted: Any) -> None:
    finding = found(planted, "color-contrast", "public boekenkast/ (donkere weergave)")
    assert "Donkerblauw" in finding.element
    light = [f for f in errors(planted[2]) if f.where == "public boekenkast/"
             and "Donkerblauw" in f.element]
    assert light == []  # on the light ground the same blue passes


def test_missing_alt_and_low_contrast_fail_in_axe(planted: Any) -> None:
    image = found(planted, "image-alt", "intranet /")
    assert "banenmarkt.w600.jpg" in image.element and image.fix
    contrast = found(planted, "color-contrast", "intranet /")
    assert "Lichtgrijze tekst" in contrast.element and "#c8c8c8" in contrast.fix


def test_invalid_html_fails_in_vnu_as_courants_own(planted: Any) -> None:
    finding = found(planted, "html", "public/index.html:")
    assert "blink" in finding.message


def test_a_broken_internal_link_fails(planted: Any) -> None:
    finding = found(planted, "kapotte-link", "public nieuws/index.html:")
    assert "bestaat-niet" in finding.message and "dist/public/bestaat-niet" in finding.message


def test_a_public_link_into_the_intranet_fails(planted: Any) -> None:
    finding = found(planted, "link-naar-intranet", "public agenda/index.html:")
    assert "intranet.waalstad.nl/sociaal-domein/nieuws/" in finding.message


def test_a_request_to_a_third_party_fails(planted: Any) -> None:
    finding = found(planted, "derde-partij", "intranet nieuws/")
    assert finding.element.startswith("https://fonts.googleapis.com/css")


def test_an_unsupported_mail_feature_without_fallback_fails(planted: Any) -> None:
    finding = found(planted, "css-display-flex", "mail 2026-10/partners.html:")
    assert "Outlook (Windows)" in finding.message and "geen terugval" in finding.message


def test_an_oversized_mail_fails(planted: Any) -> None:
    finding = found(planted, "te-groot", "mail 2026-09/staff.html")
    assert "102.000 bytes" in finding.message


def test_a_published_issue_without_its_mail_fails(planted: Any) -> None:
    found(planted, "mail-ontbreekt", "mail 2026-09/partners.html")


def test_the_statement_shows_each_site_its_own_findings(planted: Any, clean: Audit) -> None:
    root = planted[0]
    record = read_record(root)
    assert record is not None and record["date"] == "2026-11-22"
    public = statement_page(record, "public", "Sociaal Domein Waalstad", "r@waalstad.nl").markdown
    intranet = statement_page(record, "intranet", "Sociaal Domein", None).markdown
    assert "Op 22 november 2026 is deze site automatisch getest" in public
    assert "axe-core 4.14.1" in public and "Nu Html Checker" in public
    assert "bestaat-niet" in public and "fonts.googleapis.com" not in public
    assert "fonts.googleapis.com" in intranet and "bestaat-niet" not in intranet
    intranet_only = {t.path.removesuffix("index.html") for t in clean.targets
                     if t.site == "intranet"} - {t.path.removesuffix("index.html")
                                                 for t in clean.targets if t.site == "public"}
    assert intranet_only and not any(path and path in public for path in intranet_only)
    assert "mailto:r@waalstad.nl" in public


def test_the_next_build_shows_the_statement_on_both_sites(clean: Audit, tmp_path: Path) -> None:
    from courant.build import pipeline

    root = copy_project(tmp_path / "project")
    write_record(root, clean)
    pipeline.build(pipeline.Project(root))
    for site in ("intranet", "public"):
        html = (root / "dist" / site / "toegankelijkheid" / "index.html").read_text("utf-8")
        html = html[html.index("<article"):html.index("</article>")]
        assert "Toegankelijkheid" in html and "22 november 2026" in html
        for part in ("Verklaring", "Status: C (eerste maatregelen genomen)", "31 maart 2027",
                     "Wat we hebben gedaan", "Wat nog niet goed is", "Iets werkt niet?",
                     "Niet tevreden?"):  # the model statement of digitoegankelijk.nl
            assert part in html, (site, part)
        assert "autocomplete" not in html and "sitemap" not in html  # not for developers
        assert ("Loopt u" if site == "public" else "Loop je") in html  # the site's words
        assert 'href="toegankelijkheid/"' in (root / "dist" / site / "index.html").read_text(
            "utf-8")  # in every page's footer
