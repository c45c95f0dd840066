"""The index link and its generations: a one-step swap, recovery of what a killed run left,
the migration of a plain index directory, and damaged or empty indexes (issue 9, points 5 and 7)."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from indexer import generations
from indexer import index as index_module
from indexer.api import Facets, SearchRequest
from indexer.errors import DamagedIndexError
from indexer.generations import Generation, leftovers, live_dir, recover
from indexer.index import index_exists, read_state, update_index
from indexer.search import Searcher, SearchError
from indexer.settings import IndexSettings
from store import ArticleStore
from tests.vn_articles import ARTICLES, article, filler

SERIAL = IndexSettings(procs=1)


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert_many([article(k) for k in ARTICLES])
        yield store


def beside(index_dir):
    """Everything in the data directory named after the index, but the index link itself."""
    return sorted(p.name for p in index_dir.parent.iterdir() if p.name.startswith(index_dir.name + "."))


def make_plain(index_dir):
    """Turn the link into the plain directory an earlier version of khobao left."""
    target = live_dir(index_dir)
    index_dir.unlink()
    target.rename(index_dir)


def test_rebuild_replaces_the_link_and_removes_the_old_generation(store, tmp_path):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    first = live_dir(index_dir)
    assert index_dir.is_symlink() and first.name.startswith("index.gen-")
    assert beside(index_dir) == [first.name]
    with Searcher(index_dir) as searcher:
        store.upsert_many(filler(5))
        update_index(store, index_dir, SERIAL, rebuild=True)
        second = live_dir(index_dir)
        assert second != first and not first.exists() and beside(index_dir) == [second.name]
        assert searcher.search(SearchRequest("hà nội", loose=True)).total == 6   # still reads the removed generation
        searcher.refresh()
        assert searcher.doc_count() == len(ARTICLES) + 5
    assert not (second / generations.OWNER_FILE).exists()
    assert update_index(store, index_dir, SERIAL).total == len(ARTICLES) + 5


def test_a_rebuild_waits_for_a_running_catch_up_before_its_swap(store, tmp_path):
    """A writer on the live generation (a catch-up in another process, say) holds the swap off: what
    it commits is caught up into the new generation, and the replaced one is removed after."""
    from whoosh import index as whoosh_index

    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    first = live_dir(index_dir)
    writer = whoosh_index.open_dir(str(first)).writer()
    store.upsert_many(filler(3))
    rebuilding = threading.Thread(target=update_index, args=(store, index_dir, SERIAL), kwargs={"rebuild": True})
    try:
        rebuilding.start()
        rebuilding.join(timeout=1.0)
        assert rebuilding.is_alive() and live_dir(index_dir) == first   # waiting for the writer's lock
        store.upsert_many(filler(2, start=3))                            # what the writer would commit
    finally:
        writer.cancel()
        rebuilding.join(timeout=60)
    assert not rebuilding.is_alive() and live_dir(index_dir) != first and not first.exists()
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) + 5
    assert beside(index_dir) == [live_dir(index_dir).name]


def test_articles_stored_while_a_rebuild_runs_are_searchable_at_its_swap(store, tmp_path):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    stored = []

    def store_meanwhile(done, total):
        if not stored:
            stored.append(store.upsert_many(filler(7)))

    report = update_index(store, index_dir, SERIAL, rebuild=True, progress=store_meanwhile)
    assert stored and report.total == len(ARTICLES) + 7
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) + 7


def test_a_catch_up_never_writes_a_generation_a_rebuild_replaced(store, tmp_path):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    first = live_dir(index_dir)
    keep = tmp_path / "kept"
    shutil.copytree(first, keep)                 # the replaced generation, as a slow catch-up still sees it
    update_index(store, index_dir, SERIAL, rebuild=True)
    store.upsert_many(filler(2))
    with pytest.raises(index_module._Overtaken):
        index_module._catch_up_in(store, keep, SERIAL, None, index_dir, link=index_dir)
    assert update_index(store, index_dir, SERIAL).added == 2


def test_a_plain_index_directory_is_caught_up_then_migrated_by_a_rebuild(store, tmp_path):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    make_plain(index_dir)
    store.upsert_many(filler(3))
    assert update_index(store, index_dir, SERIAL).added == 3
    assert not index_dir.is_symlink()
    update_index(store, index_dir, SERIAL, rebuild=True)
    assert index_dir.is_symlink() and beside(index_dir) == [live_dir(index_dir).name]
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) + 3


def test_leftovers_of_the_old_two_rename_swap_are_adopted_or_removed(store, tmp_path):
    """Killed between the two renames: no `index`, the old one aside, the finished build beside."""
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    make_plain(index_dir)
    shutil.copytree(index_dir, tmp_path / "index.building")
    os.rename(index_dir, tmp_path / "index.old-1a2b3c4d")
    assert not index_exists(index_dir)
    found = {f.path.name: f.action for f in leftovers(index_dir)}
    assert sorted(found.values()) == ["adopt", "remove"]
    store.upsert_many(filler(4))
    report = update_index(store, index_dir, SERIAL)
    assert not report.rebuilt and report.added == 4   # adopted, then caught up: no rebuild needed
    assert [r.split(" (")[0] for r in report.recovered] == ["adopted index.building", "removed index.old-1a2b3c4d"]
    assert index_dir.is_symlink() and beside(index_dir) == [live_dir(index_dir).name]
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) + 4


def test_an_unfinished_build_of_a_killed_run_is_removed_but_a_running_one_is_left_alone(store, tmp_path):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    dead = tmp_path / "index.gen-0123456789ab"    # killed while building: owner.lock nobody holds
    dead.mkdir()
    (dead / generations.OWNER_FILE).write_text("4242")
    (dead / "MAIN_x.pst").write_bytes(b"\0" * 1000)
    (tmp_path / "index.building").mkdir()         # an earlier version's unfinished build
    running = Generation(index_dir)               # this process is building it right now
    try:
        found = {f.path.name: (f.action, f.bytes) for f in leftovers(index_dir)}
        assert found == {dead.name: ("remove", 1004), "index.building": ("remove", 0),
                         running.path.name: ("busy", len(str(os.getpid())))}
        assert "1004 B" in [f for f in leftovers(index_dir) if f.path == dead][0].describe()
        recover(index_dir)
        assert beside(index_dir) == sorted([live_dir(index_dir).name, running.path.name])
    finally:
        running.discard()
    assert beside(index_dir) == [live_dir(index_dir).name]


def test_no_link_and_two_finished_generations_adopts_the_newest(store, tmp_path):
    """Killed in a migration, after the plain index was moved aside and before the link was made."""
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    older = live_dir(index_dir)
    store.upsert_many(filler(2))
    update_index(store, index_dir, SERIAL, rebuild=True)
    newer = live_dir(index_dir)
    shutil.copytree(newer, older)   # the older generation back, as if never removed
    os.utime(older / "khobao.json", ns=(1, 1))
    index_dir.unlink()
    recover(index_dir)
    assert live_dir(index_dir) == newer and beside(index_dir) == [newer.name]


def test_an_index_without_documents_answers_every_search_with_nothing(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as empty:
        assert update_index(empty, tmp_path / "index", SERIAL).total == 0   # e.g. a crawl that kept no page
        with Searcher(tmp_path / "index") as searcher:
            assert searcher.doc_count() == 0
            for query in ("hà nội", '"kinh tế"', "-covid", "title:x"):
                for sort in ("relevance", "newest"):
                    page = searcher.search(SearchRequest(query, sort=sort))
                    assert page.total == 0 and page.hits == [] and page.facets == Facets()
            empty.upsert_many(filler(3))
            assert update_index(empty, tmp_path / "index", SERIAL).added == 3
            searcher.refresh()
            assert searcher.search(SearchRequest("đà nẵng")).total == 3


@pytest.mark.parametrize("damage", ["truncate-toc", "truncate-terms", "truncate-gaps", "lose-frequencies",
                                    "garbage-toc"])
def test_a_damaged_index_says_so_and_a_rebuild_repairs_it(store, tmp_path, damage):
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    ext = {"truncate-terms": ".tix", "truncate-gaps": ".tdoc", "lose-frequencies": ".tfrq"}.get(damage, ".toc")
    (victim,) = [p for p in live_dir(index_dir).iterdir() if p.name.endswith(ext)]
    data = victim.read_bytes()
    if damage == "lose-frequencies":
        victim.unlink()
    else:
        victim.write_bytes(b"\x80\x04garbage" * 10 if damage == "garbage-toc" else data[:len(data) // 2])
    with pytest.raises(SearchError) as searching:
        Searcher(index_dir)
    store.upsert_many(filler(2))
    with pytest.raises(DamagedIndexError) as catching_up:
        update_index(store, index_dir, SERIAL)
    for message in (str(searching.value), str(catching_up.value)):
        assert f"the index in {index_dir} is damaged" in message
        assert "`khobao index --rebuild`" in message and "\n" not in message
    assert update_index(store, index_dir, SERIAL, rebuild=True).total == len(ARTICLES) + 2
    assert read_state(index_dir)["documents"] == len(ARTICLES) + 2
    with Searcher(index_dir) as searcher:
        assert searcher.search(SearchRequest("đà nẵng")).total == 2


def test_the_commands_on_a_damaged_index_say_one_line_and_rebuild_works(tmp_path):
    from click.testing import CliRunner

    from khobao.cli import cli

    config = tmp_path / "config.toml"
    config.write_text('data_dir = "data"\n', encoding="utf-8")
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert_many(filler(5))
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--config", str(config), *args])

    assert run("index").exit_code == 0
    (toc,) = live_dir(tmp_path / "data" / "index").glob("*.toc")
    toc.write_bytes(toc.read_bytes()[:30])
    for args in (("index",), ("search", "đà nẵng")):
        result = run(*args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        (line,) = result.output.strip().splitlines()
        assert line.startswith("Error: the index in ") and line.endswith("rebuild it with `khobao index --rebuild`")
    rebuilt = run("index", "--rebuild")
    assert rebuilt.exit_code == 0 and "5 articles in the index" in rebuilt.output
    assert '"total": 5' in run("search", "đà nẵng", "--json").output


def test_a_catch_up_overtaken_by_a_rebuild_loses_nothing(store, tmp_path):
    """A rebuild (another thread here, another process in life) starts while a catch-up is writing."""
    index_dir = tmp_path / "index"
    update_index(store, index_dir, SERIAL)
    first = live_dir(index_dir)
    store.upsert_many(filler(450))
    threads = []

    def rebuild_meanwhile(done, total):
        if not threads:
            threads.append(threading.Thread(target=update_index, args=(store, index_dir, SERIAL),
                                            kwargs={"rebuild": True}))
            threads[0].start()

    try:
        update_index(store, index_dir, SERIAL, progress=rebuild_meanwhile)
    finally:
        for thread in threads:
            thread.join(timeout=60)
    assert threads and not threads[0].is_alive()
    assert live_dir(index_dir) != first and not first.exists()
    store.upsert_many(filler(2, start=450))
    assert update_index(store, index_dir, SERIAL).added == 2
    assert beside(index_dir) == [live_dir(index_dir).name]
    with Searcher(index_dir) as searcher:
        assert searcher.doc_count() == len(ARTICLES) + 452
