"""`courant serve` as an editor uses it: a real process and HTTP server on 127.0.0.1, a file
saved, a mistake made and mended, Ctrl+C at the end."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import NOW_EPOCH

pytestmark = pytest.mark.spawns

ITEM = "content/updates/2026/minder-papier-bij-aanvraag.md"


class Preview:
    """The running `courant serve`, with what it printed so far."""

    def __init__(self, root: Path, *options: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": NOW_EPOCH, "NO_COLOR": "1", "COLUMNS": "250"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "courant", "serve", "--map", str(root),
             "--adres", f"127.0.0.1:{self.port}", *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> list[str]:
        """Every line printed until one containing `text`."""
        printed: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            printed.append(line)
            self.seen.append(line)
            if text in line:
                return printed
        raise AssertionError(f"never printed {text!r}; printed: {self.seen}")

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as got:
            return str(got.read().decode("utf-8"))

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10):
                return 200
        except urllib.error.HTTPError as error:
            error.close()  # its body is an open response
            return error.code

    def wait_until_listening(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the preview never listened")

    def kill(self) -> None:
        """End it (if it still runs) and close its output, once the reader has it all."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        rest, _ = self.process.communicate(timeout=30)
        return self.process.returncode, rest


@pytest.fixture
def preview(demo: Path) -> Iterator[tuple[Preview, Path]]:
    running = Preview(demo)
    yield running, demo
    running.kill()


def save(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_editor_saves_makes_a_mistake_and_mends_it(preview: tuple[Preview, Path]) -> None:
    running, root = preview
    started = running.wait_for("Het voorbeeld staat op")
    assert f"http://127.0.0.1:{running.port}/" in started[-1]
    assert "Sociaal Domein Waalstad" in running.page("")
    draft = running.page("nieuws/wijkteam-noord-verhuist/")
    assert "Concept" in draft and "alleen jij ziet het" in draft
    embargoed = running.page("nieuws/waalstadpas-2027/")
    assert "Dit stuk verschijnt op 3 december 2026" in embargoed

    item = root / ITEM
    assert any("(waarschuwing)" in line for line in started)
    save(item, "title: ", "title: Bijgewerkt in het voorbeeld, ")
    printed = running.wait_for("Bijgewerkt om", timeout=30)
    assert printed[:-1] == []  # the warnings shown at the start are not repeated
    assert "waarschuwingen; 'courant check' toont ze allemaal" in printed[-1]
    assert "Bijgewerkt in het voorbeeld" in running.page("nieuws/minder-papier-bij-aanvraag/")

    save(item, "department: wi\n", "department: wijk\n")
    printed = running.wait_for("Niet bijgewerkt", timeout=30)
    assert any(f'{ITEM}:4: department: "wijk" is geen afdeling' in line for line in printed)
    assert "Bijgewerkt in het voorbeeld" in running.page("nieuws/minder-papier-bij-aanvraag/")

    save(item, "department: wijk\n", "department: wi\n")
    running.wait_for("Bijgewerkt om", timeout=30)
    code, rest = running.stop()
    assert "Traceback" not in "\n".join(running.seen) + rest
    assert code in (0, -signal.SIGINT)


def test_the_preview_rebuilds_after_a_save_only(preview: tuple[Preview, Path]) -> None:
    """The watcher hears the kernel (engine/mkdocs/watcher.py), which also tells of every
    source a build opens and reads: were that a save, each build would start the next. A save
    of mkdocs.yml by renaming a new file over it (as editors' programs do) is heard, twice."""
    running, root = preview
    running.wait_for("Het voorbeeld staat op")
    settings = root / "mkdocs.yml"
    for name in ("Waalstad Een", "Waalstad Twee"):
        fresh = root / ".mkdocs.yml.tmp"
        fresh.write_text(settings.read_text(encoding="utf-8").replace(
            "site_name: ", f"site_name: {name} ", 1), encoding="utf-8")
        fresh.replace(settings)
        running.wait_for("Bijgewerkt om", timeout=30)
        assert name in running.page("")
        with pytest.raises(AssertionError, match="never printed"):  # and then it waits
            running.wait_for("Bijgewerkt om", timeout=3)


def test_a_first_build_with_a_mistake_says_where_the_preview_will_be(demo: Path) -> None:
    save(demo / ITEM, "department: wi\n", "department: wijk\n")
    running = Preview(demo)
    try:
        printed = running.wait_for("zodra je herstelt wat hierboven staat")
        assert any('department: "wijk" is geen afdeling' in line for line in printed)
        running.wait_until_listening()
        with pytest.raises(urllib.error.HTTPError) as missing:  # no page yet: the banner
            running.page("")
        shown = missing.value.read().decode("utf-8")
        assert re.search(r"Het voorbeeld kon om \d\d:\d\d:\d\d niet worden gebouwd", shown)
        assert f'{ITEM}:4: department: &quot;wijk&quot; is geen afdeling' in shown
        assert "/livereload/" in shown  # it reloads by itself once mended
        time.sleep(1)  # the watcher starts with the server; an editor takes longer anyway
        save(demo / ITEM, "department: wijk\n", "department: wi\n")
        running.wait_for("Bijgewerkt om", timeout=30)
        page = running.page("")
        assert "Sociaal Domein Waalstad" in page and "courant-voorbeeld-meldingen" not in page
    finally:
        running.kill()


def test_an_address_in_use_is_a_message(demo: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "courant", "serve", "--map", str(demo), "--adres",
             f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "250"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"127.0.0.1:{port} is al in gebruik" in result.stderr


def test_the_partners_site_in_the_preview_holds_only_what_partners_see(demo: Path) -> None:
    running = Preview(demo, "--partners")
    try:
        running.wait_for("Het voorbeeld staat op")
        page = running.page("nieuws/inkoop-jeugdhulp-2027/")
        assert "Inkoop jeugdhulp 2027" in page and "Heeft u vragen over de inkoop?" in page
        assert "toestel 4410" not in page
        assert "Voor collega" not in page  # a staff passage
        assert running.status("nieuws/minder-papier-bij-aanvraag/") == 404  # staff only
        assert running.status("nieuws/wijkteam-noord-verhuist/") == 404  # a staff draft
    finally:
        running.kill()


@pytest.mark.browser
def test_the_browser_shows_what_is_wrong_and_stops_when_it_is_mended(
        preview: tuple[Preview, Path]) -> None:
    """An editor watches the browser, not the terminal: after a save with a mistake every page
    says what is wrong (file:line: message) and when, within a second or so of saving; after
    the fix the banner goes, each time by the live reload alone. A page's own warnings are
    shown on it."""
    from test_browser import launched

    from courant.editorial.previewbanner import BANNER_ID

    running, root = preview
    running.wait_for("Het voorbeeld staat op")
    alert = f"#{BANNER_ID}[role=alert]"
    base = f"http://127.0.0.1:{running.port}/"
    with launched() as chromium:
        page = chromium.new_page()
        page.goto(base + "nieuws/huisbezoek-eerste-ervaringen/")
        warned = page.locator(f"#{BANNER_ID}[role=status]")
        assert "de link naar \"../2026-10-pilot-huisbezoek.md\" gaat naar een stuk alleen voor " \
            "medewerkers" in warned.inner_text()
        page.goto(base + "nieuws/minder-papier-bij-aanvraag/")
        assert page.locator(alert).count() == 0

        saved = time.monotonic()
        save(root / ITEM, "department: wi\n", "department: wijk\n")
        page.wait_for_selector(alert, timeout=20_000)
        shown = time.monotonic() - saved
        text = page.locator(alert).inner_text()
        assert f'{ITEM}:4: department: "wijk" is geen afdeling; kies uit wi (Werk en ' \
            "Inkomen)" in text
        assert re.search(r"Het voorbeeld is om \d\d:\d\d:\d\d niet bijgewerkt", text)
        page.goto(base)  # every page says it
        assert page.locator(alert).count() == 1
        assert page.locator("h1, h2").count() > 0  # the page itself is still there

        save(root / ITEM, "department: wijk\n", "department: wi\n")
        page.wait_for_selector(alert, state="detached", timeout=20_000)
        page.goto(base + "nieuws/minder-papier-bij-aanvraag/")
        assert page.locator(f"#{BANNER_ID}").count() == 0
    print(f"banner shown {shown:.2f} s after the save")
    assert shown < 10  # a second on an idle machine; two shared cores here
