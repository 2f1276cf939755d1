"""Debian's nginx for tests: one process in the foreground, as the user running the tests, with
a whole nginx.conf around the shipped snippets (scripts/nginx/), on a free port of 127.0.0.1.
`nginx_serving` serves a folder with scripts/nginx/courant.conf, as the README's "Hosting"
sets it up, for the tests that poll it like feed readers and calendar clients do; `nginx`
serves any server block (the subscription service behind abonnement.conf)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT

SNIPPETS = ROOT / "scripts" / "nginx"
SNIPPET = SNIPPETS / "courant.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if found is None:
        pytest.fail("nginx is not installed: run scripts/install-system.sh (nginx-light)")
    return found


def _temp_paths(nginx: str, run: Path) -> str:
    """Temp folders inside `run` for every module this nginx has (the defaults need root)."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    lines = [f"client_body_temp_path {run}/body;"]
    for module in ("proxy", "fastcgi", "uwsgi", "scgi"):
        if f"--without-http_{module}_module" not in built:
            lines.append(f"{module}_temp_path {run}/{module};")
    return "\n    ".join(lines)


def wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path,
                         what: str = "nginx") -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopped: " + (log.read_text() if log.exists() else ""))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"{what} did not start listening: " + (log.read_text() if log.exists() else ""))


@contextmanager
def nginx(run: Path, server_block: str) -> Iterator[int]:
    """nginx serving `server_block` (its `listen` line is added) on a free port; the port."""
    binary = nginx_binary()
    port = free_port()
    config = run / "nginx.conf"
    config.write_text(f"""
daemon off;
master_process off;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run}/access.log;
    {_temp_paths(binary, run)}
    server {{
        listen 127.0.0.1:{port};
        {server_block}
    }}
}}
""", encoding="utf-8")
    log = run / "error.log"
    check = subprocess.run([binary, "-t", "-p", str(run), "-c", str(config), "-e", str(log)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([binary, "-p", str(run), "-c", str(config), "-e", str(log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(process, port, log)
        yield port
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def nginx_serving(root: Path, run: Path) -> Iterator[str]:
    """nginx serving `root` with courant.conf (its config, logs and temp files in `run`):
    yields the base URL, ending in /; stops nginx at the end."""
    run.mkdir(parents=True, exist_ok=True)
    with nginx(run, f"root {root};\n        include {SNIPPET};") as port:
        yield f"http://127.0.0.1:{port}/"
