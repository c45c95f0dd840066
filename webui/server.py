"""Serving the app with waitress, a production WSGI server (Flask's own server is for development).

`make_server` binds at once (port 0 picks a free port, see `.effective_port`), so callers can print
the real address before `run()`; `khobao serve`, `khobao demo`, the browser tests and the benchmark
all use it.

Python runs one thread at a time, so one process uses one core however many threads it has.
`serve_workers` forks several processes listening on one address (each with its own app and
searcher), so a search server on a machine with N cores can use them all.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import socket
import threading
import time

from waitress import wasyncore
from waitress.server import create_server

SERVER_OPTIONS = dict(ident="khobao", clear_untrusted_proxy_headers=True, channel_timeout=30)


def make_server(app, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8, sock=None):
    """A bound waitress server; `run()` serves until `close()`. Raises OSError when the port is taken."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings under load
    if sock is not None:
        return create_server(app, sockets=[sock], threads=threads, **SERVER_OPTIONS)
    return create_server(app, host=host, port=port, threads=threads, **SERVER_OPTIONS)


REUSE_PORT = hasattr(socket, "SO_REUSEPORT")


def listen(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A listening socket for worker processes. Raises OSError when the port is taken.

    With `reuse_port`, each worker can open its own socket on the same address (see serve_workers)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024, reuse_port=reuse_port)
    sock.setblocking(False)
    return sock


def serve_workers(make_app, sock: socket.socket, *, workers: int, threads: int) -> None:
    """Fork `workers` processes serving `make_app()` on `sock`'s address until SIGINT or SIGTERM; then stop them.

    When `sock` was opened with reuse_port, every worker listens on a socket of its own bound to the
    same address and the kernel spreads new connections evenly between them. (Sharing one socket,
    whichever worker wins the accept race keeps the connection: under keep-alive load one worker
    ends up with most clients and sets the slowest response times.)"""
    own_sockets = REUSE_PORT and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT))
    ready_read, ready_write = os.pipe()
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:                                   # the worker: its own app, searcher and threads
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                worker_sock = sock
                if own_sockets:
                    worker_sock = listen(*sock.getsockname()[:2], reuse_port=True)
                    sock.close()
                os.write(ready_write, b".")
                make_server(make_app(), threads=threads, sock=worker_sock).run()
            finally:
                os._exit(0)
        children.append(pid)
    if own_sockets:  # once every worker listens, nobody accepts on the parent's socket: close it
        started, deadline = 0, time.monotonic() + 30
        while started < workers and time.monotonic() < deadline:
            if select.select([ready_read], [], [], 0.5)[0]:
                started += len(os.read(ready_read, workers))
        sock.close()
    os.close(ready_read)
    os.close(ready_write)
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
