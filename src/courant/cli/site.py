"""The site commands: check, build, export and serve."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from courant.build import pipeline
from courant.build.cache import Cache
from courant.build.stopping import stoppable
from courant.cli.common import CONTEXT, editor_errors, err, out, print_problems, project_option
from courant.cli.dutch import DutchCommand
from courant.engine import AddressInUse
from courant.wording import counted


def no_cache_option(func: Any) -> Any:
    return click.option(
        "--zonder-cache", "--no-cache", "no_cache", is_flag=True,
        help="Gebruik en bewaar niets in .cache/courant/: alles opnieuw uit de bronnen "
             "(trager, dezelfde uitkomst).")(func)


@contextmanager
def second_process() -> Iterator[None]:
    """The command's second process (build/workers.py) ends with the command."""
    from courant.build.workers import finish

    try:
        yield
    finally:
        finish()


def project_cache(root: Path, no_cache: bool) -> Cache:
    return Cache.off() if no_cache else Cache.at(root)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@click.argument("bestanden", metavar="[BESTAND]...", nargs=-1,
                type=click.Path(path_type=Path))
@project_option
@click.option("--strikt", "--strict", "strict", is_flag=True,
              help="Behandel waarschuwingen als fouten.")
@no_cache_option
def check(bestanden: tuple[Path, ...], root: Path, strict: bool, no_cache: bool) -> None:
    """Controleer alle bestanden, zonder iets te bouwen (snel; doe dit voor je iets inlevert).

    Met BESTAND (een of meer bestanden of mappen in content/ of newsletter/, vanaf de map van
    het project of als volledig pad): alleen wat er mis is met die bestanden. Links en
    afdelingen worden dan nog steeds met het hele project gecontroleerd.
    """
    files = [source_path(root, given) for given in bestanden]
    with editor_errors(), second_process():
        warnings = pipeline.check(pipeline.Project(root), files, project_cache(root, no_cache))
    print_problems(warnings)
    if strict and warnings:
        err.print(f"{counted(len(warnings), 'waarschuwing', 'waarschuwingen')}; met --strict "
                  "telt dat als fout.",
                  style="bold red")
        sys.exit(1)
    found = counted(len(warnings), "waarschuwing", "waarschuwingen")
    out.print(f"Alles in orde, met {found}." if warnings else "Alles in orde.", style="green")


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@project_option
@no_cache_option
def build(root: Path, no_cache: bool) -> None:
    """Controleer alles en bouw dist/: het intranet, de publieke site, mails, feeds en agenda.

    Bij een fout blijft de vorige versie van dist/ precies zoals ze was.
    """
    with editor_errors(root / "dist"), stoppable(), second_process(), \
            err.status("Bouwen…") as status:
        result = pipeline.build(pipeline.Project(root), progress=status.update,
                                cache=project_cache(root, no_cache))
    print_problems(result.warnings)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in result.counts.items())
    out.print(f"Klaar: {result.dist} ({pages}).", style="green")
    announce_next(result.next_due)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@click.argument("doel", metavar="MAP", type=click.Path(file_okay=False, path_type=Path))
@project_option
def export(doel: Path, root: Path) -> None:
    """Schrijf de pagina's van beide sites als Markdown-bestanden naar MAP, voor een andere
    site-generator (zoals Zensical): MAP/intranet/docs/, MAP/public/docs/, hun nav.yml en een
    mkdocs.yml die Zensical zo kan bouwen (zensical build -f mkdocs.yml in MAP/public).
    """
    with editor_errors(doel), stoppable():
        counts = pipeline.export_pages(pipeline.Project(root), doel)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in counts.items())
    out.print(f"Geschreven naar {doel} ({pages}).", markup=False)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@project_option
@click.option("--adres", "--dev-addr", "address", default="127.0.0.1:8000", show_default=True,
              help="Adres en poort voor het voorbeeld.")
@click.option("--partners", is_flag=True,
              help="Bekijk de publieke site, zoals partners hem zien, in plaats van het intranet.")
@no_cache_option
def serve(root: Path, address: str, partners: bool, no_cache: bool) -> None:
    """Bekijk het intranet op je eigen computer; de pagina ververst zodra je iets opslaat.

    Concepten (draft: true) en stukken onder embargo zijn hier te zien, met een duidelijke
    markering. Met --partners zie je de publieke site: alleen wat partners te zien krijgen.
    """
    from courant.editorial.serve import serve as serve_preview

    with editor_errors():
        try:
            serve_preview(pipeline.Project(root), address, report=print_problems,
                          say=lambda line: out.print(line, markup=False),
                          name="public" if partners else "intranet", no_cache=no_cache)
        except AddressInUse as error:
            err.print(f"{error} is al in gebruik: draait 'courant serve' al in een ander venster? "
                      "Stop dat met Ctrl+C, of kies een ander adres, bijvoorbeeld --adres "
                      "127.0.0.1:8002.", style="red", markup=False)
            sys.exit(2)


def source_path(root: Path, given: Path) -> str:
    """`given` (absolute, from the project's root, or else from the working folder) as a
    path from the root, inside content/ or newsletter/; a Dutch message and exit code 2 when
    it is not a source there."""
    base = Path(os.path.abspath(root))
    target = Path(os.path.abspath(given if given.is_absolute() else base / given))
    if not target.exists() and Path(os.path.abspath(given)).exists():  # from where one is
        target = Path(os.path.abspath(given))
    try:
        relative = target.relative_to(base).as_posix()
    except ValueError:
        relative = None
    if relative is None or relative.split("/")[0] not in pipeline.SOURCE_FOLDERS:
        err.print(f"{given} staat niet in content/ of newsletter/ van het project ({base}); "
                  "geef een bestand van de redactie op, vanaf de map van het project (zoals "
                  "content/updates/nieuw.md), of laat het weg om alles te controleren.",
                  style="red", markup=False)
        sys.exit(2)
    if not target.exists():
        err.print(f"{given} bestaat niet; controleer de naam en de map (vanaf de map van het "
                  f"project: {relative}).", style="red", markup=False)
        sys.exit(2)
    return relative


def announce_next(due: Any) -> None:
    """After a build: when the site must be built again for an embargo to lift by itself."""
    from courant.editorial.schedule import format_moment
    from courant.wording import weekday

    if due is None:
        out.print("Er staat niets onder embargo.", markup=False)
        return
    what = ", ".join(str(source) for source in due.sources[:3])
    more = f" en {len(due.sources) - 3} meer" if len(due.sources) > 3 else ""
    out.print(f"Volgende publicatie: {weekday(due.moment.date())} om "
              f"{due.moment:%H:%M} ({format_moment(due.moment)}): {what}{more}. Bouw dan "
              "opnieuw (courant next geeft dit moment voor een timer).", markup=False)
