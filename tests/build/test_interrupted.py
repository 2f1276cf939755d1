"""Builds that the machine stops, with real processes: `kill -9` and SIGTERM in the middle of a
`courant build`, a dist/ that is a mount point, a full disk. dist/ stays whole, nothing is
left beside it, and the command says what happened in Dutch, with its own exit code.

The mount point and the full disk are real: a tmpfs mounted in a user and mount namespace of
its own (`unshare --map-root-user --mount`), so no root is needed and nothing outside the test
is touched. Where namespaces are not allowed, the full disk becomes a file-size limit (the
same path through courant: an OSError while writing) and the mount point /proc.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, courant_command, courant_env, run_courant
from courant.build import output

pytestmark = pytest.mark.spawns  # builds run as their own processes


def start_build(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(courant_command(root, "build"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=courant_env())


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".dist"))


def staging_at_work(root: Path, build: subprocess.Popen[str]) -> Path:
    """The build's staging folder, once MkDocs has written pages into it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        for folder in root.glob(".dist-staging-*"):
            if next(folder.glob("*/*/index.html"), None) is not None:
                return folder
        time.sleep(0.02)
    raise AssertionError(f"no staging folder with pages appeared (exit {build.poll()})")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("stopped") / "p",
                        content_from=FIXTURES / "smallsite")
    first = run_courant(root, "build")
    assert first.returncode == 0, first.stderr
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    shutil.rmtree(root / ".cache")  # a cold build: long enough to be stopped halfway
    return root


def test_kill_9_leaves_dist_whole_and_the_next_build_tidies_up(project: Path) -> None:
    before = files(project / "dist")
    build = start_build(project)
    staging = staging_at_work(project, build)
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=30)  # reaped, its pipes closed
    assert staging.is_dir()  # what kill -9 leaves: no process can tidy up after itself
    deadline = time.monotonic() + 15  # the partner site's process ends with its parent
    while True:
        try:
            os.close(output._lock(staging))
            break
        except BlockingIOError:
            assert time.monotonic() < deadline, "the second process outlived its parent"
            time.sleep(0.05)
    assert files(project / "dist") == before
    again = run_courant(project, "build")
    assert again.returncode == 0, again.stderr
    assert leftovers(project) == []
    assert files(project / "dist") == before  # same sources, same bytes


def test_sigterm_removes_its_staging_and_says_so(project: Path) -> None:
    before = files(project / "dist")
    build = start_build(project)
    staging_at_work(project, build)
    build.send_signal(signal.SIGTERM)
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 143, err
    assert "Traceback" not in err
    assert ("Gestopt (SIGTERM): er is niets half gepubliceerd; dist/ is de vorige versie, of "
            "de nieuwe als die al klaar was.") in err
    assert leftovers(project) == []
    assert files(project / "dist") == before


# --- a mount point and a full disk, in a namespace of their own --------------------------

INSIDE = r"""
import json, os, subprocess, sys
from pathlib import Path
disk, size, root, dist_is_mount = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4] == "1"
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", disk], check=True)
env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "250"}
def build():
    done = subprocess.run([sys.executable, "-m", "courant", "build", "--map", str(root)],
                          capture_output=True, text=True, env=env, timeout=300)
    return {"code": done.returncode, "err": done.stderr}
def tree():
    return {str(p.relative_to(root)): p.read_bytes().hex() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}
if dist_is_mount:
    (root / "dist" / "keep.txt").write_text("op de schijf")
    result = {"second": build()}
else:
    root.mkdir()
    for name in ("mkdocs.yml", "theme", "content", "newsletter"):
        subprocess.run(["cp", "-r", str(Path(sys.argv[5]) / name), str(root)], check=True)
    result = {"first": build()}
    before = tree()
    with open(Path(disk) / "ballast", "wb", buffering=0) as ballast:  # fill the disk up
        try:
            while True:
                ballast.write(b"\0" * 65536)
        except OSError:
            pass
    os.truncate(Path(disk) / "ballast", os.path.getsize(Path(disk) / "ballast") - 200_000)
    result["second"] = build()
    result["same"] = tree() == before
result["beside"] = sorted(n for n in os.listdir(root) if n.startswith(".dist"))
result["kept"] = sorted(os.listdir(root / "dist"))
print(json.dumps(result))
"""


def namespaces() -> bool:
    try:
        return subprocess.run(["unshare", "--map-root-user", "--mount", "true"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def in_namespace(*args: str) -> dict[str, object]:
    done = subprocess.run(["unshare", "--map-root-user", "--mount", sys.executable, "-c", INSIDE,
                           *args], capture_output=True, text=True, timeout=600,
                          env=courant_env(), check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_dist_that_is_a_mount_point_is_refused_in_dutch(project: Path) -> None:
    if namespaces():
        result = in_namespace(str(project / "dist"), "16m", str(project), "1")
        second = result["second"]
        assert isinstance(second, dict)
        code, err = second["code"], second["err"]
        assert result["kept"] == ["keep.txt"] and result["beside"] == []
        shown = f"{project / 'dist'}"
    else:
        shutil.rmtree(project / "dist")
        (project / "dist").symlink_to("/proc")
        done = run_courant(project, "build")
        code, err, shown = done.returncode, done.stderr, f"{project / 'dist'} (naar /proc)"
    assert code == 3, err
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"De site kon niet worden gebouwd: {shown} is een koppelpunt (mount point): courant "
        "vervangt die map in zijn geheel en dat kan daar niet. Koppel de schijf een map hoger, "
        "of maak van dist/ een symbolische koppeling naar een map óp die schijf (zie "
        "docs/hosting.md)", "dist/ is niet veranderd."]


def test_a_full_disk_is_said_in_dutch_and_dist_stays(project: Path, tmp_path: Path) -> None:
    if not namespaces():
        pytest.skip("unshare --map-root-user --mount is not allowed here (the file-size "
                    "test below takes the same path)")
    disk = tmp_path / "disk"
    disk.mkdir()
    result = in_namespace(str(disk), "16m", str(disk / "p"), "0", str(project))
    first, second = result["first"], result["second"]
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["code"] == 0, first["err"]
    assert second["code"] == 3, second["err"]
    assert "Traceback" not in second["err"]
    assert second["err"].splitlines() == [
        f"De site kon niet worden gebouwd: de schijf is vol; maak ruimte vrij op de schijf van "
        f"{disk / 'p' / 'dist'} en bouw opnieuw (ENOSPC)", "dist/ is niet veranderd."]
    assert result["same"] is True
    assert result["beside"] == []


def test_a_file_too_large_for_the_machine_is_said_in_dutch(project: Path) -> None:
    """Without namespaces the same path (an OSError while writing) through a file-size limit:
    the theme's search script and every larger file fail to be written."""
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))

    before = files(project / "dist")
    done = subprocess.run(courant_command(project, "build"), capture_output=True, text=True,
                          env=courant_env(), timeout=300, check=False,
                          preexec_fn=limit)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("De site kon niet worden gebouwd: een bestand wordt groter dan "
                            "deze computer toestaat (bij "), first
    assert first.endswith("verhoog de limiet voor de grootte van bestanden (ulimit -f) en "
                          "bouw opnieuw (EFBIG)"), first
    assert files(project / "dist") == before
    assert leftovers(project) == []
