"""Keyword in context, the archive part: which articles a page reads, in which order, at what cost.

"Every occurrence in the match set" cannot be read per request on a big archive, so the work of a
request is bounded:

- by date (newest, oldest) or by source, a page is the lines of `ARTICLES_PER_PAGE` articles of the
  match set in that order: one search page of hits, their texts from the store, their spans from the
  engine (a few milliseconds at 35,000 articles);
- by the word left or right of the match, the lines of the newest `SORT_WINDOW` articles of the
  match set are sorted and paged by `LINES_PER_PAGE`; when the match set is larger the page says the
  window cut it. That sort is kept for a while (`WindowCache`), so paging through it is cheap;
- the CSV export walks the match set in order, article by article, up to `EXPORT_LINE_CAP` lines.

Texts come from the store (one SQLite read by primary key, ~30 µs an article at 35k articles, less
than decoding the index's stored fields again: the hits of a search already cost ~60 µs an article);
the spans from `Engine.match_spans`, the very words the search page highlights. Measured at 35k
articles, one process: a page by date or source ~8 ms (the search page's cost); a first page by a
word order ~30-50 ms (of a full window: the 300 hits ~20 ms, their texts ~7, spans ~9, contexts ~5,
the sort ~6), its next pages from the kept window a few ms.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterator

from indexer import Hit, SearchPage

from .kwic_lines import Article, Line, article_text, fold_word, lines_of, sort_key
from .params import SearchParams
from .service import Archive

ORDERS = ("newest", "oldest", "source", "left", "right")
WORD_ORDERS = ("left", "right")
ARTICLES_PER_PAGE = 10     # date and source orders: a page is the lines of this many articles (30-50 lines)
LINES_PER_PAGE = 50        # word orders: lines a page
SORT_WINDOW = 300          # word orders sort the lines of the newest this many articles of the match set
EXPORT_LINE_CAP = 50_000   # the CSV export stops after this many lines
SEARCH_BATCH = 1000        # hits a search may return at once (SearchRequest's per_page limit)
WINDOW_KEPT = 64           # sorted windows kept (about 1,000 lines each, a few hundred kB) ...
WINDOW_SECONDS = 30.0      # ... for at most this long (a newly indexed article shows up after it)


@dataclass(frozen=True)
class KwicPage:
    lines: list[Line]
    total_articles: int          # the match set
    page: int
    pages: int
    order: str
    first_article: int = 0       # date and source orders: the articles shown, 1-based, inclusive
    last_article: int = 0
    window: int = 0              # word orders: the articles whose lines were sorted
    window_lines: int = 0        # ... and how many lines they hold

    @property
    def window_cut(self) -> bool:
        """Whether the word sort saw only part of the match set (the page says so)."""
        return self.order in WORD_ORDERS and self.window < self.total_articles


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def article_of(hit: Hit) -> Article:
    return Article(hit.id, hit.title, hit.source, hit.published, hit.url)


def lines_for(archive: Archive, query: str, hits: list[Hit]) -> list[Line]:
    """The lines of these articles in reading order, article after article (texts from the store)."""
    store = archive.store()
    articles, texts = [], []
    for hit in hits:
        stored = store.get(hit.id)
        if stored is None or stored.deleted:   # the index lags behind a deletion for a moment
            continue
        articles.append(article_of(hit))
        texts.append(article_text(stored.article.title, stored.article.body))
    if not texts:
        return []
    spans = archive.searcher().match_spans(texts, query)
    return [line for article, text, found in zip(articles, texts, spans) for line in lines_of(article, text, found)]


def _search(archive: Archive, params: SearchParams, *, cache: bool = True, **changes) -> SearchPage:
    return archive.search(params.to_request(snippets=False, **changes), cache=cache)


def match_count(archive: Archive, params: SearchParams) -> int:
    """Articles in the match set (the search page's side panel asks the same: a cached answer)."""
    return archive.search(params.to_request(page=1, facets_only=True)).total


def _slice(archive: Archive, params: SearchParams, sort: str, offset: int, count: int,
           *, cache: bool = True) -> list[Hit]:
    """Hits [offset, offset + count) of the search in `sort` order (searches of up to SEARCH_BATCH hits)."""
    if count <= 0:
        return []
    size = min(count, SEARCH_BATCH)
    out: list[Hit] = []
    number = offset // size + 1
    while len(out) < count:
        page = _search(archive, params, cache=cache, sort=sort, page=number, per_page=size)
        skip = offset - (number - 1) * size if not out else 0
        out += page.hits[max(skip, 0):]
        if number >= page.pages or not page.hits:
            break
        number += 1
    return out[:count]


def source_order(counts: dict[str, int], labels: dict[str, str]) -> list[str]:
    """Sources by their label as people read it (folded: "Đà Nẵng" beside "Da Nang"), then by name."""
    return sorted(counts, key=lambda name: (fold_word(labels.get(name) or name), name))


def articles_in_order(archive: Archive, params: SearchParams, order: str, offset: int, count: int,
                      labels: dict[str, str], *, cache: bool = True) -> list[Hit]:
    """`count` articles of the match set from `offset` on, by date or by source (then newest first)."""
    if order != "source":
        return _slice(archive, params, order, offset, count, cache=cache)
    counts = archive.search(params.to_request(page=1, facets_only=True)).facets.sources
    out: list[Hit] = []
    before = 0
    for name in source_order(counts, labels):
        n = counts[name]
        if before + n > offset and len(out) < count:
            start = max(0, offset - before)
            out += _slice(archive, SearchParams(**{**vars(params), "sources": (name,)}), "newest", start,
                          min(count - len(out), n - start), cache=cache)
        before += n
        if len(out) >= count:
            break
    return out


class WindowCache:
    """Sorted windows of recent word-order requests, each kept `WINDOW_SECONDS` at most."""

    def __init__(self, size: int = WINDOW_KEPT, seconds: float = WINDOW_SECONDS):
        self.size, self.seconds = size, seconds
        self._items: OrderedDict[tuple, tuple[float, tuple[list[Line], int]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[list[Line], int] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or time.monotonic() - item[0] > self.seconds:
                self._items.pop(key, None)
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: tuple, value: tuple[list[Line], int]) -> None:
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def sorted_window(archive: Archive, params: SearchParams, order: str, window: int,
                  cache: WindowCache | None) -> tuple[list[Line], int]:
    """(the lines of the newest `window` articles sorted by the word left or right, the window's size)."""
    request = params.to_request(page=1, sort="newest")
    key = (request.query, request.sources, request.date_from, request.date_to, request.loose, order, window)
    known = cache.get(key) if cache is not None else None
    if known is not None:
        return known
    hits = _slice(archive, params, "newest", 0, window, cache=False)
    lines = sorted(lines_for(archive, params.q, hits), key=lambda line: sort_key(line, order))
    value = (lines, len(hits))
    if cache is not None:
        cache.put(key, value)
    return value


def kwic_page(archive: Archive, params: SearchParams, order: str, labels: dict[str, str], *,
              window: int = SORT_WINDOW, cache: WindowCache | None = None,
              articles_per_page: int = ARTICLES_PER_PAGE, lines_per_page: int = LINES_PER_PAGE) -> KwicPage:
    """The page `params.page` of the keyword-in-context lines in `order` (one of ORDERS).
    Raises IndexUnavailable."""
    total = match_count(archive, params)
    if order in WORD_ORDERS:
        lines, seen = sorted_window(archive, params, order, window, cache)
        pages = page_count(len(lines), lines_per_page)
        start = (params.page - 1) * lines_per_page
        return KwicPage(lines[start:start + lines_per_page], total, params.page, pages, order,
                        window=seen, window_lines=len(lines))
    offset = (params.page - 1) * articles_per_page
    hits = articles_in_order(archive, params, order, offset, articles_per_page, labels) if offset < total else []
    return KwicPage(lines_for(archive, params.q, hits), total, params.page, page_count(total, articles_per_page),
                    order, first_article=offset + 1 if hits else 0, last_article=offset + len(hits))


def all_lines(archive: Archive, params: SearchParams, order: str, labels: dict[str, str], *,
              cap: int = EXPORT_LINE_CAP, window: int = SORT_WINDOW, cache: WindowCache | None = None,
              batch: int = 100) -> Iterator[Line]:
    """Every line in `order`, up to `cap` (the CSV export). Word orders: the sorted window's lines.
    `archive` is taken before the response streams (the request context is gone by then)."""
    if order in WORD_ORDERS:
        yield from sorted_window(archive, params, order, window, cache)[0][:cap]
        return
    sent, offset = 0, 0
    while sent < cap:
        hits = articles_in_order(archive, params, order, offset, batch, labels, cache=False)
        if not hits:
            return
        for line in lines_for(archive, params.q, hits):
            yield line
            sent += 1
            if sent >= cap:
                return
        offset += len(hits)
