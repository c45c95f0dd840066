"""The article page (`/article/<id>`): the cleaned text, its provenance, and more like it."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, render_template, request

from ..pages import archive, error_page, t
from ..params import SearchParams
from ..service import IndexUnavailable

bp = Blueprint("article", __name__)
log = logging.getLogger(__name__)


def paragraphs(body: str) -> list[str]:
    """The stored body keeps one paragraph a line."""
    return [line.strip() for line in body.split("\n") if line.strip()]


def back_link() -> str | None:
    """The results page the reader came from (same site only), for 'back to results'."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or parts.path != "/":
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


@bp.get("/article/<int:article_id>")
def show(article_id: int):
    stored = archive().article(article_id)
    if stored is None:
        return error_page(404, "not_found_title", t("article_not_found", id=article_id))
    if stored.deleted:
        return error_page(410, "not_found_title", t("article_deleted", id=article_id))
    try:
        similar = archive().more_like_this(article_id, limit=5)
    except IndexUnavailable:
        similar = []
    except Exception:  # "more like this" is a bonus: never lose the article over it
        log.exception("more_like_this failed for article %s", article_id)
        similar = []
    return render_template("article.html", stored=stored, article=stored.article,
                           paragraphs=paragraphs(stored.article.body), versions=archive().versions(article_id),
                           similar=similar, back=back_link(),
                           params_for_box=SearchParams(default_per_page=current_app.config["WEB"].per_page,
                                                       per_page=current_app.config["WEB"].per_page))
