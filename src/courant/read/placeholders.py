"""The placeholders `courant new` writes, and the check that none of them is left.

A placeholder is text between « and »: `summary: «Eén of twee zinnen ...»`. Those signs were
chosen because Dutch text does not use them (it quotes with „ " or ' '), YAML and Markdown give
them no meaning (a value starting with « needs no quotes, unlike one with a colon, as in
"VUL IN: ..."), and an editor sees at once which part of the line is still to write. Whatever a
placeholder holds, `courant check` refuses it as an error on its line, quoting it: the text
inside says what to write there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from courant.problems import Problems
from courant.read.yamlload import texts_in

OPEN, CLOSE = "«", "»"
PLACEHOLDER = re.compile(f"{OPEN}[^{CLOSE}\n]*{CLOSE}?")


def placeholder(text: str) -> str:
    """`text` as a placeholder: «text»."""
    return f"{OPEN}{text}{CLOSE}"


def in_value(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(key path, placeholder) of every placeholder in front matter: 'person.name',
    'authors.0', ..."""
    for key, text in texts_in(value, path):
        for found in PLACEHOLDER.findall(text):
            yield key, found


def in_body(body: str) -> Iterator[tuple[int, str]]:
    """(line in the text, 1-based; placeholder) of every placeholder in a Markdown text."""
    for number, line in enumerate(body.splitlines(), start=1):
        for found in PLACEHOLDER.findall(line):
            yield number, found


def message(found: str) -> str:
    shown = found if len(found) <= 80 else f"{found[:77]}…{CLOSE}"
    return (f"{shown} is nog de opzet van 'courant new'; schrijf hier wat er tussen « » "
            "gevraagd wordt, zonder de tekens « en »")


def _key(path: str) -> str:
    """The key as messages name it: 'authors' for the list's 'authors.0'."""
    return ".".join(part for part in path.split(".") if not part.isdigit())


def check_placeholders(file: str, meta: dict[str, Any], body: str, body_line: int,
                       line_of: Callable[[str], int | None], problems: Problems) -> set[str]:
    """Add an error for each placeholder left in a file; the top-level keys that hold one
    (whose other problems are then not reported: the placeholder says what to write)."""
    keys = set()
    for path, found in in_value(meta):
        keys.add(path.split(".")[0])
        problems.add(file, message(found), key=_key(path), line=line_of(path))
    for number, found in in_body(body):
        problems.add(file, message(found), line=body_line + number - 1)
    return keys
