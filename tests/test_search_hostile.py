"""Hostile queries (tests/hostile.py) against the parser, the searcher and every web surface that
takes a query: answers, notes and 200/400, never an exception or a 500."""

from __future__ import annotations

import random

import pytest

from hostile import KNOWN_BAD, hostile_queries, hostile_search_args
from hostile import query_depth as depth
from indexer import open_engine
from indexer.api import SearchRequest
from indexer.query import MAX_DEPTH, And, Or, parse
from live_app import live_client
from webui import create_app
from webui.settings import WebSettings
from webui_corpus import build_archive

SURFACES = ("/", "/api/search", "/export.csv", "/export.jsonl", "/feed.atom")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def searcher(archive):
    with open_engine(archive.index_dir) as searcher:
        yield searcher


@pytest.fixture(scope="module")
def app(archive):
    # TESTING off: an exception becomes the app's own 500 page, as under `khobao serve`
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir, web=WebSettings(),
                     test_config={"TESTING": False})
    yield app
    app.extensions["khobao.archive"].close()


def test_deep_nesting_is_flattened_with_a_note():
    for text in ("(" * 400 + "hà nội", "(" * 400 + "hà nội" + ")" * 400, "- (" * 300 + "- (hà nội"):
        parsed = parse(text)
        assert any("flattened" in note.text for note in parsed.notes), parsed.notes
        assert depth(parsed.root) <= 3 * MAX_DEPTH
    assert parse("(" * 400 + "hà nội").root == parse("hà nội").root
    shallow = parse("((a OR b) c) -(d)")
    assert not any("flattened" in note.text for note in shallow.notes)
    # the parentheses closed after the flattened ones still group: (x OR y) stays one Or
    deep = parse("(" * 30 + "x OR y" + ")" * 30 + " z")
    assert isinstance(deep.root, And) and isinstance(deep.root.children[0], Or)


def test_stray_closing_parentheses_keep_the_tree_flat():
    parsed = parse("a OR ) " * 150 + "b")
    assert depth(parsed.root) <= 3


def test_the_parser_never_raises_on_hostile_queries():
    for text in [*KNOWN_BAD, *hostile_queries(seed=11, count=3000)]:
        parsed = parse(text)
        assert parsed.root is None or depth(parsed.root) <= 3 * MAX_DEPTH + 2


def test_undecodable_bytes_are_replaced_and_said(searcher):
    typed = "\udcff\udcfe hà nội \ud800"
    parsed = parse(typed)
    assert any("not UTF-8" in note.text for note in parsed.notes)
    assert [t.text for t in parsed.terms] == ["hà", "nội"]
    page = searcher.search(SearchRequest(typed))
    assert page.total == searcher.search(SearchRequest("hà nội")).total > 0
    assert "not UTF-8" in page.note
    for text in ('"noi noi \ud83d', "title:\udcff", "source:\ud800"):
        assert "not UTF-8" in searcher.search(SearchRequest(text)).note


def test_search_never_raises_on_hostile_queries(searcher):
    for text in [*KNOWN_BAD, *hostile_queries(seed=12, count=800)]:
        page = searcher.search(SearchRequest(text, per_page=5))
        assert page.total >= 0
        if page.total:
            assert sum(page.facets.to_json()["source"].values()) == page.total


@pytest.mark.parametrize("path", SURFACES + ("/article/{id}",))
def test_every_surface_answers_deep_nesting(app, archive, path):
    client = app.test_client()
    url = path.format(id=archive.ids["dbp"])
    for text in ("(" * 327, "(" * 400 + "hà nội", "- (" * 160 + "x", '"' * 499, "NOT " * 120 + "x"):
        response = client.get(url, query_string={"q": text})
        body = response.get_data(as_text=True)
        assert response.status_code == 200, (url, text[:20], body[:300])
        response.close()
    too_long = client.get(url, query_string={"q": "(" * 5000})
    assert too_long.status_code in (200, 400)   # the article page only cuts the query for highlighting
    too_long.close()


def test_the_feed_stays_well_formed_xml(app):
    import xml.etree.ElementTree as ET

    client = app.test_client()
    for text in ("hà nội \x1b", "x\x00y", "a\ufffe b", "\x7f\x85 hà nội \x0c", *hostile_queries(seed=14, count=60,
                                                                                          surrogates=False)):
        response = client.get("/feed.atom", query_string={"q": text})
        if response.status_code == 200:
            ET.fromstring(response.get_data())     # raises on a character XML forbids
        else:
            assert response.status_code == 400
        response.close()


def test_api_says_what_it_flattened(app):
    page = app.test_client().get("/api/search", query_string={"q": "(" * 400 + "hà nội"}).get_json()
    assert page["total"] > 0 and "flattened" in page["note"]


def test_hostile_queries_through_a_real_server(app, archive):
    """A bounded sample through waitress: status codes as a browser would get them."""
    rng = random.Random(5)
    paths = [*SURFACES, f"/article/{archive.ids['dbp']}"]
    queries = [*KNOWN_BAD[:6], *hostile_queries(seed=13, count=120, surrogates=False)]
    with live_client(app) as http:
        for text in queries:
            path = rng.choice(paths)
            response = http.get(path, params={"q": text})
            assert response.status_code in (200, 400), (path, text[:80], response.status_code)


def test_hostile_search_args_never_give_a_server_error(app):
    """The URL arguments the chaos bench mixes in (hostile.hostile_search_args)."""
    client, rng = app.test_client(), random.Random(8)
    for _ in range(150):
        path, args = rng.choice(SURFACES), hostile_search_args(rng)
        response = client.get(path, query_string=args)
        response.get_data()
        assert response.status_code in (200, 400), (path, args, response.status_code)
        response.close()


def test_the_search_page_says_what_it_flattened_in_both_languages(app):
    client = app.test_client()
    text = "(" * 60 + "hà nội"
    vietnamese = client.get("/", query_string={"q": text}).get_data(as_text=True)
    assert "lồng sâu quá 20 mức" in vietnamese
    english = client.get("/", query_string={"q": text, "lang": "en"}).get_data(as_text=True)
    assert "nested deeper than 20 levels were flattened" in english
