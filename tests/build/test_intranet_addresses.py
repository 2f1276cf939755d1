"""An intranet address typed in what partners see names an intranet page (its slug is the file
name of a source, often a staff-only one), and partners cannot open it: a link to a staff item
written as its intranet URL would pass every rule for editors' links, which are relative. So
partner-visible text (body, summary, every front matter value, forewords) may name the
intranet's address only as the address itself; a page under it is an error naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from courant.build import pipeline
from courant.problems import ContentError

STAFF_PAGE = "https://intranet.waalstad.nl/sociaal-domein/nieuws/lektoken-upddef/"
PARTNER_ITEM = """---
title: Bericht paritem-intranet-title
date: 2026-11-07
department: wi
audience: {audience}
summary: {summary}
---
Eerste alinea.

{body}
"""


def project(tmp_path: Path, body: str, audience: str = "partners",
            summary: str = "Samenvatting.") -> Path:
    root = copy_project(tmp_path / "p", content_from=FIXTURES / "leak")
    (root / "content" / "updates" / "intranet-adres.md").write_text(
        PARTNER_ITEM.format(audience=audience, summary=summary, body=body), encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        pipeline.load(pipeline.Project(root))
    return [str(p) for p in raised.value.problems
            if p.message.startswith("noemt een adres op het intranet")]


@pytest.mark.parametrize("body", [
    f"Een autolink <{STAFF_PAGE}>.",
    f"Een link [de reorganisatie]({STAFF_PAGE}).",
    f"Kaal getypt: {STAFF_PAGE}",
    f'Ruw: <a href="{STAFF_PAGE}">tekst</a>.',
    "Met entiteiten: <a href=\"https://intranet.waalstad.nl&#47;sociaal-domein/nieuws/"
    "lektoken-upddef/\">tekst</a>.",
    "Zonder schema: intranet.waalstad.nl/sociaal-domein/nieuws/lektoken-upddef/",
    "[a][r]\n\n[r]: HTTP://Intranet.Waalstad.NL/sociaal-domein/nieuws/lektoken-upddef/",
])
def test_an_intranet_page_in_a_partner_body_stops_the_build(tmp_path: Path, body: str) -> None:
    found = problems_of(project(tmp_path, body))
    line = 10 + body.count("\n")  # the body's first line is 8
    assert len(found) == 1
    assert found[0].startswith(f"content/updates/intranet-adres.md:{line}: ")


def test_in_a_summary_and_a_foreword_too(tmp_path: Path) -> None:
    root = project(tmp_path, "Tekst.", summary=STAFF_PAGE)
    foreword = root / "newsletter" / "2026-11.md"
    foreword.write_text(foreword.read_text("utf-8") + f"\nZie <{STAFF_PAGE}>.\n", "utf-8")
    found = problems_of(root)
    assert [p.split(": ")[0] for p in found] == ["content/updates/intranet-adres.md:6",
                                                 f"newsletter/2026-11.md:{_lines(foreword)}"]


def _lines(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


@pytest.mark.parametrize("body", [
    "Medewerkers vinden alles op https://intranet.waalstad.nl/sociaal-domein/ .",
    "Het intranet: <https://intranet.waalstad.nl/sociaal-domein/#nieuws>.",
    "Een andere site: https://www.waalstad.nl/sociaal-domein/nieuws/x/",
])
def test_the_intranet_itself_and_other_sites_may_be_named(tmp_path: Path, body: str) -> None:
    pipeline.load(pipeline.Project(project(tmp_path, body)))


def test_a_staff_item_may_name_intranet_pages(tmp_path: Path) -> None:
    pipeline.load(pipeline.Project(project(tmp_path, f"<{STAFF_PAGE}>", audience="staff")))


def test_an_intranet_page_in_a_staff_passage_is_for_staff(tmp_path: Path) -> None:
    """Partners never see a staff passage (`::: medewerkers`): its addresses are no error."""
    pipeline.load(pipeline.Project(project(
        tmp_path, f"::: medewerkers\nIntern: <{STAFF_PAGE}>\n:::\n\nVoor iedereen.")))
