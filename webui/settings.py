"""Web UI settings."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    per_page: int = 10              # results per page by default
    max_per_page: int = 100         # the API's per_page cap
    max_query_length: int = 500     # characters; longer queries are refused with a message
    workers: int = 0                # server processes; 0: one per CPU core, at most MAX_AUTO_WORKERS
    threads: int = 1                # request threads per process (see `khobao serve`)
    max_article_chars: int = 200_000  # an article page shows this much of the body (the rest: .txt / JSON)

    # (lowest, highest) of each numeric key, checked by khobao/config.py; None: no upper bound
    LIMITS: ClassVar[dict[str, tuple]] = {
        "port": (0, 65535), "per_page": (1, 1000), "max_per_page": (1, 1000), "max_query_length": (1, 100_000),
        "workers": (0, 64), "threads": (1, 256), "max_article_chars": (1, 1_000_000_000)}

    def __post_init__(self) -> None:
        for name, (least, most) in self.LIMITS.items():
            if not least <= getattr(self, name) <= most:
                raise ValueError(f"{name} must be from {least} to {most}, got {getattr(self, name)}")
        if self.per_page > self.max_per_page:
            raise ValueError(f"per_page ({self.per_page}) must not be more than max_per_page ({self.max_per_page})")
        problem = host_problem(self.host)
        if problem:
            raise ValueError(f"host: {problem}")


_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")


def host_problem(host: str) -> str | None:
    """Why `host` cannot be an address to listen on, or None. Only its form is checked: whether a
    host name resolves is known when `khobao serve` binds (resolving may need the network, which a
    command that only reads the config, like `status`, should not)."""
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    if 0 < len(name) <= 253 and all(_HOST_LABEL.match(label) for label in name.split(".")):
        return None
    return (f"{host!r} is not an address or a host name; use an address like 127.0.0.1 (this machine only) "
            "or 0.0.0.0 (every network interface), or a host name like localhost")


MAX_AUTO_WORKERS = 8   # each process holds its own search caches (a few hundred MB at most)


def effective_workers(workers: int) -> int:
    """`workers`, or for 0 one process per CPU core (up to MAX_AUTO_WORKERS)."""
    return workers if workers > 0 else max(1, min(os.cpu_count() or 1, MAX_AUTO_WORKERS))
