"""The promise: nothing meant for staff only reaches what partners see.

tests/fixtures/leak/ plants a token starting with "lektoken" in every staff-only, draft and
embargoed source: in its title, summary, body, tags, authors, person, location, file name,
folder name and image file names. Partner-visible sources carry "paritem" tokens instead. The
whole project is built, and every byte and every file name under dist/public/ and in the
partner mails (decoded: gzip, quoted-printable) is searched.
"""

from __future__ import annotations

import email
import gzip
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from courant import pipeline
from courant.media import published_bytes

FIXTURE = FIXTURES / "leak"
STAFF = b"lektoken"
STAFF_ONLY_IMAGES = ("lektoken-upd-def-img.png", "lektoken-bodyimg.png",
                     "lektoken-int-portret.png", "lektoken-draft-img.png",
                     "lektoken-embargo-img.png")
PARTNER_TOKENS = ("paritem-upd-partners-title", "paritem-upd-partners-summary",
                  "paritem-upd-all-title", "paritem-int-title", "paritem-read-title",
                  "paritem-event-title", "paritem-event-cancelled-title", "paritem-page-title")
PARTNER_MAIL_TOKENS = ("paritem-upd-partners-title", "paritem-int-title", "paritem-read-title",
                       "paritem-event-title", "paritem-event-cancelled-title")
NEVER_BUILT = ("lektoken-draft", "lektoken-embargo", "lektoken-event-embargo")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("leak") / "p", content_from=FIXTURE)
    pipeline.build(pipeline.Project(root))
    return root / "dist"


def readable(path: Path) -> bytes:
    """A file's bytes as a reader gets them: gzip unpacked, mail parts decoded, lower case."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".eml":
        message = email.message_from_bytes(data, policy=default)
        assert isinstance(message, EmailMessage)
        parts = [str(value) for value in message.values()]
        parts += [part.get_content() for part in message.walk() if not part.is_multipart()]
        data += "\n".join(parts).encode("utf-8")
    return data.lower()


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def partner_mail(dist: Path) -> list[Path]:
    return sorted((dist / "mail").glob("*/partners.*"))


def test_the_fixture_builds_partner_files_and_mail(dist: Path) -> None:
    assert (dist / "public" / "search" / "search_index.json").is_file()
    assert (dist / "public" / "sitemap.xml").is_file()
    assert {p.name for p in partner_mail(dist)} == {"partners.html", "partners.txt",
                                                    "partners.eml"}
    assert {p.parent.name for p in partner_mail(dist)} == {"2026-10", "2026-11"}


def test_no_staff_token_in_any_public_file_name(dist: Path) -> None:
    leaks = [p for p in (dist / "public").rglob("*")
             if STAFF in str(p.relative_to(dist)).lower().encode()]
    assert leaks == []


def test_no_staff_token_in_any_public_file(dist: Path) -> None:
    leaks = [str(p.relative_to(dist)) for p in files(dist / "public") if STAFF in readable(p)]
    assert leaks == []


def test_no_staff_token_in_the_partner_mail(dist: Path) -> None:
    leaks = [str(p.relative_to(dist)) for p in partner_mail(dist) if STAFF in readable(p)]
    assert leaks == []


def test_staff_only_images_are_not_published_under_any_name(dist: Path) -> None:
    staff_images = {published_bytes(FIXTURE / "content" / "media" / name)
                    for name in STAFF_ONLY_IMAGES}
    public = {p.read_bytes() for p in files(dist / "public")}
    assert staff_images.isdisjoint(public)
    shared = published_bytes(FIXTURE / "content" / "media" / "gedeeld.png")
    assert shared in public  # the partner item's image is there: the test can fail


def test_partner_tokens_do_appear(dist: Path) -> None:
    public = b"\n".join(readable(p) for p in files(dist / "public"))
    assert [t for t in PARTNER_TOKENS if t.encode() not in public] == []
    mail = readable(dist / "mail" / "2026-11" / "partners.eml")
    assert [t for t in PARTNER_MAIL_TOKENS if t.encode() not in mail] == []


def test_staff_tokens_do_reach_the_staff_outputs(dist: Path) -> None:
    """The planted staff items are real content: the intranet and the staff mail show them."""
    intranet = b"\n".join(readable(p) for p in files(dist / "intranet"))
    for token in ("lektoken-upd-def-body", "lektoken-int-title", "lektoken-page-title",
                  "lektoken-event-title", "lektoken-read-title", "lektokenperson"):
        assert token.encode() in intranet, token
    staff_mail = readable(dist / "mail" / "2026-11" / "staff.eml")
    for token in ("lektoken-upd-def-title", "lektoken-upd-staff-title", "lektoken-moved-title",
                  "lektoken-int-title", "lektoken-read-title", "lektoken-event-title"):
        assert token.encode() in staff_mail, token


def test_drafts_and_embargoed_items_are_nowhere(dist: Path) -> None:
    everything = b"\n".join(readable(p) for p in files(dist))
    names = "\n".join(str(p) for p in dist.rglob("*")).lower()
    for token in NEVER_BUILT:
        assert token.encode() not in everything, token
        assert token not in names, token


def test_partner_pages_are_sanitised(dist: Path) -> None:
    page = (dist / "public" / "nieuws" / "partner-nieuws" / "index.html").read_text("utf-8")
    planted = (dist / "intranet" / "nieuws" / "partner-nieuws" / "index.html").read_text("utf-8")
    for bad in ("paritem-script", 'onclick="steal()"', "javascript:alert", "display:none"):
        assert bad in planted  # the intranet shows the editor's HTML as written
        assert bad not in page
    assert "paritem-hidden" in page  # the text stays, visible
