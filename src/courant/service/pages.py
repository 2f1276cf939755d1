"""The service's pages (jinja2 templates in templates/, autoescaped), in Dutch, without
JavaScript and without anything from another host: the stylesheet comes from the service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "stijl.css"

_environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                  autoescape=True, undefined=jinja2.StrictUndefined,
                                  trim_blocks=True, lstrip_blocks=True)


def page(template: str, **context: Any) -> bytes:
    return _environment.get_template(template).render(**context).encode("utf-8")


def stylesheet() -> bytes:
    return (TEMPLATES / STYLESHEET).read_bytes()
