"""load -> validate -> per edition: select -> render -> write. The one path every command takes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from courant import clock
from courant.audience import Due, Edition, EditionContent, next_due, select
from courant.build import timing
from courant.build.cache import Cache, PageShelf, digest, tree_digest
from courant.build.output import Folders, Staging
from courant.build.warmup import ChecksAhead, texts_of
from courant.check.accessibility import (
    body_findings,
    check_a11y,
    check_item_a11y,
    css_pairs,
    item_a11y_inputs,
)
from courant.check.closedissues import check_closed_issues
from courant.check.partnertext import check_partner_text, check_source, source_inputs
from courant.check.writing import analyse, check_item_text, check_writing, item_text_inputs
from courant.markup import use_dialect
from courant.model import Content, Kind
from courant.problems import ContentError, Problem, Problems
from courant.read.config import Config, load_config
from courant.read.files import MARKDOWN_LIKE, Sources, published_file_fault, read_sources
from courant.read.images import image_sizes
from courant.read.sentrecords import with_sent_records
from courant.read.statement import read_record
from courant.read.validate import (
    TextLinks,
    item_inputs,
    links_inputs,
    source_links,
    text_links,
    validate,
    validate_departments,
    validate_item,
)
from courant.render.newsletter.web import newsletter_pages
from courant.render.site import render_site
from courant.render.site.chrome import site_theme
from courant.render.site.export import engine_config, is_published_theme_file
from courant.render.site.home import top_task_problems
from courant.render.site.pages import Site
from courant.render.site.signup import with_subscription_pages
from courant.render.site.statement import with_statement
from courant.render.site.tappable import intranet_page_html, partner_page_html

if TYPE_CHECKING:
    from courant.engine import Engine, PageStore

# The site engine, feeds, calendars and images are imported where they are used, so that
# `courant check` starts without loading MkDocs, icalendar, feedgen or Pillow.

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
    next_due: Due | None = None  # when the next embargoed item or issue is published


def load(project: Project, cache: Cache | None = None) -> Loaded:
    """Read and validate everything; a ContentError carries every problem of every file.
    What was read and checked before with the same bytes comes from `cache` (by default the
    project's, build/cache.py; Cache.off() for none)."""
    loaded, problems = _read_and_check(project, cache or Cache.at(project.root))
    problems.raise_if_errors()
    return loaded


def load_readable(project: Project) -> tuple[Loaded, list[Problem]]:
    """What can be read, for an overview (`courant status`): the content without the files
    that have errors, and those errors (a ContentError only when mkdocs.yml cannot be read)."""
    loaded, problems = _read_and_check(project, Cache.at(project.root))
    found = problems.sorted()
    return (replace(loaded, warnings=[p for p in found if not p.is_error]),
            [p for p in found if p.is_error])


def _read_and_check(project: Project, cache: Cache, config: Config | None = None
                    ) -> tuple[Loaded, Problems]:
    config = config or load_config(project.config_file)
    use_dialect(config.raw.get("markdown_extensions"))  # the proof of links renders as the sites do
    problems = Problems()
    check_engine_config(project, config, problems, cache)
    # the other checks' problems, added after the writing check's as before
    accessible, for_partners = Problems(), Problems()
    with _checks_ahead(project, cache, config) as ahead:
        sources = read_sources(project.root, problems, cache.sources(), cache.walker())
        ahead.read(texts_of(sources))
        content = _validated(project, sources, problems, cache, ahead.text_links)
        top_task_problems(config.settings.top_tasks, content.items,
                          config.line("extra.courant.top_tasks"), problems)
        check_partner_text(content, sources, config.site_url, for_partners,
                           cache.checked("checked-partner-text", check_source, source_inputs))
    a11y = cache.memo("a11y", body_findings)
    check_a11y(content, sources, project.root, config.site_url, accessible, a11y,
               cache.checked("checked-a11y", partial(check_item_a11y, findings=a11y),
                             item_a11y_inputs, lambda item, raw, _host: (item, raw)),
               cache.memo("css-pairs", css_pairs))
    scored = cache.memo("writing", analyse)
    check_writing(content, sources, project.root, problems, scored, cache.checked(
        "checked-writing", partial(check_item_text, score=scored), item_text_inputs,
        lambda item, raw, _root: (item, raw)))
    problems.extend(accessible.found)
    problems.extend(for_partners.found)
    cache.commit()  # what was read and checked is kept, whatever the build does next
    return Loaded(config, content, problems.sorted()), problems


def _checks_ahead(project: Project, cache: Cache, config: Config) -> ChecksAhead:
    """The writing check's new texts scored in a second process while the block runs, and
    the texts' links and the accessibility check's findings found there when it reads ahead
    (build/warmup.py); not after a save in the preview, which changes a text or two."""
    if cache.again and cache.runs:
        return ChecksAhead(project.root, None)
    return ChecksAhead(project.root, cache.shelf("writing"), cache.shelf("a11y"),
                       config.raw.get("markdown_extensions"))


def _validated(project: Project, sources: Sources, problems: Problems, cache: Cache,
               links_in: Callable[[str], TextLinks] = text_links) -> Content:
    """The sources as the content model, with what was sent, and the closed issues checked.
    `links_in`: validate.text_links, or what gives the same (found ahead)."""
    checked = cache.checked("checked-items", validate_item,
                            partial(item_inputs, today=clock.now().date()),
                            lambda _root, raw, _departments: (raw,))
    links = cache.checked("checked-links", partial(source_links, links_in=links_in),
                          links_inputs)
    content = with_sent_records(
        project.root, validate(project.root, sources, problems, checked, links), problems)
    raws = {raw.path: raw for raw in sources.items}
    check_closed_issues(content, clock.now(), lambda item, key: raws[item.source].line(key),
                        problems, cache.remembered())
    return content


def site_engine(project: Project, config: Config) -> Engine:
    """The engine mkdocs.yml chose (extra.courant.engine); ContentError when it cannot run."""
    from courant.engine import EngineError, engine_for

    try:
        return engine_for(config.settings.engine, project.config_file)
    except EngineError as error:
        key = "extra.courant.engine"
        raise ContentError([Problem(project.config_file.name, str(error).removeprefix(
            f"{key}: "), key=key, line=config.line(key))]) from error


def check_engine_config(project: Project, config: Config, problems: Problems,
                        cache: Cache) -> None:
    """The engine's own checks of its keys in mkdocs.yml (engine/mkdocs/configcheck.py), so
    that `check` finds what the build would stop on. Loading MkDocs takes a third of a second:
    done once per version of the file (and of the theme folder it names), in `cache`."""
    try:
        engine = site_engine(project, config)
    except ContentError as error:  # not installed: the one problem with mkdocs.yml for now
        problems.extend(error.problems)
        return
    custom = custom_dir(config)
    try:
        there = isinstance(custom, str) and (project.root / custom).is_dir()
    except (OSError, ValueError):  # a name no file system holds: MkDocs' check says so
        there = False
    text = project.config_file.read_text(encoding="utf-8")
    passed = cache.shelf("mkdocs-config")
    key = digest(text, repr(custom), str(there), engine.name, engine.version)
    if passed.get(key):
        return
    found = engine.config_problems(config.line)
    problems.extend(found)
    if not found:
        passed.put(key, True)


def custom_dir(config: Config) -> object:
    """mkdocs.yml's theme.custom_dir as written (None when there is none)."""
    theme = config.raw.get("theme")
    return theme.get("custom_dir") if isinstance(theme, dict) else None


def department_names(project: Project) -> dict[str, str]:
    """Each department's key and name, for `courant new`: read without checking the other
    files."""
    problems = Problems()
    sources = read_sources(project.root, problems)
    return {d.key: d.name for d in validate_departments(sources.departments,
                                                        sources.departments_lines, problems)}


def export_pages(project: Project, target: Path) -> dict[str, int]:
    """Write each site's pages as files (Markdown + front matter, media, nav.yml) for another
    engine: target/<site>/docs/, target/<site>/nav.yml, and target/<site>/mkdocs.yml, which
    Zensical builds as it stands (render/site/export.py)."""
    loaded = load(project)
    theme_files = published_theme_files(loaded.config)
    counts = {}
    with Staging(target) as staging:
        for name, site in sites(loaded, clock.now()).items():
            site = with_media(site, project.content_dir)
            for path, data in {**theme_files, **site.extra_files}.items():
                staging.write(f"{name}/docs/{path}", data)
            for page in site.pages:
                staging.write(f"{name}/docs/{page.path}", page.markdown)
            staging.write(f"{name}/nav.yml", yaml.safe_dump({"site_name": site.name,
                                                            "site_url": site.url,
                                                            "nav": site.nav,
                                                            "theme": site.theme},
                                                           allow_unicode=True, sort_keys=False))
            staging.write(f"{name}/mkdocs.yml", yaml.safe_dump(
                engine_config(loaded.config.raw, site), allow_unicode=True, sort_keys=False))
            counts[name] = len(site.pages)
    return counts


def published_theme_files(config: Config) -> dict[str, bytes]:
    """The files of the theme's custom_dir that are not templates (logo, style sheet), by
    their path there: where the theme's settings (logo, extra_css) find them in docs/."""
    custom = custom_dir(config)
    folder = config.path.parent / custom if isinstance(custom, str) else None
    if folder is None or not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and is_published_theme_file(path.name)}


def check(project: Project, files: Sequence[str] = (), cache: Cache | None = None
          ) -> list[Problem]:
    """Validation only: warnings when the sources are fine, a ContentError when not.

    `files` (paths from the project's root, of files or folders in content/ or newsletter/):
    only their problems, found with the whole project (links, department keys and issue
    dates are checked against every other file); errors outside the sources (mkdocs.yml,
    theme/) are said too, since no build can succeed with them."""
    found = all_problems(project, cache or Cache.at(project.root))
    if files:
        found = [p for p in found if _is_in(p.file, files)
                 or (p.is_error and not _is_in(p.file, SOURCE_FOLDERS))]
    if any(p.is_error for p in found):
        raise ContentError(found)
    return found


def all_problems(project: Project, cache: Cache) -> list[Problem]:
    """Every problem and warning of the project, in order. An unchanged project's are kept
    in `cache` (shelf `check`) by the digest of every file the check reads, until the next
    moment an item or issue is published or an item goes (the only way the time changes
    them): so `courant check` of an unchanged archive costs reading its files, not checking
    them again."""
    config = load_config(project.config_file)
    now = clock.now()

    def checked() -> tuple[list[Problem], datetime | None]:
        loaded, problems = _read_and_check(project, cache, config)
        due = next_due(loaded.content, now)
        return problems.sorted(), due.moment if due else None
    key = inputs_digest(project, config)
    if key is None:
        return checked()[0]
    found = cache.lasting("check", key, now, checked)
    cache.commit()
    return found


def inputs_digest(project: Project, config: Config) -> str | None:
    """A digest of every file the check reads: mkdocs.yml, theme/ (the style sheets'
    contrast) and the theme's custom_dir, content/ and newsletter/ (the texts by their
    bytes, photos and downloads by build/cache.tree_digest's rule); None when one cannot be
    read or is a symbolic link (the check then runs each time, and says so)."""
    custom = custom_dir(config)
    folders = [project.root / name for name in (*SOURCE_FOLDERS, "theme")]
    if isinstance(custom, str):
        folders.append(project.root / custom)
    parts: list[str | bytes] = [project.config_file.read_bytes()]
    for folder in folders:
        found = tree_digest(folder, _is_text) if os.path.lexists(folder) else "absent"
        if found is None:
            return None
        parts.append(found)
    return digest(*parts)


def _is_text(name: str) -> bool:
    return Path(name).suffix.lower() in TEXT_SUFFIXES


TEXT_SUFFIXES = MARKDOWN_LIKE | {".yml", ".yaml", ".html", ".css", ".txt"}


SOURCE_FOLDERS = ("content", "newsletter")


def _is_in(file: str, paths: Sequence[str]) -> bool:
    return any(file == path or file.startswith(f"{path.rstrip('/')}/") for path in paths)


def sites(loaded: Loaded, now: datetime, preview: bool = False,
          names: tuple[str, ...] = ("intranet", "public"),
          syndication: bool = True, cache: Cache | None = None) -> dict[str, Site]:
    """The intranet and the public site, each from its own filtered edition (`names`: only
    those, as the preview makes only the intranet; `syndication`: with feeds and calendars,
    which the preview leaves out to answer an edit at once; `cache`: where calendars and
    booklets made before are kept, and the renderers' memo (Cache.remembered), none by
    default)."""
    config, content = loaded.config, loaded.content
    cache = cache or Cache.off()
    remember = cache.remembered()

    def edition(which: Edition) -> EditionContent:
        return select(content, which, now, preview, remember)
    built = {}
    if "intranet" in names:
        intranet, staff = edition(Edition.INTRANET), edition(Edition.STAFF)
        with timing.phase("intranet"):
            built["intranet"] = _site(config, intranet, staff, config.site_name, config.site_url,
                                      cache if syndication else None)
    if "public" in names:
        partners = edition(Edition.PARTNERS)
        with timing.phase("public"):
            built["public"] = _site(config, partners, partners, config.public_name,
                                    config.public_url, cache if syndication else None)
    return built


def _site(config: Config, edition: EditionContent, news: EditionContent, name: str,
          url: str, syndication: Cache | None) -> Site:
    """One site; with feeds, calendars and booklets when `syndication` (their cache)."""
    with timing.phase("newsletters"):
        sizes = image_sizes(config.path.parent / "content")
        extra = tuple(newsletter_pages(edition, news, config.sections,
                                       config.settings.agenda_weeks, sizes))
    site = render_site(edition, config, name, url, extra_pages=extra, image_size=sizes)
    site = with_subscription_pages(site, config,
                                   "partners" if edition.for_partners else "staff")
    site = with_statement(site, read_record(config.path.parent),
                          "public" if edition.for_partners else "intranet", config)
    files = syndication_files(config, edition, news, name, url, syndication) \
        if syndication is not None else {}
    if syndication is not None and edition.of_kind(Kind.BOOKLET):
        from courant.build.booklets import booklet_bytes, booklet_files, booklet_inputs

        with timing.phase("booklets"):
            files.update(booklet_files(edition, url, name, config.path.parent / "content",
                                       syndication.kept(f"booklets-{edition.edition.value}",
                                                        booklet_bytes, booklet_inputs)))
    # what partners see is sanitised: editors' raw HTML loses scripts, handlers, styles; on
    # the intranet (editors' HTML as written) only ids that would replace the theme's own go;
    # on both, addresses and phone numbers in the text become links (render/site/tappable.py)
    clean = partner_page_html if edition.for_partners else intranet_page_html
    return replace(site, extra_files={**site.extra_files, **files}, sanitize=clean,
                   theme=site_theme(config, edition.for_partners, url))


def syndication_files(config: Config, edition: EditionContent, news: EditionContent, name: str,
                      url: str, cache: Cache) -> dict[str, bytes]:
    """The site's feeds (of the `news` edition) and calendars (of the site's own edition)."""
    theme = config.raw.get("theme")
    logo = theme.get("logo") if isinstance(theme, dict) else None
    from courant.render.calendar import calendar_files, event_block
    from courant.render.feeds import FeedSite, feed_files

    feed_site = FeedSite(name, url, logo if isinstance(logo, str) else None,
                         config.settings.feed_size)
    with timing.phase("feeds"):
        feeds = feed_files(news, edition, feed_site, config.sections)
    with timing.phase("calendar"):
        files = calendar_files(edition, name, url, cache.kept(
            f"calendar-{edition.edition.value}", event_block,
            lambda event, base_url: f"{base_url}\n{event!r}"))
        return {**feeds, **files}


def with_media(site: Site, content_dir: Path,
               publish: Callable[[Path, str], dict[str, bytes]] | None = None) -> Site:
    """Attach the published (metadata-free) bytes of every file the site uses (`publish`:
    build.media.published_files, or what gives the same: the build's cache reads back what
    the last build published)."""
    from courant.build.media import published_files

    files = dict(site.extra_files)
    for asset in site.assets:
        path = content_dir / asset.source
        fault = published_file_fault(content_dir.parent, path)
        if fault:
            raise ContentError([Problem(f"content/{asset.source}", fault)])
        files.update((publish or published_files)(path, asset.path))
    return replace(site, extra_files=files)


# What the build's second process runs: loaded by its fork server while the sources are read.
SECOND_PROCESS = ("courant.build.pipeline", "courant.build.mails", "courant.render.feeds",
                  "courant.render.calendar", "courant.engine.mkdocs.adapter")


def build(project: Project, progress: Progress | None = None,
          cache: Cache | None = None) -> BuildResult:
    """Validate, render both sites, and swap the result into dist/ only when all succeeded.
    `cache`: the project's by default (build/cache.py); its writes are committed only once
    dist/ holds the pages they record."""
    from courant.build.workers import in_child, prepare

    say = progress or (lambda _msg: None)
    cache = cache or Cache.at(project.root)
    prepare(SECOND_PROCESS)
    say("Bronnen lezen en controleren")
    with timing.phase("load"):
        loaded = load(project, cache)
    now = clock.now()
    with timing.phase("writing"), Staging(project.dist) as staging:
        say("Sites bouwen")
        # the partner site and the mails in a second process, the (larger) intranet here
        other = in_child(partners_and_mail, project, loaded, now, staging.part(), cache)
        try:
            counts = {"intranet": _make_site(project, loaded, now, "intranet", staging, cache)}
        except BaseException:
            # end the child before staging is discarded, or it writes into a removed folder
            # and leaves a stray .dist-staging-* behind; the intranet's error wins
            other.stop()
            raise
        counts["public"], kept = other()
        cache.adopt(kept)
    cache.commit()  # only now: the pages it records are in dist/
    timing.report()
    return BuildResult(project.dist, loaded.warnings, {name: counts[name] for name in
                                                       ("intranet", "public")},
                       next_due(loaded.content, now))


def partners_and_mail(project: Project, loaded: Loaded, now: datetime, staging: Folders,
                      cache: Cache) -> tuple[int, dict[str, bytes]]:
    """The partner site and the mails, into staging (from the build's second process):
    only the page count and the cache's writes go back, for the parent to commit."""
    from courant.build.mails import build_mails, mail_files, mail_media

    count = _make_site(project, loaded, now, "public", staging, cache)
    with timing.phase("mail"):
        mails = build_mails(loaded.config, loaded.content, now, project.root, cache=cache)
        staging.fill("mail", {**mail_files(mails), **mail_media(mails, project.content_dir)})
        staging.settle("mail")
    return count, cache.pending()


def preview_store(folder: Path, remember: bool = True) -> PageStore:
    """The pages the preview built into `folder`, kept in memory (nothing on disk; nothing
    at all without `remember`: every edit rebuilds every page)."""
    return (Cache.memory() if remember else Cache.off()).pages("preview", folder)


def _make_site(project: Project, loaded: Loaded, now: datetime, name: str, staging: Folders,
               cache: Cache) -> int:
    """Render one site and build it into staging, its pages kept in the cache; its page
    count."""
    engine = site_engine(project, loaded.config)
    ahead = staging.folders_ahead(name)  # made while the pages are rendered
    store: PageShelf = cache.pages(name, project.dist / name)
    try:
        site = sites(loaded, now, names=(name,), cache=cache)[name]
        with timing.phase(name):
            from courant.build.media import published_files

            publish = cache.files(f"media-{name}", project.dist / name, published_files)
            engine.build(with_media(site, project.content_dir, publish), staging.folder(name),
                         store, premade=True)
    finally:
        ahead.tidy()
    with timing.phase(name):
        staging.settle(name)  # unchanged files keep their time: see output.py
    return len(site.pages)
