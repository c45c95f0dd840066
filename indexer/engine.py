"""The engine seam: what a search engine does for the web UI and the command, in plain data.

The web UI (webui/service.py) and the commands (khobao search, index, status) speak to an
`Engine` only: requests and pages (indexer.api), index reports and statuses; no Whoosh object
crosses this line, so a second engine (e.g. Xapian, for archives that outgrow one machine) has
exactly this to implement. `open_engine` returns the Whoosh engine (indexer/whoosh_engine.py).

Errors: the tree of indexer/errors.py: `SearchError` (no index, unreadable) and its subclass
`DamagedIndexError` (only a rebuild helps; also from `update`, a catch-up that cannot read the index).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Protocol, Sequence

from store import ArticleStore

from .api import Hit, SearchPage, SearchRequest
from .errors import DamagedIndexError, IndexerError, SearchError
from .generations import Leftover
from .index import IndexReport
from .settings import IndexSettings

__all__ = ["DamagedIndexError", "Engine", "IndexReport", "IndexStatus", "IndexerError", "Leftover", "Progress",
           "SearchError", "open_engine"]

Progress = Callable[[int, int], None]   # (done, total) while indexing


@dataclass(frozen=True)
class IndexStatus:
    """What `khobao status` shows of an index, read without opening it for search."""
    exists: bool
    documents: int              # live articles in the index (0 when absent or damaged)
    indexed_seq: int            # the store's change sequence the index has caught up to
    damaged: str | None = None  # the one-line message naming the damage and the fix
    bytes: int = 0              # on disk, the live generation (0 when absent)
    leftovers: tuple[Leftover, ...] = ()  # what a killed run left beside it, and what the next run does with it


class Engine(Protocol):
    """A search engine over one index directory. Searching methods may be called from many threads."""

    index_dir: Path

    def search(self, request: SearchRequest) -> SearchPage:
        """One page of hits with the total, facets, suggestion and correction. Raises SearchError."""

    def suggest(self, query: str) -> tuple[str | None, str | None]:
        """(suggestion: the likely accented form, correction: a spelling correction) of a query."""

    def more_like_this(self, article_id: int, limit: int = 5) -> list[Hit]:
        """Articles most like this one (none if it is not in the index)."""

    def day_counts(self, request: SearchRequest) -> dict[date | None, int]:
        """How many articles the request matches on each day of publication (the source's local
        calendar), None for the undated; days without matches are left out. Only the query, sources,
        dates and `loose` count: no ranking, snippets or suggestion (the trends page's series). The
        empty query counts every article within the filters (the denominator of a share).
        Raises SearchError."""

    def copies(self, article_id: int, limit: int = 100) -> list[Hit]:
        """The article's near-identical copies, first published first: the first `limit` of them, and the
        article itself (last, if not among them); [] when it has none. Each hit's `copies` summary says
        how many articles the group has, how many other sources published it and who first."""

    def highlight(self, text: str, query: str) -> str | None:
        """`text` as escaped HTML with the words the query matches in <mark>; None when the query
        has no words to mark (empty, or only filters and exclusions). Needs no index."""

    def match_spans(self, texts: Sequence[str], query: str) -> list[list[tuple[int, int]]]:
        """For each text, the (start, end) character offsets of exactly what `highlight` marks, in
        order (keyword in context); empty lists when the query has no words to mark. Needs no index."""

    def update(self, store: ArticleStore, *, progress: Progress | None = None) -> IndexReport:
        """Catch up with the store's changes since the last run (building afresh when none)."""

    def rebuild(self, store: ArticleStore, *, progress: Progress | None = None) -> IndexReport:
        """Build the index afresh from the store; searches keep answering from the old one meanwhile."""

    def remove(self) -> None:
        """Delete the index and everything it keeps on disk (e.g. `khobao demo --rebuild`)."""
        ...

    def status(self) -> IndexStatus:
        """Whether the index exists, its size in articles, how far it has caught up, any damage."""

    def warm_up(self) -> None:
        """Load now what the first searches would load later (the suggestion vocabulary): a server
        calls it once it has opened the index, so that no visitor's search waits for it."""

    def doc_count(self) -> int:
        """Live articles searchable now. Raises SearchError."""

    def refresh(self) -> None:
        """Open the index for search if not yet, else pick up what writers committed since (cheap when
        nothing changed). Raises SearchError when it cannot be opened."""

    def close(self) -> None:
        """Release open files; the engine may not be used afterwards."""

    def __enter__(self) -> "Engine": ...

    def __exit__(self, *exc: object) -> None: ...


def open_engine(index_dir: Path, settings: IndexSettings | None = None) -> Engine:
    """The engine for an index directory. Opening is cheap: the index is opened for search on first use."""
    from .whoosh_engine import WhooshEngine
    return WhooshEngine(Path(index_dir), settings or IndexSettings())
