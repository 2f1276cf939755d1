"""check/accessibility.py: alt texts, link texts, bare addresses, headings and intranet links,
seen by `courant check` with file and line (warnings)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from click.testing import CliRunner

from courant.check.accessibility import (
    alt_warnings,
    body_warnings,
    heading_warnings,
    intranet_link_warnings,
    link_text_warnings,
)
from courant.cli import main
from courant.model import Audience, Update
from courant.read.files import RawSource

BODY = """Eerste alinea met een [goede link](https://www.waalstad.nl/regeling).

## Een kop

![](../media/foto.jpg)

![IMG_2031.jpg](../media/IMG_2031.jpg)

Meer weten? [Klik hier](https://www.waalstad.nl/x) of [lees meer](../updates/y.md).

Zie https://www.waalstad.nl/los en <https://www.waalstad.nl/auto>.

#### Te diep

# Tweede titel

```
[klik hier](code.md) telt niet: dit is code
```
<img src="x.png"> en <img src="y.png" alt=""> (versiering)
"""


def messages(body: str, first_line: int = 1) -> list[str]:
    return [f"{p.line}: {p.message}" for p in body_warnings("content/updates/x.md", body,
                                                            first_line)]


def test_every_kind_of_problem_with_its_line() -> None:
    found = messages(BODY, first_line=10)
    assert found == [
        "14: de alt-tekst van foto.jpg is leeg; beschrijf in een zin wat er op de afbeelding "
        "te zien is",
        "16: de alt-tekst van IMG_2031.jpg is een bestandsnaam ('IMG_2031.jpg'); een "
        "schermlezer leest die voor. Beschrijf wat er te zien is",
        "18: de linktekst 'Klik hier' zegt niet waar de link heen gaat (wie met een "
        "schermlezer alle links opsomt, hoort alleen 'Klik hier'); schrijf bijvoorbeeld "
        "[aanmelden voor de training](…)",
        "18: de linktekst 'lees meer' zegt niet waar de link heen gaat (wie met een "
        "schermlezer alle links opsomt, hoort alleen 'lees meer'); schrijf bijvoorbeeld "
        "[aanmelden voor de training](…)",
        "20: de link <https://www.waalstad.nl/auto> toont alleen het webadres; schrijf "
        "[waar de link heen gaat](https://www.waalstad.nl/auto)",
        "20: 'https://www.waalstad.nl/los' is een los webadres: het wordt geen link en een "
        "schermlezer leest het letter voor letter voor; schrijf [waar de link heen "
        "gaat](https://www.waalstad.nl/los)",
        "22: de kop springt van niveau 2 naar 4 (####); een schermlezer mist dan een niveau: "
        "schrijf ###",
        "24: een kop met één # is even belangrijk als de titel; de titel is de enige hoofdkop "
        "van de pagina: begin kopjes met ##",
        "29: <img> x.png heeft geen alt-tekst; schrijf alt=\"wat er te zien is\" (of alt=\"\" "
        "als het alleen versiering is)",
    ]


def test_a_body_that_starts_below_level_two_skips_a_level() -> None:
    assert messages("### Wat doe je precies?\n\nIk help inwoners.\n") == [
        "1: de kop springt van niveau 1 naar 3 (###); een schermlezer mist dan een niveau: "
        "schrijf ##"]
    assert messages("## Eerst\n\n### Dan\n\n## Weer\n\n### En\n") == []


def test_alt_texts() -> None:
    def warned(alt: str, name: str = "portret-sanne.jpg") -> bool:
        return bool(alt_warnings("f.md", alt, name, 3, key="image_alt"))

    assert warned("")
    assert warned("portret-sanne.jpg") and warned("portret-sanne") and warned("DSC_0042")
    assert warned("Foto") and warned("afbeelding.")
    assert not warned("Sanne Bakker lacht in de camera, achter haar de balie")
    problem = alt_warnings("content/interviews/s.md", "foto", "s.jpg", 11, key="image_alt")[0]
    assert str(problem) == ("content/interviews/s.md:11: (waarschuwing) image_alt: de "
                            "alt-tekst van s.jpg zegt alleen 'foto'; beschrijf wat er te zien "
                            "is, bijvoorbeeld 'Twee collega's aan de balie van het "
                            "stadskantoor'")


def test_link_texts() -> None:
    for vague in ["hier", "Klik hier!", "**lees verder**", "Meer informatie", "click here"]:
        assert link_text_warnings("f.md", vague, 1), vague
    assert link_text_warnings("f.md", "www.waalstad.nl/regeling", 1)
    assert not link_text_warnings("f.md", "de regeling op waalstad.nl", 1)
    assert not link_text_warnings("f.md", "Hier vindt u de regeling voor mantelzorgers", 1)


def test_an_intranet_link_in_a_staff_passage_is_for_staff() -> None:
    body = ("Voor iedereen: [het rooster](https://intranet.waalstad.nl/rooster).\n\n"
            "::: medewerkers\nZie [de lijst](https://intranet.waalstad.nl/lijst).\n:::\n")
    item = Update(source=PurePosixPath("content/updates/u.md"), slug="u", title="U", body=body,
                  audience=Audience.ALL, department="wi")
    raw = RawSource(item.source, item.kind, {}, body, {}, 6)
    warned = intranet_link_warnings(item, raw, "intranet.waalstad.nl")
    assert [(p.line, "rooster" in p.message) for p in warned] == [(6, True)]


def test_headings_in_order() -> None:
    assert not heading_warnings("f.md", 2, 1, 5)
    assert not heading_warnings("f.md", 2, 4, 5)  # back up any number of levels
    assert heading_warnings("f.md", 3, 1, 5)


def test_courant_check_shows_them_with_file_and_line(demo: Path) -> None:
    (demo / "content" / "updates" / "toegankelijk.md").write_text(
        "---\ntitle: Toegankelijk\ndate: 2026-11-02\ndepartment: wi\n---\n"
        "Eerste regel.\n\n[Klik hier](https://www.waalstad.nl/x) voor meer.\n", "utf-8")
    (demo / "content" / "agenda" / "partners-sessie.md").write_text(
        "---\ntitle: Sessie\nstart: 2026-12-02\naudience: partners\n"
        "registration: https://intranet.waalstad.nl/aanmelden/sessie\n---\nWelkom.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--map", str(demo)])
    assert result.exit_code == 0, result.output
    assert ("content/updates/toegankelijk.md:8: (waarschuwing) de linktekst 'Klik hier' zegt "
            "niet waar de link heen gaat") in result.output
    assert ("content/agenda/partners-sessie.md:5: (waarschuwing) registration: "
            "'https://intranet.waalstad.nl/aanmelden/sessie' staat op het intranet: partners "
            "zien deze link wel, maar kunnen hem niet openen") in result.output
    strict = CliRunner().invoke(main, ["check", "--strict", "--map", str(demo)])
    assert strict.exit_code == 1
