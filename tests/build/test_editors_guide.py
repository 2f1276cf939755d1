"""The editors' guide (docs/editors.md) stays true: its examples pass `courant check`, and the
messages it quotes are the messages courant prints (the broken fixtures hold them word for
word)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from projects import BROKEN, problems_of, tiny_project

GUIDE = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
PREFIX = re.compile(r"^\S+?:\d+: ")


def section(title: str) -> str:
    """From the heading `## title` to the next heading of the guide (not one inside an example)."""
    lines, fenced, found = GUIDE.splitlines(keepends=True), False, []
    for line in lines:
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("## ") and found:
            break
        if found or line == f"## {title}\n":
            found.append(line)
    assert found, f"the guide has no section {title!r}"
    return "".join(found)


def examples() -> list[tuple[str, str]]:
    """(path, text) of each Markdown example, named by the last `content/...md` before it."""
    found = []
    text = section("Voorbeelden per soort")
    for block in re.finditer(r"```markdown\n(.*?)```", text, re.DOTALL):
        names = re.findall(r"\(`((?:content|newsletter)/[^`]+\.md)`\)", text[:block.start()])
        found.append((names[-1], block.group(1)))
    assert len(found) >= 5, "the guide lost its examples"
    return found


def known_messages() -> set[str]:
    """Every message of the broken fixtures, without its 'file:line: ' prefix."""
    return {PREFIX.sub("", line)
            for expected in BROKEN.rglob("*.expected")
            for line in expected.read_text(encoding="utf-8").splitlines()}


@pytest.mark.parametrize(("path", "text"), examples(), ids=[p for p, _ in examples()])
def test_each_example_passes_the_check(tmp_path: Path, path: str, text: str) -> None:
    root = tiny_project(tmp_path / "project")
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    for image in re.findall(r"^image: (\S+)$", text, re.MULTILINE):
        Image.new("RGB", (800, 600), "teal").save(root / "content" / "media" / image)
    problems = problems_of(root)
    assert not [p for p in problems if path in p], problems


def test_the_quoted_messages_are_the_real_ones() -> None:
    block = section("Foutmeldingen lezen").split("```")[1]
    quoted = [PREFIX.sub("", line) for line in block.strip().splitlines()]
    assert quoted
    for message in quoted:
        assert message in known_messages(), f"the guide quotes a message never printed: {message}"


def test_every_message_in_the_table_exists() -> None:
    rows = re.findall(r"^\| `([^`]+)`", section("Foutmeldingen lezen"), re.MULTILINE)
    assert len(rows) >= 5
    everything = "\n".join(known_messages())
    for phrase in rows:
        assert phrase in everything, f"the guide's table names a message never printed: {phrase}"
