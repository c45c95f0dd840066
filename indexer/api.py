"""The search API's records: plain data in and out, no Whoosh objects.

The web UI and the CLI build a `SearchRequest`, call the engine's `search(request)`
(indexer/engine.py) and get a
`SearchPage` back; `SearchPage.to_json()` is the exact object of `khobao search --json` and
`GET /api/search`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .query import Note

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
    loose: bool = False            # True: each syllable anywhere (the syllables of a word need not stand together)
    edited: bool = False           # True: only articles edited after publication (text changed after the first fetch)
    collapse: bool = False         # True: one article per group of copies (the first published), in hits,
                                   # total and facets: each story counted once

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {self.sort!r}")
        if self.page < 1:
            raise ValueError(f"page must be 1 or more, got {self.page}")
        if not 1 <= self.per_page <= 1000:
            raise ValueError(f"per_page must be between 1 and 1000, got {self.per_page}")


@dataclass(frozen=True)
class Copies:
    """An article's group of near-identical copies (indexer/duplicate_groups.py): who published it first."""
    articles: int                      # articles in the group, this one included
    other_sources: int                 # sources other than this article's own that published it
    first_id: int                      # the first published article of the group (maybe this one)
    first_source: str
    first_published: datetime | None

    def to_json(self) -> dict:
        return {"articles": self.articles, "other_sources": self.other_sources,
                "first": {"id": self.first_id, "source": self.first_source,
                          "published": self.first_published.isoformat() if self.first_published else None}}


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
    copies: Copies | None = None   # its near-identical copies, None when it has none

    def to_json(self) -> dict:
        return {
            "id": self.id, "url": self.url, "title": self.title, "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4), "snippet": self.snippet,
            "copies": self.copies.to_json() if self.copies else None,
        }


UNDATED = "unknown"   # the JSON key of the articles without a date, in the year and month counts


@dataclass(frozen=True)
class Facets:
    """How the matching articles spread over years, months, days and sources: typed keys, None for undated.

    Turned into strings only at the edges: `to_json()` is the `facets` object of the JSON API
    ({"year": {"2020": n, "unknown": n}, "month": {"2020-05": n}, "day": {"2020-05-17": n},
    "source": {name: n}}, newest first, sources by count); code that works with the counts uses
    the typed fields (`edited`, how many were edited after publication, is the side panel's only).
    Days are counted only when the request's dates lie within one month (a month chosen: the
    drill-down's third level); otherwise `days` is empty."""
    years: dict[int | None, int] = field(default_factory=dict)
    months: dict[tuple[int, int] | None, int] = field(default_factory=dict)   # (year, month)
    sources: dict[str, int] = field(default_factory=dict)
    days: dict[tuple[int, int, int], int] = field(default_factory=dict)      # (year, month, day)
    edited: int = 0    # how many were edited after publication (what the `edited` filter keeps)

    def to_json(self) -> dict[str, dict[str, int]]:
        years = {UNDATED if year is None else str(year): n for year, n in self.years.items()}
        months = {UNDATED if key is None else f"{key[0]:04d}-{key[1]:02d}": n for key, n in self.months.items()}
        return {"year": dict(sorted(years.items(), reverse=True)),
                "month": dict(sorted(months.items(), reverse=True)),
                "day": {f"{y:04d}-{m:02d}-{d:02d}": n for (y, m, d), n in sorted(self.days.items(), reverse=True)},
                "source": dict(sorted(self.sources.items(), key=lambda kv: (-kv[1], kv[0])))}


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    facets: Facets
    suggestion: str | None = None        # likely accented form of an unaccented query
    correction: str | None = None        # spelling correction
    notes: tuple[Note, ...] = ()         # what was ignored in a query that could not be read as typed
    page: int = 1
    per_page: int = 10
    read_as: tuple[str, ...] = ()        # the words the query's plain syllables were read as ("tai nạn", "xe máy")
    apart: int = 0                       # more articles that hold the syllables, but not standing together as words
    loose: bool = False                  # the request asked for the loose reading
    cached: bool = False                 # answered from the web UI's page cache; took_ms is the first search's
    collapse: bool = False               # copies collapsed: `total` and the facets count stories, not articles
    articles: int | None = None          # the matching articles before collapsing (None: same as total)

    @property
    def note(self) -> str | None:
        """The notes in English, one line (the CLI's and the JSON API's `note`)."""
        return " ".join(note.text for note in self.notes) or None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self, labels: Mapping[str, str] | None = None) -> dict:
        """The JSON object; `labels` (source name → display label, from the config and the store)
        fill `source_labels` for every source named in the hits (their first publishers too) and facets."""
        facets = self.facets.to_json()
        names = dict.fromkeys([hit.source for hit in self.hits] + list(facets["source"])
                              + [hit.copies.first_source for hit in self.hits if hit.copies])
        return {
            "query": self.query, "total": self.total, "took_ms": round(self.took_ms, 2),
            "hits": [hit.to_json() for hit in self.hits], "facets": facets,
            "source_labels": {name: (labels or {}).get(name) or name for name in names},
            "suggestion": self.suggestion, "correction": self.correction, "note": self.note,
            "read_as": list(self.read_as), "apart": self.apart, "loose": self.loose,
            "notes": [note.to_json() for note in self.notes],
            "page": self.page, "per_page": self.per_page,
            "collapse": self.collapse, "counting": "stories" if self.collapse else "articles",
            "articles": self.total if self.articles is None else self.articles,
        }
