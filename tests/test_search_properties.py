"""Property-based tests (hypothesis) over a small real archive: the query parser and search never
raise, totals equal the sums of their facets, and no URL makes the web UI answer 5xx (Flask test
client and a real waitress server). Examples are bounded and derandomized (the same every run, no
example database): the file runs in seconds and never flakes; the queries that once broke
something (hostile.KNOWN_BAD) are always among the examples."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile import KNOWN_BAD, hostile_query
from hostile import query_depth as depth
from indexer import open_engine
from indexer.api import SORTS, SearchRequest
from indexer.query import Note, parse
from indexer.settings import IndexSettings
from live_app import live_client
from store import Article, ArticleStore
from webui import create_app
from webui.notes import note_text
from webui.settings import WebSettings
from webui_corpus import generated_articles, special_articles

BOUNDED = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
UNDATED = 5
SOURCES = ("thoidai", "songmoi", "langque", "khongco", "THOIDAI", "")
WORDS = ("hà nội", "ha noi", "kinh tế", "thủ tướng", "mưa lũ", "hoà bình", "hòa bình", "khởi công", "giá xăng",
         "Điện Biên Phủ", "không ghi ngày", "xyzzy", "lũ OR bão", '"mưa lũ"', "-covid hà nội", "source:songmoi",
         "title:kinh tế", "*", "")


def undated_articles() -> list[Article]:
    """Articles without a publication date: the facets count them as "unknown"."""
    return [Article(url=f"https://songmoi.example.vn/khong-ngay/bai-{n}.html", source=SOURCES[n % 3],
                    title=f"Bài không ghi ngày số {n} về Hà Nội",
                    body=f"Bài số {n} kể chuyện mưa lũ ở Hà Nội, không ghi ngày đăng.",
                    fetched_at=datetime(2025, 1, 1, tzinfo=timezone.utc), http_status=200)
            for n in range(UNDATED)]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    data = tmp_path_factory.mktemp("properties") / "data"
    data.mkdir()
    with ArticleStore(data / "articles.sqlite3") as store:
        store.upsert_many(generated_articles() + [s.article for s in special_articles()] + undated_articles())
        with open_engine(data / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    return data


@pytest.fixture(scope="module")
def searcher(archive):
    with open_engine(archive / "index") as searcher:
        yield searcher


@pytest.fixture(scope="module")
def app(archive):
    data = archive
    app = create_app(store_path=data / "articles.sqlite3", index_dir=data / "index",
                     web=WebSettings(), test_config={"TESTING": False})
    yield app
    app.extensions["khobao.archive"].close()


# -- strategies ---------------------------------------------------------------------------------

hostile = st.randoms(use_true_random=False).map(lambda rng: hostile_query(rng, max_pieces=8))
nested = st.builds(lambda unit, times, tail: unit * times + tail,   # deep nesting: a recursion limit's test
                   st.sampled_from(["(", "- (", "NOT ", "-(", "((a OR ", "+(", '"', ")"]), st.integers(0, 700),
                   st.sampled_from(WORDS))
queries = st.one_of(st.sampled_from(WORDS), st.text(max_size=60), hostile, nested,
                    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join))
days = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                 st.dates(min_value=date(2014, 1, 1), max_value=date(2025, 12, 31)))
printable = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
PARAMS = ("q", "page", "per_page", "sort", "from", "to", "source", "year", "month", "lang")
param_values = st.one_of(
    printable, nested.map(lambda q: q[:500]), st.sampled_from(["", "0", "1", "2", "-1", "99999999999999999999", "1e3", " 3 ", "٣", "newest",
                                "relevance", "2020", "2020-13", "2020-02", "0000-01", "9999-12", "31/02/2020",
                                "2020-02-30", "2021-01-01", "01/01/2021", "nan", "songmoi", "\x00", "%"]),
    st.randoms(use_true_random=False).map(lambda rng: hostile_query(rng, surrogates=False, max_pieces=8)[:300]))
url_args = st.lists(st.tuples(st.sampled_from(PARAMS), param_values), max_size=8)
raw_bytes = st.binary(max_size=30).map(lambda b: quote_from_bytes(b, safe=""))
PATHS = ("/", "/api/search", "/export.csv", "/export.jsonl", "/feed.atom", "/article/1", "/article/2.txt", "/help",
         "/api/articles/3", "/article/0", "/article/99999999999999999999", "/opensearch.xml")


# -- the parser and the searcher ----------------------------------------------------------------

@BOUNDED
@given(text=st.one_of(st.text(), hostile, nested, st.text(alphabet='()"-+: ANDORNOT\u0301\ud800', max_size=2000)))
@example(text="(" * 400 + "hà nội")
@example(text="- (" * 400)
@example(text="\udcff\ud800 ha")
def test_the_parser_never_raises(text):
    parsed = parse(text)
    assert all(isinstance(note, Note) and note.text for note in parsed.notes)  # each text fills its template
    assert (note_text(parsed.notes, "vi") is None) == (not parsed.notes)       # and so does its Vietnamese
    assert len(parsed.terms) <= 64
    if parsed.root is not None:
        assert depth(parsed.root) <= 100


@BOUNDED
@given(query=queries, sources=st.lists(st.sampled_from(SOURCES), max_size=3), start=days, end=days,
       sort=st.sampled_from(SORTS), page=st.integers(1, 5), per_page=st.integers(1, 30),
       facets_only=st.booleans())
@example(query=KNOWN_BAD[1], sources=[], start=None, end=None, sort="relevance", page=1, per_page=10,
         facets_only=False)
@example(query='"noi noi \ud83d', sources=["songmoi"], start=date(2020, 1, 1), end=None, sort="newest", page=1,
         per_page=10, facets_only=False)
def test_search_never_raises_and_totals_equal_facet_sums(searcher, query, sources, start, end, sort, page,
                                                         per_page, facets_only):
    request = SearchRequest(query, sources=tuple(sources), date_from=start, date_to=end, sort=sort, page=page,
                            per_page=per_page, facets_only=facets_only)
    result = searcher.search(request)
    facets = result.facets.to_json()
    assert sum(facets["source"].values()) == result.total
    assert sum(facets["year"].values()) == result.total     # undated articles count as "unknown"
    assert sum(facets["month"].values()) == result.total
    assert facets["year"].get("unknown", 0) == facets["month"].get("unknown", 0)
    if not facets_only:
        assert len(result.hits) == max(0, min(per_page, result.total - (page - 1) * per_page))
    if start is not None or end is not None:
        assert "unknown" not in facets["year"] or (end is None and start is None)


def test_undated_articles_are_counted_as_unknown(searcher):
    page = searcher.search(SearchRequest("không ghi ngày"))
    assert page.facets.to_json()["year"].get("unknown") == UNDATED == page.facets.to_json()["month"].get("unknown")
    assert sum(page.facets.to_json()["year"].values()) == page.total == sum(page.facets.to_json()["source"].values())
    browse = searcher.search(SearchRequest(""))
    assert browse.facets.to_json()["year"]["unknown"] == UNDATED
    dated = searcher.search(SearchRequest("", date_from=date(2000, 1, 1)))
    assert "unknown" not in dated.facets.to_json()["year"] and dated.total == browse.total - UNDATED


# -- the web UI's URL parameters ----------------------------------------------------------------

def fetch(client, url: str) -> int:
    response = client.get(url)
    try:
        body = response.get_data()   # an export streams: an error would come while reading it
        if response.status_code == 200 and response.mimetype == "application/atom+xml":
            ET.fromstring(body)      # a feed reader reads nothing of a feed that is not well-formed
        return response.status_code
    finally:
        response.close()


@BOUNDED
@given(path=st.sampled_from(PATHS), args=url_args, raw=st.lists(st.tuples(st.sampled_from(PARAMS), raw_bytes),
                                                                   max_size=2))
@example(path="/", args=[("q", "(" * 400)], raw=[])
@example(path="/export.csv", args=[("q", "- (" * 160), ("page", "2")], raw=[("q", "%FF%FE")])
def test_url_parameters_never_give_a_server_error(app, path, args, raw):
    query = "&".join([urlencode(args)] + [f"{name}={value}" for name, value in raw]).strip("&")
    url = path + ("?" + query if query else "")
    assert fetch(app.test_client(), url) < 500, url


@pytest.fixture(scope="module")
def served(app):
    with live_client(app) as http:
        yield http


@settings(BOUNDED, max_examples=30)
@given(path=st.sampled_from(PATHS), args=url_args, raw=st.lists(st.tuples(st.sampled_from(PARAMS), raw_bytes),
                                                                   max_size=2))
def test_url_parameters_through_a_real_server(served, path, args, raw):
    query = "&".join([urlencode(args)] + [f"{name}={value}" for name, value in raw]).strip("&")
    url = path + ("?" + query if query else "")
    response = served.get(url)
    assert response.status_code < 500, (url, response.status_code)
