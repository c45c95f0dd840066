"""update_index: first build, incremental catch-up (add, change, delete), rebuild, crash safety,
and a Searcher that sees new commits after refresh() while other threads search."""

from __future__ import annotations

import threading

import pytest

from indexer.api import SearchRequest
from indexer.generations import live_dir
from indexer.index import read_state, update_index
from indexer.schema import build_schema
from indexer.search import Searcher, SearchError
from indexer.settings import IndexSettings
from store import ArticleStore
from tests.vn_articles import ARTICLES, article, filler

SERIAL = IndexSettings(procs=1)


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        yield store


def ids_for(searcher, query):
    return {h.id for h in searcher.search(SearchRequest(query, per_page=1000)).hits}


def test_first_run_builds_then_nothing_to_do(store, tmp_path):
    store.upsert_many([article(k) for k in ARTICLES])
    index_dir = tmp_path / "index"
    first = update_index(store, index_dir, SERIAL)
    assert (first.added, first.updated, first.deleted, first.total) == (len(ARTICLES), 0, 0, len(ARTICLES))
    assert first.rebuilt and first.seconds >= 0
    assert read_state(index_dir)["last_seq"] == store.last_seq()
    again = update_index(store, index_dir, SERIAL)
    assert (again.added, again.updated, again.deleted, again.total) == (0, 0, 0, len(ARTICLES))
    assert not again.rebuilt


def test_incremental_add_change_delete_seen_after_refresh(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ("hanoi_adjacent", "thu_tuong_covid", "lang_son_title")])
    update_index(store, index_dir, SERIAL)
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == 3
        new_id = store.upsert(article("dien_bien_phu")).id
        changed = article("lang_son_title").replace(title="Cao Bằng mở lại cửa khẩu")
        changed_id = store.upsert(changed).id
        store.delete(article("thu_tuong_covid").url)
        progress = []
        report = update_index(store, index_dir, SERIAL, progress=lambda done, total: progress.append((done, total)))
        assert (report.added, report.updated, report.deleted, report.total) == (1, 1, 1, 3)
        assert progress and progress[-1][0] == progress[-1][1]
        # not refreshed yet: the searcher still answers from what it opened
        assert ids_for(searcher, "điện biên phủ") == set()
        searcher.refresh()
        assert searcher.doc_count() == 3
        assert ids_for(searcher, "điện biên phủ") == {new_id}
        assert ids_for(searcher, "cao bằng") == {changed_id}
        assert ids_for(searcher, "lạng sơn") == set()
        assert ids_for(searcher, "thủ tướng") == set()
        page = searcher.search(SearchRequest("cửa khẩu"))
        assert page.total == 1 and page.hits[0].title == "Cao Bằng mở lại cửa khẩu"
        assert sum(page.facets.to_json()["source"].values()) == 1
        searcher.refresh()  # nothing new: cheap and harmless
        assert searcher.doc_count() == 3


def test_delete_then_restore(store, tmp_path):
    index_dir = tmp_path / "index"
    a = article("kinh_te_adjacent")
    article_id = store.upsert(a).id
    update_index(store, index_dir, SERIAL)
    store.delete(a.url)
    assert update_index(store, index_dir, SERIAL).deleted == 1
    store.upsert(a.replace(body=a.body + " Cập nhật."))
    report = update_index(store, index_dir, SERIAL)
    assert (report.added, report.total) == (1, 1)
    with Searcher(index_dir) as searcher:
        assert ids_for(searcher, "cập nhật") == {article_id}


def test_rebuild_matches_incremental(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    store.upsert_many(filler(40))
    store.delete(article("undated").url)
    update_index(store, index_dir, SERIAL)
    queries = ["hà nội", "ha noi", "đà nẵng", '"kinh tế"', "thủ tướng -covid"]
    with Searcher(index_dir) as searcher:
        before = {q: searcher.search(SearchRequest(q, per_page=100)) for q in queries}
        build_before = read_state(index_dir)["build"]
        report = update_index(store, index_dir, SERIAL, rebuild=True)
        assert report.rebuilt and report.total == len(ARTICLES) - 1 + 40
        assert read_state(index_dir)["build"] != build_before
        searcher.refresh()  # notices the rebuilt index and reopens it
        for q in queries:
            after = searcher.search(SearchRequest(q, per_page=100))
            assert {h.id for h in after.hits} == {h.id for h in before[q].hits}, q
            assert after.facets == before[q].facets, q


def test_parallel_rebuild_uses_both_processes_and_finds_everything(store, tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.index.PARALLEL_MIN_ARTICLES", 100)
    index_dir = tmp_path / "index"
    store.upsert_many(filler(400) + [article(k) for k in ARTICLES])
    report = update_index(store, index_dir, IndexSettings(procs=2), rebuild=True)
    assert report.total == 400 + len(ARTICLES)
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == report.total
        page = searcher.search(SearchRequest("đà nẵng"))
        assert page.total == 400
        assert sum(page.facets.to_json()["year"].values()) == 400
        assert {"2019", "2020", "2021", "2022"} == set(page.facets.to_json()["year"])
        assert searcher.search(SearchRequest('"kinh tế"')).total == 1


@pytest.mark.parametrize("procs", [1, 2])
def test_a_build_bigger_than_its_memory_spills_into_segments_and_finds_the_same(store, tmp_path, monkeypatch, procs):
    from whoosh import index as whoosh_index

    monkeypatch.setattr("indexer.parallel_build.PARALLEL_MIN_ARTICLES", 100)
    store.upsert_many(filler(700) + [article(k) for k in ARTICLES])
    whole = update_index(store, tmp_path / "whole", IndexSettings(procs=procs), rebuild=True)
    spilled = update_index(store, tmp_path / "spilled", IndexSettings(procs=procs, memory_mb=0), rebuild=True)
    assert spilled.total == whole.total == 700 + len(ARTICLES)
    counts = {}
    for name in ("whole", "spilled"):
        ix = whoosh_index.open_dir(str(live_dir(tmp_path / name)))
        counts[name] = len(ix._segments())
        ix.close()
    assert counts["whole"] == procs and counts["spilled"] >= 2 * procs   # a segment per 200 articles or so
    with Searcher(tmp_path / "whole") as one, Searcher(tmp_path / "spilled") as many:
        assert many.doc_count() == one.doc_count()
        for q in ["hà nội", "ha noi", "đà nẵng", '"kinh tế"', "thủ tướng -covid", "nang dep"]:
            a, b = one.search(SearchRequest(q, per_page=1000)), many.search(SearchRequest(q, per_page=1000))  # all: ties
            assert (a.total, a.facets, sorted(h.id for h in a.hits)) == (b.total, b.facets, sorted(h.id for h in b.hits)), q


def test_a_catch_up_after_a_spilled_build_rewrites_only_small_segments(store, tmp_path, monkeypatch):
    from whoosh import index as whoosh_index

    monkeypatch.setattr("indexer.index.REWRITE_AT_MOST", 100)   # the spilled segments here hold ~200 each
    store.upsert_many(filler(1800))
    update_index(store, tmp_path / "index", IndexSettings(procs=1, memory_mb=0), rebuild=True)

    def sizes() -> list[int]:
        ix = whoosh_index.open_dir(str(live_dir(tmp_path / "index")))
        found = sorted((s.doc_count_all() for s in ix._segments()), reverse=True)
        ix.close()
        return found

    built = sizes()
    assert len(built) >= 8 and min(built) >= 100
    for round_ in range(3):
        store.upsert_many(filler(3, start=5000 + round_ * 3))
        update_index(store, tmp_path / "index", SERIAL)
        after = sizes()
        assert after[:len(built)] == built          # the big segments stay as they are
        assert len(after) <= len(built) + 1         # the small ones are rewritten into one
    with Searcher(tmp_path / "index") as searcher:
        assert searcher.search(SearchRequest("đà nẵng", per_page=10)).total == 1809


class Interrupted(Exception):
    pass


def _interrupt(done, total):
    raise Interrupted()


def test_crash_during_catch_up_keeps_previous_index_and_next_run_catches_up(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    seq_before = read_state(index_dir)["last_seq"]
    store.upsert_many(filler(600))
    with pytest.raises(Interrupted):
        update_index(store, index_dir, SERIAL, progress=_interrupt)
    assert read_state(index_dir)["last_seq"] == seq_before
    with Searcher(index_dir) as searcher:  # the previous index is intact and usable
        assert searcher.doc_count() == len(ARTICLES)
        assert searcher.search(SearchRequest("đà nẵng")).total == 0
    report = update_index(store, index_dir, SERIAL)  # the write lock was released
    assert report.added == 600 and report.total == len(ARTICLES) + 600


def test_crash_during_rebuild_keeps_previous_index(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    store.upsert_many(filler(600))
    with pytest.raises(Interrupted):
        update_index(store, index_dir, SERIAL, rebuild=True, progress=_interrupt)
    assert [p.name for p in tmp_path.glob("index.*")] == [live_dir(index_dir).name]   # the unfinished build is gone
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES)
    assert update_index(store, index_dir, SERIAL).total == len(ARTICLES) + 600


def test_searching_from_threads_while_the_index_grows(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()
    with Searcher(index_dir) as searcher:
        def work():
            try:
                while not stop.is_set():
                    page = searcher.search(SearchRequest("đà nẵng OR hà nội"))
                    assert sum(page.facets.to_json()["source"].values()) == page.total
                    totals.append(page.total)
            except BaseException as exc:  # reported below
                errors.append(exc)
                stop.set()

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        try:
            for round_ in range(3):
                store.upsert_many(filler(20, start=round_ * 20))
                update_index(store, index_dir, SERIAL)
                searcher.refresh()
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=60)
        assert not any(t.is_alive() for t in threads) and not errors, errors
        assert searcher.search(SearchRequest("đà nẵng")).total == 60
    assert max(totals) <= 60 + 6


def test_searcher_on_missing_index_says_what_to_do(tmp_path):
    with pytest.raises(SearchError, match="khobao index"):
        Searcher(tmp_path / "nothing-here")


def test_schema_analyzers_live_at_stable_import_paths():
    schema = build_schema()
    for name in ("title", "body", "title_pairs", "body_pairs"):
        tokenizer = schema[name].analyzer
        assert type(tokenizer).__module__ == "indexer.terms"


def test_index_is_readable_by_whoosh_itself(store, tmp_path):
    """The fast writer leaves an ordinary Whoosh index for everything but the text fields' postings
    (those are in the postings files): Whoosh finds the documents by id and source, and reads them."""
    from whoosh.query import Term

    index_dir = tmp_path / "index"
    ids = [r.id for r in store.upsert_many([article(k) for k in ARTICLES])]
    update_index(store, index_dir, SERIAL)
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        assert searcher.doc_count() == len(ARTICLES)
        assert searcher.document(id=str(ids[0]))["title"] == ARTICLES["hanoi_adjacent"][0]
        sources = {h["source"] for h in searcher.search(Term("source", article("hanoi_adjacent").source), limit=None)}
        assert sources == {article("hanoi_adjacent").source}
        assert not list(searcher.reader().iter_field("body"))   # no text terms in Whoosh's term table
    ix.close()


def test_many_small_catch_ups_keep_the_segment_count_bounded(store, tmp_path):
    from whoosh import index as whoosh_index

    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    for round_ in range(12):
        store.upsert_many(filler(3, start=round_ * 3))
        if round_ == 5:
            store.delete(article("dien_bien_phu").url)
        update_index(store, index_dir, SERIAL)
    ix = whoosh_index.open_dir(str(index_dir))
    assert len(ix._segments()) <= 8
    ix.close()
    assert not list(index_dir.glob("*.tmp"))   # no scratch directory left behind by the writers
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) - 1 + 36
        assert searcher.search(SearchRequest("đà nẵng", per_page=100)).total == 36
        assert searcher.search(SearchRequest("điện biên phủ")).total == 0
        assert searcher.search(SearchRequest('"kinh tế"')).facets.to_json()["year"] == {"2021": 1}


def test_vocabulary_files_follow_their_segments(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    first = {p.name for p in index_dir.glob("*.vocab")}
    assert len(first) == 1
    with Searcher(index_dir) as searcher:
        assert searcher.search(SearchRequest("dien bien phu")).suggestion == "điện biên phủ"
    for path in index_dir.glob("*.vocab"):  # without the files, search goes on
        path.unlink()
    with Searcher(index_dir) as searcher:
        page = searcher.search(SearchRequest("dien bien phu"))
        assert page.total == 1
    update_index(store, index_dir, SERIAL, rebuild=True)
    assert len(list(index_dir.glob("*.vocab"))) == 1


def test_refresh_while_the_index_directory_is_being_swapped_keeps_answering(store, tmp_path):
    index_dir = tmp_path / "index"
    store.upsert_many([article(k) for k in ARTICLES])
    update_index(store, index_dir, SERIAL)
    with Searcher(index_dir) as searcher:
        aside = tmp_path / "index.old"
        index_dir.rename(aside)  # the moment between a rebuild's two renames
        searcher.refresh()
        assert searcher.search(SearchRequest("hà nội", loose=True)).total == 6
        aside.rename(index_dir)
        store.upsert_many(filler(5))
        update_index(store, index_dir, SERIAL, rebuild=True)
        searcher.refresh()
        assert searcher.doc_count() == len(ARTICLES) + 5


def test_parallel_build_from_a_threaded_process_spawns_workers(store, tmp_path, monkeypatch):
    """In a process with threads (the web server), workers are spawned rather than forked."""
    from indexer import parallel_build

    monkeypatch.setattr("indexer.index.PARALLEL_MIN_ARTICLES", 100)
    store.upsert_many(filler(300))
    release = threading.Event()
    waiter = threading.Thread(target=release.wait)
    waiter.start()
    try:
        assert parallel_build.start_method() == "spawn"
        report = update_index(store, tmp_path / "index", IndexSettings(procs=2), rebuild=True)
    finally:
        release.set()
        waiter.join(timeout=10)
    assert report.total == 300
    assert parallel_build.start_method() in ("fork", "spawn")
    with Searcher(tmp_path / "index") as searcher:
        assert searcher.search(SearchRequest("đà nẵng")).total == 300
