"""RawSource -> the content model, collecting every problem of every file in one pass."""

from __future__ import annotations

import difflib
import posixpath
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError
from slugify import slugify

from courant.markup import relative_links
from courant.model import (
    Audience,
    Content,
    Department,
    Event,
    Image,
    Interview,
    Issue,
    Item,
    Kind,
    Page,
    Person,
    ReadingKind,
    ReadingTip,
    Update,
)
from courant.problems import Problems
from courant.schema import (
    FRONT_BY_KIND,
    DepartmentFront,
    EventFront,
    InterviewFront,
    IssueFront,
    ItemFront,
    ReadingFront,
    UpdateFront,
    message_for,
)
from courant.sources import ISSUE_NAME, RawSource, Sources

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
RESERVED_PAGE_ROOTS = {"index", "nieuws", "afdelingen", "collega-in-beeld", "agenda",
                       "boekenkast", "nieuwsbrief", "wie-benader-je-waarvoor", "media",
                       "toegankelijkheid", "assets", "search", "feed", "rss", "agenda-ics"}


def validate(root: Path, sources: Sources, problems: Problems) -> Content:
    """Turn what was read into the model; problems are added, never raised here."""
    departments = validate_departments(sources.departments, sources.departments_lines, problems)
    keys = tuple(d.key for d in departments)
    items = [item for raw in sources.items if (item := validate_item(root, raw, keys, problems))]
    _check_unique_slugs(items, problems)
    issues = [issue for raw in sources.issues if (issue := validate_issue(raw, problems))]
    by_source = {item.source: item for item in items}
    body_lines = {raw.path: raw.body_line for raw in sources.items}
    _check_links(root, items, by_source, body_lines, problems)
    _check_issue_keys(items, {i.month for i in issues}, sources.items, problems)
    return Content(tuple(departments), tuple(items), tuple(sorted(issues, key=lambda i: i.date)),
                   by_source)


def validate_departments(data: Any, lines: dict[str, int], problems: Problems) -> list[Department]:
    name = "content/departments.yml"
    if not isinstance(data, list):
        if data is not None or lines:
            problems.add(name, "moet een lijst van afdelingen zijn; begin elke afdeling met "
                         "'- key: ...' en 'name: ...' eronder", line=1)
        return []
    departments: list[Department] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        front = _validate_model(DepartmentFront, entry, name, problems,
                                lambda key, i=index: lines.get(f"{i}.{key}", lines.get(str(i))))
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


def _validate_model(model: type[BaseModel], data: Any, file: str, problems: Problems,
                    line_of: Any, context: dict[str, Any] | None = None) -> Any:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        for error in err.errors():
            loc = [str(p) for p in error["loc"]]
            problems.add(file, message_for(dict(error)), key=".".join(loc) or None,
                         line=line_of(loc[0]) if loc else None)
        return None


def validate_item(root: Path, raw: RawSource, keys: tuple[str, ...],
                  problems: Problems) -> Item | None:
    assert raw.kind is not None
    file = str(raw.path)
    model = FRONT_BY_KIND[raw.kind]
    _warn_unknown_keys(raw, model, problems)
    front = _validate_model(model, raw.meta, file, problems, raw.line, {"departments": keys})
    if front is None:
        return None
    image = _resolve_image(root, raw, front, problems)
    common: dict[str, Any] = {
        "source": raw.path, "slug": _slug(raw), "title": front.title, "body": raw.body,
        "date": front.date, "audience": front.audience, "summary": front.summary,
        "authors": front.authors, "tags": front.tags, "issue": front.issue,
        "draft": front.draft, "image": image,
    }
    return _build_item(raw, front, common, problems)


def _build_item(raw: RawSource, front: ItemFront, common: dict[str, Any],
                problems: Problems) -> Item | None:
    if isinstance(front, UpdateFront):
        return Update(department=front.department, **common)
    if isinstance(front, InterviewFront):
        person = Person(front.person.name, front.person.role, front.person.department)
        return Interview(person=person, consent=front.consent, **common)
    if isinstance(front, EventFront):
        return _build_event(raw, front, common, problems)
    if isinstance(front, ReadingFront):
        if front.link is None and front.kind is not ReadingKind.BOOK:
            problems.add(str(raw.path), f"ontbreekt; een tip van de soort {front.kind.value} "
                         "heeft een webadres nodig, bijvoorbeeld "
                         "'link: https://www.voorbeeld.nl/artikel'", key="link",
                         line=raw.line("kind"))
            return None
        return ReadingTip(reading_kind=front.kind, creator=front.creator, link=front.link,
                          **common)
    section = PurePosixPath(*raw.path.parts[2:-1]) if len(raw.path.parts) > 3 else PurePosixPath()
    return Page(section=section, **common)


def _build_event(raw: RawSource, front: EventFront, common: dict[str, Any],
                 problems: Problems) -> Event | None:
    start, end = front.start, front.end
    if end is None:
        end = start + timedelta(hours=1) if isinstance(start, datetime) else start
    elif isinstance(start, datetime) != isinstance(end, datetime):
        problems.add(str(raw.path), "gebruikt een andere vorm dan start; schrijf beide met "
                     "tijd (\"2026-11-24 15:00\") of beide als hele dag (2026-11-24)",
                     key="end", line=raw.line("end"))
        return None
    elif _before(end, start):
        problems.add(str(raw.path), "ligt vóór start; het einde moet op of na het begin liggen",
                     key="end", line=raw.line("end"))
        return None
    return Event(start=start, end=end, location=front.location, online=front.online,
                 registration=front.registration, series=front.series,
                 cancelled=front.cancelled, **common)


def _before(end: datetime | date, start: datetime | date) -> bool:
    return end < start  # type: ignore[operator]


def _slug(raw: RawSource) -> str:
    if raw.kind is Kind.PAGE:
        rel = PurePosixPath(*raw.path.parts[2:]).with_suffix("")
        return "/".join(slugify(part) or "pagina" for part in rel.parts)
    return slugify(raw.path.stem) or "stuk"


def _warn_unknown_keys(raw: RawSource, model: type[ItemFront], problems: Problems) -> None:
    known = list(model.model_fields)
    for key in raw.meta:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"bedoel je '{close[0]}'?" if close else "courant doet er niets mee"
        problems.add(str(raw.path), f"is geen sleutel die courant kent; {hint}", key=key,
                     line=raw.line(key), warning=True)


def _resolve_image(root: Path, raw: RawSource, front: ItemFront,
                   problems: Problems) -> Image | None:
    file = str(raw.path)
    if front.image is None:
        if front.image_alt is not None:
            problems.add(file, "staat er zonder image; voeg de afbeelding toe of laat "
                         "image_alt weg", key="image_alt", line=raw.line("image_alt"),
                         warning=True)
        return None
    target = resolve_content_path(root, raw.path, front.image)
    if target is None:
        problems.add(file, f'"{front.image}" wijst naar een plek buiten content/; zet de '
                     "afbeelding in content/media/ en schrijf alleen de bestandsnaam",
                     key="image", line=raw.line("image"))
        return None
    if not (root / "content" / target).is_file():
        problems.add(file, f'"{front.image}" bestaat niet; zet het bestand in content/media/ '
                     "of controleer de naam (hoofdletters tellen mee)", key="image",
                     line=raw.line("image"))
        return None
    if front.image_alt is None:
        problems.add(file, "ontbreekt; beschrijf in een zin wat er op de afbeelding te zien "
                     "is, bijvoorbeeld 'image_alt: Collega's aan tafel tijdens de "
                     "Spotlights-sessie'", key="image_alt", line=raw.line("image"))
        return None
    return Image(target, front.image_alt)


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
    found = next((c for c in inside if (root / c).is_file()), inside[0])
    return PurePosixPath(found).relative_to("content")


def _check_unique_slugs(items: list[Item], problems: Problems) -> None:
    seen: dict[tuple[Kind, str], Item] = {}
    for item in items:
        key = (item.kind, item.slug)
        if key in seen:
            problems.add(str(item.source), f"heeft dezelfde naam als {seen[key].source}; het "
                         "webadres komt uit de bestandsnaam, dus geef een van beide een "
                         "andere bestandsnaam")
        else:
            seen[key] = item
        if item.kind is Kind.PAGE and item.slug.split("/")[0] in RESERVED_PAGE_ROOTS:
            problems.add(str(item.source), f"gebruikt de naam '{item.slug.split('/')[0]}', die "
                         "courant zelf al gebruikt voor een vaste pagina; kies een andere "
                         "bestands- of mapnaam")


def validate_issue(raw: RawSource, problems: Problems) -> Issue | None:
    file = str(raw.path)
    match = ISSUE_NAME.match(raw.path.stem)
    if not match or not 1 <= int(match.group(2)) <= 12:
        problems.add(file, "heeft geen maand als naam; noem het bestand naar de maand van "
                     "het nummer, bijvoorbeeld newsletter/2026-12.md")
        return None
    front = _validate_model(IssueFront, raw.meta, file, problems, raw.line)
    if front is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    title = front.title or f"Nieuwsbrief {MONTHS[month - 1]} {year}"
    return Issue(raw.path, raw.path.stem, front.date, title, raw.body)


def _check_links(root: Path, items: list[Item], by_source: dict[PurePosixPath, Item],
                 body_lines: dict[PurePosixPath, int], problems: Problems) -> None:
    """Links to other sources must exist; a partner item linking to staff-only text warns."""
    for item in items:
        for link in relative_links(item.body):
            target = PurePosixPath(posixpath.normpath(
                posixpath.join(posixpath.dirname(str(item.source)), link.target)))
            line = body_lines[item.source] + link.line - 1
            if not (root / target).exists():
                problems.add(str(item.source), f'de link naar "{link.target}" wijst naar een '
                             "bestand dat niet bestaat; controleer de naam en de map "
                             "(de link is relatief aan dit bestand)", line=line)
                continue
            linked = by_source.get(target)
            if linked and item.audience is not Audience.STAFF \
                    and linked.audience is Audience.STAFF:
                problems.add(str(item.source), f'de link naar "{link.target}" gaat naar een stuk '
                             "alleen voor medewerkers; partners zien alleen de linktekst",
                             line=line, warning=True)


def _check_issue_keys(items: list[Item], months: set[str], raws: list[RawSource],
                      problems: Problems) -> None:
    lines = {raw.path: raw.line("issue") for raw in raws}
    for item in items:
        if item.issue and item.issue not in months:
            problems.add(str(item.source), f"{item.issue} heeft (nog) geen nieuwsbrief; het "
                         f"stuk verschijnt pas als newsletter/{item.issue}.md er is",
                         key="issue", line=lines.get(item.source), warning=True)

