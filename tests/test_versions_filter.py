"""The edited filter in the index: an article re-crawled with changed text is found with --edited
after the `khobao index` catch-up (and a rebuild, and a catch-up that rewrites small segments);
one fetched again unchanged is not; an index of the format before the version column is outdated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from indexer import SearchRequest, open_engine
from indexer.generations import STATE_FILE
from indexer.index import MAX_SEGMENTS
from indexer.schema import SCHEMA_VERSION
from indexer.settings import IndexSettings
from store import ArticleStore
from versions_corpus import fire, first_fetch, later_fetches, market, others

ROOT = Path(__file__).resolve().parent.parent


def khobao(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180, check=False)


def edited_ids(data_dir: Path, query: str = "") -> list[int]:
    done = khobao(data_dir, "search", query, "--edited", "--json", "--limit", "100")
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert page["total"] == len(page["hits"])
    return sorted(hit["id"] for hit in page["hits"])


def test_an_article_changed_after_its_first_fetch_is_found_after_the_catch_up(tmp_path):
    data_dir = tmp_path / "data"
    ids = first_fetch(data_dir / "articles.sqlite3")
    assert khobao(data_dir, "index").returncode == 0
    assert edited_ids(data_dir) == []

    later_fetches(data_dir / "articles.sqlite3")   # fire and market change, weather comes back the same
    caught_up = khobao(data_dir, "index")
    assert caught_up.returncode == 0 and "rebuilt" not in caught_up.stdout + caught_up.stderr
    assert edited_ids(data_dir) == sorted([ids["fire"], ids["market"]])
    assert edited_ids(data_dir, "nha kho") == [ids["fire"]]
    assert edited_ids(data_dir, "không khí lạnh") == []             # fetched twice, never changed
    everything = json.loads(khobao(data_dir, "search", "", "--json").stdout)
    assert everything["total"] == 6                                   # without the flag: every article
    printed = khobao(data_dir, "search", "rau", "--edited")
    assert printed.returncode == 0 and "Giá rau xanh" in printed.stdout and printed.stdout.startswith("1 results")
    assert "only articles edited after publication" in printed.stdout.splitlines()[0]

    rebuilt = khobao(data_dir, "index", "--rebuild")
    assert rebuilt.returncode == 0
    assert edited_ids(data_dir) == sorted([ids["fire"], ids["market"]])


def test_the_flag_survives_segments_rewritten_by_a_catch_up(tmp_path):
    """A catch-up with many segments rewrites the small ones from their stored fields: the version
    must come back from there too."""
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    ids = first_fetch(store_path)
    with open_engine(index_dir, IndexSettings(procs=1)) as engine:
        with ArticleStore(store_path) as store:
            engine.update(store)
            store.upsert(fire(2))
            engine.update(store)                         # the fire, edited, in a small segment of its own
            for n, article in enumerate(others() * (MAX_SEGMENTS + 1)):
                store.upsert(article.replace(body=article.body + f" Cập nhật lần {n}."))
                engine.update(store)                     # one small segment each, until some are rewritten
            store.upsert(market(1))                      # unchanged: no new version
            engine.update(store)
        engine.refresh()
        found = engine.search(SearchRequest("", edited=True, per_page=100))
    edited = {hit.id for hit in found.hits}
    assert ids["fire"] in edited and ids["market"] not in edited and ids["weather"] not in edited
    assert found.total == 1 + len(others())


def test_an_index_without_the_version_column_is_reported_outdated(tmp_path):
    data_dir = tmp_path / "data"
    first_fetch(data_dir / "articles.sqlite3")
    assert khobao(data_dir, "index").returncode == 0
    state = data_dir / "index" / STATE_FILE
    assert json.loads(state.read_text())["schema"] == SCHEMA_VERSION
    state.write_text(json.dumps({**json.loads(state.read_text()), "schema": "3"}))   # the format before it
    searched = khobao(data_dir, "search", "nha kho", "--edited")
    assert searched.returncode == 1 and "another version of khobao" in searched.stderr + searched.stdout
    assert "Traceback" not in searched.stderr
    assert "rebuilt" in khobao(data_dir, "index").stdout
    assert edited_ids(data_dir) == []
