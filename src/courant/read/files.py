"""Read the editors' files: content/ and newsletter/ -> RawSource, problems for what cannot be read.

Which files are sources (Markdown in the known folders; no symlinks out of content/, no other
file types published), each split by python-frontmatter with courant's YAML loader (yamlload.py:
dates as text, YAML 1.2 booleans, each key's line).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from courant.model import Kind
from courant.problems import Problems
from courant.read.markdown_limits import excesses
from courant.read.yamlcheck import (
    FORBIDDEN,
    value_faults,
    yaml_line,
    yaml_message,
)
from courant.read.yamlload import UNREAD, FastEditorLoader, LineTrackingHandler, parse_yaml

ITEM_FOLDERS = {kind.value: kind for kind in Kind}


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
    series: Any = None  # content/series.yml (optional): None when there is none
    series_lines: dict[str, int] = field(default_factory=dict)


Reader = Callable[[Path, Path, Kind | None, Problems], "RawSource | None"]


def read_sources(root: Path, problems: Problems, read: Reader | None = None,
                 walk_folder: Walk | None = None) -> Sources:
    """Read content/ and newsletter/ below `root`; unreadable files become problems.
    `read` replaces read_markdown (the pipeline's keeps files read before: build/cache.py),
    `walk_folder` walk."""
    read = read or read_markdown
    content = root / "content"
    if content.exists() and not content.is_dir():
        problems.add("content", "is een bestand, geen map; maak een map content/ met daarin "
                     "departments.yml en de mappen updates/, agenda/, pages/ enzovoort")
        return Sources([], {}, [], [])
    walk_folder = walk_folder or walk
    check_links_on_disk(root, problems, walk_folder)
    departments, dept_lines = _read_departments(root, content / "departments.yml", problems)
    series_file = content / "series.yml"
    series, series_lines = _read_yaml_list(root, series_file, problems) \
        if series_file.exists() else (None, {})
    items = [
        raw
        for path, kind in _markdown_files(content, problems, root, walk_folder)
        if (raw := read(root, path, kind, problems))
    ]
    issues = [raw for path in _issue_files(root, problems)
              if (raw := read(root, path, None, problems))]
    return Sources(departments, dept_lines, items, issues, series, series_lines)


def _issue_files(root: Path, problems: Problems) -> list[Path]:
    """newsletter/*.md; a folder with such a name, or an issue file where courant does not
    look for one, is said (it would be missing from the newsletter without a word)."""
    folder = root / "newsletter"
    if not folder.is_dir():
        if folder.exists():
            problems.add("newsletter", "is een bestand, geen map; maak een map newsletter/ met "
                         "daarin een bestand per nummer, zoals newsletter/2026-12.md")
        return []
    files = []
    for path in sorted(folder.iterdir()):
        name = _rel(root, path)
        if path.name.startswith((".", "~")):
            continue
        if path.is_dir():
            _issue_folder(root, path, problems)
        elif path.suffix == ".md":
            files.append(path)
        elif path.suffix.lower() in MARKDOWN_LIKE:
            problems.add(name, f"wordt niet gelezen: alleen bestanden die op '.md' eindigen "
                         f"tellen mee; hernoem het naar {path.stem}.md", warning=True)
    return files


def _issue_folder(root: Path, path: Path, problems: Problems) -> None:
    name = _rel(root, path)
    if path.suffix.lower() in MARKDOWN_LIKE:
        problems.add(name, f"is een map, geen bestand; een nummer van de nieuwsbrief is één "
                     f"bestand: haal de map weg en maak een bestand {name}")
    elif any(p.suffix == ".md" for p in path.rglob("*")):
        problems.add(name, "is een submap; courant leest alleen de nummers die direct in "
                     "newsletter/ staan: zet de bestanden daar (newsletter/2026-12.md)",
                     warning=True)


SOURCE_FOLDERS = ("content", "newsletter")


def check_links_on_disk(root: Path, problems: Problems, walk_folder: Walk | None = None
                        ) -> None:
    """Every symbolic link in content/ and newsletter/ must lead to a file or folder inside
    them that is not itself a source: a link to /etc/passwd named logo.png, or to a staff
    item under another name, would publish what it points at."""
    inside = [(root / folder).resolve() for folder in SOURCE_FOLDERS]
    for folder in SOURCE_FOLDERS:
        for path in (walk_folder or walk)(root / folder, ()).links:
            fault = _symlink_fault(root, path, inside)
            if fault:
                problems.add(_rel(root, path), fault)


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
"""Images an item may show (`image:`, `![...]`). No SVG: it is a document that can carry
script, which runs on the site's own address once someone opens the file itself."""
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".doc", ".xls",
                     ".ppt", ".rtf", ".txt", ".csv", ".mp3", ".m4a", ".mp4", ".webm")
"""Other files an item may link to: documents and media a browser shows or downloads, but
never runs as a page of the site (.html, .svg, .js, .xml could)."""
PUBLISHED_SUFFIXES = frozenset(IMAGE_SUFFIXES + DOCUMENT_SUFFIXES)


def file_type_fault(written: str, suffix: str) -> str | None:
    """Why a file of this type may not be published from content/, if it may not."""
    if suffix.lower() in PUBLISHED_SUFFIXES:
        return None
    kind = f"een {suffix}-bestand" if suffix else "een bestand zonder extensie"
    return (f'"{written}" is {kind}; zo\'n bestand publiceert courant niet, want een browser '
            "kan het als pagina van de site openen en de code erin uitvoeren: link naar een PDF of "
            "een ander document (" + ", ".join(DOCUMENT_SUFFIXES[:4]) + ", ...), zet tekst in "
            "een .md-bestand, en sla een afbeelding op als .png of .jpg")


def published_file_fault(root: Path, path: Path) -> str | None:
    """Why the file at `path` (in content/) may not be published, if it may not: a second
    guard, at the moment it is read, behind the checks of every link and image at load."""
    type_fault = file_type_fault(path.name, path.suffix)
    if type_fault:
        return type_fault
    inside = [(root / folder).resolve() for folder in SOURCE_FOLDERS]
    return _symlink_fault(root, path, inside) if any(
        p.is_symlink() for p in [path, *path.parents] if p.is_relative_to(root) and p != root
    ) else None


def _symlink_fault(root: Path, path: Path, inside: list[Path]) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ("is een snelkoppeling (symlink) die nergens heen wijst; zet het bestand zelf "
                "hier neer, of verwijder de snelkoppeling")
    if not any(target.is_relative_to(folder) for folder in inside):
        return ("is een snelkoppeling (symlink) naar iets buiten content/ en newsletter/; "
                "courant publiceert alleen wat echt in die mappen staat: zet het bestand zelf "
                "hier neer")
    if _is_source(root, target) or (target.is_dir() and any(
            _is_source(root, p) for p in target.rglob("*"))):
        where = target.relative_to(root.resolve()).as_posix()
        return (f"is een snelkoppeling (symlink) naar {where}, dat zelf een bronbestand is (of "
                "bevat): zo zou de tekst ervan onder een andere naam verschijnen; link in de "
                "tekst naar het stuk zelf, of kopieer wat hier hoort")
    return None


def _is_source(root: Path, path: Path) -> bool:
    """A file courant reads as a source: Markdown in content/ or newsletter/, or a YAML file
    of content/ (departments.yml, series.yml)."""
    return path.is_file() and (path.suffix.lower() in MARKDOWN_LIKE or (
        path.suffix.lower() in {".yml", ".yaml"} and path.parent == (root / "content").resolve()))


KNOWN_IN_CONTENT = {*ITEM_FOLDERS, "media", "departments.yml", "series.yml"}
MARKDOWN_LIKE = {".md", ".markdown", ".mdown", ".mkd"}


HIDDEN = (".", "~")
"""Editor and system leftovers (.#x.md, ._x.md from macOS, .obsidian/, ~x.md) are not
sources, nor is anything in a folder so named."""


def _is(test: Callable[[], bool]) -> bool:
    """A file test that counts a file it cannot look at (a broken link) as not there."""
    try:
        return test()
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Walked:
    """The files below a folder, in the order of their paths (as Path sorts them: part by
    part), and the symbolic links met (not followed into); each folder listed, with what
    `state` said of it just before."""

    files: tuple[Path, ...]
    links: tuple[Path, ...]
    folders: tuple[tuple[str, object], ...]


def walk(base: Path, skip: tuple[str, ...] = HIDDEN,
         state: Callable[[str], object] = lambda _folder: None) -> Walked:
    """What is below `base`, but for entries (and folders) whose name starts with `skip`; a
    folder that cannot be read is passed over (as os.walk and Path.rglob do). os.scandir
    tells links, folders and files apart from the listing, without a stat of each file."""
    files: list[str] = []
    links: list[str] = []
    folders: list[tuple[str, object]] = []
    pending = [str(base)]
    while pending:
        folder = pending.pop()
        folders.append((folder, state(folder)))
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if skip and entry.name.startswith(skip):
                continue
            if entry.is_symlink():
                links.append(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif _is(entry.is_file):
                files.append(entry.path)
    return Walked(_in_order(files), _in_order(links), tuple(folders))


def _in_order(names: list[str]) -> tuple[Path, ...]:
    return tuple(map(Path, sorted(names, key=lambda name: name.split(os.sep))))


Walk = Callable[[Path, tuple[str, ...]], Walked]
"""walk's shape: what read_sources finds files and links with (in the preview, a memo of it
that lists again only what changed: build/cache.py's Cache.walker)."""


def _markdown_files(content: Path, problems: Problems, root: Path,
                    walk_folder: Walk = walk) -> list[tuple[Path, Kind]]:
    """The Markdown files of each item folder, with the kind the folder holds, in the order
    of their paths (as Path sorts them: part by part)."""
    files: list[tuple[Path, Kind]] = []
    for folder, kind in ITEM_FOLDERS.items():
        base = content / folder
        if not base.is_dir():
            continue
        for path in walk_folder(base, HIDDEN).files:
            if path.suffix == ".md":
                files.append((path, kind))
            elif path.suffix.lower() in MARKDOWN_LIKE:
                problems.add(_rel(root, path), f"wordt niet gelezen: alleen bestanden die op "
                             f"'.md' eindigen tellen mee; hernoem het naar {path.stem}.md",
                             warning=True)
    for stray in sorted(content.iterdir()) if content.is_dir() else []:
        if stray.name in ITEM_FOLDERS and not stray.is_dir():
            problems.add(_rel(root, stray), f"is een bestand, geen map; maak een map "
                         f"content/{stray.name}/ en zet de stukken daarin")
            continue
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


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


CONTROL = FORBIDDEN
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
        data = path.read_bytes()
    except OSError as err:
        problems.add(name, unreadable_message(err))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
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
    handler = LineTrackingHandler(text=text)
    try:
        _, body = frontmatter.parse(text, handler=handler)
    except yaml.YAMLError as err:
        problems.add(name, yaml_message(err), key=getattr(err, "key", None),
                     line=yaml_line(err, handler.first_line))
        return None
    meta = handler.loaded
    if meta is UNREAD:
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
    raw = RawSource(PurePosixPath(name), kind, {str(k): v for k, v in meta.items()}, body,
                    handler.key_lines, *_body_lines(text))
    faults = value_faults(raw.meta)
    for fault in faults:
        problems.add(name, fault.message, key=fault.key, line=raw.line(fault.where))
    too_much = excesses(body)  # what the Markdown converter would take minutes over
    for excess in too_much:
        problems.add(name, excess.message, line=raw.body_line + excess.line(body) - 1)
    return None if faults or too_much else raw  # nothing after this may parse it


def text_files(root: Path) -> list[tuple[Path, str]]:
    """The Markdown files read_sources reads (the items', then the issues'), each with its
    name from `root`, found the same way but without a word about anything else."""
    ignored = Problems()
    content = root / "content"
    items = [path for path, _kind in _markdown_files(content, ignored, root)] \
        if content.is_dir() else []
    return [(path, _rel(root, path)) for path in [*items, *_issue_files(root, ignored)]]


def markdown_body(path: Path) -> str | None:
    """The body read_markdown gives a file, without reading its front matter: for work done
    ahead of the reading, such as scoring its text, where a file that reads otherwise costs
    only the time to do that work again. None where read_markdown refuses the text itself (a
    control character, no front matter, what the converter would take minutes over), so
    that such work never takes longer than for the files that are read."""
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
    if CONTROL.search(text) or not re.match(r"^---[ \t]*\r?\n", text):
        return None
    body = frontmatter.parse(text, handler=_BodyOnly())[1]
    return None if excesses(body) else body


class _BodyOnly(YAMLHandler):
    """python-frontmatter's split of a file, with the front matter left unread."""

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        return {}


def unreadable_message(err: OSError) -> str:
    """A file that is there but cannot be read: a folder, no permission, a broken link."""
    if isinstance(err, IsADirectoryError):
        return "is een map, geen bestand; haal de map weg of geef hem een andere naam"
    if isinstance(err, PermissionError):
        return ("mag niet gelezen worden (geen leesrechten); geef iedereen die bouwt het recht "
                "het bestand te lezen")
    if isinstance(err, FileNotFoundError):
        return ("bestaat niet meer (een snelkoppeling naar een bestand dat weg is?); haal het "
                "weg of zet het bestand terug")
    return (f"kan niet gelezen worden (foutcode {err.errno}); sla het bestand opnieuw op als "
            "gewoon bestand")


def _body_lines(text: str) -> tuple[int, int]:
    """1-based lines of the closing '---' and of the body's first non-blank line."""
    lines = text.splitlines()
    close = next((i for i in range(1, len(lines)) if re.match(r"^-{3,}\s*$", lines[i])), 0)
    start = close + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start + 1, close + 1


def _read_departments(root: Path, path: Path, problems: Problems) -> tuple[Any, dict[str, int]]:
    name = _rel(root, path)
    if not path.exists():
        problems.add(name, "ontbreekt; maak het aan met een lijst van afdelingen "
                     "(key, name) zoals in de handleiding")
        return [], {}
    return _read_yaml_list(root, path, problems)


def _read_yaml_list(root: Path, path: Path, problems: Problems) -> tuple[Any, dict[str, int]]:
    """A YAML file of content/ that holds a list of entries (departments.yml, series.yml), and
    the line of each entry and key; ([], {}) with problems when it cannot be read."""
    name = _rel(root, path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        problems.add(name, unreadable_message(err))
        return [], {}
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
        _entry_lines(text, lines)
    except yaml.YAMLError as err:
        problems.add(name, yaml_message(err, "het bestand"), line=yaml_line(err))
        return [], {}
    faults = value_faults(data)
    for fault in faults:
        problems.add(name, fault.message, key=fault.key, line=lines.get(
            fault.where, lines.get(str(fault.path[0]) if fault.path else "")))
    return ([], {}) if faults else (data, lines)


def _entry_lines(text: str, lines: dict[str, int]) -> None:
    """Line of each list entry (by position) for messages about departments.yml and
    series.yml."""
    loader = FastEditorLoader(text)
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
