"""Helpers of the crash tests: invented articles, real `python -m khobao` processes, their
descendants read from /proc, and what a data directory holds afterwards."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ("hà nội đà nẵng huế cần thơ hải phòng kinh tế giáo dục y tế nông nghiệp thời tiết bóng đá "
             "giao thông du lịch xuất khẩu cà phê lúa gạo mưa bão học sinh bệnh viện cầu đường chợ tết "
             "sông hồng miền núi biển đảo thủ đô nhà máy công nhân").split()
COMMON = "khobaothu"   # a word every invented article holds: searching it counts the index's articles


def write_articles(path: Path, start: int, count: int, rng: random.Random) -> list[str]:
    """Invented Vietnamese articles as JSON Lines (valid dates); returns their URLs."""
    urls = []
    with path.open("w", encoding="utf-8") as handle:
        for n in range(start, start + count):
            url = f"https://tin.example.vn/bai-{n}.html"
            words = " ".join(rng.choice(SYLLABLES) for _ in range(40))
            handle.write(json.dumps({
                "url": url, "source": ("baomau", "tinnhanh")[n % 2],
                "title": f"Bản tin {n}: {' '.join(rng.choice(SYLLABLES) for _ in range(6))}",
                "body": f"{COMMON} {words}. Số {n}.",
                "published": f"{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}T08:{n % 60:02d}:00+07:00",
            }, ensure_ascii=False) + "\n")
            urls.append(url)
    return urls


def write_config(folder: Path, procs: int = 2, extra: str = "") -> Path:
    config = folder / "config.toml"
    config.write_text(f'data_dir = "data"\n\n[index]\nprocs = {procs}\nmemory_mb = 64\n{extra}', encoding="utf-8")
    return config


@dataclass
class Run:
    """A `python -m khobao` process with its output in files (no pipe to fill and block it)."""
    proc: subprocess.Popen
    out: Path
    err: Path

    def wait(self, timeout: float) -> tuple[int, str, str]:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            raise AssertionError(f"{self.proc.args[3:]} did not end in {timeout} s: {self.err.read_text()}")
        return code, self.out.read_text(encoding="utf-8"), self.err.read_text(encoding="utf-8")


def start(config: Path, *args: str, env: dict | None = None) -> Run:
    return _start(config.parent, ["-m", "khobao", "--config", str(config), *args], env)


def start_python(script: str, *args: str) -> Run:
    """A small Python program of the test's own, in the project's environment."""
    return _start(Path(args[0]).parent, ["-c", script, *args], None)


def _start(folder: Path, argv: list[str], env: dict | None) -> Run:
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    stamp = f"{time.monotonic_ns()}"
    out, err = logs / f"{stamp}.out", logs / f"{stamp}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, *argv], cwd=folder, stdout=stdout, stderr=stderr,
                                stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    return Run(proc, out, err)


def run(config: Path, *args: str, timeout: float = 120.0) -> tuple[int, str, str]:
    return start(config, *args).wait(timeout)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (children, their children...), from /proc/*/stat."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat and stat[0] != "Z":
                parents[int(entry)] = stat[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def wait_for(condition, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the process ended ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout} s")
        time.sleep(0.02)


def kill(run_: Run) -> set[int]:
    """SIGKILL the process; returns its descendants of that moment, which must die with it."""
    below = descendants(run_.proc.pid)
    run_.proc.send_signal(signal.SIGKILL)
    run_.proc.wait(timeout=10)
    return below


def orphans(pids: set[int], timeout: float = 10.0) -> set[int]:
    """The pids still alive (not zombies) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        alive = {pid for pid in pids if (_stat(pid) or ("Z", 0))[0] != "Z"}
        if not alive or time.monotonic() > deadline:
            for pid in alive:   # never leave them burning the machine, whatever the test says
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            return alive
        time.sleep(0.05)


def beside_index(data_dir: Path) -> list[str]:
    """What the data directory holds named after the index, other than the link and its target."""
    index = data_dir / "index"
    live = (data_dir / os.readlink(index)).name if index.is_symlink() else None
    return sorted(p.name for p in data_dir.iterdir() if p.name.startswith("index.") and p.name != live)
