"""One fixture HTTP server for the sample sites and the tests: a real server on 127.0.0.1 per site.

A site is a `ServedSite`: `respond(path, headers) -> Reply`. The server adds what HTTP needs
(conditional GET with ETag / Last-Modified, HEAD, Content-Length or chunks, slow replies) and keeps
the site's request log, so tests can ask what the crawler really sent. One port per site gives
every source its own origin (http://127.0.0.1:PORT), as real sites have their own domains, so the
crawler's same-source rules for links and redirects apply unchanged. server.py serves the three
sample sites of `khobao demo` with it; tests serve their own sites (tests/sites/) with `SiteServer`.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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


class ServedSite:
    """Base class of every site the server serves: subclasses implement `respond`.

    The server sets `base` (http://127.0.0.1:PORT) and logs each request here when `keep_log` is on."""

    keep_log = True
    min_delay = 0.0               # every reply waits at least this long (tests use it to stop a crawl midway)

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.base = ""
        self._lock = threading.Lock()

    def respond(self, path: str, headers: dict[str, str]) -> Reply:  # pragma: no cover - overridden
        return Reply(404, b"not found")

    def log(self, hit: Hit) -> None:
        if self.keep_log:
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
    server_version = "khobao-sample/1.0"
    protocol_version = "HTTP/1.1"
    site: ServedSite

    def log_message(self, *args) -> None:  # quiet: the crawler and the tests report what matters
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
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
                for start in range(0, len(reply.body), 16384) if send_body else ():
                    self.wfile.write(reply.body[start:start + 16384])
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the crawler gave up on a slow or huge page
            self.close_connection = True


class StoppableServer(ThreadingHTTPServer):
    """A threading HTTP server run in a thread of its own, whose stop() also ends its open connections.

    Without that, a keep-alive client keeps a handler thread, and its socket, alive after the server
    stopped; and shutdown() on a server whose loop never started waits forever."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler) -> None:
        self._connections: dict[socket.socket, threading.Thread] = {}
        self._connections_lock = threading.Lock()
        self._loop: threading.Thread | None = None
        super().__init__(address, handler)

    def start(self, name: str) -> None:
        self._loop = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True)
        self._loop.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting, close the listening socket, hang up on open connections, wait for their handlers."""
        if self._loop is not None:
            self.shutdown()
            self._loop.join(timeout)
        self.server_close()
        with self._connections_lock:
            open_connections = list(self._connections.items())
        for connection, _ in open_connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)   # the handler's read returns: it ends and closes the socket
            except OSError:
                pass
        for _, handler in open_connections:
            handler.join(timeout)

    def process_request(self, request, client_address) -> None:
        handler = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        with self._connections_lock:
            self._connections[request] = handler
        handler.start()

    def shutdown_request(self, request) -> None:
        with self._connections_lock:
            self._connections.pop(request, None)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a crawler's timeout or size cap, or stop()) is expected, not an error."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class SiteServer:
    """One site on its own port: `with SiteServer(site) as server: server.url("/rss")`.

    Binds at once (port 0: any free port; OSError when the port is taken), serves after start()."""

    def __init__(self, site: ServedSite, host: str = "127.0.0.1", port: int = 0, name: str | None = None):
        self.site = site
        handler = type("Handler", (_Handler,), {"site": site})
        self.httpd = StoppableServer((host, port), handler)
        self.port = self.httpd.server_address[1]
        self.name = name or f"site-{self.port}"
        site.base = f"http://{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.site.base + path

    def start(self) -> None:
        self.httpd.start(name=self.name)

    def stop(self) -> None:
        self.httpd.stop()

    def __enter__(self) -> "SiteServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
