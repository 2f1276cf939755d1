"""The relay's refusals before anything is sent: TLS that cannot be set up, a certificate that
is not trusted, failed authentication; and a good STARTTLS login. Real aiosmtpd servers with a
certificate made here by openssl."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from courant.deliver.smtp import Relay, RelayError
from courant.read.config import SmtpSettings
from mailservers import Recorder, running

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is missing")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return key, cert


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                  data: Any) -> AuthResult:
    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        b"nieuwsbrief", b"juist")
    return AuthResult(success=good, handled=False)


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[int]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[1]), str(certificate[0]))
    for controller in running(Recorder(), tls_context=context, require_starttls=True,
                              authenticator=authenticator, auth_require_tls=True):
        yield controller.port


@pytest.fixture
def plain_server() -> Iterator[int]:
    for controller in running(Recorder(), authenticator=authenticator,
                              auth_require_tls=False):
        yield controller.port


def relay(port: int, password: str | None = "juist", **settings: Any) -> Relay:
    return Relay(SmtpSettings(host="127.0.0.1", port=port, **settings), password, Path("/"))


def refusal(relay: Relay) -> str:
    with pytest.raises(RelayError) as refused:
        relay.open()
    return str(refused.value)


def test_starttls_with_the_relays_own_authority_and_a_login(
        tls_server: int, certificate: tuple[Path, Path]) -> None:
    connection = relay(tls_server, username="nieuwsbrief", ca_file=str(certificate[1]))
    connection.open()
    assert connection.connection is not None and connection.connection.sock is not None
    assert isinstance(connection.connection.sock, ssl.SSLSocket)
    connection.close()


def test_an_untrusted_certificate_is_refused(tls_server: int) -> None:
    assert refusal(relay(tls_server, username="nieuwsbrief")).startswith(
        f"een versleutelde verbinding (TLS) met 127.0.0.1:{tls_server} kon niet worden "
        "opgezet (het certificaat is niet te vertrouwen: self-signed certificate)")


def test_a_relay_without_starttls_is_refused(plain_server: int) -> None:
    assert refusal(relay(plain_server)) == (
        f"een versleutelde verbinding (TLS) met 127.0.0.1:{plain_server} kon niet worden "
        "opgezet (de server biedt geen STARTTLS aan); controleer security, port en zo nodig "
        "ca_file onder extra.courant.mail.smtp")


def test_a_wrong_password_is_refused(plain_server: int) -> None:
    message = refusal(relay(plain_server, password="fout", username="nieuwsbrief",
                            security="none"))
    assert message.startswith(f"inloggen bij 127.0.0.1:{plain_server} als 'nieuwsbrief' lukte "
                              "niet (535 ")
    assert message.endswith("controleer username in mkdocs.yml en COURANT_SMTP_PASSWORD")


def test_no_password_over_an_unencrypted_line_to_another_machine() -> None:
    connection = Relay(SmtpSettings(host="smtp.waalstad.nl", security="none",
                                    username="nieuwsbrief"), "juist", Path("/"))
    assert refusal(connection).startswith("inloggen bij smtp.waalstad.nl:25 zonder "
                                          "versleuteling zou het wachtwoord leesbaar")
