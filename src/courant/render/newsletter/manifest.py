"""dist/mail/YYYY-MM/manifest.json: the mails of one issue, described for a mailing tool.

For municipalities that send with Laposta, Mailchimp, Spotler or the like: per edition the
subject, the preheader (the tool's "preview text"), sender and reply-to, the web version, the
unsubscribe address the mail shows, and each file's name, size and SHA-256, and when the
edition was sent (null while open). No addresses of recipients: there are none in dist/.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email.utils import parseaddr

from courant.model import Sent
from courant.render.newsletter.email import Mail, MailSite

FORMAT = 1


@dataclass(frozen=True, slots=True)
class ManifestMail:
    mail: Mail
    site: MailSite
    files: dict[str, bytes]  # file name (partners.html) -> its bytes
    sent: Sent | None = None


def manifest_json(mails: list[ManifestMail]) -> bytes:
    """The manifest of one month's mails (staff first), as UTF-8 JSON."""
    first = mails[0].mail
    data = {
        "format": FORMAT,
        "month": first.month,
        "date": first.day.isoformat(),
        "editions": [_edition(m) for m in sorted(mails, key=lambda m: m.mail.edition.value,
                                                 reverse=True)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _edition(made: ManifestMail) -> dict[str, object]:
    name, address = parseaddr(made.site.sender)
    kinds = {"html": "text/html", "txt": "text/plain", "eml": "message/rfc822"}
    return {
        "edition": made.mail.edition.value,
        "subject": made.mail.subject,
        "preheader": made.mail.preheader,
        "from": {"name": name or made.site.name, "address": address},
        "reply_to": made.site.reply_to or address,
        "web_version": made.mail.web_url,
        "unsubscribe": made.site.unsubscribe if made.mail.edition.value == "partners" else None,
        "files": [{"name": file, "type": kinds[file.rpartition(".")[2]], "bytes": len(data),
                   "sha256": hashlib.sha256(data).hexdigest()}
                  for file, data in sorted(made.files.items())],
        "sent": made.sent.time.isoformat() if made.sent else None,
    }
