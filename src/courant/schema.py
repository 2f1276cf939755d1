"""The front matter each kind allows, and the Dutch wording of every message about it.

pydantic collects every problem of a file in one pass; each value type below raises its own
Dutch message ("what is wrong; what to write instead"), so the validator's English never
reaches an editor.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from slugify import slugify

from courant.clock import AMSTERDAM
from courant.model import Audience, Kind, ReadingKind

# Example lines for messages, as the editor would type them, and what a message adds to them.
EXAMPLES = {
    "title": "title: Nieuwe werkwijze bij de intake",
    "date": "date: 2026-11-28",
    "department": "department: wi",
    "person": "person:",
    "name": "name: Fatima el Amrani",
    "consent": "consent: true",
    "start": "start: 2026-11-24 15:00",
    "kind": "kind: book",
    "link": "link: https://www.voorbeeld.nl/artikel",
    "image_alt": "image_alt: Collega's aan tafel tijdens de Spotlights-sessie",
}
NOTES = {
    "person": "met daaronder, ingesprongen, '  name: Fatima el Amrani'",
    "consent": "(alleen als de collega toestemming gaf voor publicatie)",
    "start": "(of 'start: 2026-11-24' voor een hele dag)",
    "kind": "(of article, video, podcast, website)",
}
DEPARTMENT_EXAMPLES = {
    "key": "key: wi",
    "name": "name: Werk en Inkomen",
}


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("courant", message)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _require(value: Any, hint: str) -> None:
    """An empty value (`date:` with nothing after it) gets its own message, not 'None'."""
    if _is_empty(value):
        raise fail(f"is leeg; {hint}")


def _text(value: Any) -> str:
    if isinstance(value, bool | dict | list):
        raise fail("moet tekst zijn; schrijf de tekst achter de dubbele punt, "
                   "zo nodig tussen aanhalingstekens")
    if isinstance(value, int | float):
        value = str(value)
    _require(value, "vul een tekst in of laat de regel weg")
    if not isinstance(value, str):
        raise fail("moet tekst zijn; schrijf de tekst achter de dubbele punt")
    return value.strip()


def _required_text(example: str) -> Any:
    """Text that must be filled in: an empty value says what to write, not 'leave it out'."""
    def check(value: Any) -> str:
        _require(value, f"schrijf er iets achter, bijvoorbeeld '{example}'")
        return _text(value)
    return check


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (_text(value),)
    if not isinstance(value, list):
        raise fail("moet een lijst zijn; schrijf bijvoorbeeld [Anna de Vries, Omar Yilmaz]")
    return tuple(_text(v) for v in value)


def parse_day(value: Any) -> date:
    _require(value, "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-28")
    text = str(value).strip() if value is not None else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise fail(f"{_show(value)} is geen datum in de vorm JJJJ-MM-DD; "
                   "schrijf bijvoorbeeld 2026-11-28")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail(f"{_show(value)} bestaat niet als datum; controleer dag en maand "
                   "(JJJJ-MM-DD)") from None


def _month(value: Any) -> str:
    _require(value, "schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 2026-12, of laat de "
             "regel weg")
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise fail(f"{_show(value)} is geen maand; schrijf jaar en maand als JJJJ-MM, "
                   "bijvoorbeeld 2026-12")
    return text


def _audience(value: Any) -> Audience:
    _require(value, "kies uit staff (alleen medewerkers), partners of all (iedereen), of laat "
             "de regel weg (dan is het staff)")
    try:
        return Audience(value)
    except ValueError:
        raise fail(f"{_show(value)} is geen doelgroep; kies uit staff (alleen medewerkers), "
                   "partners of all (iedereen)") from None


def _bool(value: Any) -> bool:
    _require(value, "schrijf true of false, of laat de regel weg")
    if not isinstance(value, bool):
        raise fail(f"{_show(value)} is geen ja/nee-waarde; schrijf true of false")
    return value


def _url(value: Any) -> str:
    _require(value, "schrijf het volledige webadres, beginnend met https://, of laat de regel "
             "weg")
    text = _text(value)
    if not re.match(r"^(https?://[^\s/]+|mailto:\S+@)", text):
        raise fail(f"{_show(value)} is geen webadres; schrijf het volledige adres, "
                   "beginnend met https://")
    return text


def parse_moment(value: Any) -> datetime | date:
    """`YYYY-MM-DD HH:MM` (Amsterdam time) or `YYYY-MM-DD` (all day)."""
    _require(value, "schrijf \"JJJJ-MM-DD UU:MM\", bijvoorbeeld \"2026-11-24 15:00\", of "
             "alleen JJJJ-MM-DD voor een hele dag")
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_day(text)
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})", text)
    if not match:
        raise fail(f"{_show(value)} is geen tijdstip; schrijf \"JJJJ-MM-DD UU:MM\", bijvoorbeeld "
                   "\"2026-11-24 15:00\", of alleen JJJJ-MM-DD voor een hele dag")
    day = parse_day(match.group(1))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise fail(f"{_show(value)} heeft geen geldige tijd; uren gaan van 00 tot 23, "
                   "minuten van 00 tot 59")
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def _reading_kind(value: Any) -> ReadingKind:
    _require(value, "kies uit book, article, video, podcast of website")
    try:
        return ReadingKind(value)
    except ValueError:
        raise fail(f"{_show(value)} is geen soort tip; kies uit book, article, video, "
                   "podcast of website") from None


def _consent(value: Any) -> bool:
    _require(value, "schrijf consent: true als de collega toestemming gaf voor publicatie; "
             "zonder toestemming wordt het interview niet gepubliceerd")
    if value is not True:
        raise fail(f"staat op {_show(value)}; zonder toestemming van de collega wordt een "
                   "interview niet gepubliceerd: schrijf consent: true zodra de collega "
                   "toestemming gaf, en haal het bestand tot dan uit content/")
    return True


Text = Annotated[str, BeforeValidator(_text)]
Title = Annotated[str, BeforeValidator(_required_text(EXAMPLES["title"]))]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]
Day = Annotated[date, BeforeValidator(parse_day)]
Month = Annotated[str, BeforeValidator(_month)]
AudienceValue = Annotated[Audience, BeforeValidator(_audience)]
Flag = Annotated[bool, BeforeValidator(_bool)]
Url = Annotated[str, BeforeValidator(_url)]
Moment = Annotated[datetime | date, BeforeValidator(parse_moment)]


def _department(value: Any, info: ValidationInfo) -> str:
    keys: tuple[str, ...] = (info.context or {}).get("departments", ())
    if not keys:
        raise fail(f"{_show(value)} is geen afdeling: content/departments.yml bevat nog geen "
                   "(goede) afdelingen; vul dat bestand eerst")
    _require(value, f"kies uit {', '.join(keys)}")
    if value not in keys:
        raise fail(f"{_show(value)} is geen afdeling; kies uit {', '.join(keys)}")
    return str(value)


DepartmentKey = Annotated[str, BeforeValidator(_department)]


class _Front(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class ItemFront(_Front):
    title: Title
    date: Day | None = None
    audience: AudienceValue = Audience.STAFF
    summary: Text | None = None
    authors: TextList = ()
    tags: TextList = ()
    issue: Month | None = None
    draft: Flag = False
    image: Text | None = None
    image_alt: Text | None = None


class DatedFront(ItemFront):
    date: Day


class UpdateFront(DatedFront):
    department: DepartmentKey


class PersonFront(_Front):
    name: Annotated[str, BeforeValidator(_required_text(EXAMPLES["name"]))]
    role: Text | None = None
    department: DepartmentKey | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class InterviewFront(DatedFront):
    person: PersonFront
    consent: Annotated[bool, BeforeValidator(_consent)]

    @field_validator("person", mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise fail("moet de naam en rol van de collega bevatten; schrijf op de regels "
                       "eronder, ingesprongen: '  name: ...' en '  role: ...'")
        return value


class EventFront(ItemFront):
    start: Moment
    end: Moment | None = None
    location: Text | None = None
    online: Url | None = None
    registration: Url | None = None
    series: Text | None = None
    cancelled: Flag = False


class ReadingFront(DatedFront):
    kind: Annotated[ReadingKind, BeforeValidator(_reading_kind)]
    creator: Text | None = None
    link: Url | None = None


class PageFront(ItemFront):
    pass


class IssueFront(_Front):
    date: Day
    title: Text | None = None


def _email(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise fail(f"{_show(value)} is geen e-mailadres; schrijf het volledige adres, "
                   "bijvoorbeeld werkeninkomen@waalstad.nl")
    return text


class DepartmentFront(_Front):
    key: Annotated[str, BeforeValidator(_required_text(DEPARTMENT_EXAMPLES["key"]))]
    name: Annotated[str, BeforeValidator(_required_text(DEPARTMENT_EXAMPLES["name"]))]
    email: Annotated[str, BeforeValidator(_email)] | None = None
    phone: Text | None = None
    description: Text | None = None
    topics: TextList = ()

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("key")
    @classmethod
    def _lower(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            raise fail(f"{_show(value)} mag alleen kleine letters, cijfers en '-' bevatten; "
                       f"schrijf bijvoorbeeld {_show(slugify(value) or 'wi')}")
        return value


FRONT_BY_KIND: dict[Kind, type[ItemFront]] = {
    Kind.UPDATE: UpdateFront,
    Kind.INTERVIEW: InterviewFront,
    Kind.EVENT: EventFront,
    Kind.READING: ReadingFront,
    Kind.PAGE: PageFront,
}


def _model_at(model: type[BaseModel], path: list[str]) -> type[BaseModel]:
    """The (nested) model a location points into: ['person', 'name'] -> PersonFront."""
    for part in path:
        field = model.model_fields.get(part)
        inner = field.annotation if field else None
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            break
        model = inner
    return model


def message_for(error: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    """The Dutch message for one pydantic error on `model` (the front matter's model)."""
    if error["type"] == "courant":
        return str(error["msg"])
    loc = [str(p) for p in error["loc"]]
    key = loc[-1] if loc else ""
    examples = DEPARTMENT_EXAMPLES if model is DepartmentFront else EXAMPLES
    if error["type"] == "missing":
        example = examples.get(key, f"{key}: ...")
        if len(loc) > 1:
            return f"ontbreekt; zet onder '{loc[0]}:' een ingesprongen regel zoals '  {example}'"
        note = NOTES.get(key) if model is not DepartmentFront else None
        return f"ontbreekt; voeg een regel toe zoals '{example}'" + (f" {note}" if note else "")
    if error["type"] == "extra_forbidden":
        known = list(_model_at(model, loc[:-1]).model_fields) if model else []
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"bedoel je '{close[0]}'?" if close else f"gebruik {', '.join(known)}"
        return f"is hier geen sleutel die courant kent; {hint}"
    if error["type"] in {"model_type", "model_attributes_type", "dict_type"}:
        if model is DepartmentFront and not loc:
            return (f"{_show(error.get('input'))} is geen afdeling; schrijf elke afdeling als "
                    "'- key: wi' met daaronder '  name: Werk en Inkomen'")
        return "moet een lijst van sleutels zijn ('sleutel: waarde' op elke regel)"
    return f"heeft een waarde die courant niet kan lezen ({_show(error.get('input'))})"
