"""A host that hangs: it accepts connections and then never answers (or answers one byte at a time).

`HangingHost(answer_robots=True)` serves /robots.txt and hangs on every other path, as a site whose
application server is stuck behind a working front end does; `trickle=True` sends the status line
and headers, then one byte of body every `trickle_every` seconds, for ever (a read timeout never
fires on it: only a deadline on the whole response ends it). `stop()` hangs up on every connection.
"""

from __future__ import annotations

import socket
import threading


class HangingHost:
    def __init__(self, answer_robots: bool = True, trickle: bool = False, trickle_every: float = 0.2):
        self.answer_robots, self.trickle, self.trickle_every = answer_robots, trickle, trickle_every
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.requests: list[str] = []          # request lines read, in order
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name="hanging-host", daemon=True)

    def __enter__(self) -> "HangingHost":
        self._acceptor.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self.listener.close()
        self._acceptor.join(5)
        with self._lock:
            connections, threads = list(self._connections), list(self._threads)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(5)
        for connection in connections:
            connection.close()

    def paths(self) -> list[str]:
        with self._lock:
            return [line.split()[1] for line in self.requests if len(line.split()) > 1]

    def _accept(self) -> None:
        self.listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            with self._lock:
                self._connections.append(connection)
                self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(0.1)
        data = b""
        try:
            while not self._stop.is_set():
                try:
                    chunk = connection.recv(65536)
                except (TimeoutError, socket.timeout):
                    continue
                if not chunk:
                    return
                data += chunk
                while b"\r\n\r\n" in data:
                    head, data = data.split(b"\r\n\r\n", 1)
                    line = head.split(b"\r\n", 1)[0].decode("latin-1")
                    with self._lock:
                        self.requests.append(line)
                    if self.answer_robots and " /robots.txt " in line:
                        body = b"User-agent: *\nAllow: /\n"
                        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                                           + str(len(body)).encode() + b"\r\n\r\n" + body)
                        continue
                    self._hang(connection)
                    return
        except OSError:
            return

    def _hang(self, connection: socket.socket) -> None:
        """Answer nothing (or trickle) until the client gives up or the host stops."""
        if self.trickle:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                               b"Content-Length: 50000\r\n\r\n<html>")
        while not self._stop.wait(self.trickle_every):
            try:
                if self.trickle:
                    connection.sendall(b" ")
                elif connection.recv(1, socket.MSG_PEEK) == b"":
                    return   # the client hung up
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
