"""Keyword in context: `/kwic` (the page), `/kwic.csv` (every line up to a cap) and `/api/kwic` (JSON).

The same parameters as the search page (`q`, `source`, `from`, `to`, `year`, `month`, `day`, `page`)
with `sort` one of newest, oldest, source, left, right (the word left or right of the match).
What a request costs is bounded: see webui/kwic.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Iterator

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from .. import facets as fv
from .. import kwic as kw
from ..common import Links, archive, lang, source_label, source_labels, t, url
from ..errors import IndexUnavailable, ParamError
from ..kwic_lines import Line
from ..params import SearchParams
from .api import json_error
from .feeds import content_disposition, export_error, spreadsheet_safe
from .search import panel_facets, read_params

bp = Blueprint("kwic", __name__)

DEFAULT_ORDER = "newest"
CSV_COLUMNS = ("id", "published", "source", "source_label", "title", "url", "left", "match", "right", "article")


def read_kwic_params() -> tuple[SearchParams, str]:
    """The search state and the order from the URL. Raises ParamError."""
    args = request.args.copy()
    order = (args.pop("sort", "") or DEFAULT_ORDER).strip()
    if order not in kw.ORDERS:
        raise ParamError("kwic_err_sort", value=order, at_fault=("sort",))
    args.pop("per_page", None)   # a page's size is the KWIC's own (articles or lines), not the search's
    return read_params(args), order


def _settings() -> dict:
    config = current_app.config
    return dict(window=config.get("KWIC_SORT_WINDOW", kw.SORT_WINDOW),
                articles_per_page=config.get("KWIC_ARTICLES_PER_PAGE", kw.ARTICLES_PER_PAGE),
                lines_per_page=config.get("KWIC_LINES_PER_PAGE", kw.LINES_PER_PAGE))


def _windows() -> kw.WindowCache:
    return current_app.extensions.setdefault("khobao.kwic_windows", kw.WindowCache())


def _export_cap() -> int:
    return current_app.config.get("KWIC_EXPORT_CAP", kw.EXPORT_LINE_CAP)


def kwic_args(params: SearchParams, order: str, **changes) -> dict:
    """URL arguments of a KWIC page: the search's, and the order unless it is the default."""
    args = params.args(**changes)
    if order != DEFAULT_ORDER:
        args["sort"] = order
    return args


def _with_order(args: dict, order: str) -> dict:
    """A facet's or chip's search arguments as a KWIC link in the same order."""
    return {**args, "sort": order} if order != DEFAULT_ORDER else args


def article_links(query: str):
    """line → its article's address, carrying the query so that its words are highlighted there (one
    `Links` for the page: a page has a hundred of these)."""
    links = Links()
    return lambda line: links("article.show", article_id=line.article.id, q=query)


@bp.get("/kwic")
def page():
    web = current_app.config["WEB"]
    blank = SearchParams(per_page=web.per_page, default_per_page=web.per_page)
    try:
        params, order = read_kwic_params()
    except ParamError as exc:
        typed = (request.args.get("q") or "")[: web.max_query_length]
        return render_template("kwic.html", params=replace(blank, q=typed), order=DEFAULT_ORDER, kwic=None,
                               error=t(exc.key, **exc.values)), 400
    if not params.q:
        return render_template("kwic.html", params=params, order=order, kwic=None, error=None)
    try:
        first = archive().search(params.to_request(page=1, facets_only=True))
        kwic = kw.kwic_page(archive(), params, order, source_labels(), cache=_windows(), **_settings())
        facets = panel_facets(params, first)
    except IndexUnavailable as exc:
        return render_template("kwic.html", params=params, order=order, kwic=None, error=t(exc.key)), 503
    current = lang()
    return render_template(
        "kwic.html", params=params, order=order, kwic=kwic, error=None, orders=kw.ORDERS,
        kwic_args=kwic_args, article_link=article_links(params.q), export_cap=_export_cap(),
        with_order=lambda args: _with_order(args, order),
        years=fv.year_items(facets.years, params, current), sources=fv.source_items(facets.sources, params),
        chips=fv.chips(params, current, source_label), clear_args=fv.clear_filters_args(params),
        page_numbers=fv.page_numbers(kwic.page, kwic.pages), beyond_last=kwic.page > kwic.pages)


def line_json(line: Line, link: str, labels: dict[str, str]) -> dict:
    a = line.article
    return {"id": a.id, "published": a.published.isoformat() if a.published else None, "source": a.source,
            "source_label": labels.get(a.source) or a.source, "title": a.title, "url": a.url,
            "article": link, "left": line.left, "match": line.match, "right": line.right,
            "in_title": line.in_title}


def kwic_json(kwic: kw.KwicPage, params: SearchParams, labels: dict[str, str]) -> dict:
    words, link = kwic.order in kw.WORD_ORDERS, article_links(params.q)
    return {
        "query": params.q, "order": kwic.order, "page": kwic.page, "pages": kwic.pages,
        "total_articles": kwic.total_articles,
        "articles": None if words else {"first": kwic.first_article, "last": kwic.last_article},
        "window": {"articles": kwic.window, "lines": kwic.window_lines, "cut": kwic.window_cut} if words else None,
        "lines": [line_json(line, link(line), labels) for line in kwic.lines],
    }


@bp.get("/api/kwic")
def api():
    try:
        params, order = read_kwic_params()
    except ParamError as exc:
        return json_error(400, exc.key, **exc.values)
    if not params.q:
        return json_error(400, "err_no_query")
    try:
        kwic = kw.kwic_page(archive(), params, order, source_labels(), cache=_windows(), **_settings())
    except IndexUnavailable as exc:
        return json_error(503, exc.key)
    return jsonify(kwic_json(kwic, params, source_labels()))


def csv_rows(lines: Iterator[Line], query: str, labels: dict[str, str], links: dict[int, str]) -> Iterator[str]:
    """The CSV, a hundred lines at a time; every text cell spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")                 # so spreadsheet programs read the Vietnamese text as UTF-8
    writer.writerow(CSV_COLUMNS)
    for count, line in enumerate(lines, 1):
        a = line.article
        writer.writerow([spreadsheet_safe(value) for value in (
            a.id, a.published.isoformat() if a.published else "", a.source, labels.get(a.source) or a.source,
            a.title, a.url, line.left, line.match, line.right, links["root"] + f"/article/{a.id}?" + links["q"])])
        if count % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@bp.get("/kwic.csv")
def export_csv():
    try:
        params, order = read_kwic_params()
    except ParamError as exc:
        return export_error("csv", 400, exc.key, **exc.values)
    if not params.q:
        return export_error("csv", 400, "err_no_query")
    source = archive()
    try:
        total = source.search(params.to_request(page=1, facets_only=True)).total
    except IndexUnavailable as exc:
        return export_error("csv", 503, exc.key)
    cap, labels = _export_cap(), source_labels()
    # the article links are made now: the request (and url building) is gone while the body streams
    link_base = {"root": request.url_root.rstrip("/"), "q": url("article.show", article_id=0, q=params.q).split("?", 1)[1]}
    lines = kw.all_lines(source, params, order, labels, cap=cap, cache=_windows(), window=_settings()["window"])
    headers = {"Content-Disposition": content_disposition(params, "csv").replace("khobao-", "khobao-kwic-"),
               "X-Total-Count": str(total), "X-Line-Cap": str(cap)}
    return Response(csv_rows(lines, params.q, labels, link_base), content_type="text/csv; charset=utf-8",
                    headers=headers)
