"""Bring the index up to date with the article store.

`update_index` catches up incrementally from the store's change sequence; the last indexed
sequence number is kept in `khobao.json` inside the index directory and written only after
Whoosh has committed, so a crash midway leaves the previous index usable and the next run
replays what was missed (replaying is harmless: documents are replaced by article id).

A rebuild (or a first build) writes a fresh index in a sibling directory with every core and
swaps it in when complete; searchers notice the new build id and reopen.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index

from crawler.store import ArticleStore

from .schema import SCHEMA_VERSION, build_schema, document
from .settings import IndexSettings

STATE_FILE = "khobao.json"
WRITE_LOCK_TIMEOUT = 60.0  # seconds to wait for another writer (e.g. a crawl indexing)
PARALLEL_THRESHOLD = 2000  # pending changes above which an incremental run uses every core

Progress = Callable[[int, int], None]


class IndexError_(Exception):
    pass


@dataclass(frozen=True)
class IndexReport:
    added: int
    updated: int
    deleted: int
    total: int       # documents in the index afterwards
    seconds: float
    rebuilt: bool = False


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
    state = read_state(index_dir)
    return (state.get("schema") == SCHEMA_VERSION and index_dir.is_dir()
            and whoosh_index.exists_in(str(index_dir)))


def _writer(ix, settings: IndexSettings, parallel: bool):
    if parallel and settings.procs > 1:
        return ix.writer(procs=settings.procs, multisegment=True, limitmb=settings.memory_mb)
    return ix.writer(limitmb=settings.memory_mb, timeout=WRITE_LOCK_TIMEOUT, delay=0.25)


def update_index(store: ArticleStore, index_dir: Path, settings: IndexSettings, *, rebuild: bool = False,
                 progress: Progress | None = None) -> IndexReport:
    """Index what changed in the store since the last run; `rebuild` builds afresh."""
    index_dir = Path(index_dir)
    if rebuild or not index_exists(index_dir):
        return _rebuild(store, index_dir, settings, progress)
    return _catch_up(store, index_dir, settings, progress)


def _rebuild(store: ArticleStore, index_dir: Path, settings: IndexSettings,
             progress: Progress | None) -> IndexReport:
    started = time.perf_counter()
    last_seq = store.last_seq()  # changes after this are caught by the next run (replay is harmless)
    building = index_dir.with_name(index_dir.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    ix = whoosh_index.create_in(str(building), build_schema())
    total = store.count()
    writer = _writer(ix, settings, parallel=total >= 200)
    added = 0
    try:
        for stored in store.all_articles():
            writer.add_document(**document(stored.id, stored.article))
            added += 1
            if progress and added % 500 == 0:
                progress(added, total)
        writer.commit()
    except BaseException:
        writer.cancel()
        ix.close()
        shutil.rmtree(building, ignore_errors=True)
        raise
    ix.close()
    _write_state(building, {"schema": SCHEMA_VERSION, "last_seq": last_seq, "build": uuid.uuid4().hex})
    _swap_in(building, index_dir)
    if progress:
        progress(added, total)
    return IndexReport(added=added, updated=0, deleted=0, total=added,
                       seconds=time.perf_counter() - started, rebuilt=True)


def _swap_in(building: Path, index_dir: Path) -> None:
    """Replace the live index by the finished build with two renames (open searchers keep their files)."""
    old = None
    if index_dir.exists():
        old = index_dir.with_name(f"{index_dir.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(index_dir, old)
    os.replace(building, index_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _catch_up(store: ArticleStore, index_dir: Path, settings: IndexSettings,
              progress: Progress | None) -> IndexReport:
    started = time.perf_counter()
    state = read_state(index_dir)
    since = int(state.get("last_seq", 0))
    last_seq = store.last_seq()
    pending = max(0, last_seq - since)
    ix = whoosh_index.open_dir(str(index_dir))
    added = updated = deleted = 0
    if pending:
        with ix.searcher() as before:
            writer = _writer(ix, settings, parallel=pending >= PARALLEL_THRESHOLD)
            try:
                done = 0
                for stored in store.changes_since(since):
                    key = str(stored.id)
                    known = before.document_number(id=key) is not None
                    if stored.deleted:
                        if known:
                            writer.delete_by_term("id", key)
                            deleted += 1
                    else:
                        writer.update_document(**document(stored.id, stored.article))
                        if known:
                            updated += 1
                        else:
                            added += 1
                    last_seq = max(last_seq, stored.seq)
                    done += 1
                    if progress and done % 500 == 0:
                        progress(done, pending)
                writer.commit()
            except BaseException:
                writer.cancel()
                ix.close()
                raise
        _write_state(index_dir, {**state, "last_seq": last_seq})
    if progress:
        progress(pending, pending)
    with ix.searcher() as after:
        total = after.doc_count()
    ix.close()
    return IndexReport(added=added, updated=updated, deleted=deleted, total=total,
                       seconds=time.perf_counter() - started)
