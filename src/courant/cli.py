"""The `courant` command. Editors' mistakes become messages and exit code 1, never tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from courant import clock, pipeline
from courant.engine import EngineError
from courant.output import OutputError
from courant.problems import ContentError, Problem
from courant.scaffold import ALIASES, create, templates

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        style = "yellow" if not problem.is_error else "red"
        err.print(str(problem), style=style, markup=False)


@contextmanager
def editor_errors() -> Iterator[None]:
    """Turn the errors an editor can cause into readable messages and exit code 1."""
    try:
        yield
    except ContentError as error:
        _print_problems(error.problems)
        count = sum(1 for p in error.problems if p.is_error)
        err.print(f"{count} {'fout' if count == 1 else 'fouten'} gevonden; er is niets "
                  "gepubliceerd en dist/ is niet veranderd.", style="bold red")
        sys.exit(1)
    except (EngineError, OutputError) as error:
        err.print(f"De site kon niet worden gebouwd: {error}", style="bold red", markup=False)
        err.print("dist/ is niet veranderd.", style="red")
        sys.exit(2)


def project_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--map", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
        show_default=True, help="De map van het project (met mkdocs.yml, content/ en newsletter/).",
    )(func)


class _DutchHelp:
    """Click's own option texts in Dutch, like the rest of the help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp."
        return option


class DutchCommand(_DutchHelp, click.Command):
    pass


class DutchGroup(_DutchHelp, click.Group):
    command_class = DutchCommand


@click.group(cls=DutchGroup, context_settings=CONTEXT)
@click.version_option(package_name="courant", message="courant %(version)s",
                      help="Toon de versie van courant.")
def main() -> None:
    """courant maakt van de Markdown van de redactie het intranet, de nieuwsbrief in twee
    edities (medewerkers en partners), feeds en een agenda.

    Begin met 'courant check' om je werk te controleren en 'courant serve' om het te bekijken.
    """


@main.command(context_settings=CONTEXT)
@project_option
@click.option("--strikt", "--strict", "strict", is_flag=True,
              help="Behandel waarschuwingen als fouten.")
def check(root: Path, strict: bool) -> None:
    """Controleer alle bestanden, zonder iets te bouwen (snel; doe dit voor je iets inlevert)."""
    with editor_errors():
        warnings = pipeline.check(pipeline.Project(root))
    _print_problems(warnings)
    if strict and warnings:
        err.print(f"{len(warnings)} waarschuwingen; met --strict telt dat als fout.",
                  style="bold red")
        sys.exit(1)
    out.print(f"Alles in orde{' (met waarschuwingen)' if warnings else ''}.", style="green")


@main.command(context_settings=CONTEXT)
@project_option
def build(root: Path) -> None:
    """Controleer alles en bouw dist/: het intranet, de publieke site, mails, feeds en agenda.

    Bij een fout blijft de vorige versie van dist/ precies zoals ze was.
    """
    with editor_errors(), err.status("Bouwen…") as status:
        result = pipeline.build(pipeline.Project(root), progress=status.update)
    _print_problems(result.warnings)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in result.counts.items())
    out.print(f"Klaar: {result.dist} ({pages}).", style="green")


@main.command(context_settings=CONTEXT)
@click.argument("doel", metavar="MAP", type=click.Path(file_okay=False, path_type=Path))
@project_option
def export(doel: Path, root: Path) -> None:
    """Schrijf de pagina's van beide sites als Markdown-bestanden naar MAP, voor een andere
    site-generator (zoals Zensical): MAP/intranet/docs/, MAP/public/docs/ en hun nav.yml.
    """
    with editor_errors():
        counts = pipeline.export_pages(pipeline.Project(root), doel)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in counts.items())
    out.print(f"Geschreven naar {doel} ({pages}).", markup=False)


@main.command(context_settings=CONTEXT)
@project_option
@click.option("--adres", "--dev-addr", "address", default="127.0.0.1:8000", show_default=True,
              help="Adres en poort voor het voorbeeld.")
def serve(root: Path, address: str) -> None:
    """Bekijk het intranet op je eigen computer; de pagina ververst zodra je iets opslaat.

    Concepten (draft: true) zijn hier te zien, met een duidelijke markering.
    """
    from courant.preview import serve as serve_preview

    with editor_errors():
        serve_preview(pipeline.Project(root), address, report=_print_problems)


@main.command(context_settings=CONTEXT)
@click.argument("soort", metavar="SOORT",
                type=click.Choice(sorted({*templates(clock.now().date(), "").keys(), *ALIASES})))
@click.argument("titel", metavar="TITEL")
@project_option
def new(soort: str, titel: str, root: Path) -> None:
    """Maak een nieuw bestand om mee te beginnen, ingevuld en in de juiste map.

    SOORT is update (nieuws), interview, event (agenda), reading (tip) of page (pagina).
    """
    keys = pipeline.department_keys(pipeline.Project(root))
    key = keys[0] if keys else "afdeling"
    try:
        path = create(root, soort, titel, clock.now().date(), key)
    except FileExistsError as error:
        err.print(f"{error} bestaat al; kies een andere titel of open dat bestand.",
                  style="red", markup=False)
        sys.exit(1)
    out.print(f"Gemaakt: {path.relative_to(root)}", markup=False)
