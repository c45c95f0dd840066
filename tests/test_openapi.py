"""The OpenAPI document (webui/openapi.py): it describes every /api route of the app, nothing that is
not one, it is a valid OpenAPI 3.1 document, and the server hands it out with its own limits.
What the real server answers is checked against it in test_openapi_live.py (schemathesis)."""

from __future__ import annotations

import re

import jsonschema_rs  # schemathesis's JSON Schema engine (installed with the test extra)
import pytest
import schemathesis
from flask import Blueprint, jsonify

from webui import create_app
from webui.openapi import DATE_PARAMS, OPERATIONS, build_document, operation, query
from webui.openapi_schemas import fixed
from webui.settings import WebSettings

_VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")   # <int:article_id> → {article_id}
_IGNORED_METHODS = {"HEAD", "OPTIONS"}                # werkzeug adds them to every GET route


def api_routes(app) -> dict[str, set[str]]:
    """Every /api route of the app as an OpenAPI path, with its methods in lower case."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = _VARIABLE.sub(r"{\1}", rule.rule)
            routes.setdefault(path, set()).update(m.lower() for m in rule.methods - _IGNORED_METHODS)
    return routes


def undescribed(app, document: dict) -> list[str]:
    """What the app serves under /api and the document lacks, and what the document names that the app
    does not serve: "METHOD path" each, empty when they agree."""
    routes = api_routes(app)
    paths = document["paths"]
    missing = [f"{m.upper()} {p}" for p, methods in routes.items() for m in sorted(methods)
               if m not in paths.get(p, {})]
    extra = [f"{m.upper()} {p} (documented, not served)" for p, ops in paths.items()
             for m in ops if m not in routes.get(p, set())]
    return missing + extra


@pytest.fixture
def app(tmp_path):
    app = create_app(store_path=tmp_path / "articles.sqlite3", index_dir=tmp_path / "index",
                     web=WebSettings(max_per_page=37, max_query_length=123))
    yield app
    app.extensions["khobao.archive"].close()


def test_every_api_route_is_in_the_document_and_nothing_else(app):
    assert api_routes(app), "the app has no /api routes: the url_map reading is broken"
    assert undescribed(app, build_document(app.config["WEB"])) == [], \
        "add the route's entry to OPERATIONS in webui/openapi.py (its docstring shows how)"


def test_a_new_api_route_without_an_entry_is_caught(app):
    extra = Blueprint("extra", __name__, url_prefix="/api")
    extra.add_url_rule("/trends/<path:topic>", "trends", lambda topic: jsonify({}))
    app.register_blueprint(extra)
    document = build_document(app.config["WEB"])
    assert undescribed(app, document) == ["GET /api/trends/{topic}"]
    document["paths"]["/api/removed"] = {"get": {}}
    assert "GET /api/removed (documented, not served)" in undescribed(app, document)


def test_the_recipe_for_a_new_endpoint_works(app):
    """What webui/openapi.py's docstring tells the next endpoint to write, written."""
    extra = Blueprint("extra", __name__, url_prefix="/api")
    extra.add_url_rule("/trends", "trends", lambda: jsonify({}))
    app.register_blueprint(extra)
    document = build_document(app.config["WEB"])
    document["paths"]["/api/trends"] = operation(
        "Attention over time", "Counts per period for up to five queries, zero-filled.",
        params=(query("q", {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
                      "One query per series; repeat it.", style="form", explode=True),
                query("by", {"type": "string", "enum": ["day", "week", "month", "year"]}, "The period."),
                "source", *DATE_PARAMS, "lang"),
        answer="Trends", errors=(400, 503))
    document["components"]["schemas"]["Trends"] = fixed({"series": {"type": "array"}})
    assert undescribed(app, document) == []
    schemathesis.openapi.from_dict(document).validate()


def test_the_document_is_valid_openapi_3_1():
    document = build_document(WebSettings())
    loaded = schemathesis.openapi.from_dict(document)
    loaded.validate()                               # the OpenAPI 3.1 meta-schema
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert {(op.method.lower(), op.path) for op in operations} == {("get", p) for p in OPERATIONS}
    for name, schema in document["components"]["schemas"].items():
        jsonschema_rs.meta.validate(schema)         # each answer's schema is valid JSON Schema 2020-12
    for name, parameter in document["components"]["parameters"].items():
        assert parameter["name"] == name
        jsonschema_rs.meta.validate(parameter["schema"])


def test_a_broken_document_is_refused_by_the_validation():
    document = build_document(WebSettings())
    document["paths"]["/api/search"]["get"]["responses"]["200"] = {"content": {}}   # no description: invalid
    with pytest.raises(jsonschema_rs.ValidationError):
        schemathesis.openapi.from_dict(document).validate()


def test_the_server_serves_the_document_with_its_own_limits(app):
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    served = response.get_json()
    assert served["openapi"].startswith("3.1.")
    parameters = served["components"]["parameters"]
    assert parameters["per_page"]["schema"]["maximum"] == 37
    assert parameters["q"]["schema"]["maxLength"] == 123
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "newest", "oldest"]
    error = served["components"]["schemas"]["Error"]
    assert error["additionalProperties"] is False and set(error["required"]) == {"error", "status"}


def test_the_help_page_links_to_the_document(app):
    for lang in ("vi", "en"):
        page = app.test_client().get("/help", query_string={"lang": lang}).get_data(as_text=True)
        assert 'href="/api/openapi.json' in page, lang
