"""Crash tests: real `python -m khobao` processes killed (SIGKILL) at points chosen by a seeded
generator, during an import, a catch-up, a rebuild, the index swap itself and a crawl.

After each kill: the processes it started are gone within seconds, a search answers (old or
new content) or says there is no index yet, never with a traceback. After the next clean run:
every article is in the store once, the index holds exactly the store's articles, and nothing
is left beside the index. KHOBAO_CRASH_SEED picks other kill points (default 9).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from crashkit import (
    COMMON,
    beside_index,
    descendants,
    kill,
    orphans,
    run,
    start,
    start_python,
    wait_for,
    write_articles,
    write_config,
)
from indexer.generations import PAUSE_HOOK
from store import ArticleStore
from test_crawl_cli import expected_urls, sites, source_tables  # noqa: F401,F811 - sites: the fixture sites
from test_crawl_cli import write_config as crawl_config

SEED = int(os.environ.get("KHOBAO_CRASH_SEED", "9"))
BASE = 2200   # above PARALLEL_MIN_ARTICLES: builds run in [index] procs = 2 worker processes
MORE = 300    # a catch-up, not a rebuild

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@pytest.fixture
def rng(request) -> random.Random:
    return random.Random(f"{SEED}:{request.node.name}")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    """A data directory with BASE articles imported and indexed, copied by the tests that need one."""
    folder = tmp_path_factory.mktemp("built")
    config = write_config(folder)
    urls = write_articles(folder / "base.jsonl", 0, BASE, random.Random(SEED))
    code, out, err = run(config, "import", "base.jsonl")
    assert code == 0, err
    return folder, urls


def copy_of(built, tmp_path: Path) -> Path:
    folder = tmp_path / "copy"
    shutil.copytree(built[0], folder, symlinks=True)
    return folder / "config.toml"


def stored_urls(config: Path) -> list[str]:
    with ArticleStore(config.parent / "data" / "articles.sqlite3") as store:
        return [s.article.url for s in store.all_articles()]


def check_between(config: Path, counts: set[int] | None, query: str = COMMON, had_index: bool = False) -> None:
    """A search right after the kill: old or new content, or one line saying there is no index
    (only where there was none before)."""
    code, out, err = run(config, "search", query, "--json", timeout=60)
    assert "Traceback" not in err
    assert code == 0 or not had_index, err
    if code == 0:
        assert counts is None or json.loads(out)["total"] in counts, (out[:200], counts)
    else:
        assert code == 1 and err.count("\n") == 1 and "no index" in err, err


def check_after(config: Path, expected: list[str], query: str | None = COMMON) -> None:
    """After the next clean run: nothing lost, nothing twice, the index equal to the store, no leftovers."""
    urls = stored_urls(config)
    assert sorted(urls) == sorted(set(expected)) and len(urls) == len(set(urls)), f"seed {SEED}"
    code, out, err = run(config, "status", "--json", timeout=60)
    assert code == 0, err
    index = json.loads(out)["index"]
    assert (index["articles"], index["behind"], index["leftovers"]) == (len(urls), 0, []), (index, SEED)
    assert beside_index(config.parent / "data") == []
    if query:
        code, out, err = run(config, "search", query, "--json", "--limit", "1", timeout=60)
        assert code == 0 and json.loads(out)["total"] == len(urls), err


def kill_and_check_orphans(process, within: float = 2.0) -> None:
    """Killed early in a build, a worker has seconds of work left: gone within 2 s means it died
    with its parent, not that it finished."""
    below = kill(process)
    assert orphans(below, within) == set(), f"processes left running after the kill (seed {SEED})"


def wait_for_workers(process) -> None:
    wait_for(lambda: len(descendants(process.proc.pid)) >= 2, 90, "indexing worker processes", process.proc)


def pause(rng: random.Random, low: float, high: float) -> None:
    time.sleep(rng.uniform(low, high))


def test_kills_during_an_import(tmp_path, rng):
    config = write_config(tmp_path)
    urls = write_articles(tmp_path / "articles.jsonl", 0, BASE, rng)
    for phase in ("index build", "anywhere"):   # the first always builds: the index is new
        process = start(config, "import", "articles.jsonl")
        if phase == "index build":
            wait_for_workers(process)
            pause(rng, 0.0, 0.5)
        else:
            pause(rng, 0.5, 5.0)
        kill_and_check_orphans(process)
        check_between(config, {len(urls)})
    code, out, err = run(config, "import", "articles.jsonl")
    assert code == 0 and "Traceback" not in err, err
    check_after(config, urls)


def test_kills_during_a_catch_up(built, tmp_path, rng):
    config = copy_of(built, tmp_path)
    more = write_articles(config.parent / "more.jsonl", BASE, MORE, rng)
    code, out, err = run(config, "import", "--no-index", "more.jsonl")
    assert code == 0, err
    for _ in range(2):
        process = start(config, "index")
        pause(rng, 1.0, 4.0)
        kill_and_check_orphans(process)
        check_between(config, {BASE, BASE + MORE}, had_index=True)
    code, out, err = run(config, "index")
    assert code == 0 and "index updated" in out, (out, err)
    check_after(config, built[1] + more)


def test_kills_during_a_rebuild(built, tmp_path, rng):
    config = copy_of(built, tmp_path)
    for phase in ("workers", "anywhere"):
        process = start(config, "index", "--rebuild")
        if phase == "workers":
            wait_for_workers(process)
            pause(rng, 0.0, 0.5)
        else:
            pause(rng, 0.5, 6.0)
        kill_and_check_orphans(process)
        check_between(config, {BASE}, had_index=True)
    code, out, err = run(config, "index")
    assert code == 0 and "Traceback" not in err, err
    check_after(config, built[1])


@pytest.mark.parametrize("layout", ["link", "plain directory of an earlier version"])
def test_a_kill_during_the_swap(built, tmp_path, layout):
    config = copy_of(built, tmp_path)
    data = config.parent / "data"
    if layout != "link":
        target = data / os.readlink(data / "index")
        (data / "index").unlink()
        target.rename(data / "index")
    marker = tmp_path / "at-swap"
    process = start(config, "index", "--rebuild", env={PAUSE_HOOK: f"swap:{marker}"})
    wait_for(marker.exists, 90, "the swap", process.proc)
    kill_and_check_orphans(process)
    check_between(config, {BASE}, had_index=layout == "link")   # an earlier version's directory was moved aside
    code, out, err = run(config, "status", "--json")
    leftovers = json.loads(out)["index"]["leftovers"]
    # the finished build was not swapped in: removed; with no index at all, the newest is adopted
    assert sorted(f["action"] for f in leftovers) == (["remove"] if layout == "link" else ["adopt", "remove"])
    code, out, err = run(config, "index")
    assert code == 0 and "Traceback" not in err, err
    assert out.startswith("left by an interrupted run: ") and "removed index.gen-" in out.splitlines()[0], out
    check_after(config, built[1])


def test_kills_during_a_crawl(tmp_path, sites, rng):  # noqa: F811 - the fixture imported above
    config = crawl_config(tmp_path / "config.toml", source_tables(sites[0].base, sites[1].base), workers=2)
    for site in sites:
        site.min_delay = 0.05   # a crawl of a few seconds, to be killed in the middle
    for _ in range(2):
        process = start(config, "crawl", "-q")
        pause(rng, 1.0, 5.0)
        kill_and_check_orphans(process, within=5.0)   # the crawl's workers look at their parent every second
        check_between(config, None, "chè")
    for site in sites:
        site.min_delay = 0.0
    code, out, err = run(config, "crawl", "-q")
    assert code == 0 and "Traceback" not in err, err
    check_after(config, expected_urls(sites), query=None)


SPAWNING_BUILD = """
import sys, threading
from store import ArticleStore
from indexer.index import update_index
from indexer.parallel_build import start_method
from indexer.settings import IndexSettings
threading.Thread(target=threading.Event().wait, daemon=True).start()   # a thread: workers are spawned
assert start_method() == "spawn"
with ArticleStore(sys.argv[1]) as store:
    update_index(store, sys.argv[2], IndexSettings(procs=2), rebuild=True)
"""


def test_a_kill_of_a_process_whose_workers_were_spawned(built, tmp_path, rng):
    """A build from a process with threads (the web server) spawns its workers instead of forking."""
    config = copy_of(built, tmp_path)
    data = config.parent / "data"
    process = start_python(SPAWNING_BUILD, str(data / "articles.sqlite3"), str(data / "index"))
    wait_for(lambda: len(descendants(process.proc.pid)) >= 3, 90, "spawned workers", process.proc)
    pause(rng, 0.5, 1.0)   # spawned workers import for a while before they index
    kill_and_check_orphans(process)
    code, out, err = run(config, "index")
    assert code == 0 and "Traceback" not in err, err
    check_after(config, built[1])
