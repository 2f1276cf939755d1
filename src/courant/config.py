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


SECURITY = ("starttls", "ssl", "none")


class SmtpSettings(BaseModel):
    """The relay `courant send` hands the mail to (the password: COURANT_SMTP_PASSWORD)."""

    model_config = ConfigDict(extra="forbid")
    host: str
    port: int | None = Field(None, ge=1, le=65535)  # by security: 587, 465 or 25
    security: str = "starttls"
    username: str | None = None
    per_minute: int = Field(30, ge=0, le=100_000)  # an Exchange Online mailbox: 30; 0: no limit
    ca_file: str | None = None  # the relay's own certificate authority (PEM), if not public

    @field_validator("security")
    @classmethod
    def _known_security(cls, value: str) -> str:
        if value not in SECURITY:
            raise ValueError(f"'{value}' kent courant niet; kies starttls (poort 587), ssl "
                             "(poort 465) of none (alleen voor een relay op deze machine)")
        return value

    @property
    def port_number(self) -> int:
        return self.port or {"starttls": 587, "ssl": 465, "none": 25}[self.security]


class DkimSettings(BaseModel):
    """Signing with DKIM (dkimpy); the private key stays outside the project's git."""

    model_config = ConfigDict(extra="forbid")
    domain: str
    selector: str
    key_file: str  # PEM, RSA; relative paths from the project folder


SIGNUP_EDITIONS = ("partners", "staff")


class SignupSettings(BaseModel):
    """The page "Nieuwsbrief ontvangen" on both sites: who may sign up themselves, and where."""

    model_config = ConfigDict(extra="forbid")
    editions: list[str] = Field(default_factory=lambda: ["partners"])
    tool: str | None = None  # a mailing tool's own sign-up page: the page links there instead

    @field_validator("editions")
    @classmethod
    def _known_editions(cls, value: list[str]) -> list[str]:
        unknown = [e for e in value if e not in SIGNUP_EDITIONS]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is geen editie; kies partners en/of staff, "
                             "bijvoorbeeld [partners]")
        return value

    @field_validator("tool")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f"'{value}' is geen webadres; schrijf het adres van het "
                             "aanmeldformulier van het mailprogramma, beginnend met https://")
        return value


class PrivacySettings(BaseModel):
    """What the page "Privacy" says about the mailing list (AVG)."""

    model_config = ConfigDict(extra="forbid")
    controller: str | None = None  # verwerkingsverantwoordelijke; default: the copyright line
    contact: str | None = None  # for requests to see or remove data; default: mail.reply_to
    officer: str | None = None  # functionaris gegevensbescherming (an address), optional
    log_days: int = Field(default=14, ge=1, le=366)  # how long the web server keeps its logs


class MailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sender: str = "Redactie Sociaal Domein <nieuwsbrief@example.org>"
    reply_to: str | None = None
    unsubscribe: str | None = None  # mailto: or https: address for partners
    footer: str = ""
    database: str = ".courant/abonnees.sqlite"  # subscribers and the ledger: never in git
    smtp: SmtpSettings | None = None
    service: str | None = None  # https address of the subscription service (courant service)
    dkim: DkimSettings | None = None
    signup: SignupSettings = Field(default_factory=SignupSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)

    @field_validator("service")
    @classmethod
    def _https_service(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError(f"'{value}' is geen https-adres; afmelden met één klik (RFC 8058) "
                             "werkt alleen over https, bijvoorbeeld "
                             "'https://sociaaldomein.waalstad.nl/abonnement/'")
        return value if value is None or value.endswith("/") else value + "/"


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
    issue_day: str = "last thursday"  # when an issue comes out: `courant new issue` dates it

    @field_validator("issue_day", mode="before")
    @classmethod
    def _known_issue_day(cls, value: object) -> str:
        parse_issue_day(str(value))  # a number (25) is a day of the month
        return str(value)

    @field_validator("sections")
    @classmethod
    def _known_sections(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in value if k not in DEFAULT_SECTIONS]
        if unknown:
            raise ValueError(f"onbekende rubriek {unknown[0]!r}; kies uit "
                             + ", ".join(DEFAULT_SECTIONS))
        return value


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "eerste": 1,
            "tweede": 2, "derde": 3, "vierde": 4, "laatste": -1}
WEEKDAYS = {name: number for number, names in enumerate(
    [("monday", "maandag"), ("tuesday", "dinsdag"), ("wednesday", "woensdag"),
     ("thursday", "donderdag"), ("friday", "vrijdag"), ("saturday", "zaterdag"),
     ("sunday", "zondag")]) for name in names}


def parse_issue_day(text: str) -> tuple[int, int]:
    """'last thursday' -> (-1, 3) (ordinal, weekday); '25' -> (0, 25) (a day of the month).
    Dutch works too: 'laatste donderdag'."""
    words = str(text).lower().split()
    if len(words) == 1 and words[0].isdigit() and 1 <= int(words[0]) <= 28:
        return 0, int(words[0])
    if len(words) == 2 and words[0] in ORDINALS and words[1] in WEEKDAYS:
        return ORDINALS[words[0]], WEEKDAYS[words[1]]
    raise ValueError(f"'{text}' is geen verschijningsdag; schrijf bijvoorbeeld 'last thursday' "
                     "('laatste donderdag'), 'first monday' of een dag van de maand van 1 tot "
                     "en met 28, zoals '25'")


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
