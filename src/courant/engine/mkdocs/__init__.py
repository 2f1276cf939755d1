"""Everything that knows MkDocs or Material, behind engine/__init__.py's protocol: the adapter
(adapter.py: a Site into a folder, the preview server), MkDocs' own checks of mkdocs.yml
(configcheck.py), the page reuse's mechanics (pagecache.py: keys, the short cut for a reused
page; the records themselves are the PageStore's), the menu rendered once per folder
(navcache.py), the search index written in parts (searchindex.py) and the preview's build
kept in memory (session.py). Nothing outside this package imports MkDocs, Material or
ProperDocs (pyproject.toml's contracts): deleting it leaves a courant without a site engine,
nothing else broken.

The same code runs on ProperDocs (`extra.courant.engine: properdocs`): ProperDocs 1.6 is
MkDocs 1.6 under another name, and `import properdocs.replacement` makes the name `mkdocs`
lead to it (sys.modules and a finder), so it must come before any MkDocs import here; with
it, MkDocs itself need not be installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from courant.engine import Built, Engine, EngineError, PageStore, Preview

if TYPE_CHECKING:
    from courant.problems import Problem
    from courant.render.site.pages import Site

MISSING = {
    "mkdocs": ("extra.courant.engine: mkdocs is gekozen (de standaard), maar MkDocs of "
               "Material is niet geïnstalleerd; installeer ze (pip install 'mkdocs>=1.6,<2' "
               "'mkdocs-material>=9.6,<10'), of kies properdocs als ProperDocs er is"),
    "properdocs": ("extra.courant.engine: properdocs is gekozen, maar ProperDocs of Material "
                   "is niet geïnstalleerd; installeer ze (pip install properdocs==1.6.7 "
                   "mergedeep, en Material: zie docs/development.md), of kies mkdocs"),
}
MKDOCS_LOADED = ("extra.courant.engine: properdocs is gekozen, maar MkDocs zelf is in dit "
                 "proces al geladen; start courant opnieuw (of gebruik een omgeving zonder "
                 "MkDocs, zie docs/development.md)")


def engine(name: str, config_file: Path) -> Engine:
    """MkDocs (`mkdocs`) or ProperDocs (`properdocs`) with Material, for `config_file`;
    EngineError when they are not installed (nothing of them is imported yet)."""
    if name == "properdocs":
        _use_properdocs()
    if any(importlib.util.find_spec(module) is None for module in ("mkdocs", "material")):
        raise EngineError(MISSING[name])
    return MkDocsEngine(name, config_file)


def _use_properdocs() -> None:
    loaded = sys.modules.get("mkdocs")  # MkDocs itself, imported before: too late to alias
    if loaded is not None and "properdocs" not in str(getattr(loaded, "__file__", "")):
        raise EngineError(MKDOCS_LOADED)
    try:
        importlib.import_module("properdocs.replacement")
    except ImportError as error:
        raise EngineError(MISSING["properdocs"]) from error


class MkDocsEngine:
    """courant's pages through MkDocs' build (or ProperDocs'), with Material's theme."""

    def __init__(self, name: str, config_file: Path) -> None:
        self.name = name
        self.config_file = config_file

    @property
    def version(self) -> str:
        package = "properdocs" if self.name == "properdocs" else "mkdocs"
        shown = "ProperDocs" if self.name == "properdocs" else "MkDocs"
        return f"{shown} {_version(package)}, Material {_version('mkdocs-material')}"

    def config_problems(self, line_of: Callable[[str], int | None]) -> list[Problem]:
        from courant.engine.mkdocs.configcheck import config_problems

        return config_problems(self.config_file, line_of)

    def build(self, site: Site, folder: Path, store: PageStore | None = None, *,
              premade: bool = False) -> Built:
        from courant.engine.mkdocs.adapter import build_site

        return build_site(self.config_file, site, folder, store, premade=premade)

    def preview(self, folder: Path, store: PageStore) -> Preview:
        from courant.engine.mkdocs.session import PreviewSession

        return PreviewSession(self.config_file, folder, store)

    def serve(self, build: Callable[[Path], None], folder: Path, watch: list[Path],
              host: str, port: int, ready: Callable[[], None] = lambda: None,
              overlay: Callable[[str], bytes] = lambda _path: b"") -> None:
        from courant.engine.mkdocs.adapter import serve

        serve(build, folder, watch, host, port, ready, overlay)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"
