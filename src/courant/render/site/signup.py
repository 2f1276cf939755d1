"""The page "Nieuwsbrief ontvangen" of both sites, and the sign-up form itself.

Three cases, from mkdocs.yml (extra.courant.mail): with `signup.tool` the page links to that
mailing tool's own form; else with `service` (courant service) it holds a form that works
without JavaScript and posts to the service; else it says whom to mail. The site's edition
must be in `signup.editions` for a form (partners by default; the intranet's staff edition only
when listed). The subscription service shows the same form, filled in, when a sign-up was
refused, so both come from `signup_form` here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html import escape
from urllib.parse import urlsplit

from courant.read.config import Config
from courant.render.markdown import esc, front
from courant.render.site.chrome import NEWSLETTER_CRUMB, text_meta
from courant.render.site.pages import Site, SitePage
from courant.render.site.privacy import (
    PRIVACY_PATH,
    consent_sentence,
    privacy_page,
    privacy_version,
)
from courant.wording import EDITION_NAMES

SIGNUP_PATH = "nieuwsbrief-ontvangen.md"
SIGNUP_TITLE = "Nieuwsbrief ontvangen"
SIGNUP_ACTION = "aanmelden"  # below the service's address
HONEYPOT = "website"  # a field people never see; a filled one is a robot
MAX_NAME = 200  # the same limit as the CSV import (subscribers.MAX_FIELD)
MAX_ADDRESS = 254


@dataclass(frozen=True, slots=True)
class FormState:
    """What the form shows: the values typed so far, and a Dutch message per field."""

    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def form_action(config: Config, site_url: str) -> str | None:
    """Where the form posts: the service's address, without its host when the site is on the
    same host (a same-origin post); None without a service."""
    service = config.settings.mail.service
    if service is None:
        return None
    target, site = urlsplit(service), urlsplit(site_url)
    if (target.scheme, target.netloc) == (site.scheme, site.netloc):
        return target.path + SIGNUP_ACTION
    return service + SIGNUP_ACTION


def signup_form(config: Config, edition: str, action: str, privacy_href: str,
                state: FormState | None = None) -> str:
    """The form's HTML (one block, no blank lines, so Markdown leaves it alone)."""
    state = state or FormState()
    values, errors = state.values, state.errors
    lines = [f'<form class="courant-signup" method="post" action="{escape(action)}" '
             'accept-charset="utf-8">']
    if errors:
        lines += ['<div class="courant-errors" role="alert">',
                  "<h2>Er ging iets mis</h2>", "<ul>"]
        lines += [f'<li><a href="#{escape(key)}">{escape(text)}</a></li>'
                  for key, text in errors.items()]
        lines += ["</ul>", "</div>"]
    lines += _field("email", "E-mailadres", "email", "email", values, errors, required=True,
                    limit=MAX_ADDRESS)
    lines += _field("naam", "Naam (niet verplicht)", "text", "name", values, errors,
                    limit=MAX_NAME)
    lines += _field("organisatie", "Organisatie (niet verplicht)", "text", "organization",
                    values, errors, limit=MAX_NAME)
    lines += [
        f'<p class="courant-hp" aria-hidden="true"><label for="{HONEYPOT}">Laat dit veld '
        f'leeg</label><input id="{HONEYPOT}" name="{HONEYPOT}" type="text" tabindex="-1" '
        'autocomplete="off"></p>',
        '<p class="courant-privacy">We gebruiken uw e-mailadres, naam en organisatie alleen '
        "om u de nieuwsbrief te sturen. U krijgt eerst een mail met een link om uw "
        "aanmelding te bevestigen. Afmelden kan altijd, met één klik onderaan elke "
        f'nieuwsbrief. Lees in de <a href="{escape(privacy_href)}">privacyverklaring</a> wat '
        "we bewaren en hoe lang.</p>",
    ]
    checked = " checked" if values.get("toestemming") == "ja" else ""
    problem = errors.get("toestemming")
    described = ' aria-describedby="toestemming-fout" aria-invalid="true"' if problem else ""
    if problem:  # above the checkbox and its label, which sit side by side
        lines.append(f'<p class="courant-error" id="toestemming-fout">{escape(problem)}</p>')
    lines.append('<p class="courant-consent">')
    lines += [f'<input id="toestemming" name="toestemming" type="checkbox" value="ja" '
              f"required{checked}{described}>",
              f'<label for="toestemming">{escape(consent_sentence(config.public_name))}'
              "</label>", "</p>",
              f'<input type="hidden" name="editie" value="{escape(edition)}">',
              f'<input type="hidden" name="versie" value="{privacy_version(config)}">',
              '<p><button class="md-button md-button--primary" type="submit">Aanmelden'
              "</button></p>",
              "</form>"]
    return "\n".join(lines)


def _field(name: str, label: str, kind: str, autocomplete: str, values: Mapping[str, str],
           errors: Mapping[str, str], limit: int, required: bool = False) -> list[str]:
    problem = errors.get(name)
    attributes = [f'id="{name}"', f'name="{name}"', f'type="{kind}"',
                  f'autocomplete="{autocomplete}"', f'maxlength="{limit}"',
                  f'value="{escape(values.get(name, ""))}"']
    if kind == "email":
        attributes.append('spellcheck="false"')
    if required:
        attributes.append("required")
    if problem:
        attributes += [f'aria-describedby="{name}-fout"', 'aria-invalid="true"']
    lines = ['<p class="courant-field">', f'<label for="{name}">{escape(label)}</label>']
    if problem:
        lines.append(f'<span class="courant-error" id="{name}-fout">{escape(problem)}</span>')
    lines += [f"<input {' '.join(attributes)}>", "</p>"]
    return lines


def signup_page(config: Config, edition: str, site_url: str) -> str:
    """The page "Nieuwsbrief ontvangen" of the site at `site_url` (its edition: `edition`)."""
    mail = config.settings.mail
    parts = [front(SIGNUP_TITLE, "Meld u aan voor de nieuwsbrief",
                   **text_meta(NEWSLETTER_CRUMB)), f"# {SIGNUP_TITLE}\n"]
    label = EDITION_NAMES[edition]
    action = form_action(config, site_url)
    if edition not in mail.signup.editions:
        parts.append(_not_open(config, edition))
    elif mail.signup.tool:
        parts.append(f"Elke maand verschijnt de nieuwsbrief voor {label}, met nieuws uit de "
                     "afdelingen, de agenda en tips. Aanmelden gaat via "
                     f"[het aanmeldformulier]({mail.signup.tool}) van onze mailingdienst.\n")
    elif action is not None:
        parts.append(f"Elke maand verschijnt de nieuwsbrief voor {label}, met nieuws uit de "
                     "afdelingen, de agenda en tips. Vul uw e-mailadres in; u krijgt dan een "
                     "mail om uw aanmelding te bevestigen.\n")
        parts.append(signup_form(config, edition, action, "../privacy/") + "\n")
    else:
        parts.append(_by_mail(config, label))
    parts.append("Wat we bewaren en hoe lang, staat in de [privacyverklaring](privacy.md).\n")
    return "\n".join(parts)


def _not_open(config: Config, edition: str) -> str:
    if edition == "staff":
        contact = config.settings.mail.reply_to
        ask = (f" Krijg je hem niet? Mail naar [{esc(contact)}](mailto:{contact})."
               if contact else "")
        return ("De nieuwsbrief voor medewerkers gaat elke maand naar alle collega's van het "
                f"Sociaal Domein.{ask} Partners melden zich aan op "
                f"[de site voor partners]({config.public_url}nieuwsbrief-ontvangen/).\n")
    return "Aanmelden voor deze nieuwsbrief kan niet op deze site.\n"


def _by_mail(config: Config, label: str) -> str:
    contact = config.settings.mail.reply_to
    if not contact:
        return f"Aanmelden voor de nieuwsbrief voor {label} kan nog niet op deze site.\n"
    return (f"Wilt u de nieuwsbrief voor {label} ontvangen? Mail uw naam en organisatie naar "
            f"[{esc(contact)}](mailto:{contact}?subject=Aanmelden%20nieuwsbrief).\n")


def with_subscription_pages(site: Site, config: Config, edition: str) -> Site:
    """`site` with its pages "Nieuwsbrief ontvangen" (in the menu under Nieuwsbrief) and
    "Privacy" (in every page's footer). A standing page an editor wrote at either path wins;
    courant's own are `trusted`: the partner site's sanitiser would take the form out."""
    taken = {page.path for page in site.pages}
    made = {SIGNUP_PATH: (SIGNUP_TITLE, signup_page(config, edition, site.url)),
            PRIVACY_PATH: ("Privacy", privacy_page(config))}
    pages = [SitePage(path, markdown) for path, (_, markdown) in made.items()
             if path not in taken]
    return replace(site, pages=(*site.pages, *pages),
                   trusted=site.trusted | {p.path for p in pages})
