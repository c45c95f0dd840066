"""Web UI settings."""

from __future__ import annotations

import os
from dataclasses import dataclass


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

    def __post_init__(self) -> None:
        for name, least in (("port", 0), ("per_page", 1), ("max_per_page", 1), ("max_query_length", 1),
                            ("workers", 0), ("threads", 1), ("max_article_chars", 1)):
            if getattr(self, name) < least:
                raise ValueError(f"{name} must be {least} or more, got {getattr(self, name)}")


MAX_AUTO_WORKERS = 8   # each process holds its own search caches (a few hundred MB at most)


def effective_workers(workers: int) -> int:
    """`workers`, or for 0 one process per CPU core (up to MAX_AUTO_WORKERS)."""
    return workers if workers > 0 else max(1, min(os.cpu_count() or 1, MAX_AUTO_WORKERS))
