"""What the machine refused, in Dutch: a full disk, no permission, a dist/ that cannot be
replaced. Not an editor's mistake (exit code 1) nor a template's (2): `courant` ends these
with exit code 3 and a sentence saying what happened and what to do."""

from __future__ import annotations

import errno
import os


class SystemFault(Exception):
    """The machine, not the sources, stops the build; the message is the Dutch sentence."""


# errno -> (what happened, what to do); {path} is the file or folder concerned
_SENTENCES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("de schijf is vol",  # the file named may be the one copied from
                   "maak ruimte vrij op de schijf van {place} en bouw opnieuw"),
    errno.EDQUOT: ("de schijfruimte van deze gebruiker is op",
                   "maak ruimte vrij op de schijf van {place} of vraag de beheerder om meer "
                   "ruimte, en bouw opnieuw"),
    errno.EACCES: ("er is geen toestemming voor {path}",
                   "bouw als de gebruiker die eigenaar is van het project, of geef die "
                   "gebruiker schrijfrecht op die map"),
    errno.EROFS: ("{path} ligt op een schijf waarop niet geschreven mag worden",
                  "koppel die schijf met schrijfrecht, of bouw in een andere map"),
    errno.EBUSY: ("{path} is in gebruik en kan niet vervangen worden (is het een koppelpunt, "
                  "een mount point?)",
                  "koppel de schijf een map hoger, of maak van dist/ een symbolische koppeling "
                  "naar een map op die schijf"),
    errno.EXDEV: ("{path} ligt op een andere schijf dan de map erboven en kan niet in één stap "
                  "vervangen worden",
                  "laat dist/ op dezelfde schijf als zijn bovenliggende map staan, of maak er "
                  "een symbolische koppeling van naar een map op die schijf"),
    errno.EFBIG: ("een bestand wordt groter dan deze computer toestaat (bij {path})",
                  "verhoog de limiet voor de grootte van bestanden (ulimit -f) en bouw opnieuw"),
    errno.EMFILE: ("er staan te veel bestanden tegelijk open",
                   "verhoog de limiet (ulimit -n) en bouw opnieuw"),
    errno.ENOMEM: ("het geheugen is op", "sluit andere programma's en bouw opnieuw"),
    errno.EIO: ("de schijf gaf een lees- of schrijffout (bij {path})",
                "laat de beheerder de schijf nakijken"),
}
_SENTENCES[errno.EPERM] = _SENTENCES[errno.EACCES]
_SENTENCES[errno.ENFILE] = _SENTENCES[errno.EMFILE]


def explain(error: OSError, place: str | os.PathLike[str] | None = None) -> str:
    """'de schijf is vol; maak ruimte vrij op de schijf van dist en bouw opnieuw (ENOSPC)'.
    `place`: where the command writes (dist/), named when the disk is full."""
    happened, todo = _SENTENCES.get(error.errno or 0, (
        "het besturingssysteem weigerde een bewerking (bij {path})",
        "los de oorzaak op en bouw opnieuw"))
    name = errno.errorcode.get(error.errno or 0, "")
    code = f" ({name})" if name else (f" ({error.strerror})" if error.strerror else "")
    where = {"path": _shown(error.filename),
             "place": _shown(place) if place is not None else "het project"}
    return f"{happened.format(**where)}; {todo.format(**where)}{code}"


def _shown(filename: object) -> str:
    if filename is None:
        return "een bestand of map"
    name = os.fsdecode(filename) if isinstance(filename, (str, bytes)) else str(filename)
    relative = os.path.relpath(name) if os.path.isabs(name) else name
    return name if relative.startswith("..") else relative
