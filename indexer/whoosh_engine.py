"""The Whoosh engine: `Engine` (indexer/engine.py) over `Searcher` and `update_index`."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Sequence

from store import ArticleStore

from .api import Hit, SearchPage, SearchRequest
from .engine import IndexStatus, Progress
from .errors import SearchError, damaged_message, forget
from .generations import folder_bytes, leftovers, on_live_generation, remove_index
from .index import IndexReport, index_exists, outdated_message, read_state, update_index
from .query import Term, parse
from .search import SUGGEST_FROM, Searcher
from .settings import IndexSettings
from .snippets import highlight, marked_spans
from .word_groups import lone_syllables


class WhooshEngine:
    """One index directory; its Searcher is opened on the first search and kept."""

    def __init__(self, index_dir: Path, settings: IndexSettings):
        self.index_dir = Path(index_dir)
        self.settings = settings
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()

    def _search_side(self) -> Searcher:
        searcher = self._searcher
        if searcher is None:
            with self._lock:
                if self._searcher is None:
                    outdated = outdated_message(self.index_dir)
                    if outdated is not None:  # its terms are not this version's: say so rather than miss words
                        raise SearchError(outdated)
                    self._searcher = Searcher(self.index_dir)
                searcher = self._searcher
        return searcher

    def search(self, request: SearchRequest) -> SearchPage:
        return self._search_side().search(request)

    def suggest(self, query: str) -> tuple[str | None, str | None]:
        page = self.search(SearchRequest(query, per_page=SUGGEST_FROM))
        return page.suggestion, page.correction

    def more_like_this(self, article_id: int, limit: int = 5) -> list[Hit]:
        return self._search_side().more_like_this(article_id, limit=limit)

    def day_counts(self, request: SearchRequest) -> dict[date | None, int]:
        return self._search_side().day_counts(request)

    def copies(self, article_id: int, limit: int = 100) -> list[Hit]:
        return self._search_side().copies(article_id, limit=limit)

    def highlight(self, text: str, query: str) -> str | None:
        terms, lone = self._marked_words(query)
        return highlight(text, terms, lone) if terms else None

    def match_spans(self, texts: Sequence[str], query: str) -> list[list[tuple[int, int]]]:
        terms, lone = self._marked_words(query)
        return [marked_spans(text, terms, lone) if terms else [] for text in texts]

    def _marked_words(self, query: str) -> tuple[tuple[Term, ...], frozenset[str] | None]:
        """The query's syllables to mark and those that may be marked alone, read as `highlight` reads them."""
        if not query:
            return (), None
        searcher = self._searcher    # open: the query's syllables are read as words, as the search read them
        parsed = searcher.read_query(query) if searcher is not None else parse(query)
        return tuple(parsed.terms), lone_syllables(parsed.root)

    def update(self, store: ArticleStore, *, progress: Progress | None = None) -> IndexReport:
        return update_index(store, self.index_dir, self.settings, progress=progress)

    def rebuild(self, store: ArticleStore, *, progress: Progress | None = None) -> IndexReport:
        return update_index(store, self.index_dir, self.settings, rebuild=True, progress=progress)

    def remove(self) -> None:
        self.close()
        remove_index(self.index_dir)

    def status(self) -> IndexStatus:
        left = tuple(leftovers(self.index_dir))
        outdated = outdated_message(self.index_dir)
        if outdated is not None:
            return IndexStatus(exists=True, documents=0, indexed_seq=0, damaged=outdated, leftovers=left)
        if not index_exists(self.index_dir):
            return IndexStatus(exists=False, documents=0, indexed_seq=0, leftovers=left)
        documents, damaged, failure = 0, None, None
        try:
            documents = _documents(self.index_dir)
        except Exception as exc:  # noqa: BLE001 - a truncated or garbled file, whatever Whoosh raises
            failure = exc
        if failure is not None:
            forget(failure)
            damaged = damaged_message(self.index_dir, failure)
        return IndexStatus(exists=True, documents=documents, damaged=damaged,
                           indexed_seq=int(read_state(self.index_dir).get("last_seq", 0)),
                           bytes=folder_bytes(self.index_dir), leftovers=left)

    def warm_up(self) -> None:
        self._search_side().warm_up()

    def doc_count(self) -> int:
        return self._search_side().doc_count()

    def refresh(self) -> None:
        if self._searcher is None:
            self._search_side()
        else:
            self._searcher.refresh()

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def __enter__(self) -> "WhooshEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _documents(index_dir: Path) -> int:
    """Live documents, from Whoosh's table of contents: no searcher (fast on a large index).
    Raises what Whoosh raises on a damaged file."""
    from whoosh import index as whoosh_index

    def count(generation: Path) -> int:
        ix = whoosh_index.open_dir(str(generation))
        try:
            return ix.doc_count()   # 0 for an index without documents
        finally:
            ix.close()

    return on_live_generation(index_dir, count)
