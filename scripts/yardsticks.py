"""The yardsticks scripts/bench sets courant against, made from the same items of a corpus.

- a lean `mkdocs build`: Material, the item pages as the editors wrote them, the items out of
  the menu (only Home in it), search on;
- Hugo's full build (Debian's `hugo`, a minimal theme written here: a list page per section and
  a page per item, no network): the speed of light for a static site of these pages.

Both get the items the intranet publishes: no drafts, nothing under embargo ("now" is NOW).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml
from corpus import Corpus

NOW = date(2026, 11, 22)  # SOURCE_DATE_EPOCH of the bench, as a day

MKDOCS_YML = """site_name: Yardstick
site_url: https://example.org/
theme:
  name: material
  language: nl
  font: false
plugins:
  - search:
      lang: nl
markdown_extensions: [attr_list, md_in_html, admonition, tables, sane_lists, toc]
nav:
  - Home: index.md
"""

HUGO_TOML = """baseURL = "https://example.org/"
languageCode = "nl"
title = "Sociaal Domein"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableGitInfo = false
buildFuture = true
timeZone = "Europe/Amsterdam"
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Date }}{{ if not .IsZero }}<time>{{ .Format "2006-01-02" }}</time>{{ end }}{{ end }}</li>
{{ end }}</ul>{{ end }}
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p><em>{{ . }}</em></p>{{ end }}
{{ .Content }}</article>{{ end }}
""",
}


def published_items(corpus: Corpus) -> list[Path]:
    """The items the intranet shows on NOW: not drafts, not dated after it."""
    return [path for path in corpus.items if _published(path)]


def preview_edits(corpus: Corpus, count: int) -> list[tuple[Path, str]]:
    """`count` published news items spread over the archive, each with the address of its
    intranet page: what the preview's clock (measure.edit_and_wait) saves and then waits for."""
    published = set(published_items(corpus))
    news = [path for path in corpus.items
            if "/updates/" in str(path) and "'" not in path.name and path in published]
    step = max(1, len(news) // max(1, count))
    return [(path, f"nieuws/{path.stem}/") for path in news[::step][:count]]


def _published(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
    if meta.get("draft"):
        return False
    day = meta.get("date")
    return day is None or date.fromisoformat(str(day)) <= NOW


def _copy_items(corpus: Corpus, target: Path) -> int:
    """target/<type>/<year>/<name>.md for each published item: the editors' links point at
    sources beside each other, so they stay valid. How many."""
    content = corpus.root / "content"
    items = published_items(corpus)
    for path in items:
        copy = target / path.relative_to(content)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    return len(items)


def mkdocs_project(corpus: Corpus, folder: Path) -> int:
    """folder/mkdocs.yml and folder/docs/: the items, a home page and the images; how many
    item pages."""
    docs = folder / "docs"
    count = _copy_items(corpus, docs)
    (docs / "index.md").write_text("# Sociaal Domein\n\nDe nieuwste stukken.\n", encoding="utf-8")
    shutil.copytree(corpus.root / "content" / "media", docs / "media", dirs_exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return count


def hugo_project(corpus: Corpus, folder: Path) -> int:
    """folder/hugo.toml, folder/layouts/ (the minimal theme) and folder/content/: the items
    and a home page; the images as static files. How many item pages."""
    count = _copy_items(corpus, folder / "content")
    (folder / "content" / "_index.md").write_text("---\ntitle: Sociaal Domein\n---\n",
                                                  encoding="utf-8")
    shutil.copytree(corpus.root / "content" / "media", folder / "static" / "media",
                    dirs_exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        layout = folder / "layouts" / name
        layout.parent.mkdir(parents=True, exist_ok=True)
        layout.write_text(text, encoding="utf-8")
    (folder / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    return count


def mkdocs_command(binary: Path) -> list[str]:
    """Run in the mkdocs project's folder."""
    return [str(binary), "build", "-q", "--clean"]


def hugo_command(binary: str, folder: Path) -> list[str]:
    """Hugo's full build of the project in `folder`, its caches inside it: nothing outside
    the bench's folder is read or written, and nothing is fetched."""
    return [binary, "--quiet", "--source", str(folder), "--destination", str(folder / "public"),
            "--cacheDir", str(folder / ".hugo-cache"), "--noBuildLock", "--cleanDestinationDir"]
