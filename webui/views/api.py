"""The JSON API: `/api/search` (same parameters as the page, same object as `khobao search --json`)
and `/api/articles/<id>` (the article, and its earlier versions with their text), described at
`/api/openapi.json` (webui/openapi.py: a new route here needs its entry there, tests/test_openapi.py
checks). Errors are JSON too: {"error": English, "error_vi": Vietnamese, "status"}."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from ..common import archive, source_labels
from ..errors import IndexUnavailable, ParamError
from ..i18n import translate
from ..openapi import build_document
from .search import read_params

bp = Blueprint("api", __name__, url_prefix="/api")


def json_error(status: int, key: str, **values):
    return jsonify({"error": translate("en", key, **values), "error_vi": translate("vi", key, **values),
                    "status": status}), status


@bp.get("/search")
def search():
    try:
        params = read_params()
    except ParamError as exc:
        return json_error(400, exc.key, **exc.values)
    try:
        page = archive().search(params.to_request())
    except IndexUnavailable as exc:
        return json_error(503, exc.key)
    answer = page.to_json(source_labels())
    if page.cached:   # said, not hidden: took_ms is then the first search's time
        answer["cached"] = True
    return jsonify(answer)


def _iso(value):
    return value.isoformat() if value else None


def article_json(stored, versions) -> dict:
    a = stored.article
    return {
        "id": stored.id, "url": a.url, "canonical_url": a.canonical_url, "source": a.source, "title": a.title,
        "author": a.author, "section": a.section, "published": _iso(a.published), "language": a.language,
        "body": a.body, "fetched_at": _iso(a.fetched_at), "http_status": a.http_status,
        "warc_file": a.warc_file, "warc_offset": a.warc_offset, "content_hash": a.content_hash,
        "version": stored.version, "first_seen": _iso(stored.first_seen), "updated_at": _iso(stored.updated_at),
        # the earlier versions, oldest first, each with its text; the current one is the record itself
        "versions": [{"version": v.version, "title": v.title, "content_hash": v.content_hash,
                      "fetched_at": _iso(v.fetched_at), "http_status": v.http_status,
                      "warc_file": v.warc_file, "warc_offset": v.warc_offset,
                      "body": v.body, "published": _iso(v.published), "author": v.author,
                      "section": v.section} for v in versions],
        "edited": stored.version > 1,
    }


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    stored = archive().article(article_id)
    if stored is None:
        return json_error(404, "article_not_found", id=article_id)
    if stored.deleted:
        return json_error(410, "article_deleted", id=article_id)
    answer = article_json(stored, archive().versions(article_id))
    answer["copies"] = copies_json(article_id)
    return jsonify(answer)


def copies_json(article_id: int) -> list[dict]:
    """The article's near-identical copies (itself included), first published first; [] when none or
    without an index (issue 14, point 6)."""
    try:
        copies = archive().copies(article_id)
    except IndexUnavailable:
        return []
    return [{"id": hit.id, "source": hit.source, "title": hit.title, "url": hit.url, "published": _iso(hit.published)}
            for hit in copies]


@bp.get("/openapi.json")
def openapi():
    """The API described (OpenAPI 3.1), with this server's limits; written once per app."""
    body = current_app.extensions.get("khobao.openapi")
    if body is None:
        document = build_document(current_app.config["WEB"])
        body = current_app.extensions["khobao.openapi"] = current_app.json.dumps(document)
    return Response(body, mimetype="application/json")
