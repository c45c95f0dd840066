"""The article page (`/article/<id>`): the cleaned text, its provenance, what changed between its
stored versions (`old`, `new`: which two; history.py, diffs.py), and more like it.

A page shows at most `[web] max_article_chars` of the body, so a huge body (a scraped archive
dump, a table of figures) costs a bounded amount of work and HTML; the rest is one link away as
plain text (`/article/<id>.txt`) or JSON (`/api/articles/<id>`)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template, request

from ..common import archive, error_page, lang, t, url
from ..diffs import MAX_WORDS, Labels
from ..errors import IndexUnavailable
from ..formatting import format_number
from ..history import choose, compare, version_texts
from ..params import SearchParams

bp = Blueprint("article", __name__)
log = logging.getLogger(__name__)


def paragraphs(body: str) -> list[str]:
    """The stored body keeps one paragraph a line."""
    return [line.strip() for line in body.split("\n") if line.strip()]


def shown_part(body: str, limit: int) -> str:
    """The first `limit` characters of `body`, cut at a paragraph end (or else a space) near the limit."""
    if len(body) <= limit:
        return body
    cut = body[:limit]
    for separator in ("\n", " "):
        end = cut.rfind(separator)
        if end >= limit * 0.8:
            return cut[:end]
    return cut


def back_link() -> str | None:
    """The results page the reader came from (same site only), for 'back to results'."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or parts.path != "/":
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def highlighted(title: str, body_paragraphs: list[str], query: str) -> dict | None:
    """The title and paragraphs with the query's words in <mark> (escaped HTML), for a reader who
    came from a search: where each word stands in a long article is what they look for first."""
    body_html = archive().highlight("\n".join(body_paragraphs), query) if query else None
    if body_html is None:
        return None
    body = body_html.split("\n")  # one text: marks never cross a line
    title_html = (archive().highlight(title, query) or "") if title else ""
    first = next((i for i, p in enumerate(body) if "<mark>" in p), None)
    return {"query": query, "title": title_html, "paragraphs": body, "first": first,
            "count": title_html.count("<mark>") + sum(p.count("<mark>") for p in body)}


def _readable(article_id: int):
    """(the stored article, None), or (None, the 404 or 410 page saying why it cannot be read)."""
    stored = archive().article(article_id)
    if stored is None:
        return None, error_page(404, "not_found_title", t("article_not_found", id=article_id))
    if stored.deleted:
        return None, error_page(410, "not_found_title", t("article_deleted", id=article_id))
    return stored, None


def _copies(article_id: int) -> list:
    """The article's near-identical copies, itself included (issue 14, point 6); [] without an index."""
    try:
        return archive().copies(article_id)
    except IndexUnavailable:
        return []
    except Exception:  # a bonus like "more like this": never lose the article over it
        log.exception("copies failed for article %s", article_id)
        return []


@bp.get("/article/<int:article_id>")
def show(article_id: int):
    stored, missing = _readable(article_id)
    if missing is not None:
        return missing
    try:
        similar = archive().more_like_this(article_id, limit=5)
    except IndexUnavailable:
        similar = []
    except Exception:  # "more like this" is a bonus: never lose the article over it
        log.exception("more_like_this failed for article %s", article_id)
        similar = []
    copies = _copies(article_id)
    web = current_app.config["WEB"]
    query = (request.args.get("q") or "").strip()[:web.max_query_length]
    body = stored.article.body
    shown = shown_part(body, web.max_article_chars)
    text = paragraphs(shown)
    cut = {"shown": len(shown), "total": len(body)} if len(shown) < len(body) else None
    versions = archive().versions(article_id)
    texts = version_texts(stored, versions)
    choice = choose(texts, request.args)
    comparison = compare(article_id, choice, diff_labels(), lang()) if choice else None
    return render_template("article.html", stored=stored, article=stored.article, paragraphs=text, cut=cut,
                           marks=highlighted(stored.article.title, text, query),
                           versions=versions, similar=similar, texts=texts, choice=choice,
                           comparison=comparison, diff_limit=MAX_WORDS, query=query,
                           copies=copies, this_copy=next((hit for hit in copies if hit.id == article_id), None),
                           back=back_link() or (url("search.index", q=query) if query else None),
                           params_for_box=SearchParams(q=query, default_per_page=web.per_page, per_page=web.per_page))


def diff_labels() -> Labels:
    """The words of a diff's markup in the page's language."""
    current = lang()
    return Labels(t("diff_added"), t("diff_removed"), lambda n: t("diff_folded", count=format_number(n, current)))


@bp.get("/article/<int:article_id>.txt")
def plain_text(article_id: int):
    """The whole article as plain text: its title, a blank line, the body (one paragraph a line)."""
    stored, missing = _readable(article_id)
    if missing is not None:
        return missing
    return Response(f"{stored.article.title}\n\n{stored.article.body}\n", mimetype="text/plain; charset=utf-8")
