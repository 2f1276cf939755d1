"""Starting `courant service`: its settings checked (in Dutch, before it listens), then the
application served by waitress.

waitress is a production WSGI server in pure Python: no fork model and no C extension, so it
runs the same on any host the project's Python runs on, with a fixed pool of threads.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import FrameType

from courant.deliver.database import DatabaseError, open_database
from courant.deliver.messages import DkimError, load_dkim
from courant.deliver.smtp import PASSWORD_VARIABLE, Relay
from courant.deliver.tokens import SecretMissing, secret_from
from courant.read.config import load_config
from courant.service.app import Settings, SubscriptionService
from courant.service.limits import proxies_from
from courant.service.mails import Mailer

log = logging.getLogger("courant.service")
THREADS = 4
MAX_REQUEST = 64 * 1024  # waitress refuses more itself; the application says so from 8 kB


class ServiceRefused(Exception):
    """The service cannot start; str() says why and what to do, in Dutch."""


def service_settings(root: Path, proxies: Iterable[str], per_minute: int,
                     environ: Mapping[str, str] = os.environ) -> Settings:
    config = load_config(root / "mkdocs.yml")
    mail = config.settings.mail
    if mail.service is None:
        raise ServiceRefused("extra.courant.mail.service ontbreekt in mkdocs.yml; zet daar "
                             "het https-adres waarop nginx de service doorgeeft, bijvoorbeeld "
                             "'https://sociaaldomein.waalstad.nl/abonnement/'")
    if mail.smtp is None:
        raise ServiceRefused("extra.courant.mail.smtp ontbreekt in mkdocs.yml; de service "
                             "verstuurt de bevestigingsmails via dezelfde mailserver als "
                             "courant send (zie docs/sending.md)")
    if mail.smtp.username and not environ.get(PASSWORD_VARIABLE):
        raise ServiceRefused(f"{PASSWORD_VARIABLE} ontbreekt: het wachtwoord van "
                             f"'{mail.smtp.username}' komt alleen uit die omgevingsvariabele")
    try:
        secret = secret_from(environ)
        trusted = proxies_from(proxies)
        dkim_key = load_dkim(mail.dkim, root) if mail.dkim else None
    except (SecretMissing, DkimError) as err:
        raise ServiceRefused(str(err)) from None
    except ValueError as err:
        raise ServiceRefused(f"--proxy: {err}") from None
    database = root / mail.database
    try:
        open_database(database).close()
    except DatabaseError as err:
        raise ServiceRefused(str(err)) from None
    return Settings(config, secret, database, trusted, per_minute=per_minute,
                    dkim_key=dkim_key)


def run(settings: Settings, root: Path, host: str, port: int,
        environ: Mapping[str, str] = os.environ) -> None:
    """Serve until SIGTERM or Ctrl+C; mails still queued are sent before it stops."""
    from waitress.server import create_server

    smtp = settings.config.settings.mail.smtp
    assert smtp is not None
    password = environ.get(PASSWORD_VARIABLE)
    mailer = Mailer(lambda: Relay(smtp, password, root), settings.config.settings.mail.sender)
    app = SubscriptionService(settings, mailer.put)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="courant",
                               max_request_body_size=MAX_REQUEST, channel_timeout=30)
    except OSError as err:
        mailer.stop()
        raise ServiceRefused(f"kan niet luisteren op {host}:{port} ({err.strerror}); kies "
                             "een andere --port, of stop wat daar al draait") from None
    signal.signal(signal.SIGTERM, _stop)
    log.info("courant service luistert op http://%s:%d%s (voor %s)", host, port, app.prefix,
             app.service)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        mailer.stop()
        log.info("courant service gestopt")


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def configure_logging() -> None:
    """One line per request on stderr (systemd's journal keeps it); no addresses in it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s",
                                           "%Y-%m-%dT%H:%M:%S%z"))
    for name in ("courant.service", "waitress"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
