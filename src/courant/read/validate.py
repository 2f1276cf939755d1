"""RawSource -> the content model, collecting every problem of every file in one pass."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError
from slugify import slugify

from courant import clock, passages, wording
from courant.links import find_links, unresolvable, unresolvable_message
from courant.markup import dialect
from courant.model import (
    HOME_PAGE,
    NEWS_KINDS,
    Adviser,
    Audience,
    Booklet,
    Content,
    Department,
    Event,
    Image,
    Interview,
    Issue,
    Item,
    Kind,
    Month,
    Page,
    Person,
    ReadingKind,
    ReadingTip,
    SeriesInfo,
    Update,
)
from courant.problems import Problems
from courant.read.files import IMAGE_SUFFIXES, RawSource, Sources, file_type_fault
from courant.read.nearmiss import TEXT_KEY, meant_key
from courant.read.placeholders import check_placeholders
from courant.read.schema import (
    FRONT_BY_KIND,
    AdviserFront,
    BookletFront,
    DepartmentFront,
    EventFront,
    InterviewFront,
    IssueFront,
    ItemFront,
    ReadingFront,
    SeriesFront,
    UpdateFront,
    ambiguous_message,
    is_ambiguous,
    meant_extra,
    message_for,
    parse_moment,
    written_offset,
)

RESERVED_PAGE_ROOTS = {"index", "nieuws", "afdelingen", "collega-in-beeld", "agenda",
                       "boekenkast", "nieuwsbrief", "reeksen", "vraagbaken", "boekjes",
                       "wie-benader-je-waarvoor", "media",
                       "toegankelijkheid", "assets", "search", "feed", "rss", "agenda-ics"}
LIST_PAGE = re.compile(r"index|pagina-\d+")
"""The names of the list pages courant makes in each folder (nieuws/, nieuws/pagina-2/)."""


ItemCheck = Callable[[Path, RawSource, dict[str, str], Problems], Item | None]
"""validate_item's shape: what `validate` checks each item with (a memo of it, in the
preview: build/cache.py's Cache.checked)."""


def validate(root: Path, sources: Sources, problems: Problems,
             validate_one: ItemCheck | None = None,
             links_of: SourceLinks | None = None) -> Content:
    """Turn what was read into the model; problems are added, never raised here.
    `validate_one`: validate_item, or a memo of it keyed by item_inputs; `links_of`:
    source_links, or a memo of it keyed by links_inputs."""
    check = validate_one or validate_item
    departments = validate_departments(sources.departments, sources.departments_lines, problems)
    names = {d.key: d.name for d in departments}
    items = _with_chapters([item for raw in sources.items
                            if (item := check(root, raw, names, problems))], sources.items)
    _check_addresses(items, problems)
    issues = [issue for raw in sources.issues if (issue := validate_issue(raw, problems))]
    _check_issue_dates(issues, sources.issues, problems)
    by_source = {item.source: item for item in items}
    _check_links(root, [*sources.items, *sources.issues], by_source, problems, links_of)
    _check_booklets(items, {raw.path: raw for raw in sources.items}, by_source, problems)
    _check_issue_keys(items, {i.month: i.date for i in issues}, sources.items, problems)
    used = {str(raw.meta["series"]).strip() for raw in sources.items
            if raw.kind is Kind.EVENT and raw.meta.get("series")}
    series = validate_series(sources.series, sources.series_lines, used, problems)
    return Content(tuple(departments), tuple(items), tuple(sorted(issues, key=lambda i: i.date)),
                   by_source, tuple(series))


def validate_departments(data: Any, lines: dict[str, int], problems: Problems) -> list[Department]:
    entries = _list_entries(
        data, lines, "content/departments.yml", DepartmentFront, "key", problems,
        empty="is leeg; zet er de afdelingen in, elk als '- key: wi' met daaronder '  name: "
              "Werk en Inkomen'",
        not_a_list="moet een lijst van afdelingen zijn; begin elke afdeling met '- key: ...' "
                   "en zet 'name: ...' eronder",
        twice="geef elke afdeling een eigen key")
    return [Department(front.key, front.name, front.email, front.phone, front.description or "",
                       front.topics) for front, _ in entries]


SERIES_FILE = "content/series.yml"


def validate_series(data: Any, lines: dict[str, int], used: set[str],
                    problems: Problems) -> list[SeriesInfo]:
    """content/series.yml (optional): a title, description and audience per series; a name
    no event uses (`used`: the series events name) is said (a typo would leave its page
    without its text)."""
    entries = _list_entries(
        data, lines, SERIES_FILE, SeriesFront, "name", problems, empty=None,
        not_a_list="moet een lijst van reeksen zijn; begin elke reeks met '- name: ...' en zet "
                   "'description: ...' eronder",
        twice="beschrijf elke reeks één keer")
    for front, line in entries:
        if front.name not in used:
            close = difflib.get_close_matches(front.name, sorted(used), n=1)
            hint = f"bedoel je '{close[0]}'?" if close else (
                "schrijf de naam precies zoals in 'series:' van de agenda-items")
            problems.add(SERIES_FILE, f'"{front.name}" is de reeks van geen enkel agenda-item; '
                         f"{hint}", key="name", line=line, warning=True)
    return [SeriesInfo(front.name, front.title, front.description or "", front.audience)
            for front, _ in entries]


def _list_entries(data: Any, lines: dict[str, int], file: str, model: type[BaseModel],
                  key: str, problems: Problems, *, empty: str | None, not_a_list: str,
                  twice: str) -> list[tuple[Any, int | None]]:
    """The valid entries of a YAML list file (departments.yml, series.yml), each with the
    line of its `key`; an entry whose `key` came before is said (`twice`: what to do)."""
    if data is None:
        if empty:
            problems.add(file, empty)
        return []
    if not isinstance(data, list):
        problems.add(file, not_a_list, line=1)
        return []
    found: list[tuple[Any, int | None]] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        front = _validate_model(model, entry, file, problems,
                                partial(_entry_line, lines, index))
        if front is None:
            continue
        value, line = getattr(front, key), lines.get(f"{index}.{key}")
        if value in seen:
            problems.add(file, f'"{value}" staat er twee keer in (ook op regel {seen[value]}); '
                         f"{twice}", key=key, line=line)
            continue
        seen[value] = line or 0
        found.append((front, line))
    return found


def _entry_line(lines: dict[str, int], index: int, loc: list[str],
                     _missing: bool) -> int | None:
    """The line of a key of the index-th entry of a list file, else of the entry itself."""
    return lines.get(f"{index}.{loc[0]}" if loc else "", lines.get(str(index)))


LineOf = Callable[[list[str], bool], int | None]


def _raw_line_of(raw: RawSource) -> LineOf:
    """A key's line; a missing top-level key points at the closing '---', where it goes."""
    def line_of(loc: list[str], missing: bool) -> int | None:
        if missing and len(loc) == 1:
            return raw.end_line
        return raw.line(".".join(loc)) if loc else None
    return line_of


def _validate_model(model: type[BaseModel], data: Any, file: str, problems: Problems,
                    line_of: LineOf, context: dict[str, Any] | None = None,
                    said: frozenset[str] = frozenset()) -> Any:
    """The model, or None with its problems added; a problem of a top-level key in `said` is
    left out (a placeholder or a misspelt key said already what to write there)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        errors = err.errors()
        meant = {(*[str(p) for p in e["loc"][:-1]], m) for e in errors
                 if (m := meant_extra(e, model))}
        for error in errors:
            loc = [str(p) for p in error["loc"]]
            if (loc and loc[0] in said) or (error["type"] == "missing" and tuple(loc) in meant):
                continue
            problems.add(file, message_for(dict(error), model), key=".".join(loc) or None,
                         line=line_of(loc, error["type"] == "missing"))
        return None


def validate_item(root: Path, raw: RawSource, departments: dict[str, str],
                  problems: Problems) -> Item | None:
    """One item (`departments`: key -> name); the checks between keys run even when the
    schema found problems, so that one `courant check` reports everything that is wrong with
    the file."""
    assert raw.kind is not None
    file = str(raw.path)
    model = FRONT_BY_KIND[raw.kind]
    errors = len(problems.errors)
    said = _check_keys(raw, model, problems) | _placeholders(raw, problems)
    front = _validate_model(model, raw.meta, file, problems, _raw_line_of(raw),
                            {"departments": departments}, said)
    image = _check_image(root, raw, problems)
    if raw.kind is Kind.READING:
        _check_reading_link(raw, problems)
    if raw.kind is Kind.EVENT:
        _check_event_end(raw, problems)
    if front is not None:
        _check_passages(raw, front.audience, front.summary, problems)
    if front is None or len(problems.errors) > errors:
        return None
    if isinstance(front, AdviserFront):
        _check_adviser(raw, front, problems)
    common: dict[str, Any] = {
        "source": raw.path, "slug": _slug(raw),
        "title": front.name if isinstance(front, AdviserFront) else front.title, "body": raw.body,
        "date": front.date, "audience": front.audience, "summary": front.summary,
        "authors": front.authors, "tags": front.tags, "issue": front.issue,
        "draft": front.draft,
        "image": Image(image, front.image_alt) if image and front.image_alt else None,
    }
    return _build_item(raw, front, common)


def item_inputs(root: Path, raw: RawSource, departments: dict[str, str],
                today: date | None = None) -> object:
    """All that validate_item reads besides `raw` itself, spelt out beside it for a memo of
    it (build/cache.py): the departments, today's date (an adviser's `until`; `today`, when
    the caller asked the clock once for all files) and where the image is found on disk, or
    what is wrong with it. Compared, never hashed: plain values (a dict among them), as it is
    asked for every file at every save."""
    ref = raw.meta.get("image")
    place = _image_fault(root, raw.path, ref.strip()) \
        if isinstance(ref, str) and ref.strip() else None
    return departments, today or clock.now().date(), place


def _build_item(raw: RawSource, front: ItemFront, common: dict[str, Any]) -> Item:
    if isinstance(front, BookletFront):
        return Booklet(pages=(), include=front.include, **common)  # _with_chapters
    if isinstance(front, AdviserFront):
        return Adviser(role=front.role, department=front.department, topics=front.topics,
                       email=front.email, phone=front.phone, consent=front.consent,
                       until=front.until, **common)
    if isinstance(front, UpdateFront):
        return Update(department=front.department, **common)
    if isinstance(front, InterviewFront):
        person = Person(front.person.name, front.person.role, front.person.department)
        return Interview(person=person, consent=front.consent, **common)
    if isinstance(front, EventFront):
        start, end = front.start, front.end
        if end is None:
            end = _an_hour_later(start) if isinstance(start, datetime) else start
        return Event(start=start, end=end, location=front.location, online=front.online,
                     registration=front.registration, series=front.series,
                     cancelled=front.cancelled, full=front.full, **common)
    if isinstance(front, ReadingFront):
        return ReadingTip(reading_kind=front.kind, creator=front.creator, link=front.link,
                          **common)
    section = PurePosixPath(*raw.path.parts[2:-1]) if len(raw.path.parts) > 3 else PurePosixPath()
    return Page(section=section, **common)


def booklet_source(booklet: PurePosixPath, written: str,
                   known: Collection[PurePosixPath]) -> PurePosixPath:
    """A path in a booklet's `pages`, as the project names the file: written from the
    booklet's own file, as a link is (../pages/x.md), or else from content/ (pages/x.md)."""
    here = PurePosixPath(posixpath.normpath(posixpath.join(posixpath.dirname(str(booklet)),
                                                           written)))
    there = PurePosixPath(posixpath.normpath(posixpath.join("content", written)))
    return there if here not in known and there in known else here


def _with_chapters(items: list[Item], raws: list[RawSource]) -> list[Item]:
    """Booklets with their `pages` as the sources they name."""
    known = {item.source for item in items}
    written = {raw.path: raw.meta.get("pages") for raw in raws}
    return [replace(item, pages=tuple(booklet_source(item.source, str(p), known)
                                      for p in written[item.source] or ()))
            if isinstance(item, Booklet) else item for item in items]


def _check_booklets(items: list[Item], raws: dict[PurePosixPath, RawSource],
                    by_source: dict[PurePosixPath, Item], problems: Problems) -> None:
    """Each chapter of a booklet must be an item, and one the booklet's own readers may see:
    a partner booklet holds nothing for staff only."""
    for booklet in (i for i in items if isinstance(i, Booklet)):
        raw = raws[booklet.source]
        written = raw.meta.get("pages") or []
        for index, source in enumerate(booklet.pages):
            said = f'"{written[index]}"' if index < len(written) else str(source)
            line = raw.line(f"pages.{index}")
            chapter = by_source.get(source)
            fault = _chapter_fault(booklet, chapter, said)
            if fault:
                problems.add(str(booklet.source), fault[0], key="pages", line=line,
                             warning=fault[1])
            elif source in booklet.pages[:index]:
                problems.add(str(booklet.source), f"{said} staat er twee keer in; noem elk "
                             "hoofdstuk één keer", key="pages", line=line)


def _chapter_fault(booklet: Booklet, chapter: Item | None,
                   said: str) -> tuple[str, bool] | None:
    """What is wrong with one chapter of a booklet, and whether that is only a warning."""
    if chapter is None:
        return (f"{said} is geen stuk in content/; schrijf het pad van het bestand vanaf dit "
                "boekje, bijvoorbeeld ../pages/introductieprogramma.md", False)
    if isinstance(chapter, Booklet):
        return f"{said} is zelf een boekje; noem de pagina's die erin moeten", False
    if booklet.audience is not Audience.STAFF and chapter.audience is Audience.STAFF:
        return (f"{said} is alleen voor medewerkers, en dit boekje is voor "
                f"{wording.AUDIENCE_NAMES[booklet.audience.value]}: haal het uit pages, of "
                "zet het boekje op audience: staff", False)
    if chapter.draft:
        return f"{said} is een concept: het staat pas in het boekje als het klaar is", True
    return None


EXPIRY_WARNING = timedelta(weeks=4)
"""`courant check` says this long ahead that an adviser's `until` comes."""


def _check_adviser(raw: RawSource, front: AdviserFront, problems: Problems) -> None:
    """Personal data: said when it goes to partners, when it is about to go (or went), and
    when a title is written where the name is the title."""
    file = str(raw.path)
    if front.audience is not Audience.STAFF:
        problems.add(file, f"staat op {front.audience.value}: de naam, het e-mailadres en het "
                     "telefoonnummer van deze collega komen dan op de site voor partners; "
                     "weet je zeker dat de collega dat wil? Zo niet, laat de regel weg (dan is "
                     "het staff)", key="audience", line=raw.line("audience"), warning=True)
    if raw.meta.get("title") is not None:
        problems.add(file, "doet hier niets: bij een vraagbaak is de naam (name) de titel; laat "
                     "de regel weg", key="title", line=raw.line("title"), warning=True)
    if front.until is None:
        return
    today = clock.now().date()
    if front.until < today:
        problems.add(file, f"{front.until.isoformat()} is voorbij: deze collega staat niet meer "
                     "in de lijst; haal het bestand weg, of schrijf een nieuwe datum als de "
                     "collega doorgaat", key="until", line=raw.line("until"), warning=True)
    elif front.until - today <= EXPIRY_WARNING:
        problems.add(file, f"op {wording.day(front.until)} is de laatste dag dat deze collega "
                     "in de lijst staat; vraag of de collega doorgaat en schrijf dan een nieuwe "
                     "datum, of laat het zo", key="until", line=raw.line("until"), warning=True)


def _parsed(parse: Callable[[Any], Any], value: Any) -> Any:
    """A value parsed on its own, or None when it is wrong (the schema reports that)."""
    try:
        return parse(value)
    except (PydanticCustomError, ValueError):
        return None


def _check_reading_link(raw: RawSource, problems: Problems) -> None:
    kind = _parsed(ReadingKind, raw.meta.get("kind"))
    if kind is None or kind is ReadingKind.BOOK or raw.meta.get("link") is not None:
        return
    problems.add(str(raw.path), f"ontbreekt; een tip van de soort {kind.value} heeft een "
                 "webadres nodig, bijvoorbeeld 'link: https://www.voorbeeld.nl/artikel' (alleen "
                 "een boek kan zonder)", key="link", line=raw.line("kind"))


def _an_hour_later(start: datetime) -> datetime:
    """One hour of real time, also across a change of the clock (01:30 + 1 h on the night the
    clock goes back is 02:30 summer time; on the night it goes forward, 03:30)."""
    return (start.astimezone(UTC) + timedelta(hours=1)).astimezone(start.tzinfo)


def _check_event_end(raw: RawSource, problems: Problems) -> None:
    start = _parsed(parse_moment, raw.meta.get("start"))
    end = _parsed(parse_moment, raw.meta.get("end")) if raw.meta.get("end") else None
    for key, moment in (("start", start), ("end", end)):
        if isinstance(moment, datetime) and is_ambiguous(moment) and not written_offset(
                raw.meta[key]):
            problems.add(str(raw.path), ambiguous_message(moment), key=key,
                         line=raw.line(key), warning=True)
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        problems.add(str(raw.path), "gebruikt een andere vorm dan start; schrijf beide met "
                     "tijd (\"2026-11-24 15:00\") of beide als hele dag (2026-11-24)",
                     key="end", line=raw.line("end"))
    elif _before(end, start):
        problems.add(str(raw.path), f"ligt vóór start ({raw.meta['start']}); het einde moet op "
                     "of na het begin liggen", key="end", line=raw.line("end"))


def _before(end: datetime | date, start: datetime | date) -> bool:
    """In real time: Python compares two times of one time zone by the clock alone, and the
    clock shows 02:30 twice on the night it goes back."""
    if isinstance(end, datetime) and isinstance(start, datetime):
        return end.astimezone(UTC) < start.astimezone(UTC)
    return end < start  # type: ignore[operator,unused-ignore]


def _slug(raw: RawSource) -> str:
    if raw.kind is Kind.PAGE:
        rel = PurePosixPath(*raw.path.parts[2:]).with_suffix("")
        return "/".join(slugify(part) or "pagina" for part in rel.parts)
    return slugify(raw.path.stem) or "stuk"


def _check_keys(raw: RawSource, model: type[BaseModel], problems: Problems) -> frozenset[str]:
    """Unknown keys: a near miss of a known key (`titel`, `audiance`) is an error that names
    it, any other a warning; the known keys meant (their 'ontbreekt' would say it twice)."""
    known = list(model.model_fields)
    meant_keys = set()
    for key in raw.meta:
        if key in known:
            continue
        file, line = str(raw.path), raw.line(str(key))
        meant = meant_key(str(key), known)
        if str(key).strip().lower() in TEXT_KEY:
            problems.add(file, "is geen sleutel die courant kent; de tekst van het stuk komt "
                         "onder de afsluitende ---, niet in de kop", key=str(key), line=line)
        elif meant is not None and meant not in raw.meta:  # else it is not that key
            meant_keys.add(meant)
            problems.add(file, f"is geen sleutel die courant kent; bedoel je '{meant}'?",
                         key=str(key), line=line)
        else:
            loose = meant or meant_key(str(key), known, cutoff=0.6)
            hint = f"bedoel je '{loose}'?" if loose else "courant doet er niets mee"
            problems.add(file, f"is geen sleutel die courant kent; {hint}", key=str(key),
                         line=line, warning=True)
    return frozenset(meant_keys)


def _placeholders(raw: RawSource, problems: Problems) -> frozenset[str]:
    """The errors for `courant new`'s placeholders left in the file; the keys holding one."""
    return frozenset(check_placeholders(str(raw.path), raw.meta, raw.body, raw.body_line,
                                        raw.line, problems))


def _check_image(root: Path, raw: RawSource, problems: Problems) -> PurePosixPath | None:
    """The image's path relative to content/, or None (with a problem when it is wrong)."""
    file, ref, alt = str(raw.path), raw.meta.get("image"), raw.meta.get("image_alt")
    if ref is None:
        if alt is not None:
            problems.add(file, "staat er zonder image; voeg de afbeelding toe of laat "
                         "image_alt weg", key="image_alt", line=raw.line("image_alt"),
                         warning=True)
        return None
    if not isinstance(ref, str) or not ref.strip():
        return None  # the schema says what is wrong with the value
    ref = ref.strip()
    fault = _image_fault(root, raw.path, ref)
    if isinstance(fault, str):
        problems.add(file, fault, key="image", line=raw.line("image"))
        return None
    if alt is None:
        problems.add(file, "ontbreekt; beschrijf in een zin wat er op de afbeelding te zien "
                     "is, bijvoorbeeld 'image_alt: Collega's aan tafel tijdens de "
                     "Spotlights-sessie'", key="image_alt", line=raw.line("image"))
        return None
    return fault


def _image_fault(root: Path, source: PurePosixPath, ref: str) -> PurePosixPath | str:
    """The image inside content/, or the message that says what is wrong with `ref`."""
    if re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]+:|www\.)", ref):
        return (f'"{ref}" is een webadres; courant publiceert alleen afbeeldingen uit content/ '
                "(zonder verzoeken aan andere sites): zet de afbeelding in content/media/ en "
                "schrijf alleen de bestandsnaam")
    if ref.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", ref):
        return (f'"{ref}" is een absoluut pad; schrijf het pad vanaf dit bestand, of alleen de '
                "bestandsnaam als de afbeelding in content/media/ staat")
    target = resolve_content_path(root, source, ref)
    if target is None:
        return (f'"{ref}" wijst naar een plek buiten content/; zet de afbeelding in '
                "content/media/ en schrijf alleen de bestandsnaam")
    if target.suffix.lower() == ".svg":
        return (f'"{ref}" is een SVG-bestand; dat publiceert courant niet, want het kan code '
                "bevatten die in de browser draait: sla de afbeelding op als .png of .jpg")
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return (f'"{ref}" is geen afbeelding; gebruik een .jpg-, .png-, .gif- of .webp-bestand '
                "(link naar andere bestanden in de tekst)")
    if not _is(Path.is_file, root / "content" / target):
        return (f'"{ref}" bestaat niet (gezocht naast dit bestand en in content/media/); zet '
                "de afbeelding in content/media/ of controleer de naam (hoofdletters tellen mee)")
    return target


def _is(test: Callable[[Path], bool], path: Path) -> bool:
    """`path.is_file()` and the like, False for a path no file system can hold (a name of
    thousands of characters): such a file does not exist."""
    try:
        return test(path)
    except (OSError, ValueError):  # ENAMETOOLONG; a NUL byte
        return False


def resolve_content_path(root: Path, source: PurePosixPath, ref: str) -> PurePosixPath | None:
    """Resolve an editor's path (relative to the file, else to content/media/) inside content/.

    Returns the path relative to content/, or None when it is absolute or leads outside.
    """
    if ref.startswith(("/", "\\")) or ":" in ref:
        return None
    folder = posixpath.dirname(str(source))  # content/updates/...
    candidates = [posixpath.normpath(posixpath.join(folder, ref)),
                  posixpath.normpath(posixpath.join("content/media", ref))]
    inside = [c for c in candidates if c.startswith("content/") and ".." not in c.split("/")]
    if not inside:
        return None
    found = next((c for c in inside if _is(Path.is_file, root / c)), inside[0])
    return PurePosixPath(found).relative_to("content")


def address(item: Item) -> str:
    """The item's address inside its kind's folder, as the sites publish it: a folder's
    index.md is the folder itself (leeracademie/index.md and leeracademie.md are both
    leeracademie/), and pages/index.md is the home page ('')."""
    if item.kind is Kind.PAGE and (item.slug == HOME_PAGE or item.slug.endswith("/index")):
        return item.slug.removesuffix(HOME_PAGE).removesuffix("/")
    return item.slug


def _check_addresses(items: list[Item], problems: Problems) -> None:
    """Two items at one address would silently leave one of them out; an item at an address
    courant makes itself likewise."""
    seen: dict[tuple[Kind, str], Item] = {}
    taken = {(item.kind, address(item)) for item in items}
    for item in items:
        key = (item.kind, address(item))
        other = seen.setdefault(key, item)
        if other is not item:
            # said of the file beside the folder, not of the folder's own index.md
            said, then = sorted((item, other), key=lambda i: i.slug.endswith("/index"))
            problems.add(str(said.source), _collision_message(said, then))
        fault = _reserved_fault(item, taken)
        if fault:
            problems.add(str(item.source), fault)


def _collision_message(item: Item, other: Item) -> str:
    if item.slug == other.slug:
        return (f"heeft dezelfde naam als {other.source}; het webadres komt uit de "
                "bestandsnaam, dus geef een van beide een andere bestandsnaam")
    return (f"krijgt hetzelfde webadres ({address(item)}/) als {other.source}, want een "
            "index.md is de pagina van zijn map; zet de tekst in een van beide en haal de "
            "andere weg, of geef dit bestand een andere naam")


def _reserved_fault(item: Item, taken: set[tuple[Kind, str]]) -> str | None:
    """A name courant uses itself, with a free one to take instead."""
    if item.kind is Kind.PAGE:
        root = item.slug.split("/")[0]
        if item.slug == HOME_PAGE or root not in RESERVED_PAGE_ROOTS:
            return None
        if "/" in item.slug:
            return (f"staat in de map '{root}', een naam die courant zelf al gebruikt voor een "
                    f"vaste pagina; geef de map een andere naam, bijvoorbeeld {root}-info/")
        free = _free_name(item, taken, RESERVED_PAGE_ROOTS)
        return (f"gebruikt de naam '{root}', die courant zelf al gebruikt voor een vaste "
                f"pagina; geef het bestand een andere naam, bijvoorbeeld {free}.md")
    if not LIST_PAGE.fullmatch(item.slug):
        return None
    free = _free_name(item, taken, set())
    return (f"gebruikt de naam '{item.slug}', die courant zelf al gebruikt voor de lijst van "
            f"alle stukken van deze soort; geef het bestand een andere naam, bijvoorbeeld "
            f"{free}.md")


def _free_name(item: Item, taken: set[tuple[Kind, str]], reserved: set[str]) -> str:
    """The title as a file name when that is free, else the name with a number."""
    def free(name: str) -> bool:
        return bool(name) and name not in reserved and not LIST_PAGE.fullmatch(name) \
            and (item.kind, name) not in taken
    stem = item.slug.rpartition("/")[2]
    return next(name for name in (slugify(item.title), *(f"{stem}-{n}" for n in range(2, 999)))
                if free(name))


def validate_issue(raw: RawSource, problems: Problems) -> Issue | None:
    file = str(raw.path)
    month = Month.parse(raw.path.stem)
    if month is None:
        problems.add(file, "heeft geen maand als naam; noem het bestand naar de maand van "
                     "het nummer, bijvoorbeeld newsletter/2026-12.md")
        return None
    errors = len(problems.errors)
    said = _check_keys(raw, IssueFront, problems) | _placeholders(raw, problems)
    front = _validate_model(IssueFront, raw.meta, file, problems, _raw_line_of(raw), None,
                            said)
    _check_passages(raw, None, None, problems)
    if front is None or len(problems.errors) > errors:
        return None
    title = front.title or f"Nieuwsbrief {wording.month(month.first_day)}"
    return Issue(raw.path, raw.path.stem, front.date, title, raw.body)


def _check_issue_dates(issues: list[Issue], raws: list[RawSource], problems: Problems) -> None:
    """Issues come out one at a time, in the order of their months: an item goes into the
    first issue dated on or after its own date, so two issues on one day, or a later month
    out before an earlier one, would silently give one of them the other's news."""
    lines = {raw.path: raw.line("date") for raw in raws}
    previous: Issue | None = None
    for issue in sorted(issues, key=lambda i: i.month):
        if previous is not None and issue.date <= previous.date:
            day, other = issue.date.isoformat(), previous.date.isoformat()
            fault = f"op {day} komt ook {previous.source} uit" if day == other else (
                f"{day} ligt vóór de datum van het nummer ervoor, {previous.source} ({other})")
            problems.add(str(issue.source), f"{fault}; elk nummer komt op een eigen dag uit, na "
                         "het nummer ervoor: controleer de datum van beide", key="date",
                         line=lines.get(issue.source))
        previous = issue if previous is None or issue.date > previous.date else previous


LinkToCheck = tuple[int, PurePosixPath | None, str, bool]
"""A relative link of a source: its line in the file, its target (relative to the project;
None for a path from the root, '/...'), the target as written, and whether it stands in a
staff-only passage."""
SourceLinks = Callable[[RawSource, Problems], tuple[LinkToCheck, ...]]


def _check_links(root: Path, raws: list[RawSource], by_source: dict[PurePosixPath, Item],
                 problems: Problems, links_of: SourceLinks | None = None) -> None:
    """Links to other sources must exist, and be in a form courant can rewrite; a link that
    some readers will see as text alone (to a staff-only item from partner-visible text, to a
    draft, to an item under embargo) warns (a newsletter's foreword is in both editions).
    `links_of`: source_links, or a memo of it (keyed by links_inputs)."""
    found_in = links_of or source_links
    now = clock.now().date()
    read = {raw.path for raw in raws}  # files just read: there, and sources (no fault)
    for raw in raws:
        item = by_source.get(raw.path)
        public = raw.kind is None or (item is not None and item.audience is not Audience.STAFF)
        for line, target, written, staff_only in found_in(raw, problems):
            if target is None:
                problems.add(str(raw.path), f'de link naar "{written}" begint met een /, '
                             "dus courant weet niet naar welk stuk hij wijst: lezers zien "
                             "alleen de linktekst; schrijf het pad vanaf dit bestand naar het "
                             "bronbestand, of een volledig webadres (https://...)",
                             line=line, warning=True)
                continue
            fault = None if target in read else _link_fault(root, target, written)
            if fault:
                problems.add(str(raw.path), fault[0], line=line, warning=fault[1])
                continue
            hidden = _hidden_from(by_source.get(target), public and not staff_only, now)
            if hidden:
                problems.add(str(raw.path), f'de link naar "{written}" gaat naar {hidden}',
                             line=line, warning=True)


TextLinks = tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str, bool], ...]]
"""Of a Markdown text: the links in a form courant cannot rewrite (line in the text, as
written), and its relative links (line, target as written, in a staff-only passage)."""


def text_links(body: str) -> TextLinks:
    """What source_links finds in a text, from the text alone (and the Markdown extensions
    the sites render with), so that a second process can find it ahead (build/warmup.py)."""
    staff_lines = passages.read(body)
    return (tuple((link.line, link.text) for link in unresolvable(body)),
            tuple((link.line, link.target, staff_lines.holds(link.line))
                  for link in find_links(body)))


def source_links(raw: RawSource, problems: Problems,
                 links_in: Callable[[str], TextLinks] = text_links) -> tuple[LinkToCheck, ...]:
    """The relative links of one source, in the order written, for _check_links to look up;
    a link in a form courant cannot rewrite is said here. `links_in`: text_links, or what
    gives the same."""
    unsafe, links = links_in(raw.body)
    for line, written in unsafe:
        problems.add(str(raw.path), unresolvable_message(written), line=raw.body_line + line - 1)
    folder = posixpath.dirname(str(raw.path))
    return tuple((raw.body_line + line - 1,
                  None if target.startswith("/") else PurePosixPath(
                      posixpath.normpath(posixpath.join(folder, target))),
                  target, staff_only) for line, target, staff_only in links)


def links_inputs(raw: RawSource) -> str:
    """All that source_links reads besides `raw` itself (for a memo of it, build/cache.py):
    the Markdown extensions the sites render with, by which links are found and proven."""
    return repr(dialect())


def _check_passages(raw: RawSource, audience: Audience | None, summary: str | None,
                    problems: Problems) -> None:
    """Staff-only passages of an item (`audience`) or a foreword (None: in both editions). A
    malformed one is an error where partners read the text (it could show them what is for
    staff; nothing of the file is published), a warning in a staff item, where a passage
    means nothing at all."""
    if not passages.may_have(raw.body):
        return
    file, staff = str(raw.path), audience is Audience.STAFF
    reading = passages.read(raw.body)
    for fault in reading.faults:
        problems.add(file, fault.message, line=raw.body_line + fault.line - 1, warning=staff)
    if staff:
        for passage in reading.passages:
            problems.add(file, STAFF_ITEM_PASSAGE, line=raw.body_line + passage.opening - 1,
                         warning=True)
        return
    if reading.faults:
        return
    try:
        kept = passages.for_partners(raw.body)
    except passages.Unsafe as unsafe:
        for fault in unsafe.faults:
            problems.add(file, fault.message, line=raw.body_line + fault.line - 1)
        return
    if audience is not None and reading.passages and not kept.strip():
        seen = "de titel en de samenvatting" if summary else "de titel"
        problems.add(file, f"alle tekst staat in een blok voor medewerkers: partners zien "
                     f"alleen {seen}; zet er een alinea voor partners buiten het blok, of maak "
                     "het stuk audience: staff",
                     line=raw.body_line + reading.passages[0].opening - 1, warning=True)


STAFF_ITEM_PASSAGE = ("dit stuk is al alleen voor medewerkers (audience: staff), dus het blok "
                      "\u2018::: medewerkers\u2019 betekent hier niets; haal de regels "
                      "\u2018::: medewerkers\u2019 en \u2018:::\u2019 weg, of geef het stuk "
                      "audience: all als partners de rest mogen lezen")


def _hidden_from(linked: Item | None, public: bool, now: date) -> str | None:
    """Why some readers of the linking text will see the link as its text alone."""
    if linked is None:
        return None
    if public and linked.audience is Audience.STAFF:
        return "een stuk alleen voor medewerkers; partners zien alleen de linktekst"
    if linked.draft:
        return "een concept; lezers zien alleen de linktekst zolang het een concept is"
    if linked.date is not None and linked.date > now:
        return (f"een stuk dat pas op {linked.date.isoformat()} verschijnt; tot dan zien "
                "lezers alleen de linktekst")
    return None


def _link_fault(root: Path, target: PurePosixPath, written: str) -> tuple[str, bool] | None:
    """What is wrong with a relative link's target (relative to the project), if anything,
    and whether that is only a warning (the link is then shown as its text alone)."""
    inside = target.parts[:1] == ("content",) or (
        target.parts[:1] == ("newsletter",) and len(target.parts) == 2)
    if not _is(Path.exists, root / target):
        if "%" in written and _is(Path.exists, root / unquote(str(target))):
            return (f'de link naar "{written}" gebruikt %-codes (zoals %20 voor een spatie); '
                    "geef het bestand een naam zonder spaties en link er zonder %-codes naar",
                    False)
        return (f'de link naar "{written}" wijst naar een bestand dat niet bestaat; controleer '
                "de naam en de map (de link is relatief aan dit bestand)", False)
    if not inside:
        return (f'de link naar "{written}" wijst buiten content/ en wordt niet gepubliceerd: '
                "lezers zien alleen de linktekst; link naar een bestand in content/ (zet een "
                "document in content/media/)", True)
    if (root / target).is_dir():
        return (f'de link naar "{written}" wijst naar een map; link naar een bestand in die '
                "map, bijvoorbeeld een .md-bestand", False)
    if target.parts[:1] == ("content",) and target.suffix.lower() != ".md":
        fault = file_type_fault(written, target.suffix)
        if fault:
            return f"de link naar {fault}", False
    return None


def _check_issue_keys(items: list[Item], dates: dict[str, date], raws: list[RawSource],
                      problems: Problems) -> None:
    """`issue:` should name an issue that exists, and that does not come out before the item's
    own date (the item would appear in it only later, after the issue was sent)."""
    lines = {raw.path: raw.line("issue") for raw in raws}
    for item in items:
        if not item.issue:
            continue
        line = lines.get(item.source)
        if item.kind not in NEWS_KINDS:
            what = "een agenda-item komt in de nieuwsbrief via de agenda van het nummer" \
                if item.kind is Kind.EVENT else "een pagina komt nooit in de nieuwsbrief"
            problems.add(str(item.source), f"doet hier niets: {what}; laat de regel weg",
                         key="issue", line=line, warning=True)
            continue
        if item.issue not in dates:
            problems.add(str(item.source), f'"{item.issue}" heeft (nog) geen nieuwsbrief; het '
                         f"stuk verschijnt pas als newsletter/{item.issue}.md er is",
                         key="issue", line=line, warning=True)
        elif item.date is not None and dates[item.issue] < item.date:
            out = dates[item.issue]
            problems.add(str(item.source), f'de nieuwsbrief "{item.issue}" verschijnt op '
                         f"{out.isoformat()}, vóór de datum van dit stuk "
                         f"({item.date.isoformat()}); het stuk staat er pas in nadat die al "
                         "verstuurd is: kies een latere nieuwsbrief of een eerdere datum",
                         key="issue", line=line, warning=True)
