"""Where the live index is, and what a killed run left beside it.

`index` is a symbolic link to one generation directory, `index.gen-<id>`. A rebuild writes a
new generation and points the link at it with one `os.replace` of a fresh link, so every reader
sees either the old index or the new one, never none (renaming directories took two steps, and
a kill between them left no index). Readers resolve the link once (`live_dir`) and keep reading
the generation they opened; on Linux, files they hold open stay readable after it is removed.

A generation being built holds an exclusive lock on its `owner.lock` (released by the kernel
when its builder dies), and a writer catching up holds Whoosh's write lock: `recover` never
touches either. Anything else beside the live index (an unfinished or replaced generation,
`index.old-*` and `index.building` from earlier versions) is a leftover of a killed run and is
removed, or, when there is no live index at all, the newest complete one is adopted.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

try:
    import fcntl
except ImportError:  # not POSIX: no lock, so a leftover is removed only when no index command runs
    fcntl = None

STATE_FILE = "khobao.json"
OWNER_FILE = "owner.lock"
WHOOSH_WRITE_LOCK = "MAIN_WRITELOCK"
GENERATION = ".gen-"
LEGACY = (".old-", ".building")   # the two directories of the old two-rename swap
T = TypeVar("T")

PAUSE_HOOK = "KHOBAO_TEST_PAUSE_AT"  # crash tests only: "swap:MARKER" touches MARKER and sleeps mid-swap


@dataclass(frozen=True)
class Leftover:
    path: Path
    bytes: int
    action: str   # "remove", "adopt" (becomes the live index), or "busy" (a running process owns it)

    def describe(self) -> str:
        later = "by the next `khobao index` (or import, crawl)"
        what = {"remove": f"will be removed {later}", "adopt": f"will become the index (none is live) {later}",
                "busy": "in use by a running khobao process (left alone)"}[self.action]
        return f"{self.path.name} ({human_size(self.bytes)}): {what}"


def live_dir(index_dir: Path) -> Path:
    """The directory holding the live index: the link's target, or `index_dir` itself (a plain
    directory from an earlier version, or nothing yet)."""
    index_dir = Path(index_dir)
    try:
        target = os.readlink(index_dir)
    except OSError:
        return index_dir
    return index_dir.parent / target


def on_live_generation(index_dir: Path, work: Callable[[Path], T], attempts: int = 3) -> T:
    """`work(generation)` on the generation the link points at; when it fails because a rebuild
    replaced (and removed) that generation meanwhile, again on the new one."""
    for _ in range(attempts - 1):
        generation = live_dir(index_dir)   # resolved once: a rebuild may replace the link meanwhile
        try:
            return work(generation)
        except Exception:
            if live_dir(index_dir) == generation:
                raise
    return work(live_dir(index_dir))


class Generation:
    """A new generation directory, owned by this process until it is swapped in or discarded."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.path = self.index_dir.with_name(f"{self.index_dir.name}{GENERATION}{uuid.uuid4().hex[:12]}")
        self.path.mkdir(parents=True)
        self._owner = os.open(self.path / OWNER_FILE, os.O_CREAT | os.O_WRONLY, 0o644)
        if fcntl is not None:
            fcntl.flock(self._owner, fcntl.LOCK_EX)
        os.write(self._owner, str(os.getpid()).encode())

    def swap(self) -> Path | None:
        """Make this generation the live index in one step; returns the one it replaced."""
        index_dir = self.index_dir
        old = live_dir(index_dir) if os.path.lexists(index_dir) else None
        if index_dir.is_dir() and not index_dir.is_symlink():
            # an index from before generations: move it aside as an ordinary generation. Killed
            # right here, `recover` adopts the newest complete generation (this one).
            old = index_dir.with_name(f"{index_dir.name}{GENERATION}{uuid.uuid4().hex[:12]}")
            os.replace(index_dir, old)
        link = self.path / "link.tmp"   # inside the locked generation: never mistaken for a leftover
        os.symlink(self.path.name, link)
        pause_for_tests("swap")
        os.replace(link, index_dir)
        _sync_dir(index_dir.parent)
        self._release()
        return old

    def discard(self) -> None:
        self._release()
        shutil.rmtree(self.path, ignore_errors=True)

    def _release(self) -> None:
        if self._owner is not None:
            (self.path / OWNER_FILE).unlink(missing_ok=True)
            os.close(self._owner)
            self._owner = None


def remove_replaced(old: Path | None, live: Path) -> None:
    """Remove the generation a swap replaced, unless a process still writes to it."""
    if old is not None and old != live:
        _remove_if_unused(old)


def pause_for_tests(point: str) -> None:
    """Crash tests kill a run at a chosen point: with KHOBAO_TEST_PAUSE_AT=POINT:MARKER set, the
    run touches MARKER when it gets there and sleeps, to be killed."""
    wanted, _, marker = os.environ.get(PAUSE_HOOK, "").partition(":")
    if wanted == point and marker:
        Path(marker).touch()
        time.sleep(60)


def leftovers(index_dir: Path) -> list[Leftover]:
    """What `recover` would do with each directory beside the live index (nothing is changed)."""
    index_dir = Path(index_dir)
    target = live_dir(index_dir)
    found = []
    for path in sorted(index_dir.parent.glob(f"{index_dir.name}.*")):
        name = path.name[len(index_dir.name):]
        if path == target or not path.is_dir() or path.is_symlink():
            continue
        if not (name.startswith(GENERATION) or name.startswith(LEGACY[0]) or name == LEGACY[1]):
            continue
        found.append(Leftover(path, folder_bytes(path), "busy" if _in_use(path) else "remove"))
    if not _is_complete(index_dir):
        complete = [f for f in found if f.action == "remove" and _is_complete(f.path)]
        if complete:
            newest = max(complete, key=lambda f: (f.path / STATE_FILE).stat().st_mtime_ns)
            found[found.index(newest)] = Leftover(newest.path, newest.bytes, "adopt")
    return found


def recover(index_dir: Path) -> list[Leftover]:
    """Adopt or remove what a killed run left (see the module docstring); returns what was done."""
    index_dir = Path(index_dir)
    done = leftovers(index_dir)
    for leftover in done:
        if leftover.action == "adopt":
            if index_dir.is_dir() and not index_dir.is_symlink():
                shutil.rmtree(index_dir, ignore_errors=True)   # a plain directory without a usable index
            path = leftover.path
            if not path.name.startswith(index_dir.name + GENERATION):   # an earlier version's name
                path = index_dir.with_name(f"{index_dir.name}{GENERATION}{uuid.uuid4().hex[:12]}")
                os.replace(leftover.path, path)
            link = path / "link.tmp"
            link.unlink(missing_ok=True)
            os.symlink(path.name, link)
            os.replace(link, index_dir)
            _sync_dir(index_dir.parent)
    for leftover in done:
        if leftover.action == "remove":
            _remove_if_unused(leftover.path)
    return done


def has_toc(path: Path) -> bool:
    """Whoosh's table of contents is there (whoosh.index.exists_in reads it, and raises if damaged)."""
    try:
        return any(name.startswith("_MAIN_") and name.endswith(".toc") for name in os.listdir(path))
    except OSError:
        return False


def remove_index(index_dir: Path) -> None:
    """Remove the index: the link, every generation and every leftover (e.g. `khobao demo --rebuild`)."""
    index_dir = Path(index_dir)
    if index_dir.is_symlink():
        index_dir.unlink()
    shutil.rmtree(index_dir, ignore_errors=True)
    for path in index_dir.parent.glob(f"{index_dir.name}.*"):
        name = path.name[len(index_dir.name):]
        if name.startswith(GENERATION) or name.startswith(LEGACY[0]) or name == LEGACY[1]:
            shutil.rmtree(path, ignore_errors=True)


def _is_complete(path: Path) -> bool:
    """A finished index: its state file was written after Whoosh committed."""
    from .schema import SCHEMA_VERSION

    try:
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
        return state.get("schema") == SCHEMA_VERSION and has_toc(path)
    except (OSError, ValueError, AttributeError):
        return False


def _in_use(path: Path) -> bool:
    """A builder holds its owner lock, or a writer holds Whoosh's write lock."""
    if fcntl is None:
        return False
    for name in (OWNER_FILE, WHOOSH_WRITE_LOCK):
        try:
            fd = os.open(path / name, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)   # closing releases the lock taken for the test
    return False


def _remove_if_unused(path: Path) -> None:
    if not _in_use(path):
        shutil.rmtree(path, ignore_errors=True)


def folder_bytes(path: Path) -> int:
    """Bytes of the files under `path` (0 when it is missing); a file removed meanwhile counts 0."""
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def human_size(n: float) -> str:
    """Bytes for people: 2.9 KB, 12.3 MB."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _sync_dir(path: Path) -> None:
    """Make the rename durable (a power cut after it must not bring the old link back)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
