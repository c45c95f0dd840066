"""Serve the sample sites on 127.0.0.1: one small stdlib HTTP server per site, each in a thread.

One port per site gives every source its own origin (http://127.0.0.1:PORT), as real sites have
their own domains, so the crawler's same-source rules for links and redirects apply unchanged.
"""

from __future__ import annotations

import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .sites import Site, make_sites


class _Handler(BaseHTTPRequestHandler):
    server_version = "khobao-sample/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        response = site.respond(self.path, self.server.base_url)  # type: ignore[attr-defined]
        etag = response.headers.get("ETag")
        if etag and response.status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:  # quiet: the crawler reports what matters
        pass


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


class SampleSites:
    """The three sample sites on 127.0.0.1, each on its own port (0: any free port).

    Use as a context manager, or call start() and stop(). `base_urls` maps a site's name to its
    address, e.g. {"nhipsong": "http://127.0.0.1:40123", ...}.
    """

    def __init__(self, host: str = "127.0.0.1", ports: dict[str, int] | None = None, seed: str | None = None):
        self.host = host
        self.wanted_ports = dict(ports or {})
        self.sites = make_sites(seed)
        self._servers: dict[str, StoppableServer] = {}

    def start(self) -> dict[str, str]:
        try:
            for name, site in self.sites.items():
                server = self._bind(self.wanted_ports.get(name, 0))
                server.site = site  # type: ignore[attr-defined]
                server.base_url = f"http://{self.host}:{server.server_address[1]}"  # type: ignore[attr-defined]
                self._servers[name] = server
                server.start(name=f"sample-{name}")
        except BaseException:          # the sites already started do not outlive a failed start
            self.stop()
            raise
        return self.base_urls

    def _bind(self, port: int) -> StoppableServer:
        """The port asked for, or any free one when it is taken (the caller sees `moved`)."""
        try:
            return StoppableServer((self.host, port), _Handler)
        except OSError:
            if port == 0:
                raise
            return StoppableServer((self.host, 0), _Handler)

    @property
    def base_urls(self) -> dict[str, str]:
        return {name: server.base_url for name, server in self._servers.items()}  # type: ignore[attr-defined]

    @property
    def ports(self) -> dict[str, int]:
        return {name: server.server_address[1] for name, server in self._servers.items()}

    @property
    def moved(self) -> bool:
        """True when a site could not get the port it asked for."""
        return any(self.wanted_ports.get(n, p) not in (0, p) for n, p in self.ports.items())

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()

    def __enter__(self) -> "SampleSites":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
