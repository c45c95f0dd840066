"""Web UI: a small Flask application over the search API.

    app = create_app(settings)          # settings: anything with .store_path, .index_dir, .web
    app = create_app(store_path=..., index_dir=..., web=WebSettings())

One blueprint per feature: search pages (`/`), the article page (`/article/<id>`), the JSON API
(`/api/...`) and feeds and exports (`/feed.atom`, `/opensearch.xml`, `/export.csv`, `/export.jsonl`).
`webui.server` runs it under waitress (`khobao serve`).

What the other packages may use (`__all__`): `create_app`, `WebSettings` (the [web] table) with
`effective_workers` and `host_problem`; serving: `make_server`, `server_url`, `listen`,
`reserve_port`, `REUSE_PORT`, `GracefulServer`, `serve_workers` (several processes on one port).

Errors (errors.py): `WebError` ← `ParamError`, `IndexUnavailable`, `ServersExited`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from store import DEFAULT_DATA_DIR, DataDir

if TYPE_CHECKING:  # the same names for type checkers and readers
    from flask import Flask

    from .errors import IndexUnavailable, ParamError, ServersExited, WebError
    from .graceful import GracefulServer
    from .server import REUSE_PORT, listen, make_server, reserve_port, server_url
    from .settings import WebSettings, effective_workers, host_problem
    from .workers import serve_workers

_WHERE = {  # public name -> the module that defines it
    "IndexUnavailable": "errors",
    "ParamError": "errors",
    "ServersExited": "errors",
    "WebError": "errors",
    "GracefulServer": "graceful",
    "REUSE_PORT": "server",
    "listen": "server",
    "make_server": "server",
    "reserve_port": "server",
    "server_url": "server",
    "WebSettings": "settings",
    "effective_workers": "settings",
    "host_problem": "settings",
    "serve_workers": "workers",
}

__all__ = [
    "REUSE_PORT", "GracefulServer", "IndexUnavailable", "ParamError", "ServersExited", "WebError", "WebSettings",
    "create_app", "effective_workers", "host_problem", "listen", "make_server", "reserve_port", "serve_workers",
    "server_url",
]


def create_app(settings=None, *, store_path: str | Path | None = None, index_dir: str | Path | None = None,
               web: WebSettings | None = None, test_config: dict | None = None) -> Flask:
    """Build the application. `settings` is a khobao Settings (or any object with the same three
    attributes); the keyword arguments override it, and `test_config` updates app.config last."""
    from flask import Flask

    from . import common, security
    from .service import Archive
    from .settings import WebSettings
    from .views import api, article, feeds, kwic, search, trends

    default = DataDir(DEFAULT_DATA_DIR)
    store_path = Path(store_path or (settings.store_path if settings else default.store))
    index_dir = Path(index_dir or (settings.index_dir if settings else default.index))
    web = web or (settings.web if settings else WebSettings())

    app = Flask(__name__)
    app.config.update(
        WEB=web,
        STORE_PATH=store_path,
        INDEX_DIR=index_dir,
        REFRESH_INTERVAL=1.0,       # seconds between two checks for a changed index
        SEARCH_CACHE_SIZE=2000,     # recent result pages kept; 0 turns the cache off
        JSON_SORT_KEYS=False,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.config["SOURCE_LABELS"] = {s.name: s.label for s in getattr(settings, "sources", ()) if s.label}
    if test_config:
        app.config.update(test_config)

    app.extensions["khobao.archive"] = Archive(store_path, index_dir,
                                               refresh_interval=app.config["REFRESH_INTERVAL"],
                                               cache_size=app.config["SEARCH_CACHE_SIZE"])
    security.init_app(app)
    common.init_app(app)
    for blueprint in (search.bp, article.bp, api.bp, feeds.bp, trends.bp, kwic.bp):
        app.register_blueprint(blueprint)
    return app


def __getattr__(name: str):
    """The public names are imported on first use, so that `import webui.settings` (the
    command line's start) does not load the whole package."""
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
