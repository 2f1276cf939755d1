"""RawSource -> the content model, collecting every problem of every file in one pass."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
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
from courant.model import (
    HOME_PAGE,
    NEWS_KINDS,
    Audience,
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
    Update,
)
from courant.problems import Problems
from courant.read.files import IMAGE_SUFFIXES, RawSource, Sources, file_type_fault
from courant.read.schema import (
    FRONT_BY_KIND,
    DepartmentFront,
    EventFront,
    InterviewFront,
    IssueFront,
    ItemFront,
    ReadingFront,
    UpdateFront,
    ambiguous_message,
    is_ambiguous,
    message_for,
    parse_moment,
    written_offset,
)

RESERVED_PAGE_ROOTS = {"index", "nieuws", "afdelingen", "collega-in-beeld", "agenda",
                       "boekenkast", "nieuwsbrief", "wie-benader-je-waarvoor", "media",
                       "toegankelijkheid", "assets", "search", "feed", "rss", "agenda-ics"}
LIST_PAGE = re.compile(r"index|pagina-\d+")
"""The names of the list pages courant makes in each folder (nieuws/, nieuws/pagina-2/)."""


def validate(root: Path, sources: Sources, problems: Problems) -> Content:
    """Turn what was read into the model; problems are added, never raised here."""
    departments = validate_departments(sources.departments, sources.departments_lines, problems)
    keys = tuple(d.key for d in departments)
    items = [item for raw in sources.items if (item := validate_item(root, raw, keys, problems))]
    _check_addresses(items, problems)
    issues = [issue for raw in sources.issues if (issue := validate_issue(raw, problems))]
    _check_issue_dates(issues, sources.issues, problems)
    by_source = {item.source: item for item in items}
    _check_links(root, [*sources.items, *sources.issues], by_source, problems)
    _check_issue_keys(items, {i.month: i.date for i in issues}, sources.items, problems)
    return Content(tuple(departments), tuple(items), tuple(sorted(issues, key=lambda i: i.date)),
                   by_source)


def validate_departments(data: Any, lines: dict[str, int], problems: Problems) -> list[Department]:
    name = "content/departments.yml"
    if data is None:
        problems.add(name, "is leeg; zet er de afdelingen in, elk als '- key: wi' met "
                     "daaronder '  name: Werk en Inkomen'")
        return []
    if not isinstance(data, list):
        problems.add(name, "moet een lijst van afdelingen zijn; begin elke afdeling met "
                     "'- key: ...' en zet 'name: ...' eronder", line=1)
        return []
    departments: list[Department] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        front = _validate_model(DepartmentFront, entry, name, problems,
                                partial(_department_line, lines, index))
        if front is None:
            continue
        line = lines.get(f"{index}.key")
        if front.key in seen:
            problems.add(name, f'"{front.key}" staat er twee keer in (ook op regel '
                         f"{seen[front.key]}); geef elke afdeling een eigen key", key="key",
                         line=line)
            continue
        seen[front.key] = line or 0
        departments.append(Department(front.key, front.name, front.email, front.phone,
                                      front.description or "", front.topics))
    return departments


def _department_line(lines: dict[str, int], index: int, loc: list[str],
                     _missing: bool) -> int | None:
    """The line of a key of the index-th department, else of the department itself."""
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
                    line_of: LineOf, context: dict[str, Any] | None = None) -> Any:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        for error in err.errors():
            loc = [str(p) for p in error["loc"]]
            problems.add(file, message_for(dict(error), model), key=".".join(loc) or None,
                         line=line_of(loc, error["type"] == "missing"))
        return None


def validate_item(root: Path, raw: RawSource, keys: tuple[str, ...],
                  problems: Problems) -> Item | None:
    """One item; the checks between keys run even when the schema found problems, so that
    one `courant check` reports everything that is wrong with the file."""
    assert raw.kind is not None
    file = str(raw.path)
    model = FRONT_BY_KIND[raw.kind]
    _warn_unknown_keys(raw, model, problems)
    front = _validate_model(model, raw.meta, file, problems, _raw_line_of(raw),
                            {"departments": keys})
    errors = len(problems.errors)
    image = _check_image(root, raw, problems)
    if raw.kind is Kind.READING:
        _check_reading_link(raw, problems)
    if raw.kind is Kind.EVENT:
        _check_event_end(raw, problems)
    if front is not None:
        _check_passages(raw, front.audience, front.summary, problems)
    if front is None or len(problems.errors) > errors:
        return None
    common: dict[str, Any] = {
        "source": raw.path, "slug": _slug(raw), "title": front.title, "body": raw.body,
        "date": front.date, "audience": front.audience, "summary": front.summary,
        "authors": front.authors, "tags": front.tags, "issue": front.issue,
        "draft": front.draft,
        "image": Image(image, front.image_alt) if image and front.image_alt else None,
    }
    return _build_item(raw, front, common)


def _build_item(raw: RawSource, front: ItemFront, common: dict[str, Any]) -> Item:
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
                     cancelled=front.cancelled, **common)
    if isinstance(front, ReadingFront):
        return ReadingTip(reading_kind=front.kind, creator=front.creator, link=front.link,
                          **common)
    section = PurePosixPath(*raw.path.parts[2:-1]) if len(raw.path.parts) > 3 else PurePosixPath()
    return Page(section=section, **common)


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


def _warn_unknown_keys(raw: RawSource, model: type[BaseModel], problems: Problems) -> None:
    known = list(model.model_fields)
    for key in raw.meta:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"bedoel je '{close[0]}'?" if close else "courant doet er niets mee"
        problems.add(str(raw.path), f"is geen sleutel die courant kent; {hint}", key=key,
                     line=raw.line(key), warning=True)


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
    _warn_unknown_keys(raw, IssueFront, problems)
    front = _validate_model(IssueFront, raw.meta, file, problems, _raw_line_of(raw))
    errors = len(problems.errors)
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


def _check_links(root: Path, raws: list[RawSource], by_source: dict[PurePosixPath, Item],
                 problems: Problems) -> None:
    """Links to other sources must exist, and be in a form courant can rewrite; a link that
    some readers will see as text alone (to a staff-only item from partner-visible text, to a
    draft, to an item under embargo) warns (a newsletter's foreword is in both editions)."""
    now = clock.now().date()
    for raw in raws:
        item = by_source.get(raw.path)
        public = raw.kind is None or (item is not None and item.audience is not Audience.STAFF)
        staff_lines = passages.read(raw.body)
        for link in unresolvable(raw.body):
            problems.add(str(raw.path), unresolvable_message(link.text),
                         line=raw.body_line + link.line - 1)
        for link in find_links(raw.body):
            line = raw.body_line + link.line - 1
            if link.target.startswith("/"):
                problems.add(str(raw.path), f'de link naar "{link.target}" begint met een /, '
                             "dus courant weet niet naar welk stuk hij wijst: lezers zien alleen "
                             "de linktekst; schrijf het pad vanaf dit bestand naar het "
                             "bronbestand, of een volledig webadres (https://...)",
                             line=line, warning=True)
                continue
            target = PurePosixPath(posixpath.normpath(
                posixpath.join(posixpath.dirname(str(raw.path)), link.target)))
            fault = _link_fault(root, target, link.target)
            if fault:
                problems.add(str(raw.path), fault[0], line=line, warning=fault[1])
                continue
            hidden = _hidden_from(by_source.get(target), public and not staff_lines.holds(
                link.line), now)
            if hidden:
                problems.add(str(raw.path), f'de link naar "{link.target}" gaat naar {hidden}',
                             line=line, warning=True)


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
