"""The chaos bench's background jobs: `khobao` commands on the bench's data directory, each in a
process group of its own, so that stopping one also finds the processes it left behind (index
workers that outlive their parent, issue 9 point 6): they are counted and killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

from bench_web import khobao


def stop_group(process: subprocess.Popen, grace: float = 20.0) -> int:
    """Stop a process started with start_new_session=True: SIGTERM, wait, SIGKILL. Then kill what is left
    of its process group (workers that outlived it) and return how many group members were left."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace)
    left = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.getpgid(int(pid)) == process.pid:
                    left += 1
            except OSError:
                continue
    if left:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


class Jobs:
    """Background `khobao` commands, one log file each; every one stopped by `stop_all`."""

    def __init__(self, data_dir: Path, logs: Path, started: float):
        self.data_dir, self.logs, self.started = data_dir, logs, started
        self.results: list[dict] = []
        self.running: set[subprocess.Popen] = set()
        self.leftovers = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._numbers = iter(range(10**6))

    def run(self, *args: str, shown_args: tuple[str, ...] | None = None, timeout: float = 900) -> int | str:
        with self._lock:
            number = next(self._numbers)
        start = time.monotonic()
        with open(self.logs / f"job-{number:03d}.log", "w") as log:
            process = khobao(self.data_dir, *args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            with self._lock:
                self.running.add(process)
            try:
                status: int | str = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                status = f"killed after {timeout:.0f} s"
            finally:
                left = stop_group(process)
                with self._lock:
                    self.running.discard(process)
                    self.leftovers += left
        if process.returncode is not None and process.returncode < 0 and isinstance(status, int):
            status = f"signal {-process.returncode}"
        tail = (self.logs / f"job-{number:03d}.log").read_text(errors="replace").strip().splitlines()[-1:]
        result = {"args": shown_args or args, "start": start - self.started, "seconds": time.monotonic() - start,
                  "exit": status if status == 0 else f"{status}: {tail[0][:200] if tail else ''}"}
        with self._lock:
            self.results.append(result)
        print(f"  [{result['start']:5.0f} s] khobao {' '.join(result['args'])}: exit {result['exit']} "
              f"in {result['seconds']:.1f} s", flush=True)
        return status

    def imports(self, chunks: list[tuple[Path, int]], until: threading.Event) -> None:
        """Chunk after chunk until `until` is set: odd ones imported and indexed, even ones imported, then caught up."""
        for number, (path, _) in enumerate(chunks):
            if self.stop.is_set() or until.is_set():
                return
            if number % 2 == 0:
                self.run("import", "--no-index", str(path), shown_args=("import", "--no-index", path.name))
                if not self.stop.is_set():
                    self.run("index")
            else:
                self.run("import", str(path), shown_args=("import", path.name))
            self.stop.wait(1.0)

    def rebuild_at(self, when: float) -> None:
        if not self.stop.wait(max(0.0, when - time.monotonic())):
            self.run("index", "--rebuild")

    def stop_all(self) -> None:
        self.stop.set()
        with self._lock:
            running = list(self.running)
        for process in running:      # also on Ctrl-C, when the job threads (daemons) may not get to it
            left = stop_group(process)
            with self._lock:
                self.leftovers += left
