"""The search API's records: plain data in and out, no Whoosh objects.

The web UI and the CLI build a `SearchRequest`, call `Searcher.search(request)` and get a
`SearchPage` back; `SearchPage.to_json()` is the exact object of `khobao search --json` and
`GET /api/search`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping

SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class SearchRequest:
    query: str
    sources: tuple[str, ...] = ()
    date_from: date | None = None  # inclusive, by day, in the source's local calendar
    date_to: date | None = None    # inclusive
    sort: str = "relevance"
    page: int = 1                  # 1-based, no upper cap
    per_page: int = 10
    facets_only: bool = False      # total and facet counts only: no hits, snippets or suggestion
    snippets: bool = True          # False: hits without snippet, title highlight or suggestion (exports)

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        if self.page < 1:
            raise ValueError(f"page must be 1 or more, got {self.page}")
        if not 1 <= self.per_page <= 1000:
            raise ValueError(f"per_page must be between 1 and 1000, got {self.per_page}")


@dataclass(frozen=True)
class Hit:
    id: int                    # the article's id in the store
    url: str
    title: str
    source: str
    published: datetime | None  # timezone-aware, in the source's local time
    score: float
    snippet: str               # HTML: escaped text with matched words in <mark>
    title_html: str = ""       # HTML: escaped title with matched words in <mark>
    author: str | None = None
    section: str | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id, "url": self.url, "title": self.title, "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4), "snippet": self.snippet,
        }


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    facets: dict[str, dict[str, int]]   # "year": {"2020": n}, "month": {"2020-12": n}, "source": {...}
    suggestion: str | None = None        # likely accented form of an unaccented query
    correction: str | None = None        # spelling correction
    note: str | None = None              # e.g. what was ignored in a query that could not be parsed
    page: int = 1
    per_page: int = 10
    request: SearchRequest | None = field(default=None, compare=False)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self, labels: Mapping[str, str] | None = None) -> dict:
        """The JSON object; `labels` (source name → display label, from the config and the store)
        fill `source_labels` for every source named in the hits and facets."""
        names = dict.fromkeys([hit.source for hit in self.hits] + list(self.facets.get("source", {})))
        return {
            "query": self.query, "total": self.total, "took_ms": round(self.took_ms, 2),
            "hits": [hit.to_json() for hit in self.hits], "facets": self.facets,
            "source_labels": {name: (labels or {}).get(name) or name for name in names},
            "suggestion": self.suggestion, "correction": self.correction, "note": self.note,
            "page": self.page, "per_page": self.per_page,
        }
