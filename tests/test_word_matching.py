"""Word-aware matching (issue 11): a query's syllables are read as words, and an article matches when
the syllables of each word stand together in it, wherever the words stand. Invented articles."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from indexer import open_engine
from indexer.api import SearchRequest
from indexer.query import make_terms
from indexer.words import MAX_WORD, WordList, read_words, word_list
from store import Article
from tests.vn_articles import build

TZ = timezone(timedelta(hours=7))

STORIES = {
    "together": ("Tai nạn xe máy trên quốc lộ 1", "Một vụ tai nạn xe máy làm hai người bị thương sáng nay.", 2021),
    "words_apart": ("Xe máy mất lái", "Chiếc xe máy lao xuống mương; cảnh sát đang điều tra vụ tai nạn.", 2022),
    "scattered": ("Tai hoạ từ chiếc máy bơm", "Người dân gặp nạn khi sửa máy, xe cứu thương đến muộn.", 2023),
    "name": ("Tổng bí thư Nguyễn Phú Trọng thăm Lạng Sơn", "Ông Nguyễn Phú Trọng làm việc với tỉnh.", 2019),
    "name_scattered": ("Anh Nguyễn Văn Phú trong mùa lúa", "Ông Phú nói trong năm nay lúa được mùa; "
                       "bà Nguyễn Thị Lan cũng vui.", 2020),
    "phrase": ("Kinh tế phục hồi", "Nền kinh tế tăng trưởng nhanh trong quý ba.", 2021),
    "lone": ("Xe tải lật trên đèo", "Vụ tai nạn giao thông khiến đèo tắc hai giờ.", 2024),
}


def _article(key: str) -> Article:
    title, body, year = STORIES[key]
    return Article(url=f"https://tin.example.vn/{key}.html", title=title, body=body, source="baomau",
                   published=datetime(year, 5, 1, 8, 0, tzinfo=TZ))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    store, index_dir, ids = build(tmp_path_factory.mktemp("words"), [_article(k) for k in STORIES])
    key_of = {ids[_article(k).url]: k for k in STORIES}
    with open_engine(index_dir) as engine:
        yield engine, key_of
    store.close()


def found(archive, query: str, **kw) -> set[str]:
    engine, key_of = archive
    return {key_of[hit.id] for hit in engine.search(SearchRequest(query, per_page=100, **kw)).hits}


# -- point 1 and 2: words, each anywhere ------------------------------------------------------------

@pytest.mark.parametrize("query", ["tai nan xe may", "tai nạn xe máy", "Tai Nạn Xe Máy"])
def test_each_word_must_stand_together_but_the_words_may_stand_anywhere(archive, query):
    assert found(archive, query) == {"together", "words_apart"}
    page = archive[0].search(SearchRequest(query))
    assert [w.replace("ạ", "a").replace("á", "a").lower() for w in page.read_as] == ["tai nan", "xe may"]


def test_a_name_is_one_word_though_no_word_list_has_it(archive):
    assert found(archive, "nguyen phu trong") == {"name"}
    assert found(archive, "Nguyễn Phú Trọng") == {"name"}


def test_the_words_that_also_stand_together_rank_first(archive):
    engine, key_of = archive
    hits = engine.search(SearchRequest("tai nan xe may")).hits
    assert key_of[hits[0].id] == "together"


# -- point 3: recall one click away -------------------------------------------------------------------

def test_the_page_says_how_many_more_have_the_syllables_apart_and_loose_shows_them(archive):
    engine, _ = archive
    page = engine.search(SearchRequest("tai nan xe may"))
    assert (page.total, page.apart, page.loose) == (2, 1, False)
    assert found(archive, "tai nan xe may", loose=True) == {"together", "words_apart", "scattered"}
    loose = engine.search(SearchRequest("tai nan xe may", loose=True))
    assert (loose.total, loose.apart, loose.loose, loose.read_as) == (3, 0, True, ())
    assert page.to_json()["apart"] == 1 and page.to_json()["read_as"] == list(page.read_as)


def test_quoted_phrases_keep_their_meaning(archive):
    assert found(archive, '"kinh tế"') == {"phrase"}
    assert found(archive, '"tai nạn xe máy"') == {"together"}
    assert archive[0].search(SearchRequest('"kinh tế"')).apart == 0


def test_highlighting_marks_the_words_not_their_syllables_alone(archive):
    engine, key_of = archive
    hit, = engine.search(SearchRequest("tai nan giao thong")).hits
    assert key_of[hit.id] == "lone"
    assert "<mark>" not in hit.title_html                                  # "tải" alone is not "tai nạn"
    assert "<mark>tai nạn giao thông</mark>" in hit.snippet
    loose, = [h for h in engine.search(SearchRequest("tai nan giao thong", loose=True)).hits if h.id == hit.id]
    assert "<mark>tải</mark>" in loose.title_html                         # loose: any syllable, as before


# -- point 4: one match set ---------------------------------------------------------------------------

@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_totals_facets_and_every_order_follow_the_words(archive, sort):
    engine, key_of = archive
    page = engine.search(SearchRequest("nguyen phu trong", sort=sort))
    assert page.total == 1 and [key_of[h.id] for h in page.hits] == ["name"]
    assert page.facets.years == {2019: 1} and page.facets.sources == {"baomau": 1}
    assert engine.search(SearchRequest("nguyen phu trong", facets_only=True)).total == 1


# -- the reading itself ------------------------------------------------------------------------------

def _together(runs: dict[str, int]):
    calls = []

    def together(folded: list[str]) -> int:
        calls.append(folded)
        return runs.get(" ".join(folded), 0)
    together.calls = calls
    return together


LISTED = WordList(frozenset({"tai nạn", "xe máy", "giao thông", "công an", "hà nội", "xuân phúc"}),
                  frozenset({"tai nan", "xe may", "giao thong", "cong an", "ha noi", "xuan phuc"}))


def test_listed_words_split_a_query_and_lone_syllables_that_stand_together_join():
    runs = {"tai nan": 50, "xe may": 40, "tai nan xe may": 3, "nan xe": 3,
            "nguyen phu": 21, "phu trong": 70, "nguyen phu trong": 3, "gia xang": 12}
    assert read_words(make_terms("tai nan xe may"), _together(runs), LISTED) == (2, 2)
    assert read_words(make_terms("nguyen phu trong"), _together(runs), LISTED) == (3,)
    assert read_words(make_terms("gia xang tang"), _together(runs), LISTED) == (2, 1)   # never "xang tang"


def test_a_lone_syllable_joins_a_listed_word_it_mostly_stands_beside():
    runs = {"xuan phuc": 100, "nguyen xuan phuc": 67, "cong an": 1000, "cong an ha noi": 30, "ha noi": 1700}
    assert read_words(make_terms("nguyen xuan phuc"), _together(runs), LISTED) == (3,)
    assert read_words(make_terms("cong an ha noi"), _together(runs), LISTED) == (2, 2)
    runs["cong an ha noi"] = 600                      # together in most of "công an"'s articles: one word
    assert read_words(make_terms("cong an ha noi"), _together(runs), LISTED) == (4,)


def test_a_listed_word_that_never_stands_together_in_the_archive_is_its_syllables():
    assert read_words(make_terms("tai nan"), _together({}), LISTED) == (1, 1)


def test_without_a_word_list_the_archive_alone_decides():
    empty = WordList(frozenset(), frozenset())
    assert read_words(make_terms("ha noi"), _together({"ha noi": 5}), empty) == (2,)
    assert read_words(make_terms("ha noi"), _together({}), empty) == (1, 1)


def test_a_long_query_is_read_in_bounded_time_and_no_word_is_too_long():
    terms = make_terms(" ".join(["nguyen phu trong"] * 70))       # 210 syllables
    together = _together({" ".join(["nguyen", "phu", "trong"] * 3)[:k]: 1 for k in range(200)} | {
        "nguyen phu": 5, "phu trong": 5, "trong nguyen": 5})
    lengths = read_words(terms, lambda folded: 1)
    assert sum(lengths) == len(terms) and max(lengths) <= MAX_WORD
    read_words(terms, together, LISTED)
    assert len(together.calls) <= 4 * len(terms)                 # linear in the query's length


def test_the_word_list_ships_in_a_package_and_reads_common_words():
    words = word_list()
    assert len(words.accented) > 30_000
    assert {"tai nạn", "xe máy", "thủ tướng", "kinh tế"} <= words.accented and "tai nan" in words.folded


# -- the web UI, the API, the exports and the CLI share the reading -----------------------------------

@pytest.fixture
def app(archive):
    from webui import create_app

    engine, _ = archive
    index_dir = engine.index_dir
    made = create_app(store_path=index_dir.parent / "articles.sqlite3", index_dir=index_dir)
    yield made
    made.extensions["khobao.archive"].close()


def test_the_results_page_says_how_it_read_the_query_and_links_the_loose_reading(app):
    client = app.test_client()
    page = client.get("/?q=tai+nan+xe+may").get_data(as_text=True)
    assert '<q class="word">tai nan</q>' in page and '<q class="word">xe may</q>' in page
    assert 'data-total="2"' in page and "loose=1" in page and "thêm 1 bài có các âm tiết này" in page
    loose = client.get("/?q=tai+nan+xe+may&loose=1").get_data(as_text=True)
    assert 'data-total="3"' in loose and "Chỉ tìm theo từ" in loose
    english = client.get("/?q=tai+nan+xe+may&lang=en").get_data(as_text=True)
    assert "1 more article has these syllables apart" in english


def test_the_article_page_marks_the_words_as_the_search_read_them(app, archive):
    engine, key_of = archive
    article_id = next(i for i, k in key_of.items() if k == "lone")
    page = app.test_client().get(f"/article/{article_id}?q=tai+nan+giao+thong").get_data(as_text=True)
    assert "<mark>tai nạn giao thông</mark>" in page and "<mark>tải</mark>" not in page
    loose = app.test_client().get(f"/article/{article_id}?q=tai").get_data(as_text=True)
    assert "<mark>tải</mark>" in loose                                   # a one-syllable word is marked alone


def test_the_api_and_the_exports_follow_the_same_match_set(app):
    client = app.test_client()
    api = client.get("/api/search?q=tai+nan+xe+may").get_json()
    assert (api["total"], api["apart"], api["read_as"], api["loose"]) == (2, 1, ["tai nan", "xe may"], False)
    assert client.get("/api/search?q=tai+nan+xe+may&loose=1").get_json()["total"] == 3
    rows = client.get("/export.jsonl?q=tai+nan+xe+may").get_data(as_text=True).strip().splitlines()
    assert len(rows) == 2
    assert len(client.get("/export.jsonl?q=tai+nan+xe+may&loose=1").get_data(as_text=True).strip().splitlines()) == 3
    feed = client.get("/feed.atom?q=nguyen+phu+trong").get_data(as_text=True)
    assert feed.count("<entry>") == 1


def test_the_cli_prints_the_reading_and_takes_loose(archive, tmp_path):
    import json
    import subprocess
    import sys

    engine, _ = archive
    data_dir = engine.index_dir.parent
    config = tmp_path / "config.toml"
    config.write_text(f'data_dir = "{data_dir}"\n', encoding="utf-8")
    run = [sys.executable, "-m", "khobao", "--config", str(config), "search"]
    text = subprocess.run(run + ["tai nan xe may"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "read as: «tai nan» · «xe may»; 1 more article has these syllables apart (--loose shows them)" in text
    out = subprocess.run(run + ["tai nan xe may", "--loose", "--json"], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    assert json.loads(out)["total"] == 3


# -- point 5: syllables written together ------------------------------------------------------------

@pytest.fixture(scope="module")
def joined_archive(tmp_path_factory):
    stories = {
        "vn": ("Kinh tế Việt Nam tăng trưởng", "Việt Nam xuất khẩu gạo nhiều hơn năm ngoái."),
        "dn": ("Đà Nẵng đón khách", "Biển Đà Nẵng đông người dịp lễ."),
        "hcm": ("Thành phố Hồ Chí Minh mưa lớn", "Nhiều tuyến đường ở Hồ Chí Minh ngập."),
        "bd": ("Bóng đá nữ giành vé", "Đội bóng đá nữ thắng trận cuối."),
        "apart": ("Nam bộ vào mùa gặt", "Anh Việt nói năm nay được mùa."),
    }
    articles = [Article(url=f"https://tin.example.vn/{k}.html", title=t, body=b, source="baomau",
                        published=datetime(2022, 3, 1, 8, 0, tzinfo=TZ)) for k, (t, b) in stories.items()]
    store, index_dir, ids = build(tmp_path_factory.mktemp("joined"), articles)
    key_of = {ids[a.url]: k for a, k in zip(articles, stories)}
    with open_engine(index_dir) as engine:
        yield engine, key_of
    store.close()


@pytest.mark.parametrize("token, words, key", [("vietnam", "viet nam", "vn"), ("danang", "da nang", "dn"),
                                               ("hochiminh", "ho chi minh", "hcm"), ("bongda", "bong da", "bd")])
def test_a_token_of_syllables_written_together_is_read_as_those_syllables(joined_archive, token, words, key):
    engine, key_of = joined_archive
    page = engine.search(SearchRequest(token))
    assert [key_of[h.id] for h in page.hits] == [key]
    assert [n.to_json() for n in page.notes] == [{"key": "read_joined", "values": {"token": token, "words": words}}]
    assert page.read_as == (words,) and "<mark>" in page.hits[0].snippet + page.hits[0].title_html


def test_a_token_the_archive_holds_or_that_splits_into_no_neighbours_is_left_alone(joined_archive):
    engine, _ = joined_archive
    assert engine.search(SearchRequest("zzzzqqq")).total == 0
    assert not engine.search(SearchRequest("zzzzqqq")).notes
    assert not engine.search(SearchRequest("nam")).notes             # a syllable of the archive
    assert engine.search(SearchRequest("vietnam", loose=True)).total == 2   # loose: "Việt" and "Nam" anywhere


def test_excluded_words_are_read_too_but_not_shown_as_the_reading(archive):
    engine, _ = archive
    page = engine.search(SearchRequest("xe may -(tai nan)"))
    assert page.read_as == ("xe may",)
    assert found(archive, "xe may -(tai nan)") == set()           # both "xe máy" articles have "tai nạn"
    assert found(archive, "xe may -(cuu hoa)") == {"together", "words_apart"}
