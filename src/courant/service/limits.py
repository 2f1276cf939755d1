"""How many requests one client may make (in memory), and who the client is behind nginx.

Behind the site's nginx every request comes from the proxy's own address: the client is then
the address nginx names in X-Real-IP (or the last one it added to X-Forwarded-For), and only
when the request really comes from a proxy courant was told about (`courant service
--proxy`). A client cannot lower its count by sending those headers itself.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

MAX_CLIENTS = 10_000  # remembered at once; the least recently seen is forgotten first


class RateLimit:
    """At most `count` requests per `window` seconds per client (a sliding window)."""

    def __init__(self, count: int, window: float,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.count = count
        self.window = window
        self.monotonic = monotonic
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()
        self.lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Count one request of `client`: 0 when it may go ahead, else the seconds until it
        may (a refused request is not counted)."""
        now = self.monotonic()
        with self.lock:
            times = self.seen.pop(client, None) or deque()
            while times and times[0] <= now - self.window:
                times.popleft()
            self.seen[client] = times
            while len(self.seen) > MAX_CLIENTS:
                self.seen.popitem(last=False)
            if len(times) >= self.count:
                return max(1.0, times[0] + self.window - now)
            times.append(now)
            return 0.0


def proxies_from(addresses: Iterable[str]) -> frozenset[str]:
    """The proxies' addresses, normalised; a ValueError naming one that is not an address."""
    found = set()
    for address in addresses:
        try:
            found.add(str(ipaddress.ip_address(address.strip())))
        except ValueError:
            raise ValueError(f"'{address}' is geen IP-adres") from None
    return frozenset(found)


def client_address(environ: Mapping[str, Any], proxies: frozenset[str]) -> str:
    """The client's address: REMOTE_ADDR, or what a trusted proxy says it is."""
    remote = str(environ.get("REMOTE_ADDR", "") or "")
    if remote not in proxies:
        return remote or "onbekend"
    real = str(environ.get("HTTP_X_REAL_IP", "")).strip()
    if not real:
        forwarded = str(environ.get("HTTP_X_FORWARDED_FOR", ""))
        real = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(real))
    except ValueError:
        return remote
