"""courant's settings, read from mkdocs.yml without importing MkDocs.

The site's own keys (site_name, site_url, theme, markdown_extensions) stay MkDocs'; courant's
settings live under `extra.courant`, where MkDocs (and Zensical) leave them alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from courant.model import Kind
from courant.problems import ContentError, Problem

DEFAULT_SECTIONS = {
    "updates": "Nieuws uit de afdelingen",
    "interviews": "Collega in beeld",
    "agenda": "Agenda",
    "reading": "Boekenkast",
}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' Python and !ENV tags (courant needs none of them)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_ConfigLoader.add_multi_constructor("!", _ignore_tag)


class MailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sender: str = "Redactie Sociaal Domein <nieuwsbrief@example.org>"
    reply_to: str | None = None
    unsubscribe: str | None = None  # mailto: or https: address for partners
    footer: str = ""


class CourantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    public_url: str = "https://example.org/"
    public_name: str | None = None
    agenda_weeks: int = Field(8, ge=1, le=52)
    page_size: int = Field(20, ge=5, le=500)
    feed_size: int = Field(50, ge=1, le=1000)
    home_news: int = Field(6, ge=1, le=50)
    sections: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_SECTIONS))
    mail: MailSettings = Field(default_factory=MailSettings)

    @field_validator("sections")
    @classmethod
    def _known_sections(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in value if k not in DEFAULT_SECTIONS]
        if unknown:
            raise ValueError(f"onbekende rubriek {unknown[0]!r}; kies uit "
                             + ", ".join(DEFAULT_SECTIONS))
        return value


@dataclass(frozen=True, slots=True)
class Config:
    """What courant needs to know about the site, from mkdocs.yml."""

    path: Path
    site_name: str
    site_url: str
    settings: CourantSettings
    raw: dict[str, Any]

    @property
    def public_url(self) -> str:
        return _with_slash(self.settings.public_url)

    @property
    def public_name(self) -> str:
        return self.settings.public_name or self.site_name

    @property
    def sections(self) -> tuple[tuple[Kind, str], ...]:
        return tuple((Kind(k), title) for k, title in self.settings.sections.items())


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def load_config(path: Path) -> Config:
    """Read mkdocs.yml; a ContentError (with file and key) when it is not usable."""
    name = path.name
    if not path.is_file():
        raise ContentError([Problem(name, "ontbreekt; courant leest de site-instellingen uit "
                                    "mkdocs.yml in de map van het project")])
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError([Problem(name, f"is geen geldige YAML ({getattr(err, 'problem', '')})",
                                    line=mark.line + 1 if mark else None)]) from None
    extra = raw.get("extra") or {}
    try:
        settings = CourantSettings.model_validate(extra.get("courant") or {})
    except ValidationError as err:
        raise ContentError([
            Problem(name, e["msg"].removeprefix("Value error, "),
                    key="extra.courant." + ".".join(str(p) for p in e["loc"]))
            for e in err.errors()
        ]) from None
    site_url = raw.get("site_url")
    if not site_url:
        raise ContentError([Problem(name, "ontbreekt; schrijf het adres van het intranet, "
                                    "bijvoorbeeld 'site_url: https://intranet.example.org/'",
                                    key="site_url")])
    return Config(path, str(raw.get("site_name", "courant")), _with_slash(str(site_url)),
                  settings, raw)
