"""A composed issue -> its mail: HTML with the CSS inlined (css-inline) and a plain-text twin.

The templates are the project's own (theme/email/issue.html, issue.txt, email.css), so a site
can change the look without touching courant. Every link and image is absolute (a mail has no
page to resolve a relative link against), the editors' HTML is sanitised, and images carry
width, height and alt text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlsplit

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from courant import wording
from courant.audience import Edition
from courant.markup import to_html
from courant.model import Event
from courant.passages import LABEL, Segment, split_html
from courant.read.images import ImageSize
from courant.render.images import MAIL_WIDTH, shown
from courant.render.newsletter.compose import ComposedIssue, Entry
from courant.render.newsletter.plaintext import html_to_text, wrap
from courant.render.paths import MEDIA_DIR, asset_path, event_ics_path, issue_page_path, url_of
from courant.sanitize import clean_html

TEMPLATES = ("issue.html", "issue.txt", "email.css")
IMAGE_BOX = (560, 320)
"""Images are shown at most this wide and high (the mail is 600 px with 20 px margins)."""

AssetUrl = Callable[[PurePosixPath], str]
"""The URL of an image, from its path in content/ (the preview serves images itself)."""


@dataclass(frozen=True, slots=True)
class MailSite:
    """The site an edition's mail belongs to, and who sends it."""

    name: str
    url: str  # absolute, ending in /: site_url (staff) or the public site's url (partners)
    sender: str  # "Naam <adres>"
    reply_to: str | None = None
    unsubscribe: str | None = None  # partners: a mailto: or https: address
    footer: str = ""
    asset_url: AssetUrl | None = None  # the preview shows images from elsewhere
    image_base: str | None = None  # images from here (mail.staff_images), not from `url`


@dataclass(frozen=True, slots=True)
class Mail:
    month: str
    day: date  # the issue's date
    edition: Edition
    subject: str
    html: str
    text: str
    web_url: str
    preheader: str = ""  # the line a mail client shows after the subject


PREHEADER = 140


def mail_environment(folder: Path) -> Environment:
    """The jinja2 environment of the mail templates in `folder` (theme/email/)."""
    return Environment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                       autoescape=select_autoescape(["html"]), trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def render_mail(composed: ComposedIssue, site: MailSite, env: Environment,
                image_size: ImageSize) -> Mail:
    return render_context(composed, mail_context(composed, site, image_size), env)


def render_context(composed: ComposedIssue, context: dict[str, Any], env: Environment) -> Mail:
    """The mail of `composed` from its `mail_context`: everything the templates see."""
    html = env.get_template("issue.html").render(context)
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False,
                                    keep_link_tags=False)
    text = env.get_template("issue.txt").render(context)
    return Mail(composed.issue.month, composed.issue.date, composed.edition, composed.issue.title,
                inliner.inline(html), text, context["web_url"],
                preheader(context["foreword_text"]))


def preheader(text: str, limit: int = PREHEADER) -> str:
    """The start of the foreword on one line, cut at a word within `limit` characters; a
    greeting on a line of its own ("Beste collega's en partners,") is left out: the inbox
    shows what the issue is about."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and paragraphs[0].rstrip().endswith(",") and \
            len(paragraphs[0]) < 80:
        paragraphs = paragraphs[1:]
    line = " ".join(" ".join(paragraphs).split())
    if len(line) <= limit:
        return line
    return line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def mail_context(composed: ComposedIssue, site: MailSite,
                 image_size: ImageSize) -> dict[str, Any]:
    """Everything the templates show, already absolute, sanitised and in Dutch."""
    issue = composed.issue
    web_url = site.url + url_of(issue_page_path(issue.month))
    foreword, foreword_text = _foreword(composed.foreword, web_url,
                                        composed.edition is not Edition.PARTNERS)
    sender_name, sender_address = parseaddr(site.sender)
    partners = composed.edition is Edition.PARTNERS
    return {
        "issue": {"title": issue.title, "month": issue.month, "date": wording.day(issue.date),
                  "month_name": wording.month(issue.date)},
        "edition": str(composed.edition),
        "partners": partners,
        "site": {"name": site.name, "url": site.url},
        "web_url": web_url,
        "archive_url": site.url + "nieuwsbrief/",
        "privacy_url": site.url + "privacy/",
        "foreword_html": Markup(foreword),
        "foreword_text": foreword_text,
        "preheader": preheader(foreword_text),
        "sections": [{"title": section.title,
                      "groups": [{"title": group.title,
                                  "entries": [_entry(e, site, image_size, partners)
                                              for e in group.entries]}
                                 for group in section.groups]}
                     for section in composed.sections],
        "sender": {"name": sender_name or site.name, "address": sender_address},
        "reply_to": site.reply_to or sender_address,
        "unsubscribe": _unsubscribe(site.unsubscribe, site.reply_to or sender_address),
        "footer": site.footer,
        "cancelled_label": wording.CANCELLED,
    }


STAFF_BOX = (
    '<table role="presentation" class="staff-passage" width="100%" cellpadding="0" '
    'cellspacing="0" border="0">\n<tr><td class="staff-passage-label" bgcolor="#fdf3d8">'
    '{label}</td></tr>\n<tr><td class="staff-passage-body">\n{content}\n</td></tr>\n</table>\n')
"""A staff-only passage in the staff mail: a table (Outlook draws borders and padding on table
cells only) with its label as text, styled by email.css (inlined)."""
STAFF_TEXT = "<p>*** {label} ***</p>\n{content}\n<p>*** Einde: {end} ***</p>\n"


def _foreword(foreword: str, web_url: str, staff: bool) -> tuple[str, str]:
    """The foreword as mail HTML and as plain text: sanitised, its staff-only passages (in the
    staff edition; the partners' has none, and an editor's own element of that class is not
    one) marked in each."""
    converted = to_html(foreword)
    html, text = [], []
    for segment in split_html(converted) if staff else [Segment(converted, False)]:
        cleaned = clean_html(segment.html, web_url)
        if segment.staff:
            html.append(STAFF_BOX.format(label=LABEL, content=cleaned))
            text.append(STAFF_TEXT.format(label=LABEL, content=cleaned, end=LABEL.lower()))
        else:
            html.append(cleaned)
            text.append(cleaned)
    return "".join(html), html_to_text("".join(text))


def _entry(entry: Entry, site: MailSite, image_size: ImageSize,
           partners: bool) -> dict[str, Any]:
    url = site.url + url_of(entry.path)
    return {"title": entry.title, "url": url, "teaser": entry.teaser,
            "teaser_text": wrap(entry.teaser), "meta": " · ".join(entry.meta),
            "meta_text": wrap(" · ".join(entry.meta)),
            "cancelled": entry.cancelled, "image": _image(entry, site, image_size),
            "actions": event_actions(entry, site, partners)}


def event_actions(entry: Entry, site: MailSite, partners: bool) -> list[dict[str, str]]:
    """What an event in the mail offers: signing up, and its .ics for the reader's calendar
    (nothing for a cancelled one). Each link's name says which event it is for."""
    event = entry.item
    if not isinstance(event, Event) or event.cancelled:
        return []
    actions = []
    if event.registration:
        actions.append({"label": "Aanmelden", "name": f"Aanmelden voor {event.title}",
                        "url": event.registration})
    label = "Zet in uw agenda" if partners else "Zet in je agenda"
    actions.append({"label": label, "name": f"{label}: {event.title}",
                    "url": site.url + event_ics_path(event)})
    return actions


def _image(entry: Entry, site: MailSite, image_size: ImageSize) -> dict[str, Any] | None:
    """The entry's image with its display size; left out when its size cannot be read."""
    if entry.image is None:
        return None
    size = image_size(entry.image.path)
    if size is None:
        return None
    path = entry.image.path
    # the copy made for the mail's width (render/images.py), published beside the original
    published = shown(asset_path(path), size, MAIL_WIDTH)[0]
    src = (site.asset_url(path) if site.asset_url
           else site.image_base + published.removeprefix(f"{MEDIA_DIR}/") if site.image_base
           else site.url + published)
    width, height = fit(size, IMAGE_BOX)
    return {"src": src, "width": width, "height": height, "alt": entry.image.alt}


def fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """`size` scaled down (never up) to fit inside `box`, keeping its proportions."""
    width, height = size
    scale = min(1.0, box[0] / max(width, 1), box[1] / max(height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _unsubscribe(address: str | None, reply_to: str) -> dict[str, str]:
    """How a partner unsubscribes: a link for the HTML and a sentence for the plain text."""
    url = address or f"mailto:{reply_to}?subject=Afmelden"
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        subject = parse_qs(parts.query).get("subject", ["Afmelden"])[0]
        text = (f"Stuur een e-mail naar {parts.path} met als onderwerp "
                f"\u2018{subject}\u2019.")
        return {"url": url, "text": text, "address": parts.path}
    return {"url": url, "text": f"Meld u af via {url}", "address": url}
