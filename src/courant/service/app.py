"""The subscription service as a WSGI application: routes, checks, and the answers.

    GET  {service}                      -> 303 to the site's page "Nieuwsbrief ontvangen"
    POST {service}aanmelden             the form of that page: a pending sign-up, a mail
    GET  {service}bevestigen/<token>    a page with a button (changes nothing)
    POST {service}bevestigen/<token>    the button: the subscription is active, with proof
    GET  {service}afmelden/<token>      a page with a button (changes nothing)
    POST {service}afmelden/<token>      the button, or RFC 8058's List-Unsubscribe=One-Click
    GET  {service}stijl.css

The sign-up's answer is the same whatever the address (nobody learns who is subscribed), and
the mail goes out from another thread (mails.py), so not even its time tells. Buttons carry a
signed form token (formtokens.py); posts from a browser must come from the sites themselves
(their Origin). The service sets no cookie: there is no session for a forged request to ride
on, and RFC 8058 wants the one-click POST to work without one.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from courant import clock
from courant.deliver import subscribers as subs
from courant.deliver.database import DatabaseError, address_hash, open_database
from courant.deliver.messages import DkimKey, unsubscribe_url
from courant.deliver.tokens import Token, TokenError, make_token, read_token
from courant.read.config import Config
from courant.render.site.privacy import UNCONFIRMED_DAYS, consent_sentence, privacy_version
from courant.render.site.signup import (
    HONEYPOT,
    MAX_ADDRESS,
    MAX_NAME,
    SIGNUP_ACTION,
    FormState,
    signup_form,
)
from courant.service import formtokens, mails, pages
from courant.service.limits import RateLimit, client_address
from courant.service.web import Answer, Refusal, Request
from courant.wording import EDITION_NAMES

log = logging.getLogger("courant.service")

TOKEN_PATH = re.compile(r"(bevestigen|afmelden)/([A-Za-z0-9_.=-]{1,200})")
MAX_OTHER = 1000  # any other field of a form
MAIL_GAP = 600.0  # seconds between two mails to one address
PURGE_EVERY = 3600.0  # seconds between two sweeps of unconfirmed sign-ups past their days
SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    # the token in the address stays here: other pages learn only the origin ("no-referrer"
    # would make the browser send "Origin: null" with the button's POST)
    ("Referrer-Policy", "strict-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Robots-Tag", "noindex, nofollow"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; "
     "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
]
VERSION = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class Settings:
    config: Config
    secret: bytes
    database: Path
    proxies: frozenset[str]
    per_minute: int = 30  # requests of one client
    signups_per_hour: int = 10  # sign-ups of one client that send a mail
    dkim_key: DkimKey | None = None


class SubscriptionService:
    """The WSGI callable. `mailer` takes the mails (mails.Mailer, or a list in a test)."""

    def __init__(self, settings: Settings, mailer: Callable[[mails.Outgoing], None],
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.config = settings.config
        mail = self.config.settings.mail
        assert mail.service is not None, "server.py checks this first"
        self.service = mail.service
        self.prefix = urlsplit(mail.service).path or "/"
        self.editions = tuple(mail.signup.editions)
        self.mailer = mailer
        self.monotonic = monotonic
        self.requests = RateLimit(settings.per_minute, 60.0, monotonic)
        self.signups = RateLimit(settings.signups_per_hour, 3600.0, monotonic)
        self.mailed: dict[str, float] = {}
        self.mailed_lock = threading.Lock()
        self.local = threading.local()
        self.purged = -PURGE_EVERY
        self.hosts = {host for url in (self.config.site_url, self.config.public_url,
                                       mail.service) if (host := urlsplit(url).hostname)}

    # -- WSGI -------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        method = re.sub("[^A-Z]", "", str(environ.get("REQUEST_METHOD", "GET")).upper())[:10]
        path = str(environ.get("PATH_INFO", "")) or "/"
        request = Request(environ, method, path,
                          client_address(environ, self.settings.proxies))
        try:
            answer = self.answer(request)
        except Refusal as refusal:
            answer = self.refused(refusal)
        except Exception as error:  # never a traceback to the visitor, nor an address in the log
            answer = self.failed(error)
        headers = [("Content-Type", answer.content_type),
                   ("Content-Length", str(len(answer.body))), *SECURITY_HEADERS,
                   *answer.headers]
        start_response(answer.status_line(), headers)
        log.info("%s %s %d %.0f ms%s", method, self.shown(path), answer.status,
                 (time.perf_counter() - started) * 1000, f" {answer.note}" if answer.note else "")
        return [b"" if method == "HEAD" else answer.body]

    def answer(self, request: Request) -> Answer:
        rest = request.path[len(self.prefix):] if request.path.startswith(self.prefix) else None
        if rest is None:
            raise self.not_found()
        self.sweep()
        waiting = self.requests.wait(request.client)
        leaving = request.method == "POST" and rest.startswith("afmelden/")
        if waiting and not leaving:  # a leaving partner is let through (see unsubscribe)
            raise too_many(waiting)
        if rest == "":
            allow(request, "GET", "HEAD")
            return Answer(303, b"", headers=[("Location", self.site("partners")["signup"])])
        if rest == pages.STYLESHEET:
            allow(request, "GET", "HEAD")
            return Answer(200, pages.stylesheet(), "text/css; charset=utf-8")
        if rest == SIGNUP_ACTION:
            allow(request, "POST")
            return self.sign_up(request)
        match = TOKEN_PATH.fullmatch(rest)
        if match is None:
            raise self.not_found()
        allow(request, "GET", "HEAD", "POST")
        if match.group(1) == "bevestigen":
            return self.confirm(request, match.group(2))
        return self.unsubscribe(request, match.group(2), waiting)

    # -- signing up -------------------------------------------------------------------

    def sign_up(self, request: Request) -> Answer:
        self.same_site(request)
        fields = request.form()
        if any(len(value) > MAX_OTHER for value in fields.values()):
            raise Refusal(413, "Te veel tekst", "Een van de velden is veel te lang; vul het "
                          "formulier opnieuw in op de site.")
        if fields.get(HONEYPOT, ""):
            raise Refusal(400, "Niet aangemeld", "Een veld dat leeg moet blijven, is "
                          "ingevuld; daarom is er niets aangemeld. Vul het formulier opnieuw "
                          "in op de site.")
        edition = fields.get("editie", "partners")
        if edition not in self.editions:
            raise Refusal(400, "Niet aangemeld", "Voor deze nieuwsbrief kunt u zich hier niet "
                          "aanmelden.")
        person, errors = self.person(fields)
        if errors or person is None:
            return self.form_again(edition, fields, errors)
        waiting = self.signups.wait(request.client)
        if waiting:
            raise too_many(waiting)
        version = fields.get("versie", "")
        note = self.register(edition, person, version if VERSION.fullmatch(version)
                             else privacy_version(self.config))
        return self.page(200, "message.html", edition, "Bijna klaar: kijk in uw mail", [
            "We hebben een mail gestuurd naar het adres dat u invulde. Open de link in die "
            "mail en druk op de knop om uw aanmelding te bevestigen; pas dan bent u "
            "aangemeld.",
            "Ziet u binnen een kwartier niets? Kijk ook bij uw ongewenste mail. De link werkt "
            f"{UNCONFIRMED_DAYS} dagen."], note=note)

    def person(self, fields: dict[str, str]) -> tuple[subs.NewSubscriber | None,
                                                       dict[str, str]]:
        errors: dict[str, str] = {}
        typed = fields.get("email", "").strip()
        email = ""
        if not typed:
            errors["email"] = "Vul uw e-mailadres in."
        elif len(typed) > MAX_ADDRESS:
            errors["email"] = f"Een e-mailadres is hoogstens {MAX_ADDRESS} tekens lang."
        else:
            try:
                email = subs.normalise_address(typed)
            except subs.AddressError:
                errors["email"] = ("Dit is geen e-mailadres; schrijf het zoals "
                                   "naam@organisatie.nl.")
        for key, label in (("naam", "De naam"), ("organisatie", "De organisatie")):
            if len(fields.get(key, "").strip()) > MAX_NAME:
                errors[key] = f"{label} is langer dan {MAX_NAME} tekens; kort hem in."
        if fields.get("toestemming") != "ja":
            errors["toestemming"] = ("Vink aan dat u de nieuwsbrief wilt ontvangen: zonder "
                                     "uw toestemming melden we u niet aan.")
        if errors:
            return None, errors
        return subs.NewSubscriber(email, one_line(fields.get("naam", "")),
                                  one_line(fields.get("organisatie", ""))), {}

    def form_again(self, edition: str, fields: dict[str, str],
                   errors: dict[str, str]) -> Answer:
        site = self.site(edition)
        form = signup_form(self.config, edition, self.prefix + SIGNUP_ACTION, site["privacy"],
                           FormState({k: v for k, v in fields.items() if k != HONEYPOT},
                                     errors))
        body = pages.page("form.html", title="Nieuwsbrief ontvangen", site=site,
                          lines=["Uw aanmelding is nog niet verstuurd: verbeter wat hieronder "
                                 "staat en druk opnieuw op Aanmelden."], form=form)
        return Answer(400, body, note="formulier niet in orde: " + ", ".join(sorted(errors)))

    def register(self, edition: str, person: subs.NewSubscriber, version: str) -> str:
        """Store the sign-up as pending (or see that it is active) and queue its mail; what
        happened, for the log. At most one mail per address every MAIL_GAP seconds."""
        db = self.db()
        now = clock.now()
        digest = address_hash(db, person.email)
        if not self.may_mail(f"{edition}:{digest}"):
            return "aanmelding: kort geleden al een mail gestuurd, niets gedaan"
        existing = subs.find(db, edition, digest)
        site = self.site(edition)
        if existing is not None and existing.status == "active":
            token = make_token(self.settings.secret, "unsubscribe", edition, person.email,
                               digest)
            text = mails.already_text(site["name"], EDITION_NAMES[edition],
                                      unsubscribe_url(self.service, token))
            self.send(person.email, text, now, f"al.{digest[:20]}")
            return "aanmelding: was al aangemeld, mail gestuurd"
        consent = subs.Consent(now, "aangemeld met het formulier op "
                               f"{site['signup']}, nog niet bevestigd",
                               f"{consent_sentence(self.config.public_name)} "
                               f"(privacyverklaring versie {version})")
        subs.put_pending(db, person, edition, consent)
        token = make_token(self.settings.secret, "confirm", edition, person.email, digest,
                           issued=now)
        text = mails.confirmation_text(site["name"], EDITION_NAMES[edition],
                                       f"{self.service}bevestigen/{token}", UNCONFIRMED_DAYS)
        self.send(person.email, text, now, f"bevestig.{digest[:20]}")
        return "aanmelding: wacht op bevestiging, mail gestuurd"

    def sweep(self) -> None:
        """Wipe sign-ups unconfirmed for UNCONFIRMED_DAYS: at the first request, then hourly
        (what the page "Privacy" promises)."""
        now = self.monotonic()
        with self.mailed_lock:
            if now - self.purged < PURGE_EVERY:
                return
            self.purged = now
        wiped = subs.forget_unconfirmed(self.db(), clock.now()
                                        - timedelta(days=UNCONFIRMED_DAYS))
        if wiped:
            log.info("%d onbevestigde aanmelding(en) gewist", wiped)

    def may_mail(self, key: str) -> bool:
        now = self.monotonic()
        with self.mailed_lock:
            if len(self.mailed) > 10_000:
                self.mailed = {k: t for k, t in self.mailed.items() if now - t < MAIL_GAP}
            last = self.mailed.get(key)
            if last is not None and now - last < MAIL_GAP:
                return False
            self.mailed[key] = now
            return True

    def send(self, recipient: str, text: mails.MailText, now: datetime, own: str) -> None:
        sender = self.config.settings.mail.sender
        domain = sender.rpartition("@")[2].rstrip(">") or "courant"
        message_id = f"<aanmelding.{own}.{int(time.time() * 1000)}@{domain}>"
        self.mailer(mails.compose(sender, recipient, text, now, message_id,
                                  self.settings.dkim_key))

    # -- confirming -------------------------------------------------------------------

    def confirm(self, request: Request, text: str) -> Answer:
        token, subscriber = self.lookup(text, "confirm")
        if subscriber is None:
            raise Refusal(404, "Deze aanmelding kennen we niet (meer)", "Misschien is hij "
                          f"niet binnen {UNCONFIRMED_DAYS} dagen bevestigd en daarom gewist, "
                          "of bent u inmiddels afgemeld. Meld u opnieuw aan op de site.")
        edition = token.edition
        if subscriber.status == "active":
            return self.page(200, "message.html", edition, "U bent al aangemeld", [
                f"Dit adres krijgt de nieuwsbrief voor {EDITION_NAMES[edition]} al. Er is "
                "niets veranderd."], note="bevestigen: was al aangemeld")
        now = clock.now()
        self.still_valid(token, subscriber, now)
        lines = [f"U meldt zich aan voor de nieuwsbrief voor {EDITION_NAMES[edition]}. Druk "
                 "op de knop om dat te bevestigen."]
        if request.method != "POST":
            return self.button(request, 200, edition, text, "Aanmelding bevestigen", lines,
                               "Aanmelding bevestigen", "bevestigen: pagina getoond")
        self.same_site(request)
        fields = request.form()
        if not formtokens.form_token_valid(self.settings.secret, text,
                                           fields.get(formtokens.FIELD, ""), now):
            return self.button(request, 400, edition, text, "Druk nog een keer op de knop",
                               ["Deze pagina stond te lang open, of de bevestiging kwam niet "
                                "van deze pagina. Er is nog niets veranderd.", *lines],
                               "Aanmelding bevestigen", "bevestigen: formuliercode ongeldig")
        site = self.site(edition)
        consent = subs.Consent(now, f"aangemeld met het formulier op {site['signup']} en "
                               "bevestigd met de knop achter de link in de bevestigingsmail "
                               "(dubbele opt-in)")
        subs.confirm(self.db(), edition, subscriber.address_hash, consent)
        return self.page(200, "message.html", edition, "U bent aangemeld", [
            f"Dank u wel. U krijgt voortaan de nieuwsbrief voor {EDITION_NAMES[edition]}.",
            "Afmelden kan altijd, met de link onderaan elke nieuwsbrief."],
            note="bevestigd")

    def still_valid(self, token: Token, subscriber: subs.Subscriber, now: datetime) -> None:
        issued = token.issued
        if issued is None or now - issued > timedelta(days=UNCONFIRMED_DAYS):
            raise Refusal(410, "Deze link is verlopen", f"Een bevestigingslink werkt "
                          f"{UNCONFIRMED_DAYS} dagen. Meld u opnieuw aan op de site; u krijgt "
                          "dan een nieuwe mail.")
        if int(issued.timestamp()) < int(datetime.fromisoformat(subscriber.added_at)
                                         .timestamp()):
            raise Refusal(410, "Er is een nieuwere mail", "U heeft zich daarna opnieuw "
                          "aangemeld: gebruik de link uit de nieuwste bevestigingsmail.")

    # -- leaving ----------------------------------------------------------------------

    def unsubscribe(self, request: Request, text: str, waiting: float) -> Answer:
        token, subscriber = self.lookup(text, "unsubscribe")
        edition = token.edition
        if request.method == "POST" and waiting and subscriber is None:
            raise too_many(waiting)
        if subscriber is None:
            if subs.left_by_reference(self.db(), edition, token.reference):
                return self.page(200, "message.html", edition, "U bent al afgemeld", [
                    f"Dit adres krijgt de nieuwsbrief voor {EDITION_NAMES[edition]} niet "
                    "meer. Er is niets veranderd."], note="afmelden: was al afgemeld")
            raise Refusal(404, "Deze link kennen we niet", "Deze afmeldlink hoort bij geen "
                          "enkel adres op de lijst. Gebruik de link uit de nieuwsbrief precies "
                          "zoals hij is.")
        lines = [f"Wilt u de nieuwsbrief voor {EDITION_NAMES[edition]} niet meer ontvangen? "
                 "Druk op de knop. We wissen dan meteen uw e-mailadres, naam en organisatie."]
        if request.method != "POST":
            return self.button(request, 200, edition, text, "Afmelden", lines, "Afmelden",
                               "afmelden: pagina getoond")
        fields = request.form()
        one_click = fields.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            self.same_site(request)
            if not formtokens.form_token_valid(self.settings.secret, text,
                                               fields.get(formtokens.FIELD, ""), clock.now()):
                return self.button(request, 400, edition, text, "Druk nog een keer op de knop",
                                   ["Deze pagina stond te lang open, of de afmelding kwam "
                                    "niet van deze pagina. Er is nog niets veranderd.", *lines],
                                   "Afmelden", "afmelden: formuliercode ongeldig")
        how = ("afgemeld met één klik in het mailprogramma (RFC 8058)" if one_click
               else "afgemeld met de knop op de afmeldpagina")
        subs.remove(self.db(), subscriber.address_hash, (edition,), clock.now(), how)
        return self.page(200, "message.html", edition, "U bent afgemeld", [
            f"U krijgt de nieuwsbrief voor {EDITION_NAMES[edition]} niet meer. We hebben uw "
            "e-mailadres, naam en organisatie gewist.",
            "Per ongeluk? U kunt zich altijd opnieuw aanmelden."],
            note="afgemeld (één klik)" if one_click else "afgemeld (knop)")

    # -- shared -----------------------------------------------------------------------

    def lookup(self, text: str, purpose: str) -> tuple[Token, subs.Subscriber | None]:
        """The token and its subscriber (None: nobody on the list has that reference); a
        Refusal when it is no token of this purpose or its signature does not match."""
        invalid = Refusal(400, "Deze link werkt niet", "Deze link is onvolledig of veranderd. "
                          "Open hem precies zoals hij in de mail staat, of kopieer hem in "
                          "zijn geheel.")
        try:
            token = read_token(text)
        except TokenError:
            raise invalid from None
        if token.purpose != purpose:
            raise invalid
        subscriber = subs.find_by_reference(self.db(), token.edition, token.reference)
        if subscriber is not None and not token.matches(self.settings.secret,
                                                        subscriber.email):
            raise invalid
        return token, subscriber

    def same_site(self, request: Request) -> None:
        """A browser's POST must come from one of the sites (or this host): its Origin."""
        origin = request.header("Origin")
        if not origin:
            return  # not a browser's cross-site request: browsers send Origin with a POST
        own = urlsplit("//" + request.header("Host")).hostname
        if urlsplit(origin).hostname not in self.hosts | {own}:
            raise Refusal(403, "Niet vanaf deze site", "Dit formulier kan alleen worden "
                          "verstuurd vanaf de site zelf. Er is niets veranderd.")

    def db(self) -> sqlite3.Connection:
        """This thread's connection to the subscribers database."""
        db: sqlite3.Connection | None = getattr(self.local, "db", None)
        if db is None:
            try:
                db = open_database(self.settings.database)
            except DatabaseError:
                raise Refusal(503, "Even niet beschikbaar", "De abonneelijst is nu niet te "
                              "bereiken. Probeer het over een paar minuten opnieuw.") from None
            self.local.db = db
        return db

    def site(self, edition: str) -> dict[str, str]:
        staff = edition == "staff"
        url = self.config.site_url if staff else self.config.public_url
        return {"name": self.config.site_name if staff else self.config.public_name,
                "url": url, "prefix": self.prefix, "privacy": url + "privacy/",
                "signup": url + "nieuwsbrief-ontvangen/"}

    def page(self, status: int, template: str, edition: str, title: str, lines: list[str],
             note: str = "", **context: Any) -> Answer:
        body = pages.page(template, title=title, lines=lines, site=self.site(edition),
                          **context)
        return Answer(status, body, note=note)

    def button(self, request: Request, status: int, edition: str, text: str, title: str,
               lines: list[str], label: str, note: str) -> Answer:
        """A page whose button posts back to its own address, with a fresh form token."""
        token = formtokens.form_token(self.settings.secret, text, clock.now())
        return self.page(status, "button.html", edition, title, lines, note=note,
                         action=request.path, form_token=token, button=label)

    def refused(self, refusal: Refusal) -> Answer:
        answer = self.page(refusal.status, "message.html", "partners", refusal.title,
                           [refusal.text], note=refusal.title.lower())
        answer.headers += refusal.headers
        return answer

    def failed(self, error: Exception) -> Answer:
        frames = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                           for f in traceback.extract_tb(error.__traceback__))
        log.error("interne fout %s (%s)", type(error).__name__, frames)  # no message: it
        return self.page(500, "message.html", "partners", "Er ging iets mis",  # may hold
                         ["Dat is onze fout, niet de uwe. Probeer het later opnieuw; er is "  # data
                          "niets veranderd."], note="interne fout")

    def not_found(self) -> Refusal:
        return Refusal(404, "Deze pagina bestaat niet", "Op dit adres staat niets. Aanmelden "
                       "voor de nieuwsbrief kan op de site.")

    def shown(self, path: str) -> str:
        """The path for the log: the route, never a token or anything else a visitor typed."""
        rest = path[len(self.prefix):] if path.startswith(self.prefix) else None
        if rest is None:
            return "(ander adres)"
        match = TOKEN_PATH.fullmatch(rest)
        if match:
            return f"{self.prefix}{match.group(1)}/…"
        known = ("", pages.STYLESHEET, SIGNUP_ACTION)
        return self.prefix + rest if rest in known else f"{self.prefix}(onbekend)"


def one_line(text: str) -> str:
    """A name as one line of printable text: it goes into the To header of every mail."""
    printable = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return " ".join(printable.split())


def allow(request: Request, *methods: str) -> None:
    if request.method not in methods:
        raise Refusal(405, "Dat kan hier niet", f"Dit adres kent alleen "
                      f"{' en '.join(m for m in methods if m != 'HEAD')}; "
                      f"{request.method} niet.",
                      headers=[("Allow", ", ".join(methods))])


def too_many(seconds: float) -> Refusal:
    wait = int(seconds + 0.999)
    return Refusal(429, "Even wachten", f"Er kwamen te veel verzoeken van uw adres. Probeer "
                   f"het over {wait} seconden opnieuw.", headers=[("Retry-After", str(wait))])
