"""Editors' files that the Markdown converter used to take minutes over, or crash on: the
inputs of `scripts/bench --slow-input` and of tests/unit/test_markdown_limits.py.

Each case is one body of about `size` characters; `courant check` must refuse it (see
src/courant/read/markdown_limits.py), so that a check and a build of a project holding it stop at
once with the message, instead of stalling the build.
"""

from __future__ import annotations

from collections.abc import Callable


def _lines(line: Callable[[int], str], size: int) -> str:
    out, length, i = [], 0, 0
    while length < size:
        out.append(line(i))
        length += len(out[-1]) + 1
        i += 1
    return "\n".join(out)


CASES: dict[str, Callable[[int], str]] = {
    "[ x N": lambda n: "[" * n,  # the case: 20 KB took the build from 6 s to 150 s
    "'[ ' x N": lambda n: "[ " * (n // 2),
    "'![' x N": lambda n: "![" * (n // 2),
    "'[](' x N": lambda n: "[](" * (n // 3),
    "'[a](' x N": lambda n: "[a](" * (n // 4),
    "'[x][' x N": lambda n: "[x][" * (n // 4),
    "N/2 '[' then N/2 ']'": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "'<a ' x N": lambda n: "<a " * (n // 3),
    "'<![CDATA[' x N": lambda n: "<![CDATA[" * (n // 9),
    "emphasis nested": lambda n: "*a " * (n // 6) + "b" + " c*" * (n // 6),
    "list nested": lambda n: _lines(lambda i: "    " * i + "- a", n),
    "quote nested": lambda n: _lines(lambda i: "> " * (i + 1) + "a", n),
    "admonitions nested": lambda n: _lines(lambda i: "    " * i + "!!! note", n),
    "headings, no blank line": lambda n: "## a\n" * (n // 5),
    "rules, no blank line": lambda n: "***\n" * (n // 4),
    "list of N/4 items": lambda n: "- a\n" * (n // 4),
    '<div markdown="1"> nested': lambda n: '<div markdown="1">\n' * (n // 19),
}


def body(case: str, size: int = 20_000) -> str:
    return CASES[case](size)
