"""Material's menu (partials/nav.html) rendered once per folder for the pages outside it.

Material renders the whole menu into every page. For a page that is not in the menu (every
item: they are kept out of it) the menu's HTML depends on the page only through the relative
addresses of its links, and those are the same for every page of a folder (nieuws/a/ and
nieuws/b/ both reach agenda/ as ../../agenda/) unless some file of the site lies inside the
page's own folder. So the menu is rendered once per folder and used for each such page;
pages in the menu, pages with files below them, and a project's own nav.html are rendered
as before. The output is the same bytes (tests/build/test_incremental.py, test_repeatable.py).
"""

from __future__ import annotations

import importlib
import posixpath
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    DictLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateNotFound,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

NAV = "partials/nav.html"
PREFIX = "courant-material"
MATERIAL_TEMPLATES = Path(str(importlib.import_module("material").__file__)).resolve().parent \
    / "templates"


def install_nav_cache(env: Environment, files: Files, nav: Navigation,
                      extra: dict[str, Any]) -> None:
    """Route partials/nav.html through a per-folder cache when it is Material's own."""
    assert env.loader is not None
    try:
        _source, filename, _uptodate = env.loader.get_source(env, NAV)
    except TemplateNotFound:
        return
    if filename is None or Path(filename).resolve() != MATERIAL_TEMPLATES / NAV:
        return  # the project's theme has its own menu
    if extra.get("homepage"):
        return  # a home address of the editor's choosing: every page as Material does it
    env.loader = ChoiceLoader([DictLoader({NAV: "{{ courant_nav() }}"}),
                               PrefixLoader({PREFIX: FileSystemLoader(MATERIAL_TEMPLATES)}),
                               env.loader])
    env.globals["courant_nav"] = NavCache(env, files, nav).render


class NavCache:
    def __init__(self, env: Environment, files: Files, nav: Navigation) -> None:
        self.env = env
        self.in_menu = {id(page) for page in nav.pages}
        self.crowded = _crowded_folders(files)
        self.done: dict[str, Markup] = {}

    def key(self, page: Any) -> str | None:
        """The folder whose pages share the menu's HTML, or None: render for this page."""
        url = getattr(page, "url", None)
        if not isinstance(url, str) or not url.endswith("/") or id(page) in self.in_menu:
            return None
        if self.crowded[url] != 1:  # other files inside the page's folder
            return None
        return posixpath.dirname(url.rstrip("/"))

    @pass_context
    def render(self, context: Context) -> Markup:
        key = self.key(context.get("page"))
        found = self.done.get(key) if key is not None else None
        if found is None:
            template = self.env.get_template(f"{PREFIX}/{NAV}")
            found = Markup(template.render(context.get_all()))
            if key is not None:
                self.done[key] = found
        return found


def _crowded_folders(files: Files) -> Counter[str]:
    """How many of the site's files (by address) lie in each folder, a page's own folder
    counting its page."""
    counts: Counter[str] = Counter()
    for file in files:
        url = file.url
        parts = url.split("/")
        for end in range(1, len(parts)):
            counts["/".join(parts[:end]) + "/"] += 1
    return counts
