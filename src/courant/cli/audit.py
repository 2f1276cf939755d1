"""courant audit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from courant.cli.common import CONTEXT, editor_errors, err, out, project_option
from courant.cli.dutch import DutchCommand


@click.command(cls=DutchCommand, context_settings=CONTEXT)
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
