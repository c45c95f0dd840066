"""What every page shares: the language, template helpers, the archive, and friendly error pages."""

from __future__ import annotations

import logging
import re
import time
from functools import lru_cache, partial
from urllib.parse import quote_plus, urlencode

from flask import Flask, current_app, g, jsonify, render_template, request, url_for
from jinja2 import pass_context
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from .formatting import format_date, format_datetime, format_local, format_number
from .i18n import choose_language, translate
from .service import Archive

log = logging.getLogger(__name__)

_MARK_TAG = re.compile(r"</?mark>")
LABELS_REFRESH_SECONDS = 5.0


def archive() -> Archive:
    return current_app.extensions["khobao.archive"]


def lang() -> str:
    return getattr(g, "lang", "vi")


def t(key: str, **values) -> str:
    return translate(lang(), key, **values)


@lru_cache(maxsize=4096)
def _quote(text: str, safe="", encoding=None, errors=None) -> str:
    """quote_plus, remembered: a results page encodes the same query words in dozens of links."""
    return quote_plus(text, safe, encoding, errors)


def _fixed_paths() -> dict[str, str | None]:
    """Each endpoint's path when its route has no variables (`/`, `/export.csv`, ...), else None."""
    paths = current_app.extensions.get("khobao.fixed_paths")
    if paths is None:
        paths = {}
        for rule in current_app.url_map.iter_rules():
            fixed = not rule.arguments and paths.get(rule.endpoint, "") is not None
            paths[rule.endpoint] = rule.rule if fixed else None
        current_app.extensions["khobao.fixed_paths"] = paths
    return paths


class Links:
    """url_for for one page, keeping the chosen language so English stays one click away and put.

    Links to routes without variables, and to articles, are written directly: a results page has
    dozens of them, and url_for's generality costs more than the rest of the page's markup. The
    request's root, language and routes are looked up once, when the page starts rendering."""

    def __init__(self):
        self.root = request.script_root
        self.lang = lang()
        self.fixed = _fixed_paths()

    def __call__(self, endpoint: str, **values) -> str:
        if self.lang != "vi":
            values.setdefault("lang", self.lang)
        if endpoint == "article.show":
            path = f"/article/{int(values.pop('article_id'))}"
        else:
            path = self.fixed.get(endpoint)
            if path is None:
                return url_for(endpoint, **values)
        query = urlencode(values, doseq=True, quote_via=_quote)
        return self.root + path + ("?" + query if query else "")


def url(endpoint: str, **values) -> str:
    """A link from Python code (templates get one `Links` per page)."""
    return Links()(endpoint, **values)


@pass_context
def source_label_filter(context, name: str) -> str:
    """`|source_label` in templates: from the labels the page was given when it began rendering
    (a template rendered without the page helpers looks them up)."""
    labels = context.get("source_labels")
    return (labels if labels is not None else source_labels()).get(name) or name


def source_label(name: str) -> str:
    """A source's display label ("nhipsong" → "Nhịp Sống Việt"), or its name when nobody knows one."""
    return source_labels().get(name) or name


def source_labels() -> dict[str, str]:
    """Every known label: those of the config the server was started with, over those the store
    remembers (a crawl or import records the sources' labels)."""
    return {**_stored_labels(), **(current_app.config.get("SOURCE_LABELS") or {})}


def _stored_labels() -> dict[str, str]:
    """The store's labels, read at most every few seconds (crawls add sources while we serve)."""
    cache = current_app.extensions.setdefault("khobao.source_labels", {"at": 0.0, "labels": {}})
    now = time.monotonic()
    if now - cache["at"] > LABELS_REFRESH_SECONDS:
        cache["at"] = now
        try:
            cache["labels"] = archive().store().source_labels() if archive().store_path.exists() else {}
        except Exception:  # a busy or damaged store must not break a results page
            log.warning("could not read source labels from the store", exc_info=True)
    return cache["labels"]


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
        current = lang()
        return dict(t=partial(translate, current), url=Links(), lang=current, switch_language_url=switch_language_url,
                    trusted_marks=trusted_marks, site_name=translate(current, "site_name"), source_labels=source_labels())

    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_local, "local_time")
    app.add_template_filter(lambda n: format_number(n, lang()), "number")
    app.add_template_filter(source_label_filter, "source_label")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code == 404:
            return error_page(404, "not_found_title", exc.description if wants_json() else t("not_found_text"))
        return error_page(exc.code or 500, "error_title", exc.description or exc.name)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_page(500, "error_title", t("server_error_text"))
