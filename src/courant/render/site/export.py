"""The site configuration `courant export` writes beside each site's pages: a mkdocs.yml that
an engine reading MkDocs' format builds as it stands (Zensical: `zensical build -f
mkdocs.yml` in the site's folder), with nothing of courant's left to run.

It is the project's mkdocs.yml with the site's own name, address and menu, `docs_dir: docs`
(Zensical cannot build from `.`), and the theme's settings (language, `font: false`, logo,
palette, features) as they are, except `custom_dir`: its templates are Jinja for Material's
own templates, which another engine does not have (Zensical's differ), so only its other
files (the logo, the style sheet) travel, into docs/ where the settings find them.
`extra.courant` (mail addresses, the service's address) stays home: no engine reads it.
"""

from __future__ import annotations

from typing import Any

from courant.render.site.pages import Site

TEMPLATE_SUFFIXES = (".html", ".j2", ".jinja", ".jinja2", ".xml")
"""Files of the theme's custom_dir that are templates, not published files."""


def engine_config(raw: dict[str, Any], site: Site) -> dict[str, Any]:
    """The exported site's mkdocs.yml, from the project's (`raw`, as read) and `site`."""
    config = {key: value for key, value in raw.items()
              if key not in ("site_name", "site_url", "nav", "docs_dir", "site_dir", "theme",
                             "extra", "watch", "hooks", "dev_addr")}
    theme = raw.get("theme")
    if isinstance(theme, dict):
        theme = {key: value for key, value in theme.items() if key != "custom_dir"}
    extra = raw.get("extra")
    if isinstance(extra, dict):
        extra = {key: value for key, value in extra.items() if key != "courant"}
    return {"site_name": site.name, "site_url": site.url, "docs_dir": "docs",
            "site_dir": "site", **({"theme": theme} if theme else {}), **config,
            **({"extra": extra} if extra else {}), "nav": site.nav}


def is_published_theme_file(relative: str) -> bool:
    """Whether a file of the theme's custom_dir is a published file (not a template)."""
    return not relative.endswith(TEMPLATE_SUFFIXES)
