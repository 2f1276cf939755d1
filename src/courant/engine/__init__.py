"""Site engines: what turns the core's pages (render.site.pages.Site) into HTML.

The pipeline (build/) and the preview (editorial/serve.py) talk to an engine only through
what this module defines: `Engine` (build a Site into a folder, serve a live preview, say its
name and version, check its own keys of mkdocs.yml), `Preview` (one preview's folder, rebuilt
after each edit), `PageStore` (pages of earlier builds an engine may reuse; the store and its
files are courant's, build/, never the engine's), and the plain data they hand back (`Built`,
`PageRecord`, `EngineError`). An engine is chosen by name (mkdocs.yml
`extra.courant.engine`, read/config.py): `mkdocs` (MkDocs with Material, the default) or
`properdocs` (ProperDocs, the maintained fork of MkDocs 1.x, with the same Material and the
same adapter). Both live in engine/mkdocs/, the only package that imports MkDocs or Material:
deleting it leaves this protocol and an engine to write (docs/development.md, "The engine
switch"). Zensical is no engine of courant's: it builds `courant export`'s pages itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from courant.read.config import ENGINES

if TYPE_CHECKING:
    from courant.problems import Problem
    from courant.render.site.pages import Site


class EngineError(Exception):
    """The site engine failed on courant's own pages or on the site configuration; the
    message is Dutch, for the editor or administrator."""


class AddressInUse(Exception):
    """The preview's address is taken (another `courant serve`, or another program)."""


@dataclass(slots=True)
class PageRecord:
    """One page of a finished build, as a later build may reuse it: the engine's key of
    everything the page's HTML depends on, where its file is in the site folder, what the
    engine read from its front matter, its title, its search entries (in the engine's own
    form), and the size and CRC-32 of the file written (still the same file?)."""

    key: str
    dest: str
    meta: dict[str, Any]
    title: str | None
    entries: list[dict[str, Any]]
    size: int = -1
    crc: int = -1


class PageStore(Protocol):
    """Pages of the previous build of one site, for an engine to reuse; the store decides
    what is still valid (the file in `previous` unchanged) and keeps what the engine made
    until the new build is in place (build/)."""

    @property
    def previous(self) -> Path | None:
        """The folder that holds the previous build's files (dist/intranet), if any."""

    def reusable(self, page: str, key: str) -> PageRecord | None:
        """The record of `page` (its source path) if it was built with `key` and its file in
        `previous` is the one written then; None: render the page."""

    def keep(self, page: str, record: PageRecord) -> None:
        """`page` as this build wrote it (rendered or reused), for the next build."""

    def save(self) -> None:
        """The build is in place: what `keep` was given is what `reusable` gives from now
        on (the preview, after each build; the pipeline stages and commits it itself, once
        dist/ is swapped)."""


@dataclass(frozen=True, slots=True)
class Built:
    """What an engine built: the address of each page (relative to the site's root, as
    'nieuws/x/'), and how many pages it rendered and how many it reused from the store."""

    addresses: tuple[str, ...]
    rendered: int = 0
    reused: int = 0


class Preview(Protocol):
    """One preview's folder, built again after each edit (quickly where the engine can)."""

    def build(self, site: Site,
              more_files: Callable[[], dict[str, bytes]] | None = None) -> None:
        """Build `site` into the folder; `more_files` (feeds, calendars) are made only when
        the engine builds everything (the first time, or when the site's shape changed)."""

    def close(self) -> None:
        """Remove what the preview kept besides its folder."""


class Engine(Protocol):
    """A site engine for one project (its mkdocs.yml)."""

    name: str  # as written in extra.courant.engine

    @property
    def version(self) -> str:
        """The engine and theme as installed ('MkDocs 1.6.1, Material 9.6.14')."""

    def config_problems(self, line_of: Callable[[str], int | None]) -> list[Problem]:
        """The engine's own checks of its keys in mkdocs.yml, as Dutch problems at their
        line (`line_of`: a key's line)."""

    def build(self, site: Site, folder: Path, store: PageStore | None = None, *,
              premade: bool = False) -> Built:
        """Build `site` into `folder` (the caller's staging folder, emptied first unless
        `premade`: it holds only folders made ahead, which stay); pages `store` has with the
        same inputs are reused instead of rendered. Raises EngineError."""

    def preview(self, folder: Path, store: PageStore) -> Preview:
        """A live preview's builds into `folder`, reusing pages through `store` (kept in
        memory: build/pipeline.py, preview_store)."""

    def serve(self, build: Callable[[Path], None], folder: Path, watch: list[Path],
              host: str, port: int, ready: Callable[[], None] = lambda: None,
              overlay: Callable[[str], bytes] = lambda _path: b"") -> None:
        """Serve `folder` with live reload; `build(folder)` at the start and after each
        change below `watch`, `ready()` once the server answers; `overlay(path)` is put at
        the start of each HTML page's body as it is served (the preview's banner; the files
        stay as built), and is the whole page where there is none. AddressInUse when the
        address is taken."""


def engine_for(name: str, config_file: Path) -> Engine:
    """The engine `name` (one of read.config.ENGINES) for the project of `config_file`.
    EngineError (Dutch) when it is not installed, or unknown (read/config.py refuses an
    unknown name first, on its line)."""
    if name not in ENGINES:
        raise EngineError(f"extra.courant.engine: '{name}' kent courant niet; kies "
                          f"{' of '.join(ENGINES)}")
    from courant.engine.mkdocs import engine  # both are MkDocs' code, with Material

    return engine(name, config_file)
