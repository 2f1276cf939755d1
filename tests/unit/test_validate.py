"""read/validate.py + read/schema.py: every rule of the editors' contract, each message word for
word.

The cases live in tests/fixtures/broken/ (see tests/projects.py): a file with one mistake beside
the exact lines `courant check` must print for it: file, line, key, what is wrong, what to write.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

import pytest

from courant.build import pipeline
from courant.clock import AMSTERDAM
from courant.model import (
    Audience,
    Event,
    Interview,
    Kind,
    Page,
    Person,
    ReadingKind,
    ReadingTip,
    Update,
)
from courant.problems import ContentError, Problem, Problems, Severity
from projects import (
    BROKEN,
    all_cases,
    case_id,
    expected_of,
    place_case,
    problems_of,
    single_file_cases,
    tiny_project,
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return tiny_project(tmp_path / "p")


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_the_tiny_project_is_clean(tiny: Path) -> None:
    assert problems_of(tiny) == []


@pytest.mark.parametrize("case", all_cases(), ids=case_id)
def test_broken_case(case: Path, tiny: Path) -> None:
    place_case(case, tiny)
    assert problems_of(tiny) == expected_of(case)


def test_every_case_has_its_expected_messages() -> None:
    cases = {c.with_suffix("") for c in all_cases()}
    expected = {e.with_suffix("") for e in BROKEN.rglob("*.expected")}
    assert cases == expected
    assert len(cases) >= 60


def test_one_pass_reports_every_file(tiny: Path) -> None:
    """All single-file cases at once: one check reports each case's messages, none lost."""
    cases = single_file_cases()
    for case in cases:
        place_case(case, tiny)
    wanted = sorted(line for case in cases for line in expected_of(case))
    assert sorted(problems_of(tiny)) == wanted
    assert len({line.split(":")[0] for line in wanted}) > 50  # messages from over 50 files


def test_errors_stop_warnings_do_not(tiny: Path) -> None:
    place_case(BROKEN / "updates" / "image-alt-without-image.md", tiny)
    place_case(BROKEN / "agenda" / "clock-goes-back.md", tiny)
    warnings = pipeline.check(pipeline.Project(tiny))
    assert [w.severity for w in warnings] == [Severity.WARNING, Severity.WARNING]
    place_case(BROKEN / "updates" / "x.md", tiny)
    with pytest.raises(ContentError) as raised:
        pipeline.check(pipeline.Project(tiny))
    assert [p.severity for p in raised.value.problems] == [
        Severity.WARNING, Severity.WARNING, Severity.ERROR]  # warnings are shown too


def test_the_message_names_file_line_and_key() -> None:
    problem = Problem("content/updates/x.md", '"wijk" is geen afdeling; kies uit wi, smsr, mo, '
                      "jos", key="department", line=3)
    assert str(problem) == ('content/updates/x.md:3: department: "wijk" is geen afdeling; '
                            "kies uit wi, smsr, mo, jos")
    assert str(Problem("newsletter/x.md", "heeft geen maand als naam")) == \
        "newsletter/x.md: heeft geen maand als naam"


def test_problems_are_sorted_by_file_and_line() -> None:
    problems = Problems()
    problems.add("content/b.md", "twee", line=9)
    problems.add("content/a.md", "drie", line=12)
    problems.add("content/a.md", "een", line=2)
    assert [str(p) for p in problems.sorted()] == [
        "content/a.md:2: een", "content/a.md:12: drie", "content/b.md:9: twee"]


def test_departments_file_missing(tiny: Path) -> None:
    (tiny / "content" / "departments.yml").unlink()
    write(tiny, "content/updates/nieuws.md",
          "---\ntitle: Nieuws\ndate: 2026-11-02\ndepartment: wi\n---\nTekst.\n")
    assert problems_of(tiny) == [
        "content/departments.yml: ontbreekt; maak het aan met een lijst van afdelingen "
        "(key, name) zoals in de handleiding",
        'content/updates/nieuws.md:4: department: "wi" is geen afdeling: '
        "content/departments.yml bevat nog geen (goede) afdelingen; vul dat bestand eerst",
    ]


def test_departments_file_not_utf8(tiny: Path) -> None:
    (tiny / "content" / "departments.yml").write_bytes(b"- key: wi\n  name: Caf\xe9\n")
    assert problems_of(tiny)[0] == ("content/departments.yml: is geen UTF-8-tekst; sla het "
                                    "bestand op als UTF-8")


def test_draft_interview_still_needs_consent(tiny: Path) -> None:
    write(tiny, "content/interviews/kees.md", "---\ntitle: Kees\ndate: 2026-11-02\n"
          "draft: true\nperson:\n  name: Kees\nconsent: false\n---\nTekst.\n")
    assert problems_of(tiny) == [
        "content/interviews/kees.md:7: consent: staat op false; zonder toestemming van de "
        "collega wordt een interview niet gepubliceerd: schrijf consent: true zodra de collega "
        "toestemming gaf, en haal het bestand tot dan uit content/"]


def test_front_matter_lines_count_blank_lines_and_windows_line_ends(tiny: Path) -> None:
    write(tiny, "content/updates/a.md",
          "---\n\n\ntitle: A\ndepartment: wijk\ndate: 2026-11-02\n---\nTekst.\n")
    write(tiny, "content/updates/b.md",
          b"---\r\ntitle: B\r\ndate: 2026-11-02\r\ndepartment: wijk\r\n---\r\nTekst.\r\n")
    assert [p.split(" ")[0] for p in problems_of(tiny)] == [
        "content/updates/a.md:5:", "content/updates/b.md:4:"]


def test_byte_order_mark_is_fine(tiny: Path) -> None:
    write(tiny, "content/updates/bom.md",
          "\ufeff---\ntitle: Met BOM\ndate: 2026-11-02\ndepartment: wi\n---\nTekst.\n"
        .encode())
    assert problems_of(tiny) == []


def test_markdown_files_with_another_suffix_and_unknown_folders_warn(tiny: Path) -> None:
    write(tiny, "content/updates/nieuws.markdown", "---\ntitle: A\n---\n")
    write(tiny, "content/nieuws/oud.md", "---\ntitle: A\n---\n")
    write(tiny, "content/los.md", "---\ntitle: A\n---\n")
    write(tiny, "content/plaatjes/foto.txt", "geen Markdown")
    assert problems_of(tiny) == [
        "content/los.md: (waarschuwing) staat direct in content/; zet het in updates/, "
        "interviews/, agenda/, reading/ of pages/, zodat courant weet wat voor stuk het is",
        "content/nieuws: (waarschuwing) is een map die courant niet kent: de stukken erin "
        "worden niet gepubliceerd; zet ze in updates/, interviews/, agenda/, reading/ of pages/",
        "content/updates/nieuws.markdown: (waarschuwing) wordt niet gelezen: alleen bestanden "
        "die op '.md' eindigen tellen mee; hernoem het naar nieuws.md",
    ]


def test_hidden_and_backup_files_are_not_sources(tiny: Path) -> None:
    write(tiny, "content/updates/._nieuws.md", b"\x00\x05\x16\x07 Mac OS X")
    write(tiny, "content/updates/.obsidian/notities.md", "geen front matter")
    write(tiny, "content/updates/~nieuws.md", "geen front matter")
    write(tiny, "newsletter/.2026-12.md", "geen front matter")
    assert problems_of(tiny) == []


def test_check_does_not_stop_at_a_file_that_cannot_be_read(tiny: Path) -> None:
    """A file that is not UTF-8 and one with a YAML error: the other files are still checked."""
    place_case(BROKEN / "updates" / "not-utf8.md", tiny)
    place_case(BROKEN / "updates" / "yaml-tab.md", tiny)
    place_case(BROKEN / "agenda" / "end-before-start.md", tiny)
    assert [p.split(":")[0] for p in problems_of(tiny)] == [
        "content/agenda/end-before-start.md", "content/updates/not-utf8.md",
        "content/updates/yaml-tab.md"]


# --- what a valid file becomes ------------------------------------------------------------


def load(root: Path) -> pipeline.Loaded:
    return pipeline.load(pipeline.Project(root))


def test_valid_items_become_the_model(tiny: Path) -> None:
    write(tiny, "content/updates/2026/Nieuwe Werkwijze.md",
          "---\ntitle: Nieuwe <werkwijze> & \"zo\"\ndate: 2026-11-02\ndepartment: wi\n"
          "audience: partners\ntags: intake\nauthors: [Anna de Vries, Omar Yilmaz]\n"
          "image: ../../media/foto.png\nimage_alt: Twee collega's\n---\nTekst.\n")
    write(tiny, "content/interviews/kees.md", "---\ntitle: Kees\ndate: 2026-11-02\n"
          "person:\n  name: Kees Jansen\n  role: Schuldhulpverlener\n  department: smsr\n"
          "consent: true\nimage: foto.png\nimage_alt: Kees aan zijn bureau\n---\nTekst.\n")
    write(tiny, "content/reading/schaarste.md", "---\ntitle: Schaarste\ndate: 2026-11-02\n"
          "kind: book\n---\nTekst.\n")
    write(tiny, "content/pages/leeracademie/trainingen.md", "---\ntitle: Trainingen\n---\nT.\n")
    content = load(tiny).content
    by_slug = {item.slug: item for item in content.items}
    update = by_slug["nieuwe-werkwijze"]
    assert isinstance(update, Update)
    assert update.title == 'Nieuwe <werkwijze> & "zo"'  # as written: escaping is the renderer's
    assert update.source == PurePosixPath("content/updates/2026/Nieuwe Werkwijze.md")
    assert (update.department, update.audience, update.date) == ("wi", Audience.PARTNERS,
                                                                date(2026, 11, 2))
    assert update.tags == ("intake",)
    assert update.authors == ("Anna de Vries", "Omar Yilmaz")
    assert update.image is not None
    assert update.image.path == PurePosixPath("media/foto.png")
    interview = by_slug["kees"]
    assert isinstance(interview, Interview)
    assert interview.person == Person("Kees Jansen", "Schuldhulpverlener", "smsr")
    assert interview.image is not None
    assert interview.image.path == PurePosixPath("media/foto.png")  # found in content/media/
    assert interview.audience is Audience.STAFF  # the default
    tip = by_slug["schaarste"]
    assert isinstance(tip, ReadingTip)
    assert (tip.reading_kind, tip.link) == (ReadingKind.BOOK, None)
    page = by_slug["leeracademie/trainingen"]
    assert isinstance(page, Page)
    assert page.section == PurePosixPath("leeracademie")
    assert page.kind is Kind.PAGE


@pytest.mark.parametrize(("start", "end", "first", "last"), [
    ("2026-11-24 15:00", None, datetime(2026, 11, 24, 15, 0, tzinfo=AMSTERDAM),
     datetime(2026, 11, 24, 16, 0, tzinfo=AMSTERDAM)),
    ("2026-11-24 9:30", "2026-11-24 11:00", datetime(2026, 11, 24, 9, 30, tzinfo=AMSTERDAM),
     datetime(2026, 11, 24, 11, 0, tzinfo=AMSTERDAM)),
    ("2026-11-24", None, date(2026, 11, 24), date(2026, 11, 24)),
    ("2026-11-23", "2026-11-27", date(2026, 11, 23), date(2026, 11, 27)),
    ("2026-11-24 15:00", "2026-11-24 15:00", datetime(2026, 11, 24, 15, 0, tzinfo=AMSTERDAM),
     datetime(2026, 11, 24, 15, 0, tzinfo=AMSTERDAM)),
])
def test_event_times(tiny: Path, start: str, end: str | None, first: object,
                     last: object) -> None:
    lines = f"start: {start}\n" + (f"end: {end}\n" if end else "")
    write(tiny, "content/agenda/spotlights.md", f"---\ntitle: Spotlights\n{lines}---\nT.\n")
    (event,) = load(tiny).content.items
    assert isinstance(event, Event)
    assert (event.start, event.end) == (first, last)
    assert event.all_day is (not isinstance(first, datetime))


def test_yaml_words_are_taken_as_the_editor_wrote_them(tiny: Path) -> None:
    """YAML 1.1 would turn `no` into False, `yes` into True and dates into date objects."""
    write(tiny, "content/updates/ja.md", "---\ntitle: yes\ndate: 2026-11-02\ndepartment: wi\n"
          "tags: [no, on, 2026-11-02]\n---\nT.\n")
    (item,) = load(tiny).content.items
    assert item.title == "yes"
    assert item.tags == ("no", "on", "2026-11-02")


def test_newsletter_issue_title_default_and_own(tiny: Path) -> None:
    write(tiny, "newsletter/2026-12.md", "---\ndate: 2026-12-17\ntitle: Kerstnummer\n---\nV.\n")
    issues = load(tiny).content.issues
    assert [(i.month, i.title, i.date) for i in issues] == [
        ("2026-11", "Nieuwsbrief november 2026", date(2026, 11, 26)),
        ("2026-12", "Kerstnummer", date(2026, 12, 17))]


def test_a_copy_of_the_demo_is_free_of_errors(demo: Path) -> None:
    """The demo content passes check (warnings are listed by the lead, not failed on here)."""
    shutil.rmtree(demo / "dist", ignore_errors=True)
    pipeline.check(pipeline.Project(demo))


def test_department_numbers_stay_as_written(tiny: Path) -> None:
    """YAML 1.1 reads 0241234567 as an octal number (42285431); courant keeps the text."""
    write(tiny, "content/departments.yml", "- key: wi\n  name: Werk en Inkomen\n"
          "  phone: 0241234567\n  email: wi@waalstad.nl\n  topics: [2026, Bijstand]\n")
    (department,) = load(tiny).content.departments
    assert department.phone == "0241234567"
    assert department.topics == ("2026", "Bijstand")


# --- the clock going forward and back (Europe/Amsterdam) ------------------------------------


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("start", "end", "first", "last"), [
    # the clock goes back at 03:00 summer time to 02:00: 02:00-02:59 happens twice
    ("2026-10-25 02:00", None, utc("2026-10-25 00:00"), utc("2026-10-25 01:00")),
    ("2026-10-25 01:30", None, utc("2026-10-24 23:30"), utc("2026-10-25 00:30")),
    ("2026-10-25 02:30 +01:00", None, utc("2026-10-25 01:30"), utc("2026-10-25 02:30")),
    ("2026-10-25 02:15", "2026-10-25 02:45 +01:00", utc("2026-10-25 00:15"),
     utc("2026-10-25 01:45")),
    ("2026-10-25 02:30 +0200", "2026-10-25 02:30 +0100", utc("2026-10-25 00:30"),
     utc("2026-10-25 01:30")),
    # the clock goes forward at 02:00 to 03:00: an hour after 01:30 is 03:30
    ("2026-03-29 01:30", None, utc("2026-03-29 00:30"), utc("2026-03-29 01:30")),
    ("2026-03-29 01:59", "2026-03-29 03:00", utc("2026-03-29 00:59"), utc("2026-03-29 01:00")),
])
def test_events_last_in_real_time_across_the_clock_change(
        tiny: Path, start: str, end: str | None, first: datetime, last: datetime) -> None:
    lines = f'start: "{start}"\n' + (f'end: "{end}"\n' if end else "")
    write(tiny, "content/agenda/nacht.md", f"---\ntitle: Nacht\n{lines}---\nT.\n")
    (event,) = load(tiny).content.items
    assert isinstance(event, Event) and isinstance(event.start, datetime)
    assert isinstance(event.end, datetime)
    assert (event.start.astimezone(UTC), event.end.astimezone(UTC)) == (first, last)
    assert event.start.tzinfo is AMSTERDAM  # shown in Amsterdam time, as written


def test_a_time_that_happens_twice_warns_unless_its_offset_is_written(tiny: Path) -> None:
    write(tiny, "content/agenda/nacht.md", '---\ntitle: Nacht\nstart: "2026-10-25 02:15"\n'
          'end: "2026-10-25 02:45 +01:00"\n---\nT.\n')
    assert problems_of(tiny) == [
        'content/agenda/nacht.md:3: (waarschuwing) start: 2026-10-25 02:15 komt twee keer '
        "voor: in die nacht gaat de klok een uur terug (wintertijd); courant neemt de eerste "
        'keer, nog in de zomertijd (+02:00); bedoel je de tweede keer, schrijf dan '
        '"2026-10-25 02:15 +01:00"']


# --- the home page's own text, and addresses ---------------------------------------------


def test_pages_index_is_the_home_pages_text_not_a_name_collision(tiny: Path) -> None:
    write(tiny, "content/pages/index.md", "---\ntitle: Welkom\n---\nHallo.\n")
    write(tiny, "content/pages/leeracademie/index.md", "---\ntitle: Leeracademie\n---\nL.\n")
    assert problems_of(tiny) == []
    home, section = sorted(load(tiny).content.items, key=lambda i: str(i.source))
    assert isinstance(home, Page) and home.is_home and home.title == "Welkom"
    assert isinstance(section, Page) and not section.is_home
    assert section.section == PurePosixPath("leeracademie")


@pytest.mark.parametrize(("first", "second", "said"), [
    ("pages/leeracademie/index.md", "pages/Leeracademie.md", "krijgt hetzelfde webadres "
     "(leeracademie/) als content/pages/leeracademie/index.md"),
    ("pages/a/b/index.md", "pages/a/b.md", "krijgt hetzelfde webadres (a/b/)"),
    ("pages/Index.md", "pages/index.md", "heeft dezelfde naam als content/pages/Index.md"),
    ("pages/over ons.md", "pages/over-ons.md", "heeft dezelfde naam als content/pages/over "
     "ons.md"),
    ("reading/2026/tip.md", "reading/tip.md", "heeft dezelfde naam als "
     "content/reading/2026/tip.md"),
])
def test_two_sources_at_one_address(tiny: Path, first: str, second: str, said: str) -> None:
    text = "---\ntitle: T\ndate: 2026-11-02\nkind: book\n---\nT.\n"
    write(tiny, f"content/{first}", text)
    write(tiny, f"content/{second}", text)
    found = [p for p in problems_of(tiny) if "(waarschuwing)" not in p]
    assert len(found) == 1 and found[0].startswith(f"content/{second}: {said}"), found


@pytest.mark.parametrize("path", ["updates/index.md", "interviews/pagina-3.md",
                                  "pages/nieuws.md", "pages/agenda.md"])
def test_a_name_courant_uses_itself_names_a_free_one(tiny: Path, path: str) -> None:
    write(tiny, f"content/{path}", "---\ntitle: Alle stukken\ndate: 2026-11-02\n"
          "department: wi\nperson: {name: K}\nconsent: true\n---\nT.\n")
    (found,) = [p for p in problems_of(tiny) if "(waarschuwing)" not in p]
    assert found.endswith("geef het bestand een andere naam, bijvoorbeeld alle-stukken.md"), \
        found


def test_a_free_name_is_free(tiny: Path) -> None:
    """The suggested name is taken already: the next one with a number is offered."""
    write(tiny, "content/pages/agenda.md", "---\ntitle: Onze agenda\n---\nT.\n")
    write(tiny, "content/pages/onze-agenda.md", "---\ntitle: Onze agenda\n---\nT.\n")
    (found,) = problems_of(tiny)
    assert found.endswith("bijvoorbeeld agenda-2.md"), found
