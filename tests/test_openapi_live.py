"""schemathesis checks /api/openapi.json against a real server: the app on 127.0.0.1 (waitress) over a
small real archive (tests/webui_corpus.py), the document loaded from the server's own URL, and for every
operation a bounded, derandomized set of generated requests (valid and invalid parameters) whose answers
must be documented statuses, with the documented content type and schema, and never a 5xx. A reader's
requests (real words, so hits, facets, notes and the cache are filled) get the same checks.

Two more tests hand a single request to a server broken on purpose (a field's type drifted; a 500) and
require the same checks to fail, so a green run means something.

The cases come from `operation.as_strategy()` under our own hypothesis settings rather than from
`schemathesis.pytest.from_fixture`, whose test runner fails on pytest 9 (it sets `Node._nodeid`)."""

from __future__ import annotations

import json

import pytest
import requests
import schemathesis
from flask import request
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from live_app import live_client
from webui import create_app
from webui.openapi import OPERATIONS
from webui.settings import WebSettings
from webui_corpus import build_archive

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
BOUNDED = settings(max_examples=50, deadline=None, derandomize=True, database=None,   # the same cases every run
                   suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.shrink])
TIMEOUT = 30   # seconds for one request; no check here is about speed


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("openapi") / "data")


def start(archive, fault=None):
    """The real app over the archive, optionally with a fault put in: `fault(app)` adds a request hook."""
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir, web=WebSettings(max_per_page=50),
                     test_config={"TESTING": False})
    if fault is not None:
        fault(app)
    return app


@pytest.fixture(scope="module")
def server(archive):
    """The base URL of a real server of the app (closed, sockets and all, after the module)."""
    app = start(archive)
    try:
        with live_client(app) as http:
            yield str(http.base_url).rstrip("/")
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def session():
    with requests.Session() as http:
        http.headers["Connection"] = "close"    # nothing left open when the server stops
        yield http


@pytest.fixture(scope="module")
def served_schema(server):
    """The document as the server serves it, requests aimed at that server."""
    loaded = schemathesis.openapi.from_url(f"{server}/api/openapi.json", timeout=TIMEOUT)
    loaded.config.update(base_url=server)
    return loaded


# every operation with valid parameters, and those with parameters with wrong ones too
RUNS = [pytest.param(path, mode, id=f"{path}-{mode.value}") for path, methods in OPERATIONS.items()
        for mode in GenerationMode if mode is GenerationMode.POSITIVE or methods["get"]["parameters"]]


@pytest.mark.parametrize("path, mode", RUNS)
def test_every_answer_matches_the_document(served_schema, session, path, mode):
    operation = served_schema[path]["GET"]

    @BOUNDED
    @given(case=operation.as_strategy(mode))
    def answer_matches(case):
        case.call_and_validate(session=session, checks=CHECKS, timeout=TIMEOUT)

    answer_matches()


# Requests a reader makes, so that every field of the answers is seen filled at least once (hits with
# snippets, facets down to days, a suggestion, notes, the cache, versions, a removed article, errors).
SEARCHES = [
    {"q": "hà nội"}, {"q": "ha noi", "lang": "en"}, {"q": "hà nội"},   # the second "hà nội": from the cache
    {"q": '"kinh tế"', "sort": "newest", "per_page": 50}, {"q": "thu tuong -covid", "loose": "1"},
    {"q": "hà nội", "page": 2, "per_page": 5}, {"q": "(lũ OR bão", "sort": "oldest"}, {"q": "title:"},
    {"q": "", "year": 2020}, {"q": "", "month": "2020-10"}, {"q": "giá xăng", "day": "2020-10-13"},
    {"q": "hà nội", "source": ["thoidai", "songmoi"], "from": "01/01/2019", "to": "2021-12-31"},
    {"q": "xyzzy"}, {"q": "hà nội", "page": 999}, {"q": "hoà bình"}, {"q": "Điện Biên Phủ"},
    {"q": "hà nội", "from": "31/02/2020"}, {"q": "hà nội", "per_page": 51}, {"q": "hà nội", "sort": "mới"},
    {"q": "x" * 600}, {"month": "2020-13"}, {"from": "2021-01-01", "to": "2020-01-01"},
]


def test_readers_requests_match_the_document(archive, served_schema, session):
    search = served_schema["/api/search"]["GET"]
    answers = [search.Case(query=query).call_and_validate(session=session, checks=CHECKS, timeout=TIMEOUT)
               for query in SEARCHES]
    found = [a.json() for a in answers if a.status_code == 200]
    statuses = [a.status_code for a in answers]
    assert statuses == [200] * 16 + [400] * 6, statuses   # the list does what it says
    for key in ("hits", "suggestion", "notes", "read_as", "cached"):
        assert any(page.get(key) for page in found), key
    assert any(page["facets"]["day"] for page in found) and any(page["facets"]["year"] for page in found)
    article = served_schema["/api/articles/{article_id}"]["GET"]
    ids = [*archive.ids.values(), archive.ids["deleted"], 999_999]
    statuses = [article.Case(path_parameters={"article_id": n}).call_and_validate(
        session=session, checks=CHECKS, timeout=TIMEOUT).status_code for n in ids]
    assert {200, 404, 410} <= set(statuses), statuses
    served_schema["/api/openapi.json"]["GET"].Case().call_and_validate(session=session, checks=CHECKS, timeout=TIMEOUT)


RESEARCH = [   # the researcher's endpoints and filters, each with something to show
    ("/api/trends", {"q": ["hà nội", "kinh tế"]}), ("/api/trends", {"q": ["ha noi"], "by": "week", "year": 2020}),
    ("/api/kwic", {"q": "hà nội"}), ("/api/kwic", {"q": "ha noi", "sort": "left"}),
    ("/api/search", {"q": "", "edited": "1"}), ("/api/search", {"q": "hà nội", "collapse": "1"}),
]


def test_the_research_endpoints_answers_match_the_document(served_schema, session):
    answers = [served_schema[path]["GET"].Case(query=query).call_and_validate(
        session=session, checks=CHECKS, timeout=TIMEOUT).json() for path, query in RESEARCH]
    trends, weekly, kwic, by_word, edited, collapsed = answers
    assert len(trends["series"]) == 2 and any(trends["series"][0]["counts"]) and weekly["by"] == "week"
    assert kwic["lines"] and kwic["articles"] and by_word["window"] and by_word["order"] == "left"
    assert edited["total"] >= 1 and collapsed["counting"] == "stories"


# -- the checks above can fail ---------------------------------------------------------------------

def _total_as_text(app):
    """A drift: /api/search's `total` written as a string."""
    @app.after_request
    def drift(response):
        if request.path == "/api/search" and response.status_code == 200:
            answer = json.loads(response.get_data())
            answer["total"] = str(answer["total"])
            response.set_data(json.dumps(answer))
        return response


def _server_error(app):
    """A crash: /api/search raises, and the app's own error handler answers 500 as for any exception."""
    @app.before_request
    def crash():
        if request.path == "/api/search":
            raise RuntimeError("broken on purpose")


@pytest.mark.parametrize("fault, expected", [(_total_as_text, "Response violates schema"),
                                             (_server_error, "Server error")])
def test_a_broken_server_fails_the_checks(archive, session, fault, expected):
    app = start(archive, fault)
    try:
        with live_client(app) as http:
            base = str(http.base_url).rstrip("/")
            loaded = schemathesis.openapi.from_url(f"{base}/api/openapi.json", timeout=TIMEOUT)
            loaded.config.update(base_url=base)
            case = loaded["/api/search"]["GET"].Case(query={"q": "hà nội"})
            with pytest.raises(FailureGroup) as failed:
                case.call_and_validate(session=session, checks=CHECKS, timeout=TIMEOUT)
    finally:
        app.extensions["khobao.archive"].close()
    assert expected in str(failed.value), str(failed.value)
