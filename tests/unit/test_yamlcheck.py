"""yamlcheck.py: values no output can carry, and nesting too deep, found without recursion."""

from __future__ import annotations

import sys

import pytest
import yaml

from courant.read.yamlcheck import MAX_DEPTH, NestingTooDeep, value_faults
from courant.read.yamlload import parse_yaml


@pytest.mark.parametrize(("text", "code"), [
    ('title: "bel \\x07"', "U+0007"), ('title: "\\a"', "U+0007"), ('title: "\\0"', "U+0000"),
    ('title: "\\e[31m"', "U+001B"), ('title: "\\uffff"', "U+FFFF"),
    ('title: "\\ud800"', "U+D800"), ('tags: [a, "\\udfff"]', "U+DFFF"),
    ('person: {name: "\\x1f"}', "U+001F"), ('"\\x07": sleutel', "U+0007"),
])
def test_escapes_that_make_characters_no_output_carries(text: str, code: str) -> None:
    (fault,) = value_faults(parse_yaml(text))
    assert f"({code})" in fault.message or f"bevat {code}," in fault.message


def test_a_fault_names_its_key_and_where_it_is() -> None:
    data = parse_yaml('title: Goed\nperson:\n  name: "\\x07"\ntags: [a, "\\x08"]\n')
    assert [(f.key, f.where) for f in value_faults(data)] == [
        ("person.name", "person.name"), ("tags", "tags.1")]
    entries = parse_yaml('- key: wi\n  name: "W\\x07"\n')
    assert [(f.key, f.where) for f in value_faults(entries)] == [("name", "0.name")]


def test_ordinary_values_pass() -> None:
    data = parse_yaml('title: "Café \\u00e9 \\t tab 😀 \\U0001F600"\nsummary: |\n  a\n  b\n'
                      "tags: [[a, [b]]]\n")
    assert value_faults(data) == []


def test_nesting_past_the_limit_is_a_fault_of_its_key() -> None:
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    faults = value_faults(parse_yaml(f"title: x\ntags: {deep}\n"))
    assert [(f.key, f.message.split(":")[0]) for f in faults] == [("tags", "is te diep genest")]
    assert value_faults(parse_yaml("tags: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)) == []


def test_nesting_deeper_than_the_parser_recurses_is_a_yaml_error_at_its_line() -> None:
    depth = max(20_000, sys.getrecursionlimit() * 2)
    with pytest.raises(NestingTooDeep) as raised:
        parse_yaml("title: x\n\ntags: " + "[" * depth + "]" * depth + "\n")
    assert raised.value.key == "tags"
    assert raised.value.problem_mark is not None and raised.value.problem_mark.line == 2
    assert isinstance(raised.value, yaml.YAMLError)


def test_aliases_that_multiply_a_list_stop_at_the_budget() -> None:
    """Nine anchors of nine aliases each: 400 million values to walk, said in a moment."""
    lines = ['a0: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    faults = value_faults(parse_yaml("\n".join([*lines, "tags: *a8"])))
    assert [f.message.split(" (")[0] for f in faults] == ["bevat te veel waarden"]
    assert value_faults(parse_yaml("tags: [" + ", ".join(["a"] * 5000) + "]")) == []
