"""The `courant` command. Editors' mistakes become messages and exit code 1, never tracebacks;
a template or mkdocs.yml that cannot be used exit code 2, the machine (a full disk, no
permission) exit code 3, SIGTERM and Ctrl+C 143 and 130."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import jinja2
from rich.console import Console

from courant import clock
from courant.build import pipeline
from courant.build.oserrors import SystemFault, explain
from courant.build.output import OutputError
from courant.build.stopping import Stopped, stoppable
from courant.build.templateerrors import template_problem
from courant.cli import dutch
from courant.editorial.scaffold import ALIASES, ISSUE_NAMES, create, templates
from courant.engine import AddressInUse, EngineError
from courant.model import Month
from courant.problems import ContentError, Problem
from courant.wording import counted, number

dutch.install()

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _print_problems(problems: list[Problem]) -> None:
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
        _print_problems(error.problems)
        count = sum(1 for p in error.problems if p.is_error)
        err.print(f"{counted(count, 'fout', 'fouten')} gevonden; er is niets "
                  "gepubliceerd en dist/ is niet veranderd.", style="bold red")
        sys.exit(SOURCES)
    except (EngineError, OutputError) as error:
        _cannot_build(str(error))
    except jinja2.TemplateError as error:  # a template in theme/ (a user may override them)
        _cannot_build(f"{template_problem(error)}; herstel de template, of haal je eigen versie "
                      "uit theme/ weg")
    except SystemFault as error:
        _cannot_build(str(error), SYSTEM)
    except OSError as error:  # a full disk, no permission: the machine, not the sources
        _cannot_build(explain(error, writes_to), SYSTEM)
    except Stopped as stop:
        err.print(f"Gestopt ({stop}): er is niets half gepubliceerd; dist/ is de vorige versie, "
                  "of de nieuwe als die al klaar was.", style="bold red", markup=False)
        sys.exit(stop.exit_code)


# exit codes (README, Commands): 1 the sources, 2 a template or mkdocs.yml, 3 the machine
SOURCES, SETUP, SYSTEM = 1, 2, 3


def _cannot_build(reason: str, code: int = SETUP) -> None:
    err.print(f"De site kon niet worden gebouwd: {reason}", style="bold red", markup=False)
    err.print("dist/ is niet veranderd.", style="red")
    sys.exit(code)


def project_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--map", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
        show_default=True, help="De map van het project (met mkdocs.yml, content/ en newsletter/).",
    )(func)


class _DutchHelp:
    """Click's own option texts in Dutch, like the rest of the help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp."
        return option


class DutchCommand(_DutchHelp, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", dutch.OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class DutchGroup(_DutchHelp, click.Group):
    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", dutch.OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", dutch.SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


@click.group(cls=DutchGroup, context_settings=CONTEXT)
@click.version_option(package_name="courant", message="courant %(version)s",
                      help="Toon de versie van courant.")
def main() -> None:
    """courant maakt van de Markdown van de redactie het intranet, de nieuwsbrief in twee
    edities (medewerkers en partners), feeds en een agenda.

    Begin met 'courant check' om je werk te controleren en 'courant serve' om het te bekijken.

    \b
    Afsluitcodes:
      0    gelukt
      1    fouten in de bronnen (of waarschuwingen, met --strict); audit: een bevinding
      2    een template of mkdocs.yml is onbruikbaar, of het commando is verkeerd getypt
      3    de computer: schijf vol, geen toestemming, dist/ niet te vervangen
      130  gestopt met Ctrl+C; 143: gestopt met SIGTERM (dist/ blijft heel)
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
        err.print(f"{counted(len(warnings), 'waarschuwing', 'waarschuwingen')}; met --strict "
                  "telt dat als fout.",
                  style="bold red")
        sys.exit(1)
    found = counted(len(warnings), "waarschuwing", "waarschuwingen")
    out.print(f"Alles in orde, met {found}." if warnings else "Alles in orde.", style="green")


@main.command(context_settings=CONTEXT)
@project_option
def build(root: Path) -> None:
    """Controleer alles en bouw dist/: het intranet, de publieke site, mails, feeds en agenda.

    Bij een fout blijft de vorige versie van dist/ precies zoals ze was.
    """
    with editor_errors(root / "dist"), stoppable(), err.status("Bouwen…") as status:
        result = pipeline.build(pipeline.Project(root), progress=status.update)
    _print_problems(result.warnings)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in result.counts.items())
    out.print(f"Klaar: {result.dist} ({pages}).", style="green")
    _announce_next(result.next_due)


@main.command(context_settings=CONTEXT)
@click.argument("doel", metavar="MAP", type=click.Path(file_okay=False, path_type=Path))
@project_option
def export(doel: Path, root: Path) -> None:
    """Schrijf de pagina's van beide sites als Markdown-bestanden naar MAP, voor een andere
    site-generator (zoals Zensical): MAP/intranet/docs/, MAP/public/docs/ en hun nav.yml.
    """
    with editor_errors(doel), stoppable():
        counts = pipeline.export_pages(pipeline.Project(root), doel)
    pages = ", ".join(f"{name}: {count} pagina's" for name, count in counts.items())
    out.print(f"Geschreven naar {doel} ({pages}).", markup=False)


@main.command(context_settings=CONTEXT)
@project_option
@click.option("--adres", "--dev-addr", "address", default="127.0.0.1:8000", show_default=True,
              help="Adres en poort voor het voorbeeld.")
@click.option("--partners", is_flag=True,
              help="Bekijk de publieke site, zoals partners hem zien, in plaats van het intranet.")
def serve(root: Path, address: str, partners: bool) -> None:
    """Bekijk het intranet op je eigen computer; de pagina ververst zodra je iets opslaat.

    Concepten (draft: true) en stukken onder embargo zijn hier te zien, met een duidelijke
    markering. Met --partners zie je de publieke site: alleen wat partners te zien krijgen.
    """
    from courant.editorial.serve import serve as serve_preview

    with editor_errors():
        try:
            serve_preview(pipeline.Project(root), address, report=_print_problems,
                          say=lambda line: out.print(line, markup=False),
                          name="public" if partners else "intranet")
        except AddressInUse as error:
            err.print(f"{error} is al in gebruik: draait 'courant serve' al in een ander venster? "
                      "Stop dat met Ctrl+C, of kies een ander adres, bijvoorbeeld --adres "
                      "127.0.0.1:8002.", style="red", markup=False)
            sys.exit(2)


@main.command(context_settings=CONTEXT)
@click.argument("soort", metavar="SOORT",
                type=click.Choice(sorted({*templates(clock.now().date(), "").keys(), *ALIASES,
                                          *ISSUE_NAMES})))
@click.argument("titel", metavar="[TITEL]", required=False)
@project_option
def new(soort: str, titel: str | None, root: Path) -> None:
    """Maak een nieuw bestand om mee te beginnen, ingevuld en in de juiste map.

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
    keys = pipeline.department_keys(pipeline.Project(root))
    key = keys[0] if keys else "afdeling"
    try:
        path = create(root, soort, titel, clock.now().date(), key)
    except FileExistsError as error:
        err.print(f"{error} bestaat al; kies een andere titel of open dat bestand.",
                  style="red", markup=False)
        sys.exit(1)
    out.print(f"Gemaakt: {path.relative_to(root)}", markup=False)


@main.command(context_settings=CONTEXT)
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
        _print_problems(result.warnings)
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


@main.command(context_settings=CONTEXT)
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
    with editor_errors():
        loaded = pipeline.load(pipeline.Project(root))
    report = status_report(loaded.content, clock.now(), loaded.config.sections,
                           loaded.config.settings.agenda_weeks, maand)
    if form == "json":
        click.echo(as_json(report))
    else:
        show(report, Console(highlight=False))  # wrapping, unlike `out`: tables fit the window


@main.command(name="next", context_settings=CONTEXT)
@project_option
@click.option("--format", "form", type=click.Choice(["iso", "epoch", "systemd", "utc"]),
              default="iso", show_default=True,
              help="iso: 2026-11-26T00:00:00+01:00; epoch: seconden sinds 1970; systemd: een "
                   "waarde voor OnCalendar=; utc: 2026-11-25T23:00:00Z.")
def next_(root: Path, form: str) -> None:
    """Wanneer het volgende stuk of nummer onder embargo verschijnt: dan moet de site opnieuw
    gebouwd worden (voor een timer: zie 'Publishing on time' in de README).

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


def _announce_next(due: Any) -> None:
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


@main.command(context_settings=CONTEXT)
@project_option
@click.option("--verklaring", "--write-statement", "statement", is_flag=True,
              help="Bewaar de uitslag ook in toegankelijkheid.json; de volgende build maakt "
                   "daarvan de pagina Toegankelijkheid op beide sites.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Schrijf alle bevindingen als JSON naar dit bestand "
                                 "(standaard dist/audit.json).")
def audit(root: Path, statement: bool, json_file: Path | None) -> None:
    """Controleer de gebouwde sites en mails in dist/ (bouw eerst met 'courant build').

    Opent van beide sites één pagina van elke soort en de nieuwste mails in Chromium en toetst
    ze aan WCAG 2.1 A en AA (axe-core); controleert de HTML (Nu Html Checker), alle links en
    afbeeldingen, verzoeken aan andere partijen, de mails in Outlook, Gmail en Apple Mail
    (caniemail) en hun grootte, en toont het gewicht per pagina. Code 1 bij een fout.
    """
    from courant.audit.report import text_report, write_json
    from courant.audit.run import AuditSetupError, run_audit
    from courant.audit.statement import write_record

    with editor_errors(), err.status("Controleren…"):
        try:
            result = run_audit(root)
        except AuditSetupError as error:
            err.print(f"De controle kan niet beginnen: {error}", style="bold red", markup=False)
            sys.exit(2)
    click.echo(text_report(result), nl=False)
    write_json(result, json_file or root / "dist" / "audit.json")
    if statement:
        path = write_record(root, result)
        out.print(f"Uitslag bewaard in {path}; bouw opnieuw voor de pagina Toegankelijkheid.",
                  markup=False)
    if not result.passed:
        sys.exit(1)


EDITION_CHOICE = click.Choice(["partners", "staff"])


@contextmanager
def refusals(what: str) -> Iterator[None]:
    """courant send and subscribers: a refusal is one Dutch sentence and exit code 1."""
    from courant.deliver.admin import AdminError
    from courant.deliver.send import SendRefused
    from courant.deliver.subscribers import CsvError

    try:
        yield
    except ContentError as error:
        _print_problems(error.problems)
        count = sum(1 for p in error.problems if p.is_error)
        err.print(f"{counted(count, 'fout', 'fouten')} gevonden; er is niets {what}.",
                  style="bold red")
        sys.exit(1)
    except CsvError as error:
        _print_problems(error.problems)
        err.print(f"{counted(len(error.problems), 'fout', 'fouten')} in het bestand; er is "
                  f"niets {what}.", style="bold red")
        sys.exit(1)
    except (SendRefused, AdminError) as error:
        text = str(error)
        err.print(f"{text[:1].upper()}{text[1:]}. Er is niets {what}.", style="bold red",
                  markup=False)
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("maand", metavar="JJJJ-MM")
@click.option("--edition", "--editie", "edition", type=EDITION_CHOICE, default=None,
              help="De editie: partners of staff (medewerkers).")
@click.option("--test", "test_address", metavar="ADRES", default=None,
              help="Stuur één proefexemplaar naar ADRES (onderwerp met [TEST]); telt niet als "
                   "verstuurd.")
@click.option("--dry-run", "--proef", "dry_run", is_flag=True,
              help="Zeg hoeveel berichten, naar welke editie, met welk onderwerp en hoe groot; "
                   "verstuur niets.")
@click.option("--mark-sent", "mark_sent", is_flag=True,
              help="Sluit het nummer als verstuurd buiten courant (met een mailprogramma).")
@click.option("--onzeker-opnieuw", "retry_doubtful", is_flag=True,
              help="Stuur ook naar wie een onderbroken verzending in onzekerheid liet.")
@project_option
def send(maand: str, edition: str | None, test_address: str | None, dry_run: bool,
         mark_sent: bool, retry_doubtful: bool, root: Path) -> None:
    """Verstuur nummer JJJJ-MM van de nieuwsbrief naar de abonnees van een editie, precies één
    keer per adres, via de mailserver uit mkdocs.yml (extra.courant.mail.smtp).

    Onderbroken? Start hetzelfde commando opnieuw: het gaat verder met wie het nog niet heeft.
    Het wachtwoord komt uit de omgevingsvariabele COURANT_SMTP_PASSWORD. Zie docs/sending.md.
    """
    from courant.deliver.report import describe, exit_code
    from courant.deliver.send import Request, send_issue

    if edition is None and not mark_sent:
        err.print("Kies een editie: --edition partners of --edition staff.", style="red")
        sys.exit(2)
    code = 0
    for chosen in (edition,) if edition else ("staff", "partners"):
        request = Request(maand, chosen, test_address, dry_run, mark_sent, retry_doubtful)
        with refusals("verstuurd"), err.status("Versturen voorbereiden…") as status:
            outcome = send_issue(pipeline.Project(root), request,
                                 progress=lambda done, total, left: status.update(
                                     _progress_line(done, total, left)))
        for line in describe(outcome):
            out.print(line, markup=False)
        code = max(code, exit_code(outcome))
    sys.exit(code)


@main.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Het adres waarop de service luistert (achter nginx: 127.0.0.1).")
@click.option("--port", default=8025, show_default=True, type=click.IntRange(1, 65535),
              help="De poort waarop de service luistert.")
@click.option("--proxy", "proxies", multiple=True, default=("127.0.0.1", "::1"),
              show_default=True, metavar="ADRES",
              help="Het adres van nginx: alleen van daar gelooft de service X-Real-IP en "
                   "X-Forwarded-For (mag vaker).")
@click.option("--per-minute", "per_minute", default=30, show_default=True,
              type=click.IntRange(1, 10_000),
              help="Zoveel verzoeken per minuut mag één bezoeker doen.")
@project_option
def service(host: str, port: int, proxies: tuple[str, ...], per_minute: int,
            root: Path) -> None:
    """Start de aanmeldservice: partners melden zich zelf aan (met bevestiging per mail) en
    af (met één klik), op het adres extra.courant.mail.service achter nginx.

    Het geheim komt uit de omgevingsvariabele COURANT_SECRET; zonder start de service niet.
    Zie docs/hosting.md.
    """
    from courant.service.server import ServiceRefused, configure_logging, run, service_settings

    try:
        settings = service_settings(root, proxies, per_minute)
        configure_logging()
        run(settings, root, host, port)
    except ContentError as error:
        _print_problems(error.problems)
        err.print("De service start niet: herstel eerst mkdocs.yml.", style="bold red")
        sys.exit(1)
    except ServiceRefused as error:
        text = str(error)
        err.print(f"De service start niet: {text[:1].lower()}{text[1:]}.", style="bold red",
                  markup=False)
        sys.exit(1)


def _progress_line(done: int, total: int, left: float | None) -> str:
    from courant.deliver.report import duration

    rest = f" · nog ongeveer {duration(left)}" if left is not None and done < total else ""
    return f"Versturen: {done} van {total}{rest}"


@main.group(cls=DutchGroup, context_settings=CONTEXT)
def subscribers() -> None:
    """Beheer de abonnees van de nieuwsbrief: importeren, toevoegen, afmelden, tonen.

    Ze staan in een database buiten de bronnen (extra.courant.mail.database, standaard
    .courant/abonnees.sqlite), nooit in git of dist/.
    """


@subscribers.command("import", context_settings=CONTEXT)
@click.argument("bestand", metavar="BESTAND.csv",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--edition", "--editie", "edition", type=EDITION_CHOICE, required=True,
              help="De editie: partners of staff (medewerkers).")
@project_option
def subscribers_import(bestand: Path, edition: str, root: Path) -> None:
    """Importeer abonnees uit een CSV-bestand met de kolommen email en eventueel naam en
    organisatie (komma's of puntkomma's, UTF-8). Twee keer hetzelfde bestand verandert niets;
    staat er één regel fout in, dan wordt niets geïmporteerd.
    """
    from courant.deliver.admin import import_file

    with refusals("geïmporteerd"):
        _say(import_file(root, bestand, edition))


@subscribers.command("add", context_settings=CONTEXT)
@click.argument("adres", metavar="ADRES")
@click.option("--edition", "--editie", "edition", type=EDITION_CHOICE, required=True,
              help="De editie: partners of staff (medewerkers; mag één lijstadres zijn).")
@click.option("--naam", default="", help="De naam van de abonnee.")
@click.option("--organisatie", default="", help="De organisatie van de abonnee.")
@click.option("--opnieuw", "again", is_flag=True,
              help="Meld een adres dat zich eerder afmeldde weer aan (alleen op eigen verzoek).")
@project_option
def subscribers_add(adres: str, edition: str, naam: str, organisatie: str, again: bool,
                    root: Path) -> None:
    """Voeg één abonnee toe aan een editie."""
    from courant.deliver.admin import add_address

    with refusals("veranderd"):
        _say(add_address(root, adres, edition, naam, organisatie, again))


@subscribers.command("remove", context_settings=CONTEXT)
@click.argument("adres", metavar="ADRES")
@click.option("--edition", "--editie", "edition", type=EDITION_CHOICE, default=None,
              help="Alleen voor deze editie (standaard: beide).")
@project_option
def subscribers_remove(adres: str, edition: str | None, root: Path) -> None:
    """Meld een abonnee af: naam, organisatie en adres worden gewist; een versleutelde
    vingerafdruk blijft, zodat een latere import het adres niet opnieuw aanmeldt."""
    from courant.deliver.admin import remove_address

    with refusals("veranderd"):
        _say(remove_address(root, adres, edition))


@subscribers.command("list", context_settings=CONTEXT)
@click.option("--edition", "--editie", "edition", type=EDITION_CHOICE, default=None,
              help="Alleen deze editie.")
@click.option("--adressen", "addresses", is_flag=True,
              help="Toon de abonnees zelf (adres, naam, organisatie) in plaats van aantallen.")
@project_option
def subscribers_list(edition: str | None, addresses: bool, root: Path) -> None:
    """Hoeveel abonnees elke editie heeft; met --adressen wie."""
    from courant.deliver.admin import list_lines

    with refusals("getoond"):
        _say(list_lines(root, edition, addresses))


@subscribers.command("export", context_settings=CONTEXT)
@click.argument("adres", metavar="ADRES")
@project_option
def subscribers_export(adres: str, root: Path) -> None:
    """Alles wat courant over één adres bewaart, als JSON (voor een inzageverzoek, AVG)."""
    from courant.deliver.admin import export_json

    with refusals("getoond"):
        click.echo(export_json(root, adres))


def _say(lines: list[str]) -> None:
    for line in lines:
        out.print(line, markup=False)
