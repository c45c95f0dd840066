"""Serving the app with waitress, a production WSGI server (Flask's own server is for development).

`make_server` binds at once (port 0 picks a free port, see `.effective_port`), so callers can print
the real address before `run()`; `khobao serve`, `khobao demo`, the browser tests and the benchmark
all use it.
"""

from __future__ import annotations

import logging
import threading

from waitress.server import create_server


def make_server(app, host: str = "127.0.0.1", port: int = 8080, *, threads: int = 8):
    """A bound waitress server; `run()` serves until `close()`. Raises OSError when the port is taken."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" warnings under load
    return create_server(app, host=host, port=port, threads=threads, ident="khobao",
                         clear_untrusted_proxy_headers=True, channel_timeout=30)


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
