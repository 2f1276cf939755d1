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
    for page in re.findall(r"^  - \.\./(pages/\S+\.md)$", text, re.MULTILINE):  # a booklet's
        (root / "content" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / page).write_text("---\ntitle: Een pagina\n---\nTekst.\n",
                                             encoding="utf-8")
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


def test_the_sites_settings_in_the_guide_are_courants_own() -> None:
    """"De startpagina en de sites": its example is mkdocs.yml as courant reads it, its table
    names every setting of the example (and no other), and its list of top tasks is courant's."""
    import yaml

    from courant.read.config import CourantSettings, MailSettings
    from courant.render.site.home import BUILT_IN_TASKS

    text = section("De startpagina en de sites")
    [example] = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    settings = yaml.safe_load(example)["extra"]["courant"]
    CourantSettings.model_validate(settings)  # raises on a key or value courant refuses
    named = {key for cell in re.findall(r"^\| ([^|]+) \|", text, re.MULTILINE)
             for key in re.findall(r"`([a-z_.]+)`", cell)}
    assert set(settings) <= named
    for key in named:
        top, _, sub = key.partition(".")
        assert top in CourantSettings.model_fields, key
        assert not sub or sub in MailSettings.model_fields, key
    row = next(line for line in text.splitlines() if line.startswith("| `top_tasks`"))
    listed = re.findall(r"`([a-z-]+)`", row.split("of een vaste pagina")[0])
    assert set(listed) - {"top_tasks"} == set(BUILT_IN_TASKS)


def test_the_sites_example_passes_the_check_with_the_demos_pages(tmp_path: Path) -> None:
    import yaml

    from conftest import copy_project

    text = section("De startpagina en de sites")
    [example] = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    root = copy_project(tmp_path / "project")  # the demo: it has the page leeracademie
    config = root / "mkdocs.yml"
    current = yaml.safe_load(config.read_text("utf-8"))
    current["extra"]["courant"].update(yaml.safe_load(example)["extra"]["courant"])
    config.write_text(yaml.safe_dump(current, allow_unicode=True, sort_keys=False), "utf-8")
    problems = problems_of(root)
    assert not [p for p in problems if p.startswith("mkdocs.yml")], problems
