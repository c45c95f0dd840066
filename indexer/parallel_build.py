"""The segments of a full build, written in parallel: one worker process per range of the store's
change sequence, each writing one uncommitted segment that the parent commits with the rest.

Workers die with their parent (a killed build must not leave processes burning the cores), and
report progress through a shared counter; a small store is built in the calling process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index

from store import ArticleStore

from .schema import document
from .whoosh_bridge import abandon_writer, finalize_segment, finish_writer
from .writer import BulkWriter

PARALLEL_MIN_ARTICLES = 2000   # below this a build runs in this process (starting workers costs more)
PROGRESS_EVERY = 200

Progress = Callable[[int, int], None]


def _build_part(store_path: str, index_dir: str, low_seq: int, high_seq: int, memory_mb: int = 512,
                counter=None) -> tuple:
    """Write the live articles with low_seq < seq <= high_seq as segments, without committing them.

    Runs in a worker process for a parallel build (the parent commits all segments at once). A
    segment is written out whenever its postings reach `memory_mb`, so a build of any size holds
    at most that much per process and spills the rest to disk as further segments.
    Returns (segments, documents written).
    """
    ix = whoosh_index.open_dir(index_dir)
    limit = memory_mb << 20
    segments: list = []
    writer = BulkWriter(ix, _lk=False, limitmb=memory_mb)
    written = in_segment = 0
    try:
        with ArticleStore(store_path) as store:
            for stored in store.changes_since(low_seq):
                if stored.seq > high_seq:
                    break
                if stored.deleted:
                    continue
                writer.add_document(**document(stored.id, stored.article, stored.version))
                written += 1
                in_segment += 1
                if written % PROGRESS_EVERY == 0:
                    if counter is not None:
                        with counter.get_lock():
                            counter.value += PROGRESS_EVERY
                    if writer.held_bytes() > limit:       # spill: this segment is full
                        segments.append(finalize_segment(writer))
                        finish_writer(writer)
                        writer = BulkWriter(ix, _lk=False, limitmb=memory_mb)
                        in_segment = 0
        if in_segment:
            segments.append(finalize_segment(writer))
    except BaseException:
        abandon_writer(writer)
        raise
    if in_segment:
        finish_writer(writer)
    else:                       # nothing since the last spill (or at all): no segment to keep
        writer.cancel()
    if counter is not None:
        with counter.get_lock():
            counter.value += written % PROGRESS_EVERY
    return segments, written


def _die_with_parent(parent_pid: int) -> None:
    """A worker must not outlive a build whose parent was killed (it would burn a core for minutes).

    Linux delivers SIGKILL at the parent's death (PR_SET_PDEATHSIG); everywhere, a thread also
    watches for the worker being handed to another parent."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


def _part_worker(args, counter, results, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    try:
        results.put(("ok", _build_part(*args, counter)))
    except BaseException as exc:  # reported to the parent, which raises it
        results.put(("error", (getattr(exc, "errno", None), f"{type(exc).__name__}: {exc}")))


def _seq_ranges(last_seq: int, parts: int) -> list[tuple[int, int]]:
    step = max(1, -(-last_seq // parts))
    return [(i * step, min(last_seq, (i + 1) * step)) for i in range(parts) if i * step < last_seq] or [(0, 0)]


class _LocalCounter:
    """The shared-counter interface of the worker processes, reporting straight to `progress`."""

    def __init__(self, progress: Progress | None, total: int):
        self._progress, self._total, self.value = progress, total, 0

    def get_lock(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._progress and exc[0] is None:
            self._progress(min(self.value, self._total), self._total)


def start_method() -> str:
    """fork where it is safe (no other threads: the command line), else spawn (e.g. in the web server).

    Spawned workers re-import the main module, which is fine for `khobao` and `python -m khobao`
    but runs an unguarded script again; forking a process that has threads can deadlock.
    """
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def build_segments(store: ArticleStore, building: Path, last_seq: int, procs: int, total: int,
                    progress: Progress | None, memory_mb: int = 512) -> tuple[list, int]:
    """Write the segments of a full build: in `procs` worker processes, or here for a small store."""
    ranges = _seq_ranges(last_seq, procs if total >= PARALLEL_MIN_ARTICLES else 1)
    if len(ranges) == 1:
        segments, written = _build_part(str(store.path), str(building), *ranges[0], memory_mb,
                                        _LocalCounter(progress, total))
        return segments, written
    context = multiprocessing.get_context(start_method())
    counter = context.Value("q", 0)
    results = context.Queue()
    workers = [context.Process(target=_part_worker, daemon=True,
                               args=((str(store.path), str(building), low, high, memory_mb), counter, results,
                                     os.getpid()))
               for low, high in ranges]
    for worker in workers:
        worker.start()
    outcomes = []
    try:
        while len(outcomes) < len(workers):
            try:
                outcomes.append(results.get(timeout=0.5))
            except queue.Empty:
                if not any(w.is_alive() for w in workers) and results.empty():
                    raise RuntimeError("an indexing process ended without a result (out of memory?)") from None
            if progress:
                progress(min(counter.value, total), total)
    finally:
        for worker in workers:
            if worker.is_alive() and len(outcomes) < len(workers):
                worker.terminate()
            worker.join()
    errors = [detail for status, detail in outcomes if status == "error"]
    if errors:
        code, message = errors[0]
        if code is not None:   # an OSError (a full disk, say) stays one
            raise OSError(code, f"indexing failed: {message}")
        raise RuntimeError(f"indexing failed: {message}")
    parts = [detail for _, detail in outcomes]
    return [segment for segments, _ in parts for segment in segments], sum(n for _, n in parts)
