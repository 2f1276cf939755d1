"""read/config.py: mkdocs.yml read as an administrator writes it. Whatever the value, a wrong one
ends in a Dutch message with the file, the line and the key (never pydantic's English, never a
traceback); a right one is read as meant.

The cases with their exact messages are broken fixtures (tests/fixtures/broken/mkdocs-*)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from courant.problems import ContentError, Problem
from courant.read.config import (
    AccessibilitySettings,
    ContactSettings,
    CourantSettings,
    MailSettings,
    load_config,
)

ODD: list[Any] = [[1, 2], {"a": 1}, 5, -3.5, None, True, "", "a\nb", 10**20, "x" * 5000,
                  "2026-11-24", "<b>x</b>", "javascript:alert(1)", [[[]]]]
ENGLISH = re.compile(r"\b(Input|should|valid|Field|required|Extra|inputs|permitted|Value "
                     r"error|type|string|integer)\b")


BASE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader), getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def with_setting(tmp_path: Path, path: str, value: Any) -> Path:
    """The project's mkdocs.yml with `path` (dotted, below the top) set to `value`."""
    data = yaml.load(BASE, Loader=FAST[0])
    *parents, last = path.split(".")
    block = data
    for key in parents:
        block = block.setdefault(key, {})
    block[last] = value
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.dump(data, Dumper=FAST[1], allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return config


def problems(config: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_config(config)
    return raised.value.problems


BLOCKS = {"mail": MailSettings, "contact": ContactSettings,
          "accessibility": AccessibilitySettings}
SETTINGS = [f"extra.courant.{key}" for key in CourantSettings.model_fields if key not in BLOCKS
            ] + [f"extra.courant.{block}.{key}" for block, model in BLOCKS.items()
                 for key in model.model_fields] + [
    "site_name", "site_url", "extra", "extra.courant", "extra.courant.mail",
    "extra.courant.sections.updates", "extra.courant.contact", "extra.courant.accessibility"]


@pytest.mark.parametrize("path", SETTINGS)
def test_every_setting_takes_odd_values_with_a_dutch_sentence(tmp_path: Path, path: str) -> None:
    for value in ODD:
        config = with_setting(tmp_path, path, value)
        try:
            load_config(config)
        except ContentError as error:
            for problem in error.problems:
                assert problem.file == "mkdocs.yml" and problem.line, problem
                assert problem.key and (problem.key == path or path.startswith(
                    problem.key + ".") or problem.key.startswith(path + ".")), problem
                assert not ENGLISH.search(problem.message), problem
                assert "\n" not in problem.message, problem


def test_a_sender_with_a_comma_is_one_mailbox(tmp_path: Path) -> None:
    config = with_setting(tmp_path, "extra.courant.mail.sender",
                          "Redactie, Sociaal Domein <nieuwsbrief@waalstad.nl>")
    assert load_config(config).settings.mail.sender == \
        '"Redactie, Sociaal Domein" <nieuwsbrief@waalstad.nl>'


def test_numbers_may_be_written_as_text(tmp_path: Path) -> None:
    config = with_setting(tmp_path, "extra.courant.agenda_weeks", "6")
    assert load_config(config).settings.agenda_weeks == 6


def test_mkdocs_yml_that_is_a_folder_or_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").mkdir()
    assert [str(p) for p in problems(tmp_path / "mkdocs.yml")] == [
        "mkdocs.yml: is een map, geen bestand; courant leest de site-instellingen uit het "
        "bestand mkdocs.yml"]
    other = tmp_path / "ander" / "mkdocs.yml"
    other.parent.mkdir()
    other.write_bytes(b"site_name: Caf\xe9\n")
    assert [str(p) for p in problems(other)] == [
        "mkdocs.yml:1: is geen UTF-8-tekst; sla het bestand op als UTF-8"]


def test_mkdocs_yml_nested_20000_deep(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://x.nl/\nextra:\n  generator: "
                      + "[" * 20_000 + "]" * 20_000 + "\n")
    found = problems(config)
    assert [(p.line, p.key) for p in found] == [(4, "extra")]
    assert found[0].message.startswith("is te diep genest")


def test_the_engine_is_mkdocs_or_properdocs(tmp_path: Path) -> None:
    assert load_config(ROOT / "mkdocs.yml").settings.engine == "mkdocs"
    chosen = load_config(with_setting(tmp_path, "extra.courant.engine", "properdocs"))
    assert chosen.settings.engine == "properdocs"
    [problem] = problems(with_setting(tmp_path, "extra.courant.engine", "hugo"))
    assert problem.key == "extra.courant.engine" and problem.line
    assert '"hugo" is geen bouwer die courant kent; kies mkdocs' in problem.message
    assert "of properdocs" in problem.message
    [problem] = problems(with_setting(tmp_path, "extra.courant.engine", "Zensical"))
    assert "courant export" in problem.message and "zensical build" in problem.message
