"""What every page shares: the language, template helpers, the archive, and friendly error pages."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from flask import Flask, current_app, g, jsonify, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from .formatting import format_date, format_datetime, format_local, format_number
from .i18n import choose_language, translate
from .service import Archive

log = logging.getLogger(__name__)

_MARK_TAG = re.compile(r"</?mark>")


def archive() -> Archive:
    return current_app.extensions["khobao.archive"]


def lang() -> str:
    return getattr(g, "lang", "vi")


def t(key: str, **values) -> str:
    return translate(lang(), key, **values)


def url(endpoint: str, **values) -> str:
    """url_for that keeps the chosen language, so English stays one click away and stays put.

    The search page's and the article page's links are written directly: a results page has
    dozens of them, and url_for's generality costs more than the rest of the page's markup."""
    if lang() != "vi":
        values.setdefault("lang", lang())
    if endpoint == "search.index":
        query = urlencode(values, doseq=True)
        return request.script_root + "/" + ("?" + query if query else "")
    if endpoint == "article.show":
        article_id = int(values.pop("article_id"))
        query = urlencode(values, doseq=True)
        return f"{request.script_root}/article/{article_id}" + ("?" + query if query else "")
    return url_for(endpoint, **values)


def switch_language_url() -> str:
    """This very page in the other language."""
    args = request.args.to_dict(flat=False)
    if lang() == "vi":
        args["lang"] = ["en"]
    else:
        args.pop("lang", None)
    return url_for(request.endpoint or "search.index", **(request.view_args or {}), **args)


def trusted_marks(html: str) -> Markup:
    """Snippets from the search API are escaped text with <mark> tags. Trust exactly that shape;
    anything else is escaped whole, so a bug upstream can never inject markup here."""
    if "<" in _MARK_TAG.sub("", html) or ">" in _MARK_TAG.sub("", html):
        return escape(html)
    return Markup(html)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_page(status: int, title_key: str, message: str):
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, title=t(title_key), message=message), status


def init_app(app: Flask) -> None:
    @app.before_request
    def _choose_language():
        g.lang = choose_language(request.args.get("lang"))

    @app.context_processor
    def _helpers():
        return dict(t=t, url=url, lang=lang(), switch_language_url=switch_language_url,
                    trusted_marks=trusted_marks, site_name=translate(lang(), "site_name"))

    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_local, "local_time")
    app.add_template_filter(lambda n: format_number(n, lang()), "number")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code == 404:
            return error_page(404, "not_found_title", exc.description if wants_json() else t("not_found_text"))
        return error_page(exc.code or 500, "error_title", exc.description or exc.name)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_page(500, "error_title", t("server_error_text"))
