"""The HTTP servers the tests and `khobao demo` start stop cleanly: no socket or handler thread outlives them.

A keep-alive client would otherwise keep a handler thread and its socket open after the server stopped,
and a socket left to the garbage collector is a ResourceWarning, an error under filterwarnings = error."""

from __future__ import annotations

import http.client
import threading

from khobao.demo.server import SampleSites
from khobao.demo.siteserver import Reply, ServedSite, SiteServer, StoppableServer


class OnePage(ServedSite):
    def respond(self, path: str, headers: dict[str, str]) -> Reply:
        return Reply(200, "<p>Tin nóng</p>".encode())


def kept_alive(host: str, port: int) -> http.client.HTTPConnection:
    """A connection that has had one answer and stays open (HTTP/1.1 keep-alive)."""
    client = http.client.HTTPConnection(host, port, timeout=10)
    client.request("GET", "/")
    response = client.getresponse()
    response.read()
    assert not response.will_close
    return client


def test_stopping_the_sample_sites_hangs_up_on_open_connections():
    sites = SampleSites()
    with sites:
        client = kept_alive("127.0.0.1", sites.ports["nhipsong"])
    try:
        assert client.sock.recv(1) == b""                 # the server's end is closed
        assert not [t for t in threading.enumerate() if t.name.startswith("sample-")]
    finally:
        client.close()


def test_stopping_a_site_server_hangs_up_on_open_connections():
    with SiteServer(OnePage()) as server:
        client = kept_alive("127.0.0.1", server.port)
    try:
        assert client.sock.recv(1) == b""
    finally:
        client.close()


def test_a_server_that_never_started_stops_at_once():
    server = StoppableServer(("127.0.0.1", 0), None)
    stopper = threading.Thread(target=server.stop, daemon=True)
    stopper.start()
    stopper.join(timeout=10)
    assert not stopper.is_alive()                         # shutdown() alone would wait for a loop that never ran
    assert server.socket.fileno() == -1
