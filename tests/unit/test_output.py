"""output.Staging: one writer, swapped into dist/ whole; unchanged files keep their time."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from courant.build import output
from courant.build.oserrors import SystemFault
from courant.build.output import OutputError, Staging

LONG_AGO = 1_577_836_800_000_000_000


def build(dist: Path, files: dict[str, bytes], folder: dict[str, bytes] | None = None) -> None:
    with Staging(dist) as staging:
        for name, data in files.items():
            staging.write(name, data)
        if folder is not None:
            staging.fill("site", folder)
            staging.settle("site")


def test_a_second_write_of_one_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError), Staging(tmp_path / "dist") as staging:
        staging.write("feed.xml", b"a")
        staging.write("feed.xml", b"b")
    assert not (tmp_path / "dist").exists()
    assert list(tmp_path.iterdir()) == []


def test_unchanged_bytes_keep_the_old_mtime_changed_bytes_get_a_new_one(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build(dist, {"feed.xml": b"<feed/>", "agenda.ics": b"BEGIN", "news.html": b"old"},
          {"page.html": b"page", "other.html": b"abc"})
    for path in dist.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(LONG_AGO, LONG_AGO))
    build(dist, {"feed.xml": b"<feed/>", "agenda.ics": b"BEGIN", "news.html": b"new"},
          {"page.html": b"page", "other.html": b"xyz"})

    def mtime(name: str) -> int:
        return (dist / name).stat().st_mtime_ns

    assert mtime("feed.xml") == mtime("agenda.ics") == mtime("site/page.html") == LONG_AGO
    assert mtime("news.html") != LONG_AGO  # same size, other bytes
    assert mtime("site/other.html") != LONG_AGO
    assert (dist / "news.html").read_bytes() == b"new"


def beside(folder: Path) -> list[str]:
    """What a build left next to dist/ (or next to the folder dist/ links to)."""
    return sorted(name for name in os.listdir(folder) if name.startswith(".dist"))


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o755), (0o027, 0o750), (0o077, 0o700)],
                         ids=["022", "027", "077"])
def test_dist_is_made_as_mkdir_makes_it(tmp_path: Path, umask: int, mode: int) -> None:
    """A web server running as another user reads dist/ when the umask lets it."""
    previous = os.umask(umask)
    try:
        build(tmp_path / "dist", {"intranet/index.html": b"x"})
        build(tmp_path / "dist", {"intranet/index.html": b"y"})  # the swap keeps it so
    finally:
        os.umask(previous)
    assert (tmp_path / "dist").stat().st_mode & 0o777 == mode
    assert (tmp_path / "dist/intranet").stat().st_mode & 0o777 == mode


@pytest.mark.parametrize("exchange", [True, False])
def test_a_rebuild_leaves_nothing_beside_dist(tmp_path: Path, exchange: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """With renameat2's exchange, and with the two renames where a system lacks it."""
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda _one, _other: False)
    dist = tmp_path / "dist"
    for data in (b"1", b"2", b"3"):
        build(dist, {"feed.xml": data})
    assert (dist / "feed.xml").read_bytes() == b"3"
    assert beside(tmp_path) == []


def test_folders_of_killed_builds_are_removed_but_not_those_of_running_ones(
        tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build(dist, {"feed.xml": b"1"})
    for name in (".dist-staging-k9w2x1", ".dist-staging-123-abcd", ".dist-old-123-abcd"):
        (tmp_path / name / "intranet").mkdir(parents=True)  # what kill -9 leaves
        (tmp_path / name / "intranet/index.html").write_text("half")
    running = tmp_path / ".dist-staging-456-beef"
    running.mkdir()
    lock = output._lock(running)  # a build still at work holds its folder
    try:
        build(dist, {"feed.xml": b"2"})
        assert beside(tmp_path) == [".dist-staging-456-beef"]
    finally:
        os.close(lock)
    build(dist, {"feed.xml": b"3"})
    assert beside(tmp_path) == []


def test_a_staging_folder_is_locked_while_its_build_runs(tmp_path: Path) -> None:
    with Staging(tmp_path / "dist") as staging:
        with pytest.raises(BlockingIOError):
            output._lock(staging.root)
        other = Staging(tmp_path / "dist")  # a second build beside it leaves it alone
        other.discard()
        assert staging.root.is_dir()
    assert beside(tmp_path) == []


def test_a_dist_that_is_a_symlink_stays_one(tmp_path: Path) -> None:
    """dist/ -> the web root: each build goes into the web root; the link is kept."""
    webroot = tmp_path / "www" / "courant"
    webroot.parent.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "dist").symlink_to(webroot)
    for data in (b"1", b"2"):
        build(project / "dist", {"feed.xml": data}, {"page.html": data})
        assert (project / "dist").is_symlink()
        assert (webroot / "feed.xml").read_bytes() == data
    assert os.readlink(project / "dist") == str(webroot)
    assert beside(project) == [] and sorted(os.listdir(webroot.parent)) == ["courant"]


def test_a_failed_build_behind_a_symlink_leaves_the_web_root_as_it_was(tmp_path: Path) -> None:
    webroot = tmp_path / "www"
    (tmp_path / "dist").symlink_to(webroot)
    build(tmp_path / "dist", {"feed.xml": b"1"})
    with pytest.raises(OutputError), Staging(tmp_path / "dist") as staging:
        staging.write("feed.xml", b"2")
        staging.write("feed.xml", b"3")
    assert (webroot / "feed.xml").read_bytes() == b"1"
    assert sorted(os.listdir(tmp_path)) == ["dist", "www"]


def test_a_mount_point_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    """/proc is a mount point on every Linux; dist/ links to it."""
    (tmp_path / "dist").symlink_to("/proc")
    with pytest.raises(SystemFault, match="is een koppelpunt"):
        Staging(tmp_path / "dist")
    assert not [name for name in os.listdir("/") if name.startswith(".proc-")]


def test_a_swap_that_fails_puts_the_old_dist_back(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dist = tmp_path / "dist"
    build(dist, {"feed.xml": b"1"})
    monkeypatch.setattr(output, "_exchange", lambda _one, _other: False)
    staging = Staging(dist)
    staging.write("feed.xml", b"2")
    real_rename = Path.rename

    def refuse(self: Path, target: Path) -> Path:
        if self == staging.root:
            raise OSError(errno.EBUSY, "busy", str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(OSError), staging:
        pass
    monkeypatch.undo()
    assert (dist / "feed.xml").read_bytes() == b"1"
    assert beside(tmp_path) == []
