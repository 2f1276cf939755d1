"""The `courant` command: the group (`main`, run by courant.entry) with one module per command
family: site.py (check, build, export, serve), editorial.py (new, preview, status, next),
audit.py, deliver.py (send, subscribers), service.py. common.py holds what they share (the
consoles, the exit codes, --map), dutch.py Click's own texts in Dutch."""

from __future__ import annotations

import click

from courant.cli import audit, deliver, editorial, service, site
from courant.cli.common import CONTEXT
from courant.cli.dutch import DutchGroup


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


for command in (site.check, site.build, site.export, site.serve, editorial.new, editorial.preview,
                editorial.status, editorial.next_, audit.audit, deliver.send, deliver.subscribers,
                service.service):
    main.add_command(command)
