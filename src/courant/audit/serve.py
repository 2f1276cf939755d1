"""The built sites served on 127.0.0.1 (a thread each), at the path their address gives them.

The intranet lives at https://intranet.example/sociaal-domein/, so it is served below
/sociaal-domein/ here too: links and the 404 page use that path, and must work as they will.
"""

from __future__ import annotations

import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class _Handler(SimpleHTTPRequestHandler):
    """Static files below `prefix`; nothing outside it; no log lines on the terminal."""

    def __init__(self, *args: Any, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / ".courant-not-here")
        return super().translate_path("/" + route.removeprefix(self.prefix))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Served:
    folder: Path
    origin: str  # http://127.0.0.1:PORT
    prefix: str  # "/sociaal-domein/"

    @property
    def base(self) -> str:
        return self.origin + self.prefix

    def url(self, path: str) -> str:
        """The address of a file below the folder ('nieuws/x/index.html' -> .../nieuws/x/)."""
        return self.base + path.removesuffix("index.html")

    def file(self, url: str) -> Path | None:
        """The file a URL of this server answers with, if it is one of ours and exists."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        return file_below(self.folder, self.prefix, unquote(parts.path))


def file_below(folder: Path, prefix: str, route: str) -> Path | None:
    """The file a site serves for a URL path (directory -> its index.html), or None."""
    if not route.startswith(prefix):
        return None
    relative = posixpath.normpath(route.removeprefix(prefix) or ".")
    if relative.startswith(".."):
        return None
    path = folder / relative
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


@contextmanager
def serving(folders: dict[str, tuple[Path, str]]) -> Iterator[dict[str, Served]]:
    """Serve each folder (name -> (folder, path prefix)) on its own port while in the block."""
    servers = []
    served = {}
    try:
        for name, (folder, prefix) in folders.items():
            handler = partial(_Handler, directory=str(folder), prefix=prefix)
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            served[name] = Served(folder, f"http://127.0.0.1:{server.server_address[1]}",
                                  prefix)
        yield served
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
