"""One crawl at a time per data directory.

Two crawls on one frontier would claim the same URLs and fetch every page twice. A crawl holds an
exclusive `flock` on `crawl.lock` in the data directory while it runs; the kernel releases it when
the process ends, however it ends (kill -9 included), so a lock is never stale. The file names the
holder (pid, start time, command line) so that the refusal can say who holds it. The file itself
stays (emptied on release): removing a locked file lets two processes lock two different files.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from store import DataDir

from .errors import CrawlLocked, CrawlLockUnavailable


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "a process that has not written its name yet"


def _describe_self() -> str:
    command = shlex.join(["khobao" if sys.argv[0].endswith(("khobao", "__main__.py")) else sys.argv[0],
                          *sys.argv[1:]])
    started = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return f"pid {os.getpid()} since {started}: {command}"


@contextmanager
def crawl_lock(data_dir: Path):
    """Hold the data directory's crawl lock for the block; raise CrawlLocked at once if another process has it."""
    data_dir = Path(data_dir)
    path = DataDir(data_dir).crawl_lock
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CrawlLockUnavailable(f"cannot open the crawl lock {path}: {exc.strerror or exc}; "
                           "the data directory must be writable to crawl") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(path)
            pid = holder.split()[1] if holder.startswith("pid ") else None
            stop = f"stop it (kill {pid}; " if pid else "stop it ("
            raise CrawlLocked(
                f"another crawl is running on {data_dir} ({holder}); wait for it to finish, or {stop}"
                "the next crawl resumes where it stopped) and run this again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (_describe_self() + "\n").encode("utf-8", "replace"), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)                # releases the lock


def crawl_holder(data_dir: Path) -> str | None:
    """Who holds the data directory's crawl lock ("pid N since T: command"), or None: no crawl runs.
    Reads only, so `khobao status` can tell on a read-only data directory too."""
    path = DataDir(data_dir).crawl_lock
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _holder(path)
    finally:
        os.close(fd)                # closing releases the shared lock taken to look
    return None
