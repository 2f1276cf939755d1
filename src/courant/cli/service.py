"""courant service: the subscription service."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from courant.cli.common import CONTEXT, err, print_problems, project_option
from courant.cli.dutch import DutchCommand
from courant.problems import ContentError


@click.command(cls=DutchCommand, context_settings=CONTEXT)
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
        print_problems(error.problems)
        err.print("De service start niet: herstel eerst mkdocs.yml.", style="bold red")
        sys.exit(1)
    except ServiceRefused as error:
        text = str(error)
        err.print(f"De service start niet: {text[:1].lower()}{text[1:]}.", style="bold red",
                  markup=False)
        sys.exit(1)
