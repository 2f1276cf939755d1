"""The pages in a real Chromium (Debian's, through Playwright): axe-core, requests, weights.

One browser for the whole audit. Every request a page makes is routed through here: the
page's own server answers; addresses of the site itself that a mail uses (its images) are
answered from dist/; anything else is a request to a third party, recorded and never sent.
Routing also switches the browser cache off, so each page's weight is complete.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from courant.audit.findings import Finding, Target, Weight
from courant.audit.serve import Served, file_below

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORT = {"width": 1280, "height": 900}
KIND_OF_RESOURCE = {"document": "html", "stylesheet": "css", "script": "js", "image": "images"}


@dataclass(frozen=True, slots=True)
class Visit:
    """A page to open: from which server, and which production addresses answer from disk
    (a mail shows its images from the site it belongs to)."""

    target: Target
    url: str
    own: Served
    mirrors: tuple[tuple[str, Path], ...] = ()  # ("https://site/prefix/", dist folder)


@dataclass(slots=True)
class PageResult:
    visit: Visit
    violations: list[Finding] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # own addresses without a file
    sizes: dict[str, int] = field(default_factory=dict)  # html/css/js/images/other -> bytes
    error: str | None = None  # the page could not be opened

    @property
    def weight(self) -> Weight:
        return Weight(self.visit.target, **self.sizes)


@dataclass(slots=True)
class BrowserRun:
    version: str
    pages: list[PageResult]


TABS = 2
"""Pages open at once: while one waits for the network to go quiet, another works."""
QUIET, STEP, MAX_WAIT = 0.2, 0.05, 5.0


class _Router:
    """Watches every request of the page one tab is visiting. Requests to the page's own
    server pass untouched (and are counted); the rest come to `answer`."""

    def __init__(self) -> None:
        self.result: PageResult | None = None
        self.in_flight = 0

    def started(self, request: Any) -> None:
        self.in_flight += 1
        self.seen(request)

    def ended(self, request: Any) -> None:
        self.in_flight -= 1

    async def quiet(self) -> None:
        """Until no request has been under way for QUIET seconds (at most MAX_WAIT):
        what a page asks for after its load event (the search index) is recorded too."""
        waited = still = 0.0
        while still < QUIET and waited < MAX_WAIT:
            await asyncio.sleep(STEP)
            waited += STEP
            still = still + STEP if self.in_flight <= 0 else 0.0

    def foreign(self, url: str) -> bool:
        return self.result is None or not url.startswith(self.result.visit.own.origin + "/")

    def seen(self, request: Any) -> None:
        result = self.result
        if result is not None and not self.foreign(request.url):
            self._count(result, result.visit.own.file(request.url), request.url,
                        request.resource_type)

    async def answer(self, route: Any) -> None:
        request = route.request
        result = self.result
        if result is None:
            await route.abort()
            return
        url = request.url
        for prefix, folder in result.visit.mirrors:
            if url.startswith(prefix):
                path = file_below(folder, urlsplit(prefix).path, unquote(urlsplit(url).path))
                self._count(result, path, url, request.resource_type)
                await (route.fulfill(status=404, body="") if path is None
                       else route.fulfill(path=path))
                return
        result.third_party.append(url)
        await route.abort()

    @staticmethod
    def _count(result: PageResult, path: Path | None, url: str, resource_type: str) -> None:
        if path is None:
            result.missing.append(url)
            return
        kind = KIND_OF_RESOURCE.get(resource_type, "other")
        result.sizes[kind] = result.sizes.get(kind, 0) + path.stat().st_size


def run_pages(visits: Iterable[Visit], axe_script: Path, axe_locale: Path | None) -> BrowserRun:
    """Open each page once: record its requests and weight, then run axe-core in it."""
    return asyncio.run(_run_pages(list(visits), axe_script.read_text(encoding="utf-8"),
                                  json.loads(axe_locale.read_text(encoding="utf-8"))
                                  if axe_locale else None))


async def _run_pages(visits: list[Visit], axe_source: str,
                     locale: dict[str, Any] | None) -> BrowserRun:
    from playwright.async_api import async_playwright

    results = [PageResult(visit) for visit in visits]
    queue: asyncio.Queue[PageResult] = asyncio.Queue()
    for result in results:
        queue.put_nowait(result)
    async with async_playwright() as play:
        browser = await play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            context = await browser.new_context(viewport=VIEWPORT,  # type: ignore[arg-type]
                                                locale="nl-NL",
                                                service_workers="block")
            await asyncio.gather(*(_tab(context, queue, axe_source, locale)
                                   for _ in range(min(TABS, len(results)))))
            version = browser.version
        finally:
            await browser.close()
    return BrowserRun(version, results)


async def _tab(context: Any, queue: asyncio.Queue[PageResult], axe_source: str,
               locale: dict[str, Any] | None) -> None:
    """One tab: takes pages from the queue until it is empty (routing switches the cache off,
    so every page loads in full)."""
    router = _Router()
    page = await context.new_page()
    page.on("request", router.started)
    page.on("requestfinished", router.ended)
    page.on("requestfailed", router.ended)
    await page.route(router.foreign, router.answer)
    while not queue.empty():
        router.result, router.in_flight = queue.get_nowait(), 0
        await _audit_page(page, router, axe_source, locale)
    await page.close()


async def _audit_page(page: Any, router: _Router, axe_source: str,
                      locale: dict[str, Any] | None) -> None:
    result = router.result
    assert result is not None
    visit = result.visit
    try:
        await page.goto(visit.url, wait_until="load")
        await router.quiet()
        await page.add_script_tag(content=axe_source)
        if locale is not None:
            await page.evaluate("locale => axe.configure({locale})", locale)
        report = await page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})", WCAG_TAGS)
        dark = await _in_dark_scheme(page) if visit.target.site != "mail" else None
    except Exception as error:  # a page that does not open is a finding, not a crash
        result.error = str(error).splitlines()[0]
        return
    result.violations = [finding for violation in report["violations"]
                         for finding in violation_findings(visit.target, violation)]
    if dark is not None:
        result.violations += [replace(finding, where=finding.where + DARK)
                              for violation in dark["violations"]
                              for finding in violation_findings(visit.target, violation)]


DARK = " (donkere weergave)"
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DARK_SCRIPT = """() => {
  if (!document.querySelector('[data-md-color-scheme="slate"]')) return false;
  const still = document.createElement('style');
  still.textContent = '*, *::before, *::after { transition: none !important }';
  document.head.append(still);
  document.body.setAttribute('data-md-color-scheme', 'slate');
  return true;
}"""
"""What changes with the colour scheme: axe-core's rules about colours, run again in it."""


async def _in_dark_scheme(page: Any) -> dict[str, Any] | None:
    """The page in Material's dark scheme (as its switch, or a reader's system, sets it),
    checked by axe-core's colour rules; None when the site has no dark scheme."""
    switched = await page.evaluate(DARK_SCRIPT)  # without transitions: axe would see
    # colours half-way between the two schemes
    if not switched:
        return None
    report: dict[str, Any] = await page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules},"
        " resultTypes: ['violations']})", COLOUR_RULES)
    return report


def violation_findings(target: Target, violation: dict[str, Any]) -> list[Finding]:
    """One finding per element axe-core names: rule, element and how to fix it."""
    found = []
    for node in violation.get("nodes", []):
        selector = " ".join(str(part) for part in node.get("target", []))
        snippet = " ".join(str(node.get("html", "")).split())[:160]
        fix = node.get("failureSummary") or ""
        found.append(Finding(target.name, violation["id"],
                             f"{violation.get('help', '')} ({violation.get('impact') or '-'})",
                             f"{fix}\nMeer: {violation.get('helpUrl', '')}",
                             f"{selector}  {snippet}".strip()))
    return found
