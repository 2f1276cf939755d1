"""An incremental build (reusing the page cache and the previous dist/) is byte for byte the
clean build of the same sources, whatever was edited in between."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import run_courant
from courant.build import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from corpus import Corpus, generate, sentence


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*") if p.is_file()}


def assert_same_as_clean(project: Path, scratch: Path) -> None:
    """Build `project` incrementally (in this process, with its memos and the page cache), and
    a copy of its sources from nothing in a process of its own (`courant build`), so neither a
    memo nor a cache entry under a wrong key can make the two agree; compare."""
    pipeline.build(pipeline.Project(project))
    clean = scratch / f"clean-{len(list(scratch.iterdir()))}"
    clean.mkdir()
    for name in ("mkdocs.yml", "theme", "content", "newsletter"):
        source = project / name
        if source.is_dir():
            shutil.copytree(source, clean / name)
        else:
            shutil.copy(source, clean / name)
    result = run_courant(clean, "build")
    assert result.returncode == 0, result.stderr
    incremental, fresh = tree(project / "dist"), tree(clean / "dist")
    assert sorted(incremental) == sorted(fresh)
    different = [name for name in fresh if incremental[name] != fresh[name]]
    assert different == []


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    corpus = generate(tmp_path / "project", 45, seed=11)
    pipeline.build(pipeline.Project(corpus.root))
    return corpus


def test_unchanged_pages_are_reused_from_the_previous_build(corpus: Corpus,
                                                            tmp_path: Path) -> None:
    dist = corpus.root / "dist"
    before = inodes(dist)
    changed = corpus.items[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n",
                       encoding="utf-8")
    pipeline.build(pipeline.Project(corpus.root))
    after = inodes(dist)
    html = [name for name in after if name.endswith(".html")]
    reused = [name for name in html if before.get(name) == after[name]]
    assert len(reused) > len(html) / 2  # hard links to the previous files: not rendered again
    assert f"{changed.stem}/index.html" not in " ".join(reused)
    assert (corpus.root / ".cache" / "courant" / "pages-intranet.pickle").is_file()


@pytest.mark.spawns
def test_incremental_build_equals_clean_build_after_random_edits(corpus: Corpus,
                                                                 tmp_path: Path) -> None:
    rng = random.Random(2026)
    root = corpus.root
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    items = [p for p in corpus.items if "/pages/" not in str(p)]

    # change: a new paragraph in three items, one of them an event
    for path in rng.sample(items, 3):
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence(rng)}\n",
                        encoding="utf-8")
    # add: a new update that links to an existing one
    target = next(p for p in items if "/updates/" in str(p))
    new = root / "content" / "updates" / "nieuw-bericht.md"
    new.write_text("---\ntitle: Nieuw bericht\ndate: 2026-11-19\naudience: all\n"
                   "department: wi\n---\n\nEerste alinea. Zie [dit](" +
                   os.path.relpath(target, new.parent) + ").\n", encoding="utf-8")
    # delete: an item (others may link to it: their links become text)
    victim = rng.choice([p for p in items if p != target])
    victim.unlink()
    items.remove(victim)
    assert_same_as_clean(root, scratch)

    # audience: a staff item becomes public, a public one staff-only
    for path in items:
        text = path.read_text(encoding="utf-8")
        if "audience: all" in text:
            path.write_text(text.replace("audience: all", "audience: staff"), encoding="utf-8")
            break
    staff = next(p for p in items if "audience:" not in p.read_text(encoding="utf-8"))
    staff.write_text(staff.read_text(encoding="utf-8").replace("---\n", "---\naudience: all\n", 1),
                     encoding="utf-8")
    assert_same_as_clean(root, scratch)

    # departments.yml: a department renamed (every page naming it changes)
    departments = root / "content" / "departments.yml"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "name: Werk en Inkomen", "name: Werk, Inkomen en Participatie"), encoding="utf-8")
    assert_same_as_clean(root, scratch)

    # a template of the theme: every page changes
    main = root / "theme" / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") +
                    "\n{% block hero %}{{ super() }}<p>Proef</p>{% endblock %}\n",
                    encoding="utf-8")
    assert_same_as_clean(root, scratch)
    assert "<p>Proef</p>" in (root / "dist" / "intranet" / "index.html").read_text("utf-8")

    # a mail template: every mail changes (mails are kept between builds by their input)
    text = root / "theme" / "email" / "issue.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nProefregel onder elke mail.\n",
                    encoding="utf-8")
    assert_same_as_clean(root, scratch)
    mails = sorted((root / "dist" / "mail").rglob("*.txt"))
    assert mails and all("Proefregel" in mail.read_text("utf-8") for mail in mails)

    # an image replaced by one of another size: pages and mails show the new size
    from PIL import Image

    for path in sorted((root / "content" / "media").iterdir()):
        Image.new("RGB", (400, 300), (90, 120, 150)).save(
            path, format="PNG" if path.suffix == ".png" else "JPEG")
    assert_same_as_clean(root, scratch)


def preview_site(project: pipeline.Project, syndication: bool = False) -> Any:
    """The intranet as the preview makes it (drafts shown), with its media."""
    from courant import clock

    loaded = pipeline.load(project)
    site = pipeline.sites(loaded, clock.now(), preview=True, names=("intranet",),
                          syndication=syndication)["intranet"]
    return pipeline.with_media(site, project.content_dir)


def preview_build(session: Any, project: pipeline.Project) -> None:
    session.build(preview_site(project),
                  lambda: dict(preview_site(project, syndication=True).extra_files))


def fresh_preview(root: Path, served: Path) -> None:
    """A first, full preview build of `root` into `served` (run in a process of its own)."""
    from courant.engine.mkdocs.session import PreviewSession

    project = pipeline.Project(root)
    session = PreviewSession(project.config_file, served, pipeline.preview_store(served))
    preview_build(session, project)
    session.close()


def in_own_process(function: Callable[..., None], *args: object) -> None:
    """`function(*args)` in a new interpreter (spawned, not forked: nothing of this one)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(function, args)


@pytest.mark.spawns
def test_preview_quick_rebuild_equals_a_full_build(tmp_path: Path) -> None:
    """The preview's quick path (only changed pages re-rendered inside the kept MkDocs build)
    gives the pages and search index a full build of the same sources gives, made in another
    process so that no memo of this one can make them agree."""
    from courant.engine.mkdocs.session import PreviewSession

    corpus = generate(tmp_path / "project", 30, seed=5)
    project = pipeline.Project(corpus.root)
    served = tmp_path / "served"
    session = PreviewSession(project.config_file, served, pipeline.preview_store(served))
    preview_build(session, project)
    update = next(p for p in corpus.items if "/updates/" in str(p))
    text = update.read_text(encoding="utf-8")
    update.write_text(text.replace("title: ", "title: Gewijzigd ", 1) + "\nNieuwe zin.\n",
                      encoding="utf-8")
    preview_build(session, project)
    assert session.quick == 1
    session.close()
    in_own_process(fresh_preview, corpus.root, tmp_path / "fresh")
    pages = {name: data for name, data in tree(served).items()
             if name.endswith((".html", ".json", "sitemap.xml"))}
    assert pages == {name: data for name, data in tree(tmp_path / "fresh").items()
                     if name.endswith((".html", ".json", "sitemap.xml"))}
    assert "Nieuwe zin." in "".join(data.decode() for name, data in pages.items()
                                    if name.endswith("index.html") and update.stem in name)


def test_a_remembered_page_follows_the_items_it_links_to(demo: Path) -> None:
    """Item pages are remembered within a process that builds again (render/site/items.py,
    Cache.remembered), pages with links too: the items their links lead to are part of what
    they are remembered by. When
    the item linked to becomes staff-only, the partners' page that links to it shows the
    link's text alone in the very next rendering of the same process, as the preview of the
    partner site (`courant serve --partners`) renders after each save."""
    from courant import clock
    from courant.build.cache import Cache

    folder = demo / "content" / "updates" / "2026"
    (folder / "verwijzing-a.md").write_text(
        "---\ntitle: Verwijzing A\ndate: 2026-11-02\ndepartment: mo\naudience: all\n---\n"
        "Lees ook [het tweede stuk](verwijzing-b.md) erover.\n", encoding="utf-8")
    linked = folder / "verwijzing-b.md"
    linked.write_text("---\ntitle: Verwijzing B\ndate: 2025-01-10\ndepartment: jos\n"
                      "audience: all\n---\nHet tweede stuk.\n", encoding="utf-8")

    cache = Cache.memory()

    def partner_page() -> str:
        loaded = pipeline.load(pipeline.Project(demo), cache)
        site = pipeline.sites(loaded, clock.now(), names=("public",), syndication=False,
                              cache=cache)
        return next(page.markdown for page in site["public"].pages
                    if page.path == "nieuws/verwijzing-a.md")

    assert "[het tweede stuk](verwijzing-b.md)" in partner_page()
    linked.write_text(linked.read_text(encoding="utf-8").replace("audience: all",
                                                                 "audience: staff"),
                      encoding="utf-8")
    shown = partner_page()
    assert "Lees ook het tweede stuk erover." in shown and "verwijzing-b" not in shown
