"""Copies across sources (issue 14, point 6): signatures, groups, the catch-up, collapsing.

The stories are invented for khobao (not real news). Signatures and groups are tested on their
own, then through the engine over a real store and a real index on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import open_engine
from indexer.api import SearchRequest
from indexer.duplicate_groups import find_groups
from indexer.duplicates import NO_SIGNATURE, SIGNATURE_BYTES, estimated_similarity, signature, signatures_array
from indexer.settings import IndexSettings
from store import Article, ArticleStore

HANOI = timezone(timedelta(hours=7))
SERIAL = IndexSettings(procs=1)

FLOOD = (
    "Mưa lớn kéo dài suốt ba ngày qua khiến nước sông Gianh dâng cao, nhiều xã vùng trũng của huyện "
    "Tuyên Hóa bị ngập sâu. Chính quyền địa phương đã di dời hơn hai nghìn hộ dân đến nơi an toàn, "
    "đồng thời huy động bộ đội biên phòng và thanh niên tình nguyện hỗ trợ người dân chằng chống nhà cửa. "
    "Theo đài khí tượng thủy văn tỉnh, mực nước trên sông còn tiếp tục lên trong đêm nay và có thể vượt "
    "báo động ba vào sáng mai. Ông Lê Văn Khoa, chủ tịch huyện, cho biết lực lượng cứu hộ đã chuẩn bị "
    "mười lăm ca nô và hàng trăm áo phao, các trường học được cho học sinh nghỉ để bảo đảm an toàn. "
    "Nhiều tuyến đường liên xã bị chia cắt, lúa vụ mùa chưa kịp thu hoạch bị ngập trắng đồng."
)
HARVEST = (
    "Nông dân các tỉnh đồng bằng sông Cửu Long đang bước vào vụ thu hoạch lúa đông xuân với năng suất "
    "cao hơn năm trước. Giá lúa tươi tại ruộng dao động quanh mức bảy nghìn đồng một ký, thương lái "
    "đến tận nơi thu mua. Sở nông nghiệp khuyến cáo bà con không bán lúa non và chuẩn bị giống cho vụ "
    "hè thu, đồng thời theo dõi sát diễn biến xâm nhập mặn ở các cửa sông trong những tuần tới. "
    "Hợp tác xã ở huyện Thoại Sơn cho biết đã ký hợp đồng bao tiêu với ba doanh nghiệp xuất khẩu gạo."
)
BOILERPLATE = (
    "Bạn đọc có thông tin, hình ảnh về sự việc xin gửi về đường dây nóng của tòa soạn; mọi đóng góp "
    "đều được bảo mật và trân trọng cảm ơn quý vị đã đồng hành cùng chúng tôi trong suốt thời gian qua."
)
MARKET = (
    "Chợ đầu mối nông sản phía nam thành phố nhộn nhịp từ nửa đêm, hàng trăm xe tải chở rau củ từ Đà Lạt "
    "đổ về. Tiểu thương cho biết giá bắp cải và cà rốt giảm mạnh so với tuần trước do nguồn cung dồi dào, "
    "trong khi giá ớt và hành lá lại tăng vì mưa nhiều ở vùng trồng. Ban quản lý chợ đã bố trí thêm lối "
    "đi cho xe ra vào và tăng cường kiểm tra an toàn thực phẩm tại các sạp hàng."
)


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2024, 9, day, hour, 0, tzinfo=HANOI)


def story(key: str, body: str, source: str, published: datetime | None, title: str = "") -> Article:
    return Article(url=f"https://tin.example.vn/{key}.html", title=title or f"Tin {key}", body=body,
                   source=source, published=published)


def flood_copies() -> list[Article]:
    """The flood story: first by baomau, copied by tinnhanh (a byline added) and diendan (a word changed,
    other punctuation), and once more by baomau itself; the harvest and market stories share only a
    boilerplate paragraph."""
    return [
        story("lu-goc", FLOOD, "baomau", at(10, 7), "Lũ lên nhanh ở Tuyên Hóa"),
        story("lu-tinnhanh", FLOOD + " Theo báo Màu.", "tinnhanh", at(10, 9), "Nước sông Gianh dâng cao"),
        story("lu-diendan", FLOOD.replace("hơn hai nghìn", "gần hai nghìn").replace(",", " ;"), "diendan",
              at(11, 6), "Di dời hai nghìn hộ dân"),
        story("lu-baomau-lai", FLOOD, "baomau", at(12, 6), "Tuyên Hóa: nước sông Gianh lên"),
        story("lua", HARVEST + " " + BOILERPLATE, "tinnhanh", at(9), "Vụ lúa đông xuân"),
        story("cho", MARKET + " " + BOILERPLATE, "diendan", at(9, 10), "Chợ đầu mối nhộn nhịp"),
    ]


# -- signatures ------------------------------------------------------------------------------------

def test_copies_have_nearly_the_same_signature_and_other_stories_do_not():
    original, bylined = signature(FLOOD), signature(FLOOD + " Theo báo Màu.")
    assert len(original) == SIGNATURE_BYTES and original != NO_SIGNATURE
    assert estimated_similarity(original, bylined) >= 0.8
    assert estimated_similarity(original, signature(FLOOD.upper().replace(",", " ."))) == 1.0   # folded, words only
    assert estimated_similarity(original, signature(HARVEST)) < 0.3
    assert estimated_similarity(signature(HARVEST + " " + BOILERPLATE), signature(MARKET + " " + BOILERPLATE)) < 0.5


def test_accents_and_tone_placement_do_not_change_a_signature():
    assert signature("Hoà Bình " + FLOOD) == signature("Hòa Bình " + FLOOD)
    assert signature(FLOOD) == signature(FLOOD.replace("ư", "u").replace("ơ", "o").replace("ộ", "o"))


def test_decomposed_text_reads_as_composed():
    assert signature(unicodedata.normalize("NFD", FLOOD)) == signature(FLOOD)


def test_a_signature_is_the_same_in_another_process():
    """Parallel builds and later catch-ups run in other processes: no per-process hash seed may leak in."""
    code = "import sys; from indexer.duplicates import signature; print(signature(sys.stdin.read()).hex())"
    done = subprocess.run([sys.executable, "-c", code], input=FLOOD.encode(), capture_output=True, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent, env={**os.environ, "PYTHONHASHSEED": "random"})
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == signature(FLOOD).hex()


def test_a_body_too_short_to_tell_has_no_signature():
    assert signature("") == NO_SIGNATURE
    assert signature("Tin ngắn: trời mưa.") == NO_SIGNATURE


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_text_gets_a_signature_of_the_column_width(text):
    assert len(signature(text)) == SIGNATURE_BYTES


# -- groups ----------------------------------------------------------------------------------------

def _groups(bodies, sources, published, live=None):
    sigs = signatures_array(b"".join(signature(b) for b in bodies), len(bodies))
    live = np.ones(len(bodies), dtype=bool) if live is None else np.asarray(live)
    return find_groups(sigs, live, np.asarray(sources, dtype=np.int32), np.asarray(published, dtype=np.int64))


def test_near_identical_bodies_group_first_published_first_and_a_shared_paragraph_does_not():
    bodies = [HARVEST + " " + BOILERPLATE, FLOOD + " Theo báo Màu.", MARKET + " " + BOILERPLATE, FLOOD,
              FLOOD.replace("hơn hai nghìn", "gần hai nghìn")]
    groups = _groups(bodies, [0, 1, 2, 0, 2], [100, 300, 100, 200, 0])
    assert groups.count == 1
    assert groups.of(1).tolist() == [3, 1, 4]        # by publication; the undated one last
    assert groups.group[0] == groups.group[2] == -1  # harvest and market: only the boilerplate in common
    assert groups.sources.tolist() == [3]


def test_sharing_an_lsh_band_is_not_enough_the_pair_is_verified():
    """A candidate pair (same band key) whose signatures otherwise differ, as a long shared passage
    makes, is not grouped; with most values equal it is."""
    rng = np.random.default_rng(7)
    first = rng.integers(1, 1 << 16, 32, dtype=np.uint16)
    band_only, most = rng.integers(1, 1 << 16, 32, dtype=np.uint16), first.copy()
    band_only[:4] = first[:4]            # one band of eight in common
    most[28:] = band_only[28:]           # 28 of 32 values in common (estimated similarity 0.875)
    live, sources, times = np.ones(2, dtype=bool), np.array([0, 1], dtype=np.int32), np.array([1, 2])
    assert find_groups(np.stack([first, band_only]), live, sources, times).count == 0
    assert find_groups(np.stack([first, most]), live, sources, times).count == 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 50), st.booleans()),
                min_size=1, max_size=30))
def test_collapsing_keeps_exactly_the_earliest_match_of_each_group(docs):
    """docs: (story, source, time, matches); the stories' signatures are equal, other documents none."""
    rng = np.random.default_rng(3)
    stories = rng.integers(1, 1 << 16, (6, 32), dtype=np.uint16)
    sigs = np.stack([stories[story] for story, _, _, _ in docs])
    groups = find_groups(sigs, np.ones(len(docs), dtype=bool), np.array([s for _, s, _, _ in docs], dtype=np.int32),
                         np.array([t for _, _, t, _ in docs], dtype=np.int64))
    mask = np.array([m for _, _, _, m in docs])
    kept = set(np.flatnonzero(groups.first_only(mask)).tolist())
    expected = set()
    for story in {d[0] for d in docs}:
        members = [i for i, d in enumerate(docs) if d[0] == story]
        matching = [i for i in members if mask[i]]
        if len(members) < 2:
            expected.update(matching)
        elif matching:   # the earliest dated (0: undated, last), then the lowest number
            expected.add(min(matching, key=lambda i: (docs[i][2] == 0, docs[i][2], i)))
    assert kept == expected


def test_a_deleted_copy_leaves_its_group():
    bodies = [FLOOD, FLOOD + " Theo báo Màu.", HARVEST]
    assert _groups(bodies, [0, 1, 2], [1, 2, 3], live=[True, False, True]).count == 0
    assert _groups(bodies, [0, 1, 2], [1, 2, 3]).count == 1


def test_collapsing_keeps_the_first_published_of_each_group_among_the_matches():
    bodies = [FLOOD, FLOOD + " Theo báo Màu.", HARVEST, FLOOD + " Nguồn: Diễn Đàn."]
    groups = _groups(bodies, [0, 1, 2, 3], [300, 100, 50, 200])
    everything = np.ones(4, dtype=bool)
    assert np.flatnonzero(groups.first_only(everything)).tolist() == [1, 2]
    without_first = np.array([True, False, True, True])
    assert np.flatnonzero(groups.first_only(without_first)).tolist() == [2, 3]


# -- through the engine ----------------------------------------------------------------------------

@pytest.fixture
def indexed(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        ids = {a.url.rsplit("/", 1)[1][:-5]: r.id for a, r in zip(flood_copies(), store.upsert_many(flood_copies()))}
        with open_engine(tmp_path / "index", SERIAL) as engine:
            engine.update(store)
            yield store, engine, ids


def test_hits_say_who_else_published_the_story_and_who_first(indexed):
    _, engine, ids = indexed
    page = engine.search(SearchRequest("sông Gianh", per_page=20))
    by_id = {hit.id: hit for hit in page.hits}
    copies = by_id[ids["lu-tinnhanh"]].copies
    assert copies is not None
    assert (copies.articles, copies.other_sources) == (4, 2)   # baomau and diendan; baomau's second copy not again
    assert (copies.first_id, copies.first_source, copies.first_published) == (ids["lu-goc"], "baomau", at(10, 7))
    assert by_id[ids["lu-goc"]].copies.other_sources == 2          # tinnhanh and diendan, not baomau itself
    assert page.to_json()["hits"][0]["copies"]["first"]["id"] == ids["lu-goc"]
    others = engine.search(SearchRequest("đường dây nóng")).hits
    assert {hit.id for hit in others} == {ids["lua"], ids["cho"]} and all(hit.copies is None for hit in others)


def test_same_source_copies_are_not_other_sources(tmp_path):
    articles = [story("a", FLOOD, "baomau", at(10)), story("b", FLOOD + " Ảnh: Minh Anh.", "baomau", at(11))]
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert_many(articles)
        with open_engine(tmp_path / "index", SERIAL) as engine:
            engine.update(store)
            hits = engine.search(SearchRequest("Tuyên Hóa")).hits
    assert [(hit.copies.articles, hit.copies.other_sources) for hit in hits] == [(2, 0), (2, 0)]


def test_the_engine_lists_an_articles_copies_first_published_first(indexed):
    _, engine, ids = indexed
    listed = engine.copies(ids["lu-diendan"])
    assert [hit.id for hit in listed] == [ids[k] for k in ("lu-goc", "lu-tinnhanh", "lu-diendan", "lu-baomau-lai")]
    assert engine.copies(ids["lua"]) == [] and engine.copies(10**9) == []
    bounded = engine.copies(ids["lu-baomau-lai"], limit=2)   # the first two, and the article itself
    assert [hit.id for hit in bounded] == [ids[k] for k in ("lu-goc", "lu-tinnhanh", "lu-baomau-lai")]
    assert bounded[-1].copies.articles == 4


def test_a_copy_indexed_later_joins_its_group_and_a_deleted_one_leaves_it(indexed):
    store, engine, ids = indexed
    late = story("lu-muon", FLOOD + " (Tổng hợp)", "baomoi", at(13))
    late_id = store.upsert(late).id
    engine.update(store)        # the catch-up adds a segment; the groups span all of them
    engine.refresh()
    listed = [hit.id for hit in engine.copies(ids["lu-goc"])]
    assert late_id in listed and len(listed) == 5
    assert engine.search(SearchRequest("Gianh", per_page=20)).hits[0].copies.other_sources in (2, 3)
    store.delete(late.url)
    store.delete("https://tin.example.vn/lu-goc.html")
    engine.update(store)
    engine.refresh()
    listed = engine.copies(ids["lu-tinnhanh"])
    assert [hit.id for hit in listed] == [ids["lu-tinnhanh"], ids["lu-diendan"], ids["lu-baomau-lai"]]
    assert listed[0].copies.first_source == "tinnhanh"


def test_collapsing_counts_each_story_once_in_total_facets_and_hits(indexed):
    _, engine, ids = indexed
    full = engine.search(SearchRequest("", per_page=50))
    collapsed = engine.search(SearchRequest("", per_page=50, collapse=True))
    assert (full.total, collapsed.total, collapsed.articles) == (6, 3, 6)
    assert {hit.id for hit in collapsed.hits} == {ids["lu-goc"], ids["lua"], ids["cho"]}
    assert collapsed.facets.sources == {"baomau": 1, "tinnhanh": 1, "diendan": 1}
    assert full.facets.sources == {"baomau": 2, "tinnhanh": 2, "diendan": 2}
    data = collapsed.to_json()
    assert (data["counting"], data["total"], data["articles"], data["collapse"]) == ("stories", 3, 6, True)
    assert full.to_json()["counting"] == "articles"
    only_diendan = engine.search(SearchRequest("Gianh", sources=("diendan",), collapse=True))
    assert [hit.id for hit in only_diendan.hits] == [ids["lu-diendan"]]   # the first among the matches


def test_the_signature_column_reads_in_one_go_as_whoosh_reads_it_a_document_at_a_time(indexed, tmp_path):
    """whoosh_bridge.fixed_bytes_column against Whoosh's public per-document reading."""
    from whoosh import index as whoosh_index

    from indexer.generations import on_live_generation
    from indexer.whoosh_bridge import fixed_bytes_column, leaves_of

    def check(generation):
        ix = whoosh_index.open_dir(str(generation))
        with ix.reader() as reader:
            for leaf, _ in leaves_of(reader):
                n = leaf.doc_count_all()
                column = leaf.column_reader("minhash", translate=False)
                bulk = fixed_bytes_column(column, n, SIGNATURE_BYTES)
                assert [bytes(row) for row in bulk] == [column[i] for i in range(n)]
                assert sum(bytes(row) != NO_SIGNATURE for row in bulk) == 6
        ix.close()

    on_live_generation(tmp_path / "index", check)
