"""Every key of every kind of source given odd values (lists where text belongs, numbers, null,
huge values, control characters, line breaks, markup): `courant check` ends in problems with a
file, a line and a key, never a traceback, and whatever it lets through `courant build` builds.

One project per odd value holds a file per kind and key; what check refuses is taken out, and
everything it accepted is built together, once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, NOW_EPOCH, copy_project
from courant.build import pipeline
from courant.problems import ContentError

VALID = {
    "updates": {"title": "T", "date": "2026-11-02", "department": "wi", "audience": "all"},
    "interviews": {"title": "T", "date": "2026-11-02", "person": {"name": "N"}, "consent": True,
                   "audience": "all"},
    "agenda": {"title": "T", "start": "2026-11-24 15:00", "end": "2026-11-24 16:00",
               "location": "L", "online": "https://x.nl/a", "registration": "https://x.nl/r",
               "series": "S", "cancelled": False, "audience": "all"},
    "reading": {"title": "T", "date": "2026-11-02", "kind": "article", "creator": "C",
                "link": "https://x.nl/l", "audience": "all"},
    "pages": {"title": "T", "date": "2026-11-02", "audience": "all"},
}
COMMON = ("summary", "authors", "tags", "issue", "draft", "image", "image_alt")
ODD = ["[1, 2]", "{a: 1}", "[[[]]]", "5", "-3.5", "null", "true", '""', '"\\x07"',
       '"\\ud800"', '"a\\nb"', "|\n  a\n  b", "99999999999999999999", '"' + "x" * 20_000 + '"',
       '"<script>alert(1)</script>"', '"javascript:alert(1)"', '"9999-12-31 23:30"',
       '"\\u2028"', '"\\uffff"', '"\\t"', '"https://x.nl/ [a](javascript:alert(1))"']


def front(meta: dict[str, object], key: str, odd: str) -> str:
    lines = [f"{k}: {odd}" if k == key else f"{k}: " + yaml.safe_dump(
        v, default_flow_style=True).strip().removesuffix("...").strip() for k, v in meta.items()]
    if key not in meta:
        lines.append(f"{key}: {odd}")
    return "---\n" + "\n".join(lines) + "\n---\nDe tekst.\n"


def odd_files(odd: str, tag: str) -> dict[str, str]:
    """content-relative path -> text: every kind, every key set to `odd`."""
    files = {}
    for kind, meta in VALID.items():
        for key in [*meta, *(k for k in COMMON if k not in meta)]:
            files[f"{kind}/{tag}-{key}.md"] = front(meta, key, odd)
    issue = {"date": "2026-11-20", "title": "T"}
    for key in issue:
        files[f"../newsletter/2026-{10 - list(issue).index(key):02d}.md"] = front(issue, key, odd)
    return files


def checked(root: Path) -> set[str]:
    """The files check finds errors in (every problem with file, line or key, and Dutch)."""
    try:
        pipeline.check(pipeline.Project(root))
    except ContentError as error:
        for problem in error.problems:
            assert problem.file.startswith(("content/", "newsletter/")), problem
            assert problem.line or problem.key, problem
        return {p.file for p in error.problems if p.is_error}
    return set()


def test_check_says_it_or_build_builds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
    accepted = copy_project(tmp_path / "accepted", content_from=FIXTURES / "tiny")
    for number, odd in enumerate(ODD):
        root = copy_project(tmp_path / f"odd-{number}", content_from=FIXTURES / "tiny")
        files = odd_files(odd, f"odd{number}")
        for name, text in files.items():
            (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "content" / name).write_text(text, encoding="utf-8")
        refused = checked(root)
        for name in files:
            if str(Path("content", name).as_posix()).replace("content/../", "") in refused:
                (root / "content" / name).unlink()
        assert checked(root) == set(), odd  # what is left passes on its own
        for name in files:
            kept = root / "content" / name
            if kept.exists() and not name.startswith(".."):
                target = accepted / "content" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(kept, target)
        shutil.rmtree(root)
    assert len(list((accepted / "content").rglob("*.md"))) > 100  # a build worth the name
    pipeline.build(pipeline.Project(accepted))
    assert (accepted / "dist" / "public" / "index.html").is_file()
