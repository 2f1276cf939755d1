"""render/newsletter/ (email.py, eml.py, plaintext.py) and build/mails.py: the mail of an
issue."""

from __future__ import annotations

import email
import re
import shutil
from dataclasses import replace
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import default
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, copy_project
from courant.audience import Edition
from courant.build import pipeline
from courant.build.mails import MailFiles, build_mails, mail_files, template_folder
from courant.clock import AMSTERDAM
from courant.model import Issue
from courant.problems import ContentError
from courant.render.newsletter.compose import ComposedIssue
from courant.render.newsletter.email import MailSite, fit, mail_environment, render_mail
from courant.render.newsletter.eml import eml_bytes
from courant.render.newsletter.plaintext import html_to_text

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)
SITE = MailSite("Sociaal Domein", "https://partners.example.org/",
                "Redactie <nieuwsbrief@example.org>", "redactie@example.org",
                "https://partners.example.org/afmelden", "Postbus 1")
FOREWORD = """Welkom bij <b>dit</b> nummer. Lees [het verslag](verslag/).

<script>alert("xss")</script>
<img src="x.png" alt="plaatje" onerror="alert(1)">
<a href="javascript:alert(1)">klik</a>
<p style="display:none" onclick="steal()">verborgen</p>
"""


def issue_mail(foreword: str = FOREWORD, title: str = "Nieuwsbrief <b> & 'co'",
               edition: Edition = Edition.PARTNERS, site: MailSite = SITE) -> tuple[str, str]:
    issue = Issue(PurePosixPath("newsletter/2026-11.md"), "2026-11", date(2026, 11, 20), title,
                  foreword)
    composed = ComposedIssue(issue, edition, foreword, ())
    mail = render_mail(composed, site, mail_environment(ROOT / "theme" / "email"),
                       lambda path: None)
    return mail.html, mail.text


def test_sanitising_removes_script_event_handlers_and_javascript_links() -> None:
    html, text = issue_mail()
    page = BeautifulSoup(html, "html.parser")
    assert page.find("script") is None
    assert not [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not [a for a in page.find_all("a", href=True) if a["href"].startswith("javascript")]
    foreword = page.select_one("td.foreword")  # (the preheader above it is hidden on purpose)
    assert foreword is not None and "display:none" not in str(foreword).replace(" ", "")
    assert "verborgen" in page.get_text() and "verborgen" in text
    assert "alert" not in html and "alert" not in text


def test_only_the_staff_mail_marks_a_passage() -> None:
    """The partners' foreword has none (the gate took it out): an element an editor gave the
    class there is not labelled for staff."""
    marked = '<div class="admonition info courant-medewerkers">\n\nIntern.\n\n</div>\n\nNa.\n'
    html, text = issue_mail(marked, edition=Edition.STAFF)
    assert "staff-passage" in html and "*** Alleen voor medewerkers ***" in text
    html, text = issue_mail(marked, edition=Edition.PARTNERS)
    assert "Alleen voor medewerkers" not in html + text and "Intern." in text


def test_relative_links_in_the_foreword_become_absolute() -> None:
    html, text = issue_mail()
    page = BeautifulSoup(html, "html.parser")
    target = "https://partners.example.org/nieuwsbrief/2026-11/verslag/"
    assert page.find("a", string="het verslag")["href"] == target
    assert f"het verslag ({target})" in " ".join(text.split())  # wrapped at 72


def test_titles_are_text_never_markup() -> None:
    html, text = issue_mail()
    page = BeautifulSoup(html, "html.parser")
    assert page.find("h1").get_text() == "Nieuwsbrief <b> & 'co'"
    assert "NIEUWSBRIEF <B> & 'CO'" in text


def test_editions_address_their_readers() -> None:
    partners, partners_text = issue_mail()
    staff, staff_text = issue_mail(edition=Edition.STAFF,
                                   site=replace(SITE, url="https://intranet.example.org/sd/",
                                                unsubscribe=None))
    assert "Bekijk in uw browser" in partners and "Afmelden" in partners
    assert "https://partners.example.org/afmelden" in partners_text
    assert "Bekijk in je browser" in staff and "Afmelden" not in staff
    assert "https://intranet.example.org/sd/nieuwsbrief/2026-11/" in staff_text


def test_plain_text_writes_links_out_and_keeps_lists() -> None:
    text = html_to_text('<p>Zie <a href="https://x.nl/a/">de pagina</a> en '
                        '<a href="mailto:a@x.nl">a@x.nl</a>.</p><ul><li>een</li><li>twee</li></ul>')
    assert text == "Zie de pagina (https://x.nl/a/) en a@x.nl.\n\n- een\n- twee"


def test_images_fit_the_mail_without_growing() -> None:
    assert fit((1200, 800), (560, 320)) == (480, 320)
    assert fit((2000, 500), (560, 320)) == (560, 140)
    assert fit((100, 50), (560, 320)) == (100, 50)


@pytest.fixture(scope="module")
def leak_project(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Project:
    return pipeline.Project(copy_project(tmp_path_factory.mktemp("mail") / "p",
                                         content_from=FIXTURES / "leak"))


@pytest.fixture(scope="module")
def loaded(leak_project: pipeline.Project) -> pipeline.Loaded:
    return pipeline.load(leak_project)


def made(loaded: pipeline.Loaded, project: pipeline.Project, month: str | None = None
         ) -> dict[tuple[str, str], MailFiles]:
    mails = build_mails(loaded.config, loaded.content, NOW, project.root, month)
    return {(m.mail.month, str(m.mail.edition)): m for m in mails}


def test_mail_is_made_for_published_issues_only(loaded: pipeline.Loaded,
                                                leak_project: pipeline.Project) -> None:
    assert sorted(made(loaded, leak_project)) == [("2026-10", "partners"), ("2026-10", "staff"),
                                                  ("2026-11", "partners"), ("2026-11", "staff")]
    files = mail_files(list(made(loaded, leak_project).values()))
    assert sorted(files)[:4] == ["2026-10/manifest.json", "2026-10/partners.eml",
                                 "2026-10/partners.html", "2026-10/partners.txt"]


def test_preview_of_a_coming_issue_holds_what_is_dated_up_to_its_date(
        loaded: pipeline.Loaded, leak_project: pipeline.Project) -> None:
    december = made(loaded, leak_project, "2026-12")
    assert sorted(december) == [("2026-12", "partners"), ("2026-12", "staff")]
    partners = december[("2026-12", "partners")].mail.text
    assert "lektoken-embargo-title" in partners  # dated 1 December: out by then
    assert "lektoken-draft" not in partners and "lektoken-draft" not in \
        december[("2026-12", "staff")].mail.text
    assert "paritem-event-cancelled-title" not in partners  # 8 December: before the issue
    with pytest.raises(ContentError, match=r"newsletter/2027-01\.md: bestaat niet"):
        made(loaded, leak_project, "2027-01")


def test_mail_images_have_their_size_and_alt(loaded: pipeline.Loaded,
                                             leak_project: pipeline.Project) -> None:
    html = made(loaded, leak_project)[("2026-11", "staff")].mail.html
    image = BeautifulSoup(html, "html.parser").find("img", alt="Portret lektoken-int-alt")
    assert (image["width"], image["height"]) == ("44", "30")  # the planted file's own size
    assert image["src"] == loaded.config.site_url + "media/lektoken-int-portret.png"


def eml(loaded: pipeline.Loaded, project: pipeline.Project, edition: str,
        unsubscribe: str | None = None) -> tuple[EmailMessage, bytes]:
    mail_file = made(loaded, project)[("2026-11", edition)]
    site = replace(mail_file.site, unsubscribe=unsubscribe or mail_file.site.unsubscribe)
    data = eml_bytes(mail_file.mail, site)
    message = email.message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    return message, data


def test_eml_headers_are_stable_and_unsubscribe_is_one_click_over_https(
        loaded: pipeline.Loaded, leak_project: pipeline.Project) -> None:
    staff, staff_bytes = eml(loaded, leak_project, "staff")
    assert staff["List-Unsubscribe"] is None
    assert staff_bytes == eml(loaded, leak_project, "staff")[1]  # no random boundary or date
    assert staff["Date"].datetime == datetime(2026, 11, 20, 8, 0, tzinfo=AMSTERDAM)
    assert staff["Message-ID"] == "<nieuwsbrief.2026-11.staff@waalstad.nl>"
    assert staff["Reply-To"] == loaded.config.settings.mail.reply_to
    mailto, _ = eml(loaded, leak_project, "partners")
    assert mailto["List-Unsubscribe"] == f"<{loaded.config.settings.mail.unsubscribe}>"
    assert mailto["List-Unsubscribe-Post"] is None  # RFC 8058 needs a https: address
    https, _ = eml(loaded, leak_project, "partners", "https://example.org/afmelden?id=1")
    assert https["List-Unsubscribe"] == "<https://example.org/afmelden?id=1>"
    assert https["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_mail_too_large_for_gmail_stops_the_build(loaded: pipeline.Loaded,
                                                    leak_project: pipeline.Project) -> None:
    mail_file = made(loaded, leak_project)[("2026-11", "partners")]
    big = replace(mail_file, mail=replace(mail_file.mail, html="x" * 102_000))
    with pytest.raises(ContentError) as error:
        mail_files([big])
    assert str(error.value.problems[0]) == (
        "newsletter/2026-11.md: de mail voor partners (2026-11/partners.html) wordt 102.000 "
        "bytes; boven 102.000 bytes knipt Gmail hem af. Maak het voorwoord of de "
        "samenvattingen korter, of zet stukken met 'issue:' in een ander nummer")


def test_a_missing_template_is_named(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "theme" / "email", tmp_path / "theme" / "email")
    (tmp_path / "theme" / "email" / "issue.txt").unlink()
    with pytest.raises(ContentError, match=r"theme/email/issue\.txt: ontbreekt"):
        template_folder(tmp_path)


def test_preview_command_writes_both_editions_side_by_side(leak_project: pipeline.Project,
                                                           tmp_path: Path) -> None:
    from click.testing import CliRunner

    from courant.cli import main

    target = tmp_path / "voorbeeld"
    result = CliRunner().invoke(main, ["preview", "2026-12", "--map", str(leak_project.root),
                                       "--naar", str(target)])
    assert result.exit_code == 0, result.output
    assert {"index.html", "smal.html", "staff.html", "partners.html", "staff.txt",
            "partners.eml"} <= {p.name for p in target.iterdir()}
    index = BeautifulSoup((target / "index.html").read_text("utf-8"), "html.parser")
    assert [f["src"] for f in index.find_all("iframe")] == ["staff.html", "partners.html"]
    assert "Verschijnt op 18 december 2026" in index.get_text()
    assert index.find("script") is None
    partners = BeautifulSoup((target / "partners.html").read_text("utf-8"), "html.parser")
    images = [img["src"] for img in partners.find_all("img")]
    assert images == ["media/lektoken-embargo-img.png"]  # served from the preview itself
    assert (target / images[0]).is_file()


def test_preview_command_explains_a_wrong_month(leak_project: pipeline.Project) -> None:
    from click.testing import CliRunner

    from courant.cli import main

    result = CliRunner().invoke(main, ["preview", "december", "--map", str(leak_project.root)])
    assert result.exit_code == 1
    assert "'december' is geen maand; schrijf bijvoorbeeld: courant preview 2026-12" in \
        result.output


def test_preview_warns_about_a_mail_too_large(loaded: pipeline.Loaded,
                                              leak_project: pipeline.Project) -> None:
    from courant.editorial.mailpreview import _size_warnings

    mail_file = made(loaded, leak_project)[("2026-11", "staff")]
    big = replace(mail_file, mail=replace(mail_file.mail, text="x" * 102_000))
    assert [str(p) for p in _size_warnings([mail_file, big])] == [
        "newsletter/2026-11.md: (waarschuwing) de mail voor medewerkers (2026-11/staff.txt) is "
        "102.000 bytes; boven 102.000 bytes knipt Gmail hem af en stopt de build"]


def test_a_sender_with_a_comma_in_its_name_is_one_mailbox(tmp_path: Path) -> None:
    """mkdocs.yml's sender as an administrator writes it; the .eml read back by the email
    package has one From mailbox, with the comma inside the name, in both editions."""
    project = pipeline.Project(copy_project(tmp_path / "p", content_from=FIXTURES / "leak"))
    config = project.config_file.read_text(encoding="utf-8")
    sender = "Redactie, Sociaal Domein <nieuwsbrief@waalstad.nl>"
    project.config_file.write_text(re.sub(r"(?m)^      sender: .*$", f"      sender: {sender}",
                                          config), encoding="utf-8")
    loaded = pipeline.load(project)
    for mail_file in made(loaded, project).values():
        message = email.message_from_bytes(eml_bytes(mail_file.mail, mail_file.site),
                                           policy=default)
        addresses = message["From"].addresses
        assert [(a.display_name, a.addr_spec) for a in addresses] == [
            ("Redactie, Sociaal Domein", "nieuwsbrief@waalstad.nl")]
        assert message["Message-ID"].endswith("@waalstad.nl>")
        sender_line = BeautifulSoup(mail_file.mail.html, "html.parser").get_text()
        assert '"Redactie, Sociaal Domein"' not in sender_line  # the name, not the header
