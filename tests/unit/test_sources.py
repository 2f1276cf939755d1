"""read/files.py and read/yamlload.py: reading the editors' files, with python-frontmatter's
gotchas covered.

python-frontmatter returns empty metadata for a file without front matter and drops front matter
that is a YAML list; YAML 1.1 turns `no` into False and dates into date objects. read/ must
notice all of that, and know the line of every key.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
import yaml

from courant.model import Kind
from courant.problems import Problems
from courant.read.files import (
    RawSource,
    file_type_fault,
    published_file_fault,
    read_markdown,
    read_sources,
)
from courant.read.yamlcheck import yaml_line, yaml_message
from courant.read.yamlload import parse_yaml
from projects import tiny_project


def read(tmp_path: Path, text: str | bytes, name: str = "content/updates/x.md",
         kind: Kind | None = Kind.UPDATE) -> tuple[RawSource | None, list[str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    raw = read_markdown(tmp_path, path, kind, problems)
    return raw, [str(p) for p in problems.found]


def test_a_file_is_read_with_its_lines(tmp_path: Path) -> None:
    raw, problems = read(tmp_path, "---\ntitle: Nieuw\ndate: 2026-11-02\nperson:\n  name: K\n"
                                   "  role: R\n---\n\n\nDe tekst.\n\nMeer.\n")
    assert problems == []
    assert raw is not None
    assert raw.path == PurePosixPath("content/updates/x.md")
    assert raw.kind is Kind.UPDATE
    assert raw.meta == {"title": "Nieuw", "date": "2026-11-02",
                        "person": {"name": "K", "role": "R"}}
    assert raw.body == "De tekst.\n\nMeer."
    assert raw.key_lines == {"title": 2, "date": 3, "person": 4, "person.name": 5,
                             "person.role": 6}
    assert (raw.end_line, raw.body_line) == (7, 10)
    assert raw.line("person.role") == 6
    assert raw.line("person.department") == 4  # not there: its parent's line
    assert raw.line("consent") is None


def test_blank_lines_after_the_opening_dashes_count(tmp_path: Path) -> None:
    """python-frontmatter drops them from the text it hands over; the lines must not shift."""
    raw, _ = read(tmp_path, "---\n\n\ntitle: Nieuw\n---\nTekst.\n")
    assert raw is not None
    assert raw.key_lines == {"title": 4}


def test_windows_line_ends_and_byte_order_mark(tmp_path: Path) -> None:
    raw, problems = read(tmp_path, "\ufeff---\r\ntitle: Nieuw\r\ndate: 2026-11-02\r\n---\r\n"
                                   "Tekst.\r\n".encode())
    assert problems == []
    assert raw is not None
    assert raw.meta == {"title": "Nieuw", "date": "2026-11-02"}
    assert raw.key_lines == {"title": 2, "date": 3}


def test_values_stay_as_the_editor_wrote_them() -> None:
    data = parse_yaml("audience: no\ndraft: true\ncancelled: False\nconsent: yes\n"
                      "date: 2026-02-30\nissue: 2026-12\nstart: 2026-11-24 15:00\n"
                      "phone: 0241234567\ntitle: 3.10\nlocation: 1:30\nseries: 0x1F\n"
                      "creator: 1_000\nsummary: ~\n")
    assert data == {"audience": "no", "draft": True, "cancelled": False, "consent": "yes",
                    "date": "2026-02-30", "issue": "2026-12", "start": "2026-11-24 15:00",
                    "phone": "0241234567", "title": "3.10", "location": "1:30",
                    "series": "0x1F", "creator": "1_000", "summary": None}


def test_duplicate_keys_are_found() -> None:
    lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    data = parse_yaml("title: A\ndate: 2026-11-01\ndate: 2026-11-02\n", lines, 2, duplicates)
    assert data["date"] == "2026-11-02"  # YAML keeps the last one
    assert duplicates == [("date", 4, 3)]
    assert lines["date"] == 4  # the line of the value that counts


@pytest.mark.parametrize(("text", "problem"), [
    ("title: Nieuw\n", "begint niet met front matter"),
    ("", "begint niet met front matter"),
    ("\n---\ntitle: Nieuw\n---\n", "begint niet met front matter"),
    ("---\ntitle: Nieuw\n", "de front matter is niet afgesloten"),
    ("---\n- title\n- date\n---\n", "de front matter is geen lijst van sleutels"),
    ("---\nNieuw\n---\n", "de front matter is geen lijst van sleutels"),
    ("---\ntitle: A: B\n---\n", "de front matter is geen geldige YAML"),
])
def test_what_python_frontmatter_lets_through_is_caught(tmp_path: Path, text: str,
                                                        problem: str) -> None:
    raw, problems = read(tmp_path, text)
    assert raw is None
    assert len(problems) == 1
    assert problem in problems[0]


def test_empty_front_matter_reads_as_no_keys(tmp_path: Path) -> None:
    raw, problems = read(tmp_path, "---\n---\nTekst.\n")
    assert problems == []
    assert raw is not None
    assert raw.meta == {}


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, b"---\ntitle: A\ndate: 2026-11-02\n---\nCaf\xe9\n")
    assert problems == ["content/updates/x.md:5: is geen UTF-8-tekst; sla het bestand op als "
                        "UTF-8 (in de meeste editors: 'Opslaan als' en dan codering UTF-8)"]


@pytest.mark.parametrize(("text", "line", "explained"), [
    ("a: 1\ntitle: Let op: nu\n", 2, "er staat een tweede dubbele punt"),
    ('a: 1\ntitle: "Let op\nb: 2\n', 2, "een aanhalingsteken wordt niet gesloten"),
    ("tags: [a, b\nb: 2\n", 1, "een lijst tussen [ en ] wordt niet gesloten"),
    ("a: {b: 1\n", 1, "een blok tussen { en } wordt niet gesloten"),
    ("a: 1\n\tb: 2\n", 2, "er staat een tab; spring in met spaties"),
    ("a: 1\ndate 2026\nb: 2\n", 2, "op deze regel staat een sleutel zonder dubbele punt"),
    ("title: @team\n", 1, "de tekst begint met een teken dat YAML zelf gebruikt"),
    ("title: *belangrijk*\n", 1, "de tekst begint met een * (of &)"),
    ("title: !nieuw\n", 1, "de tekst begint met een ! (of !!)"),
    ("a: 1\ndate: !!timestamp 2026-02-30\n", 2, "de tekst begint met een ! (of !!)"),
    ("a: 1\nb: !!float x\n", 2, "de tekst begint met een ! (of !!)"),
    ("a: 1\ntitle: 'it's'\n", 2, "deze regel past niet bij de regels erboven"),
    ('a: 1\ntitle: "Nieuw" bericht\n', 2, "deze regel past niet bij de regels erboven"),
    ("a: 1\ntitle: >Nieuw\n", 2, "de tekst begint met een | of >"),
    ("a: 1\ntags: - a\n", 2, "een lijst met '-' begint op de regel na de sleutel"),
    ("[a]: 1\n", 1, "een sleutel staat tussen [ ] of { }"),
])
def test_yaml_errors_are_explained_in_dutch_at_their_line(text: str, line: int,
                                                          explained: str) -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        parse_yaml(text)
    assert yaml_line(raised.value) == line
    message = yaml_message(raised.value)
    assert message.startswith("de front matter is geen geldige YAML: " + explained)
    assert "expected" not in message and "found" not in message  # no PyYAML English


def test_an_unexplained_yaml_error_keeps_yamls_words() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        parse_yaml("a: 1\n--- \nb: 2\n")
    assert yaml_message(raised.value, "het bestand") == (
        "het bestand is geen geldige YAML: controleer de dubbele punt na de sleutel, en zet "
        "tekst met een ':' of '#' tussen aanhalingstekens (YAML meldt: expected a single "
        "document in the stream but found another document)")


def test_read_sources_takes_the_kind_from_the_top_folder(tmp_path: Path) -> None:
    root = tiny_project(tmp_path / "p")
    for name in ("updates/2026/november/a.md", "interviews/b.md", "agenda/2027/c.md",
                 "reading/d.md", "pages/leeracademie/e.md"):
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    problems = Problems()
    sources = read_sources(root, problems)
    assert problems.found == []
    assert [(str(raw.path), raw.kind) for raw in sources.items] == [
        ("content/updates/2026/november/a.md", Kind.UPDATE),
        ("content/interviews/b.md", Kind.INTERVIEW),
        ("content/agenda/2027/c.md", Kind.EVENT),
        ("content/reading/d.md", Kind.READING),
        ("content/pages/leeracademie/e.md", Kind.PAGE),
    ]
    assert [(str(raw.path), raw.kind) for raw in sources.issues] == [
        ("newsletter/2026-11.md", None)]
    assert sources.departments[0] == {"key": "wi", "name": "Werk en Inkomen"}
    assert sources.departments_lines["1.name"] == 4


def test_files_and_folders_the_other_way_round(tmp_path: Path) -> None:
    """content/ or newsletter/ as a file, departments.yml as a folder: said, not a traceback
    or a misleading 'ontbreekt'."""
    (tmp_path / "content").write_text("x")
    (tmp_path / "newsletter").write_text("x")
    problems = Problems()
    read_sources(tmp_path, problems)
    assert [str(p) for p in problems.found] == [
        "content: is een bestand, geen map; maak een map content/ met daarin departments.yml "
        "en de mappen updates/, agenda/, pages/ enzovoort"]
    (tmp_path / "content").unlink()
    (tmp_path / "content" / "departments.yml").mkdir(parents=True)
    problems = Problems()
    read_sources(tmp_path, problems)
    assert [str(p) for p in problems.found] == [
        "content/departments.yml: is een map, geen bestand; haal de map weg of geef hem een "
        "andere naam",
        "newsletter: is een bestand, geen map; maak een map newsletter/ met daarin een bestand "
        "per nummer, zoals newsletter/2026-12.md"]


def test_only_documents_and_images_are_published_from_content(tmp_path: Path) -> None:
    """The second guard, where a site reads the file it publishes: an .html, .svg or .js from
    content/ would run as a page of the site's own address."""
    for name in ("folder.html", "logo.svg", "app.js", "README"):
        assert file_type_fault(name, Path(name).suffix), name
    for name in ("factsheet.pdf", "foto.JPG", "lijst.xlsx"):
        assert file_type_fault(name, Path(name).suffix) is None, name
    content = tmp_path / "content" / "media"
    content.mkdir(parents=True)
    (content / "folder.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    assert published_file_fault(tmp_path, content / "folder.html")
