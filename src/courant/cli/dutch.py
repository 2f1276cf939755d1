"""Click's own words in Dutch: usage lines, help headings and the messages for a mistyped command.

Click passes every text it shows through gettext (`from gettext import gettext as _` in each of
its modules) but ships no Dutch catalogue, and a catalogue would be picked by the user's locale.
courant speaks Dutch whatever the locale, so `install()` gives those modules a lookup in the
table below. A text Click adds later and the table lacks stays English rather than breaking.
"""

from __future__ import annotations

from typing import Any

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "OPDRACHT [ARGUMENTEN]..."

DUTCH = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp.",
    "Show the version and exit.": "Toon de versie.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor uitleg.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing {param_type}": "Ontbrekende {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Missing command.": "Er ontbreekt een opdracht.",
    "No such option {name!r}.": "De optie {name!r} bestaat niet.",
    "No such command {name!r}.": "De opdracht {name!r} bestaat niet.",
    "Option {name!r} does not take a value.": "De optie {name!r} krijgt geen waarde.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen getal.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja of nee; kies uit {states}",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan niet gelezen worden.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan niet beschreven worden.",
    "Could not open file {filename!r}: {message}":
        "Het bestand {filename!r} gaat niet open: {message}",
    "unknown error": "onbekende fout",
    "Aborted!": "Afgebroken.",
    "default": "standaard",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
}

DUTCH_PLURAL = {
    "Did you mean {possibility}?": ("Bedoel je {possibility}?",
                                    "(Bedoel je een van deze: {possibilities}?)"),
    "Got unexpected extra argument ({args})": ("Een argument te veel ({args})",
                                               "Argumenten te veel ({args})"),
    "Option {name!r} requires an argument.": ("De optie {name!r} heeft een waarde nodig.",
                                              "De optie {name!r} heeft {nargs} waarden nodig."),
    "{value!r} is not {choice}.": ("{value!r} kan hier niet; schrijf {choice}.",
                                   "{value!r} kan hier niet; kies uit {choices}."),
}

_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
            click.termui, click.types)


def gettext(message: str) -> str:
    return DUTCH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    dutch = DUTCH_PLURAL.get(singular)
    if dutch is None:
        return singular if n == 1 else plural
    return dutch[0] if n == 1 else dutch[1]


def install() -> None:
    """Make Click speak Dutch; call before commands are defined (types name themselves then)."""
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


class _DutchHelp:
    """Click's own option texts in Dutch, like the rest of the help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp."
        return option


class DutchCommand(_DutchHelp, click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class DutchGroup(_DutchHelp, click.Group):
    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)
