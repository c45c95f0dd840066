"""Wall time and memory of a `khobao` command and of every process it starts (the scale bench's meter).

Two measures, because the target is "no process over 2 GB" and the index writers are worker processes:

- exact: the command's rusage from wait4, whose ru_maxrss on Linux is the largest peak resident set
  of the command *or of any descendant it waited for* (the kernel folds reaped children's peaks into
  their parent's). It catches a worker that lived for a tenth of a second; it cannot say which
  process it was. A tiny wrapper process starts the command and waits for it: a process started
  straight from the bench would inherit the bench's own peak (Linux carries the peak of the memory
  image a process had before exec into ru_maxrss, and the bench holds the corpus pool), so the
  floor of the figure is the wrapper's ~10 MB instead. (resource.getrusage(RUSAGE_CHILDREN) gives
  the same kind of number, but only as a maximum over every child the bench ever had, so it could
  not be read per command.)
- sampled: every 0.5 s, the whole process tree under the command (parents read from /proc/*/stat),
  each process's VmHWM (its own peak resident set so far, kept by the kernel, so nothing between
  two samples is lost for a process alive at a sample) and VmRSS (summed over the tree: the peak of
  the tree's total is what the machine must hold at once). It names the processes.

Linux only (/proc, wait4).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from chaos_jobs import stop_group

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.5
REPORT_SECONDS = 60          # a line on stdout this often while a command runs
# argv: result file, then the command; writes "exit-code ru_maxrss-in-KB" to the result file
WRAPPER = """import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {usage.ru_maxrss}")
sys.exit(code if 0 <= code < 256 else 1)
"""


def _status_kb(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM and RssAnon of a process, in KB ({} when it is gone)."""
    values = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:")):
                    key, amount = line.split(":", 1)
                    values[key] = int(amount.split()[0])
    except OSError:
        return {}
    return values


def _label(pid: int) -> str:
    """The process's command line, shortened: `khobao index`, `multiprocessing worker`..."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    words = [w for w in words if w]
    if "-m" in words and "khobao" in words:
        tail = words[words.index("khobao") + 1:]
        command = next((w for w in tail if not w.startswith("-") and not w.startswith("/")), "")
        return f"khobao {command}".strip()
    if any("multiprocessing" in w for w in words):
        return "worker (multiprocessing)"
    return " ".join(Path(w).name for w in words[:2])[:40] or "?"


def tree(root: int) -> list[int]:
    """`root` and all its descendants alive now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


@dataclass
class Memory:
    """Peaks in MB: per process (pid → (label, peak)), the tree's total, and the exact largest one."""

    processes: dict[int, tuple[str, float]] = field(default_factory=dict)
    tree_total_mb: float = 0.0
    largest_exact_mb: float = 0.0
    samples: int = 0
    top: str = ""
    largest_now_mb: float = 0.0       # the largest process at the last sample

    def sample(self, root: int, skip: int | None = None) -> float:
        """Record one sample of the tree under `root` (but `skip`); returns its total resident MB now.
        A descendant with the command line of the tree's top (a forked multiprocessing worker) is
        labelled "... (worker)"."""
        total = self.largest_now_mb = 0.0
        for n, pid in enumerate(p for p in tree(root) if p != skip):
            kb = _status_kb(pid)
            if not kb:
                continue
            total += kb.get("VmRSS", 0) / 1024
            label, peak = self.processes.get(pid, (None, 0.0))
            if label is None:
                label = _label(pid)
                if n == 0:
                    self.top = label
                elif label == self.top:
                    label += " (worker)"
            self.processes[pid] = (label, max(peak, kb.get("VmHWM", 0) / 1024))
            self.largest_now_mb = max(self.largest_now_mb, kb.get("VmRSS", 0) / 1024)
        self.tree_total_mb = max(self.tree_total_mb, total)
        self.samples += 1
        return total

    def by_label(self) -> dict[str, tuple[int, float]]:
        """label → (how many processes, the largest peak among them)."""
        out: dict[str, tuple[int, float]] = {}
        for label, peak in self.processes.values():
            count, top = out.get(label, (0, 0.0))
            out[label] = (count + 1, max(top, peak))
        return out

    def describe(self) -> str:
        parts = [f"{label} ×{count} {peak:,.0f} MB" if count > 1 else f"{label} {peak:,.0f} MB"
                 for label, (count, peak) in sorted(self.by_label().items(), key=lambda kv: -kv[1][1])]
        exact = f"{self.largest_exact_mb:,.0f} MB (exact)" if self.largest_exact_mb else "not known exactly (killed)"
        return (f"largest process {exact}, tree total {self.tree_total_mb:,.0f} MB "
                f"(sampled); " + ", ".join(parts))


@dataclass
class Run:
    """One measured command."""

    args: tuple[str, ...]
    exit: int | str
    seconds: float
    memory: Memory
    log: Path
    leftovers: int = 0

    def tail(self, lines: int = 3) -> str:
        text = self.log.read_text(errors="replace").strip().splitlines()
        return " | ".join(text[-lines:])


def measure(data_dir: Path, log: Path, *args: str, timeout: float = 4 * 3600, limit_mb: float | None = None) -> Run:
    """Run `khobao --data-dir DATA_DIR ARGS...` (its own session, under the wrapper), sampling its tree
    until it ends. It is killed after `timeout` seconds, or as soon as one of its processes holds more
    than `limit_mb` (so that a build that would eat the machine's memory cannot bring the OOM killer
    onto other people's work; the machine is shared)."""
    memory = Memory()
    result = log.with_suffix(".rusage")
    command = [sys.executable, "-c", WRAPPER, str(result), sys.executable, "-m", "khobao", "--data-dir", str(data_dir),
               *args]
    started = reported = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        status: int | str = "?"
        try:
            while True:
                try:
                    status = process.wait(timeout=SAMPLE_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if time.perf_counter() - started > timeout:
                    status = f"killed after {timeout:.0f} s"
                    break
                now_mb = memory.sample(process.pid, skip=process.pid)
                if limit_mb and memory.largest_now_mb > limit_mb:
                    status = (f"killed by the bench after {(time.perf_counter() - started) / 60:.1f} min: a process "
                              f"held {memory.largest_now_mb:,.0f} MB, over the bench's --kill-above {limit_mb:,.0f} MB")
                    break
                if time.perf_counter() - reported >= REPORT_SECONDS:
                    reported = time.perf_counter()
                    print(f"    ... khobao {' '.join(args[:1])}: {(reported - started) / 60:.0f} min, {now_mb:,.0f} MB in "
                          f"all processes now, largest peak so far {max((p for _, p in memory.processes.values()), default=0):,.0f} MB",
                          flush=True)
        finally:
            seconds = time.perf_counter() - started
            if process.poll() is None:          # stopped by the bench (or interrupted): the whole group at once
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=60)
                _wait_group_gone(process.pid)
            left = stop_group(process)
    if result.exists() and isinstance(status, int):
        code, maxrss_kb = result.read_text().split()
        status = int(code)
        memory.largest_exact_mb = int(maxrss_kb) / 1024           # KB on Linux
    return Run(args, status, seconds, memory, log, left)


def _wait_group_gone(group: int, seconds: float = 10.0) -> None:
    """Wait (a little) for the killed members of a process group to be gone from /proc."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = False
        for entry in os.listdir("/proc"):
            try:
                alive = entry.isdigit() and os.getpgid(int(entry)) == group
            except OSError:
                continue
            if alive:
                break
        if not alive:
            return
        time.sleep(0.1)


def server_memory(root: int) -> tuple[float, list[tuple[str, float, float]]]:
    """A running server's resident MB now (whole tree) and (label, MB now, peak MB) per process."""
    rows, total = [], 0.0
    for pid in tree(root):
        kb = _status_kb(pid)
        if kb:
            total += kb.get("VmRSS", 0) / 1024
            rows.append((_label(pid), kb.get("VmRSS", 0) / 1024, kb.get("VmHWM", 0) / 1024))
    return total, rows


def server_private(root: int) -> float:
    """A running server's private memory in MB (RssAnon, whole tree): resident memory without the pages
    of index files it maps, which the page cache holds once for every process that reads them."""
    return sum(_status_kb(pid).get("RssAnon", 0) for pid in tree(root)) / 1024


def disk_bytes(*paths: Path) -> int:
    """Bytes of the files at `paths` (directories walked), as allocated on disk."""
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_blocks * 512
        elif path.is_dir():
            total += sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())
    return total
