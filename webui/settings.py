"""Web UI settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    per_page: int = 10              # results per page by default
    max_per_page: int = 100         # the API's per_page cap
    max_query_length: int = 500     # characters; longer queries are refused with a message
    threads: int = 8                # WSGI server threads
