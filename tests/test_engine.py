"""The engine seam (indexer/engine.py): what the web UI and the commands use, in plain data only.

Run against the Whoosh engine over a real store and a real index on disk, and compared with the
Searcher it wraps: the seam changes no result.
"""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, datetime

import pytest

from indexer.api import Hit, SearchPage, SearchRequest
from indexer.engine import Engine, IndexReport, IndexStatus, SearchError, open_engine
from indexer.search import Searcher
from indexer.settings import IndexSettings
from store import ArticleStore
from tests.vn_articles import ARTICLES, article, filler

SERIAL = IndexSettings(procs=1)


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert_many(filler(40) + [article(k) for k in ARTICLES])
        yield store


@pytest.fixture
def engine(tmp_path):
    with open_engine(tmp_path / "index", SERIAL) as engine:
        yield engine


def _plain(value, path="result") -> None:
    """Fail if anything reachable from `value` is not plain data (a Whoosh object, say)."""
    assert not type(value).__module__.startswith("whoosh"), f"{path} is a {type(value)}"
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            _plain(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain(key, f"{path} key")
            _plain(item, f"{path}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            _plain(item, f"{path}[{n}]")
    else:
        assert value is None or isinstance(value, (str, int, float, bool, date, datetime)), \
            f"{path} is a {type(value)}"


def test_the_whoosh_engine_has_every_method_of_the_protocol_with_its_parameters(engine):
    for name, member in inspect.getmembers(Engine, inspect.isfunction):
        if name.startswith("_") and name not in ("__enter__", "__exit__"):
            continue
        implemented = getattr(engine, name)
        assert list(inspect.signature(implemented).parameters) == list(inspect.signature(member).parameters)[1:], name


def test_before_any_indexing_the_status_says_none_and_search_says_how_to_fix_it(engine):
    assert engine.status() == IndexStatus(exists=False, documents=0, indexed_seq=0)
    with pytest.raises(SearchError, match="khobao index"):
        engine.search(SearchRequest("ha noi"))


def test_update_then_search_suggest_and_similar_articles_as_the_searcher_gives_them(engine, store, tmp_path):
    report = engine.update(store)
    assert isinstance(report, IndexReport) and report.added == len(ARTICLES) + 40   # the first update builds
    status = engine.status()
    assert status == IndexStatus(exists=True, documents=len(ARTICLES) + 40, indexed_seq=store.last_seq(),
                                 bytes=status.bytes)
    assert status.bytes > 10_000 and status.leftovers == ()
    assert engine.doc_count() == len(ARTICLES) + 40
    with Searcher(tmp_path / "index") as searcher:
        for request in (SearchRequest("ha noi"), SearchRequest("đà nẵng", sort="newest", page=2, per_page=5),
                        SearchRequest('"điện biên phủ"'), SearchRequest("", sources=("baomau",)),
                        SearchRequest("nang", facets_only=True)):
            page, expected = engine.search(request), searcher.search(request)
            assert isinstance(page, SearchPage)
            assert dataclasses.replace(page, took_ms=0) == dataclasses.replace(expected, took_ms=0)
            _plain(page)
        wanted = searcher.search(SearchRequest("ha noi", per_page=10))
        assert engine.suggest("ha noi") == (wanted.suggestion, wanted.correction) == ("hà nội", None)
        first = wanted.hits[0].id
        similar = engine.more_like_this(first, limit=3)
        assert similar == searcher.more_like_this(first, limit=3)
        assert all(isinstance(hit, Hit) for hit in similar)
        _plain(similar)
    assert engine.more_like_this(10**9) == []
    assert engine.highlight("Trời Hà Nội hôm nay", "ha noi") == "Trời <mark>Hà Nội</mark> hôm nay"


def test_update_catches_up_refresh_sees_it_and_rebuild_builds_afresh(engine, store):
    engine.update(store)
    engine.refresh()   # opens the index for search
    before = engine.doc_count()
    store.upsert_many(filler(3, start=1000))
    report = engine.update(store)
    assert report.added == 3 and engine.doc_count() == before   # not yet seen by the open searcher
    engine.refresh()
    assert engine.doc_count() == before + 3
    rebuilt = engine.rebuild(store)
    assert rebuilt.rebuilt and rebuilt.total == before + 3
    engine.refresh()
    assert engine.search(SearchRequest("ha noi")).total > 0
    assert engine.status().indexed_seq == store.last_seq()


def test_a_damaged_index_is_reported_by_status_not_raised(engine, store, tmp_path):
    engine.update(store)
    from indexer.generations import live_dir
    for toc in live_dir(tmp_path / "index").glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    status = engine.status()
    assert status.exists and status.documents == 0
    assert status.damaged and "khobao index --rebuild" in status.damaged


def test_warm_up_reads_every_segments_vocabulary_before_any_search(store, engine):
    engine.rebuild(store)
    store.upsert_many(filler(3, start=40))
    engine.update(store)                       # a second segment
    engine.refresh()
    searcher = engine._search_side()
    assert not searcher._segment_vocabulary
    engine.warm_up()
    assert len(searcher._segment_vocabulary) == len(searcher._view.leaves) >= 1
