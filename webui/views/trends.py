"""Attention over time (`/trends?q=…&q=…`): up to five queries per day, week, month or year, as
counts or shares of all articles, drawn as SVG with a table behind it; `/trends.csv` and
`/api/trends` carry the same series.

A request costs one `day_counts` per query plus one for all articles within the filters (each a
bincount over the cached match mask, and remembered by the archive), then the bucketing here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from indexer import SearchRequest

from ..common import archive, lang, source_labels, t, url
from ..errors import IndexUnavailable, ParamError
from ..params import SearchParams
from ..trends import (
    BY,
    EXPORT_MAX_POINTS,
    PAGE_MAX_POINTS,
    Trends,
    build_trends,
    chart_range,
    period_count,
    period_key,
)
from ..trends_chart import render_chart, render_table_rows
from ..trends_params import MAX_QUERIES, TrendsParams, check_queries, parse_leniently, parse_trends_args
from .api import json_error
from .feeds import content_disposition, export_error, spreadsheet_safe

bp = Blueprint("trends", __name__)

CSV_COLUMNS = ("query", "period", "start", "end", "count", "all_articles", "share")


def _max_query_length() -> int:
    return current_app.config["WEB"].max_query_length


def compute(params: TrendsParams, limit: int) -> tuple[Trends | None, ParamError | None]:
    """The series of the params' queries (at most five), and the error of a unit giving more than
    `limit` periods (then drawn by the unit the range calls for); remembered until the index changes,
    for the page in the other form (counts, shares) and its exports. Raises IndexUnavailable."""
    return archive().remember(("trends", replace(params, as_="count"), limit), lambda: _compute(params, limit))


def _compute(params: TrendsParams, limit: int) -> tuple[Trends | None, ParamError | None]:
    all_days = archive().day_counts(params.request(""))
    series_days = {query: archive().day_counts(params.request(query)) for query in params.queries[:MAX_QUERIES]}
    bounds = chart_range(all_days, archive().day_counts(SearchRequest("")), params.date_from, params.date_to)
    by, problem = params.by, None
    if by is not None and bounds is not None and period_count(*bounds, by) > limit:
        problem = ParamError("err_trends_points", points=period_count(*bounds, by), limit=limit,
                             by_key=f"trends_by_{by}")
        by = None
    return build_trends(all_days, series_days, by, bounds), problem


def results_links(params: TrendsParams, query: str, trends: Trends) -> list[str]:
    """Each period's search link for one query: the query and sources encoded once, the days
    appended (a chart of five series over 150 periods has 750 of them)."""
    head = url("search.index", **SearchParams(q=query, sources=params.sources, loose=params.loose).args())
    out = []
    for start, end in zip(trends.starts, trends.ends):
        first, last = params.clip(start, end)
        out.append(f"{head}&from={first.isoformat()}&to={last.isoformat()}")
    return out


def unit_choices(params: TrendsParams, trends: Trends | None) -> list[dict]:
    """The unit switch: each unit with its link, or none when it would draw too many periods."""
    if trends is None:
        return []
    first, last = trends.starts[0], trends.ends[-1]
    out = []
    for by in BY:
        fits = period_count(first, last, by) <= PAGE_MAX_POINTS
        out.append({"by": by, "current": by == trends.by,
                    "href": url("trends.page", **params.args(by=by)) if fits else None})
    return out


@bp.get("/trends")
def page():
    """The page, remembered until the index changes: people switch units and back, share links."""
    key = ("trends.page", request.query_string, lang(), tuple(source_labels().items()))
    try:
        return archive().remember(key, _page)
    except IndexUnavailable as exc:
        typed = tuple(q[:_max_query_length()] for q in request.args.getlist("q"))
        return _render(TrendsParams(queries=typed), None, error=t(exc.key), error_title=t("error_title")), 503


def _page() -> tuple[str, int]:
    """Raises IndexUnavailable."""
    error, status, dropped = None, 200, set()
    try:
        params = parse_trends_args(request.args, max_query_length=_max_query_length())
    except ParamError as exc:
        error, status = t(exc.key, **exc.values), 400
        kept = parse_leniently(request.args, exc, max_query_length=_max_query_length())
        if kept is None:
            typed = tuple(q[:_max_query_length()] for q in request.args.getlist("q"))
            return _render(TrendsParams(queries=typed, asked=True), None, error=error), 400
        params, dropped = kept
    if not params.asked:   # the form, with nothing asked yet
        return _render(params, None, error=error, dropped=dropped), status
    problem = check_queries(params)
    if problem is not None:
        error, status = (error + " " if error else "") + t(problem.key, **problem.values), 400
        if not params.queries:
            return _render(params, None, error=error, dropped=dropped), status
    trends, too_long = compute(params, PAGE_MAX_POINTS)
    if too_long is not None:
        error, status = (error + " " if error else "") + t(too_long.key, **too_long.values), 400
        dropped.add("by")
    return _render(params, trends, error=error, dropped=dropped), status


def _render(params: TrendsParams, trends: Trends | None, *, error: str | None = None, dropped=frozenset(),
            error_title: str | None = None):
    current = lang()
    shown = params.queries[:MAX_QUERIES]
    chart = None
    rows = None
    if trends is not None:
        links = [results_links(params, series.query, trends) for series in trends.series]
        chart = render_chart(trends, params.as_, current, lambda s, i: links[s][i])
        rows = render_table_rows(trends, links, current)
    try:
        sources = archive().search(SearchRequest("", facets_only=True)).facets.sources
    except IndexUnavailable:
        sources = {}
    form_queries = list(params.queries) + [""] * max(0, MAX_QUERIES - len(params.queries))
    return render_template("trends.html", params=params, trends=trends, chart=chart, rows=rows, shown=shown,
                           form_queries=form_queries, all_sources=sorted(sources, key=lambda s: (-sources[s], s)),
                           units=unit_choices(params, trends), error=error, dropped=dropped,
                           error_title=error_title, max_queries=MAX_QUERIES)


def _strict() -> TrendsParams:
    """The params of an export: every mistake is an error (a program asked). Raises ParamError."""
    params = parse_trends_args(request.args, max_query_length=_max_query_length())
    problem = check_queries(params)
    if problem is not None:
        raise problem
    return params


def _exported() -> tuple[TrendsParams, Trends | None]:
    """Raises ParamError or IndexUnavailable."""
    params = _strict()
    trends, too_long = compute(params, EXPORT_MAX_POINTS)
    if too_long is not None:   # a fresh error: the remembered one must not gather tracebacks
        raise ParamError(too_long.key, **too_long.values)
    return params, trends


def _iso(day: date) -> str:
    return day.isoformat()


def trends_json(params: TrendsParams, trends: Trends | None) -> dict:
    """The object of /api/trends: periods, and per query counts and shares aligned with them."""
    periods, series = [], []
    if trends is not None:
        periods = [{"period": period_key(start, trends.by), "start": _iso(start), "end": _iso(end), "total": total}
                   for start, end, total in zip(trends.starts, trends.ends, trends.totals)]
        series = [{"query": s.query, "total": s.total, "undated": s.undated, "counts": s.counts,
                   "shares": [round(v, 6) if v is not None else None for v in trends.shares(s)]}
                  for s in trends.series]
    return {"queries": list(params.queries), "sources": list(params.sources),
            "from": _iso(params.date_from) if params.date_from else None,
            "to": _iso(params.date_to) if params.date_to else None,
            "by": trends.by if trends else params.by, "periods": periods, "series": series,
            "undated_total": trends.undated_total if trends else 0}


@bp.get("/api/trends")
def api():
    try:
        params, trends = _exported()
    except ParamError as exc:
        return json_error(400, exc.key, **exc.values)
    except IndexUnavailable as exc:
        return json_error(503, exc.key)
    return jsonify(trends_json(params, trends))


@bp.get("/trends.csv")
def export_csv():
    try:
        params, trends = _exported()
    except ParamError as exc:
        return export_error("csv", 400, exc.key, **exc.values)
    except IndexUnavailable as exc:
        return export_error("csv", 503, exc.key)
    buffer = io.StringIO()
    buffer.write("\ufeff")                 # so spreadsheet programs read the Vietnamese text as UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    if trends is not None:
        for s in trends.series:
            for start, end, count, total, share in zip(trends.starts, trends.ends, s.counts, trends.totals,
                                                       trends.shares(s)):
                writer.writerow([spreadsheet_safe(s.query), period_key(start, trends.by), _iso(start), _iso(end), count, total,
                                 "" if share is None else f"{share:.6f}"])
    named = SearchParams(q="trends " + " ".join(params.queries))
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": content_disposition(named, "csv")})

