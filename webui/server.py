"""Serving the app with waitress, a production WSGI server (Flask's own server is for development).

`make_server` binds at once (port 0 picks a free port, see `.effective_port`), so callers can print
the real address before `run()`; `khobao serve`, `khobao demo`, the browser tests and the benchmark
all use it.

Python runs one thread at a time, so one process uses one core however many threads it has.
`serve_workers` forks several processes that share one listening socket (each with its own app and
searcher), so a search server on a machine with N cores can use them all.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

from waitress.server import create_server

SERVER_OPTIONS = dict(ident="khobao", clear_untrusted_proxy_headers=True, channel_timeout=30)


def make_server(app, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8, sock=None):
    """A bound waitress server; `run()` serves until `close()`. Raises OSError when the port is taken."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings under load
    if sock is not None:
        return create_server(app, sockets=[sock], threads=threads, **SERVER_OPTIONS)
    return create_server(app, host=host, port=port, threads=threads, **SERVER_OPTIONS)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket to share between worker processes. Raises OSError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024)
    sock.setblocking(False)
    return sock


def serve_workers(make_app, sock: socket.socket, *, workers: int, threads: int) -> None:
    """Fork `workers` processes serving `make_app()` on `sock` until SIGINT or SIGTERM; then stop them."""
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:                                   # the worker: its own app, searcher and threads
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                make_server(make_app(), threads=threads, sock=sock).run()
            finally:
                os._exit(0)
        children.append(pid)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set() and children:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                children.remove(pid)
            stop.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        sock.close()


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
        self._thread = threading.Thread(target=self._run, name="khobao-web", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        except OSError:       # the listening socket was closed under the loop: we are stopping
            pass

    def start(self) -> str:
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self.server.close()
        self.server.task_dispatcher.shutdown()
        self._thread.join(timeout=5)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
