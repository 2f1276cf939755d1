"""The newsletter's delivery: courant send and courant subscribers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from courant.build import pipeline
from courant.cli.common import CONTEXT, err, out, print_problems, project_option
from courant.cli.dutch import DutchCommand, DutchGroup
from courant.problems import ContentError
from courant.wording import counted

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
        print_problems(error.problems)
        count = sum(1 for p in error.problems if p.is_error)
        err.print(f"{counted(count, 'fout', 'fouten')} gevonden; er is niets {what}.",
                  style="bold red")
        sys.exit(1)
    except CsvError as error:
        print_problems(error.problems)
        err.print(f"{counted(len(error.problems), 'fout', 'fouten')} in het bestand; er is "
                  f"niets {what}.", style="bold red")
        sys.exit(1)
    except (SendRefused, AdminError) as error:
        text = str(error)
        err.print(f"{text[:1].upper()}{text[1:]}. Er is niets {what}.", style="bold red",
                  markup=False)
        sys.exit(1)


@click.command(cls=DutchCommand, context_settings=CONTEXT)
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


def _progress_line(done: int, total: int, left: float | None) -> str:
    from courant.deliver.report import duration

    rest = f" · nog ongeveer {duration(left)}" if left is not None and done < total else ""
    return f"Versturen: {done} van {total}{rest}"


@click.group(cls=DutchGroup, context_settings=CONTEXT)
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
