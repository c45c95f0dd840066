"""Several server processes on one address, none of which ever resets a connection.

On Linux the parent only reserves the port (a bound socket that does not listen, see
`reserve_port`): each worker opens a listening socket of its own on it once its app is built, and
the kernel spreads new connections evenly between them. (Sharing one socket, whichever worker wins
the accept race keeps the connection: under keep-alive load one worker ends up with most clients
and sets the slowest response times.) The address is announced only when every worker listens, so
nothing can queue on a socket nobody accepts on. Elsewhere the workers share the parent's listening
socket, which the parent keeps open until the end.

A worker that exits while the server runs is replaced; a stop (SIGINT, SIGTERM) stops every worker
gracefully (webui/graceful.py): requests under way finish, queued connections are served.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import sys
import time

from .errors import ServersExited
from .graceful import STOP_DEADLINE, GracefulServer, refuse_new_connections
from .server import listen, make_server

START_TIMEOUT = 120.0   # seconds for every worker to build its app and listen


def _worker(make_app, sock: socket.socket, own_socket: bool, threads: int, ready_write: int) -> None:
    """The body of a forked worker: build the app, listen, say so, serve until stopped. Never returns."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)       # Ctrl-C reaches the parent, which stops us
        parent = os.getppid()
        app = make_app()
        worker_sock = sock
        if own_socket:
            worker_sock = listen(*sock.getsockname()[:2], reuse_port=True)
            sock.close()
        server = GracefulServer(make_server(app, threads=threads, sock=worker_sock), refuse=own_socket, parent=parent)
        signal.signal(signal.SIGTERM, server.handle_signal)
        os.write(ready_write, f"{os.getpid()}\n".encode())
        server.serve()
        code = 0
    except BaseException as exc:                           # noqa: BLE001 - a worker must never return
        print(f"khobao: worker {os.getpid()}: {type(exc).__name__}: {exc}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class Workers:
    """The parent's side: forks, watches and replaces workers, and stops them all on SIGINT/SIGTERM."""

    def __init__(self, make_app, sock: socket.socket, *, threads: int):
        self.make_app, self.sock, self.threads = make_app, sock, threads
        self.own_sockets = not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)  # a reserved port
        self.ready_read, self.ready_write = os.pipe()
        self.stop_read, self.stop_write = os.pipe()
        self.starting: set[int] = set()     # forked, not yet listening
        self.serving: set[int] = set()
        self._buffer = b""

    def spawn(self) -> int:
        pid = os.fork()
        if pid == 0:
            os.close(self.ready_read)
            os.close(self.stop_read)
            os.close(self.stop_write)
            _worker(self.make_app, self.sock, self.own_sockets, self.threads, self.ready_write)
        self.starting.add(pid)
        return pid

    def _read_ready(self) -> list[int]:
        self._buffer += os.read(self.ready_read, 4096)
        *lines, self._buffer = self._buffer.split(b"\n")
        pids = [int(line) for line in lines if line.strip()]
        for pid in pids:
            self.starting.discard(pid)
            self.serving.add(pid)
        return pids

    def _reap(self) -> list[tuple[int, int, bool]]:
        """Exited children: (pid, exit status, whether it had been serving)."""
        exited = []
        while self.starting or self.serving:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if not pid:
                break
            was_serving = pid in self.serving
            self.starting.discard(pid)
            self.serving.discard(pid)
            exited.append((pid, os.waitstatus_to_exitcode(status), was_serving))
        return exited

    def start(self, count: int) -> list[int]:
        """Fork `count` workers and wait until each listens; return the pids of those that do."""
        for _ in range(count):
            self.spawn()
        deadline = time.monotonic() + START_TIMEOUT
        while self.starting and time.monotonic() < deadline:
            if select.select([self.ready_read], [], [], 0.2)[0]:
                self._read_ready()
            for pid, code, _ in self._reap():
                print(f"khobao: worker {pid} failed to start (exit status {code})", file=sys.stderr, flush=True)
        return sorted(self.serving)

    def watch(self) -> bool:
        """Until a stop is asked for: replace a worker that exits (one that never started is not retried).
        False if every worker is gone without one."""
        while self.serving or self.starting:
            readable = select.select([self.stop_read, self.ready_read], [], [], 0.5)[0]
            if self.stop_read in readable:
                return True
            if self.ready_read in readable:
                for pid in self._read_ready():
                    print(f"khobao: worker {pid} serving", file=sys.stderr, flush=True)
            for pid, code, was_serving in self._reap():
                if was_serving:
                    new = self.spawn()
                    print(f"khobao: worker {pid} exited (exit status {code}); starting worker {new}",
                          file=sys.stderr, flush=True)
                else:
                    print(f"khobao: worker {pid} failed to start (exit status {code})", file=sys.stderr, flush=True)
        return False

    def ask_stop(self, *_args) -> None:
        """A signal handler: only writes to a pipe."""
        try:
            os.write(self.stop_write, b".")
        except OSError:
            pass

    def stop(self) -> None:
        """Stop every worker gracefully (SIGKILL for one still running well after the deadline)."""
        if not self.own_sockets:
            refuse_new_connections(self.sock)        # the shared socket: the workers drain its queue
        children = self.starting | self.serving
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_DEADLINE + 15
        while children and time.monotonic() < deadline:
            for pid in list(children):
                try:
                    done, _ = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if done:
                    children.discard(pid)
            time.sleep(0.05)
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.starting.clear()
        self.serving.clear()

    def close(self) -> None:
        for fd in (self.ready_read, self.ready_write, self.stop_read, self.stop_write):
            os.close(fd)
        self.sock.close()


def serve_workers(make_app, sock: socket.socket, *, workers: int, threads: int, announce=None) -> int:
    """Fork `workers` processes serving `make_app()` on `sock`'s address until SIGINT or SIGTERM; then
    stop them. `sock` is a reserved port (`reserve_port`) or a listening socket (`listen`) to share.

    `announce(pids)` is called once every worker listens, with the pids of those that really started.
    Returns how many started (0: none could; the caller says so). ServersExited if every worker died
    later and none could be replaced."""
    pool = Workers(make_app, sock, threads=threads)
    previous = {sig: signal.signal(sig, pool.ask_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        pids = pool.start(workers)
        if pids:
            if announce is not None:
                announce(pids)
            if not pool.watch():
                raise ServersExited("every server process exited and none could be started again (see above)")
        return len(pids)
    finally:
        pool.stop()                                 # a second Ctrl-C meanwhile is ignored: stopping already
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        pool.close()
