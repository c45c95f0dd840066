"""The JSON shapes of the API's answers, as JSON Schema (draft 2020-12, as OpenAPI 3.1 uses).

Precise on purpose: every key the code writes is listed and required, with its type, and a fixed
object allows no other key (`additionalProperties: false`). A field renamed, retyped, added or
dropped in the code then fails tests/test_openapi_live.py (schemathesis against a real server)
until this file says the same. webui/openapi.py puts these under `components/schemas`.

A new answer shape is one more entry of SCHEMAS; a new field is one more key in `properties`
(and in `required` when it is always there). `ref("Name")` points at another entry.
"""

from __future__ import annotations

from indexer import SORTS


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def fixed(properties: dict, *, optional: tuple[str, ...] = (), description: str = "") -> dict:
    """An object with exactly these keys: all required but `optional`, no others allowed."""
    schema = {"type": "object", "properties": properties,
              "required": [name for name in properties if name not in optional], "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def counts(key_pattern: str, description: str) -> dict:
    """A facet: label → number of articles, labels of one form."""
    return {"type": "object", "description": description, "propertyNames": {"pattern": key_pattern},
            "additionalProperties": {"type": "integer", "minimum": 0}}


STRING = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
COUNT = {"type": "integer", "minimum": 0}
TIME = {"type": "string", "format": "date-time", "description": "ISO 8601 with the source's UTC offset"}
TIME_OR_NULL = {"type": ["string", "null"], "format": "date-time",
                "description": "ISO 8601 with the source's UTC offset; null when unknown"}

SCHEMAS: dict[str, dict] = {
    "Error": fixed({
        "error": {"type": "string", "minLength": 1, "description": "What was wrong and how to fix it, in English"},
        "error_vi": {"type": "string", "minLength": 1, "description": "The same in Vietnamese"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599, "description": "The HTTP status again"},
    }, optional=("error_vi",), description="Every error of the API. `error_vi` is there for the errors a reader "
                                           "can fix (a bad parameter, a missing article)."),

    "Hit": fixed({
        "id": {"type": "integer", "minimum": 1, "description": "The article's id: /api/articles/{id}"},
        "url": STRING,
        "title": STRING,
        "source": {"type": "string", "description": "The source's name; its label is in source_labels"},
        "published": TIME_OR_NULL,
        "score": {"type": "number", "description": "Relevance (BM25, rounded); 0 when sorted by date"},
        "snippet": {"type": "string", "description": "HTML: escaped text, matched words in <mark>"},
        "copies": {"oneOf": [{"type": "null"}, ref("Copies")],
                   "description": "Its group of near-identical copies; null when it has none"},
    }),

    "Copies": fixed({
        "articles": {"type": "integer", "minimum": 2, "description": "Articles in the group, this one included"},
        "other_sources": {**COUNT, "description": "Sources other than this article's own that published it"},
        "first": fixed({"id": {"type": "integer", "minimum": 1}, "source": STRING, "published": TIME_OR_NULL},
                       description="The first published article of the group (maybe this one)"),
    }, description="Who else published this story, and who first"),

    "Note": fixed({
        "key": {"type": "string", "description": "Which note (see the i18n table's note_* keys)"},
        "values": {"type": "object", "description": "The values its sentence names",
                   "additionalProperties": {"type": ["string", "integer"]}},
    }, description="Something in the query that was ignored or read otherwise"),

    "Facets": fixed({
        "year": counts(r"^([0-9]{1,4}|unknown)$", "Articles per year, newest first; `unknown`: undated"),
        "month": counts(r"^([0-9]{4}-(0[1-9]|1[0-2])|unknown)$", "Articles per yyyy-mm, newest first"),
        "day": counts(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                      "Articles per yyyy-mm-dd; only when the dates searched lie within one month"),
        "source": counts(r"^.+$", "Articles per source name, most first"),
    }),

    "SearchPage": fixed({
        "query": {"type": "string", "description": "The query as read (trimmed)"},
        "total": {**COUNT, "description": "Matching articles, all pages"},
        "took_ms": {"type": "number", "minimum": 0, "description": "Search time; with cached, the first search's"},
        "hits": {"type": "array", "items": ref("Hit")},
        "facets": ref("Facets"),
        "source_labels": {"type": "object", "description": "Display label of every source named above",
                          "additionalProperties": STRING},
        "suggestion": {**TEXT_OR_NULL, "description": "The likely accented form of an unaccented query"},
        "correction": {**TEXT_OR_NULL, "description": "A spelling correction"},
        "note": {**TEXT_OR_NULL, "description": "The notes in English, one line"},
        "read_as": {"type": "array", "items": STRING, "description": "The words the query was read as"},
        "apart": {**COUNT, "description": "More articles with the query's syllables apart (see loose)"},
        "loose": {"type": "boolean"},
        "notes": {"type": "array", "items": ref("Note")},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "cached": {"const": True, "description": "Present when the answer came from the cache"},
        "collapse": {"type": "boolean", "description": "Copies collapsed: each story counted once"},
        "counting": {"type": "string", "enum": ["articles", "stories"], "description": "What total and facets count"},
        "articles": {**COUNT, "description": "Matching articles before collapsing (= total when not collapsed)"},
    }, optional=("cached",), description="One page of results; the same object as `khobao search --json`"),

    "Version": fixed({
        "version": {"type": "integer", "minimum": 1},
        "title": STRING,
        "content_hash": STRING,
        "fetched_at": TIME_OR_NULL,
        "http_status": {"type": ["integer", "null"]},
        "warc_file": TEXT_OR_NULL,
        "warc_offset": {"type": ["integer", "null"], "minimum": 0},
        "body": {"type": "string", "description": "That version's whole text"},
        "published": TIME_OR_NULL,
        "author": TEXT_OR_NULL,
        "section": TEXT_OR_NULL,
    }, description="An earlier stored version of an article, oldest first (the current one is the article)"),

    "Article": fixed({
        "id": {"type": "integer", "minimum": 1},
        "url": STRING,
        "canonical_url": TEXT_OR_NULL,
        "source": STRING,
        "title": STRING,
        "author": TEXT_OR_NULL,
        "section": TEXT_OR_NULL,
        "published": TIME_OR_NULL,
        "language": STRING,
        "body": {"type": "string", "description": "The whole text, paragraphs separated by newlines"},
        "fetched_at": TIME_OR_NULL,
        "http_status": {"type": ["integer", "null"]},
        "warc_file": {**TEXT_OR_NULL, "description": "The WARC file holding the raw record; null when imported"},
        "warc_offset": {"type": ["integer", "null"], "minimum": 0},
        "content_hash": STRING,
        "version": {"type": "integer", "minimum": 1, "description": "The number of the version shown"},
        "first_seen": TIME,
        "updated_at": TIME,
        "versions": {"type": "array", "items": ref("Version")},
        "edited": {"type": "boolean", "description": "The text changed after the first fetch (version > 1)"},
        "copies": {"type": "array", "description": "Its near-identical copies, itself included, first published "
                                                   "first (at most 100 and itself); [] when none",
                   "items": fixed({"id": {"type": "integer", "minimum": 1}, "source": STRING, "title": STRING,
                                   "url": STRING, "published": TIME_OR_NULL})},
    }, description="An article as stored, with the list of its versions"),

    "Trends": fixed({
        "queries": {"type": "array", "items": STRING, "description": "One series per query, in this order"},
        "sources": {"type": "array", "items": STRING},
        "from": {"type": ["string", "null"], "format": "date", "description": "The chart's first day"},
        "to": {"type": ["string", "null"], "format": "date", "description": "The chart's last day"},
        "by": {"type": ["string", "null"], "enum": ["day", "week", "month", "year", None]},
        "periods": {"type": "array", "items": fixed({
            "period": {"type": "string", "pattern": r"^[0-9]{4}(-W[0-9]{2}|-[0-9]{2}(-[0-9]{2})?)?$",
                       "description": "2020-05-17, 2020-W20, 2020-05 or 2020"},
            "start": {"type": "string", "format": "date"},
            "end": {"type": "string", "format": "date"},
            "total": {**COUNT, "description": "Every article of the period within the filters"},
        })},
        "series": {"type": "array", "items": fixed({
            "query": STRING,
            "total": COUNT,
            "undated": {**COUNT, "description": "Matching articles without a date (not on the chart)"},
            "counts": {"type": "array", "items": COUNT, "description": "One per period"},
            "shares": {"type": "array", "items": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                       "description": "count / total per period; null where the period has no articles"},
        })},
        "undated_total": COUNT,
    }, description="Counts per period for each query; counts and shares line up with periods"),

    "Kwic": fixed({
        "query": STRING,
        "order": {"type": "string", "enum": ["newest", "oldest", "source", "left", "right"]},
        "page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
        "total_articles": {**COUNT, "description": "Articles the query matches"},
        "articles": {"oneOf": [{"type": "null"}, fixed({"first": COUNT, "last": COUNT})],
                     "description": "Date and source orders: the articles of this page, 1-based (null otherwise)"},
        "window": {"oneOf": [{"type": "null"}, fixed({"articles": COUNT, "lines": COUNT, "cut": {"type": "boolean"}})],
                   "description": "Word orders: the newest articles whose lines were sorted; cut when that is "
                                  "not the whole match set (null otherwise)"},
        "lines": {"type": "array", "items": fixed({
            "id": {"type": "integer", "minimum": 1},
            "published": TIME_OR_NULL,
            "source": STRING,
            "source_label": STRING,
            "title": STRING,
            "url": STRING,
            "article": {"type": "string", "description": "This archive's page of the article, highlighting q"},
            "left": STRING,
            "match": {"type": "string", "minLength": 1},
            "right": STRING,
            "in_title": {"type": "boolean"},
        })},
    }, description="One page of keyword-in-context lines"),

    "OpenAPI": {"type": "object", "required": ["openapi", "info", "paths"],
                "properties": {"openapi": {"type": "string", "pattern": r"^3\.1\."}},
                "description": "This document"},
}

SORT_VALUES = list(SORTS)
