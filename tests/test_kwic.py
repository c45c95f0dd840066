"""Keyword in context over a real store and Whoosh index: the engine's match spans (what the search
highlights), pages by date, source and the word beside the match, the sort window and its message,
the CSV and JSON, through the real app on a real server."""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import SearchRequest, open_engine
from live_app import live_client
from store import ArticleStore
from webui import create_app, kwic
from webui.kwic import WORD_ORDERS, WindowCache, all_lines, kwic_page, source_order
from webui.kwic_lines import Article, Line, article_text, fold_word, sort_key
from webui.params import SearchParams
from webui.service import Archive
from webui.views.kwic import csv_rows
from webui_corpus import BuiltArchive, build_archive

HANOI = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuiltArchive:
    return build_archive(tmp_path_factory.mktemp("kwic") / "data")


@pytest.fixture(scope="module")
def source(built):
    archive = Archive(built.store_path, built.index_dir)
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def engine(built):
    with open_engine(built.index_dir) as engine:
        engine.refresh()
        yield engine


def texts_of(built) -> list[str]:
    with ArticleStore(built.store_path, read_only=True) as store:
        return [article_text(s.article.title, s.article.body) for s in store.all_articles() if not s.deleted]


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """The spans as the highlight's HTML would mark them."""
    out, cursor = [], 0
    for s, e in spans:
        out += [html.escape(text[cursor:s]), f"<mark>{html.escape(text[s:e])}</mark>"]
        cursor = e
    return "".join(out) + html.escape(text[cursor:])


QUERIES = ("ha noi", "Hà Nội", "hoà bình", "hòa bình", unicodedata.normalize("NFD", "hoà bình"), "da nang",
           "Đà Nẵng", '"kinh tế"', "thủ tướng -covid", "khởi công", "mưa lũ miền trung", "title:giáo dục", "-ha")


@pytest.mark.parametrize("query", QUERIES)
def test_match_spans_are_exactly_what_the_search_highlights(built, engine, query):
    texts = texts_of(built)
    spans = engine.match_spans(texts, query)
    assert len(spans) == len(texts)
    for text, found in zip(texts, spans):
        expected = engine.highlight(text, query)
        assert marked(text, found) == (expected if expected is not None else html.escape(text))
    if query != "-ha":
        assert any(spans)


def words_found(engine, text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in engine.match_spans([text], query)[0]]


def test_folding_and_tone_placement_as_in_search(engine):
    text = "Bàn về hoà bình. Giữ gìn hòa bình. Hoá đơn bình thường. Đà Nẵng, da nâng."
    for query in ("hoa binh", "hoà bình", "hòa bình", unicodedata.normalize("NFD", "hòa bình"), "HOÀ BÌNH"):
        assert words_found(engine, text, query) == ["hoà bình", "hòa bình"], query
    assert words_found(engine, text, "hoá bình") == []          # an accented query does not match other tones
    assert words_found(engine, text, "đà nẵng") == ["Đà Nẵng"]
    assert words_found(engine, text, "da nang") == ["Đà Nẵng", "da nâng"]   # unaccented matches every accent
    assert words_found(engine, "Ông Hà về Hà Nội, nội dung mới.", "ha noi") == ["Hà Nội"]   # a word as a word
    assert engine.match_spans(["Hà Nội"], "") == [[]]


def params(q: str, **changes) -> SearchParams:
    return replace(SearchParams(q=q), **changes)


def everything(source, q: str, order: str, **changes) -> list[Line]:
    return list(all_lines(source, params(q, **changes), order, {}, cap=10**6, window=10**6))


def articles_of(lines: list[Line]) -> list[int]:
    return list(dict.fromkeys(line.article.id for line in lines))


def test_pages_by_date_walk_the_match_set_article_by_article(source):
    total = source.search(SearchRequest("ha noi", per_page=1)).total
    assert total > 8
    for order in ("newest", "oldest"):
        seen: list[Line] = []
        first = kwic_page(source, params("ha noi"), order, {}, articles_per_page=4)
        assert first.pages == -(-total // 4) and first.total_articles == total
        for number in range(1, first.pages + 1):
            page = kwic_page(source, params("ha noi", page=number), order, {}, articles_per_page=4)
            ids = articles_of(page.lines)
            assert len(ids) == page.last_article - page.first_article + 1 == min(4, total - (number - 1) * 4)
            seen += page.lines
        stamps = [line.article.published for line in seen]
        assert stamps == sorted(stamps, reverse=order == "newest")
        assert len(articles_of(seen)) == total
        assert seen == everything(source, "ha noi", order)   # the CSV walks the same way
        assert all(line.match == "Hà Nội" for line in seen)
    past = kwic_page(source, params("ha noi", page=99), "newest", {}, articles_per_page=4)
    assert past.lines == [] and past.page > past.pages


def test_pages_by_source_group_the_sources_by_label_newest_first_within(source):
    labels = {"thoidai": "Thời Đại", "songmoi": "Sống Mới", "langque": "Làng Quê"}
    lines: list[Line] = []
    page = kwic_page(source, params("ha noi"), "source", labels, articles_per_page=5)
    for number in range(1, page.pages + 1):
        lines += kwic_page(source, params("ha noi", page=number), "source", labels, articles_per_page=5).lines
    sources = [line.article.source for line in lines]
    assert list(dict.fromkeys(sources)) == ["langque", "songmoi", "thoidai"]   # Làng, Sống, Thời
    assert sources == sorted(sources, key=["langque", "songmoi", "thoidai"].index)
    for name in set(sources):
        stamps = [line.article.published for line in lines if line.article.source == name]
        assert stamps == sorted(stamps, reverse=True)
    assert len(articles_of(lines)) == page.total_articles
    assert source_order({"b": 1, "a": 1, "c": 1}, {"a": "Đà Nẵng", "b": "Cần Thơ", "c": "da lat"}) == ["b", "c", "a"]


@pytest.mark.parametrize("order", WORD_ORDERS)
def test_word_orders_sort_every_line_and_page_them(source, order):
    whole = kwic_page(source, params("ha noi"), order, {}, lines_per_page=1000)
    assert not whole.window_cut and whole.window == whole.total_articles
    keys = [sort_key(line, order)[:2] for line in whole.lines]
    assert keys == sorted(keys)
    paged: list[Line] = []
    first = kwic_page(source, params("ha noi"), order, {}, lines_per_page=7)
    assert first.pages == -(-len(whole.lines) // 7) and first.window_lines == len(whole.lines)
    for number in range(1, first.pages + 1):
        paged += kwic_page(source, params("ha noi", page=number), order, {}, lines_per_page=7).lines
    assert paged == whole.lines
    assert sorted(paged, key=lambda x: (x.article.id, x.start)) == \
        sorted(everything(source, "ha noi", "newest"), key=lambda x: (x.article.id, x.start))


def test_the_window_cuts_a_large_match_set_and_says_so(source):
    page = kwic_page(source, params("ha noi"), "left", {}, window=5)
    assert page.window_cut and page.window == 5 and page.total_articles > 5
    newest = [hit.id for hit in source.search(SearchRequest("ha noi", sort="newest", per_page=5)).hits]
    assert set(articles_of(page.lines)) == set(newest)
    assert not kwic_page(source, params("ha noi"), "newest", {}, window=5).window_cut   # dates walk them all


def test_any_slice_of_the_match_set_in_order(source):
    every = [hit.id for hit in source.search(SearchRequest("ha noi", sort="oldest", per_page=100)).hits]
    for offset, count in ((0, 1), (0, 18), (3, 5), (7, 4), (15, 10), (17, 1), (18, 3), (2, 0)):
        got = [hit.id for hit in kwic._slice(source, params("ha noi"), "oldest", offset, count)]
        assert got == every[offset:offset + count], (offset, count)


def test_the_window_cache_keeps_few_and_forgets_old_ones():
    cache = WindowCache(size=2, seconds=60)
    for key in "abc":
        cache.put((key,), ([], 1))
    assert cache.get(("a",)) is None and cache.get(("c",)) == ([], 1)
    stale = WindowCache(size=2, seconds=-1)   # everything is already too old
    stale.put(("a",), ([], 1))
    assert stale.get(("a",)) is None


def test_filters_narrow_the_lines(source):
    lines = everything(source, "ha noi", "newest", sources=("songmoi",))
    assert lines and {line.article.source for line in lines} == {"songmoi"}
    lines = everything(source, "ha noi", "newest", year=2019)
    assert lines and {line.article.published.year for line in lines} == {2019}


def test_csv_cells_are_spreadsheet_safe():
    article = Article(3, "=cmd|' /C calc'!A0", "thoidai", datetime(2020, 5, 1, tzinfo=HANOI), "https://x.vn/3")
    line = Line(article, "-2+3 ", "Hà Nội", " @SUM(1)", 0)
    body = "".join(csv_rows(iter([line]), "ha noi", {}, {"root": "http://h", "q": "q=ha+noi"}))
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][4] == "'=cmd|' /C calc'!A0" and rows[1][6] == "'-2+3 " and rows[1][8] == " @SUM(1)"
    assert rows[1][9] == "http://h/article/3?q=ha+noi"


# -- through the real app on a real server ------------------------------------------------------------

@pytest.fixture(scope="module")
def app(built):
    app = create_app(store_path=built.store_path, index_dir=built.index_dir,
                     test_config={"KWIC_SORT_WINDOW": 6, "KWIC_EXPORT_CAP": 5, "KWIC_ARTICLES_PER_PAGE": 20})
    yield app
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def http(app):
    with live_client(app) as client:
        yield client


def cells(body: str, name: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(rf'<td class="kwic-{name}">(.*?)</td>', body, re.S)]


def test_the_page_shows_aligned_lines_linking_to_their_articles(http):
    response = http.get("/kwic", params={"q": "hoa binh"})
    assert response.status_code == 200
    assert cells(response.text, "match") == ["hòa bình", "hòa bình", "hoà bình", "hoà bình"]   # 2021, then 2019
    links = re.findall(r'<td class="kwic-match"><a href="([^"]+)"', response.text)
    assert all(re.fullmatch(r"/article/\d+\?q=hoa\+binh", link) for link in links)
    article = http.get(links[0])
    assert article.status_code == 200 and "<mark>" in article.text
    assert cells(response.text, "left")[:3] == ["Thanh niên chung tay giữ gìn", "Diễn đàn thanh niên bàn cách lan toả thông điệp", "Hội nghị bàn về"]


def test_the_window_message_in_both_languages(http):
    vi = http.get("/kwic", params={"q": "ha noi", "sort": "left"}).text
    assert "Đã sắp xếp các dòng của 6 bài mới nhất trên tổng số 18 bài" in vi
    en = http.get("/kwic", params={"q": "ha noi", "sort": "left", "lang": "en"}).text
    assert "Sorted among the lines of the newest 6 of 18 articles; narrow the search to sort them all." in en
    assert "narrow the search" not in http.get("/kwic", params={"q": "ha noi", "lang": "en"}).text
    narrowed = http.get("/kwic", params={"q": "ha noi", "sort": "left", "lang": "en", "year": "2019"}).text
    assert "narrow the search" not in narrowed and "sorted by the word to the left" in narrowed


def test_sort_links_keep_the_query_and_filters(http):
    body = http.get("/kwic", params={"q": "ha noi", "source": "songmoi", "from": "01/01/2016"}).text
    links = dict(re.findall(r'<a href="([^"]+)" data-sort="(\w+)"', body))
    by_sort = {sort: parse_qs(urlsplit(html.unescape(link)).query) for link, sort in links.items()}
    assert set(by_sort) == {"oldest", "source", "left", "right"}
    for sort, args in by_sort.items():
        assert args == {"q": ["ha noi"], "source": ["songmoi"], "from": ["2016-01-01"], "sort": [sort]}


def test_bad_input_gets_one_clear_line(http):
    response = http.get("/kwic", params={"q": "ha noi", "sort": "bogus"})
    assert response.status_code == 400
    assert "The order must be" not in response.text and "nhận được “bogus”" in response.text
    api = http.get("/api/kwic", params={"q": "ha noi", "sort": "bogus"})
    assert api.status_code == 400
    assert api.json()["error"] == "The order must be newest, oldest, source, left or right, not “bogus”."
    assert http.get("/api/kwic").status_code == 400
    assert http.get("/kwic", params={"q": "ha noi", "from": "31/02/2020"}).status_code == 400
    assert http.get("/kwic").status_code == 200   # no query yet: the form and what it does
    past = http.get("/kwic", params={"q": "ha noi", "page": "40", "lang": "en"}).text
    assert '<p class="note"><a href="/kwic?q=ha+noi&amp;lang=en">' in past and "Lines of articles" not in past


def test_no_articles_and_no_words_to_find_say_so(http):
    none = http.get("/kwic", params={"q": "xyzzyq", "lang": "en"})
    assert none.status_code == 200 and "No article holds “xyzzyq”." in none.text
    excluded = http.get("/kwic", params={"q": "-ha", "lang": "en"})   # articles, but no word to show them by
    assert excluded.status_code == 200 and "No lines: the query has no words to find in the text" in excluded.text
    assert "<table" not in excluded.text


def test_the_json_api(http):
    answer = http.get("/api/kwic", params={"q": "ha noi", "sort": "right"}).json()
    assert set(answer) == {"query", "order", "page", "pages", "total_articles", "articles", "window", "lines"}
    assert answer["window"] == {"articles": 6, "lines": answer["window"]["lines"], "cut": True}
    assert answer["articles"] is None and answer["order"] == "right" and answer["page"] == answer["pages"] == 1
    line = answer["lines"][0]
    assert set(line) == {"id", "published", "source", "source_label", "title", "url", "article", "left", "match",
                         "right", "in_title"}
    dated = http.get("/api/kwic", params={"q": "ha noi"}).json()
    assert dated["window"] is None and dated["articles"] == {"first": 1, "last": 18}
    assert [fold_word(x["match"]) for x in dated["lines"]] == ["ha noi"] * len(dated["lines"])


def test_csv_export_streams_every_line_up_to_the_cap(http):
    response = http.get("/kwic.csv", params={"q": "ha noi"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"khobao-kwic-ha-noi.csv\"; filename*=UTF-8''khobao-kwic-ha-noi.csv")
    assert response.headers["x-line-cap"] == "5" and response.headers["x-total-count"] == "18"
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(rows) == 5 and {row["match"] for row in rows} == {"Hà Nội"}
    assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+/article/\d+\?q=ha\+noi", row["article"]) for row in rows)
    accented = http.get("/kwic.csv", params={"q": "hòa bình", "sort": "oldest"})
    assert "filename*=UTF-8''khobao-kwic-h%C3%B2a-b%C3%ACnh.csv" in accented.headers["content-disposition"]
    assert [row["match"] for row in csv.DictReader(io.StringIO(accented.text.lstrip("\ufeff")))] == \
        ["hoà bình", "hoà bình", "hòa bình", "hòa bình"]
    refused = http.get("/kwic.csv")   # in the export's own kind, as the other exports: one line of text
    assert refused.status_code == 400 and refused.headers["content-type"] == "text/plain; charset=utf-8"
    assert refused.text.count("\n") == 1 and "content-disposition" not in refused.headers
    page = http.get("/kwic", params={"q": "ha noi", "sort": "left", "lang": "en"}).text
    assert re.search(r'<a class="kwic-csv" href="/kwic.csv\?q=ha\+noi&amp;sort=left&amp;lang=en">CSV of the sorted', page)
    assert re.search(r'<a class="kwic-csv-all" href="/kwic.csv\?q=ha\+noi&amp;lang=en">CSV of every line, newest', page)


def test_the_search_page_and_the_nav_link_to_it(http):
    body = http.get("/", params={"q": "ha noi", "source": "songmoi", "sort": "newest"}).text
    link = html.unescape(re.search(r'<a class="kwic-link" href="([^"]+)"', body).group(1))
    assert urlsplit(link).path == "/kwic"
    assert parse_qs(urlsplit(link).query) == {"q": ["ha noi"], "source": ["songmoi"], "sort": ["newest"]}
    assert http.get(link).status_code == 200
    assert '<a class="nav-link" href="/kwic">' in http.get("/").text


def test_without_an_index_the_page_says_so(tmp_path):
    app = create_app(store_path=tmp_path / "none.sqlite3", index_dir=tmp_path / "index")
    try:
        with live_client(app) as client:
            assert client.get("/kwic", params={"q": "ha noi"}).status_code == 503
            assert client.get("/api/kwic", params={"q": "ha noi"}).status_code == 503
            assert client.get("/kwic.csv", params={"q": "ha noi"}).status_code == 503
    finally:
        app.extensions["khobao.archive"].close()
