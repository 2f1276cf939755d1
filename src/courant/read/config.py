"""courant's settings, read from mkdocs.yml without importing MkDocs.

The site's own keys (site_name, site_url, theme, markdown_extensions) stay MkDocs'; courant's
settings live under `extra.courant`, where MkDocs (and Zensical) leave them alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from courant.model import Kind
from courant.problems import ContentError, Problem
from courant.read.addresses import email_fault, mailbox, mailto_fault, url_fault
from courant.read.yamlcheck import (
    FORBIDDEN,
    NestingTooDeep,
    character_message,
    failing_mark,
    value_faults,
    yaml_line,
    yaml_message,
)

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


class _FastConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser; a file it rejects is read again by _ConfigLoader, whose
    errors the Dutch explanations know."""


for _loader in (_ConfigLoader, _FastConfigLoader):
    _loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
    _loader.add_multi_constructor("!", _ignore_tag)


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("courant", message)


def _shown(value: Any) -> str:
    """A value as the administrator wrote it, on one line ('\\n' for a line break), and
    shortened when it is long."""
    if isinstance(value, str):
        text = value.replace("\r", "\\r").replace("\n", "\\n")
        return f'"{text[:60]}…"' if len(text) > 70 else f'"{text}"'
    return _shown(yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                                 width=10_000).strip().removesuffix("...").strip())[1:-1]


def _setting_text(value: Any) -> str:
    """One line of text: a name, an address, a title in the newsletter."""
    if value is None:
        raise _fail("is leeg; schrijf er een tekst achter, of laat de regel weg")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _fail(f"{_shown(value)} is geen tekst; schrijf de tekst achter de dubbele punt, "
                    "zo nodig tussen aanhalingstekens")
    text = str(value).strip()
    if not text:
        raise _fail("is leeg; schrijf er een tekst achter, of laat de regel weg")
    if len(text.splitlines()) > 1:
        raise _fail("staat op meer dan één regel; schrijf de tekst op één regel")
    return text


def _site_name(value: Any) -> str:
    """The name of a site: Material writes it into every page's <title> and header as HTML,
    unescaped, so a '<' in it would be markup on every page."""
    text = _setting_text(value)
    if "<" in text or ">" in text:
        raise _fail(f"{_shown(value)} bevat < of >; de naam van de site komt als HTML in elke "
                    "pagina: schrijf hem zonder < en >")
    return text


def _lines_of_text(value: Any) -> str:
    """Text that may take several lines (the mail's footer)."""
    if not isinstance(value, str):
        return _setting_text(value)
    return value


def _web_address(example: str) -> Any:
    def check(value: Any) -> str:
        text = _setting_text(value)
        fault = url_fault(text, example)
        if fault:
            raise _fail(f"{_shown(value)} {fault}")
        return text
    return check


def _number(low: int, high: int) -> Any:
    def check(value: Any) -> int:
        if value is None:
            raise _fail(f"is leeg; schrijf een getal van {low} tot en met {high}, of laat de "
                        "regel weg")
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(
                value).strip().isdigit():
            raise _fail(f"{_shown(value)} is geen heel getal; schrijf een getal van {low} tot en "
                        f"met {high}")
        number = int(str(value))
        if not low <= number <= high:
            raise _fail(f"{number} is te {'klein' if number < low else 'groot'}; schrijf een "
                        f"getal van {low} tot en met {high}")
        return number
    return check


SENDER_EXAMPLE = "Redactie Sociaal Domein <nieuwsbrief@waalstad.nl>"


def _sender(value: Any) -> str:
    """One mailbox, written back the way a mail header needs it ('"Redactie, Sociaal Domein"
    <nieuwsbrief@...>': a comma in the name is then part of the name)."""
    box, fault = mailbox(_setting_text(value) if not isinstance(value, str) else value,
                         SENDER_EXAMPLE)
    if box is None:
        raise _fail(f"{_shown(value)} {fault}")
    return str(box)


def _reply_to(value: Any) -> str:
    text = _setting_text(value)
    fault = email_fault(text, "redactie@waalstad.nl")
    if fault:
        raise _fail(f"{_shown(value)} {fault}")
    return text


def _unsubscribe(value: Any) -> str:
    text = _setting_text(value)
    fault = mailto_fault(text, "afmelden@waalstad.nl") if text.lower().startswith(
        "mailto:") else url_fault(text, "https://www.waalstad.nl/nieuwsbrief/afmelden")
    if fault:
        raise _fail(f"{_shown(value)} {fault}")
    return text


def _issue_day(value: Any) -> str:
    text = _setting_text(value)
    try:
        parse_issue_day(text)  # a number (25) is a day of the month
    except ValueError as err:
        raise _fail(str(err)) from None
    return text


ENGINES = ("mkdocs", "properdocs")
"""The site engines courant builds with (engine/__init__.py, `engine_for`)."""


def _engine(value: Any) -> str:
    if value in ENGINES:
        return str(value)
    hint = (" Zensical bouwt niet via courant build: maak de pagina's met 'courant export' en "
            "bouw ze met 'zensical build' (zie docs/development.md)"
            if str(value).strip().lower() == "zensical" else "")
    raise _fail(f"{_shown(value)} is geen bouwer die courant kent; kies mkdocs (MkDocs met "
                f"Material, de standaard) of properdocs (ProperDocs met Material).{hint}")


def _sections(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail("moet per rubriek een regel hebben, ingesprongen onder 'sections:', zoals "
                    "'  updates: Nieuws uit de afdelingen'")
    unknown = [k for k in value if k not in DEFAULT_SECTIONS]
    if unknown:
        raise _fail(f"onbekende rubriek {str(unknown[0])!r}; kies uit "
                    + ", ".join(DEFAULT_SECTIONS))
    return {str(k): _setting_text(v) for k, v in value.items()}


SERVICE_EXAMPLE = "https://sociaaldomein.waalstad.nl/abonnement/"


def _service_address(value: Any) -> str:
    """One https address (RFC 8058's one-click unsubscribe needs https), ending in '/'."""
    text = str(_web_address(SERVICE_EXAMPLE)(value))
    if not text.startswith("https://"):
        raise _fail(f"{_shown(value)} is geen https-adres; afmelden met één klik (RFC 8058) "
                    f"werkt alleen over https, bijvoorbeeld '{SERVICE_EXAMPLE}'")
    return text if text.endswith("/") else text + "/"


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
            raise _fail(f"'{value}' kent courant niet; kies starttls (poort 587), ssl "
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
            raise _fail(f"'{unknown[0]}' is geen editie; kies partners en/of staff, "
                             "bijvoorbeeld [partners]")
        return value

    @field_validator("tool")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise _fail(f"'{value}' is geen webadres; schrijf het adres van het "
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
    sender: Annotated[str, BeforeValidator(_sender)] = "Redactie Sociaal Domein " \
        "<nieuwsbrief@example.org>"
    reply_to: Annotated[str, BeforeValidator(_reply_to)] | None = None
    unsubscribe: Annotated[str, BeforeValidator(_unsubscribe)] | None = None  # partners
    footer: Annotated[str, BeforeValidator(_lines_of_text)] = ""
    database: str = ".courant/abonnees.sqlite"  # subscribers and the ledger: never in git
    smtp: SmtpSettings | None = None
    # https address of the subscription service (courant service)
    service: Annotated[str, BeforeValidator(_service_address)] | None = None
    dkim: DkimSettings | None = None
    signup: SignupSettings = Field(default_factory=SignupSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    # the staff mail read at home: where its links and its images point (default: site_url)
    staff_links: Annotated[str, BeforeValidator(_web_address(
        "https://werkplek.waalstad.nl/sociaal-domein/"))] | None = None
    staff_images: Annotated[str, BeforeValidator(_web_address(
        "https://nieuwsbrief.waalstad.nl/beelden/"))] | None = None


PHONE = re.compile(r"\+?[0-9][0-9 ()-]{2,19}")


def _phone(value: Any) -> str:
    """A phone number as people write it ('14 0488', '(0488) 12 34 56', '+31 488 123456'):
    the sites make it a tel: link, so digits, spaces, +, -, and parentheses only."""
    text = _setting_text(value)
    if not PHONE.fullmatch(text):
        raise _fail(f"{_shown(value)} is geen telefoonnummer; schrijf alleen cijfers, spaties, "
                    "een + of -, tussen aanhalingstekens, zoals '14 0488' of '+31 488 123456'")
    return text


def _email(value: Any) -> str:
    text = _setting_text(value)
    fault = email_fault(text, "sociaaldomein@waalstad.nl")
    if fault:
        raise _fail(f"{_shown(value)} {fault}")
    return text


def _day(value: Any) -> str:
    """A date as YYYY-MM-DD (YAML may have read it as a date already)."""
    text = _setting_text(value if not hasattr(value, "isoformat") else value.isoformat())
    try:
        date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{_shown(text)} is geen datum in de vorm JJJJ-MM-DD; schrijf bijvoorbeeld "
                    "2027-03-31") from None
    return text


def _block_of(example: str) -> Any:
    """A block of settings: a mapping, or a Dutch sentence saying how to write one."""
    def check(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _fail(f"moet een blok met sleutels zijn: zet eronder, ingesprongen, regels als "
                        f"'  {example}'")
        return value
    return check


Text = Annotated[str, BeforeValidator(_setting_text)]
Day = Annotated[str, BeforeValidator(_day)]


class ContactSettings(BaseModel):
    """Whom readers can reach: the footer of both sites and the partner home's contact block."""

    model_config = ConfigDict(extra="forbid")
    name: Text | None = None  # default: the copyright line of mkdocs.yml
    address: Text | None = None  # one line: 'Stadhuisplein 1, 6511 AA Waalstad'
    phone: Annotated[str, BeforeValidator(_phone)] | None = None
    email: Annotated[str, BeforeValidator(_email)] | None = None  # default: mail.reply_to
    hours: Text | None = None  # 'Maandag tot en met vrijdag, 8.30 tot 17.00 uur'


STATUSES = ("A", "B", "C", "D")


def _status(value: Any) -> str:
    text = _setting_text(value).upper()
    if text not in STATUSES:
        raise _fail(f"{_shown(value)} is geen status van de toegankelijkheidsverklaring; kies "
                    "A, B, C of D (zie digitoegankelijk.nl)")
    return text


class AccessibilitySettings(BaseModel):
    """What the page Toegankelijkheid declares beyond courant's own test (digitoegankelijk.nl's
    model statement): a full research (WCAG-EM) is something courant cannot do itself."""

    model_config = ConfigDict(extra="forbid")
    status: Annotated[str, BeforeValidator(_status)] | None = None  # default: C or D
    research: Day | None = None  # the last full research by experts (needed for A and B)
    report: Annotated[str, BeforeValidator(_web_address(
        "https://www.waalstad.nl/onderzoek-toegankelijkheid.pdf"))] | None = None
    planned: Day | None = None  # when a full research is planned (C: within six months)
    approved_by: Text | None = None  # who signed the statement ('directeur Sociaal Domein')


TASK_EXAMPLE = "- wie-benader-je-waarvoor"


def _top_tasks(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise _fail("moet een lijst van pagina's zijn, elk op een eigen regel met een streepje, "
                    f"zoals '{TASK_EXAMPLE}' en '- agenda'")
    if len(value) > 8:
        raise _fail(f"heeft {len(value)} taken; zet er hooguit 8 op de startpagina")
    names = [_setting_text(task).strip("/").lower() for task in value]
    for name in names:
        if not re.fullmatch(r"[a-z0-9][a-z0-9/_-]*", name):
            raise _fail(f"{_shown(name)} is geen pagina; schrijf het adres van de pagina zoals "
                        "het in de site staat, zoals 'agenda' of 'leeracademie'")
    return names


DEFAULT_TOP_TASKS = ["wie-benader-je-waarvoor", "agenda", "nieuwsbrief"]


class CourantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    public_url: Annotated[str, BeforeValidator(_web_address(
        "https://sociaaldomein.waalstad.nl/"))] = "https://example.org/"
    public_name: Annotated[str, BeforeValidator(_site_name)] | None = None
    agenda_weeks: Annotated[int, BeforeValidator(_number(1, 52))] = 8
    page_size: Annotated[int, BeforeValidator(_number(5, 500))] = 20
    feed_size: Annotated[int, BeforeValidator(_number(1, 1000))] = 50
    home_news: Annotated[int, BeforeValidator(_number(1, 50))] = 6
    sections: Annotated[dict[str, str], BeforeValidator(_sections)] = Field(
        default_factory=lambda: dict(DEFAULT_SECTIONS))
    mail: MailSettings = Field(default_factory=MailSettings)
    issue_day: Annotated[str, BeforeValidator(_issue_day)] = "last thursday"  # courant new issue
    tagline: Text | None = None  # the intranet's words above its header
    public_tagline: Text | None = None  # the partner site's
    public_welcome_title: Text | None = None  # the partner home's heading (pages/index.md
    public_welcome: Annotated[str, BeforeValidator(_lines_of_text)] | None = None  # for staff)
    top_tasks: Annotated[list[str], BeforeValidator(_top_tasks)] = Field(
        default_factory=lambda: list(DEFAULT_TOP_TASKS))
    contact: Annotated[ContactSettings, BeforeValidator(_block_of(
        "phone: \"14 0488\""))] = Field(default_factory=ContactSettings)
    accessibility: Annotated[AccessibilitySettings, BeforeValidator(_block_of(
        "planned: 2027-03-31"))] = Field(default_factory=AccessibilitySettings)
    engine: Annotated[str, BeforeValidator(_engine)] = "mkdocs"  # the site engine (engine/)

    @field_validator("mail", mode="before")
    @classmethod
    def _mail_block(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise _fail("moet een blok met sleutels zijn: zet eronder, ingesprongen, regels als "
                        f"'  sender: {SENDER_EXAMPLE}'")
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
    lines: dict[str, int] = field(default_factory=dict)  # of each key ('theme.custom_dir')

    def line(self, key: str | None) -> int | None:
        """The line of `key` in mkdocs.yml, else of the key it is under."""
        return _line_of(self.lines, key)

    @property
    def public_url(self) -> str:
        return _with_slash(self.settings.public_url)

    @property
    def public_name(self) -> str:
        return self.settings.public_name or f"{self.site_name} voor partners"

    @property
    def sections(self) -> tuple[tuple[Kind, str], ...]:
        return tuple((Kind(k), title) for k, title in self.settings.sections.items())


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def load_config(path: Path) -> Config:
    """Read mkdocs.yml; a ContentError (with file, line and key, in Dutch) when it is not
    usable. Every problem of the file is reported at once."""
    name = path.name
    raw, lines = _read_yaml(path)
    problems: list[Problem] = []

    def add(key: str | None, message: str) -> None:
        problems.append(Problem(name, message, key=key, line=_line_of(lines, key)))

    for fault in value_faults(raw):
        add(fault.key, fault.message)
    if problems:
        raise ContentError(problems)
    site_name = _checked(add, "site_name", raw.get("site_name", "courant"), _site_name)
    site_url = raw.get("site_url")
    if site_url is None:
        add("site_url", "ontbreekt; schrijf het adres van het intranet, bijvoorbeeld "
            "'site_url: https://intranet.waalstad.nl/sociaal-domein/'")
    else:
        site_url = _checked(add, "site_url", site_url,
                            _web_address("https://intranet.waalstad.nl/sociaal-domein/"))
    _refuse_file_readers(add, raw)
    extra = _block(add, "extra", raw.get("extra"), "  courant:")
    courant = _block(add, "extra.courant", extra.get("courant"), "  public_url: https://...")
    settings = _settings(add, courant)
    if problems or settings is None:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return Config(path, str(site_name), _with_slash(str(site_url)), settings, raw, lines)


FILE_READING_EXTENSIONS = frozenset({
    "pymdownx.snippets", "pymdownx.b64", "markdown_include.include", "mdx_include",
    "markdown_include", "include"})
"""Markdown extensions that put a file from the disk into a page: any page, a partner page
included, could then carry a staff-only source's text or image."""
SAFE_PLUGINS = frozenset({"search", "tags", "offline"})
"""MkDocs plugins that only work on the pages courant hands the engine. Others may read files
of their own (macros, include-markdown) or fetch from the internet at build time (social,
privacy): courant refuses them, as it cannot know what they bring into a partner page."""


def _refuse_file_readers(add: Callable[[str | None, str], None], raw: dict[str, Any]) -> None:
    for name in _entry_names(raw.get("markdown_extensions")):
        if name in FILE_READING_EXTENSIONS:
            add("markdown_extensions", f"'{name}' zet bestanden van de schijf in een pagina; zo "
                "kan tekst alleen voor medewerkers op de site voor partners komen: haal de "
                "regel weg (courant maakt de pagina's zelf)")
    for name in _entry_names(raw.get("plugins")):
        if name not in SAFE_PLUGINS:
            add("plugins", f"'{name}' gebruikt courant niet: een plugin kan eigen bestanden of "
                "iets van internet in de pagina's zetten, ook in die voor partners; laat alleen "
                + ", ".join(sorted(SAFE_PLUGINS)) + " staan")


def _entry_names(entries: Any) -> list[str]:
    """The names in a MkDocs list of extensions or plugins ('- toc', '- toc: {...}')."""
    if not isinstance(entries, list):
        return []
    names = []
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            names.extend(str(key) for key in entry)
    return names


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """mkdocs.yml as a mapping, and the line of each of its keys ('extra.courant.mail')."""
    name = path.name
    if not path.exists():
        raise ContentError([Problem(name, "ontbreekt; courant leest de site-instellingen uit "
                                    "mkdocs.yml in de map van het project")])
    try:
        text = path.read_bytes().decode("utf-8")
    except IsADirectoryError:
        raise ContentError([Problem(name, "is een map, geen bestand; courant leest de "
                                    "site-instellingen uit het bestand mkdocs.yml")]) from None
    except OSError as err:
        raise ContentError([Problem(name, f"kan niet gelezen worden (foutcode {err.errno}); "
                                    "controleer of je het bestand mag lezen")]) from None
    except UnicodeDecodeError as err:
        raise ContentError([Problem(name, "is geen UTF-8-tekst; sla het bestand op als UTF-8",
                                    line=err.object[:err.start].count(b"\n") + 1)]) from None
    control = FORBIDDEN.search(text)
    if control:
        raise ContentError([Problem(name, character_message(control.group()),
                                    line=text.count("\n", 0, control.start()) + 1)])
    try:
        node, raw = _compose(text)
    except yaml.YAMLError as err:
        raise ContentError([Problem(name, yaml_message(err, "het bestand"),
                                    key=getattr(err, "key", None), line=yaml_line(err))]) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ContentError([Problem(name, "bevat geen instellingen: elke regel moet "
                                    "'sleutel: waarde' zijn (zoals 'site_name: Sociaal Domein' "
                                    "en 'site_url: https://...'), geen opsomming met '-' of "
                                    "losse tekst", line=1)])
    return raw, _key_lines(node)


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    try:
        return _compose_with(_FastConfigLoader, text)
    except yaml.YAMLError as err:
        if NestingTooDeep.said_by(err):
            raise NestingTooDeep.found_in(text) from None
    return _compose_with(_ConfigLoader, text)


def _compose_with(loader_class: Any, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            return node, loader.construct_document(node)
        except (ValueError, TypeError) as err:  # an explicit tag: `agenda_weeks: !!int acht`
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor ({err})",
                failing_mark(loader, node)) from err
    except RecursionError:
        raise NestingTooDeep.found_in(text) from None
    finally:
        loader.dispose()


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """1-based lines of every key in nested mappings, by dotted path."""
    lines: dict[str, int] = {}
    stack: list[tuple[str, yaml.Node | None]] = [("", node)]
    while stack:
        prefix, current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = f"{prefix}{key_node.value}"
                lines.setdefault(key, key_node.start_mark.line + 1)
                stack.append((key + ".", value_node))
    return lines


def _line_of(lines: dict[str, int], key: str | None) -> int | None:
    """The key's line, else its parent's ('extra.courant.bogus' under 'extra.courant')."""
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]
    return None


Add = Callable[[str | None, str], None]


def _checked(add: Add, key: str, value: Any, check: Callable[[Any], Any]) -> Any:
    try:
        return check(value)
    except PydanticCustomError as err:
        add(key, err.message())
        return None


def _block(add: Add, key: str, value: Any, example: str) -> dict[str, Any]:
    """A mapping under `key` (or nothing there): what courant looks into."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        add(key, f"moet een blok met sleutels zijn, geen {_kind_of(value)}; zet eronder, "
            f"ingesprongen, regels als '{example}'")
        return {}
    return value


def _kind_of(value: Any) -> str:
    return "lijst" if isinstance(value, list) else f"losse waarde ({_shown(value)})"


def _settings(add: Add, data: dict[str, Any]) -> CourantSettings | None:
    try:
        return CourantSettings.model_validate(data)
    except ValidationError as err:
        for error in err.errors():
            loc = [str(p) for p in error["loc"]]
            add(".".join(["extra", "courant", *loc]), _setting_message(error, loc))
        return None


BLOCKS: dict[str, type[BaseModel]] = {"mail": MailSettings, "contact": ContactSettings,
                                      "accessibility": AccessibilitySettings}


def _setting_message(error: Any, loc: list[str]) -> str:
    """The Dutch message for one pydantic error about courant's settings."""
    if error["type"] == "courant":
        return str(error["msg"])
    if error["type"] == "extra_forbidden":
        model: type[BaseModel] = BLOCKS.get(loc[0], CourantSettings) if len(loc) > 1 \
            else CourantSettings
        known = list(model.model_fields)
        close = difflib.get_close_matches(loc[-1], known, n=1)
        hint = f"bedoel je '{close[0]}'?" if close else f"kies uit {', '.join(known)}"
        return f"is geen instelling die courant kent; {hint}"
    return f"heeft een waarde die courant niet kan lezen ({_shown(error.get('input'))})"
