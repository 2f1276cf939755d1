"""`courant preview YYYY-MM`: both editions of one issue side by side, as they will be mailed.

The mails are made exactly as the build makes them, for the moment the issue comes out: a
coming issue holds the items dated up to its date (drafts never, as they are never built).
Only the images differ: they come from content/ through the preview's own little web server
(127.0.0.1), since a coming issue's images are not on the sites yet. The preview is a folder:

    index.html   both mails at 600 px, side by side, with their sizes and the plain text
    smal.html    the same at 375 px (a phone)
    staff.html, staff.txt, staff.eml, partners.html, partners.txt, partners.eml, media/...
"""

from __future__ import annotations

import html
import shutil
import tempfile
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

from courant import clock, wording
from courant.audience import Edition
from courant.build import pipeline
from courant.build.mails import MAX_BYTES, MailFiles, build_mails
from courant.build.media import published_bytes
from courant.clock import start_of_day
from courant.problems import Problem, Severity
from courant.render.paths import asset_path
from courant.wording import EDITION_NAMES, number

WIDTHS = {"index.html": 600, "smal.html": 375}


@dataclass(frozen=True, slots=True)
class Preview:
    folder: Path
    mails: list[MailFiles]
    warnings: list[Problem]


def write_preview(project: pipeline.Project, month: str, folder: Path) -> Preview:
    """Make both mails of `month` and the pages that show them into `folder`."""
    loaded = pipeline.load(project)
    images: set[PurePosixPath] = set()

    def image_url(path: PurePosixPath) -> str:
        images.add(path)
        return asset_path(path)  # where the site publishes it, here relative to the preview

    mails = build_mails(loaded.config, loaded.content, clock.now(), project.root, month,
                        asset_url=image_url)
    folder.mkdir(parents=True, exist_ok=True)
    for made in mails:
        for name, data in made.files.items():
            (folder / name.split("/", 1)[1]).write_bytes(data)
    for path in images:
        target = folder / asset_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(published_bytes(project.content_dir / path))
    warnings = [*loaded.warnings, *_size_warnings(mails)]
    for page, width in WIDTHS.items():
        (folder / page).write_text(preview_page(mails, width, warnings), encoding="utf-8")
    return Preview(folder, mails, warnings)


def _size_warnings(mails: list[MailFiles]) -> list[Problem]:
    return [Problem(f"newsletter/{made.mail.month}.md",
                    f"de mail voor {EDITION_NAMES[made.mail.edition]} ({name}) is "
                    f"{number(len(data))} bytes; boven {number(MAX_BYTES)} bytes "
                    "knipt Gmail hem af en stopt de build",
                    severity=Severity.WARNING)
            for made in mails for name, data in made.files.items() if len(data) >= MAX_BYTES]


def preview_page(mails: list[MailFiles], width: int, warnings: list[Problem]) -> str:
    """The page with both mails in frames; no script, nothing loaded from elsewhere."""
    first = mails[0].mail
    coming = start_of_day(first.day) > clock.now()
    status = (f"Verschijnt op {wording.day(first.day)}: zo ziet het nummer er dan uit."
              if coming else f"Verschenen op {wording.day(first.day)}.")
    other = "smal.html" if width == 600 else "index.html"
    other_text = "Bekijk op telefoonbreedte (375 px)" if width == 600 else \
        "Bekijk op volle breedte (600 px)"
    columns = "".join(_column(made, width) for made in mails)
    notes = "".join(f"<li>{html.escape(str(p))}</li>" for p in warnings)
    return PAGE.format(title=html.escape(first.subject), status=html.escape(status),
                       other=other, other_text=other_text, columns=columns,
                       notes=f"<ul class='notes'>{notes}</ul>" if notes else "",
                       width=width + 2)


def _column(made: MailFiles, width: int) -> str:
    name = str(made.mail.edition)
    sizes = " · ".join(f"{kind} {len(data) / 1000:.1f} kB"
                       for kind, data in zip(("HTML", "tekst", ".eml"),
                                             made.files.values(), strict=True))
    label = "Medewerkers" if made.mail.edition is Edition.STAFF else "Partners"
    return (f"<section><h2>{label}</h2><p class='meta'>Onderwerp: "
            f"{html.escape(made.mail.subject)}<br>Van: {html.escape(made.site.sender)}<br>"
            f"{sizes}<br><a href='{name}.txt'>Platte tekst</a> · "
            f"<a href='{name}.eml'>.eml</a> · <a href='{name}.html'>Alleen deze mail</a></p>"
            f"<iframe src='{name}.html' width='{width}' title='Mail voor "
            f"{label.lower()}'></iframe></section>")


PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Voorbeeld: {title}</title>
<style>
body {{ margin: 0; font-family: system-ui, Arial, sans-serif; background: #e4e7eb;
        color: #1f2933; }}
header {{ padding: 12px 20px; background: #102a43; color: #fff; }}
header h1 {{ margin: 0 0 4px; font-size: 20px; }}
header p {{ margin: 0; }} header a {{ color: #bcdcff; }}
main {{ display: flex; gap: 24px; padding: 16px 20px; overflow-x: auto; align-items: flex-start; }}
section h2 {{ margin: 0 0 4px; font-size: 18px; }}
.meta {{ margin: 0 0 8px; font-size: 14px; }}
iframe {{ width: {width}px; height: calc(100vh - 190px); min-height: 480px;
          border: 1px solid #9aa5b1; background: #fff; }}
.notes {{ margin: 8px 0 0; color: #ffd8a8; }}
</style></head>
<body><header><h1>Voorbeeld: {title}</h1>
<p>{status} Links in de mail gaan naar de sites zoals die na de volgende build zijn.
<a href="{other}">{other_text}</a></p>{notes}</header>
<main>{columns}</main></body></html>
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_preview(project: pipeline.Project, month: str, host: str, port: int,
                  announce: Any) -> None:
    """Write the preview into a temporary folder and serve it until Ctrl+C."""
    folder = Path(tempfile.mkdtemp(prefix="courant-preview-"))
    try:
        preview = write_preview(project, month, folder)
        server = ThreadingHTTPServer((host, port),
                                     partial(_QuietHandler, directory=str(folder)))
        announce(preview, f"http://{host}:{server.server_address[1]}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
