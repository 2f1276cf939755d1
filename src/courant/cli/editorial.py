"""The editors' commands: new, preview, status and next."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from courant import clock
from courant.build import pipeline
from courant.cli.common import CONTEXT, editor_errors, err, out, print_problems, project_option
from courant.cli.dutch import DutchCommand
from courant.editorial.scaffold import ALIASES, ISSUE_NAMES, create, templates
from courant.model import Month
from courant.problems import ContentError
from courant.read.schema import department_choices
from courant.wording import number

FILL_IN = ("Vervang alles tussen « » door je eigen tekst: tot dan weigert courant check het "
           "bestand, en zegt het op welke regels het nog staat.")


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@click.argument("soort", metavar="SOORT",
                type=click.Choice(sorted({*templates(clock.now().date(), "").keys(), *ALIASES,
                                          *ISSUE_NAMES})))
@click.argument("titel", metavar="[TITEL]", required=False)
@project_option
def new(soort: str, titel: str | None, root: Path) -> None:
    """Maak een nieuw bestand om mee te beginnen, in de juiste map; vervang daarin alles
    tussen « » (courant check weigert het bestand tot dan).

    SOORT is update (nieuws), interview, event (agenda), reading (tip), page (pagina) of
    issue (nieuwsbrief): het volgende nummer, met de juiste datum en een opzet voor het
    voorwoord; TITEL mag dan een maand zijn (2027-02) of wegblijven.
    """
    if soort in ISSUE_NAMES:
        _new_issue(root, titel)
        return
    if not titel:
        err.print(f'Geef een titel op, bijvoorbeeld: courant new {soort} "Nieuwe openingstijden"',
                  style="red", markup=False)
        sys.exit(2)
    choices = department_choices(pipeline.department_names(pipeline.Project(root)))
    try:
        path = create(root, soort, titel, clock.now().date(), choices)
    except FileExistsError as error:
        err.print(f"{error} bestaat al; kies een andere titel of open dat bestand.",
                  style="red", markup=False)
        sys.exit(1)
    out.print(f"Gemaakt: {path.relative_to(root)}", markup=False)
    out.print(FILL_IN, markup=False)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@click.argument("maand", metavar="JJJJ-MM")
@project_option
@click.option("--adres", "address", default="127.0.0.1:8001", show_default=True,
              help="Adres en poort van het voorbeeld (alleen op je eigen computer).")
@click.option("--naar", "target", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Schrijf het voorbeeld naar deze map, zonder het te tonen.")
def preview(maand: str, root: Path, address: str, target: Path | None) -> None:
    """Bekijk beide edities van de nieuwsbrief van maand JJJJ-MM naast elkaar, zoals ze
    gemaild worden (medewerkers en partners), ook een nummer dat nog moet verschijnen.

    Het nummer bevat dan de stukken tot en met de datum van het nummer; concepten niet.
    Open het adres dat verschijnt in je browser; stop met Ctrl+C.
    """
    from courant.editorial.mailpreview import serve_preview, write_preview
    from courant.editorial.serve import split_address

    if Month.parse(maand) is None:
        err.print(f"'{maand}' is geen maand; schrijf bijvoorbeeld: courant preview 2026-12",
                  style="red", markup=False)
        sys.exit(1)
    project = pipeline.Project(root)

    def announce(result: Any, url: str | None = None) -> None:
        print_problems(result.warnings)
        for made in result.mails:
            sizes = ", ".join(f"{name.rsplit('/', 1)[1]} {number(len(data))} bytes"
                              for name, data in made.files.items())
            out.print(f"{made.mail.subject} ({made.mail.edition}): {sizes}", markup=False)
        where = url or result.folder
        out.print(f"Voorbeeld: {where}" + (" (stop met Ctrl+C)" if url else ""), style="green",
                  markup=False)

    with editor_errors():
        if target is not None:
            announce(write_preview(project, maand, target))
        else:
            host, port = split_address(address)
            serve_preview(project, maand, host, port, announce)


def _new_issue(root: Path, month: str | None) -> None:
    """`courant new issue [JJJJ-MM]`: the next newsletter file, dated by extra.courant.issue_day."""
    from courant.editorial.scaffold import create_issue
    from courant.read.config import load_config, parse_issue_day

    chosen = Month.parse(month) if month is not None else None
    if month is not None and chosen is None:
        err.print(f"'{month}' is geen maand; schrijf bijvoorbeeld: courant new issue 2027-02 "
                  "(of laat de maand weg voor het volgende nummer)", style="red", markup=False)
        sys.exit(2)
    with editor_errors():
        config = load_config(pipeline.Project(root).config_file)
    try:
        path = create_issue(root, clock.now().date(), parse_issue_day(config.settings.issue_day),
                            chosen)
    except FileExistsError as error:
        err.print(f"{error} bestaat al; open dat bestand, of geef een andere maand op "
                  "(courant new issue 2027-02).", style="red", markup=False)
        sys.exit(1)
    out.print(f"Gemaakt: {path.relative_to(root)} (verschijnt op "
              f"{path.read_text(encoding='utf-8').split()[2]}); schrijf het voorwoord.",
              markup=False)
    out.print(FILL_IN, markup=False)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
@click.argument("maand", metavar="[JJJJ-MM]", required=False)
@project_option
@click.option("--format", "form", type=click.Choice(["tekst", "json"]), default="tekst",
              show_default=True, help="tekst voor mensen, json voor andere programma's.")
def status(maand: str | None, root: Path, form: str) -> None:
    """Laat zien hoe het volgende nummer van de nieuwsbrief ervoor staat (of dat van JJJJ-MM).

    Per editie (medewerkers, partners): de rubrieken en stukken, welke afdelingen nog geen
    update hebben, concepten, stukken die pas na de verschijningsdatum komen, de agenda en
    waarschuwingen. Dit is een overzicht, geen controle: het eindigt altijd met code 0.
    """
    from courant.editorial.status import status_report
    from courant.editorial.status_view import as_json, show

    if maand is not None and Month.parse(maand) is None:
        err.print(f"'{maand}' is geen maand; schrijf bijvoorbeeld: courant status 2026-12",
                  style="red", markup=False)
        sys.exit(2)
    try:
        loaded, errors = pipeline.load_readable(pipeline.Project(root))
    except ContentError as error:  # mkdocs.yml: nothing to show, but no failure (see help)
        print_problems(error.problems)
        err.print("courant status kan niets tonen zolang mkdocs.yml zo fout is.", style="red")
        return
    report = status_report(loaded.content, clock.now(), loaded.config.sections,
                           loaded.config.settings.agenda_weeks, maand, errors=errors)
    if form == "json":
        click.echo(as_json(report))
    else:
        show(report, Console(highlight=False))  # wrapping, unlike `out`: tables fit the window


@click.command(name="next", cls=DutchCommand, context_settings=CONTEXT)
@project_option
@click.option("--format", "form", type=click.Choice(["iso", "epoch", "systemd", "utc"]),
              default="iso", show_default=True,
              help="iso: 2026-11-26T00:00:00+01:00; epoch: seconden sinds 1970; systemd: een "
                   "waarde voor OnCalendar=; utc: 2026-11-25T23:00:00Z.")
def next_(root: Path, form: str) -> None:
    """Wanneer het volgende stuk of nummer onder embargo verschijnt: dan moet de site opnieuw
    gebouwd worden (voor een timer: zie 'Publishing on time' in docs/hosting.md).

    Schrijft dat moment op één regel; staat er niets onder embargo, dan niets (code 0).
    """
    from courant.audience import next_due
    from courant.editorial.schedule import format_moment

    with editor_errors():
        loaded = pipeline.load(pipeline.Project(root))
    due = next_due(loaded.content, clock.now())
    if due is None:
        err.print("Er staat niets onder embargo: opnieuw bouwen is pas nodig na een wijziging.",
                  style="dim", markup=False)
        return
    click.echo(format_moment(due.moment, form))


