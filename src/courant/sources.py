"""Read the editors' files: content/ and newsletter/ -> RawSource, problems for what cannot be read.

python-frontmatter splits the file; its YAML step is replaced by a loader that keeps dates as
text (so `2026-02-30` becomes a clear message instead of a crash) and only takes `true`/`false`
as booleans (so `audience: no` stays the word the editor wrote), and that records each key's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from courant.markdown_limits import excesses
from courant.model import Kind
from courant.problems import Problems

ITEM_FOLDERS = {kind.value: kind for kind in Kind}
ISSUE_NAME = re.compile(r"^(\d{4})-(\d{2})$")


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




class _FastEditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules with libyaml's parser (ten times faster, for archives of thousands of
    files); a file it rejects is read again by _EditorLoader, so messages stay the same."""


_FastEditorLoader.yaml_implicit_resolvers = _EditorLoader.yaml_implicit_resolvers

_UNREAD = object()


@dataclass
class _LineTrackingHandler(YAMLHandler):
    """A python-frontmatter handler that remembers each top-level key's line in the file.

    python-frontmatter hands over the front matter without the opening '---' and without any
    blank lines after it, so the first line is found by locating that text in the file.
    """

    text: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    loaded: Any = _UNREAD
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
    """
    try:
        return _parse_with(_FastEditorLoader, text, key_lines, first_line, duplicates)
    except yaml.YAMLError:
        if key_lines is not None:
            key_lines.clear()
        if duplicates is not None:
            duplicates.clear()
        return _parse_with(_EditorLoader, text, key_lines, first_line, duplicates)


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
                _failing_mark(loader, node)) from err
    finally:
        loader.dispose()


def _failing_mark(loader: Any, node: yaml.Node) -> Any:
    """Where the value that could not be constructed starts (else the document's start)."""
    if isinstance(node, yaml.MappingNode):
        for _, value_node in node.value:
            loader.constructed_objects, loader.recursive_objects = {}, {}
            try:
                loader.construct_object(value_node, deep=True)
            except (ValueError, TypeError, yaml.YAMLError):
                return value_node.start_mark
    return node.start_mark


def _nested_lines(key: str, node: yaml.Node, key_lines: dict[str, int], first_line: int) -> None:
    """Lines of keys one level down (person.name), for messages about nested keys."""
    if isinstance(node, yaml.MappingNode):
        for sub, _ in node.value:
            key_lines.setdefault(f"{key}.{sub.value}", sub.start_mark.line + first_line)


@dataclass(frozen=True, slots=True)
class RawSource:
    """One Markdown file as read: front matter not yet checked."""

    path: PurePosixPath  # relative to the project root
    kind: Kind | None  # None for newsletter issues
    meta: dict[str, Any]
    body: str
    key_lines: dict[str, int]
    body_line: int  # file line where the body starts
    end_line: int | None = None  # the closing '---': where a missing key goes

    def line(self, key: str) -> int | None:
        """The line of `key` ('person.name' falls back to 'person'), if it is in the file."""
        while key:
            if key in self.key_lines:
                return self.key_lines[key]
            key = key.rpartition(".")[0]
        return None


@dataclass(frozen=True, slots=True)
class Sources:
    departments: Any
    departments_lines: dict[str, int]
    items: list[RawSource]
    issues: list[RawSource]


Reader = Callable[[Path, Path, Kind | None, Problems], "RawSource | None"]


def read_sources(root: Path, problems: Problems, read: Reader | None = None) -> Sources:
    """Read content/ and newsletter/ below `root`; unreadable files become problems.
    `read` replaces read_markdown (a cache of files read before: courant.sourcecache)."""
    read = read or read_markdown
    content = root / "content"
    departments, dept_lines = _read_departments(root, content / "departments.yml", problems)
    items = [
        raw
        for path in _markdown_files(content, problems, root)
        if (raw := read(root, path, _kind_of(content, path), problems))
    ]
    issues = [
        raw
        for path in sorted((root / "newsletter").glob("*.md"))
        if not path.name.startswith((".", "~"))
        and (raw := read(root, path, None, problems))
    ]
    return Sources(departments, dept_lines, items, issues)


KNOWN_IN_CONTENT = {*ITEM_FOLDERS, "media", "departments.yml"}
MARKDOWN_LIKE = {".md", ".markdown", ".mdown", ".mkd"}


def _is_hidden(path: Path, base: Path) -> bool:
    """Editor and system leftovers (.#x.md, ._x.md from macOS, .obsidian/) are not sources."""
    return any(part.startswith((".", "~")) for part in path.relative_to(base).parts)


def _markdown_files(content: Path, problems: Problems, root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in ITEM_FOLDERS:
        base = content / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            if _is_hidden(path, content):
                continue
            if path.suffix == ".md":
                files.append(path)
            elif path.suffix.lower() in MARKDOWN_LIKE:
                problems.add(_rel(root, path), f"wordt niet gelezen: alleen bestanden die op "
                             f"'.md' eindigen tellen mee; hernoem het naar {path.stem}.md",
                             warning=True)
    for stray in sorted(content.iterdir()) if content.is_dir() else []:
        if stray.name in KNOWN_IN_CONTENT or stray.name.startswith("."):
            continue
        if stray.is_dir() and any(stray.rglob("*.md")):
            problems.add(_rel(root, stray), "is een map die courant niet kent: de stukken erin "
                         "worden niet gepubliceerd; zet ze in updates/, interviews/, agenda/, "
                         "reading/ of pages/", warning=True)
        elif stray.suffix.lower() in MARKDOWN_LIKE:
            problems.add(_rel(root, stray), "staat direct in content/; zet het in updates/, "
                         "interviews/, agenda/, reading/ of pages/, zodat courant weet wat voor "
                         "stuk het is", warning=True)
    return files


def _kind_of(content: Path, path: Path) -> Kind:
    return ITEM_FOLDERS[path.relative_to(content).parts[0]]


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Invisible control characters (from Word, a PDF or a mail): no feed, page or mail takes them."""


def control_message(char: str) -> str:
    return (f"bevat een onzichtbaar stuurteken (U+{ord(char):04X}) op deze regel, vaak "
            "meegekomen bij kopiëren uit Word, een pdf of een mail; verwijder het (typ de "
            "woorden rond die plek opnieuw)")


def read_markdown(root: Path, path: Path, kind: Kind | None,
                  problems: Problems) -> RawSource | None:
    """Read one Markdown file with front matter; None (and a problem) when it cannot be read."""
    name = _rel(root, path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        problems.add(name, "is geen UTF-8-tekst; sla het bestand op als UTF-8 "
                     "(in de meeste editors: 'Opslaan als' en dan codering UTF-8)", line=line)
        return None
    text = text.removeprefix("\ufeff")
    control = CONTROL.search(text)
    if control:
        problems.add(name, control_message(control.group()), line=text.count(
            "\n", 0, control.start()) + 1)
        return None
    if not re.match(r"^---[ \t]*\r?\n", text):
        problems.add(name, "begint niet met front matter; zet bovenaan een blok tussen twee "
                     "regels '---' met minstens 'title:'", line=1)
        return None
    handler = _LineTrackingHandler(text=text)
    try:
        _, body = frontmatter.parse(text, handler=handler)
    except yaml.YAMLError as err:
        problems.add(name, yaml_message(err), line=yaml_line(err, handler.first_line))
        return None
    meta = handler.loaded
    if meta is _UNREAD:
        problems.add(name, "de front matter is niet afgesloten; zet na de laatste sleutel een "
                     "regel met alleen '---'", line=1)
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.add(name, "de front matter is geen lijst van sleutels; schrijf elke regel als "
                     "'sleutel: waarde', bijvoorbeeld 'title: Mijn titel'", line=2)
        return None
    for key, line, earlier in handler.duplicates:
        problems.add(name, f"staat twee keer in de front matter (ook op regel {earlier}); "
                     "laat er één staan", key=key, line=line)
    body_line, end_line = _body_lines(text)
    too_much = excesses(body)  # what the Markdown converter would take minutes over
    for excess in too_much:
        problems.add(name, excess.message, line=body_line + excess.line(body) - 1)
    if too_much:
        return None  # nothing after this may parse it: validation, links, rendering
    return RawSource(PurePosixPath(name), kind, {str(k): v for k, v in meta.items()}, body,
                     handler.key_lines, body_line, end_line)


def _body_lines(text: str) -> tuple[int, int]:
    """1-based lines of the closing '---' and of the body's first non-blank line."""
    lines = text.splitlines()
    close = next((i for i in range(1, len(lines)) if re.match(r"^-{3,}\s*$", lines[i])), 0)
    start = close + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start + 1, close + 1


def yaml_line(err: yaml.YAMLError, first_line: int = 1) -> int | None:
    """The line to show: where an unclosed quote, list or key began, else where YAML stopped."""
    context = str(getattr(err, "context", None) or "")
    marks = [getattr(err, "problem_mark", None), getattr(err, "context_mark", None)]
    if context.startswith(("while scanning a", "while parsing a flow")):
        marks.reverse()
    mark = next((m for m in marks if m is not None), None)
    return mark.line + first_line if mark is not None else None


YAML_EXPLAINED: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed",
     "er staat een tweede dubbele punt, of de regel springt verkeerd in; zet tekst met een ':' "
     'tussen aanhalingstekens (title: "Let op: nieuwe regels") en laat de regel even ver '
     "inspringen als de sleutels erboven"),
    ("found character '\\t'", "er staat een tab; spring in met spaties"),
    ("while scanning a quoted scalar",
     "een aanhalingsteken wordt niet gesloten; zet hetzelfde aanhalingsteken aan het eind van "
     "de tekst"),
    ("while parsing a flow sequence",
     "een lijst tussen [ en ] wordt niet gesloten; zet aan het eind een ]"),
    ("while parsing a flow mapping",
     "een blok tussen { en } wordt niet gesloten; zet aan het eind een }"),
    ("could not find expected ':'",
     "op deze regel staat een sleutel zonder dubbele punt; schrijf 'sleutel: waarde'"),
    ("cannot start any token",
     "de tekst begint met een teken dat YAML zelf gebruikt; zet de tekst tussen aanhalingstekens"),
    ("found undefined alias",
     "de tekst begint met een * (of &); zet de tekst tussen aanhalingstekens"),
    ("while scanning an a",  # an alias (*) or an anchor (&)
     "de tekst begint met een * (of &); zet de tekst tussen aanhalingstekens"),
    ("could not determine a constructor",
     "de tekst begint met een ! (of !!); zet de tekst tussen aanhalingstekens"),
    ("found unhashable key",
     "een sleutel staat tussen [ ] of { }; schrijf gewone 'sleutel: waarde'-regels"),
    ("while scanning a block scalar",
     "de tekst begint met een | of >; zet de tekst tussen aanhalingstekens"),
    ("sequence entries are not allowed",
     "een lijst met '-' begint op de regel na de sleutel; zet elk onderdeel op een eigen "
     "ingesprongen regel ('  - Anna'), of schrijf de lijst als [Anna, Omar]"),
    ("special characters are not allowed",
     "er staat een onzichtbaar stuurteken, vaak meegekomen bij kopiëren uit Word, een pdf of een "
     "mail; verwijder het (typ de woorden rond die plek opnieuw)"),
    ("expected <block end>",
     "deze regel past niet bij de regels erboven; laat hem even ver inspringen als de sleutels "
     "erboven, en laat tekst die met een aanhalingsteken begint er ook mee eindigen (tekst met "
     "een ' erin zet je tussen dubbele aanhalingstekens)"),
)


def yaml_message(err: yaml.YAMLError, what: str = "de front matter") -> str:
    """A Dutch explanation of a YAML error; PyYAML's own words only when nothing fits."""
    said = f"{getattr(err, 'context', None) or ''} {getattr(err, 'problem', None) or ''}"
    explained = next((text for pattern, text in YAML_EXPLAINED if pattern in said), None)
    if explained is None:
        explained = ("controleer de dubbele punt na de sleutel, en zet tekst met een ':' of "
                     f"'#' tussen aanhalingstekens (YAML meldt: {said.strip() or 'onleesbaar'})")
    return f"{what} is geen geldige YAML: {explained}"


def _read_departments(root: Path, path: Path, problems: Problems) -> tuple[Any, dict[str, int]]:
    name = _rel(root, path)
    if not path.is_file():
        problems.add(name, "ontbreekt; maak het aan met een lijst van afdelingen "
                     "(key, name) zoals in de handleiding")
        return [], {}
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problems.add(name, "is geen UTF-8-tekst; sla het bestand op als UTF-8")
        return [], {}
    control = CONTROL.search(text)
    if control:
        problems.add(name, control_message(control.group()),
                     line=text.count("\n", 0, control.start()) + 1)
        return [], {}
    lines: dict[str, int] = {}
    try:
        data = parse_yaml(text)
        _department_lines(text, lines)
    except yaml.YAMLError as err:
        problems.add(name, yaml_message(err, "het bestand"), line=yaml_line(err))
        return [], {}
    return data, lines


def _department_lines(text: str, lines: dict[str, int]) -> None:
    """Line of each list entry (by position) for messages about departments.yml."""
    loader = _EditorLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if isinstance(node, yaml.SequenceNode):
        for index, entry in enumerate(node.value):
            lines[str(index)] = entry.start_mark.line + 1
            if isinstance(entry, yaml.MappingNode):
                for key_node, _ in entry.value:
                    lines[f"{index}.{key_node.value}"] = key_node.start_mark.line + 1
