"""Ways out of the page: CSV and JSON Lines exports of every hit (streamed), an Atom feed of a search
(newest first) to follow a topic, and an OpenSearch description so browsers can add khobao."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import datetime, timezone
from typing import Iterator
from urllib.parse import quote

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..common import archive, error_page, source_labels, t
from ..errors import IndexUnavailable, ParamError
from ..favicon import favicon_ico
from ..params import SearchParams
from .api import json_error
from .search import read_params

bp = Blueprint("feeds", __name__)

EXPORT_BATCH = 500
FEED_ENTRIES = 20
EXPORT_COLUMNS = ("id", "published", "source", "source_label", "title", "url", "author", "section", "score")
COLLAPSED_COLUMNS = ("copies", "other_sources")   # with collapse=1: the articles each row's story stands for
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates): a query or a
# stored title holding one would make the whole feed unreadable to every feed reader
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def all_hits(source, params: SearchParams) -> Iterator:
    """Every hit of the search, batch by batch, in the requested order. `source` is the Archive,
    taken before the response streams (the request context is gone by then)."""
    number = 1
    while True:
        page = source.search(params.to_request(page=number, per_page=EXPORT_BATCH, snippets=False), cache=False)
        yield from page.hits
        if number >= page.pages or not page.hits:
            return
        number += 1


def export_row(hit, labels: dict[str, str], collapsed: bool = False) -> dict:
    """One hit as an export row: the source's id for programs, its label for people. Collapsed (each
    story once), a row also says how many articles its story stands for and how many other sources."""
    row = {"id": hit.id, "published": hit.published.isoformat() if hit.published else "", "source": hit.source,
           "source_label": labels.get(hit.source, hit.source), "title": hit.title, "url": hit.url,
           "author": hit.author or "", "section": hit.section or "", "score": round(hit.score, 4)}
    if collapsed:
        row.update(copies=hit.copies.articles if hit.copies else 1,
                   other_sources=hit.copies.other_sources if hit.copies else 0)
    return row


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _ascii_fold(text: str) -> str:
    """Vietnamese letters without their marks (Hà Nội → Ha Noi, đ → d), for the ASCII file name."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def content_disposition(params: SearchParams, extension: str) -> str:
    """An attachment named after the query: `filename*` (RFC 5987) keeps the Vietnamese letters,
    `filename` is the ASCII fallback for old clients."""
    query = unicodedata.normalize("NFC", params.q)
    stem = re.sub(r"[^\w]+", "-", query).strip("-_")[:40].strip("-_") or "kết-quả"
    plain = re.sub(r"[^A-Za-z0-9]+", "-", _ascii_fold(stem)).strip("-") or "ket-qua"
    return (f'attachment; filename="khobao-{plain}.{extension}"; '
            f"filename*=UTF-8''{quote(f'khobao-{stem}.{extension}', safe='')}")


def export_error(extension: str, status: int, key: str, **values):
    """An export's error in the export's kind, not an HTML page: the API's JSON error object for JSON Lines,
    one line of plain text (in the page's language) for CSV, so the program or the spreadsheet that asked
    shows what was wrong and how to fix it."""
    if extension == "jsonl":
        return json_error(status, key, **values)
    return Response(t(key, **values) + "\n", status=status, content_type="text/plain; charset=utf-8")


def _export(extension: str, mimetype: str, render):
    try:
        params = read_params()
    except ParamError as exc:
        return export_error(extension, 400, exc.key, **exc.values)
    try:
        first = archive().search(params.to_request(page=1, facets_only=True))
    except IndexUnavailable as exc:
        return export_error(extension, 503, exc.key)
    headers = {"Content-Disposition": content_disposition(params, extension),
               "X-Total-Count": str(first.total),   # rows: stories when collapsed
               "X-Counting": "stories" if params.collapse else "articles",
               "X-Article-Count": str(first.articles if first.articles is not None else first.total)}
    return Response(render(all_hits(archive(), params), source_labels(), params.collapse), content_type=mimetype,
                    headers=headers)


def csv_lines(hits, labels: dict[str, str], collapsed: bool = False) -> Iterator[str]:
    buffer = io.StringIO()
    columns = EXPORT_COLUMNS + (COLLAPSED_COLUMNS if collapsed else ())
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    buffer.write("\ufeff")                 # so spreadsheet programs read the Vietnamese text as UTF-8
    writer.writeheader()
    for count, hit in enumerate(hits, 1):
        writer.writerow({k: spreadsheet_safe(v) for k, v in export_row(hit, labels, collapsed).items()})
        if count % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(hits, labels: dict[str, str], collapsed: bool = False) -> Iterator[str]:
    for hit in hits:
        yield json.dumps(export_row(hit, labels, collapsed), ensure_ascii=False) + "\n"


@bp.get("/export.csv")
def export_csv():
    return _export("csv", "text/csv; charset=utf-8", csv_lines)


@bp.get("/export.jsonl")
def export_jsonl():
    return _export("jsonl", "application/x-ndjson; charset=utf-8", jsonl_lines)


@bp.get("/feed.atom")
def atom():
    try:
        params = read_params()
    except ParamError as exc:
        return error_page(400, "bad_request_title", t(exc.key, **exc.values))
    try:
        page = archive().search(params.to_request(sort="newest", page=1, per_page=FEED_ENTRIES))
    except IndexUnavailable as exc:
        return error_page(503, "error_title", t(exc.key))
    stamps = [h.published for h in page.hits if h.published]
    updated = max(stamps) if stamps else datetime(2000, 1, 1, tzinfo=timezone.utc)
    self_url = request.url
    body = render_template("feed.xml", page=page, params=params, updated=updated, self_url=self_url,
                           html_url=url_for("search.index", _external=True, **params.args(sort="newest")))
    body = _NOT_XML.sub("", body)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch():
    body = render_template("opensearch.xml", web=current_app.config["WEB"])
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/favicon.ico")
def favicon():
    """For clients that ask the old way; pages name static/favicon.svg."""
    response = Response(favicon_ico(), mimetype="image/vnd.microsoft.icon")
    response.cache_control.max_age = 86400
    return response
