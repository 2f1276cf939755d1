"""The preview's banner: what is wrong, on the page the editor is looking at.

While the last edit could not be built, every page of `courant serve` starts with a red banner
that lists the problems (`file:line: message`) and the time of that build; otherwise a page
whose source has warnings starts with a yellow one listing them. The banner is added to each
page as it is served (engine.serve's `overlay`), never written into the site: a build's output
cannot hold it.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from courant.model import Content
from courant.problems import Problem
from courant.render.paths import issue_page_path, page_path, url_of

BANNER_ID = "courant-voorbeeld-meldingen"
STYLE = ("margin:0;padding:.8rem 1rem;font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;"
         "border-bottom:3px solid {edge};background:{fill};position:relative;z-index:10")
ERROR_COLOURS = {"edge": "#a4000f", "fill": "#fde8ea"}
WARNING_COLOURS = {"edge": "#8a5a00", "fill": "#fff4d6"}


@dataclass
class PreviewState:
    """What the preview's last build found; read by the server's threads, written by the
    builder's."""

    failed: tuple[Problem, ...] = ()
    failed_at: str = ""
    built: bool = False  # has a build succeeded yet (is there a previous version to show)?
    warnings: dict[str, tuple[Problem, ...]] = field(default_factory=dict)  # by page address
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, problems: list[Problem]) -> None:
        with self.lock:
            self.failed = tuple(problems)
            self.failed_at = time.strftime("%H:%M:%S")

    def succeed(self, content: Content, warnings: list[Problem]) -> None:
        by_file: dict[str, list[Problem]] = {}
        for warning in warnings:
            by_file.setdefault(warning.file, []).append(warning)
        issues = {str(issue.source): issue for issue in content.issues}
        pages: dict[str, tuple[Problem, ...]] = {}
        for file, found in by_file.items():  # the files with warnings, not every item's
            item = content.by_source.get(PurePosixPath(file))
            issue = issues.get(file) if item is None else None
            if item is not None:
                pages[url_of(page_path(item))] = tuple(found)
            elif issue is not None:
                pages[url_of(issue_page_path(issue.month))] = tuple(found)
        with self.lock:
            self.failed, self.failed_at, self.warnings, self.built = (), "", pages, True

    def banner(self, address: str) -> bytes:
        """The banner for the page at `address` (its path in the site: 'nieuws/x/'), or
        nothing."""
        with self.lock:
            failed, at, warnings, built = self.failed, self.failed_at, self.warnings, self.built
        if failed:
            errors = [p for p in failed if p.is_error] or list(failed)
            state = (f"is om {at} niet bijgewerkt: je browser toont de vorige versie" if built
                     else f"kon om {at} niet worden gebouwd")
            return _banner(f"Het voorbeeld {state}. Herstel dit en sla op:", errors,
                           ERROR_COLOURS, "alert")
        found = warnings.get(_page_address(address), ())
        if found:
            return _banner("Waarschuwingen bij deze pagina (courant check toont ze allemaal):",
                           list(found), WARNING_COLOURS, "status")
        return b""


def _page_address(path: str) -> str:
    """'/nieuws/x/index.html' and '/nieuws/x/' -> 'nieuws/x/'."""
    path = path.lstrip("/")
    return path.removesuffix("index.html")


def _banner(title: str, problems: list[Problem], colours: dict[str, str], role: str) -> bytes:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return (f'<div id="{BANNER_ID}" role="{role}" lang="nl" style="{STYLE.format(**colours)}">'
            f"<strong>{html.escape(title)}</strong>"
            f'<ul style="margin:.4rem 0 0 1.2rem;padding:0">{items}</ul></div>').encode()
