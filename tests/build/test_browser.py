"""The demo intranet in a real browser: Debian's Chromium driven by Playwright, the site served
by Python's http.server on 127.0.0.1. Material's search finds Dutch words, and the site makes
no request to any other host. (`playwright install` cannot download browsers here; the set-up
installs the `chromium` apt package: scripts/install-system.sh.)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt)"),
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` on http://127.0.0.1:<free port>/."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(demo_dist: Path) -> Iterator[str]:
    """dist/intranet on http://127.0.0.1:<free port>/."""
    with serving(demo_dist / "intranet") as url:
        yield url


@contextmanager
def launched() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as chromium:
        yield chromium


class Visit:
    """A page that records every request and refuses those to any other host."""

    def __init__(self, browser: Any, base: str) -> None:
        self.requests: list[str] = []
        self.elsewhere: list[str] = []
        self.own = urlsplit(base).netloc
        self.page = browser.new_page()
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).scheme in {"data", "blob"} or urlsplit(url).netloc == self.own:
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort()

    def search(self, word: str) -> list[dict[str, str]]:
        field = self.page.locator("input.md-search__input")
        field.click()
        field.press_sequentially(word, delay=20)
        self.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        return self.page.eval_on_selector_all(
            ".md-search-result__item a",
            "links => links.map(a => ({href: a.href, text: a.innerText}))")


def test_search_finds_a_dutch_word(browser: Any, served: str) -> None:
    visit = Visit(browser, served)
    visit.page.goto(served)
    results = visit.search("schuldhulpverlening")
    assert results
    assert all(urlsplit(r["href"]).netloc == urlsplit(served).netloc for r in results)
    assert any("schuldhulpverlening" in r["text"].lower() for r in results)
    # a result leads to its page
    visit.page.locator(".md-search-result__item a").first.click()
    visit.page.wait_for_load_state("load")
    assert "schuldhulpverlening" in visit.page.locator("article").inner_text().lower()
    assert visit.elsewhere == []
    visit.page.close()


def test_search_finds_a_word_typed_halfway(browser: Any, served: str) -> None:
    """As people type: 'mantelzorgw' already finds the Mantelzorgwaardering.

    (Plurals the text never uses, like 'spoedlijnen', find nothing: Material switches lunr's
    stemmer off by default, and switching it on breaks exact and halfway words.)"""
    visit = Visit(browser, served)
    visit.page.goto(served + "nieuws/")
    results = visit.search("mantelzorgw")
    assert any("mantelzorgwaardering" in r["text"].lower() for r in results)
    assert visit.elsewhere == []
    visit.page.close()


@pytest.mark.parametrize("path", ["", "nieuws/", "agenda/", "collega-in-beeld/",
                                  "afdelingen/", "wie-benader-je-waarvoor/", "nieuwsbrief/"])
def test_no_request_goes_to_another_host(browser: Any, served: str, path: str) -> None:
    visit = Visit(browser, served)
    failed: list[str] = []
    visit.page.on("requestfailed", lambda request: failed.append(request.url))
    response = visit.page.goto(served + path)
    assert response is not None and response.status == 200
    visit.page.wait_for_load_state("networkidle")
    assert visit.requests  # the recording works
    assert visit.elsewhere == []
    assert [u for u in failed if urlsplit(u).netloc == visit.own] == []  # nothing missing
    visit.page.close()


def test_the_preview_banner_is_never_in_a_build(demo_dist: Path) -> None:
    """The banner of `courant serve` is added as a page is served in the preview, never
    written: no page of either site holds it (the demo has warnings, which the preview
    shows on their pages)."""
    from courant.editorial.previewbanner import BANNER_ID

    pages = list(demo_dist.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert BANNER_ID not in text and "Waarschuwingen bij deze pagina" not in text, page
