"""The `courant` console script's entry point (pyproject.toml): the command line (courant.cli)
is loaded when the command runs, not when this module is imported. The build's second process
imports the script again, as multiprocessing does with a program's main module, and so loads
only this module rather than all of courant's commands (0.35 s sooner at work)."""

from __future__ import annotations


def main() -> None:
    from courant.cli import main as command

    command()
