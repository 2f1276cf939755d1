"""YAML the way editors mean it, with the line of every key: front matter and departments.yml.

python-frontmatter's YAML step is replaced by a loader that keeps dates as text (so
`2026-02-30` becomes a clear message instead of a crash) and only takes `true`/`false` as
booleans (so `audience: no` stays the word the editor wrote), and that records each key's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from courant.read.yamlcheck import NestingTooDeep, failing_mark


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, and no typing of dates or numbers: every key of the
    contract is text, a date, true/false or a list, and YAML 1.1 would turn a phone number
    0241234567 into 42285431 (octal), 1:30 into 90 and a title 3.10 into 3.1."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)




class FastEditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules with libyaml's parser (ten times faster, for archives of thousands of
    files); a file it rejects is read again by _EditorLoader, so messages stay the same."""


FastEditorLoader.yaml_implicit_resolvers = _EditorLoader.yaml_implicit_resolvers

UNREAD = object()


@dataclass
class LineTrackingHandler(YAMLHandler):
    """A python-frontmatter handler that remembers each top-level key's line in the file.

    python-frontmatter hands over the front matter without the opening '---' and without any
    blank lines after it, so the first line is found by locating that text in the file.
    """

    text: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    loaded: Any = UNREAD
    first_line: int = 2

    def __post_init__(self) -> None:
        super().__init__()

    def load(self, fm: str, **kwargs: object) -> Any:
        start = self.text.find(fm, 3)
        self.first_line = self.text[:start].count("\n") + 1 if start >= 0 else 1
        self.loaded = parse_yaml(fm, self.key_lines, self.first_line, self.duplicates)
        return self.loaded


def parse_yaml(text: str, key_lines: dict[str, int] | None = None, first_line: int = 1,
               duplicates: list[tuple[str, int, int]] | None = None) -> Any:
    """Parse YAML the way editors mean it; fill `key_lines` with 1-based file lines.

    `first_line` is the file line of the text's first line. Top-level keys that occur twice
    (YAML keeps the last one, silently) go into `duplicates` as (key, line, earlier line).
    Nesting too deep for the parser's recursion is a NestingTooDeep error.
    """
    try:
        return _parse_with(FastEditorLoader, text, key_lines, first_line, duplicates)
    except (yaml.YAMLError, RecursionError) as err:
        if NestingTooDeep.said_by(err):
            raise NestingTooDeep.found_in(text) from None
        if key_lines is not None:
            key_lines.clear()
        if duplicates is not None:
            duplicates.clear()
    try:
        return _parse_with(_EditorLoader, text, key_lines, first_line, duplicates)
    except RecursionError:
        raise NestingTooDeep.found_in(text) from None


def _parse_with(loader_class: Any, text: str, key_lines: dict[str, int] | None,
                first_line: int, duplicates: list[tuple[str, int, int]] | None) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if key_lines is not None and isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key, line = str(key_node.value), key_node.start_mark.line + first_line
                if key in key_lines and duplicates is not None:
                    duplicates.append((key, line, key_lines[key]))
                key_lines[key] = line
                _nested_lines(key, value_node, key_lines, first_line)
        try:
            return loader.construct_document(node)
        except (ValueError, TypeError) as err:  # an explicit tag: `date: !!timestamp 2026-02-30`
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor ({err})",
                failing_mark(loader, node)) from err
    finally:
        loader.dispose()


def _nested_lines(key: str, node: yaml.Node, key_lines: dict[str, int], first_line: int) -> None:
    """Lines of keys one level down (person.name) and of list entries (pages.0, authors.0),
    for messages about nested keys and entries."""
    if isinstance(node, yaml.MappingNode):
        for sub, _ in node.value:
            key_lines.setdefault(f"{key}.{sub.value}", sub.start_mark.line + first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, entry in enumerate(node.value):
            key_lines.setdefault(f"{key}.{index}", entry.start_mark.line + first_line)


def texts_in(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a YAML value, with its dotted key (`person.role`, `authors.0`)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield from texts_in(inner, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from texts_in(inner, f"{key}.{index}" if key else str(index))
