"""A real HTTP server on 127.0.0.1 (port 0) in a thread, serving one fixture site.

A site is an object with `respond(path, headers) -> Reply`; the server adds what HTTP needs
(conditional GET with ETag / Last-Modified, Content-Length or none, slow replies) and logs every
request, so tests can ask what the crawler really sent.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from khobao.demo.server import StoppableServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0            # seconds to wait before answering (a slow page)
    chunked: bool = False         # send without Content-Length, in pieces


@dataclass(frozen=True)
class Hit:
    path: str
    headers: dict[str, str]
    at: float
    status: int


class Site:
    """Base class: subclasses implement `respond`. Keeps the request log and per-path counters."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.base = ""                # set by the server: http://127.0.0.1:PORT
        self.min_delay = 0.0          # every reply waits at least this long (to stop a crawl midway)
        self._lock = threading.Lock()

    def respond(self, path: str, headers: dict[str, str]) -> Reply:  # pragma: no cover - overridden
        return Reply(404, b"not found")

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def requests_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def count(self, path: str) -> int:
        return len(self.requests_for(path))

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]


def _not_modified(reply: Reply, headers: dict[str, str]) -> bool:
    etag = reply.headers.get("ETag")
    if etag and "if-none-match" in headers:
        return etag in [t.strip() for t in headers["if-none-match"].split(",")]
    modified = reply.headers.get("Last-Modified")
    return bool(modified and headers.get("if-modified-since") == modified)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.site.respond(self.path, headers)
        if reply.status == 200 and _not_modified(reply, headers):
            reply = Reply(304, b"", None, {k: v for k, v in reply.headers.items() if k in ("ETag", "Last-Modified")})
        self.site.log(Hit(self.path, headers, time.monotonic(), reply.status))
        try:
            if max(reply.delay, self.site.min_delay):
                time.sleep(max(reply.delay, self.site.min_delay))
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.chunked:
                self.send_header("Connection", "close")
                self.end_headers()
                for start in range(0, len(reply.body), 16384):
                    self.wfile.write(reply.body[start:start + 16384])
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the crawler gave up on a slow or huge page
            self.close_connection = True


class SiteServer:
    """`with SiteServer(site) as server: server.url("/rss")`."""

    def __init__(self, site: Site):
        self.site = site
        handler = type("Handler", (_Handler,), {"site": site})
        self.httpd = StoppableServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        site.base = f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.site.base + path

    def __enter__(self) -> "SiteServer":
        self.httpd.start(name=f"site-{self.port}")
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.stop()
