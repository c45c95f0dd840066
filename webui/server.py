"""Serving the app with waitress, a production WSGI server (Flask's own server is for development).

`make_server` binds at once (port 0 picks a free port, see `.effective_port`), so callers can print
the real address before `run()`; `khobao serve`, `khobao demo`, the browser tests and the benchmark
all use it.

Python runs one thread at a time, so one process uses one core however many threads it has.
webui/workers.py forks several processes listening on one address (each with its own app and
searcher), so a search server on a machine with N cores can use them all. Every response names the
process that served it (`X-Khobao-Worker: PID`).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading

from waitress import wasyncore
from waitress.server import create_server

SERVER_OPTIONS = dict(ident="khobao", clear_untrusted_proxy_headers=True, channel_timeout=30)


WORKER_HEADER = "X-Khobao-Worker"


def with_worker_header(app):
    """`app`, with every response naming the process that served it (which worker, under `--workers`)."""
    def wrapped(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [*headers, (WORKER_HEADER, str(os.getpid()))], exc_info)
        return app(environ, start)
    return wrapped


def make_server(app, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8, sock=None):
    """A bound waitress server; `run()` serves until `close()`. Raises OSError when the port is taken."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings under load
    app = with_worker_header(app)
    if sock is not None:
        return create_server(app, sockets=[sock], threads=threads, **SERVER_OPTIONS)
    return create_server(app, host=host, port=port, threads=threads, **SERVER_OPTIONS)


REUSE_PORT = hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")  # Linux spreads connections


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listen(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A listening socket for worker processes. Raises OSError when the port is taken.

    With `reuse_port`, each worker can open its own socket on the same address (see webui/workers.py)."""
    sock = socket.create_server((host, port), family=_family(host), backlog=1024, reuse_port=reuse_port)
    sock.setblocking(False)
    return sock


def reserve_port(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) with SO_REUSEPORT but not listening: it holds the port (and learns
    it, for port 0) without taking connections, which go only to the workers' listening sockets.

    A port some other socket holds, even one with SO_REUSEPORT (another `khobao serve`), is refused:
    a first bind without SO_REUSEPORT proves the port free."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # connections in TIME_WAIT do not count
        probe.bind((host, port))
        port = probe.getsockname()[1]
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def server_url(server) -> str:
    host = server.effective_host
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{server.effective_port}/"


class BackgroundServer:
    """A waitress server in a daemon thread, for tests and benchmarks: `with BackgroundServer(app) as url:`."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0, threads: int = 8):
        self.server = make_server(app, host, port, threads=threads)
        self.url = server_url(self.server)
        self._thread = threading.Thread(target=self.server.run, name="khobao-web", daemon=True)

    def start(self) -> str:
        self._thread.start()
        return self.url

    def stop(self, timeout: float = 10) -> None:
        """Let the requests being served finish, then close every socket in the loop's own thread.

        Closing them from this thread raced the loop's select(): it died on a closed descriptor and
        left accepted connections open (an unclosed socket), and a request still being served wrote
        to a closed trigger. Closing the loop's map from inside the loop empties it, which ends run()."""
        self.server.task_dispatcher.shutdown(timeout=timeout)
        if self._thread.is_alive():
            self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
            self._thread.join(timeout=timeout)
        if not self._thread.is_alive():              # never started, or stopped: nothing polls the map now
            wasyncore.close_all(self.server._map)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
