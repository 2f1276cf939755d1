"""scripts/profile's reading of py-spy's stacks (scripts/profilereport.py): every sample in the
stage of the build it runs under, what it spends the time on and its module group, per
process; and every rule names a courant function that exists where the layout puts it, so a
module that moves breaks this test instead of the profile's figures."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from profilereport import ACTIVITIES, STAGES, classify, frame_parts, read_samples, report

START = ["<module> (courant:8)", "Command.main (click/core.py:1560)",
         "build (courant/cli/site.py:80)", "build (courant/build/pipeline.py:270)"]
INTRANET = [*START, "_make_site (courant/build/pipeline.py:292)",
            "build_site (courant/engine/mkdocs/adapter.py:140)",
            "build (mkdocs/commands/build.py:300)",
            "_build_page (mkdocs/commands/build.py:250)",
            "Page.render (mkdocs/structure/pages.py:280)",
            "Markdown.convert (markdown/core.py:350)",
            "InlineProcessor.run (markdown/treeprocessors.py:400)",
            "Pattern.match (re/__init__.py:166)"]
FEEDS = [*START, "_make_site (courant/build/pipeline.py:290)",
         "sites (courant/build/pipeline.py:173)", "_site (courant/build/pipeline.py:195)",
         "syndication_files (courant/build/pipeline.py:214)",
         "feed_files (courant/render/feeds.py:100)",
         "item_html (courant/render/feeds.py:180)", "html (courant/markup.py:40)",
         "Markdown.convert (markdown/core.py:350)"]
TEMPLATE = [*START, "_make_site (courant/build/pipeline.py:292)",
            "build_site (courant/engine/mkdocs/adapter.py:140)",
            "Template.render (jinja2/environment.py:1301)",
            "root (material/templates/base.html:40)", "root (nav-item.html:12)"]


def test_a_frame_is_named_by_its_module_as_python_names_it() -> None:
    assert frame_parts("Staging.settle (courant/build/output.py:123)") == (
        "courant.build.output", "Staging.settle")
    assert frame_parts("render_site (courant/render/site/__init__.py:64)") == (
        "courant.render.site", "render_site")
    assert frame_parts("root (material/templates/base.html:40)") == (
        "template base.html", "root")
    assert frame_parts("dirname (<frozen posixpath>:158)") == ("<frozen posixpath>", "dirname")


def test_a_sample_goes_to_the_innermost_stage_and_what_it_spends_the_time_on() -> None:
    assert classify(INTRANET) == ("MkDocs build", "Markdown to HTML (Python-Markdown)",
                                  "Python: re")
    # the feeds are made inside the intranet's _make_site: the innermost stage wins
    assert classify(FEEDS) == ("feeds", "Markdown to HTML (Python-Markdown)",
                               "Python-Markdown")
    assert classify(TEMPLATE) == ("MkDocs build",
                                  "the menu (Material's nav.html, once per folder)", "Jinja")
    assert classify(START[:2]) == ("start-up and the rest", "Click", "Click")
    assert classify(START[:3]) == ("start-up and the rest", "courant.cli.site", "courant.cli")


def test_a_module_of_the_same_file_name_in_another_package_is_not_taken_for_it() -> None:
    service = [*START[:3], "build_mails (courant/service/mails.py:10)",
               "Walker.walk (courant/read/files.py:20)"]
    stage, activity, group = classify(service)
    assert stage == "start-up and the rest"
    assert activity == "reading sources (files, YAML, limits)"
    assert group == "courant.read"
    built = [*START, "build_mails (courant/build/mails.py:100)",
             "compose (courant/render/newsletter/compose.py:50)"]
    assert classify(built) == ("mails", "courant.render.newsletter.compose", "courant.render")


def test_samples_are_counted_per_process_and_waiting_threads_are_left_out(
        tmp_path: Path) -> None:
    own = 'process 10:"courant build"'
    second = 'process 11:"courant build"'
    refresh = "Thread.run (threading.py:1)", "_RefreshThread.run (rich/live.py:35)"
    raw = tmp_path / "raw.txt"
    raw.write_text("\n".join([
        ";".join([own, *INTRANET]) + " 6",
        ";".join([own, second, *FEEDS]) + " 2",
        ";".join([own, *refresh]) + " 50",
        ";".join([own, *INTRANET]) + " 1",
        ";".join([own, "PollingEmitter.queue_events (watchdog/observers/polling.py:9)",
                  "Event.wait (threading.py:629)", "Condition.wait (threading.py:331)"]) + " 40",
    ]) + "\n", encoding="utf-8")
    samples = read_samples(raw)
    assert sum(samples["own"].values()) == 7
    assert samples["second"][classify(FEEDS)] == 2
    table = report(samples, cpu=9.0, pages=1000)
    assert "the command's own process: 7.00 s of CPU" in table
    assert "its second process (partner site and mails; half the writing check): 2.00 s" in table
    assert "| MkDocs build | Markdown to HTML (Python-Markdown) | 7.00 | 100 % | 7.00 |" in table
    assert "| Python: re | 7.00 | 78 % | 7.00 |" in table  # the self time, both processes
    assert "| Python-Markdown | 2.00 | 22 % | 2.00 |" in table


COURANT_MARKS = sorted({mark for _label, marks in (*STAGES, *ACTIVITIES) for mark in marks
                        if mark.startswith("courant.")})


@pytest.mark.parametrize("mark", COURANT_MARKS)
def test_every_rule_names_a_courant_module_and_function_that_exist(mark: str) -> None:
    module_name, _, function = mark.partition(":")
    module = importlib.import_module(module_name)
    found: object = module
    for part in filter(None, function.split(".")):
        assert hasattr(found, part), f"{mark}: {part} is not in {module_name}"
        found = getattr(found, part)
