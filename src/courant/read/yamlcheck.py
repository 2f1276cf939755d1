"""What a parsed YAML value may not hold, whatever file it comes from (front matter,
departments.yml, mkdocs.yml): characters no page, feed or mail can carry, and nesting deeper
than any key of courant needs.

YAML's double-quoted escapes ("\\x07", "\\ud800", "\\uffff") make characters the file's own
bytes cannot hold, so the check on the text of a file does not see them: these are checked on
the values. Parsing deep nesting recurses (PyYAML's composer, and everything after it), so the
nesting is measured without recursion, first on the values and, when the parser itself gave
up, on YAML's tokens. The Dutch explanation of YAML's own errors is here too, for the same
three files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_DEPTH = 50
"""Lists and blocks inside each other: courant's own keys need at most four (mkdocs.yml's
theme.palette), MkDocs' extensions a few more."""

MAX_VALUES = 10_000
"""Values in one file, counted as walked: YAML's anchors and aliases (`&a` ... `*a`) repeat a
list inside a list without copying it, and nine of them make 400 million values to walk."""

FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Control characters, halves of a surrogate pair and the two non-characters XML refuses."""


@dataclass(frozen=True, slots=True)
class Fault:
    """A value that cannot be published: where it is (keys and list positions from the top)
    and what is wrong."""

    path: tuple[str | int, ...]
    message: str

    @property
    def key(self) -> str | None:
        """The key an editor sees: list positions left out (`tags`, not `tags.2`)."""
        return ".".join(p for p in self.path if isinstance(p, str)) or None

    @property
    def where(self) -> str:
        """Keys and positions, dotted (`0.name`: the first entry's name), to find its line."""
        return ".".join(str(p) for p in self.path)


def character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return (f"bevat een half teken ({code}), geschreven als code met een \\ tussen "
                "aanhalingstekens: zo'n teken bestaat alleen als paar; schrijf het teken zelf "
                "(bijvoorbeeld een emoji) of haal de code weg")
    if char in "\ufffe\uffff":
        return (f"bevat {code}, een code die geen teken is, geschreven met een \\ tussen "
                "aanhalingstekens (zoals \\uffff) of meegekomen bij kopiëren; haal hem weg")
    return (f"bevat een onzichtbaar stuurteken ({code}), geschreven als code met een \\ tussen "
            "aanhalingstekens (zoals \\x07 of \\a), of meegekomen bij kopiëren; haal het weg")


SIZE_MESSAGE = (f"bevat te veel waarden (meer dan {MAX_VALUES:_}, vaak doordat * en & in YAML "
                "een lijst vele keren herhalen); courant heeft er hoogstens enkele tientallen "
                "nodig: haal de * en & weg en schrijf de waarden zelf").replace("_", ".")

DEPTH_MESSAGE = (f"is te diep genest: er staan meer dan {MAX_DEPTH} lijsten of blokken in "
                 "elkaar; courant gebruikt er hoogstens een paar (zoals 'person:' met 'name:' "
                 "eronder): haal de extra haakjes [ ] en { } of inspringingen weg")


def value_faults(data: Any) -> list[Fault]:
    """Every top-level key's first fault (and the document's own), in the file's order."""
    if _clean(data, 0, [MAX_VALUES]):
        return []  # the usual case, found faster than where a fault is
    faults: dict[str | int, Fault] = {}
    stack: list[tuple[tuple[str | int, ...], Any, int]] = [((), data, 0)]
    walked = 0
    while stack:
        path, value, depth = stack.pop()
        top = path[0] if path else ""
        if top in faults:
            continue
        walked += 1
        if walked > MAX_VALUES:
            faults[top] = Fault(_named_part(path), SIZE_MESSAGE)
            break
        if depth > MAX_DEPTH:
            faults[top] = Fault(_named_part(path), DEPTH_MESSAGE)
            continue
        found = _forbidden_in(value)
        if found is not None:
            faults[top] = Fault(path, character_message(found))
            continue
        stack.extend(reversed(_children(path, value, depth)))
    return sorted(faults.values(), key=lambda f: _order(data, f.path))


def _clean(value: Any, depth: int, budget: list[int]) -> bool:
    """No fault anywhere in `value`, within the `budget` of values left to walk: recursion
    no deeper than MAX_DEPTH + 1."""
    budget[0] -= 1
    if budget[0] < 0:
        return False
    if isinstance(value, str):
        return FORBIDDEN.search(value) is None
    if depth >= MAX_DEPTH and isinstance(value, dict | list):
        return False
    if isinstance(value, dict):
        return all(_clean(k, depth, budget) and _clean(v, depth + 1, budget)
                   for k, v in value.items())
    if isinstance(value, list):
        return all(_clean(v, depth + 1, budget) for v in value)
    return True


def _named_part(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Where deep nesting starts, as an editor names it: the keys down to the first list
    (`tags`, `0.topics`, `extra.generator`), at most three steps."""
    for index, part in enumerate(path):
        if isinstance(part, int) and any(isinstance(p, str) for p in path[:index]):
            return path[:min(index, 3)]
    return path[:3]


def _forbidden_in(value: Any) -> str | None:
    if isinstance(value, str):
        match = FORBIDDEN.search(value)
        return match.group() if match else None
    if isinstance(value, dict):
        return next((found for key in value if (found := _forbidden_in(key))), None)
    return None


Step = tuple[tuple[str | int, ...], Any, int]


def _children(path: tuple[str | int, ...], value: Any, depth: int) -> list[Step]:
    if isinstance(value, dict):
        return [((*path, str(key)), item, depth + 1) for key, item in value.items()]
    if isinstance(value, list):
        return [((*path, index), item, depth + 1) for index, item in enumerate(value)]
    return []


def _order(data: Any, path: tuple[str | int, ...]) -> int:
    """A fault's place in the file: its top-level key's (or entry's) position."""
    if not path:
        return -1
    if isinstance(data, dict):
        keys = [str(k) for k in data]
        return keys.index(str(path[0])) if str(path[0]) in keys else -1
    return path[0] if isinstance(path[0], int) else -1


NESTING_STARTS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
NESTING_ENDS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's scanner where it is installed: a hundred times faster on a file of 40,000 '['."""


def too_deep_line(text: str) -> tuple[int, str | None] | None:
    """Where the nesting passes MAX_DEPTH: the 0-based line and the top-level key it is under,
    read from YAML's tokens (which the scanner makes without recursion; libyaml's stops at its
    own limit, and says where); None when it never does or the text is not YAML."""
    depth, key, after_key = 0, None, False
    try:
        for token in yaml.scan(text, Loader=SCANNER):
            if isinstance(token, NESTING_STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(token.start_mark.line), key
            elif isinstance(token, NESTING_ENDS):
                depth -= 1
            elif depth == 1 and isinstance(token, yaml.ScalarToken) and after_key:
                key = str(token.value)
            after_key = depth == 1 and isinstance(token, yaml.KeyToken)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return (int(mark.line), key) if NestingTooDeep.said_by(err) and mark else None
    return None


class NestingTooDeep(yaml.MarkedYAMLError):
    """YAML nested so deep that parsing it ran out of recursion; `key` is the top-level key
    it is under, when there is one."""

    key: str | None = None

    @staticmethod
    def said_by(err: BaseException) -> bool:
        """True for the parser giving up on nesting: libyaml's own limit, or recursion."""
        return isinstance(err, RecursionError) or "exceeded maximum nesting depth" in str(err)

    @classmethod
    def found_in(cls, text: str) -> NestingTooDeep:
        line, key = too_deep_line(text) or (0, None)
        error = cls(problem=DEPTH_MESSAGE, problem_mark=yaml.Mark("", 0, line, 0, None, 0))
        error.key = key
        return error


def failing_mark(loader: Any, node: yaml.Node) -> Any:
    """Where the innermost value that could not be constructed starts (`date: !!timestamp
    2026-02-30`, also inside a block), else the document's start."""
    mark = node.start_mark
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        children = [v for _, v in node.value] if isinstance(node, yaml.MappingNode) \
            else list(node.value)
        failing = next((child for child in children if _fails(loader, child)), None)
        if failing is None:
            break
        node, mark = failing, failing.start_mark
    return mark


def _fails(loader: Any, node: yaml.Node) -> bool:
    loader.constructed_objects, loader.recursive_objects = {}, {}
    try:
        loader.construct_object(node, deep=True)
    except (ValueError, TypeError, yaml.YAMLError):
        return True
    return False


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
    if isinstance(err, NestingTooDeep):
        return DEPTH_MESSAGE if err.key else f"{what} {DEPTH_MESSAGE}"
    said = f"{getattr(err, 'context', None) or ''} {getattr(err, 'problem', None) or ''}"
    explained = next((text for pattern, text in YAML_EXPLAINED if pattern in said), None)
    if explained is None:
        explained = ("controleer de dubbele punt na de sleutel, en zet tekst met een ':' of "
                     f"'#' tussen aanhalingstekens (YAML meldt: {said.strip() or 'onleesbaar'})")
    return f"{what} is geen geldige YAML: {explained}"
