"""Crawler traps: links that lead on without end, bounded per source and counted by reason.

A calendar whose every day links the next (`?date=2031-05-07`), filters that combine without end
(`?sort=…&color=…`), a pager's "last page" or a script's endless "next" (`?page=999999`), and
relative links that make paths ever deeper (`/tin/tin/tin/…`): each would keep a crawl busy for
ever. The crawl asks `TrapGuard.reason()` before it queues a link it has not seen; the first
answer that is not None is the reason the link was refused, counted once per URL. A path's
calendar and filter variants are counted with those earlier crawls queued, so the bound holds
across crawls. Article addresses are spared: a query naming an item by its number (`?id=123`, how
old sites address articles) and any link the source's `follow` patterns call an article.
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import parse_qsl, urlsplit

from .scope import is_followed
from .settings import Source

MAX_QUERY_VARIANTS = 100   # distinct calendar or filter queries of one path per source (or 2 x listing_pages)
MAX_PAGE_NUMBER = 10_000   # a page number past this is a pager's end or a script's invention
MAX_PATH_SEGMENTS = 16     # deeper paths are relative links folding into themselves
MAX_SEGMENT_REPEATS = 3    # one path segment this often: /a/b/a/b/a/b/
REFUSED_KEPT = 100_000     # refused URLs remembered (to count each once)

QUERY_VARIANTS = "calendar or filter: too many query variants of one path"
PAGE_NUMBER = f"page number past {MAX_PAGE_NUMBER:,}"
DEEP_PATH = f"path deeper than {MAX_PATH_SEGMENTS} segments"
REPEATED_SEGMENT = "path repeating a segment"

_PAGE_NUMBER = re.compile(r"(?:[?&](?:page|trang|pg|paged|pagenumber)=|/(?:page|trang)[-/]?)(\d+)", re.IGNORECASE)
_DATE_NAMES = {"date", "day", "month", "year", "ngay", "thang", "nam", "d", "m", "y", "from", "to", "tu", "den",
               "date_from", "date_to", "fromdate", "todate", "start", "end", "week", "tuan"}
_DATE_VALUE = re.compile(r"^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$|^(19|20)\d{6}$")
_PAGING = {"page", "p", "trang", "pg", "paged", "pagenumber"}


def _calendar_or_filter(query: str) -> bool:
    """A query that names a day (a calendar) or combines two or more choices (a filter); not one that
    names an item by its number (`?id=123`, `?NewsID=5&CatID=2`: how old sites address articles)."""
    pairs = [(k.lower(), v) for k, v in parse_qsl(query, keep_blank_values=True) if k.lower() not in _PAGING]
    if any(k in _DATE_NAMES or _DATE_VALUE.match(v) for k, v in pairs):
        return True
    names_an_item = any(v.isdigit() and (k in ("id", "p") or k.endswith("id")) for k, v in pairs)
    return len(pairs) >= 2 and not names_an_item


def path_trap(url: str) -> str | None:
    """The reason a URL is a trap by itself (its page number or its path), or None."""
    match = _PAGE_NUMBER.search(url)
    if match and int(match.group(1)) > MAX_PAGE_NUMBER:
        return PAGE_NUMBER
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > MAX_PATH_SEGMENTS:
        return DEEP_PATH
    words = [s for s in segments if not s.isdigit()]   # /2011/11/11/ is a date, not a loop
    if words and max(words.count(s) for s in set(words)) >= MAX_SEGMENT_REPEATS:
        return REPEATED_SEGMENT
    return None


class TrapGuard:
    """The bounds on each source's links; `reason(url, key, source)` for every new link.

    `known(prefix, limit)` gives the normalised URLs earlier crawls queued under a prefix (the
    frontier's), so the bound holds across crawls, not per run."""

    def __init__(self, known: Callable[[str, int], list[str]] | None = None) -> None:
        self._known = known
        self._variants: dict[tuple[str, str], set[str]] = {}
        self._refused: set[str] = set()

    def _variants_of(self, source: Source, path_key: str, cap: int) -> set[str]:
        found = self._variants.get((source.name, path_key))
        if found is None:
            earlier = self._known(path_key + "?", cap * 4) if self._known else []
            found = {k for k in earlier if _calendar_or_filter(k.split("?", 1)[1])}
            self._variants[(source.name, path_key)] = found
        return found

    def reason(self, url: str, key: str, source: Source) -> str | None:
        """Why the link `url` (normalised: `key`) is refused, or None to queue it."""
        why = path_trap(key)
        if why is None and source.follow and is_followed(url, source):
            return None   # config.toml's own pattern for the source's articles: never a trap
        if why is None and "?" in key and _calendar_or_filter(key.split("?", 1)[1]):
            cap = max(MAX_QUERY_VARIANTS, 2 * source.listing_pages)
            variants = self._variants_of(source, key.split("?", 1)[0], cap)
            if key not in variants:
                if len(variants) >= cap:
                    why = QUERY_VARIANTS
                else:
                    variants.add(key)
        return why

    def first_refusal(self, key: str) -> bool:
        """True the first time a URL is refused in this crawl (so each is counted once)."""
        if key in self._refused:
            return False
        if len(self._refused) >= REFUSED_KEPT:
            self._refused.clear()
        self._refused.add(key)
        return True
