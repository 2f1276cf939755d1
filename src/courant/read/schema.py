"""The front matter each kind allows, and the Dutch wording of every message about it.

pydantic collects every problem of a file in one pass; each value type below raises its own
Dutch message ("what is wrong; what to write instead"), so the validator's English never
reaches an editor.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from slugify import slugify

from courant.clock import AMSTERDAM
from courant.model import Audience, BookletPart, Kind, Month, ReadingKind
from courant.read.addresses import EMAIL, mailto_fault, url_fault
from courant.read.nearmiss import meant_key, meant_value

# Example lines for messages, as the editor would type them, and what a message adds to them.
EXAMPLES = {
    "title": "title: Nieuwe werkwijze bij de intake",
    "date": "date: 2026-11-28",
    "department": "department: wi",
    "person": "person:",
    "name": "name: Fatima el Amrani",
    "role": "role: consulent schuldhulpverlening",
    "consent": "consent: true",
    "start": "start: 2026-11-24 15:00",
    "kind": "kind: book",
    "link": "link: https://www.voorbeeld.nl/artikel",
    "image_alt": "image_alt: Collega's aan tafel tijdens de Spotlights-sessie",
    "pages": "pages: [../pages/introductieprogramma.md]",
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
SERIES_EXAMPLES = {
    "name": "name: Leeracademie",
}


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("courant", message)


def _show(value: Any) -> str:
    """A value as the editor wrote it, on one line ('\\n' for a line break; lists as
    [a, b]), shortened when it is long."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _shorter("[" + ", ".join(_show(v).strip('"') for v in value) + "]")
    if isinstance(value, dict):
        return _shorter("{" + ", ".join(f"{k}: " + _show(v).strip('"')
                                        for k, v in value.items()) + "}")
    if isinstance(value, str):
        one_line = value.replace("\r", "\\r").replace("\n", "\\n")
        return f'"{_shorter(one_line)}"'
    return str(value)


def _shorter(text: str) -> str:
    return f"{text[:60]}…" if len(text) > 70 else text


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


def _line(value: Any) -> str:
    """Text on one line: a title, a name, a place. It goes into menus, a mail's subject and
    calendar fields, where a line break (`title: |`) has no place."""
    text = _text(value)
    if len(text.splitlines()) > 1:
        raise fail("staat op meer dan één regel; schrijf de tekst op één regel achter de "
                   "dubbele punt, zonder | of > ervoor")
    if len(text) > LONGEST_LINE:
        raise fail(f"is {len(text)} tekens lang; schrijf hoogstens {LONGEST_LINE} tekens (wat "
                   "meer te zeggen is, past in de tekst of in summary)")
    return text


LONGEST_LINE = 300
"""A title, name or place longer than this fills a mail's subject, a menu and a list entry
(a 200,000-character title made a mail too large to send)."""


def _required_text(example: str) -> Any:
    """One line that must be filled in: an empty value says what to write, not 'leave it
    out'."""
    def check(value: Any) -> str:
        _require(value, f"schrijf er iets achter, bijvoorbeeld '{example}'")
        return _line(value)
    return check


def _text_list(value: Any, info: ValidationInfo) -> tuple[str, ...]:
    if isinstance(value, str) and re.search(r"[,;]", value):
        parts = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
        raise fail(f"{_show(value)} is één tekst, geen lijst; schrijf de lijst tussen "
                   f"[ ]: '{info.field_name}: [{', '.join(parts)}]'")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (_line(value),)
    if not isinstance(value, list):
        raise fail("moet een lijst zijn; schrijf bijvoorbeeld [Anna de Vries, Omar Yilmaz]")
    return tuple(_line(v) for v in value)


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years a date may have: far enough for any archive and any plan, and near enough that
a day, an hour or a week later is still a date (9999-12-31 23:30 plus an hour is not)."""


def parse_day(value: Any) -> date:
    _require(value, "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-28")
    text = str(value).strip() if value is not None else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise fail(f"{_show(value)} is geen datum in de vorm JJJJ-MM-DD; "
                   "schrijf bijvoorbeeld 2026-11-28")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise fail(f"{_show(value)} bestaat niet als datum; controleer dag en maand "
                   "(JJJJ-MM-DD)") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise fail(f"{_show(value)} ligt buiten de jaren die courant kent ({FIRST_YEAR} tot en "
                   f"met {LAST_YEAR}); controleer het jaar")
    return day


def _month(value: Any) -> str:
    _require(value, "schrijf jaar en maand als JJJJ-MM, bijvoorbeeld 2026-12, of laat de "
             "regel weg")
    text = str(value).strip()
    if Month.parse(text) is None:
        raise fail(f"{_show(value)} is geen maand; schrijf jaar en maand als JJJJ-MM, "
                   "bijvoorbeeld 2026-12")
    return text


AUDIENCE_WORDS = {
    "iedereen": "all", "alle": "all", "allen": "all", "alles": "all", "medewerkers": "staff",
    "medewerker": "staff", "personeel": "staff", "intern": "staff", "collega's": "staff",
    "collegas": "staff", "partner": "partners", "ketenpartners": "partners",
}
"""Dutch words for the audiences: a near miss, said with the exact value to write."""
READING_WORDS = {
    "boek": "book", "artikel": "article", "film": "video", "filmpje": "video",
    "site": "website", "webpagina": "website", "website": "website",
}
FLAG_WORDS = {"ja": "true", "nee": "false", "waar": "true", "onwaar": "false",
              "yes": "true", "no": "false", "aan": "true", "uit": "false"}


def _write_instead(key: str | None, meant: str) -> str:
    """'; schrijf 'audience: all'': the exact line for a near miss of `meant`."""
    return f"; schrijf '{key}: {meant}'" if key else f"; schrijf {meant}"


def _audience(value: Any, info: ValidationInfo) -> Audience:
    _require(value, "kies uit staff (alleen medewerkers), partners of all (iedereen), of laat "
             "de regel weg (dan is het staff)")
    try:
        return Audience(value)
    except ValueError:
        meant = meant_value(value, [a.value for a in Audience], AUDIENCE_WORDS)
        if meant is not None:
            raise fail(f"{_show(value)} is geen doelgroep{_write_instead(info.field_name, meant)}"
                       " (staff: alleen medewerkers, partners, of all: iedereen)") from None
        raise fail(f"{_show(value)} is geen doelgroep; kies uit staff (alleen medewerkers), "
                   "partners of all (iedereen)") from None


def _bool(value: Any, info: ValidationInfo) -> bool:
    _require(value, "schrijf true of false, of laat de regel weg")
    if not isinstance(value, bool):
        meant = meant_value(value, ["true", "false"], FLAG_WORDS)
        if meant is not None:
            raise fail(f"{_show(value)} is geen ja/nee-waarde"
                       f"{_write_instead(info.field_name, meant)}")
        raise fail(f"{_show(value)} is geen ja/nee-waarde; schrijf true of false")
    return value


def _url(example: str) -> Any:
    """One absolute http(s) address (or `mailto:` and one e-mail address), nothing around it:
    it becomes a link as it is written."""
    def check(value: Any) -> str:
        _require(value, "schrijf het volledige webadres, beginnend met https://, of laat de "
                 "regel weg")
        text = _text(value)
        fault = mailto_fault(text, "aanmelden@waalstad.nl") if text.lower().startswith(
            "mailto:") else url_fault(text, example)
        if fault:
            raise fail(f"{_show(value)} {fault}")
        return text
    return check


MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?:\s*([+-]\d{2}):?(\d{2}))?")


def parse_moment(value: Any) -> datetime | date:
    """`YYYY-MM-DD HH:MM` (Amsterdam time) or `YYYY-MM-DD` (all day).

    Amsterdam's clock skips an hour in March (02:00-03:00 does not exist: refused) and repeats
    one in October (02:00-03:00 happens twice): such a time means the first time, in summer
    time, as in iCalendar (RFC 5545); an offset picks the second ("2026-10-25 02:30 +01:00").
    """
    _require(value, "schrijf \"JJJJ-MM-DD UU:MM\", bijvoorbeeld \"2026-11-24 15:00\", of "
             "alleen JJJJ-MM-DD voor een hele dag")
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_day(text)
    match = MOMENT.fullmatch(text)
    if not match:
        raise fail(f"{_show(value)} is geen tijdstip; schrijf \"JJJJ-MM-DD UU:MM\", bijvoorbeeld "
                   "\"2026-11-24 15:00\", of alleen JJJJ-MM-DD voor een hele dag")
    try:
        day = parse_day(match.group(1))
    except PydanticCustomError as err:  # say it of the whole value the editor wrote
        raise fail(err.message().replace(_show(match.group(1)), _show(value), 1)) from None
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise fail(f"{_show(value)} heeft geen geldige tijd; uren gaan van 00 tot 23, "
                   "minuten van 00 tot 59")
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)
    if not exists(moment):
        raise fail(f"{_show(value)} bestaat niet in Nederland: in die nacht gaat de klok een uur "
                   f"vooruit (zomertijd) en slaat {_skipped(moment)} over; schrijf een tijd "
                   "daarvoor of daarna")
    if match.group(4) is None:
        return moment
    sign = -1 if match.group(4).startswith("-") else 1
    offset = sign * timedelta(hours=int(match.group(4)[1:]), minutes=int(match.group(5)))
    return _with_offset(value, moment, offset)


def written_offset(value: Any) -> bool:
    """True when a time is written with its offset ("2026-10-25 02:30 +01:00")."""
    match = MOMENT.fullmatch(str(value).strip())
    return match is not None and match.group(4) is not None


def exists(moment: datetime) -> bool:
    """False for a wall time the clock skips (2026-03-29 02:30 in Amsterdam)."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def is_ambiguous(moment: datetime) -> bool:
    """True for a wall time the clock shows twice (2026-10-25 02:30 in Amsterdam)."""
    return moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()


def _skipped(moment: datetime) -> str:
    """The wall times the clock skips around `moment`: 'de tijden van 02:00 tot 03:00'."""
    first = last = moment
    while not exists(first - timedelta(minutes=1)):
        first -= timedelta(minutes=1)
    while not exists(last):
        last += timedelta(minutes=1)
    return f"de tijden van {first:%H:%M} tot {last:%H:%M}"


def _with_offset(value: Any, moment: datetime, written: timedelta) -> datetime:
    """The moment whose Amsterdam offset is the one written (+01:00 winter, +02:00 summer)."""
    for fold in (0, 1):
        candidate = moment.replace(fold=fold)
        if candidate.utcoffset() == written:
            return candidate
    actual = _offset_text(moment)
    raise fail(f"{_show(value)} is geen tijd in Amsterdam: daar is het dan {actual} (het verschil "
               f"met UTC); laat het deel met + weg, courant rekent in Nederlandse tijd")


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta()
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    return f"{'+' if offset >= timedelta() else '-'}{abs(hours):02d}:{rest:02d}"


def ambiguous_message(moment: datetime) -> str:
    """Said (as a warning) for a time the clock shows twice, written without an offset."""
    second = moment.replace(fold=1)
    return (f"{moment:%Y-%m-%d %H:%M} komt twee keer voor: in die nacht gaat de klok een uur "
            f"terug (wintertijd); courant neemt de eerste keer, nog in de zomertijd "
            f"({_offset_text(moment)}); bedoel je de tweede keer, schrijf dan "
            f"\"{moment:%Y-%m-%d %H:%M} {_offset_text(second)}\"")


def _reading_kind(value: Any) -> ReadingKind:
    _require(value, "kies uit book, article, video, podcast of website")
    try:
        return ReadingKind(value)
    except ValueError:
        meant = meant_value(value, [k.value for k in ReadingKind], READING_WORDS)
        if meant is not None:
            raise fail(f"{_show(value)} is geen soort tip{_write_instead('kind', meant)} "
                       "(book, article, video, podcast of website)") from None
        raise fail(f"{_show(value)} is geen soort tip; kies uit book, article, video, "
                   "podcast of website") from None


def _consent(what: str) -> Any:
    """consent: true, required: without the colleague's permission `what` ('een interview')
    is not published."""
    def check(value: Any) -> bool:
        _require(value, "schrijf consent: true als de collega toestemming gaf voor publicatie; "
                 f"zonder toestemming wordt {what} niet gepubliceerd")
        if value is not True:
            raise fail(f"staat op {_show(value)}; zonder toestemming van de collega wordt {what} "
                       "niet gepubliceerd: schrijf consent: true zodra de collega "
                       "toestemming gaf, en haal het bestand tot dan uit content/")
        return True
    return check


def _phone(value: Any) -> str:
    """A phone number as people write it (+31 6 1234 5678, 14 0488, (0488) 12 34 56): it
    becomes a tel: link of its digits."""
    text = _line(value)
    if not re.fullmatch(r"\+?[0-9][0-9 ()-]{2,30}", text):
        raise fail(f"{_show(value)} is geen telefoonnummer; schrijf alleen cijfers, spaties en "
                   "eventueel + of -, bijvoorbeeld \"06 1234 5678\" of \"+31 488 123 456\"")
    return text


Text = Annotated[str, BeforeValidator(_text)]
Line = Annotated[str, BeforeValidator(_line)]
Title = Annotated[str, BeforeValidator(_required_text(EXAMPLES["title"]))]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]
Day = Annotated[date, BeforeValidator(parse_day)]
MonthText = Annotated[str, BeforeValidator(_month)]
AudienceValue = Annotated[Audience, BeforeValidator(_audience)]
Flag = Annotated[bool, BeforeValidator(_bool)]
Moment = Annotated[datetime | date, BeforeValidator(parse_moment)]


def _department(value: Any, info: ValidationInfo) -> str:
    names: dict[str, str] = (info.context or {}).get("departments", {})
    if not names:
        raise fail(f"{_show(value)} is geen afdeling: content/departments.yml bevat nog geen "
                   "(goede) afdelingen; vul dat bestand eerst")
    choices = department_choices(names)
    _require(value, f"kies uit {choices}")
    if not isinstance(value, str) or value not in names:
        meant = meant_value(value, names, {name.lower(): key for key, name in names.items()})
        if meant is not None:
            raise fail(f"{_show(value)} is geen afdeling; schrijf 'department: {meant}' "
                       f"({names[meant]})")
        raise fail(f"{_show(value)} is geen afdeling; kies uit {choices}")
    return str(value)


def department_choices(names: dict[str, str]) -> str:
    """'wi (Werk en Inkomen), smsr (Sociale Zaken), ...': the keys to write, with the names
    editors know the departments by."""
    return ", ".join(f"{key} ({name})" for key, name in names.items())


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
    issue: MonthText | None = None
    draft: Flag = False
    image: Line | None = None
    image_alt: Line | None = None


class DatedFront(ItemFront):
    date: Day


class UpdateFront(DatedFront):
    department: DepartmentKey


class PersonFront(_Front):
    name: Annotated[str, BeforeValidator(_required_text(EXAMPLES["name"]))]
    role: Line | None = None
    department: DepartmentKey | None = None

    model_config = ConfigDict(extra="forbid", frozen=True)


class InterviewFront(DatedFront):
    person: PersonFront
    consent: Annotated[bool, BeforeValidator(_consent("een interview"))]

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
    location: Line | None = None
    online: Annotated[str, BeforeValidator(_url("https://meet.waalstad.nl/spotlights"))] | None \
        = None
    registration: Annotated[str, BeforeValidator(_url(
        "https://www.waalstad.nl/aanmelden"))] | None = None
    series: Line | None = None
    cancelled: Flag = False
    full: Flag = False


class ReadingFront(DatedFront):
    kind: Annotated[ReadingKind, BeforeValidator(_reading_kind)]
    creator: Line | None = None
    link: Annotated[str, BeforeValidator(_url("https://www.voorbeeld.nl/artikel"))] | None = None


class PageFront(ItemFront):
    pass


class IssueFront(_Front):
    date: Day
    title: Line | None = None


def _email(value: Any) -> str:
    """One e-mail address: it becomes a mailto: link, so nothing around it (a ')' would end
    the link and start another)."""
    text = _text(value)
    if not EMAIL.fullmatch(text):
        raise fail(f"{_show(value)} is geen e-mailadres; schrijf het volledige adres, "
                   "bijvoorbeeld werkeninkomen@waalstad.nl")
    return text


class DepartmentFront(_Front):
    key: Annotated[str, BeforeValidator(_required_text(DEPARTMENT_EXAMPLES["key"]))]
    name: Annotated[str, BeforeValidator(_required_text(DEPARTMENT_EXAMPLES["name"]))]
    email: Annotated[str, BeforeValidator(_email)] | None = None
    phone: Line | None = None
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


class AdviserFront(ItemFront):
    """advisers/: `name` takes the place of `title`."""

    title: Line | None = None  # type: ignore[assignment]
    name: Annotated[str, BeforeValidator(_required_text(EXAMPLES["name"]))]
    role: Annotated[str, BeforeValidator(_required_text(EXAMPLES["role"]))]
    department: DepartmentKey | None = None
    topics: TextList = ()
    email: Annotated[str, BeforeValidator(_email)] | None = None
    phone: Annotated[str, BeforeValidator(_phone)] | None = None
    consent: Annotated[bool, BeforeValidator(_consent("de vermelding"))]
    until: Day | None = None


def _booklet_parts(value: Any, info: ValidationInfo) -> tuple[BookletPart, ...]:
    texts = _text_list(value, info)
    try:
        return tuple(BookletPart(t) for t in texts)
    except ValueError:
        wrong = next(t for t in texts if t not in set(BookletPart))
        raise fail(f"{_show(wrong)} kan niet in een boekje; kies uit departments (de contacten "
                   "van de afdelingen) en guide (wie benader je waarvoor)") from None


def _source_paths(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise fail("moet een lijst van bestanden zijn, elk op een eigen regel met '- ' ervoor, "
                   "bijvoorbeeld '- ../pages/introductieprogramma.md'")
    return tuple(_line(v) for v in value)


class BookletFront(ItemFront):
    """booklets/: the sources of its chapters (`pages`, in order) and what it adds."""

    pages: Annotated[tuple[str, ...], BeforeValidator(_source_paths)]
    include: Annotated[tuple[BookletPart, ...], BeforeValidator(_booklet_parts)] = ()


class SeriesFront(_Front):
    """One entry of content/series.yml."""

    name: Annotated[str, BeforeValidator(_required_text(SERIES_EXAMPLES["name"]))]
    title: Line | None = None
    description: Text | None = None
    audience: AudienceValue = Audience.STAFF

    model_config = ConfigDict(extra="forbid", frozen=True)


LIST_FILES: dict[type[BaseModel], tuple[dict[str, str], str]] = {
    DepartmentFront: (DEPARTMENT_EXAMPLES, "is geen afdeling; schrijf elke afdeling als "
                      "'- key: wi' met daaronder '  name: Werk en Inkomen'"),
    SeriesFront: (SERIES_EXAMPLES, "is geen reeks; schrijf elke reeks als '- name: "
                  "Leeracademie' met daaronder '  description: ...'"),
}
"""The YAML files of content/ that hold a list (departments.yml, series.yml): the example
lines for their keys, and what to say of an entry that is not a list of keys."""


FRONT_BY_KIND: dict[Kind, type[ItemFront]] = {
    Kind.UPDATE: UpdateFront,
    Kind.INTERVIEW: InterviewFront,
    Kind.EVENT: EventFront,
    Kind.READING: ReadingFront,
    Kind.PAGE: PageFront,
    Kind.ADVISER: AdviserFront,
    Kind.BOOKLET: BookletFront,
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


def meant_extra(error: Any, model: type[BaseModel] | None) -> str | None:
    """For a key pydantic refused (extra_forbidden): the known key it is a near miss of."""
    loc = [str(p) for p in error["loc"]]
    if error["type"] != "extra_forbidden" or model is None or not loc:
        return None
    return meant_key(loc[-1], _model_at(model, loc[:-1]).model_fields)


def message_for(error: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    """The Dutch message for one pydantic error on `model` (the front matter's model)."""
    if error["type"] == "courant":
        return str(error["msg"])
    loc = [str(p) for p in error["loc"]]
    key = loc[-1] if loc else ""
    listed = LIST_FILES.get(model) if model is not None else None
    examples = listed[0] if listed else EXAMPLES
    if error["type"] == "missing":
        example = examples.get(key, f"{key}: ...")
        if len(loc) > 1:
            return f"ontbreekt; zet onder '{loc[0]}:' een ingesprongen regel zoals '  {example}'"
        note = NOTES.get(key) if listed is None else None
        return f"ontbreekt; voeg een regel toe zoals '{example}'" + (f" {note}" if note else "")
    if error["type"] == "extra_forbidden":
        meant = meant_extra(error, model)
        known = list(_model_at(model, loc[:-1]).model_fields) if model else []
        hint = f"bedoel je '{meant}'?" if meant else f"gebruik {', '.join(known)}"
        return f"is hier geen sleutel die courant kent; {hint}"
    if error["type"] in {"model_type", "model_attributes_type", "dict_type"}:
        if listed is not None and not loc:
            return f"{_show(error.get('input'))} {listed[1]}"
        return "moet een lijst van sleutels zijn ('sleutel: waarde' op elke regel)"
    return f"heeft een waarde die courant niet kan lezen ({_show(error.get('input'))})"
