"""mkdocs.yml as MkDocs reads it: MkDocs' own checks of its own keys (theme, plugins,
markdown_extensions, copyright, ...), run before anything is built and said in Dutch.

courant checks the keys it reads itself (read/config.py); the others are MkDocs'. Left to the build,
a wrong one stopped it with MkDocs' English, or with a traceback (`custom_dir: [a]` crashes
MkDocs' theme check), after `courant check` had said everything was fine.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig

from courant.problems import Problem

TYPES = {"str": "tekst", "list": "een lijst", "int": "een getal", "float": "een getal",
         "bool": "true of false", "dict": "een blok met sleutels", "NoneType": "leeg",
         "datetime.date": "een datum", "datetime.datetime": "een tijdstip"}
Said = tuple[str | None, str]  # (a key below the option, when MkDocs names one; the message)
Say = Callable[[re.Match[str], Path], Said]  # from MkDocs' words and the project's folder


def _expected(match: re.Match[str], _folder: Path) -> Said:
    want, got = (TYPES.get(match.group(i), match.group(i)) for i in (1, 2))
    return None, f"moet {want} zijn, niet {got}"


def _theme(match: re.Match[str], _folder: Path) -> Said:
    return "name", f"'{match[1]}' is geen thema dat hier geïnstalleerd is; kies uit {match[2]}"


def _theme_type(match: re.Match[str], _folder: Path) -> Said:
    return None, ("moet de naam van een thema zijn (zoals 'material') of een blok met sleutels "
                  f"eronder ('  name: material'), niet {TYPES.get(match[1], match[1])}")


def _custom_dir(match: re.Match[str], folder: Path) -> Said:
    written = match[1].removeprefix(f"{folder}{os.sep}").replace("\n", "\\n")
    return "custom_dir", (f"de map '{written}' bestaat niet; zet de map met eigen templates in "
                          "het project, of haal de regel weg")


def _missing(match: re.Match[str], folder: Path) -> Said:
    return None, f"'{match[1].removeprefix(f'{folder}{os.sep}')}' bestaat niet; controleer de naam"


def _extension(match: re.Match[str], _folder: Path) -> Said:
    return None, (f"de Markdown-uitbreiding '{match[1]}' is niet geïnstalleerd; controleer de "
                  "naam, of haal hem weg")


def _plugin(match: re.Match[str], _folder: Path) -> Said:
    return None, (f"de plugin '{match[1]}' is niet geïnstalleerd; controleer de naam, of haal "
                  "hem weg")


TRANSLATIONS: tuple[tuple[re.Pattern[str], Say], ...] = (
    (re.compile(r"Expected type: <class '([\w.]+)'> but received: <class '([\w.]+)'>"),
     _expected),
    (re.compile(r"Unrecognised theme name: '(.*)'\. The available installed themes are: (.*)"),
     _theme),
    (re.compile(r"Invalid type <class '(\w+)'>\. Expected a string or key/value pairs\."),
     _theme_type),
    (re.compile(r"The path set in custom_dir \('(.*)'\) does not exist\.", re.DOTALL),
     _custom_dir),
    (re.compile(r"The path '(.*)' isn't an existing (?:file or )?directory\.", re.DOTALL),
     _missing),
    (re.compile(r"Failed to load extension '(.*?)'\.", re.DOTALL), _extension),
    (re.compile(r'The "(.*)" plugin is not installed'), _plugin),
)


def translated(message: str, folder: Path) -> Said:
    """MkDocs' message in Dutch; its own words, said to be English, when none fits."""
    for pattern, say in TRANSLATIONS:
        match = pattern.search(message)
        if match:
            return say(match, folder)
    return None, (f"MkDocs kan deze instelling niet gebruiken; zie de uitleg van MkDocs bij "
                  f"deze sleutel (MkDocs meldt, in het Engels: {message.splitlines()[0]})")


def config_problems(config_file: Path, line_of: Callable[[str], int | None]) -> list[Problem]:
    """What MkDocs' own checks find in `config_file`, as Dutch problems at their key's line.
    Run as MkDocs' Config.validate runs them (before, during, after), except that a check that
    crashes is a fault of the key it was checking, not a traceback."""
    name = config_file.name
    with tempfile.TemporaryDirectory(prefix="courant-config-") as scratch:
        config = MkDocsConfig(config_file_path=str(config_file))
        config.load_file(io.StringIO(config_file.read_text(encoding="utf-8")))
        docs, site = Path(scratch) / "docs", Path(scratch) / "site"
        docs.mkdir()
        config.load_dict({"docs_dir": str(docs), "site_dir": str(site),
                          "nav": []})  # courant's own: the pages come from the core
        faults = _faults(config)
    problems = []
    for key, fault in faults:
        below, message = translated(fault, config_file.parent) if fault else (None, _CRASHED)
        where = f"{key}.{below}" if below else key
        problems.append(Problem(name, message, key=where, line=line_of(where)))
    return problems


_CRASHED = ("MkDocs kan deze instelling niet lezen: een waarde erin heeft niet de vorm die "
            "MkDocs verwacht (een lijst of getal waar tekst hoort?); vergelijk met de uitleg van "
            "MkDocs bij deze sleutel")


def _faults(config: MkDocsConfig) -> list[tuple[str, str | None]]:
    """(key, MkDocs' message) per failing option; None for a check that crashed."""
    faults: list[tuple[str, str | None]] = []
    for stage in ("pre_validation", "validate", "post_validation"):
        for key, option in config._schema:
            try:
                if stage == "validate":
                    config[key] = option.validate(config.get(key))
                else:
                    getattr(option, stage)(config, key_name=key)
            except ValidationError as err:
                faults.append((key, str(err)))
            except Exception:
                faults.append((key, None))
            option.reset_warnings()
        if faults:
            break
    return faults
