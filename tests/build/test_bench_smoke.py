"""scripts/bench's parts do what its figures rely on (behaviour, not timing): the generated
archive is valid and has the shape of ten years of a municipality's newsletter, the yardsticks
get the same item pages as the intranet and build them, the memory of a command counts all its
processes, and the targets of issue 18 are judged as the issue sets them."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

from courant import clock
from courant.audience import Edition, select
from courant.build import pipeline
from courant.model import Event, Interview, Kind, Page, ReadingTip, Update

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchreport import TARGETS, figures_table, targets_table
from corpus import generate, touch_items
from measure import run
from yardsticks import (
    hugo_command,
    hugo_project,
    mkdocs_project,
    preview_edits,
    published_items,
)


def test_generated_corpus_passes_check_and_has_every_kind(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    project = pipeline.Project(corpus.root)
    pipeline.check(project)  # raises ContentError on any error
    content = pipeline.load(project).content
    kinds = {item.kind for item in content.items}
    assert kinds == set(Kind)
    events = [i for i in content.items if isinstance(i, Event)]
    assert any(e.all_day for e in events) and any(e.cancelled for e in events)
    assert {e.series for e in events} >= {"Spotlights", "Leeracademie"}
    assert {t.reading_kind for t in content.items if isinstance(t, ReadingTip)} == {
        "book", "article", "video", "podcast", "website"}
    assert all(i.image for i in content.items if isinstance(i, Interview))
    assert {i.audience for i in content.items} == {"staff", "partners", "all"}
    assert {u.department for u in content.items if isinstance(u, Update)} >= {"wi", "jos"}
    words = [len(u.body.split()) for u in content.items if isinstance(u, Update)]
    assert min(words) >= 290 and max(words) <= 1050  # 300-900, plus the last paragraph
    assert any(p.section != PurePosixPath() for p in content.items if isinstance(p, Page))


def test_the_archive_has_an_issue_every_month_of_ten_years(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    content = pipeline.load(pipeline.Project(corpus.root)).content
    months = [issue.month for issue in content.issues]
    assert corpus.issues == len(months) == 120
    assert months[0] == "2016-12" and months[-1] == "2026-11"
    assert len(set(months)) == 120  # ten years of months, from the first to the last: each
    assert {issue.date.day for issue in content.issues} == {26}
    news = [i for i in content.items if i.kind in (Kind.UPDATE, Kind.INTERVIEW, Kind.READING)]
    years = {i.date.year for i in news if i.date}
    assert years == set(range(2016, 2027)), "the items span the whole archive"


def test_the_archive_has_drafts_embargoes_held_items_images_and_links(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    content = pipeline.load(pipeline.Project(corpus.root)).content
    now = clock.now().date()
    assert any(i.draft for i in content.items)
    assert any(i.date and i.date > now for i in content.items), "an item under embargo"
    assert any(i.issue for i in content.items), "an item placed in a later issue"
    bodies = [i.body for i in content.items]
    assert any("](../../media/" in b for b in bodies), "an image in the text"
    assert any("](../../interviews/" in b or "](../../updates/" in b for b in bodies), (
        "a link to an item of another type")
    media = {p.name for p in (corpus.root / "content" / "media").iterdir()}
    assert len(media) >= 10 and any(n.endswith(".png") for n in media)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 40)
    second = generate(tmp_path / "b", 40)
    for a, b in zip(first.items, second.items, strict=True):
        assert a.read_bytes() == b.read_bytes()
    originals = touch_items(first, 5)
    assert len(originals) == 5
    assert all(path.read_bytes() != data for path, data in originals.items())


def test_the_yardsticks_get_the_items_the_intranet_publishes(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    content = pipeline.load(pipeline.Project(corpus.root)).content
    intranet = select(content, Edition.INTRANET, clock.now())
    shown = {str(i.source) for i in intranet.items
             if i.kind not in (Kind.PAGE, Kind.ADVISER, Kind.BOOKLET)}
    chosen = {p.relative_to(corpus.root).as_posix() for p in published_items(corpus)}
    assert chosen == shown
    assert len(chosen) < len(corpus.items)  # drafts and embargoed items are left out


@pytest.mark.spawns
def test_the_mkdocs_yardstick_builds_a_page_per_item_out_of_the_menu(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 40, years=1)
    count = mkdocs_project(corpus, tmp_path / "mkdocs")
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q"],
                   cwd=tmp_path / "mkdocs", check=True, capture_output=True)
    site = tmp_path / "mkdocs" / "site"
    items = [p for p in site.rglob("index.html") if len(p.relative_to(site).parts) == 4]
    assert len(items) == count == len(published_items(corpus))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not any(p.parent.name in home for p in items), "items are out of the menu"


@pytest.mark.spawns
def test_hugo_builds_a_list_per_section_and_a_page_per_item(tmp_path: Path) -> None:
    hugo = shutil.which("hugo")
    if hugo is None:
        pytest.skip("Debian's hugo is not installed (scripts/install-system.sh)")
    corpus = generate(tmp_path / "bench", 130, years=1)  # with a draft and an embargo
    folder = tmp_path / "hugo"
    count = hugo_project(corpus, folder)
    subprocess.run(hugo_command(hugo, folder), check=True, capture_output=True)
    public = folder / "public"

    def address(path: Path) -> Path:  # Hugo leaves the apostrophe out of an address
        return public / str(path.relative_to(corpus.root / "content").with_suffix("")).replace(
            "'", "")

    for path in published_items(corpus):
        page = address(path) / "index.html"
        relative = path.relative_to(corpus.root)
        assert page.is_file(), f"no page for {relative}"
        title = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"]
        assert f"<h1>{title}</h1>" in html.unescape(page.read_text(encoding="utf-8"))
    drafts = [p for p in corpus.items if p not in published_items(corpus)]
    assert drafts and not any(address(p).exists() for p in drafts)
    for section in ("updates", "interviews", "agenda", "reading"):
        listing = (public / section / "index.html").read_text(encoding="utf-8")
        assert listing.count("<li>") == sum(1 for p in published_items(corpus)
                                            if p.parts[-3] == section)
    assert sum(1 for _ in public.rglob("*.html")) == count + 5  # + home and four lists


FORKS = """
import os, time
pid = os.fork()
data = bytearray({mb} * 1024 * 1024)  # both processes hold their own, at the same time
time.sleep(1.0)
if pid:
    os.waitpid(pid, 0)
"""


@pytest.mark.spawns
def test_the_memory_of_a_command_is_that_of_all_its_processes(tmp_path: Path) -> None:
    measured = run([sys.executable, "-c", FORKS.format(mb=120)], tmp_path)
    assert measured.rss_mb < 200  # the largest single process: about 120 MB
    assert measured.tree_mb > 230  # both together


def result(n: int, **figures: float) -> dict[str, object]:
    """A result of scripts/bench for one size, with the figures given (medians in seconds)."""
    stat = {k: {"median": v, "min": v, "max": v, "rss_mb": 90.0, "tree_mb": 150.0}
            for k, v in figures.items() if "/" not in k}
    ratios = {k: {"median": v, "min": v, "max": v} for k, v in figures.items() if "/" in k}
    return {"n": n, "years": 10, "issues": 120, "published_items": n, "pages": {},
            "ratios": ratios, "phases": {"intranet": 1.0}, "load": [1.0]} | stat


def test_targets_are_judged_where_the_issue_sets_them() -> None:
    small = result(1_000, **{"build/mkdocs": 2.7, "incremental/hugo": 0.9}, check=2.5,
                   check_cold=3.0, preview=0.4)
    clean, incremental, preview, warm, cold, memory = (t.verdict(small) for t in TARGETS)
    assert clean == "2.70x: NOT MET"
    assert incremental == "0.90x: met"
    assert preview == "0.40 s: met (target at 10,000)"
    assert warm == "2.50 s: NOT MET (so not at 10,000 either)"  # it only grows with N
    assert cold == "3.00 s: met (target at 10,000)"
    assert memory == "150 MB: met (target at 10,000)"
    large = result(10_000, **{"build/mkdocs": 1.0, "incremental/hugo": 1.0}, check=1.9,
                   check_cold=4.0)
    clean, incremental, preview, warm, cold, _memory = (t.verdict(large) for t in TARGETS)
    assert clean == "1.00x: met (target at 1,000 and 5,000)"  # at most 1.0x
    assert incremental == "1.00x: NOT MET (target at 1,000 and 5,000)"  # faster than Hugo
    assert preview == "-"  # not measured
    assert warm == "1.90 s: met" and cold == "4.00 s: NOT MET"  # under 4 s


def test_the_tables_have_a_column_per_size_and_a_row_per_target() -> None:
    results = [result(1_000, check=1.0), result(5_000, check=2.0)]
    figures = figures_table(results).splitlines()
    assert figures[0] == "| | N = 1,000 | N = 5,000 |"
    assert "| `courant check`, sources cached (s) | 1.00 | 2.00 |" in figures
    assert all(line.count("|") == 4 for line in figures)
    targets = targets_table(results).splitlines()
    assert len(targets) == 2 + len(TARGETS)


def test_the_cpu_time_is_shown_beside_the_wall_time_and_left_out_when_not_measured() -> None:
    measured = result(1_000, build=10.0, mkdocs=5.0)
    measured["build"]["cpu"] = {"median": 12.0, "min": 11.0, "max": 13.0}
    measured["mkdocs"]["cpu"] = {"median": 4.0, "min": 4.0, "max": 4.0}
    measured["ratios"]["build/mkdocs cpu"] = {"median": 3.0, "min": 2.75, "max": 3.25}
    figures = figures_table([measured, result(5_000, build=50.0)]).splitlines()
    assert ("| CPU, all processes: check cold / check / clean build / incremental / mkdocs / "
            "Hugo (s) | - / - / 12.0 (11.0-13.0) / - / 4.0 / - | - / - / - / - / - / - |"
            ) in figures
    assert ("| CPU ratios: clean build / mkdocs, incremental / Hugo (per round) | "
            "3.00 (2.75-3.25)x, - | -, - |") in figures


@pytest.mark.spawns
def test_the_cpu_time_of_a_command_is_that_of_all_its_processes(tmp_path: Path) -> None:
    spin = ("import os, time\npid = os.fork()\nend = time.process_time() + 0.6\n"
            "while time.process_time() < end: pass\nif pid: os.waitpid(pid, 0)\n")
    measured = run([sys.executable, "-c", spin], tmp_path)
    assert measured.cpu >= 1.1  # 0.6 s of CPU in each of the two processes


def test_the_preview_is_timed_on_published_news_spread_over_the_archive(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    edits = preview_edits(corpus, 5)
    assert len(edits) == 5 == len({source for source, _page in edits})
    loaded = pipeline.load(pipeline.Project(corpus.root))
    intranet = pipeline.sites(loaded, clock.now(), names=("intranet",),
                              syndication=False)["intranet"]
    pages = {str(page.path) for page in intranet.pages}
    for source, page in edits:
        assert source in published_items(corpus)
        assert page.removesuffix("/") + ".md" in pages, f"no intranet page {page}"
    years = sorted(source.name[:4] for source, _page in edits)
    assert int(years[-1]) - int(years[0]) >= 5, "spread over the archive, not one month"


def test_compare_runs_each_version_by_its_own_entry_point(tmp_path: Path) -> None:
    """scripts/compare starts a version as pip's console script would: the entry point of
    that version's pyproject.toml (the workers import it again, so it changes the timing)."""
    import importlib.machinery
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    loader = importlib.machinery.SourceFileLoader("compare", str(root / "scripts" / "compare"))
    spec = importlib.util.spec_from_loader("compare", loader)
    assert spec is not None
    compare = importlib.util.module_from_spec(spec)
    loader.exec_module(compare)
    older = tmp_path / "older" / "src"
    older.mkdir(parents=True)
    (older.parent / "pyproject.toml").write_text(
        '[project]\nname = "courant"\n[project.scripts]\ncourant = "courant.cli:main"\n',
        encoding="utf-8")
    assert "from courant.entry import main\n" in compare.console_script(
        root / "src", tmp_path / "now.py").read_text(encoding="utf-8")
    assert "from courant.cli import main\n" in compare.console_script(
        older, tmp_path / "then.py").read_text(encoding="utf-8")
