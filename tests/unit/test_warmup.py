"""build/warmup.py: the writing scores made in a second process change no warning, leave
every text read scored for the writing check, and never take longer than the reading."""

from __future__ import annotations

import gc
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from courant import markup
from courant.build import pipeline, warmup, workers
from courant.build.cache import Cache, digest
from courant.build.warmup import texts_of
from courant.build.workers import Child
from courant.check.accessibility import body_findings
from courant.check.writing import Readability, analyse
from courant.markup import use_dialect
from courant.problems import Problems
from courant.read.config import load_config
from courant.read.files import markdown_body, read_markdown, read_sources, text_files
from courant.read.validate import text_links

sys.path.insert(0, str(ROOT / "scripts"))
from slowinput import CASES, body


def warnings(root: Path) -> list[str]:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return [str(problem) for problem in pipeline.load(pipeline.Project(root)).warnings]


def test_the_same_warnings_with_and_without_warming_up(demo: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 10**9)
    alone = warnings(demo)
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    scored: list[str] = []
    monkeypatch.setattr(pipeline, "analyse", lambda text: scored.append(text))  # never called
    monkeypatch.setattr(pipeline, "body_findings", lambda text: scored.append(text))
    assert warnings(demo) == alone
    assert scored == []  # the checks found every text already scored, and looked through
    assert len(Cache.at(demo).shelf("writing").kept) > 10
    assert len(Cache.at(demo).shelf("a11y").kept) > 10


def test_the_same_warnings_when_a_share_of_new_texts_is_scored_beside(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some texts scored already (the shelf is not empty): the new ones are scored once the
    sources are read, a share in the second process."""
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 10**9)
    warnings(demo)
    for number, path in enumerate(sorted((demo / "content" / "updates").rglob("*.md"))[:6]):
        path.write_text(path.read_text(encoding="utf-8") + f"\nNieuwe zin {number}.\n",
                        encoding="utf-8")
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    started: list[object] = []

    def in_child(work: Callable[..., object], *args: object) -> Child[object]:
        started.append(work)
        return workers.in_child(work, *args)

    monkeypatch.setattr(warmup, "in_child", in_child)
    scored = [str(problem) for problem in pipeline.load(pipeline.Project(demo)).warnings]
    assert started == [warmup._scored]  # beside, not ahead: the shelf held scores
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 10**9)
    assert scored == warnings(demo)


def test_the_body_read_ahead_is_the_body_read_with_the_front_matter(demo: Path) -> None:
    sources = read_sources(demo, Problems())
    assert [markdown_body(demo / raw.path) for raw in [*sources.items, *sources.issues]] == \
        texts_of(sources)
    assert {name for _path, name in text_files(demo)} == {
        str(raw.path) for raw in [*sources.items, *sources.issues]}


def summed(found: Readability | None) -> object:  # the hard sentences: all a pickle holds
    return None if found is None else (found.score, found.words, found.hard)


def test_a_failed_check_stops_the_second_process_and_keeps_no_score(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C (or any error) while the sources are checked: the process scoring texts
    beside the check ends with it, and the shelf is left as it was."""
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    started: list[Child[object]] = []

    def in_child(*args: object) -> Child[object]:
        started.append(workers.in_child(*args))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(warmup, "in_child", in_child)
    shelf = Cache.off().shelf("writing")
    with pytest.raises(KeyboardInterrupt), warmup.ChecksAhead(demo, shelf):
        raise KeyboardInterrupt
    (child,) = started
    assert child.process is not None and child.process.exitcode is not None
    assert shelf.used == {} and not shelf.changed


def test_the_texts_read_are_scored_ahead_and_the_rest_left_to_the_check(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing scored yet: the second process reads and scores every text before this one
    has read them; a text it did not read (here one of no file; a file saved meanwhile) is
    left to the check, which scores what the shelf lacks."""
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    shelf, findings = Cache.off().shelf("writing"), Cache.off().shelf("a11y")
    texts = texts_of(read_sources(demo, Problems()))
    findings.put(digest(texts[0]), (("kept", 1),))  # found before: left as it was
    with warmup.ChecksAhead(demo, shelf, findings) as scores:
        assert scores.ahead is not None
        scores.read([*texts, "Een tekst zonder bestand."])
    assert [summed(shelf.get(digest(text))) for text in texts] == [
        summed(analyse(text)) for text in texts]
    assert [findings.get(digest(text)) for text in texts] == [
        (("kept", 1),), *map(body_findings, texts[1:])]
    assert any(findings.get(digest(text)) for text in texts)  # the demo has findings
    assert shelf.get(digest("Een tekst zonder bestand.")) is None
    assert findings.get(digest("Een tekst zonder bestand.")) is None


def extensions(root: Path) -> object:
    return load_config(root / "mkdocs.yml").raw.get("markdown_extensions")


@pytest.fixture(autouse=True)
def dialect_kept() -> Iterator[None]:
    """The Markdown extensions in use are as they were after each test."""
    kept = list(markup._DIALECT)
    yield
    markup._DIALECT[:] = kept


def test_the_links_found_ahead_are_those_found_here(demo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    texts = texts_of(read_sources(demo, Problems()))
    use_dialect(extensions(demo))
    with warmup.ChecksAhead(demo, Cache.off().shelf("writing"), None,
                            extensions(demo)) as ahead:
        ahead.read(texts)
        assert [ahead.text_links(text) for text in texts] == list(map(text_links, texts))
        assert ahead.links is not None and set(map(digest, texts)) <= set(ahead.links)
        assert any(links for _unsafe, links in ahead.links.values())  # the demo links
        assert ahead.text_links("Geen [link](x.md) van een bestand.") == (
            (), ((1, "x.md", False),))  # not read ahead: found here


def test_links_found_with_other_markdown_extensions_are_not_used(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs.yml changed between the second process's reading and this one's: each text's
    links are found here."""
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    use_dialect(extensions(demo))
    with warmup.ChecksAhead(demo, Cache.off().shelf("writing"), None, ["footnotes"]) as ahead:
        text = texts_of(read_sources(demo, Problems()))[0]
        assert ahead.text_links(text) == text_links(text)
        assert ahead.links == {}


def test_a_share_of_the_texts_is_scored_here_while_the_second_process_finishes(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    here: list[str] = []
    scored = warmup._scored

    def scored_here(texts: list[tuple[str, str]]) -> warmup.Scores:
        here.extend(key for key, _text in texts)
        return scored(texts)

    monkeypatch.setattr(warmup, "_scored", scored_here)  # this process's only
    shelf = Cache.off().shelf("writing")
    texts = texts_of(read_sources(demo, Problems()))
    with warmup.ChecksAhead(demo, shelf, None, extensions(demo)) as ahead:
        ahead.read(texts)
    keys = sorted(set(map(digest, texts)))
    assert here == keys[round(len(keys) * warmup.AHEAD):] and 0 < len(here) < len(keys)
    assert [summed(shelf.get(key)) for key in keys] == [
        summed(analyse(text)) for text in sorted(set(texts), key=digest)]


def test_a_share_of_the_new_texts_is_scored_beside(demo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    texts = [f"Tekst nummer {n}. Nog een zin." for n in range(20)]
    shelf = Cache.off().shelf("writing")
    shelf.kept = {"earlier": analyse("Een tekst van eerder.")}
    with warmup.ChecksAhead(demo, shelf) as scores:
        assert scores.ahead is None
        scores.read(texts)
        assert scores.beside is not None
    beside = [text for text in texts if shelf.get(digest(text)) is not None]
    assert len(beside) == round(len(texts) * warmup.BESIDE)
    assert [summed(shelf.get(digest(text))) for text in beside] == [
        summed(analyse(text)) for text in beside]


def test_scoring_in_this_process_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """COURANT_SERIAL=1 scores in the build's own process: the collector, off while the
    scores are made, is on again after."""
    monkeypatch.setenv("COURANT_SERIAL", "1")
    assert warmup._scored([("k", "Een zin.")])["k"].words == 2
    assert gc.isenabled()


def test_no_text_the_reader_refuses_is_worked_on_ahead(tmp_path: Path) -> None:
    """A body the Markdown converter would take minutes over is refused with its message
    when the sources are read; the second process, which reads ahead, must not spend those
    minutes on it either (the writing check's patterns are slow on such text too)."""
    for number, case in enumerate(CASES):
        path = tmp_path / f"{number}.md"
        path.write_text(f"---\ntitle: Geval\n---\n{body(case)}\n", encoding="utf-8")
        assert (read_markdown(tmp_path, path, None, Problems()) is None) == (
            markdown_body(path) is None), case
    plain = tmp_path / "plain.md"
    plain.write_text("Geen front matter.\n", encoding="utf-8")
    assert markdown_body(plain) is None and read_markdown(tmp_path, plain, None,
                                                          Problems()) is None
