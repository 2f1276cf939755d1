"""What `courant send` says when it is done, in Dutch, with counts and never an address."""

from __future__ import annotations

from courant import wording
from courant.clock import AMSTERDAM
from courant.deliver.send import Outcome
from courant.wording import EDITION_NAMES, counted, number

EXIT_STOPPED = 3  # the run stopped half way: run it again
EXIT_DEFERRED = 4  # temporary refusals are left: run it again later


def exit_code(outcome: Outcome) -> int:
    if outcome.stopped is not None:
        return EXIT_STOPPED
    if outcome.kind == "test" and outcome.sent == 0:
        return 1
    return EXIT_DEFERRED if outcome.deferred else 0


def describe(outcome: Outcome) -> list[str]:
    what = f"{outcome.month} ({EDITION_NAMES[outcome.edition]}, \u2018{outcome.subject}\u2019)"
    lines = []
    if outcome.kind == "marked":
        return [f"Nummer {what} is gesloten als verstuurd buiten courant; vastgelegd in "
                f"{outcome.record.name if outcome.record else 'het verslag'}: commit dat "
                "bestand. courant send bereikt voortaan alleen wie er sindsdien bij kwam."]
    if outcome.before is not None and outcome.kind != "test":
        lines.append(f"Dit nummer ging al uit op {_day(outcome)}: het gaat alleen naar wie "
                     "het nog niet heeft.")
    if outcome.kind == "dry-run":
        lines.append(f"Proef, er is niets verstuurd: {what} zou naar "
                     f"{counted(outcome.total, 'ontvanger', 'ontvangers')} gaan, "
                     f"{number(outcome.size)} bytes per bericht{_duration(outcome)}.")
    elif outcome.kind == "test":
        lines.append(f"Testbericht van {what} verstuurd naar het opgegeven adres."
                     if outcome.sent else "De mailserver weigerde het testbericht.")
    elif outcome.kind == "nothing":
        lines.append(f"Nummer {what} heeft iedereen al bereikt "
                     f"({counted(outcome.had_it, 'abonnee', 'abonnees')}); er kwam sindsdien "
                     "niemand bij.")
    else:
        lines.extend(_sent(outcome, what))
    return lines + _doubt(outcome)


def _sent(outcome: Outcome, what: str) -> list[str]:
    lines = [f"Verstuurd: {outcome.sent} van {counted(outcome.total, 'bericht', 'berichten')} "
             f"van {what}, in {duration(outcome.seconds)}."]
    if outcome.record is not None:
        lines.append(f"Het nummer is gesloten: newsletter/{outcome.record.name}. Commit dat "
                     "bestand met de bronnen.")
    if outcome.deferred:
        lines.append(f"{counted(outcome.deferred, 'bericht', 'berichten')} tijdelijk geweigerd "
                     "(4xx): start courant send later opnieuw, dan krijgen alleen zij het.")
    if outcome.failed or outcome.answers:
        lines.append(f"Blijvend geweigerd (5xx), niet opnieuw geprobeerd: "
                     f"{'; '.join(outcome.answers)}. Haal die adressen weg met courant "
                     "subscribers remove, of verbeter ze.")
    if outcome.stopped is not None:
        lines.append(f"Gestopt na {outcome.sent} van {outcome.total}: {outcome.stopped}. Start "
                     "dezelfde courant send opnieuw: die gaat verder met wie het nog niet heeft, "
                     "en niemand krijgt het twee keer.")
    return lines


def _doubt(outcome: Outcome) -> list[str]:
    if not outcome.in_doubt:
        return []
    return [f"{counted(outcome.in_doubt, 'bericht was', 'berichten waren')} onderweg toen een "
            "eerdere courant send stopte: of het aankwam is niet zeker, dus courant stuurt het "
            "niet nog eens. Zoek de Message-ID (nieuwsbrief."
            f"{outcome.month}.{outcome.edition}.…) in het log van de mailserver; kwam het niet "
            "aan, stuur dan met --onzeker-opnieuw."]


def _day(outcome: Outcome) -> str:
    assert outcome.before is not None
    return wording.day(outcome.before.time.astimezone(AMSTERDAM).date())


def _duration(outcome: Outcome) -> str:
    if not outcome.per_minute or not outcome.total:
        return ""
    return (f"; bij {outcome.per_minute} per minuut duurt dat ongeveer "
            f"{duration(outcome.total * 60 / outcome.per_minute)}")


def duration(seconds: float) -> str:
    """75 -> '1 minuut en 15 seconden'; 3900 -> '1 uur en 5 minuten'."""
    whole = round(seconds)
    if whole < 60:
        return counted(whole, "seconde", "seconden")
    hours, minutes = divmod(whole // 60, 60)
    rest = whole % 60 if not hours else 0
    parts = [counted(hours, "uur", "uur")] if hours else []
    if minutes:
        parts.append(counted(minutes, "minuut", "minuten"))
    if rest:
        parts.append(counted(rest, "seconde", "seconden"))
    return " en ".join(parts)
