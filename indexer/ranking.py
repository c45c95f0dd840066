"""Filters, facet counts and the order of hits, over a view's columns."""

from __future__ import annotations

from datetime import date

import numpy as np

from .api import Facets, SearchRequest
from .segments import View


def filter_mask(view: View, source_codes: dict[str, int], request: SearchRequest) -> np.ndarray | bool:
    """The documents the request's sources, dates and edited flag allow (True: no filter)."""
    mask = True
    if request.sources:
        wanted_names = {s.lower() for s in request.sources}
        wanted = [code for name, code in source_codes.items() if name.lower() in wanted_names]
        mask = np.isin(view.source, wanted)
    if request.date_from is not None:
        d = request.date_from
        mask = mask & (view.day >= d.year * 10000 + d.month * 100 + d.day)
    if request.date_to is not None:
        d = request.date_to
        mask = mask & (view.day <= d.year * 10000 + d.month * 100 + d.day) & (view.day > 0)
    if request.edited:  # changed after the first fetch: the store keeps an earlier version
        mask = mask & (view.version > 1)
    return mask


def facets(view: View, source_codes: dict[str, int], mask: np.ndarray,
           request: SearchRequest | None = None) -> Facets:
    """Counts of the matching documents by year, month and source (None: undated), of the edited
    ones, and by day when the request's dates lie within one month (only then: a day list is read inside a month)."""
    docs = np.flatnonzero(mask)
    years: dict[int | None, int] = {}
    months: dict[tuple[int, int] | None, int] = {}
    month_counts = np.bincount(view.month_code[docs], minlength=len(view.months)).tolist()
    for value, count in zip(view.months, month_counts):
        if not count:
            continue
        if value <= 0:  # undated
            years[None] = years.get(None, 0) + count
            months[None] = months.get(None, 0) + count
            continue
        year, month = divmod(value, 100)
        years[year] = years.get(year, 0) + count
        months[(year, month)] = count
    names = {code: name for name, code in source_codes.items()}
    source_counts = np.bincount(view.source[docs], minlength=len(names)) if docs.size else np.zeros(0, int)
    sources = {names[code]: int(c) for code, c in enumerate(source_counts.tolist()) if c}
    edited = int(np.count_nonzero(view.version[docs] > 1)) if docs.size else 0
    return Facets(years, months, sources, day_counts(view, docs, request), edited)


def day_counts(view: View, docs: np.ndarray, request: SearchRequest | None) -> dict[tuple[int, int, int], int]:
    """Matching documents per day of the one month the request's dates lie within ({} otherwise)."""
    start, end = (request.date_from, request.date_to) if request else (None, None)
    if start is None or end is None or (start.year, start.month) != (end.year, end.month):
        return {}
    counts = np.bincount(view.day[docs] % 100, minlength=32).tolist() if docs.size else []
    return {(start.year, start.month, day): n for day, n in enumerate(counts) if day and n}


def day_codes(view: View) -> tuple[np.ndarray, np.ndarray]:
    """The view's distinct days (YYYYMMDD, 0 undated), sorted, and each document's index into them:
    computed once per view, so counting a query's days is one bincount over its matches."""
    values, codes = np.unique(view.day, return_inverse=True)
    return values, codes.astype(np.int32).ravel()


def counts_per_day(values: np.ndarray, codes: np.ndarray, mask: np.ndarray) -> dict[date | None, int]:
    """Documents of `mask` per day (None: undated), days without any left out."""
    counts = np.bincount(codes[mask], minlength=len(values))
    out: dict[date | None, int] = {}
    for at in np.flatnonzero(counts).tolist():
        value, count = int(values[at]), int(counts[at])
        if value <= 0:
            out[None] = out.get(None, 0) + count
        else:
            out[date(value // 10000, value // 100 % 100, value % 100)] = count
    return out


def rank(view: View, mask: np.ndarray, score: np.ndarray | None, request: SearchRequest) -> np.ndarray:
    """The document numbers of the requested page, in the requested order."""
    docs = np.flatnonzero(mask)
    first = (request.page - 1) * request.per_page
    if first >= docs.size:
        return docs[:0]
    want = first + request.per_page
    scores = score[docs] if score is not None else np.zeros(docs.size, dtype=np.float32)
    published = view.published[docs]
    if request.sort == "relevance":  # best first, then newest (undated last), then document order
        primary, secondary = -scores, -published
    else:  # by date (undated last), then best first
        undated = np.iinfo(np.int64).max
        primary = np.where(published == 0, undated, -published if request.sort == "newest" else published)
        secondary = -scores
    return docs[smallest(primary, secondary, docs, want)][first:want]


def smallest(primary: np.ndarray, secondary: np.ndarray, docs: np.ndarray, want: int) -> np.ndarray:
    """Positions of the `want` smallest entries by (primary, secondary, docs), in that order.

    Only the candidates that can be among them are sorted: a full sort of tens of thousands of
    matches costs milliseconds, a partition a fraction of that."""
    keep = None
    if docs.size > want:
        kth = np.partition(primary, want - 1)[want - 1]
        below = np.flatnonzero(primary < kth)
        ties = np.flatnonzero(primary == kth)
        room = want - below.size
        if ties.size > room:  # many share the cut-off value (e.g. undated articles): cut by the second key
            second = secondary[ties]
            ties = ties[second <= np.partition(second, room - 1)[room - 1]]
        keep = np.concatenate([below, ties])
        primary, secondary, docs = primary[keep], secondary[keep], docs[keep]
    order = np.lexsort((docs, secondary, primary))[:want]
    return order if keep is None else keep[order]
