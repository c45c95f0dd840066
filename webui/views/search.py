"""The search page (`/`): box, results, facets, timeline, suggestions, pagination."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from .. import facets as fv
from ..pages import archive, lang, t, url
from ..notes import translate_note
from ..params import ParamError, SearchParams, parse_search_args
from ..service import IndexUnavailable
from ..timeline import build_timeline, render_svg

bp = Blueprint("search", __name__)


def read_params() -> SearchParams:
    """The search state from the URL, within the configured limits. Raises ParamError."""
    web = current_app.config["WEB"]
    return parse_search_args(request.args, default_per_page=web.per_page, max_per_page=web.max_per_page,
                             max_query_length=web.max_query_length)


def source_counts(params: SearchParams, page) -> dict[str, int]:
    """Source counts as if no source were chosen (so more can be added), within the other filters.
    With no source chosen these are the page's own counts; otherwise one more, hits-free search."""
    if not params.sources:
        return page.facets.get("source", {})
    unfiltered = archive().search(params.to_request(sources=(), page=1, per_page=1))
    return unfiltered.facets.get("source", {})


@bp.get("/")
def index():
    web = current_app.config["WEB"]
    try:
        params = read_params()
    except ParamError as exc:
        typed = (request.args.get("q") or "")[: web.max_query_length]
        return render_template("search.html", params=SearchParams(q=typed, per_page=web.per_page, default_per_page=web.per_page),
                               error=t(exc.key, **exc.values), page=None), 400
    if not params.q:
        return render_template("search.html", params=params, page=None, welcome=True,
                               article_count=archive().doc_count())
    try:
        page = archive().search(params.to_request())
    except IndexUnavailable:
        return render_template("search.html", params=params, page=None, error=t("empty_archive"),
                               error_title=t("error_title")), 503
    current = lang()
    timeline = build_timeline(page.facets, params, current)
    timeline_svg = render_svg(timeline, lambda args: url("search.index", **args), current) if timeline else None
    return render_template(
        "search.html", params=params, page=page,
        years=fv.year_items(page.facets.get("year", {}), params),
        months=fv.month_items(page.facets.get("month", {}), params, current),
        sources=fv.source_items(source_counts(params, page), params),
        chips=fv.chips(params, current), clear_args=fv.clear_filters_args(params),
        page_numbers=fv.page_numbers(params.page, page.pages),
        beyond_last=page.total > 0 and params.page > page.pages,
        timeline=timeline, timeline_svg=timeline_svg, note=translate_note(page.note, current),
    )
