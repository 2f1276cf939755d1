"""What every command shares: the two consoles, the exit codes with the errors that lead to
them (editor_errors), and --map. Editors' mistakes become messages and exit code 1, never
tracebacks; a template or mkdocs.yml that cannot be used exit code 2, the machine (a full
disk, no permission) exit code 3, SIGTERM and Ctrl+C 143 and 130."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import jinja2
from rich.console import Console

from courant.build.oserrors import SystemFault, explain
from courant.build.output import OutputError
from courant.build.stopping import Stopped
from courant.build.templateerrors import TemplateFailed, template_problem
from courant.cli import dutch
from courant.engine import EngineError
from courant.problems import ContentError, Problem
from courant.wording import counted

dutch.install()  # before any command is defined: Click translates some texts right away

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        style = "yellow" if not problem.is_error else "red"
        err.print(str(problem), style=style, markup=False)


@contextmanager
def editor_errors(writes_to: Path | None = None) -> Iterator[None]:
    """Turn the errors an editor can cause into readable messages and exit code 1 (and
    those of templates and of the machine into 2 and 3; `writes_to`: the command's output)."""
    try:
        yield
    except ContentError as error:
        print_problems(error.problems)
        count = sum(1 for p in error.problems if p.is_error)
        err.print(f"{counted(count, 'fout', 'fouten')} gevonden; er is niets "
                  "gepubliceerd en dist/ is niet veranderd.", style="bold red")
        sys.exit(SOURCES)
    except (EngineError, OutputError) as error:
        cannot_build(str(error))
    except (jinja2.TemplateError, TemplateFailed) as error:  # in theme/ (users override them)
        failed = error.problem if isinstance(error, TemplateFailed) else template_problem(error)
        cannot_build(f"{failed}; herstel de template, of haal je eigen versie uit theme/ weg")
    except SystemFault as error:
        cannot_build(str(error), SYSTEM)
    except OSError as error:  # a full disk, no permission: the machine, not the sources
        cannot_build(explain(error, writes_to), SYSTEM)
    except Stopped as stop:
        err.print(f"Gestopt ({stop}): er is niets half gepubliceerd; dist/ is de vorige versie, "
                  "of de nieuwe als die al klaar was.", style="bold red", markup=False)
        sys.exit(stop.exit_code)


# exit codes (README, Commands): 1 the sources, 2 a template or mkdocs.yml, 3 the machine
SOURCES, SETUP, SYSTEM = 1, 2, 3


def cannot_build(reason: str, code: int = SETUP) -> None:
    err.print(f"De site kon niet worden gebouwd: {reason}", style="bold red", markup=False)
    err.print("dist/ is niet veranderd.", style="red")
    sys.exit(code)


def project_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--map", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
        show_default=True, help="De map van het project (met mkdocs.yml, content/ en newsletter/).",
    )(func)
