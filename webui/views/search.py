"""The search page (`/`): box, results, facets, timeline, suggestions, pagination."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, render_template, request

from indexer import Facets, SearchRequest

from .. import facets as fv
from ..common import archive, lang, source_label, t, url
from ..errors import IndexUnavailable, ParamError
from ..notes import note_text
from ..params import SearchParams, parse_search_args, read_leniently
from ..timeline import build_timeline, render_svg

bp = Blueprint("search", __name__)

EXAMPLES = ("ha noi", "\"kinh tế\"", "thủ tướng -covid", "title:giáo dục")   # shown on the welcome page
NEWEST_ON_HOME = 8      # the newest articles listed on the home page
HELP_ROWS = (   # (an example query, the key of what it means) for the help page
    ("tai nan xe may", "help_words"), ("ha noi", "help_unaccented"), ("Hà Nội", "help_accented"),
    ("bác sỹ", "help_spellings"), ("\"kinh tế\"", "help_phrase"),
    ("thủ tướng -covid", "help_exclude"), ("bão OR lũ", "help_or"), ("title:lạng sơn", "help_title"),
)


def read_params(args=None) -> SearchParams:
    """The search state from the URL, within the configured limits. Raises ParamError."""
    web = current_app.config["WEB"]
    return parse_search_args(request.args if args is None else args, default_per_page=web.per_page,
                             max_per_page=web.max_per_page, max_query_length=web.max_query_length)


def read_params_leniently(first: ParamError) -> tuple[SearchParams, set[str]] | None:
    """The search state without the parameters at fault (and their names), so a bad date still shows
    the results, the facets and the form around its message; None when what is left does not read."""
    return read_leniently(request.args, first, read_params)


def panel_facets(params: SearchParams, page) -> Facets:
    """Facet counts for the side panel and the timeline.

    A chosen value must not hide its alternatives: the source counts are taken as if no source
    were chosen (so another can be added), the years as if no year were chosen, the months as if
    no month were, the days as if no day were. Each is one more search, only when that filter is set; the counts of the chosen
    values still add up to the total shown."""
    facets = page.facets

    def without(**changes) -> Facets:
        # Counts only (no hits, snippets or suggestion); the archive answers from its cached page of
        # that wider search when the reader has just come from it.
        return archive().search(replace(params, **changes).to_request(page=1, facets_only=True)).facets

    if params.sources:
        facets = replace(facets, sources=without(sources=()).sources)
    if params.year is not None:
        facets = replace(facets, years=without(year=None, month=None, day=None).years)
    if params.month is not None:
        facets = replace(facets, months=without(month=None, day=None).months)
    if params.day is not None:
        facets = replace(facets, days=without(day=None).days)
    return facets


def newest_hits() -> list:
    """The archive's newest articles for the home page (none while there is no index)."""
    try:
        return archive().search(SearchRequest("", sort="newest", per_page=NEWEST_ON_HOME, snippets=False)).hits
    except IndexUnavailable:
        return []


def home_facts() -> tuple:
    """(articles per source, first date, last date, each source's years) for the home page: read from
    the store, and remembered until the index changes, since the home page is the page asked most
    and the same for everyone."""
    def read() -> tuple:
        sources, first, last = archive().overview()
        return sources, first, last, archive().source_years()
    try:
        return archive().remember(("home",), read)
    except IndexUnavailable:
        return read()


@bp.get("/")
def index():
    web = current_app.config["WEB"]
    error, status, dropped = None, 200, set()
    try:
        params = read_params()
    except ParamError as exc:
        error, status = t(exc.key, **exc.values), 400
        kept = read_params_leniently(exc)
        if kept is None:
            typed = (request.args.get("q") or "")[: web.max_query_length]
            return render_template("search.html", params=SearchParams(q=typed, per_page=web.per_page, default_per_page=web.per_page),
                                   error=error, page=None), 400
        params, dropped = kept
    if not params.q and not params.has_filters:  # nothing asked yet: the welcome page
        sources, first, last, years = home_facts()
        return render_template("search.html", params=params, page=None, welcome=True, error=error,
                               article_count=archive().doc_count(), archive_sources=sources,
                               source_years=years, newest=newest_hits(),
                               first_date=first, last_date=last, examples=EXAMPLES), status
    if not params.q and params.sort == "relevance":  # filters without words: newest first, and say so
        params = replace(params, sort="newest")
    try:
        page = archive().search(params.to_request())
    except IndexUnavailable as exc:
        return render_template("search.html", params=params, page=None, error=t(exc.key),
                               error_title=t("error_title")), 503
    current = lang()
    facets = panel_facets(params, page)
    timeline = build_timeline(facets, params, current)
    timeline_svg = render_svg(timeline, lambda args: url("search.index", **args), current) if timeline else None
    return render_template(
        "search.html", params=params, page=page,
        years=fv.year_items(facets.years, params, current),
        months=fv.month_items(facets.months, params, current),
        days=fv.day_items(facets.days, params), first_weekday=fv.first_weekday(params),
        sources=fv.source_items(facets.sources, params),
        chips=fv.chips(params, current, source_label), clear_args=fv.clear_filters_args(params),
        edited_count=page.facets.edited,
        page_numbers=fv.page_numbers(params.page, page.pages),
        beyond_last=page.total > 0 and params.page > page.pages,
        timeline=timeline, timeline_svg=timeline_svg, note=note_text(page.notes, current),
        error=error, error_more=t("err_dropped") if error else None, dropped=dropped,
    ), status


@bp.get("/help")
def help_page():
    """The query language and the filters, each with an example that runs."""
    sources, _, _ = archive().overview()
    busiest = max(sources, key=sources.get) if sources else "vnexpress"
    rows = [*HELP_ROWS, (f"source:{busiest} hà nội", "help_field")]
    return render_template("help.html", rows=rows, params=SearchParams(default_per_page=current_app.config["WEB"].per_page,
                                                                       per_page=current_app.config["WEB"].per_page))
