"""The same sites on the other engines (issue 11, part 5): the demo and the leak fixture built
by MkDocs (this venv), by ProperDocs (.venv-properdocs: ProperDocs 1.6.7 and Material, MkDocs
itself not installed; `extra.courant.engine: properdocs`) and by Zensical (.venv-zensical:
`zensical build` in each site folder of `courant export`). scripts/engines.sh makes the two
venvs; scripts/test.sh runs it before the suite.

Per site, each engine's build has the same page addresses, the same page titles and the same
search entries (location, title and text) as the MkDocs build, and the partner site holds no
staff-only token (tests/fixtures/leak). What differs, and why that is excused:
- ProperDocs: nothing but the generator line in each page's head (Material writes the
  engine's name and version there); every other byte is the MkDocs build's.
- Zensical: its own search file (search.json, its own format, where Material writes
  search/search_index.json), its own theme files under assets/, a sitemap without <lastmod>
  and without sitemap.xml.gz, and none of theme/overrides/' Jinja (the feed links in each
  page's head, the table of contents' partial): they extend Material's templates, which
  Zensical does not have. These are the engine's, not the content's.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_leak import STAFF, readable

from conftest import FIXTURES, ROOT, copy_project, courant_env, run_courant

pytestmark = pytest.mark.spawns

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "python"
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
SITES = ("intranet", "public")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
ENGINE_OWN = ("assets/javascripts/", "assets/stylesheets/", "assets/images/favicon")


@dataclass(frozen=True)
class Builds:
    """One project built three ways: each site's folder per engine."""

    project: str  # "demo" or "leak"
    mkdocs: Path
    properdocs: Path
    zensical: Path

    def site(self, engine: str, name: str) -> Path:
        root: Path = getattr(self, engine)
        return root / name / "site" if engine == "zensical" else root / name


def _needs_venvs() -> None:
    missing = [str(path.relative_to(ROOT)) for path in (PROPERDOCS, ZENSICAL)
               if not path.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: run bash scripts/engines.sh")


def _with_engine(root: Path, name: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  courant:\n" in text
    config.write_text(text.replace("\n  courant:\n", f"\n  courant:\n    engine: {name}\n", 1),
                      encoding="utf-8")


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, env=courant_env(), capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"


def _build_three_ways(project: str, tmp: Path, content_from: Path) -> Builds:
    mkdocs = copy_project(tmp / "mkdocs", content_from=content_from)
    done = run_courant(mkdocs, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    properdocs = copy_project(tmp / "properdocs", content_from=content_from)
    _with_engine(properdocs, "properdocs")
    _run([str(PROPERDOCS), "-m", "courant", "build", "--map", str(properdocs)], properdocs)
    done = run_courant(mkdocs, "export", str(tmp / "export"))
    assert done.returncode == 0, done.stdout + done.stderr
    for name in SITES:
        _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], tmp / "export" / name)
    return Builds(project, mkdocs / "dist", properdocs / "dist", tmp / "export")


@pytest.fixture(scope="module", params=["demo", "leak"])
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    _needs_venvs()
    source = ROOT if request.param == "demo" else FIXTURES / "leak"
    return _build_three_ways(request.param, tmp_path_factory.mktemp(f"engines-{request.param}"),
                             source)


def files(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*"))
            if path.is_file()}


def addresses(folder: Path) -> set[str]:
    """Every page's address in the site: 'nieuws/x/' for nieuws/x/index.html."""
    return {path.removesuffix("index.html") for path in files(folder)
            if path.endswith(".html")}


def titles(folder: Path) -> dict[str, str]:
    found = {}
    for path, file in files(folder).items():
        if path.endswith(".html"):
            match = TITLE.search(file.read_text(encoding="utf-8"))
            found[path] = match.group(1).strip() if match else ""
    return found


def search_entries(folder: Path) -> set[tuple[str, str, str]]:
    """(location, title, text with its white space collapsed) of each entry of Material's
    search/search_index.json or Zensical's search.json."""
    material = folder / "search" / "search_index.json"
    if material.exists():
        entries = json.loads(material.read_text(encoding="utf-8"))["docs"]
    else:
        entries = json.loads((folder / "search.json").read_text(encoding="utf-8"))["items"]
    return {(entry["location"], entry["title"], " ".join(entry["text"].split()))
            for entry in entries}


def sitemap_locations(folder: Path) -> set[str]:
    return set(re.findall(r"<loc>(.*?)</loc>", (folder / "sitemap.xml").read_text("utf-8")))


@pytest.mark.parametrize("name", SITES)
def test_properdocs_builds_the_bytes_mkdocs_builds(builds: Builds, name: str) -> None:
    mkdocs, properdocs = files(builds.site("mkdocs", name)), files(builds.site("properdocs", name))
    assert sorted(properdocs) == sorted(mkdocs)
    differ = [path for path, file in mkdocs.items()
              if GENERATOR.sub(b"", file.read_bytes()) !=
              GENERATOR.sub(b"", properdocs[path].read_bytes())]
    assert differ == []
    page = (builds.site("properdocs", name) / "index.html").read_bytes()
    assert b"ProperDocs 1.6.7" in page  # it really was ProperDocs that built it


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
@pytest.mark.parametrize("name", SITES)
def test_the_same_pages_with_the_same_titles(builds: Builds, engine: str, name: str) -> None:
    reference, other = builds.site("mkdocs", name), builds.site(engine, name)
    assert len(addresses(reference)) > 10
    assert addresses(other) == addresses(reference)
    # theme/overrides titles the home page (the site's name and whom it is for) and the
    # Dutch 404 page; Zensical runs none of the overrides (README, "which engine")
    own = {"index.html", "404.html"} if engine == "zensical" else set()
    assert {k: v for k, v in titles(other).items() if k not in own} == \
        {k: v for k, v in titles(reference).items() if k not in own}
    assert sitemap_locations(other) == sitemap_locations(reference)


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
@pytest.mark.parametrize("name", SITES)
def test_the_same_search_entries(builds: Builds, engine: str, name: str) -> None:
    reference = search_entries(builds.site("mkdocs", name))
    assert len(reference) > 10
    assert search_entries(builds.site(engine, name)) == reference


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_no_staff_token_on_the_partner_site(builds: Builds, engine: str) -> None:
    site = builds.site(engine, "public")
    leaks = [path for path, file in files(site).items()
             if STAFF in path.lower().encode() or STAFF in readable(file)]
    assert leaks == []
    if builds.project == "leak":  # the tokens are real content: the intranet shows them
        intranet = b"\n".join(readable(file) for file in
                              files(builds.site(engine, "intranet")).values())
        assert b"lektoken-int-title" in intranet
        assert b"paritem-int-title" in b"\n".join(readable(file) for file in files(site).values())


def test_zensical_is_given_everything_it_needs(builds: Builds) -> None:
    """The export's mkdocs.yml: the site's own settings, Dutch, no fonts from Google."""
    import yaml

    config = yaml.safe_load((builds.zensical / "public" / "mkdocs.yml").read_text("utf-8"))
    assert config["docs_dir"] == "docs"
    assert config["theme"]["language"] == "nl"
    assert config["theme"]["font"] is False
    assert "custom_dir" not in config["theme"]
    assert "courant" not in config.get("extra", {})
    page = (builds.site("zensical", "public") / "index.html").read_text("utf-8")
    assert 'lang="nl"' in page
    assert "fonts.googleapis.com" not in page
    assert (builds.site("zensical", "public") / "assets" / "images" / "logo.svg").is_file()


def test_an_unknown_engine_is_refused_on_its_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    _with_engine(root, "hugo")
    done = run_courant(root, "build")
    assert done.returncode == 1
    assert "mkdocs.yml:" in done.stdout + done.stderr
    assert "extra.courant.engine" in done.stdout + done.stderr
    assert "kies mkdocs" in done.stdout + done.stderr
    assert not (root / "dist").exists()


def test_properdocs_where_it_is_not_installed_is_said_in_dutch(tmp_path: Path) -> None:
    """This venv has MkDocs, not ProperDocs (scripts/engines.sh keeps them apart)."""
    assert importlib.util.find_spec("properdocs") is None
    root = copy_project(tmp_path / "p")
    _with_engine(root, "properdocs")
    done = run_courant(root, "build")
    said = done.stdout + done.stderr
    assert done.returncode == 1
    assert "mkdocs.yml:" in said
    assert "ProperDocs of Material is niet geïnstalleerd" in said, said
    assert "Traceback" not in said
    assert not (root / "dist").exists()


def test_mkdocs_where_only_properdocs_is_installed_is_said_in_dutch(tmp_path: Path) -> None:
    _needs_venvs()
    root = copy_project(tmp_path / "p")  # engine: mkdocs, the default
    for command in ("check", "build"):
        done = subprocess.run([str(PROPERDOCS), "-m", "courant", command, "--map", str(root)],
                              env=courant_env(), capture_output=True, text=True, timeout=300,
                              check=False)
        said = done.stdout + done.stderr
        assert done.returncode == 1, said
        assert "mkdocs.yml:" in said and "extra.courant.engine" in said, said
        assert "MkDocs of Material is niet geïnstalleerd" in said, said
        assert "Traceback" not in said
    assert not (root / "dist").exists()


PREVIEW = """
import sys
from pathlib import Path
from courant import clock
from courant.build import pipeline
from courant.engine import engine_for

root, served = Path(sys.argv[1]), Path(sys.argv[2])
project = pipeline.Project(root)

def site():
    loaded = pipeline.load(project)
    made = pipeline.sites(loaded, clock.now(), preview=True, names=("intranet",),
                          syndication=False)["intranet"]
    return pipeline.with_media(made, project.content_dir)

preview = engine_for("properdocs", project.config_file).preview(
    served, pipeline.preview_store(served))
preview.build(site())
page = sorted((root / "content" / "updates").rglob("*.md"))[0]
page.write_text(page.read_text(encoding="utf-8") + "\\nNieuwe zin op ProperDocs.\\n",
                encoding="utf-8")
preview.build(site())
print("quick", preview.quick)
preview.close()
"""


def test_the_preview_rebuilds_quickly_on_properdocs(tmp_path: Path) -> None:
    """MkDocs' per-page steps the preview's quick path uses are there in ProperDocs too."""
    _needs_venvs()
    root = copy_project(tmp_path / "p")
    _with_engine(root, "properdocs")
    served = tmp_path / "served"
    done = subprocess.run([str(PROPERDOCS), "-c", PREVIEW, str(root), str(served)],
                          env=courant_env(), capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "quick 1" in done.stdout
    shown = [path for path, file in files(served).items() if path.endswith(".html")
             and "Nieuwe zin op ProperDocs." in file.read_text(encoding="utf-8")]
    assert shown
    assert b"ProperDocs 1.6.7" in (served / "index.html").read_bytes()
