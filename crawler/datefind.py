"""FINDING the publication date in a page; crawler/dates.py parses and validates each candidate.

Order: structured metadata (JSON-LD datePublished, article:published_time and other meta,
itemprop), the source's date selector, `<time datetime>`, elements whose class or id speaks of a
date (after the headline first: many Vietnamese sites show today's date in their header), a date in
the URL, then the first Vietnamese dateline in the page's text after the headline. The first candidate
that parses to a plausible date wins.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable, Iterable, Iterator

from .dates import DEFAULT_TZ, parse_vietnamese_date
from .metadata import PageMeta

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d])")
_DATELINE = re.compile(
    r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|cn)\s*[,-]?\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|(?:19|20)\d\d-\d\d-\d\d",
    re.IGNORECASE,
)
_NEAR = 40  # characters of context kept after a dateline (its time and "(GMT+7)")


def _first(candidates: Iterable[str], tz: str, now: datetime | None) -> datetime | None:
    for text in candidates:
        when = parse_vietnamese_date(text, tz, now=now)
        if when is not None:
            return when
    return None


def _time_elements(tree) -> Iterator[str]:
    times = tree.xpath("//time[@datetime]")
    preferred = [t for t in times if t.get("pubdate") is not None or "publish" in (t.get("class") or "").lower()]
    for element in preferred + times:
        yield element.get("datetime")


def _url_date(url: str) -> Iterator[str]:
    match = _URL_DATE.search(url)
    if match:
        yield f"{match[1]}-{match[2]}-{match[3]}"


def datelines(text: str) -> Iterator[str]:
    """Date-like snippets of running text, each with a little context after it for the time."""
    for match in _DATELINE.finditer(text):
        yield text[max(0, match.start() - 12):match.end() + _NEAR]


def _lazy_datelines(page_text: str | Callable[[], str]) -> Iterator[str]:
    text = page_text() if callable(page_text) else page_text
    yield from datelines(text[:20000])


def _selected(tree, selector: str) -> Iterator[str]:
    if not selector:
        return
    from .selectors import select_all  # lazy: cssselect is only needed for sources with selectors

    for element in select_all(tree, selector):
        yield element.get("datetime") or element.get("content") or element.text_content()


def find_published(tree, url: str, meta: PageMeta, tz: str = DEFAULT_TZ, *, date_selector: str = "",
                   date_texts: Iterable[str] = (), page_text: str | Callable[[], str] = "",
                   now: datetime | None = None) -> datetime | None:
    """The publication date of a parsed page, timezone-aware, or None.

    `date_texts` are short texts of elements whose class speaks of a date (crawler/pagescan.py),
    `page_text` the page's text from the headline on (or a function giving it: it is needed only when
    everything else failed).
    """
    for candidates in (
        meta.published,
        _selected(tree, date_selector),
        _time_elements(tree),
        date_texts,
        _url_date(url),
        _lazy_datelines(page_text),
    ):
        when = _first(candidates, tz, now)
        if when is not None:
            return when
    return None
