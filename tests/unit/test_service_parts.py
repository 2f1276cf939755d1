"""The parts of `courant service` one by one: the rate limit, who the client is behind nginx,
form tokens, reading forms, the pending sign-ups in the database, the pages "Nieuwsbrief
ontvangen" and "Privacy" in each of their cases, and the refusals to start."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import copy_project
from courant import clock
from courant.deliver import subscribers as subs
from courant.deliver.database import address_hash, open_database
from courant.problems import ContentError
from courant.read.config import load_config
from courant.render.site.pages import Site, SitePage
from courant.render.site.privacy import PRIVACY_PATH, privacy_markdown, privacy_version
from courant.render.site.signup import SIGNUP_PATH, signup_page, with_subscription_pages
from courant.service.formtokens import form_token, form_token_valid
from courant.service.limits import RateLimit, client_address, proxies_from
from courant.service.server import ServiceRefused, service_settings
from courant.service.web import Refusal, Request
from mailservers import SECRET

SERVICE = "https://sociaaldomein.waalstad.nl/abonnement/"


def project(tmp_path: Path, **mail: Any) -> Path:
    root = copy_project(tmp_path / "p")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["courant"]["mail"].update(mail)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")
    return root


def test_the_rate_limit_counts_per_client_in_a_sliding_window() -> None:
    now = [100.0]
    limit = RateLimit(3, 60.0, lambda: now[0])
    assert [limit.wait("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limit.wait("a") == 60.0  # the fourth waits until the first is a minute old
    assert limit.wait("b") == 0.0  # another client has its own count
    now[0] += 30
    assert limit.wait("a") == 30.0  # refused requests were not counted
    now[0] += 30.5
    assert limit.wait("a") == 0.0


def test_the_client_is_what_nginx_says_only_when_nginx_says_it() -> None:
    proxies = proxies_from(["127.0.0.1", "::1"])
    behind = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.9"}
    assert client_address(behind, proxies) == "203.0.113.9"
    forwarded = {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 198.51.100.4"}
    assert client_address(forwarded, proxies) == "198.51.100.4"  # the one nginx added
    spoofed = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_REAL_IP": "203.0.113.9"}
    assert client_address(spoofed, proxies) == "198.51.100.7"
    garbage = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "jan@voorbeeld.nl"}
    assert client_address(garbage, proxies) == "127.0.0.1"
    with pytest.raises(ValueError, match="'nginx' is geen IP-adres"):
        proxies_from(["nginx"])


def test_a_form_token_belongs_to_its_link_and_lasts_twelve_hours() -> None:
    secret, now = SECRET.encode(), clock.now()
    token = form_token(secret, "a.p.link", now)
    assert form_token_valid(secret, "a.p.link", token, now + timedelta(hours=11))
    assert not form_token_valid(secret, "a.p.link", token, now + timedelta(hours=13))
    assert not form_token_valid(secret, "a.p.other", token, now)
    assert not form_token_valid(b"x" * 32, "a.p.link", token, now)
    assert not form_token_valid(secret, "a.p.link", token[:-1] + "x", now)
    assert not form_token_valid(secret, "a.p.link", "zz.zz", now)


def request(body: bytes, content_type: str, length: str | None = None) -> Request:
    environ = {"CONTENT_TYPE": content_type, "wsgi.input": io.BytesIO(body),
               "CONTENT_LENGTH": str(len(body)) if length is None else length}
    return Request(environ, "POST", "/abonnement/aanmelden", "127.0.0.1")


def test_forms_are_read_in_both_encodings_and_nothing_else() -> None:
    assert request(b"email=a%40b.nl&naam=J%C3%A9&naam=x", "application/x-www-form-urlencoded"
                   ).form() == {"email": "a@b.nl", "naam": "Jé"}
    multipart = (b"--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                 b"One-Click\r\n--b--\r\n")
    assert request(multipart, "multipart/form-data; boundary=b").form() == {
        "List-Unsubscribe": "One-Click"}
    for body, kind, length, status in ((b"{}", "application/json", None, 415),
                                       (b"a=1", "application/x-www-form-urlencoded", "", 411),
                                       (b"a=1", "application/x-www-form-urlencoded", "99999",
                                        413),
                                       (b"a=%ff", "application/x-www-form-urlencoded", None,
                                        400),
                                       (b"nothing", "multipart/form-data; boundary=b", None,
                                        400)):
        with pytest.raises(Refusal) as refused:
            request(body, kind, length).form()
        assert refused.value.status == status


def test_a_pending_sign_up_leaves_an_active_one_and_a_departure_alone(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite")
    now = clock.now()
    person = subs.NewSubscriber("jan@partner.nl", "Jan", "Org")
    subs.subscribe(db, person, "partners", subs.Consent(now, "import"))
    subs.put_pending(db, subs.NewSubscriber("jan@partner.nl", "Ander", "Kwaad"), "partners",
                     subs.Consent(now, "formulier", "tekst"))
    digest = address_hash(db, "jan@partner.nl")
    kept = subs.find(db, "partners", digest)
    assert kept is not None and (kept.status, kept.name) == ("active", "Jan")

    subs.remove(db, digest, ("partners",), now, "test")
    subs.put_pending(db, person, "partners", subs.Consent(now, "formulier", "tekst"))
    assert subs.has_left(db, digest, "partners")  # an import still skips the address
    assert subs.find_by_reference(db, "partners", digest[:24]) is not None
    assert subs.left_by_reference(db, "partners", digest[:24])
    assert subs.confirm(db, "partners", digest, subs.Consent(now, "bevestigd"))
    assert not subs.has_left(db, digest, "partners")  # the person asked to come back

    subs.put_pending(db, subs.NewSubscriber("oud@partner.nl"), "partners",
                     subs.Consent(now - timedelta(days=8), "formulier"))
    assert subs.forget_unconfirmed(db, now - timedelta(days=7)) == 1
    assert subs.find(db, "partners", address_hash(db, "oud@partner.nl")) is None


def test_the_sign_up_page_in_each_case(tmp_path: Path) -> None:
    config = load_config(project(tmp_path / "a", service=SERVICE) / "mkdocs.yml")
    public = signup_page(config, "partners", config.public_url)
    assert 'action="/abonnement/aanmelden"' in public  # same host: a same-origin post
    assert 'name="editie" value="partners"' in public
    assert f'name="versie" value="{privacy_version(config)}"' in public
    intranet = signup_page(config, "staff", config.site_url)
    assert "<form" not in intranet and "nieuwsbrief-ontvangen/" in intranet

    staff = load_config(project(tmp_path / "b", service=SERVICE,
                                signup={"editions": ["partners", "staff"]}) / "mkdocs.yml")
    page = signup_page(staff, "staff", staff.site_url)
    assert f'action="{SERVICE}aanmelden"' in page and 'value="staff"' in page

    tool = load_config(project(tmp_path / "c", service=SERVICE, signup={
        "tool": "https://laposta.example/aanmelden"}) / "mkdocs.yml")
    page = signup_page(tool, "partners", tool.public_url)
    assert "<form" not in page and "(https://laposta.example/aanmelden)" in page

    plain = load_config(project(tmp_path / "d") / "mkdocs.yml")
    page = signup_page(plain, "partners", plain.public_url)
    assert "<form" not in page and "mailto:redactie.sociaaldomein@waalstad.nl" in page


def test_courant_s_own_pages_are_trusted_and_an_editor_s_page_wins(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, service=SERVICE) / "mkdocs.yml")
    site = Site("S", config.public_url, (), [], ())
    made = with_subscription_pages(site, config, "partners")
    assert made.trusted == {SIGNUP_PATH, PRIVACY_PATH}
    assert made.nav == []  # the menu has them in their place (render/site._nav), Privacy in
    # every page's footer
    own = Site("S", config.public_url, (SitePage(PRIVACY_PATH, "---\n---\n# Eigen"),), [], ())
    made = with_subscription_pages(own, config, "partners")
    assert made.trusted == {SIGNUP_PATH}
    assert [p.markdown for p in made.pages if p.path == PRIVACY_PATH] == ["---\n---\n# Eigen"]


def test_the_privacy_page_says_who_whom_to_ask_and_how_long(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, service=SERVICE, privacy={
        "controller": "Gemeente Waalstad", "contact": "privacy@waalstad.nl",
        "officer": "fg@waalstad.nl", "log_days": 30}) / "mkdocs.yml")
    text = privacy_markdown(config)
    for words in ("Gemeente Waalstad is verantwoordelijk", "mailto:privacy@waalstad.nl",
                  "mailto:fg@waalstad.nl", "na 30 dagen", "na 7 dagen", "artikel 6, lid 1a",
                  "Eén klik op de knop"):
        assert words in text
    other = load_config(project(tmp_path / "b", service=SERVICE) / "mkdocs.yml")
    assert privacy_version(other) != privacy_version(config)


def test_settings_of_the_sign_up_are_checked_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as bad:
        load_config(project(tmp_path, signup={"editions": ["iedereen"],
                                              "tool": "laposta"}) / "mkdocs.yml")
    messages = [str(p) for p in bad.value.problems]
    assert any("signup.editions" in m and "'iedereen' is geen editie" in m for m in messages)
    assert any("signup.tool" in m and "is geen webadres" in m for m in messages)


def test_the_service_does_not_start_without_what_it_needs(tmp_path: Path) -> None:
    env = {"COURANT_SECRET": SECRET}
    cases = [(project(tmp_path / "a"), env, "extra.courant.mail.service ontbreekt"),
             (project(tmp_path / "b", service=SERVICE), env, "extra.courant.mail.smtp "
              "ontbreekt"),
             (project(tmp_path / "c", service=SERVICE, smtp={"host": "smtp.example",
                                                            "username": "n@w.nl"}), env,
              "COURANT_SMTP_PASSWORD ontbreekt"),
             (project(tmp_path / "d", service=SERVICE, smtp={"host": "127.0.0.1",
                                                            "security": "none"}), {},
              "COURANT_SECRET ontbreekt")]
    for root, environ, words in cases:
        with pytest.raises(ServiceRefused, match=words):
            service_settings(root, ["127.0.0.1"], 30, environ)
    with pytest.raises(ServiceRefused, match="--proxy: 'x' is geen IP-adres"):
        service_settings(cases[3][0], ["x"], 30, env)
