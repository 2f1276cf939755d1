"""The newsletter mails: both editions of every published issue, as .html, .txt and .eml.

Each edition is selected by the privacy gate (audience.select) before it is composed, so the
partner mail is made from partner-visible content only. A mail file over MAX_BYTES stops the
build: Gmail clips longer messages and hides the rest, unsubscribe link included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from jinja2 import Environment

from courant.audience import Edition, select
from courant.build.cache import Cache, Shelf, digest, folder_digest
from courant.clock import start_of_day
from courant.model import Content, Issue, Kind, Sent
from courant.problems import ContentError, Problem
from courant.read.config import Config
from courant.read.images import ImageSize, image_sizes
from courant.render.images import MAIL_WIDTH, shown
from courant.render.newsletter.compose import ComposedIssue, LinkTo, compose_issues
from courant.render.newsletter.email import (
    TEMPLATES,
    AssetUrl,
    Mail,
    MailSite,
    mail_context,
    mail_environment,
    render_context,
)
from courant.render.newsletter.eml import eml_bytes
from courant.render.newsletter.manifest import ManifestMail, manifest_json
from courant.render.paths import asset_path, url_of
from courant.render.site.chrome import sections_in_words, words_for
from courant.wording import EDITION_NAMES, number

MAX_BYTES = 102_000
EDITIONS = (Edition.STAFF, Edition.PARTNERS)


Held = tuple[tuple[PurePosixPath, str], ...]
"""(source, title) of each item in a mail, in the order shown."""


@dataclass(frozen=True, slots=True)
class MailFiles:
    """One edition of one issue, as the files written to dist/mail/YYYY-MM/; `items` and
    `agenda` are what it holds (the record of a sent issue keeps them)."""

    mail: Mail
    site: MailSite
    eml: bytes
    items: Held = ()
    agenda: Held = ()
    sent: Sent | None = None  # when this edition of the issue went out
    images: tuple[PurePosixPath, ...] = ()  # in content/, shown from site.image_base

    @property
    def files(self) -> dict[str, bytes]:
        name = f"{self.mail.month}/{self.mail.edition}"
        return {f"{name}.html": self.mail.html.encode("utf-8"),
                f"{name}.txt": self.mail.text.encode("utf-8"),
                f"{name}.eml": self.eml}


def mail_site(config: Config, edition: Edition, asset_url: AssetUrl | None = None,
              unsubscribe: str | None = None) -> MailSite:
    """Staff mail links to the intranet (site_url, or mail.staff_links where staff read it
    from home) with its images from mail.staff_images when set; partner mail to the public
    site. `unsubscribe` replaces the configured address (courant send: each recipient's
    own)."""
    mail = config.settings.mail
    if edition is Edition.PARTNERS:
        return MailSite(config.public_name, config.public_url, mail.sender, mail.reply_to,
                        unsubscribe or mail.unsubscribe, mail.footer, asset_url)
    return MailSite(config.site_name, _folder(mail.staff_links or config.site_url), mail.sender,
                    mail.reply_to, None, mail.footer, asset_url,
                    _folder(mail.staff_images) if mail.staff_images else None)


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def template_folder(root: Path) -> Path:
    """theme/email/ of the project; a clear message when a template is missing."""
    folder = root / "theme" / "email"
    missing = [name for name in TEMPLATES if not (folder / name).is_file()]
    if missing:
        raise ContentError([Problem(f"theme/email/{name}", "ontbreekt; courant maakt de "
                                    "nieuwsbrief-mail met issue.html, issue.txt en email.css "
                                    "in theme/email/ (zie de voorbeeldbestanden van courant)")
                            for name in missing])
    return folder


def build_mails(config: Config, content: Content, now: datetime, root: Path,
                month: str | None = None, asset_url: AssetUrl | None = None,
                cache: Cache | None = None, unsubscribe: str | None = None) -> list[MailFiles]:
    """Both editions of every issue published at `now`; with `month`, of that issue only,
    made as on the day it comes out when that is later (the preview of a coming issue).
    With a `cache`, a mail whose templates and their input are unchanged since the last
    build is taken from there instead of templated, inlined and encoded again.
    `unsubscribe`: the partner mail's unsubscribe address (see mail_site)."""
    folder = template_folder(root)
    env = mail_environment(folder)
    sizes = image_sizes(root / "content")
    kept = (cache.shelf("mail"), folder_digest(folder)) \
        if cache is not None and asset_url is None else None
    if month is not None:
        issue = _issue(content, month)
        now = max(now, start_of_day(issue.date))
    made = []
    for edition in EDITIONS:
        news = select(content, edition, now)
        site = mail_site(config, edition, asset_url, unsubscribe)
        sections = sections_in_words(config.sections, words_for(edition is Edition.PARTNERS))
        for composed in compose_issues(news, sections, config.settings.agenda_weeks,
                                       _absolute(site.url)):
            if month is None or composed.issue.month == month:
                made.append(_mail_files(composed, site, env, sizes, kept))
    return made


Kept = tuple[Shelf[tuple[Mail, bytes]], str]  # the shelf, and the templates' digest


def _mail_files(composed: ComposedIssue, site: MailSite, env: Environment, sizes: ImageSize,
                kept: Kept | None) -> MailFiles:
    context = mail_context(composed, site, sizes)
    key = digest(json.dumps([context, repr(composed.issue), repr(composed.edition),
                             repr(site)], sort_keys=True, default=repr),
                 kept[1] if kept is not None else "")
    found = kept[0].get(key) if kept is not None else None
    if found is None:
        mail = render_context(composed, context, env)
        found = (mail, eml_bytes(mail, site))
        if kept is not None:
            kept[0].put(key, found)
    entries = [(section.kind is Kind.EVENT, (e.item.source, e.title))
               for section in composed.sections for e in section.entries]
    images = tuple(e.image.path for e in composed.entries if e.image is not None) \
        if site.image_base else ()
    return MailFiles(found[0], site, found[1],
                     items=tuple(entry for event, entry in entries if not event),
                     agenda=tuple(entry for event, entry in entries if event),
                     sent=composed.issue.sent_as(composed.edition.value), images=images)


def _absolute(base_url: str) -> LinkTo:
    return lambda path, _in_html: base_url + url_of(path)


def _issue(content: Content, month: str) -> Issue:
    for issue in content.issues:
        if issue.month == month:
            return issue
    known = ", ".join(i.month for i in content.issues) or "geen"
    raise ContentError([Problem(f"newsletter/{month}.md", "bestaat niet; er zijn nummers "
                                f"voor: {known}")])


def mail_files(mails: list[MailFiles]) -> dict[str, bytes]:
    """{YYYY-MM/staff.html: bytes, ..., YYYY-MM/manifest.json: bytes}; a ContentError when
    a file is too large for Gmail. The manifest describes each month's mails for a mailing
    tool (render/newsletter/manifest.py)."""
    files: dict[str, bytes] = {}
    problems = []
    months: dict[str, list[MailFiles]] = {}
    for made in mails:
        for name, data in made.files.items():
            if len(data) >= MAX_BYTES:
                problems.append(too_large(made.mail, name, len(data)))
            files[name] = data
        months.setdefault(made.mail.month, []).append(made)
    if problems:
        raise ContentError(problems)
    for month, made_in_month in months.items():
        files[f"{month}/manifest.json"] = manifest_json(
            [ManifestMail(m.mail, m.site, {n.rpartition("/")[2]: files[n] for n in m.files},
                          m.sent) for m in made_in_month])
    return files


def mail_media(mails: list[MailFiles], content_dir: Path) -> dict[str, bytes]:
    """The images of mails shown from their own address (mail.staff_images: the staff mail
    read at home, while the intranet is internal only), as dist/mail/media/<name>: the copy
    made for the mail's width, without metadata. Publish dist/mail/media/ at that address."""
    from courant.build.media import published_files

    sizes = image_sizes(content_dir)
    files: dict[str, bytes] = {}
    for path in sorted({p for made in mails for p in made.images}):
        published = asset_path(path)
        shown_path = shown(published, sizes(path), MAIL_WIDTH)[0]
        copies = published_files(content_dir / path, published)
        files[shown_path] = copies[shown_path]  # media/..., as render/email._image names it
    return files


def too_large(mail: Mail, name: str, size: int) -> Problem:
    return Problem(f"newsletter/{mail.month}.md",
                   f"de mail voor {EDITION_NAMES[mail.edition]} ({name}) wordt {number(size)} "
                   f"bytes; boven {number(MAX_BYTES)} bytes knipt Gmail hem af. Maak het "
                   "voorwoord of de samenvattingen korter, of zet stukken met 'issue:' in een "
                   "ander nummer")
