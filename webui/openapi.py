"""The JSON API described: the OpenAPI 3.1 document served at /api/openapi.json.

Kept as data beside the routes: OPERATIONS has one entry per /api route, `parameters()` the query
parameters they share (with the limits webui/params.py enforces), and webui/openapi_schemas.py the
shapes of the answers. tests/test_openapi.py fails when a route of the app has no entry here, and
tests/test_openapi_live.py has schemathesis check a real server's answers against the document.

Adding an endpoint, say GET /api/trends?q=…&q=…&by=month, is one entry in OPERATIONS:

    "/api/trends": operation(
        "Attention over time", "Counts per period for up to five queries, zero-filled.",
        params=(query("q", {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
                      "One query per series; repeat it.", style="form", explode=True),
                query("by", {"type": "string", "enum": ["day", "week", "month", "year"]}, "The period."),
                "source", *DATE_PARAMS, "lang"),
        answer="Trends", errors=(400, 503)),

A parameter is a name from `parameters()` (shared, $ref'd) or a `query(...)`/`path(...)` of its own; the
answer's shape, `Trends` here, is one more entry of openapi_schemas.SCHEMAS. A route variable
(`<int:article_id>`) is `path("article_id", ...)` in `/api/articles/{article_id}`.
"""

from __future__ import annotations

import copy

from .openapi_schemas import SCHEMAS, SORT_VALUES, ref
from .params import MAX_PAGE, MAX_SOURCE_LENGTH, MAX_SOURCES
from .settings import WebSettings

TITLE = "Kho báo JSON API"
VERSION = "1"
MAX_ARTICLE_ID = 2**63 - 1    # SQLite's largest row id

# a day as the search form takes it: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or yyyy-mm-dd
_DD, _MM = "(0?[1-9]|[12][0-9]|3[01])", "(0?[1-9]|1[0-2])"
DAY_PATTERN = rf"^({_DD}[/.-]{_MM}[/.-][0-9]{{4}}|[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))$"
MONTH_PATTERN = r"^([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)-(0[1-9]|1[0-2])$"   # year 0 is no year
DATE_PARAMS = ("from", "to", "year", "month", "day")

ERRORS = {   # status → what it means, for every operation that can answer it
    400: "A parameter is wrong: `error` says which and how to fix it (`error_vi` in Vietnamese).",
    404: "No such article (or no such address).",
    410: "The article was removed from the archive.",
    503: "No index to search yet (`khobao index` has not run), or a damaged one.",
}


def query(name: str, schema: dict, description: str, **extra) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description, **extra}


def parameters(web: WebSettings) -> dict[str, dict]:
    """Every query parameter of the API, with the limits of this server's settings."""
    return {
        "q": query("q", {"type": "string", "maxLength": web.max_query_length},
                   "The query: words, \"phrases\", -excluded, OR, title:/body:/source:/section:/author: fields. "
                   "Empty with a filter: every article of the filter, newest first.", example="hà nội"),
        "source": query("source", {"type": "array", "maxItems": MAX_SOURCES,
                                   "items": {"type": "string", "maxLength": MAX_SOURCE_LENGTH}},
                        "Only these sources (by name); repeat the parameter for several.",
                        style="form", explode=True),
        "from": query("from", {"type": "string", "pattern": DAY_PATTERN},
                      "Published on or after this day: dd/mm/yyyy or yyyy-mm-dd (a real day: 31/02/2020 is a 400).",
                      example="01/05/2020"),
        "to": query("to", {"type": "string", "pattern": DAY_PATTERN},
                    "Published on or before this day: dd/mm/yyyy or yyyy-mm-dd; not before `from`.",
                    example="2020-12-31"),
        "year": query("year", {"type": "integer", "minimum": 1, "maximum": 9999},
                      "Only this year (narrows from/to)."),
        "month": query("month", {"type": "string", "pattern": MONTH_PATTERN},
                       "Only this month, yyyy-mm (narrows from/to; wins over year).", example="2020-05"),
        "day": query("day", {"type": "string", "format": "date"},
                     "Only this day, yyyy-mm-dd (narrows from/to; wins over year and month)."),
        "sort": query("sort", {"type": "string", "enum": SORT_VALUES, "default": "relevance"}, "The order of hits."),
        "page": query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                      "Which page of results; past the last one gives no hits."),
        "per_page": query("per_page", {"type": "integer", "minimum": 1, "maximum": web.max_per_page,
                                       "default": web.per_page}, "Hits per page."),
        "loose": query("loose", {"type": "string", "enum": ["1", "0", "true", "false", "yes", "no", "on", "off"]},
                       "1: each syllable anywhere, not only the words the query was read as."),
        "edited": query("edited", {"type": "string", "enum": ["1", "0", "true", "false", "yes", "no", "on", "off"]},
                        "1: only articles whose text changed after their first fetch (edited after publication)."),
        "collapse": query("collapse", {"type": "string", "enum": ["1", "0", "true", "false", "yes", "no", "on", "off"]},
                          "1: each story once: of near-identical copies across sources only the first published, "
                          "in hits, total and facets (the answer's `counting` says which way it counts)."),
        "lang": query("lang", {"type": "string", "enum": ["vi", "en"], "default": "vi"},
                      "The reader's language, kept by links that carry it; the JSON is the same in both "
                      "(an error carries both languages)."),
    }


def path(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema, "description": description}


def operation(summary: str, description: str, *, params: tuple[str | dict, ...], answer: str,
              errors: tuple[int, ...] = ()) -> dict:
    """A GET operation: its parameters (a name of `parameters()`, or a parameter object of its own), its
    200 answer (a name in SCHEMAS) and the error statuses it can answer, each with the Error object."""
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": ref(answer)}}}}
    for status in errors:
        responses[str(status)] = {"description": ERRORS[status],
                                  "content": {"application/json": {"schema": ref("Error")}}}
    return {"get": {"summary": summary, "description": description,
                    "parameters": [p if isinstance(p, dict) else {"$ref": f"#/components/parameters/{p}"}
                                   for p in params],
                    "responses": responses}}


SEARCH_PARAMS = ("q", "source", *DATE_PARAMS, "sort", "page", "per_page", "loose", "edited", "collapse", "lang")

OPERATIONS: dict[str, dict] = {   # one entry per /api route (tests/test_openapi.py checks)
    "/api/search": operation(
        "Search the archive", "The same parameters as the search page, the same object as "
        "`khobao search --json`. An empty q with no filter finds nothing.",
        params=SEARCH_PARAMS, answer="SearchPage", errors=(400, 503)),
    "/api/articles/{article_id}": operation(
        "One article", "The article as stored (whole text, provenance) with its versions.",
        params=(path("article_id", {"type": "integer", "minimum": 1, "maximum": MAX_ARTICLE_ID},
                     "The article's id (a hit's `id`)"), "lang"),
        answer="Article", errors=(404, 410)),
    "/api/trends": operation(
        "Attention over time", "Matching articles per day, ISO week (from Monday), month or year for up to five "
        "queries, zero-filled, with each period's share of all the articles within the filters. Without `by` the "
        "finest unit that gives at most 150 periods.",
        params=(query("q", {"type": "array", "minItems": 1, "maxItems": 5,
                            "items": {"type": "string", "maxLength": 500}},
                      "One query per series; repeat it (blank ones are dropped).", style="form", explode=True),
                query("by", {"type": "string", "enum": ["auto", "day", "week", "month", "year"]},
                      "The period of a point."),
                query("as", {"type": "string", "enum": ["count", "share"]},
                      "Accepted for the page's links; the JSON carries both counts and shares."),
                "source", *DATE_PARAMS, "loose", "lang"),
        answer="Trends", errors=(400, 503)),
    "/api/kwic": operation(
        "Keyword in context", "Every occurrence of the query's words in its matches as left | match | right, "
        "matched as the search page highlights. By date or source a page holds the lines of 10 articles; by the "
        "word to the left or right, the lines of the newest articles (`window`) are sorted, 50 a page.",
        params=("q", query("sort", {"type": "string", "enum": ["newest", "oldest", "source", "left", "right"],
                                    "default": "newest"}, "The order of the lines."),
                "source", *DATE_PARAMS, "page", "loose", "edited", "collapse", "lang"),
        answer="Kwic", errors=(400, 503)),
    "/api/openapi.json": operation(
        "This document", "The API described in OpenAPI 3.1.", params=(), answer="OpenAPI"),
}


def build_document(web: WebSettings) -> dict:
    """The whole document for a server with these settings (its limits are in the parameters); a copy
    of its own, so that whoever changes it changes nothing else."""
    return copy.deepcopy({
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": VERSION,
                 "description": "Search a Vietnamese news archive and read its articles. Every answer is JSON; "
                                "every error is the Error object, in English and Vietnamese.",
                 "license": {"name": "MIT", "identifier": "MIT"}},
        "paths": OPERATIONS,
        "components": {"schemas": SCHEMAS, "parameters": parameters(web)},
    })
