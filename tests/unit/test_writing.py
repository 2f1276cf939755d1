"""writing.py: B1 help in `courant check` (warnings; --strict makes them fail)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from courant.build import pipeline
from courant.build.cache import Cache
from courant.check import writing
from courant.check.writing import (
    analyse,
    flesch_douma,
    image_warnings,
    sentences_of,
    split_sentences,
    summary_warnings,
    syllables,
    text_warnings,
)
from courant.cli import main
from courant.problems import ContentError

SHORT = "De bus komt om negen uur. Je kunt instappen bij het stadskantoor. Neem je pas mee. "
LONG = ("Wie een aanvraag voor bijzondere bijstand indient, moet daarbij niet alleen de "
        "bankafschriften van de afgelopen drie maanden meesturen maar ook een kopie van het "
        "huurcontract en de laatste loonstrook.")


def test_syllables_from_the_dutch_dictionary() -> None:
    assert syllables("gemeentelijke") == 5
    assert syllables("vrijwilligersorganisaties") == 9
    assert syllables("2026") == 1
    assert syllables("Wmo-loket") == 3


def test_flesch_douma_formula() -> None:
    # Douma: 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word)
    assert flesch_douma(100, 10, 150) == pytest.approx(206.835 - 9.3 - 115.5)


def test_sentences_split_but_not_after_abbreviations() -> None:
    text = "Kom bijv. om tien uur. Dat is o.a. handig. Vraag het Dhr. Jansen! Klaar?"
    assert [s for _, s in split_sentences(text)] == [
        "Kom bijv. om tien uur.", "Dat is o.a. handig.", "Vraag het Dhr. Jansen!", "Klaar?"]


def test_an_abbreviation_is_found_however_long_the_word_before_it() -> None:
    text = ("Wacht..........  Dan verder. Het is 12 uur a.s. Maandag. Zie drs. Pieters. Kijk "
            "naar\u00a0nr. 5 en vrijwilligersorganisaties. Klaar")
    assert [s for _, s in split_sentences(text)] == [
        "Wacht..........", "Dan verder.", "Het is 12 uur a.s. Maandag.",
        "Zie drs. Pieters.", "Kijk naar\u00a0nr. 5 en vrijwilligersorganisaties.", "Klaar"]


def test_only_the_sentences_far_above_b1_are_kept_with_every_word_counted() -> None:
    text = SHORT + "Vrijwilligersorganisaties helpen. Wij spreken met Arbeidsongeschiktheidsfonds."
    result = analyse(text)
    assert result.sentences == 5 and result.words == len(writing.words_of(text))
    # the name (a capital inside the sentence) is no fault of the editor's
    assert [(s.text, s.long_words) for s in result.hard] == [
        ("Vrijwilligersorganisaties helpen.", ("Vrijwilligersorganisaties",))]
    assert [s.far_above_b1 for s in sentences_of(text)] == [False] * 3 + [True, False]


def test_score_only_for_texts_long_enough() -> None:
    assert analyse(SHORT).score is None
    plain = analyse(SHORT * 4)
    assert plain.score is not None and plain.score > 80
    hard = analyse((LONG + " ") * 3)
    assert hard.score is not None and hard.score < writing.B1_SCORE


def test_long_sentences_and_words_with_their_lines() -> None:
    body = ("# Kop met een heel lang woord: arbeidsongeschiktheidsverzekering\n\n"
            f"{SHORT}\n\n"
            "Een zin\nover twee regels met vrijwilligersorganisaties erin.\n\n"
            "```\n" + LONG + "\n```\n\n"
            "| tabel | " + LONG + " |\n\n"
            f"- {LONG}\n")
    hard = analyse(body).hard
    assert [(s.line, s.words, s.long_words) for s in hard] == [
        (5, 8, ("vrijwilligersorganisaties",)), (14, 30, ())]


def test_markdown_is_read_as_prose() -> None:
    body = ("Lees [de regels](https://example.org/heel/lang) of https://example.org/x en "
            "**let op** `code`. ![foto](a.jpg){ .groot }")
    (sentence,) = sentences_of(body)
    assert sentence.text == "Lees de regels of  en let op ."


def test_html_bare_addresses_and_underscores_are_left_out_of_the_prose() -> None:
    body = "Kijk op www.waalstad.nl of <b>hier</b> bij __het loket__ {: .klein }"
    (sentence,) = sentences_of(body)
    assert sentence.text == "Kijk op  of hier bij het loket"


def test_the_score_counts_every_word_of_every_sentence_once() -> None:
    text = SHORT * 3 + LONG
    result = analyse(text)
    words = writing.words_of(text)
    assert result.words == len(words) and result.sentences == 10
    assert result.score == round(flesch_douma(len(words), 10, sum(map(syllables, words))), 1)


def test_text_warnings_word_for_word() -> None:
    warnings = text_warnings("content/updates/x.md", f"{SHORT}\n\n{LONG}\n", 7)
    assert [str(w) for w in warnings] == [
        'content/updates/x.md:9: (waarschuwing) de zin "Wie een aanvraag voor bijzondere '
        'bijstand indient, moet daar…" is 30 woorden lang; knip hem in tweeën (op '
        "B1-niveau is een zin liefst hooguit 15 tot 20 woorden)"]
    low = text_warnings("content/updates/y.md", (LONG + "\n") * 3, 5)
    assert str(low[0]).startswith("content/updates/y.md:5: (waarschuwing) leesbaarheid ")
    assert str(low[0]).endswith("(Flesch-Douma); voor B1 is 60 of hoger het doel. Maak zinnen "
                                "korter en kies kortere, gewone woorden")


def test_summary_over_300_characters() -> None:
    assert summary_warnings("a.md", "x" * 300, 4) == []
    (warning,) = summary_warnings("a.md", "x" * 301, 4)
    assert str(warning) == ("a.md:4: (waarschuwing) summary: is 301 tekens lang; houd de "
                            "samenvatting onder 300 tekens (één of twee korte zinnen): de "
                            "nieuwsbrief en de feeds tonen hem helemaal")


def test_images_too_small_or_too_heavy(tmp_path: Path) -> None:
    small = tmp_path / "klein.jpg"
    Image.new("RGB", (599, 400), "white").save(small)
    fine = tmp_path / "goed.jpg"
    Image.new("RGB", (600, 400), "white").save(fine)
    heavy = tmp_path / "zwaar.png"
    Image.frombytes("RGB", (1000, 800), os.urandom(1000 * 800 * 3)).save(heavy)
    assert heavy.stat().st_size > writing.IMAGE_MAX_BYTES
    assert image_warnings("a.md", fine, 3) == []
    assert [str(w) for w in image_warnings("a.md", small, 3)] == [
        "a.md:3: (waarschuwing) image: klein.jpg is maar 599 pixels breed; hij wordt groot "
        "getoond (op de pagina en in de nieuwsbrief) en wordt dan wazig: kies een afbeelding "
        "van minstens 600 pixels breed"]
    (too_heavy,) = image_warnings("a.md", heavy, 3)
    assert str(too_heavy).startswith("a.md:3: (waarschuwing) image: zwaar.png is 2,")
    assert "MB; maak de afbeelding kleiner dan 2 MB" in str(too_heavy)


def _put(demo: Path, relative: str, text: str) -> None:
    (demo / relative).parent.mkdir(parents=True, exist_ok=True)
    (demo / relative).write_text(text, encoding="utf-8")


def test_check_reports_file_and_line_and_strict_fails(demo: Path) -> None:
    _put(demo, "content/updates/lang.md", "---\ntitle: Lang\ndate: 2026-11-02\ndepartment: wi\n"
         f"summary: {'x' * 310}\n---\n\n{SHORT}\n\n{LONG}\n")
    warnings = [str(w) for w in pipeline.check(pipeline.Project(demo))]
    assert any(w.startswith("content/updates/lang.md:5: (waarschuwing) summary: is 310 tekens")
               for w in warnings)
    assert any(w.startswith('content/updates/lang.md:10: (waarschuwing) de zin "Wie een')
               for w in warnings)
    assert any("content/agenda/2026/netwerkbijeenkomst-november.md:10: (waarschuwing) "
               "leesbaarheid" in w for w in warnings)  # the demo's own
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--map", str(demo)]).exit_code == 0
    strict = runner.invoke(main, ["check", "--strict", "--map", str(demo)])
    assert strict.exit_code == 1
    assert "met --strict telt dat als fout" in strict.output


def test_writing_warnings_come_with_the_errors(demo: Path) -> None:
    """One check says everything: the text of a file whose front matter has an error (no
    department) is checked too, not only after the error is mended."""
    _put(demo, "content/updates/fout.md", f"---\ntitle: Fout\ndate: 2026-11-02\n---\n\n{LONG}\n")
    with pytest.raises(ContentError) as raised:
        pipeline.check(pipeline.Project(demo))
    mine = [p for p in raised.value.problems if p.file == "content/updates/fout.md"]
    assert [p.key for p in mine if p.is_error] == ["department"]
    assert [p for p in mine if not p.is_error and "de zin" in p.message]


def test_analyses_come_from_the_cache_the_second_time(demo: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = [str(w) for w in pipeline.check(pipeline.Project(demo))]
    assert (demo / ".cache" / "courant" / "writing.pickle").is_file()

    def fail(text: str) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(pipeline, "analyse", fail)  # what the pipeline keeps on the shelf
    assert [str(w) for w in pipeline.check(pipeline.Project(demo))] == first
    with pytest.raises(AssertionError, match="analysed again"):  # --no-cache: scored afresh
        pipeline.check(pipeline.Project(demo), cache=Cache.off())
