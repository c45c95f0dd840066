"""The app's link to the archive: one search engine per app, refreshed when the index changes; the store.

The index is opened once and shared by every request thread (the searcher is thread-safe).
A running server must see newly indexed articles without a restart, so at most once per
`refresh_interval` seconds a search first looks at the index directory (names, sizes and times of
its files: one directory listing) and, when that changed, asks the searcher to refresh. An index
that does not exist yet (a fresh data directory) is looked for on the same schedule.

Searches people repeat (the day's news, a link shared around, the back button, the side panel's
wider searches) are answered from a small cache of recent pages, emptied whenever the index
changes, so a cached page is never older than the refresh interval.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Callable, TypeVar

from indexer import DamagedIndexError, Engine, Hit, SearchError, SearchPage, SearchRequest, open_engine
from store import ArticleStore, StoredArticle, Version

from .errors import IndexUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
REMEMBERED = 128     # answers kept by `remember` (trends: day counts of a few thousand days, pages of ~100 kB)


class Archive:
    def __init__(self, store_path: Path, index_dir: Path, *, refresh_interval: float = 1.0,
                 cache_size: int = 2000):
        self.store_path = Path(store_path)
        self.index_dir = Path(index_dir)
        self.refresh_interval = refresh_interval
        self.cache_size = cache_size
        self._searcher = None
        self._damaged = False                # the last attempt to open the index found it damaged
        self._lock = threading.Lock()
        self._next_check = 0.0
        self._cache: OrderedDict[SearchRequest, SearchPage] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._remembered: OrderedDict[tuple, object] = OrderedDict()   # (index signature, key) -> value
        self._signature: tuple | None = None
        self._local = threading.local()     # one SQLite connection per request thread
        self._stores: list[ArticleStore] = []

    # -- index ---------------------------------------------------------------------------------

    def _open_engine(self) -> Engine | None:
        engine = open_engine(self.index_dir)
        try:
            engine.refresh()   # opens the index for search
            engine.warm_up()   # and reads what the first search without hits would
        except Exception as exc:  # no index yet, or one being created: look again at the next check
            engine.close()
            log.info("no searchable index in %s yet: %s", self.index_dir, exc)
            self._damaged = isinstance(exc, DamagedIndexError)
            return None
        self._damaged = False
        return engine

    def searcher(self) -> Engine:
        """The shared search engine, refreshed at most once per interval. Raises IndexUnavailable."""
        now = time.monotonic()
        if now >= self._next_check:
            with self._lock:
                if now >= self._next_check:
                    signature = self._index_signature()
                    if self._searcher is None:
                        if self.index_dir.exists():
                            self._searcher = self._open_engine()
                    elif signature != self._signature:
                        self._searcher.refresh()
                    if signature != self._signature:
                        with self._cache_lock:
                            self._cache.clear()
                        self._signature = signature
                    self._next_check = now + self.refresh_interval
        if self._searcher is None:
            raise IndexUnavailable(str(self.index_dir), "damaged_archive" if self._damaged else "empty_archive")
        return self._searcher

    def _index_signature(self) -> tuple:
        """What changes whenever the index does: its files' names, sizes and modification times."""
        try:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(self.index_dir)))
        except OSError:
            return ()

    def search(self, request: SearchRequest, *, cache: bool = True) -> SearchPage:
        """`cache=False` for one-off bulk reads (exports), which would only push useful pages out.

        Raises IndexUnavailable when there is no index, or a file of it turns out damaged."""
        try:
            return self._search(request, cache)
        except DamagedIndexError as exc:
            log.error("%s", exc)
            raise IndexUnavailable(str(self.index_dir), "damaged_archive") from None

    def _search(self, request: SearchRequest, cache: bool) -> SearchPage:
        searcher = self.searcher()
        if not self.cache_size or not cache:
            return searcher.search(request)
        with self._cache_lock:
            page = self._cache.get(request)
            if page is None and request.facets_only:  # the counts of a full page already at hand
                page = self._cache.get(dataclasses.replace(request, facets_only=False))
            if page is not None:
                self._cache.move_to_end(request if request in self._cache else
                                        dataclasses.replace(request, facets_only=False))
        if page is not None:
            return dataclasses.replace(page, cached=True)   # took_ms stays the first search's time
        page = searcher.search(request)
        with self._cache_lock:
            self._cache[request] = page
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return page

    def remember(self, key: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, kept for `key` until the index changes (the newest REMEMBERED answers): for what
        is derived from the index and costs more than a search to make again, such as the trends page.
        Raises IndexUnavailable (before computing) when there is no index."""
        self.searcher()
        full = (self._signature, key)
        with self._cache_lock:
            if full in self._remembered:
                self._remembered.move_to_end(full)
                return self._remembered[full]   # type: ignore[return-value]
        value = compute()
        if self.cache_size:
            with self._cache_lock:
                self._remembered[full] = value
                while len(self._remembered) > REMEMBERED:
                    self._remembered.popitem(last=False)
        return value

    def day_counts(self, request: SearchRequest) -> dict:
        """Matching articles per day, None for the undated (`Engine.day_counts`; read-only), remembered
        until the index changes: the trends page asks the same queries again with another unit or
        as shares. Raises IndexUnavailable."""
        try:
            return self.remember(("day_counts", request), lambda: self.searcher().day_counts(request))
        except DamagedIndexError as exc:
            log.error("%s", exc)
            raise IndexUnavailable(str(self.index_dir), "damaged_archive") from None

    def highlight(self, text: str, query: str) -> str | None:
        """`text` as HTML with the query's words marked (None: no words to mark). With an index, its
        syllables are read as words as the search read them; without one, each syllable is marked."""
        try:
            return self.searcher().highlight(text, query)
        except (IndexUnavailable, SearchError):
            with open_engine(self.index_dir) as engine:
                return engine.highlight(text, query)

    def more_like_this(self, article_id: int, limit: int = 5) -> list[Hit]:
        return self.searcher().more_like_this(article_id, limit=limit)

    def copies(self, article_id: int, limit: int = 100) -> list[Hit]:
        """The article's near-identical copies, itself included, first published first (the first `limit`)."""
        return self.searcher().copies(article_id, limit=limit)

    def doc_count(self) -> int:
        try:
            return self.searcher().doc_count()
        except IndexUnavailable:
            return 0

    # -- store ---------------------------------------------------------------------------------

    def store(self) -> ArticleStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = ArticleStore(self.store_path, read_only=True)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def article(self, article_id: int) -> StoredArticle | None:
        if not self.store_path.exists() or not 0 < article_id < 2**63:   # SQLite integers are 64-bit
            return None
        return self.store().get(article_id)

    def overview(self) -> tuple[dict[str, int], datetime | None, datetime | None]:
        """Articles per source and the first and last publication dates, for the welcome page."""
        if not self.store_path.exists():
            return {}, None, None
        store = self.store()
        first, last = store.date_range()
        parse = lambda text: datetime.fromisoformat(text) if text else None
        return store.counts_by_source(), parse(first), parse(last)

    def source_years(self) -> dict[str, tuple[int, int]]:
        """Each source's first and last year of publication, for the home page's list of sources."""
        if not self.store_path.exists():
            return {}
        store = self.store()
        out = {}
        for name in store.counts_by_source():
            first, last = store.date_range(name)
            if first and last:
                out[name] = (int(first[:4]), int(last[:4]))
        return out

    def versions(self, article_id: int) -> list[Version]:
        return self.store().versions(article_id)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            for store in self._stores:
                try:
                    store.close()
                except Exception:  # a connection made in another thread: closing is best effort
                    pass
            self._stores.clear()
