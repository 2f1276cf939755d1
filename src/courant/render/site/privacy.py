"""The page "Privacy" of both sites: the privacy statement of the mailing list (AVG).

Made from mkdocs.yml (extra.courant.mail.privacy, and the sign-up settings) by every build, so
it says what courant really stores and for how long. Its version (a hash of the text and of
the consent sentence of the sign-up form) is what the subscription service records as the
"which text" of a subscriber's proof of consent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from courant.read.config import Config
from courant.render.markdown import esc, front
from courant.render.site.chrome import text_meta

PRIVACY_PATH = "privacy.md"
UNCONFIRMED_DAYS = 7
"""An unconfirmed sign-up (and its confirmation link) lasts this long, then it is wiped."""


@dataclass(frozen=True, slots=True)
class PrivacyFacts:
    """Who is responsible and whom to ask, from the settings (with their defaults)."""

    controller: str
    contact: str | None
    officer: str | None
    log_days: int
    signup_editions: tuple[str, ...]


def privacy_facts(config: Config) -> PrivacyFacts:
    mail = config.settings.mail
    privacy = mail.privacy
    copyright_line = config.raw.get("copyright")
    controller = privacy.controller or (str(copyright_line) if copyright_line
                                        else config.public_name)
    contact = privacy.contact or mail.reply_to
    return PrivacyFacts(controller, contact, privacy.officer, privacy.log_days,
                        tuple(mail.signup.editions))


def consent_sentence(site_name: str) -> str:
    """The label of the sign-up form's checkbox: what a subscriber agrees to."""
    return (f"Ja, ik wil de nieuwsbrief van {site_name} per e-mail ontvangen. Ik heb gelezen "
            "wat er met mijn gegevens gebeurt en weet dat ik me altijd kan afmelden.")


def privacy_markdown(config: Config) -> str:
    """The statement's text (without front matter): the same on both sites."""
    facts = privacy_facts(config)
    who = esc(facts.controller)
    parts = [
        "# Privacy\n",
        f"Deze verklaring gaat over de nieuwsbrief van {esc(config.public_name)}: wat we "
        "bewaren als u zich aanmeldt, waarom, hoe lang, en hoe u het kunt inzien of laten "
        f"verwijderen. {who} is verantwoordelijk voor deze gegevens "
        "(verwerkingsverantwoordelijke volgens de AVG).\n",
        "## Wat we bewaren\n",
        "- Uw **e-mailadres**, en als u die invult uw **naam** en **organisatie**.",
        "- Het **bewijs van uw toestemming**: wanneer u zich aanmeldde en bevestigde, welke "
        "versie van deze tekst u zag, en hoe (met het formulier en de link in de "
        "bevestigingsmail).",
        "- Welk nummer van de nieuwsbrief naar u is verstuurd, en of dat lukte. Daarvoor "
        "bewaren we niet uw adres maar een versleutelde vingerafdruk ervan.\n",
        "We meten niet of u de nieuwsbrief opent of op links klikt: er zitten geen "
        "meetpixels of doorstuurlinks in. We geven uw gegevens aan niemand anders en "
        "gebruiken ze nergens anders voor.\n",
        "## Waarom\n",
        "Om u de nieuwsbrief te sturen, omdat u daar zelf om vroeg. De grondslag is uw "
        "toestemming (artikel 6, lid 1a AVG). U kunt die altijd intrekken door u af te "
        "melden.\n",
        "## Hoe lang\n",
        f"- Een aanmelding die u niet bevestigt, wissen we na {UNCONFIRMED_DAYS} dagen; "
        f"de link in de bevestigingsmail werkt ook {UNCONFIRMED_DAYS} dagen.",
        "- Zolang u bent aangemeld, bewaren we uw gegevens.",
        "- Meldt u zich af, dan wissen we meteen uw e-mailadres, naam en organisatie. Alleen "
        "de versleutelde vingerafdruk van uw adres blijft, zodat we u niet per ongeluk "
        "opnieuw aanmelden. Meldt u zich later zelf weer aan, dan vervalt die.",
        f"- De webserver houdt een logboek bij van bezoeken (met IP-adres, zonder "
        f"e-mailadres). Dat wissen we na {facts.log_days} dagen.\n",
        "## Inzien, verbeteren of verwijderen\n",
        "- **Afmelden**: met de link onderaan elke nieuwsbrief."
        + (" Eén klik op de knop is genoeg." if config.settings.mail.service else ""),
    ]
    if facts.contact:
        parts.append(f"- **Inzien, verbeteren of laten verwijderen**: mail naar "
                     f"[{esc(facts.contact)}](mailto:{facts.contact}). U krijgt binnen een "
                     "maand antwoord, met alles wat we over uw adres bewaren.")
    if facts.officer:
        parts.append(f"- **Functionaris gegevensbescherming**: "
                     f"[{esc(facts.officer)}](mailto:{facts.officer}).")
    parts.append("- **Klacht**: bent u het niet eens met hoe we met uw gegevens omgaan, dan "
                 "kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.\n")
    return "\n".join(parts)


def privacy_version(config: Config) -> str:
    """A short fingerprint of the statement and the consent sentence: which text a subscriber
    agreed to (recorded with their consent; the text itself is in the project's history)."""
    text = privacy_markdown(config) + "\0" + consent_sentence(config.public_name)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def privacy_page(config: Config) -> str:
    """The whole page, front matter included."""
    return (front("Privacy", "Wat er met uw gegevens gebeurt als u de nieuwsbrief ontvangt",
                  **text_meta())
            + "\n" + privacy_markdown(config)
            + f"\nVersie {privacy_version(config)}\n{{ .courant-meta }}\n")
