"""Attention over time through the real app on a real server (waitress on 127.0.0.1) over a real
store and index: `Engine.day_counts`, the /trends page, its CSV and JSON, and bad input.

The invented archive of webui_corpus.py, plus two undated articles (one about the floods), so the
undated count has something to count."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import SearchRequest, open_engine
from indexer.settings import IndexSettings
from live_app import live_client
from store import Article, ArticleStore
from webui import create_app
from webui_corpus import BuiltArchive, build_archive

HANOI = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> BuiltArchive:
    built = build_archive(tmp_path_factory.mktemp("trends") / "data")
    with ArticleStore(built.store_path) as store:
        store.upsert_many([
            Article(url="https://langque.example.vn/thoi-su/mua-lu-khong-ngay.html", source="langque",
                    title="Mưa lũ miền Trung: bà con dựng lại nhà", body="Sau mưa lũ miền Trung, bà con dựng lại nhà."),
            Article(url="https://songmoi.example.vn/van-hoa/khong-ngay.html", source="songmoi",
                    title="Làng nghề gốm mở cửa đón khách", body="Làng nghề gốm mở cửa đón khách tham quan."),
        ])
        with open_engine(built.index_dir, IndexSettings(procs=1)) as engine:
            engine.update(store)
    return built


@pytest.fixture(scope="module")
def http(archive):
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir)
    try:
        with live_client(app) as client:
            yield client
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def engine(archive):
    with open_engine(archive.index_dir) as engine:
        yield engine


def total_of(html: str) -> int:
    return int(re.search(r'data-total="(\d+)"', html).group(1))


def rows(html: str) -> list[tuple[str, list[int], int]]:
    """The table: (period key, the series' counts, all articles) per row."""
    out = []
    for key, body in re.findall(r'<tr data-period="([^"]+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r"<td>(.*?)</td>", body, re.S)
        numbers = [int(re.sub(r"<[^>]+>|\(.*?\)|\s|\.", "", cell)) for cell in cells]
        out.append((key, numbers[:-1], numbers[-1]))
    return out


# -- the engine ------------------------------------------------------------------------------------

@pytest.mark.parametrize("request_", [
    SearchRequest("hà nội"), SearchRequest("ha noi"), SearchRequest("mưa lũ"), SearchRequest(""),
    SearchRequest("ha noi", sources=("thoidai",)), SearchRequest("", date_from=date(2018, 1, 1), date_to=date(2020, 12, 31)),
    SearchRequest("thủ tướng -covid"), SearchRequest("bão OR lũ"), SearchRequest("!!!"),
], ids=repr)
def test_day_counts_add_up_to_the_searchs_total_and_its_facets(engine, request_):
    days = engine.day_counts(request_)
    page = engine.search(SearchRequest(**{**vars(request_), "facets_only": True}))
    assert sum(days.values()) == page.total
    by_year: dict = {}
    for day, n in days.items():
        by_year[day.year if day else None] = by_year.get(day.year if day else None, 0) + n
    assert by_year == page.facets.years
    assert all(n > 0 for n in days.values())


def test_day_counts_count_the_undated_apart_and_follow_the_days(engine, archive):
    days = engine.day_counts(SearchRequest("mưa lũ miền Trung"))
    assert days == {None: 1, date(2020, 10, 10): 1, date(2020, 10, 13): 1, date(2020, 10, 16): 1}
    assert engine.day_counts(SearchRequest(""))[None] == 2
    dated = engine.day_counts(SearchRequest("mưa lũ", date_from=date(2020, 10, 11), date_to=date(2020, 10, 31)))
    assert dated == {date(2020, 10, 13): 1, date(2020, 10, 16): 1}


# -- the page ----------------------------------------------------------------------------------------

def test_two_queries_chart_and_table_agree_with_the_search(http):
    response = http.get("/trends", params=[("q", "ha noi"), ("q", "mưa lũ"), ("by", "year")])
    assert response.status_code == 200
    html = response.text
    assert html.count('<g class="series') == 2 and html.count("<polyline") == 2
    table = rows(html)
    assert [key for key, _, _ in table] == [str(y) for y in range(2015, 2025)]   # 2018 and 2021: zeros kept
    hanoi_total = total_of(http.get("/", params={"q": "ha noi"}).text)
    floods = dict((key, counts[1]) for key, counts, _ in table)
    assert sum(counts[0] for _, counts, _ in table) == hanoi_total
    assert floods["2020"] == 3 and sum(floods.values()) == 3     # the undated fourth is on no year
    assert "1 bài không rõ ngày không có trên biểu đồ" in html
    every_year = [total for _, _, total in table]
    assert sum(every_year) == total_of(http.get("/", params={"source": ["thoidai", "songmoi", "langque"]}).text) - 2
    # every point's link is that year's search, and finds what the cell says
    links = re.findall(r'<a href="(/\?q=[^"]+)" tabindex="-1" data-period="(\d+)">', html)
    assert links
    for href, at in links[:6]:
        query = parse_qs(urlsplit(unescape(href)).query)
        year = table[int(at)][0]
        assert query["from"] == [f"{year}-01-01"] and query["to"] == [f"{year}-12-31"]
        series = 0 if query["q"] == ["ha noi"] else 1
        assert total_of(http.get(unescape(href)).text) == table[int(at)][1][series] > 0


def test_the_unit_is_chosen_from_the_range_and_can_be_switched(http):
    html = http.get("/trends", params={"q": "mưa lũ", "from": "01/10/2020", "to": "31/10/2020"}).text
    table = rows(html)   # a month given: every day of it, zero-filled, by day
    assert [key for key, _, _ in table] == [f"2020-10-{d:02d}" for d in range(1, 32)]
    assert {key: counts[0] for key, counts, _ in table if counts[0]} == {"2020-10-10": 1, "2020-10-13": 1,
                                                                         "2020-10-16": 1}
    weeks = rows(http.get("/trends", params={"q": "mưa lũ", "from": "01/10/2020", "to": "31/10/2020",
                                             "by": "week"}).text)
    assert [key for key, _, _ in weeks] == ["2020-W40", "2020-W41", "2020-W42", "2020-W43", "2020-W44"]
    assert [counts[0] for _, counts, _ in weeks] == [0, 1, 2, 0, 0]   # Sat 10th; Tue 13th and Fri 16th
    html = http.get("/trends", params={"q": "ha noi"}).text
    assert re.search(r'<strong aria-current="true">tháng</strong>', html)     # ten years: by month
    assert re.search(r'<span class="disabled">ngày</span>', html)             # 3,600 days: not offered


def test_shares_are_of_all_articles_within_the_filters(http):
    html = http.get("/trends", params={"q": "mưa lũ", "by": "year", "as": "share", "source": "langque"}).text
    assert "Tỉ lệ trên tổng số bài mỗi năm" in html
    row = next(r for r in re.findall(r'<tr data-period="2020">(.*?)</tr>', html, re.S))
    langque_2020 = total_of(http.get("/", params={"source": "langque", "year": "2020"}).text)
    assert f"({round(100 * 3 / langque_2020)}%)" in row
    assert re.search(r"<td>" + str(langque_2020) + "</td>", row)


def test_english(http):
    html = http.get("/trends", params={"q": "ha noi", "by": "month", "lang": "en"}).text
    assert "Attention over time" in html and "Articles per month" in html
    assert '<th scope="row">Jan 2015</th>' in html
    assert re.search(r'href="/\?q=ha\+noi&amp;lang=en&amp;from=2015-01-01&amp;to=2015-01-31"', html)


def test_the_search_page_and_the_nav_link_to_trends_with_the_query_and_filters(http):
    html = http.get("/", params={"q": "ha noi", "source": "thoidai", "year": "2020"}).text
    link = unescape(re.search(r'<p class="trends-link"><a href="([^"]+)"', html).group(1))
    assert parse_qs(urlsplit(link).query) == {"q": ["ha noi"], "source": ["thoidai"], "year": ["2020"]}
    trends = http.get(link).text
    assert 'value="01/01/2020"' in trends and 'value="thoidai" checked' in trends
    assert rows(trends)[0][0] == "2020-W01" and rows(trends)[-1][0] == "2020-W53"   # the whole year, by week
    assert '<a class="nav-link" href="/trends">Xu hướng</a>' in http.get("/").text


# -- the exports -------------------------------------------------------------------------------------

def test_csv_is_one_row_per_query_and_period(http):
    response = http.get("/trends.csv", params=[("q", "ha noi"), ("q", "mưa lũ"), ("by", "year")])
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="khobao-trends-ha-noi-mua-lu.csv"')
    assert "filename*=UTF-8''khobao-trends-ha-noi-m%C6%B0a-l%C5%A9.csv" in disposition
    assert response.text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(table) == 2 * 10 and list(table[0]) == ["query", "period", "start", "end", "count", "all_articles", "share"]
    floods = [r for r in table if r["query"] == "mưa lũ"]
    assert {r["period"]: r["count"] for r in floods if r["count"] != "0"} == {"2020": "3"}
    row_2020 = next(r for r in floods if r["period"] == "2020")
    assert (row_2020["start"], row_2020["end"]) == ("2020-01-01", "2020-12-31")
    assert float(row_2020["share"]) == pytest.approx(3 / int(row_2020["all_articles"]), abs=1e-6)


def test_json_has_the_periods_and_each_series_aligned_with_them(http):
    response = http.get("/api/trends", params=[("q", "ha noi"), ("q", "mưa lũ"), ("by", "week"),
                                                ("from", "2020-10-01"), ("to", "2020-10-31")])
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["queries"] == ["ha noi", "mưa lũ"] and body["by"] == "week"
    assert (body["from"], body["to"]) == ("2020-10-01", "2020-10-31")
    assert [p["period"] for p in body["periods"]] == ["2020-W40", "2020-W41", "2020-W42", "2020-W43", "2020-W44"]
    assert body["periods"][0]["start"] == "2020-09-28" and body["periods"][0]["end"] == "2020-10-04"
    floods = body["series"][1]
    assert floods["counts"] == [0, 1, 2, 0, 0] and floods["total"] == 3 and floods["undated"] == 0
    assert floods["shares"] == [round(n / p["total"], 6) if p["total"] else None
                                for n, p in zip(floods["counts"], body["periods"])]
    everything = http.get("/api/trends", params={"q": "mưa lũ miền Trung"}).json()
    assert everything["series"][0]["undated"] == 1 and everything["undated_total"] == 2


@pytest.mark.parametrize("params, key", [
    ([("q", "")], "Type at least one topic"),
    ([("q", q) for q in "abcdef"], "6 topics were given; at most 5"),
    ([("q", "a"), ("by", "fortnight")], "The period must be day, week, month or year"),
    ([("q", "a"), ("from", "31/02/2020")], "does not exist"),
])
def test_the_exports_refuse_bad_input_with_a_clear_message(http, params, key):
    answer = http.get("/api/trends", params=params)
    assert answer.status_code == 400 and key in answer.json()["error"] and answer.json()["error_vi"]
    text = http.get("/trends.csv", params=params + [("lang", "en")])
    assert text.status_code == 400 and key in text.text and "\n" == text.text[-1] and text.text.count("\n") == 1


# -- bad input on the page: the message, and the form kept ----------------------------------------------

def test_more_than_five_queries_keeps_them_all_in_the_form_and_draws_five(http):
    response = http.get("/trends", params=[("q", f"{w}") for w in ("hà nội", "lũ", "kinh tế", "giáo dục", "y tế", "hoa")])
    assert response.status_code == 400
    html = response.text
    assert 'role="alert"' in html and "Có 6 chủ đề; tối đa 5" in html
    assert len(re.findall(r'<input name="q" type="search" value="[^"]+"', html)) == 6
    assert html.count('<g class="series') == 5


def test_blank_queries_say_so_and_keep_the_form(http):
    response = http.get("/trends", params=[("q", " "), ("q", ""), ("source", "langque"), ("from", "2020-01-01")])
    assert response.status_code == 400
    assert "Hãy nhập ít nhất một chủ đề để vẽ." in response.text
    assert 'value="langque" checked' in response.text and 'value="01/01/2020"' in response.text
    assert "<svg" not in response.text
    assert http.get("/trends").status_code == 200 and 'role="alert"' not in http.get("/trends").text


def test_a_bad_date_or_unit_is_named_and_the_chart_kept(http):
    response = http.get("/trends", params={"q": "ha noi", "from": "31/02/2020", "by": "fortnight"})
    assert response.status_code == 400
    html = response.text
    assert "31/02/2020: ngày này không tồn tại" in html
    assert 'value="31/02/2020" aria-invalid="true"' in html
    assert html.count('<g class="series') == 1 and rows(html)[0][0] == "2015-01"
    too_fine = http.get("/trends", params={"q": "ha noi", "by": "day"})
    assert too_fine.status_code == 400 and "hãy thu hẹp khoảng ngày" in too_fine.text
    assert rows(too_fine.text)[0][0] == "2015-01"


def test_no_dated_articles_within_the_filters_says_so(http):
    html = http.get("/trends", params={"q": "ha noi", "from": "2030-01-01"}).text
    assert "Không có bài nào có ngày đăng trong các bộ lọc đã chọn." in html and "<svg" not in html
    since_1900 = rows(http.get("/trends", params={"q": "ha noi", "from": "1900-01-01"}).text)
    assert since_1900[0][0] == "2015-01"     # not a century of empty periods before the archive's first article
    body = http.get("/api/trends", params={"q": "ha noi", "from": "2030-01-01"}).json()
    assert body["periods"] == [] and body["series"] == []
    assert json.dumps(body)


# -- the archive's state -------------------------------------------------------------------------------

def test_without_an_index_the_page_says_so_and_keeps_the_queries(tmp_path):
    app = create_app(store_path=tmp_path / "articles.sqlite3", index_dir=tmp_path / "index")
    try:
        with live_client(app) as client:
            page = client.get("/trends", params=[("q", "bão"), ("q", "lũ")])
            assert page.status_code == 503 and "Chạy `khobao index`" in page.text and "Có lỗi:" in page.text
            assert 'value="bão"' in page.text and 'value="lũ"' in page.text
            answer = client.get("/api/trends", params={"q": "bão"})
            assert answer.status_code == 503 and "khobao index" in answer.json()["error"]
    finally:
        app.extensions["khobao.archive"].close()


def test_a_remembered_page_is_drawn_again_when_the_index_changes(tmp_path):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"

    def add(n: int, day: int) -> None:
        with ArticleStore(store_path) as store:
            store.upsert(Article(url=f"https://baomau.example.vn/bao-{n}.html", source="baomau",
                                 title=f"Bão số {n} vào đất liền", body=f"Cơn bão số {n} vào đất liền chiều qua.",
                                 published=datetime(2023, 9, day, 9, tzinfo=HANOI)))
            with open_engine(index_dir, IndexSettings(procs=1)) as engine:
                engine.update(store)

    add(1, 4)
    app = create_app(store_path=store_path, index_dir=index_dir, test_config={"REFRESH_INTERVAL": 0})
    try:
        with live_client(app) as client:
            assert [counts for _, counts, _ in rows(client.get("/trends", params={"q": "bão"}).text)] == [[1]]
            assert [counts for _, counts, _ in rows(client.get("/trends", params={"q": "bão"}).text)] == [[1]]
            add(2, 6)
            table = rows(client.get("/trends", params={"q": "bão"}).text)
            assert [(key, counts) for key, counts, _ in table] == [("2023-09-04", [1]), ("2023-09-05", [0]),
                                                                  ("2023-09-06", [1])]
    finally:
        app.extensions["khobao.archive"].close()
