"""A template that fails (in theme/, which users may override: the mail's Jinja templates, the
site engine's), said as a problem at its place in the template, for exit code 2."""

from __future__ import annotations

import os
import traceback

from courant.problems import Problem

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


class TemplateFailed(Exception):
    """A template failed in the build's second process (workers.py): its problem, at its
    place, as the template error itself would have said it here."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def pin_template_place(error: BaseException) -> None:
    """Give a template error its place (`filename`, `lineno`) from its traceback, where Jinja
    shows the template as a frame; a syntax error has them already."""
    if getattr(error, "filename", None) is not None:
        return
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(TEMPLATE_SUFFIXES):
            error.filename, error.lineno = frame.f_code.co_filename, number  # type: ignore[attr-defined]


def template_problem(error: BaseException) -> Problem:
    """A failing template (in theme/, which users may override) as a problem at its place."""
    pin_template_place(error)
    name: str = getattr(error, "filename", None) or "theme/"
    shown = os.path.relpath(name) if os.path.isabs(name) else name
    message = getattr(error, "message", None) or str(error)
    return Problem(name if shown.startswith("..") else shown, f"fout in een template: {message}",
                   line=getattr(error, "lineno", None))
