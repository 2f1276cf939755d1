"""The front matter each kind allows, and the Dutch wording of every message about it.

pydantic collects every problem of a file in one pass; each value type below raises its own
Dutch message ("what is wrong; what to write instead"), so the validator's English never
reaches an editor.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from courant.clock import AMSTERDAM
from courant.model import Audience, Kind, ReadingKind

EXAMPLES = {
    "title": "title: Nieuwe werkwijze bij de intake",
    "date": "date: 2026-11-28",
    "department": "department: wi",
    "person": "person: met daaronder '  name: Fatima el Amrani'",
    "name": "name: Fatima el Amrani",
    "consent": "consent: true (alleen als de collega toestemming gaf)",
    "start": "start: \"2026-11-24 15:00\" of start: 2026-11-24 voor een hele dag",
    "kind": "kind: book (of article, video, podcast, website)",
    "link": "link: https://www.voorbeeld.nl/artikel",
    "image_alt": "image_alt: Collega's aan tafel tijdens de Spotlights-sessie",
    "key": "key: wi",
}


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("courant", message)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _text(value: Any) -> str:
    if isinstance(value, bool | dict | list):
        raise fail("moet tekst zijn; schrijf de tekst achter de dubbele punt, "
                   "zo nodig tussen aanhalingstekens")
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise fail("is leeg; vul een tekst in of laat de regel weg")
    return value.strip()


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (_text(value),)
    if not isinstance(value, list):
        raise fail("moet een lijst zijn; schrijf bijvoorbeeld [Anna de Vries, Omar Yilmaz]")
    return tuple(_text(v) for v in value)


def parse_day(value: Any) -> date:
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
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise fail(f"{_show(value)} is geen maand; schrijf jaar en maand als JJJJ-MM, "
                   "bijvoorbeeld 2026-12")
    return text


def _audience(value: Any) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        raise fail(f"{_show(value)} is geen doelgroep; kies uit staff (alleen medewerkers), "
                   "partners of all (iedereen)") from None


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail(f"{_show(value)} is geen ja/nee-waarde; schrijf true of false")
    return value


def _url(value: Any) -> str:
    text = _text(value)
    if not re.match(r"^(https?://[^\s/]+|mailto:\S+@)", text):
        raise fail(f"{_show(value)} is geen webadres; schrijf het volledige adres, "
                   "beginnend met https://")
    return text


def parse_moment(value: Any) -> datetime | date:
    """`YYYY-MM-DD HH:MM` (Amsterdam time) or `YYYY-MM-DD` (all day)."""
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
    try:
        return ReadingKind(value)
    except ValueError:
        raise fail(f"{_show(value)} is geen soort tip; kies uit book, article, video, "
                   "podcast of website") from None


def _consent(value: Any) -> bool:
    if value is not True:
        raise fail(f"staat op {_show(value)}; een interview wordt alleen gepubliceerd als de "
                   "collega toestemming gaf: schrijf consent: true als dat zo is, en publiceer "
                   "het anders niet")
    return True


Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]
Day = Annotated[date, BeforeValidator(parse_day)]
Month = Annotated[str, BeforeValidator(_month)]
AudienceValue = Annotated[Audience, BeforeValidator(_audience)]
Flag = Annotated[bool, BeforeValidator(_bool)]
Url = Annotated[str, BeforeValidator(_url)]
Moment = Annotated[datetime | date, BeforeValidator(parse_moment)]


def _department(value: Any, info: ValidationInfo) -> str:
    keys: tuple[str, ...] = (info.context or {}).get("departments", ())
    if value not in keys:
        raise fail(f"{_show(value)} is geen afdeling; kies uit {', '.join(keys)}")
    return str(value)


DepartmentKey = Annotated[str, BeforeValidator(_department)]


class _Front(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class ItemFront(_Front):
    title: Text
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
    date: Day  # type: ignore[assignment]


class UpdateFront(DatedFront):
    department: DepartmentKey


class PersonFront(_Front):
    name: Text
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


class DepartmentFront(_Front):
    key: Text
    name: Text
    email: Text | None = None
    phone: Text | None = None
    description: Text | None = None
    topics: TextList = ()

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("key")
    @classmethod
    def _lower(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            raise fail(f"{_show(value)} mag alleen kleine letters, cijfers en '-' bevatten; "
                       f"schrijf bijvoorbeeld {_show(re.sub('[^a-z0-9-]', '', value.lower()))}")
        return value


FRONT_BY_KIND: dict[Kind, type[ItemFront]] = {
    Kind.UPDATE: UpdateFront,
    Kind.INTERVIEW: InterviewFront,
    Kind.EVENT: EventFront,
    Kind.READING: ReadingFront,
    Kind.PAGE: PageFront,
}


def message_for(error: dict[str, Any]) -> str:
    """The Dutch message for one pydantic error."""
    if error["type"] == "courant":
        return str(error["msg"])
    key = str(error["loc"][-1]) if error["loc"] else ""
    if error["type"] == "missing":
        example = EXAMPLES.get(key, f"{key}: ...")
        return f"ontbreekt; voeg een regel toe zoals '{example}'"
    if error["type"] == "extra_forbidden":
        return "is hier geen bekende sleutel; controleer de spelling of laat de regel weg"
    if error["type"] in {"model_type", "model_attributes_type", "dict_type"}:
        return "moet een lijst van sleutels zijn ('sleutel: waarde' op elke regel)"
    return f"heeft een waarde die courant niet kan lezen ({_show(error.get('input'))})"
