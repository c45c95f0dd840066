"""The search API against a real on-disk index of invented Vietnamese articles.

One test per row of DESIGN.md's "Vietnamese search behaviour" table, then ranking, operators,
filters, sorting, pagination, facets, snippets and suggestions.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from indexer import open_engine
from indexer.api import SearchRequest
from tests.vn_articles import ARTICLES, article, build, filler, nfd


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("search")
    articles = [article(key) for key in ARTICLES] + filler(30)
    store, index_dir, ids = build(data_dir, articles)
    key_of = {ids[article(key).url]: key for key in ARTICLES}
    with open_engine(index_dir) as searcher:
        yield searcher, key_of
    store.close()


def search(corpus, query, **kw):
    searcher, _ = corpus
    return searcher.search(SearchRequest(query, **kw))


def keys(corpus, query, **kw) -> list[str]:
    _, key_of = corpus
    page = search(corpus, query, per_page=100, **kw)
    return [key_of.get(hit.id, "filler") for hit in page.hits]


HANOI_ACCENTED = {"hanoi_adjacent", "hanoi_apart", "hanoi_upper", "ha_noi_lower", "escaping", "undated"}


# -- the behaviour table, row by row ----------------------------------------------------------------


def test_row_unaccented_ha_noi_finds_every_spelling_of_the_word(corpus):
    found = keys(corpus, "ha noi")
    assert set(found) == HANOI_ACCENTED - {"hanoi_apart"} | {"hanoi_unaccented", "ha_noi_other_tone", "ha_noi_typo"}
    page = search(corpus, "ha noi")
    assert page.read_as == ("ha noi",) and page.apart == 1   # "hanoi_apart" has the syllables apart


def test_the_loose_reading_adds_the_syllables_apart_last(corpus):
    found = keys(corpus, "ha noi", loose=True)
    assert set(found) == HANOI_ACCENTED | {"hanoi_unaccented", "ha_noi_other_tone", "ha_noi_typo"}
    assert found[-1] == "hanoi_apart"  # the only one where the syllables stand apart
    page = search(corpus, "ha noi", loose=True)
    assert page.loose and page.apart == 0 and page.total == len(found)


def test_unaccented_words_rank_the_reading_the_best_hits_use_first(corpus):
    # "Làng Hạ Nội mở hội" is short and has the syllables side by side in its title, yet who types
    # "ha noi" means "Hà Nội", the suggestion: its articles come first
    found = keys(corpus, "ha noi", loose=True)
    same_reading = ("hanoi_adjacent", "hanoi_upper", "ha_noi_lower", "escaping", "undated")
    assert max(found.index(k) for k in same_reading) < found.index("ha_noi_other_tone")
    assert found.index("ha_noi_other_tone") < found.index("hanoi_apart")  # standing together still counts more
    paged = [h.id for number in (1, 2, 3, 4) for h in search(corpus, "ha noi", page=number, per_page=3).hits]
    assert paged == [h.id for h in search(corpus, "ha noi", per_page=100).hits]
    assert [k for k in found if k != "hanoi_apart"] == keys(corpus, "ha noi")   # the words' order, without it
    assert keys(corpus, "Hạ Nội") == ["ha_noi_other_tone"]  # the other reading, asked for, is exact


def test_row_accented_ha_noi_is_exact(corpus):
    found = set(keys(corpus, "Hà Nội"))
    assert found == HANOI_ACCENTED - {"hanoi_apart"}
    assert set(keys(corpus, "Hà Nội", loose=True)) == HANOI_ACCENTED
    assert not found & {"ha_noi_other_tone", "ha_noi_typo", "hanoi_unaccented"}
    assert set(keys(corpus, "hà nội")) == found


def test_row_both_tone_placements_give_identical_results(corpus):
    new_style, old_style = search(corpus, "hoà bình"), search(corpus, "hòa bình")
    assert [h.id for h in new_style.hits] == [h.id for h in old_style.hits]
    assert [h.score for h in new_style.hits] == [h.score for h in old_style.hits]
    assert set(keys(corpus, "hoà bình")) == {"hoa_binh_new_style", "hoa_binh_old_style"}
    assert set(keys(corpus, "Uỷ")) == set(keys(corpus, "Ủy"))


def test_row_nfd_query_equals_nfc(corpus):
    decomposed = nfd("Hà Nội")
    assert decomposed != "Hà Nội"
    a, b = search(corpus, decomposed), search(corpus, "Hà Nội")
    assert [(h.id, h.score) for h in a.hits] == [(h.id, h.score) for h in b.hits]
    assert a.total == b.total == len(HANOI_ACCENTED) - 1     # all but "hanoi_apart"


def test_row_dien_bien_phu_unaccented(corpus):
    assert keys(corpus, "dien bien phu") == ["dien_bien_phu"]


def test_row_mixed_query_is_per_term(corpus):
    found = set(keys(corpus, "Ha Nội"))
    # "Ha" folded: Hà and Hạ both match; "Nội" exact: nọi and plain noi do not.
    assert "ha_noi_other_tone" in found and "hanoi_adjacent" in found
    assert "ha_noi_typo" not in found and "hanoi_unaccented" not in found


def test_row_quoted_phrase_needs_adjacent_syllables(corpus):
    assert keys(corpus, '"kinh tế"') == ["kinh_te_adjacent"]
    assert keys(corpus, "kinh tế") == ["kinh_te_adjacent"]                      # read as the word "kinh tế"
    assert set(keys(corpus, "kinh tế", loose=True)) == {"kinh_te_adjacent", "kinh_te_apart"}


def test_row_minus_term_excludes(corpus):
    found = set(keys(corpus, "thủ tướng -covid"))
    assert found == {"thu_tuong_other"}
    assert "thu_tuong_covid" in keys(corpus, "thủ tướng")


def test_row_title_field(corpus):
    assert keys(corpus, "title:lạng sơn") == ["lang_son_title"]
    assert set(keys(corpus, "lạng sơn")) == {"lang_son_title", "lang_son_body"}


# -- ranking --------------------------------------------------------------------------------------


def test_title_ranks_above_body(corpus):
    assert keys(corpus, "lạng sơn")[0] == "lang_son_title"


def test_adjacent_ranks_above_scattered(corpus):
    found = keys(corpus, "kinh tế", loose=True)
    assert found == ["kinh_te_adjacent", "kinh_te_apart"]


# -- operators and fields -------------------------------------------------------------------------


def test_or_and_not_and_parentheses(corpus):
    assert set(keys(corpus, "lạng sơn OR điện biên")) == {"lang_son_title", "lang_son_body", "dien_bien_phu"}
    assert set(keys(corpus, "thủ tướng NOT covid")) == {"thu_tuong_other"}
    assert set(keys(corpus, "(hoà bình OR lạng sơn) -nhật")) == {"hoa_binh_new_style", "lang_son_title",
                                                                  "lang_son_body"}
    assert set(keys(corpus, 'thủ tướng -"doanh nghiệp hàn"')) == {"thu_tuong_covid"}


def test_a_negated_group_is_negated_once(corpus):
    # "NOT (x)" and "-(x)" used to be read as NOT NOT x: the articles *with* x
    assert set(keys(corpus, "thủ tướng NOT (covid)")) == set(keys(corpus, "thủ tướng -covid")) == {"thu_tuong_other"}
    assert set(keys(corpus, "thủ tướng -(covid OR nhật)")) == {"thu_tuong_other"}
    assert set(keys(corpus, "thủ tướng NOT -(covid)")) == set(keys(corpus, "thủ tướng NOT (covid)"))


def test_source_field_and_source_filter(corpus):
    assert set(keys(corpus, "hà nội source:tinnhanh")) == {"ha_noi_lower"}
    assert set(keys(corpus, "hà nội source:tinnhanh", loose=True)) == {"hanoi_apart", "ha_noi_lower"}
    assert set(keys(corpus, "hà nội", sources=("baomau",))) == {"hanoi_adjacent", "hanoi_upper"}
    assert set(keys(corpus, "hà nội", sources=("baomau", "diendan"))) == {
        "hanoi_adjacent", "hanoi_upper", "escaping", "undated"}


# -- dates ----------------------------------------------------------------------------------------


def test_year_follows_local_calendar(corpus):
    # published 05:00 on 1 January 2021 in Hanoi (22:00 on 31 December 2020 UTC)
    page = search(corpus, '"kinh tế"')
    assert page.facets.to_json()["year"] == {"2021": 1}
    assert page.facets.to_json()["month"] == {"2021-01": 1}
    assert page.hits[0].published.isoformat() == "2021-01-01T05:00:00+07:00"


def test_date_filters_are_inclusive_by_local_day(corpus):
    assert keys(corpus, "kinh", date_from=date(2021, 1, 1)) == ["kinh_te_adjacent"]
    assert keys(corpus, "kinh", date_to=date(2020, 12, 31)) == ["kinh_te_apart"]
    assert set(keys(corpus, "kinh", date_from=date(2020, 12, 31), date_to=date(2021, 1, 1))) == {
        "kinh_te_adjacent", "kinh_te_apart"}
    # a one-day range
    assert keys(corpus, "lạng sơn", date_from=date(2022, 2, 14), date_to=date(2022, 2, 14)) == ["lang_son_title"]
    # undated articles are left out by any date filter
    assert "undated" in keys(corpus, "hà nội")
    assert "undated" not in keys(corpus, "hà nội", date_from=date(1990, 1, 1))


# -- sorting and pages ----------------------------------------------------------------------------


def test_sort_newest_and_oldest(corpus):
    newest = search(corpus, "hà nội", sort="newest", per_page=100).hits
    oldest = search(corpus, "hà nội", sort="oldest", per_page=100).hits
    dated_new = [h.published for h in newest if h.published]
    assert dated_new == sorted(dated_new, reverse=True)
    dated_old = [h.published for h in oldest if h.published]
    assert dated_old == sorted(dated_old)
    assert newest[-1].published is None and oldest[-1].published is None  # undated last either way


def test_pagination_beyond_page_one(corpus):
    everything = search(corpus, "đà nẵng", per_page=100)
    assert everything.total == 30
    pages = [search(corpus, "đà nẵng", per_page=7, page=n) for n in range(1, 6)]
    assert [len(p.hits) for p in pages] == [7, 7, 7, 7, 2]
    assert [h.id for p in pages for h in p.hits] == [h.id for h in everything.hits]
    assert pages[3].pages == 5 and pages[3].total == 30
    assert search(corpus, "đà nẵng", per_page=7, page=6).hits == []
    assert search(corpus, "đà nẵng", per_page=7, page=999).total == 30


def test_sorted_pagination_by_date(corpus):
    whole = [h.id for h in search(corpus, "đà nẵng", sort="oldest", per_page=100).hits]
    paged = [h.id for n in range(1, 4) for h in search(corpus, "đà nẵng", sort="oldest", per_page=10, page=n).hits]
    assert paged == whole


# -- facets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["hà nội", "ha noi", "đà nẵng", "thủ tướng", "nắng OR nội"])
def test_facet_counts_sum_to_total(corpus, query):
    page = search(corpus, query)
    assert page.total > 0
    for name in ("year", "month", "source"):
        assert sum(page.facets.to_json()[name].values()) == page.total, name


def test_facets_follow_filters(corpus):
    page = search(corpus, "hà nội", sources=("baomau",))
    assert page.facets.to_json()["source"] == {"baomau": 2}
    assert page.facets.to_json()["year"] == {"2021": 1, "2022": 1}
    assert page.facets.to_json()["month"] == {"2021-03": 1, "2022-04": 1}
    undated = search(corpus, "hà nội", sources=("diendan",))
    assert undated.facets.to_json()["year"] == {"2024": 1, "unknown": 1}


# -- snippets -------------------------------------------------------------------------------------


def test_snippet_highlights_original_accented_text_for_unaccented_query(corpus):
    searcher, key_of = corpus
    page = search(corpus, "ha noi")
    hit = next(h for h in page.hits if key_of[h.id] == "hanoi_adjacent")
    assert "<mark>Hà Nội</mark>" in hit.snippet
    assert hit.title_html.startswith("<mark>Hà Nội</mark> khởi công")
    upper = next(h for h in page.hits if key_of[h.id] == "hanoi_upper")
    assert upper.title_html.startswith("<mark>HÀ NỘI</mark>")


def test_snippet_of_accented_query_marks_only_exact_forms(corpus):
    _, key_of = corpus
    page = search(corpus, "Ha Nội", per_page=100)
    hit = next(h for h in page.hits if key_of[h.id] == "ha_noi_other_tone")
    assert "<mark>Hạ Nội</mark>" in hit.snippet


def test_snippet_is_escaped(corpus):
    _, key_of = corpus
    page = search(corpus, "hà nội bảo mật")
    hit = next(h for h in page.hits if key_of[h.id] == "escaping")
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>hà nội</mark>" in hit.snippet
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
    assert "&amp;" in hit.title_html and "<mark>bảo mật</mark>" in hit.title_html
    assert html.unescape(re.sub(r"</?mark>", "", hit.title_html)) == hit.title


def test_long_body_snippet_is_a_window_around_matches(tmp_path):
    long_body = ("Tin tức thường ngày. " * 200) + "Cuối bài nhắc tới Điện Biên Phủ." + (" Lời kết." * 50)
    articles = [article("dien_bien_phu").replace(body=long_body)]
    store, index_dir, _ = build(tmp_path, articles)
    with open_engine(index_dir) as searcher:
        hit = searcher.search(SearchRequest("dien bien phu")).hits[0]
    store.close()
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    assert "<mark>Điện Biên Phủ</mark>" in hit.snippet
    assert len(re.sub(r"</?mark>", "", hit.snippet)) < 300


# -- suggestions ----------------------------------------------------------------------------------


def test_suggestion_for_unaccented_query(corpus):
    assert search(corpus, "ha noi").suggestion == "hà nội"
    assert search(corpus, "Ha Noi").suggestion == "Hà Nội"
    assert search(corpus, "dien bien phu").suggestion == "điện biên phủ"
    assert search(corpus, "Hà Nội").suggestion is None  # typed with diacritics: nothing to suggest


def test_correction_for_unknown_syllables(corpus):
    assert search(corpus, "hà nôi").correction == "hà nội"  # "nôi" is in no article
    assert search(corpus, "lạng sơnn").correction == "lạng sơn"  # "sơnn" is in no article, "sơn" one edit away
    assert search(corpus, "dien bien phuu").correction == "dien bien phu"


# -- hostile queries ------------------------------------------------------------------------------


HOSTILE = ['"hà nội', 'hà nội"', "AND", "OR OR", "NOT", "-", "+", "hà AND", "OR hà", "((hà", "hà))", ")(",
           "foo:bar", "title:", "source:", "title:\"", "*", "**", "?", "hà*", "\\", "'", "\x00", "   ",
           "", "x" * 10_000, "hà " * 3000, "-hà", "NOT NOT hà", '"" ""', "title:title:hà", "a:b:c",
           "<script>alert(1)</script>", "%s%s%s", "hà OR", "nội -", "title:(lạng sơn)", "-(hà nội)"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_never_raises(corpus, query):
    page = search(corpus, query)
    assert page.total >= 0
    assert sum(page.facets.to_json()["year"].values()) == page.total
    for hit in page.hits:
        assert "<script>" not in hit.snippet


def test_unreadable_queries_explain_themselves(corpus):
    assert search(corpus, "**").total == 0 and search(corpus, "**").note
    assert search(corpus, "title:").note
    assert "foo" in search(corpus, "foo:bar").note
    page = search(corpus, '"kinh tế')
    assert page.note and "quote" in page.note
    assert [h.id for h in page.hits] == [h.id for h in search(corpus, '"kinh tế"').hits]
    long = search(corpus, "hà nội " + "x" * 10_000)
    assert long.note and "characters" in long.note


def test_empty_query_browses_everything_newest_first(corpus):
    searcher, key_of = corpus
    for query in ("", "  ", "*"):
        page = search(corpus, query, per_page=100)
        assert page.total == searcher.doc_count() and page.note is None
        dated = [h.published for h in page.hits if h.published]
        assert dated == sorted(dated, reverse=True)
    only = search(corpus, "", sources=("diendan",), date_from=date(2024, 1, 1))
    assert only.facets.to_json()["year"] == {"2024": 1} and [key_of[h.id] for h in only.hits] == ["escaping"]


def test_only_exclusions_returns_everything_else(corpus):
    total = corpus[0].doc_count()
    page = search(corpus, "-nội")
    assert 0 < page.total < total
    assert not set(keys(corpus, "-nội")) & HANOI_ACCENTED


# -- more like this -------------------------------------------------------------------------------


def test_more_like_this(corpus):
    searcher, key_of = corpus
    ids = {key: i for i, key in key_of.items()}
    similar = searcher.more_like_this(ids["thu_tuong_covid"], limit=3)
    assert similar and ids["thu_tuong_covid"] not in [h.id for h in similar]
    assert key_of.get(similar[0].id) == "thu_tuong_other"
    assert searcher.more_like_this(999_999) == []


def test_section_and_author_fields(tmp_path):
    articles = [article("hanoi_adjacent").replace(section="Thời sự", author="Minh Anh"),
                article("lang_son_title").replace(section="Kinh tế", author="Trần Văn Bình"),
                article("kinh_te_adjacent").replace(section="Kinh tế")]
    store, index_dir, ids = build(tmp_path, articles)
    with open_engine(index_dir) as searcher:
        def found(query):
            return {h.id for h in searcher.search(SearchRequest(query)).hits}
        assert found('section:"kinh tế"') == {ids[articles[1].url], ids[articles[2].url]}
        assert found('section:"THỜI SỰ" hà nội') == {ids[articles[0].url]}
        assert found('author:"trần văn bình"') == {ids[articles[1].url]}
        assert found('cửa khẩu -author:"Trần Văn Bình"') == set()
        assert found("author:nobody") == set()
        page = searcher.search(SearchRequest("hà nội"))
        assert page.hits[0].section == "Thời sự" and page.hits[0].author == "Minh Anh"
    store.close()


def test_more_like_this_in_a_small_archive_keeps_pairs_a_few_articles_share(tmp_path):
    from indexer.search import similar_df_limit
    from store import Article
    from tests.vn_articles import at
    storm = ["Bão số chín đổ bộ vào miền Trung, mưa lớn kéo dài ở Quảng Ngãi và Bình Định.",
             "Sau bão số chín, Quảng Ngãi và Bình Định khắc phục hậu quả mưa lớn, nhiều nhà tốc mái.",
             "Bão số chín làm mưa lớn ở Quảng Ngãi; Bình Định sơ tán dân vùng trũng thấp.",
             "Mưa lớn do bão số chín khiến sông ở Quảng Ngãi và Bình Định lên nhanh."]
    articles = [Article(url=f"https://tin.example.vn/bao-{i}.html", title=f"Tin bão {i}", body=text,
                        source="baomau", published=at(2024, 10, 1 + i)) for i, text in enumerate(storm)]
    articles += filler(36)
    store, index_dir, ids = build(tmp_path, articles)
    with open_engine(index_dir) as searcher:
        # five pairs ("bão số", "quảng ngãi", "bình định", "mưa lớn", "số chín") are in all four storm
        # articles: more than a twentieth of 40 articles, but telling in an archive this small
        similar = {h.id for h in searcher.more_like_this(ids[articles[0].url], limit=5)}
        assert similar == {ids[a.url] for a in articles[1:4]}
    store.close()
    assert similar_df_limit(40) == 20 and similar_df_limit(1_000) == 50 and similar_df_limit(42_000) == 2_100
    assert similar_df_limit(0) == 2


def test_suggestion_and_correction_keep_the_typed_capitals(corpus):
    assert search(corpus, "Dien Bien Phu").suggestion == "Điện Biên Phủ"
    assert search(corpus, "DIEN BIEN PHU").suggestion == "ĐIỆN BIÊN PHỦ"
    assert search(corpus, "dien bien phu").suggestion == "điện biên phủ"
    assert search(corpus, "Dien Bien Phuu").correction == "Dien Bien Phu"
    assert search(corpus, "Hà Nôi").correction == "Hà Nội"
    assert search(corpus, "hà nôi").correction == "hà nội"


def test_counts_only_search_has_the_same_total_and_facets_and_no_hits(corpus):
    for query, kw in (("ha noi", {}), ("đà nẵng", {"sources": ("baomau",)}), ("", {"date_from": date(2020, 1, 1)})):
        full, counts = search(corpus, query, **kw), search(corpus, query, facets_only=True, **kw)
        assert counts.total == full.total and counts.facets == full.facets
        assert counts.hits == [] and counts.suggestion is None and counts.correction is None


def test_hits_without_snippets_are_the_same_hits_in_the_same_order(corpus):
    for query, kw in (("ha noi", {}), ("đà nẵng", {"sort": "oldest", "page": 2, "per_page": 3})):
        full, bare = search(corpus, query, **kw), search(corpus, query, snippets=False, **kw)
        assert bare.total == full.total and bare.hits
        strip = lambda hit: (hit.id, hit.title, hit.url, hit.source, hit.published, hit.score, hit.author)
        assert [strip(h) for h in bare.hits] == [strip(h) for h in full.hits]
        assert all(h.snippet == h.title_html == "" for h in bare.hits) and bare.suggestion is None
        assert any("<mark>" in h.snippet for h in full.hits)


def test_the_same_words_with_other_filters_pages_and_sorts_stay_consistent(corpus):
    # the words' matches are computed once and shared: no later search may change them
    first = search(corpus, "đà nẵng", per_page=100)
    by_source = {name: search(corpus, "đà nẵng", sources=(name,), per_page=100) for name in first.facets.to_json()["source"]}
    assert sum(p.total for p in by_source.values()) == first.total
    oldest = search(corpus, "đà nẵng", sort="oldest", page=2, per_page=5)
    again = search(corpus, "đà nẵng", per_page=100)
    assert [(h.id, h.score) for h in again.hits] == [(h.id, h.score) for h in first.hits]
    assert [h.id for h in oldest.hits] == [h.id for h in search(corpus, "đà nẵng", sort="oldest", per_page=100).hits[5:10]]


def test_suggestion_is_the_same_on_every_page_and_sort(corpus):
    for kw in ({"page": 2, "per_page": 3}, {"sort": "newest"}, {"sort": "oldest", "page": 3, "per_page": 2}, {}):
        assert search(corpus, "ha noi", **kw).suggestion == "hà nội"
        assert search(corpus, "Ha Noi", **kw).suggestion == "Hà Nội"
    assert search(corpus, "dien bien phuu", page=2).correction == "dien bien phu"


def test_syllables_together_in_the_body_rank_above_syllables_scattered_in_the_title(tmp_path):
    """Title weight must not let "điện tử ... Phú Xuân ... Biên" outrank "Điện Biên Phủ" in a body."""
    from store import Article
    from tests.vn_articles import at

    scattered = Article(url="https://tin.example.vn/scattered.html", source="baomau", published=at(2022, 9, 8, 9, 0),
                        title="Hợp tác xã Phú Xuân đưa dưa hấu lên sàn thương mại điện tử",
                        body="Công ty Biên Giới ký hợp đồng bao tiêu dưa hấu cho hợp tác xã.")
    together = Article(url="https://tin.example.vn/together.html", source="baomau", published=at(2022, 8, 14, 9, 0),
                       title="Lễ hội văn hóa các dân tộc vùng cao",
                       body="Triển lãm ảnh về di tích lịch sử Điện Biên Phủ thu hút đông đảo khách tham quan.")
    partly = Article(url="https://tin.example.vn/partly.html", source="baomau", published=at(2022, 7, 1, 9, 0),
                     title="Điện Biên thiếu giáo viên", body="Nhiều phụ huynh lo lắng khi trường thiếu người dạy.")
    store, index_dir, ids = build(tmp_path, [scattered, together, partly] + filler(10))
    try:
        with open_engine(index_dir) as searcher:
            hits = searcher.search(SearchRequest("dien bien phu", loose=True)).hits
            assert [h.id for h in hits] == [ids[together.url], ids[partly.url], ids[scattered.url]]
            # accented, "Phú" and "phụ" are other words: only the article with "Điện Biên Phủ" is left
            assert [h.id for h in searcher.search(SearchRequest("Điện Biên Phủ")).hits] == [ids[together.url]]
    finally:
        store.close()


def test_neighbouring_marked_syllables_make_one_mark_and_lone_ones_of_it_are_left():
    from indexer.query import parse
    from indexer.snippets import highlight
    terms = tuple(parse("ha noi covid").terms)
    text = "Ở Hà Nội, Hà  Nội và Hà-Nội, anh nói: covid.\nHà\nNội"
    assert highlight(text, terms) == ("Ở <mark>Hà Nội</mark>, <mark>Hà  Nội</mark> và <mark>Hà-Nội</mark>, "
                                      "anh nói: <mark>covid</mark>.\nHà\nNội")
    assert highlight("Anh nói về Hạ Long", terms) == "Anh <mark>nói</mark> về <mark>Hạ</mark> Long"  # no run: all marked


def test_quoted_phrases_are_confirmed_in_the_text(tmp_path):
    from store import Article
    texts = {
        "whole": "Hội thảo về công nghệ thông tin trong trường học diễn ra sáng nay.",
        "pieces": "Ngành công nghệ sinh học và nghệ thông minh; tin vắn: thông tin thời tiết.",  # every pair, apart
        "hyphen": "Trung tâm công nghệ-thông tin tỉnh mở lớp học miễn phí.",
        "other_tone": "Thôn Hạ Nội có nghề làm hương; con đường hà hơi, nội bộ thôn vui vẻ.",  # "ha noi" pair, "hà", "nội"
        "hanoi": "Du khách đến Hà Nội ngắm mùa thu.",
        "foreign": "Quán mới bán ly café au lait và bánh Müller ở phố cổ.",
        "typeset": "Hội thảo về công\u2010nghệ\u2011thông tin tổ chức tại tỉnh.",  # Unicode hyphens join too
    }
    articles = [Article(url=f"https://tin.example.vn/{key}.html", title=f"Bài {i}", body=body, source="tin")
                for i, (key, body) in enumerate(texts.items())]
    store, index_dir, ids = build(tmp_path, articles)
    key_of = {ids[a.url]: key for a, key in zip(articles, texts)}
    with open_engine(index_dir) as searcher:
        found = lambda q: sorted(key_of[h.id] for h in searcher.search(SearchRequest(q, per_page=50)).hits)
        assert found('"công nghệ thông tin"') == ["hyphen", "typeset", "whole"]
        assert found('"cong nghe thong tin"') == ["hyphen", "typeset", "whole"]
        assert found("cong nghe thong tin") == ["hyphen", "typeset", "whole"]   # unquoted: read as one word
        loose = sorted(key_of[h.id] for h in searcher.search(SearchRequest("cong nghe thong tin", loose=True)).hits)
        assert loose == ["hyphen", "pieces", "typeset", "whole"]                # loose: every syllable, anywhere
        assert found('"Hà Nội"') == ["hanoi"]
        assert found('"ha noi"') == ["hanoi", "other_tone"]
        assert found('"café au lait"') == ["foreign"]        # accents beyond Vietnamese are read too
        assert found('"banh muller o"') == ["foreign"]
    store.close()
