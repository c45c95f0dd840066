"""The trends page's state in the URL: `q` (repeatable, up to five), the search page's filters
(`source`, `from`, `to`, and `year`/`month`/`day`, read as a date range), `by` (day, week, month,
year; absent: chosen from the range) and `as` (count or share)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from indexer import SearchRequest

from .errors import ParamError
from .params import SearchParams, parse_search_args, read_leniently
from .trends import AS, BY

MAX_QUERIES = 5


@dataclass(frozen=True)
class TrendsParams:
    queries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    by: str | None = None       # None: chosen from the range
    as_: str = "count"
    loose: bool = False
    asked: bool = False         # a q was in the URL (even blank): the form was sent

    def request(self, query: str) -> SearchRequest:
        """The engine request of one series ("" for all articles within the filters)."""
        return SearchRequest(query, sources=self.sources, date_from=self.date_from, date_to=self.date_to,
                             loose=self.loose)

    def args(self, **changes) -> dict[str, object]:
        """URL arguments for this state with `changes` applied (`as_` is written `as`)."""
        state = replace(self, **changes)
        out: dict[str, object] = {}
        if state.queries:
            out["q"] = list(state.queries)
        if state.sources:
            out["source"] = list(state.sources)
        if state.date_from:
            out["from"] = state.date_from.isoformat()
        if state.date_to:
            out["to"] = state.date_to.isoformat()
        if state.by:
            out["by"] = state.by
        if state.as_ != "count":
            out["as"] = state.as_
        if state.loose:
            out["loose"] = "1"
        return out

    def clip(self, start: date, end: date) -> tuple[date, date]:
        """A period's days within the filters' dates (the first and last week may reach beyond them)."""
        return (max(start, self.date_from) if self.date_from else start,
                min(end, self.date_to) if self.date_to else end)

    def results_args(self, query: str, start: date, end: date) -> dict[str, object]:
        """The search page's URL arguments for one query within one period (and the filters)."""
        start, end = self.clip(start, end)
        return SearchParams(q=query, sources=self.sources, date_from=start, date_to=end, loose=self.loose).args()


def parse_trends_args(args, *, max_query_length: int) -> TrendsParams:
    """Read the state from request arguments (a werkzeug MultiDict). Raises ParamError; a bad filter,
    `by` or `as` names itself in `at_fault`, so the page can drop it and still draw the rest."""
    typed = args.getlist("q")
    queries = tuple(dict.fromkeys(q.strip() for q in typed if q.strip()))
    for query in queries:
        if len(query) > max_query_length:
            raise ParamError("err_query_too_long", length=len(query), limit=max_query_length)
    filters = args.copy()
    for name in ("q", "sort", "page", "per_page"):   # the search page's, meaningless here
        filters.poplist(name)
    search: SearchParams = parse_search_args(filters, default_per_page=10, max_per_page=10,
                                             max_query_length=max_query_length)
    date_from, date_to = search.effective_range()
    by = (args.get("by") or "").strip().lower() or None
    if by == "auto":
        by = None
    if by is not None and by not in BY:
        raise ParamError("err_trends_by", value=args.get("by"), at_fault=("by",))
    as_ = (args.get("as") or "count").strip().lower()
    if as_ not in AS:
        raise ParamError("err_trends_as", value=args.get("as"), at_fault=("as",))
    return TrendsParams(queries=queries, sources=search.sources, date_from=date_from, date_to=date_to, by=by,
                        as_=as_, loose=search.loose, asked=bool(typed))


def check_queries(params: TrendsParams) -> ParamError | None:
    """What is wrong with the queries as a whole (none given, more than five), or None."""
    if not params.queries:
        return ParamError("err_trends_no_query")
    if len(params.queries) > MAX_QUERIES:
        return ParamError("err_trends_too_many", count=len(params.queries), limit=MAX_QUERIES)
    return None


def parse_leniently(args, first: ParamError, *, max_query_length: int) -> tuple[TrendsParams, set[str]] | None:
    """The state without the parameters at fault (and their names), so a bad date keeps the chart
    and the form around its message; None when what is left does not read."""
    return read_leniently(args, first, lambda kept: parse_trends_args(kept, max_query_length=max_query_length))
