"""Atomic builds: a build that fails, for whatever reason, leaves dist/ byte for byte as it was,
and the command line says why in Dutch, without a traceback for an editor's mistake.

The command line is run as editors run it (`python -m courant`, in a subprocess).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, run_courant
from courant.build import pipeline
from projects import BROKEN, expected_of, place_case

pytestmark = pytest.mark.spawns
courant = run_courant


def hashes(folder: Path) -> dict[str, str]:
    """Every file below `folder` (and every empty folder) with the hash of its bytes."""
    found = {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in folder.rglob("*") if path.is_file()}
    found.update({path.relative_to(folder).as_posix() + "/": "" for path in folder.rglob("*")
                  if path.is_dir() and not any(path.iterdir())})
    return found


def leftovers(root: Path) -> list[str]:
    """Staging or old copies of dist/ that a build left beside it."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".dist", "dist-")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/smallsite, built once (the good build every test starts from)."""
    root = copy_project(tmp_path_factory.mktemp("atomic") / "p",
                        content_from=FIXTURES / "smallsite")
    pipeline.build(pipeline.Project(root))
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project, dist/ included, safe to break."""
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    return root


def test_the_good_build_is_complete(project: Path) -> None:
    files = hashes(project / "dist")
    assert "intranet/index.html" in files and "public/index.html" in files
    assert len(files) > 50


def test_an_editors_mistake_leaves_dist_as_it_was(project: Path) -> None:
    before = hashes(project / "dist")
    for case in ("updates/x.md", "agenda/end-before-start.md", "updates/unknown-keys.md"):
        place_case(BROKEN / case, project)
    result = courant(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    expected = [*expected_of(BROKEN / "agenda/end-before-start.md"),
                *expected_of(BROKEN / "updates/unknown-keys.md"),
                *expected_of(BROKEN / "updates/x.md")]
    assert result.stderr.splitlines() == [
        *expected, "3 fouten gevonden; er is niets gepubliceerd en dist/ is niet veranderd."]
    assert hashes(project / "dist") == before
    assert leftovers(project) == []


def test_a_file_that_cannot_be_read_leaves_dist_as_it_was(project: Path) -> None:
    before = hashes(project / "dist")
    place_case(BROKEN / "updates/not-utf8.md", project)
    place_case(BROKEN / "updates/yaml-explicit-tag.md", project)
    result = courant(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == ("2 fouten gevonden; er is niets gepubliceerd en "
                                              "dist/ is niet veranderd.")
    assert hashes(project / "dist") == before


def test_a_failure_while_rendering_leaves_dist_as_it_was(project: Path) -> None:
    """A broken theme template fails halfway through MkDocs' build (after the public site's
    process started): the staging folder goes, dist/ stays."""
    before = hashes(project / "dist")
    template = project / "theme/overrides/main.html"
    template.write_text('{{ "x" | geen_filter }}\n' + template.read_text(encoding="utf-8"),
                        encoding="utf-8")
    result = courant(project, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert ("theme/overrides/main.html:1: fout in een template: No filter named 'geen_filter'"
            in result.stderr)
    assert hashes(project / "dist") == before
    assert leftovers(project) == []


@pytest.mark.parametrize("mistake", ["{{ oeps(\n", "{{ oeps.naam }}\n"])
def test_a_broken_mail_template_names_its_line(project: Path, mistake: str) -> None:
    """The mail templates run in the partner site's process; the message still names the line,
    of a syntax error and of an error while filling in the template."""
    before = hashes(project / "dist")
    template = project / "theme/email/issue.html"
    template.write_text(template.read_text(encoding="utf-8") + mistake, encoding="utf-8")
    result = courant(project, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = len(template.read_text(encoding="utf-8").splitlines())
    assert f"theme/email/issue.html:{lines}: fout in een template:" in result.stderr
    assert "dist/ is niet veranderd." in result.stderr
    assert hashes(project / "dist") == before


def test_a_configuration_error_is_said_by_check_and_leaves_dist_as_it_was(project: Path
                                                                          ) -> None:
    """MkDocs' own key (theme.name) is checked before anything is built, in Dutch, by check
    as by build: an administrator's mistake, exit code 1 like an editor's."""
    before = hashes(project / "dist")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("name: material", "name: materiaal"), encoding="utf-8")
    line = text.splitlines().index("  name: material") + 1
    for command in ("check", "build"):
        result = courant(project, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(
            f"mkdocs.yml:{line}: theme.name: 'materiaal' is geen thema dat hier geïnstalleerd "
            "is; kies uit mkdocs, readthedocs, material\n"), result.stderr
    assert "dist/ is niet veranderd." in result.stderr
    assert hashes(project / "dist") == before


def test_a_failed_first_build_makes_no_dist(project: Path) -> None:
    shutil.rmtree(project / "dist")
    place_case(BROKEN / "updates/x.md", project)
    assert courant(project, "build").returncode == 1
    assert not (project / "dist").exists()
    assert leftovers(project) == []


def test_a_good_build_replaces_dist_entirely(project: Path) -> None:
    """dist/ is swapped, not merged: a page whose source went is gone."""
    (project / "content/updates/wmo-nieuws.md").unlink()
    (project / "dist/intranet/oud-bestand.txt").write_text("van een eerdere bouw")
    result = courant(project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Klaar: {project / 'dist'} (intranet: ")
    assert not (project / "dist/intranet/nieuws/wmo-nieuws").exists()
    assert not (project / "dist/intranet/oud-bestand.txt").exists()
    assert (project / "dist/intranet/nieuws/tekens-in-de-titel/index.html").is_file()
    assert leftovers(project) == []


def test_check_exit_codes_and_messages(project: Path) -> None:
    clean = courant(project, "check")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "Alles in orde.\n", "")
    place_case(BROKEN / "updates/near-miss-of-a-key-that-is-there.md", project)
    warned = courant(project, "check")
    assert warned.returncode == 0
    assert warned.stderr.splitlines() == expected_of(
        BROKEN / "updates/near-miss-of-a-key-that-is-there.md")
    assert warned.stdout == "Alles in orde, met 2 waarschuwingen.\n"
    strict = courant(project, "check", "--strict")
    assert strict.returncode == 1
    assert "2 waarschuwingen; met --strict telt dat als fout." in strict.stderr
    place_case(BROKEN / "interviews/consent-false.md", project)
    failed = courant(project, "check")
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        *expected_of(BROKEN / "interviews/consent-false.md"),
        *expected_of(BROKEN / "updates/near-miss-of-a-key-that-is-there.md"),
        "1 fout gevonden; er is niets gepubliceerd en dist/ is niet veranderd."]
    assert "Traceback" not in failed.stderr


def test_check_without_a_project_explains(tmp_path: Path) -> None:
    result = courant(tmp_path, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mkdocs.yml: ontbreekt;")


def test_a_dist_that_links_to_the_web_root_stays_a_link(project: Path, tmp_path: Path) -> None:
    """dist/ -> /srv/www/courant: every build lands in the web root and the link stays; the
    page cache still reuses the previous build's pages through it."""
    webroot = tmp_path / "www" / "courant"
    webroot.parent.mkdir()
    shutil.move(project / "dist", webroot)
    (project / "dist").symlink_to(webroot)
    before = hashes(webroot)
    page = webroot / "intranet/over-ons/index.html"
    inode = page.stat().st_ino
    result = courant(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "dist").is_symlink() and (project / "dist").resolve() == webroot
    assert hashes(webroot) == before
    assert page.stat().st_ino == inode  # reused: hard-linked from the previous build
    assert leftovers(project) == [] and [p.name for p in webroot.parent.iterdir()] == ["courant"]
