"""load -> validate -> per edition: select -> render -> write. The one path every command takes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from courant import clock
from courant.audience import Edition, EditionContent, select
from courant.config import Config, load_config
from courant.engine.mkdocs import build_site
from courant.media import published_bytes
from courant.model import Content
from courant.output import Staging
from courant.problems import Problem, Problems
from courant.render.newsletter import newsletter_pages
from courant.render.pages import Site
from courant.render.site import render_site
from courant.sources import read_sources
from courant.validate import validate

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Project:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def dist(self) -> Path:
        return self.root / "dist"


@dataclass(frozen=True, slots=True)
class Loaded:
    config: Config
    content: Content
    warnings: list[Problem]


@dataclass(frozen=True, slots=True)
class BuildResult:
    dist: Path
    warnings: list[Problem]
    counts: dict[str, int]


def load(project: Project) -> Loaded:
    """Read and validate everything; a ContentError carries every problem of every file."""
    config = load_config(project.config_file)
    problems = Problems()
    content = validate(project.root, read_sources(project.root, problems), problems)
    problems.raise_if_errors()
    return Loaded(config, content, problems.sorted())


def check(project: Project) -> list[Problem]:
    """Validation only: warnings when the sources are fine, a ContentError when not."""
    return load(project).warnings


def sites(loaded: Loaded, now: datetime, preview: bool = False) -> dict[str, Site]:
    """The intranet and the public site, each from its own filtered edition."""
    config, content = loaded.config, loaded.content
    intranet = select(content, Edition.INTRANET, now, preview)
    staff = select(content, Edition.STAFF, now, preview)
    partners = select(content, Edition.PARTNERS, now, preview)
    return {
        "intranet": _site(config, intranet, staff, config.site_name, config.site_url),
        "public": _site(config, partners, partners, config.public_name, config.public_url),
    }


def _site(config: Config, edition: EditionContent, news: EditionContent, name: str,
          url: str) -> Site:
    extra = tuple(newsletter_pages(edition, news, config.sections,
                                   config.settings.agenda_weeks))
    site = render_site(edition, name, url, config.settings.page_size, config.settings.home_news,
                       extra_pages=extra, extra_nav=[{"Nieuwsbrief": "nieuwsbrief/index.md"}])
    return site


def with_media(site: Site, content_dir: Path) -> Site:
    """Attach the published (metadata-free) bytes of every file the site uses."""
    files = dict(site.extra_files)
    for asset in site.assets:
        files[asset.path] = published_bytes(content_dir / asset.source)
    return replace(site, extra_files=files)


def build(project: Project, progress: Progress | None = None) -> BuildResult:
    """Validate, render both sites, and swap the result into dist/ only when all succeeded."""
    say = progress or (lambda _msg: None)
    say("Bronnen lezen en controleren")
    loaded = load(project)
    now = clock.now()
    built = sites(loaded, now)
    with Staging(project.dist) as staging:
        for name, site in built.items():
            say(f"Site bouwen: {name}")
            build_site(project.config_file, with_media(site, project.content_dir),
                       staging.folder(name))
    counts = {name: len(site.pages) for name, site in built.items()}
    return BuildResult(project.dist, loaded.warnings, counts)
