"""`khobao serve --workers N` as a real subprocess: every connection is served at start, at a worker's
restart and at shutdown, and the responses prove how many processes really serve."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANNOUNCE = re.compile(r"at http://127\.0\.0\.1:(\d+)/\s+\((\d+) process(?:es)?: pids? ([\d, ]+);")
REQUEST = b"GET /help HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"


class Serve:
    """`khobao serve --workers N --port 0` on an empty data directory; stopped and reaped on exit."""

    def __init__(self, data_dir: Path, workers: int = 2):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "khobao", "--data-dir", str(data_dir), "serve", "--host", "127.0.0.1",
             "--port", "0", "--workers", str(workers)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.output = ""

    def __enter__(self) -> "Serve":
        try:
            self._read_announcement()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _read_announcement(self) -> None:
        if not select.select([self.process.stdout], [], [], 120)[0]:
            raise AssertionError("khobao serve announced nothing in 120 s")
        line = self.process.stdout.readline()       # the announcement: the port, the count and the pids
        match = ANNOUNCE.search(line)
        assert match, line
        self.port, self.count = int(match.group(1)), int(match.group(2))
        self.pids = {int(p) for p in match.group(3).split(",")}

    def stop(self, *, signal_it: bool = True) -> tuple[int, str]:
        if signal_it:
            self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=60)
        self.output += out
        return self.process.returncode, err

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=60)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=30)


def finish(sock: socket.socket, request: bytes = REQUEST) -> tuple[str, dict[str, str]]:
    """Send `request` on an open connection and read the whole response: (status line, headers)."""
    with sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return head[0], {k.lower(): v for k, v in headers.items()}


def get(port: int) -> tuple[str, dict[str, str]]:
    return finish(connect(port))


def test_connections_made_the_moment_the_port_is_announced_are_all_served(tmp_path):
    for _start in range(3):
        with Serve(tmp_path) as serve:
            burst = [connect(serve.port) for _ in range(12)]     # queued before any worker may have accepted
            answers = [finish(sock) for sock in burst]
            assert [status for status, _ in answers] == ["HTTP/1.1 200 OK"] * 12
            code, err = serve.stop()
            assert code == 0 and "Traceback" not in err and "worker" not in err


def test_two_workers_are_two_processes_and_the_parent_says_which(tmp_path):
    with Serve(tmp_path, workers=2) as serve:
        assert serve.count == 2 and len(serve.pids) == 2 and serve.process.pid not in serve.pids
        seen: set[int] = set()
        for _ in range(200):                        # fresh connections until both workers have answered
            status, headers = get(serve.port)
            assert status == "HTTP/1.1 200 OK"
            seen.add(int(headers["x-khobao-worker"]))
            if seen == serve.pids:
                break
        assert seen == serve.pids
        assert serve.stop()[0] == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_shutdown_finishes_the_requests_in_flight(tmp_path, workers):
    with Serve(tmp_path, workers=workers) as serve:
        idle = connect(serve.port)                  # connected, nothing sent yet
        half = connect(serve.port)
        half.sendall(REQUEST[:20])                  # a request half sent
        assert get(serve.port)[0] == "HTTP/1.1 200 OK"   # the server is up and has accepted
        serve.process.send_signal(signal.SIGINT)
        time.sleep(0.3)
        assert finish(half, REQUEST[20:])[0] == "HTTP/1.1 200 OK"
        assert finish(idle)[0] == "HTTP/1.1 200 OK"
        code, err = serve.stop(signal_it=False)
        assert code == 0 and "Traceback" not in err and "stopped" in serve.output
    with pytest.raises(OSError):                    # nobody is left holding the port
        connect(serve.port).close()


def test_a_stopped_worker_is_replaced_without_dropping_connections(tmp_path):
    with Serve(tmp_path, workers=2) as serve:
        victim = min(serve.pids)
        burst = [connect(serve.port) for _ in range(8)]     # spread over both workers' sockets by the kernel
        os.kill(victim, signal.SIGTERM)
        time.sleep(0.3)
        assert [finish(sock)[0] for sock in burst] == ["HTTP/1.1 200 OK"] * 8
        seen: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:          # keep connecting while it stops and its successor starts
            status, headers = get(serve.port)
            assert status == "HTTP/1.1 200 OK"
            seen.add(int(headers["x-khobao-worker"]))
            if seen - serve.pids and serve.pids - {victim} <= seen:
                break
        assert len(seen - serve.pids) == 1, seen   # one successor, and the survivor served throughout
        code, err = serve.stop()
        assert code == 0
        assert f"worker {victim} exited" in err


def test_a_port_another_server_holds_is_refused_even_with_reuse_port(tmp_path):
    with Serve(tmp_path, workers=2) as serve:
        done = khobao("serve", "--port", str(serve.port), "--workers", "2", data_dir=tmp_path)
        assert done.returncode == 1
        assert error_lines(done.stderr) == [f"Error: cannot listen on 127.0.0.1:{serve.port}: Address already in use"]
        assert get(serve.port)[0] == "HTTP/1.1 200 OK"
        assert serve.stop()[0] == 0


def test_workers_stop_when_their_parent_is_killed(tmp_path):
    with Serve(tmp_path, workers=2) as serve:
        serve.process.kill()
        serve.process.communicate(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(alive(pid) for pid in serve.pids):
            time.sleep(0.1)
        assert not any(alive(pid) for pid in serve.pids)


def alive(pid: int) -> bool:
    """Whether `pid` still runs (a worker orphaned by the kill is reaped by init, not by us)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def khobao(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip() and not line.startswith("note:")]


def test_a_port_out_of_range_in_config_toml_is_refused_in_one_line(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[web]\nport = 70000\nworkers = 2\n", encoding="utf-8")
    done = khobao("--config", str(config), "serve", data_dir=tmp_path)
    assert done.returncode == 2
    assert error_lines(done.stderr)[-1].startswith(f"Error: {config}: [web].port: must be from 0 to 65535, got 70000")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_host_that_is_no_host_name_or_does_not_resolve_is_refused_in_one_line(tmp_path, workers):
    done = khobao("serve", "--host", "not a host", "--port", "0", "--workers", workers, data_dir=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "'not a host' is not an address or a host name" in error_lines(done.stderr)[-1]
    done = khobao("serve", "--host", "no-such-host.invalid", "--port", "0", "--workers", workers, data_dir=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert error_lines(done.stderr) == [
        "Error: cannot listen on no-such-host.invalid:0: the host name does not resolve to an address"]
