"""render/site/statement.py: the page Toegankelijkheid in the form of the Dutch model statement
(digitoegankelijk.nl), its status from what mkdocs.yml declares and the last audit's date."""

from __future__ import annotations

from datetime import date

import pytest

from courant.render.site.statement import Declared, statement_page, status_of

RECORD = {"format": 1, "date": "2026-11-22", "tools": {"axe-core": "4.14.1"},
          "sites": {"public": {"page_types": ["Home", "Collega in beeld",
                                              "Wie benader je waarvoor"],
                               "checks": [{"title": "Toegankelijkheid", "errors": 0}],
                               "errors": [], "exceptions": [{"reason": "Material's autocomplete"}],
                               "mails": True}}}
TESTED = date(2026, 11, 22)


@pytest.mark.parametrize(("declared", "status"), [
    (Declared("Gemeente", "https://x/", planned="2027-03-31"), "C"),  # within six months
    (Declared("Gemeente", "https://x/", planned="2027-12-31"), "D"),  # too far off
    (Declared("Gemeente", "https://x/"), "D"),  # nothing planned
    (Declared("Gemeente", "https://x/", status="B", research="2026-06-01"), "B"),
])
def test_the_status_follows_the_model(declared: Declared, status: str) -> None:
    assert status_of(declared, TESTED) == status


def test_the_partner_page_has_the_models_parts_in_partners_words() -> None:
    declared = Declared("Gemeente Waalstad", "https://sociaaldomein.waalstad.nl/",
                        email="toegankelijk@waalstad.nl", phone="14 0488",
                        planned="2027-03-31", approved_by="de directeur Sociaal Domein")
    page = statement_page(RECORD, "public", "Sociaal Domein voor partners", declared).markdown
    for part in ("## Verklaring", "## Status: C (eerste maatregelen genomen)",
                 "gepland voor 31 maart 2027", "## Datum", "22 november 2026",
                 "goedgekeurd door de directeur Sociaal Domein", "## Wat we hebben gedaan",
                 "## Wat nog niet goed is", "## Iets werkt niet?",
                 "[toegankelijk@waalstad.nl](mailto:toegankelijk@waalstad.nl)",
                 "[14 0488](tel:140488)", "## Niet tevreden?", "Nationale ombudsman",
                 "Mensen in beeld", "Wie benadert u waarvoor", "Loopt u"):
        assert part in page, part
    for developers in ("autocomplete", "Material", "sitemap", "Collega in beeld", " je "):
        assert developers not in page, developers


def test_a_status_a_names_the_research_and_an_untested_site_says_so() -> None:
    declared = Declared("Gemeente Waalstad", "https://intranet/", status="A",
                        research="2026-06-01", report="https://x/rapport.pdf")
    page = statement_page({"format": 1, "date": "2026-11-22", "sites": {}}, "intranet",
                          "Intranet", declared).markdown
    assert "## Status: A (voldoet volledig)" in page
    assert "1 juni 2026 ([het rapport](https://x/rapport.pdf))" in page
    assert "Deze site is nog niet getest" in page and "leidinggevende" in page
