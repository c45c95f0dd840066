"""A Flask app served by waitress on 127.0.0.1 for a test, every socket closed at the end.

`webui.server.BackgroundServer` stops its loop and closes the listening socket; a connection the
loop had not finished closing (the client already read its response) stays open until garbage
collection, a ResourceWarning that `filterwarnings = error` turns into a failure of whatever test
runs then. Closing what is left in waitress's socket map after the stop makes that impossible."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import httpx

from webui.server import BackgroundServer


@contextmanager
def live_client(app, threads: int = 2, timeout: float = 30) -> Iterator[httpx.Client]:
    """An httpx client on a real server of `app` (one connection per request, closed both ends)."""
    background = BackgroundServer(app, threads=threads)
    base = background.start()
    try:
        with httpx.Client(base_url=base, timeout=timeout, headers={"Connection": "close"}) as client:
            yield client
    finally:
        background.stop()
        socket_map = getattr(background.server, "_map", None) or getattr(background.server, "map", None) or {}
        for dispatcher in list(socket_map.values()):
            dispatcher.close()
