"""Bring the index up to date with the article store.

`update_index` catches up incrementally from the store's change sequence; the last indexed
sequence number is kept in `khobao.json` inside the index directory and written only after
Whoosh has committed, so a crash midway leaves the previous index usable and the next run
replays what was missed (replaying is harmless: documents are replaced by article id).

A rebuild (or a first build, or a catch-up bigger than the index itself) writes a fresh index in
a new generation directory, one segment per worker process, and swaps it in when complete by
replacing the `index` link (see `generations`); searchers notice the new build id and reopen.
The segments are written by `parallel_build` (its workers die with their parent). Every run
first recovers what a killed run left.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.reading import SegmentReader

from store import ArticleStore

from . import generations
from .errors import DamagedIndexError, IndexDiskFull
from .generations import STATE_FILE, Generation, live_dir, on_live_generation
from .parallel_build import PARALLEL_MIN_ARTICLES, PROGRESS_EVERY, Progress, build_segments
from .postings_file import SegmentPostings
from .schema import SCHEMA_VERSION, build_schema, document, document_from_stored
from .settings import IndexSettings
from .whoosh_bridge import abandon_writer, commit_segments, leaves_of
from .writer import BulkWriter

WRITE_LOCK_TIMEOUT = 60.0      # seconds to wait for another writer (e.g. a crawl indexing)
SWAP_LOCK_TIMEOUT = 600.0      # seconds a finished rebuild waits for a running catch-up before its swap
MAX_SEGMENTS = 8               # more after a catch-up: the small ones are rewritten into the new one
REWRITE_AT_MOST = 5000         # documents of a segment a catch-up may rewrite (a few seconds of work)

@dataclass(frozen=True)
class IndexReport:
    added: int
    updated: int
    deleted: int
    total: int       # documents in the index afterwards
    seconds: float
    rebuilt: bool = False
    recovered: tuple[str, ...] = ()   # what a killed run had left, and what became of it


def read_state(index_dir: Path) -> dict:
    try:
        return json.loads((Path(index_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_state(index_dir: Path, state: dict) -> None:
    path = Path(index_dir) / STATE_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path)


def index_exists(index_dir: Path) -> bool:
    index_dir = Path(index_dir)
    return read_state(index_dir).get("schema") == SCHEMA_VERSION and generations.has_toc(index_dir)


def outdated_message(index_dir: Path) -> str | None:
    """The one-line message for an index an older khobao built (its terms are not this version's:
    searching it would quietly miss words), or None. `khobao index` rebuilds it from the store."""
    index_dir = Path(index_dir)
    schema = read_state(index_dir).get("schema")
    if schema is None or schema == SCHEMA_VERSION or not generations.has_toc(index_dir):
        return None
    return (f"the index in {index_dir} was built by another version of khobao (index format {schema}, this one "
            f"reads {SCHEMA_VERSION}); run `khobao index` to rebuild it from the article store")


def update_index(store: ArticleStore, index_dir: Path, settings: IndexSettings, *, rebuild: bool = False,
                 progress: Progress | None = None) -> IndexReport:
    """Index what changed in the store since the last run; `rebuild` builds afresh.

    Raises DamagedIndexError when a catch-up cannot read the index (a rebuild never reads it)."""
    index_dir = Path(index_dir)
    recovered = tuple(f"{'adopted' if f.action == 'adopt' else 'removed'} {f.path.name} ({generations.human_size(f.bytes)})"
                      for f in generations.recover(index_dir) if f.action != "busy")
    if rebuild or not index_exists(index_dir):
        report = _rebuild(store, index_dir, settings, progress)
    else:
        state = read_state(index_dir)
        pending = store.last_seq() - int(state.get("last_seq", 0))
        if pending > max(PARALLEL_MIN_ARTICLES, 2 * int(state.get("documents", 0))):
            # mostly new: building afresh uses every core and is faster than catching up
            report = _rebuild(store, index_dir, settings, progress)
        else:
            report = _catch_up(store, index_dir, settings, progress)
    return dataclasses.replace(report, recovered=recovered) if recovered else report


# -- full build -----------------------------------------------------------------------------------


def _rebuild(store: ArticleStore, index_dir: Path, settings: IndexSettings,
             progress: Progress | None) -> IndexReport:
    started = time.perf_counter()
    last_seq = store.last_seq()  # changes after this are caught by the next run (replay is harmless)
    generation = Generation(index_dir)
    building = generation.path
    try:
        ix = whoosh_index.create_in(str(building), build_schema())
        segments, added = build_segments(store, building, last_seq, max(1, settings.procs), store.count(), progress,
                                          settings.memory_mb)
        writer = ix.writer()
        commit_segments(writer, segments)
        ix.close()
        _write_state(building, {"schema": SCHEMA_VERSION, "last_seq": last_seq, "documents": added,
                                "build": uuid.uuid4().hex})
        # Articles stored while the build ran would vanish from search at the swap (until the next
        # catch-up) and a catch-up running across it would write into the replaced generation: so
        # the new generation catches up first, then once more with the live index's writers held off.
        _catch_up_in(store, building, settings, None, index_dir)
        with _writers_held_off(index_dir):
            report = _catch_up_in(store, building, settings, None, index_dir)
            replaced = generation.swap()
    except BaseException as exc:
        generation.discard()
        full = IndexDiskFull.of(index_dir, exc, rebuilding=True)
        if full is None:
            raise
        raise full from exc
    generations.remove_replaced(replaced, building)
    added = report.total
    if progress:
        progress(added, added)
    return IndexReport(added=added, updated=0, deleted=0, total=added,
                       seconds=time.perf_counter() - started, rebuilt=True)


# -- incremental catch-up -------------------------------------------------------------------------


def _rewrite_small_segments(writer, segments):
    """Merge policy: with more than MAX_SEGMENTS, the small ones are re-added to the new segment.

    Whoosh's own merge re-reads every posting one by one; re-adding the few documents of small
    segments from their stored fields goes through the fast writer instead. A segment of
    REWRITE_AT_MOST documents or more is never rewritten: a build that spilled into a dozen big
    segments must not make every later catch-up re-add hundreds of thousands of articles.
    """
    if len(segments) < MAX_SEGMENTS:
        return list(segments)
    ordered = sorted(segments, key=lambda s: s.doc_count_all(), reverse=True)
    keep, rewrite = ordered[:MAX_SEGMENTS // 2], []
    for segment in ordered[MAX_SEGMENTS // 2:]:
        (rewrite if segment.doc_count_all() < REWRITE_AT_MOST else keep).append(segment)
    for segment in rewrite:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            for docnum, stored in reader.iter_docs():
                writer.add_document(**document_from_stored(stored))
        finally:
            reader.close()
    return keep


@contextlib.contextmanager
def _writers_held_off(index_dir: Path):
    """Hold the live index's write lock (the one every catch-up takes), waiting for a running one."""
    live = live_dir(index_dir)
    if not live.is_dir():
        yield
        return
    lock = FileStorage(str(live)).lock(generations.WHOOSH_WRITE_LOCK)
    deadline = time.monotonic() + SWAP_LOCK_TIMEOUT
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            raise LockError(f"another khobao process has been writing to the index in {index_dir} for "
                            f"{SWAP_LOCK_TIMEOUT:.0f} s; let it finish, then run `khobao index --rebuild` again")
        time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


class _Overtaken(Exception):
    """A rebuild replaced the generation a catch-up was about to write: catch up the new one."""


def _catch_up(store: ArticleStore, index_dir: Path, settings: IndexSettings,
              progress: Progress | None) -> IndexReport:
    return on_live_generation(
        index_dir, lambda generation: _catch_up_in(store, generation, settings, progress, index_dir, link=index_dir))


def _open_index(generation: Path, shown: Path):
    """Open a generation with a reader, or raise DamagedIndexError (a truncated or garbled file)."""
    try:
        ix = whoosh_index.open_dir(str(generation))
        with ix.reader() as reader:
            for leaf, _ in leaves_of(reader):
                SegmentPostings(leaf)   # raises on a truncated or missing postings file
        return ix
    except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on a bad file
        failure = exc
    raise DamagedIndexError.of(shown, failure)


def _catch_up_in(store: ArticleStore, index_dir: Path, settings: IndexSettings,
                 progress: Progress | None, shown: Path, link: Path | None = None) -> IndexReport:
    """Catch up the generation `index_dir`; with `link`, only while it is the one `link` points at."""
    started = time.perf_counter()
    state = read_state(index_dir)
    since = int(state.get("last_seq", 0))
    last_seq = store.last_seq()
    pending = max(0, last_seq - since)
    ix = _open_index(index_dir, shown)
    added = updated = deleted = 0
    try:
        if pending:
            with ix.searcher() as before:
                writer = BulkWriter(ix, timeout=WRITE_LOCK_TIMEOUT, delay=0.25, limitmb=settings.memory_mb)
                try:
                    if link is not None and live_dir(link) != index_dir:
                        raise _Overtaken(index_dir)   # the lock was held by a rebuild that swapped meanwhile
                    done = 0
                    for stored in store.changes_since(since):
                        key = str(stored.id)
                        known = before.document_number(id=key) is not None
                        if stored.deleted:
                            if known:
                                writer.delete_by_term("id", key)
                                deleted += 1
                        else:
                            if known:
                                writer.delete_by_term("id", key)
                                updated += 1
                            else:
                                added += 1
                            writer.add_document(**document(stored.id, stored.article, stored.version))
                        last_seq = max(last_seq, stored.seq)
                        done += 1
                        if progress and done % PROGRESS_EVERY == 0:
                            progress(done, pending)
                    writer.commit(mergetype=_rewrite_small_segments)
                except BaseException as exc:
                    abandon_writer(writer, alone=True)
                    full = IndexDiskFull.of(shown, exc, rebuilding=False)
                    if full is None:
                        raise
                    raise full from exc
        with ix.searcher() as after:
            total = after.doc_count()
        if pending:
            _write_state(index_dir, {**state, "last_seq": last_seq, "documents": total})
    finally:
        ix.close()
    if progress:
        progress(pending, pending)
    return IndexReport(added=added, updated=updated, deleted=deleted, total=total,
                       seconds=time.perf_counter() - started)
