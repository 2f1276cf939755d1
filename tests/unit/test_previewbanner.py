"""The preview's yellow banner: a source's warnings on the page made of it."""

from __future__ import annotations

from pathlib import Path

from courant.build import pipeline
from courant.build.cache import Cache
from courant.editorial.previewbanner import PreviewState
from courant.problems import Problem, Severity
from courant.render.paths import issue_page_path, page_path, url_of


def test_warnings_go_to_the_pages_of_their_files_and_nowhere_else(demo: Path) -> None:
    loaded = pipeline.load(pipeline.Project(demo), Cache.off())
    item, issue = loaded.content.items[0], loaded.content.issues[0]
    warning = Severity.WARNING
    on_item = Problem(str(item.source), "een lange zin", line=3, severity=warning)
    on_issue = Problem(str(issue.source), "een link naar een concept", line=2, severity=warning)
    elsewhere = Problem("mkdocs.yml", "een instelling", severity=warning)
    state = PreviewState()
    state.succeed(loaded.content, [on_item, on_issue, elsewhere])

    item_page, issue_page = url_of(page_path(item)), url_of(issue_page_path(issue.month))
    assert state.warnings == {item_page: (on_item,), issue_page: (on_issue,)}
    assert b"een lange zin" in state.banner(f"/{item_page}index.html")
    assert b"een link naar een concept" in state.banner(f"/{issue_page}")
    assert state.banner("/afdelingen/") == b""
