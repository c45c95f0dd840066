"""khobao's side of the matching bench: a data directory built by the real commands, the whole match
set of a query through the engine seam, known-item ranks, and uncached query latency.

The data directory is made by `khobao import FILE --no-index` (one file per corpus, as `khobao
import` lines written by bench/corpus.py) and `khobao index`, run as subprocesses with the built-in
defaults (tests/empty-config.toml). The articles' text is read back from the store with plain SQL,
so that the gold is computed over exactly the text khobao indexed (an import may cap a body).
"""

from __future__ import annotations

import gc
import math
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import import_lines, shown, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.api import SearchRequest  # noqa: E402
from indexer.caches import SizedCache  # noqa: E402
from indexer.engine import open_engine  # noqa: E402

CONFIG = ROOT / "tests" / "empty-config.toml"
PAGE = 1000     # the most a SearchRequest returns per page; a whole match set is read page by page


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(data_dir: Path, files: list[tuple[Path, int | None]], reuse: bool) -> None:
    """Import the corpora (each with an optional record limit) into `data_dir` and index them, unless
    `reuse` and the directory already holds a store and an index."""
    store, index = data_dir / "articles.sqlite3", data_dir / "index"
    if reuse and store.exists() and index.exists():
        say(f"reusing {data_dir}")
        return
    if store.exists() or index.exists():
        raise SystemExit(f"{data_dir} already holds a data directory: pass --reuse, or give an empty --work DIR")
    data_dir.mkdir(parents=True, exist_ok=True)
    base = [sys.executable, "-m", "khobao", "--config", str(CONFIG), "--data-dir", str(data_dir)]
    with tempfile.TemporaryDirectory(prefix="khobao-matching-") as tmp:
        for path, limit in files:
            lines = Path(tmp) / (path.name.split(".")[0] + ".jsonl")
            count = write_jsonl(import_lines(path, limit), lines)
            say(f"importing {count} articles of {shown(path)} ...")
            started = time.perf_counter()
            _run(base + ["import", str(lines), "--no-index"])
            say(f"  imported in {time.perf_counter() - started:.0f} s")
    say("indexing ...")
    started = time.perf_counter()
    _run(base + ["index"])
    say(f"  indexed in {time.perf_counter() - started:.0f} s")


def _run(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[2:4])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def articles(data_dir: Path) -> dict[int, tuple[str, str]]:
    """{store id: (title, body)} of the live articles, read with plain SQL."""
    connection = sqlite3.connect(f"file:{data_dir / 'articles.sqlite3'}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT id, title, body FROM articles WHERE deleted = 0").fetchall()
    finally:
        connection.close()
    return {row[0]: (row[1] or "", row[2] or "") for row in rows}


def engine(data_dir: Path):
    """The engine over the data directory's index, opened for search."""
    opened = open_engine(data_dir / "index")
    opened.refresh()
    return opened


def match_set(opened, query: str) -> tuple[set[int], int]:
    """Every article id khobao matches for `query` (the export's way: pages of 1000 without
    snippets, newest first), and the total the page reports."""
    ids: set[int] = set()
    number, total = 1, 0
    while True:
        page = opened.search(SearchRequest(query, sort="newest", page=number, per_page=PAGE, snippets=False))
        total = page.total
        ids.update(hit.id for hit in page.hits)
        if number >= page.pages or not page.hits:
            break
        number += 1
    if len(ids) != total:
        say(f"  note: {query!r}: total {total} but {len(ids)} distinct ids read")
    return ids, total


def top_ids(opened, query: str, count: int = 10) -> list[int]:
    """The ids of the first page as the web UI shows it (relevance, with snippets)."""
    return [hit.id for hit in opened.search(SearchRequest(query, per_page=count)).hits]


def forget_queries(opened) -> list[str]:
    """Empty the searcher's per-query and per-term caches (matches, term scores, postings,
    suggestions) so that the next search computes everything again; the opened segments, their
    columns and the vocabulary stay, as in a running server. Returns the names emptied."""
    searcher = getattr(opened, "_searcher", None)
    emptied = []
    for name, value in vars(searcher or object()).items():
        if isinstance(value, SizedCache) or name == "_suggestions":
            value.clear()
            emptied.append(name)
    return emptied


def latency(opened, queries: list[str], warm: list[str], rounds: int = 3) -> tuple[list[float], list[float], list[str]]:
    """Wall and CPU milliseconds per query (first page, relevance, snippets, facets: what the web UI
    asks), each search with the caches emptied first; the median of `rounds` passes per query, so
    that a moment of load on a shared machine does not make a query's figure (CPU time, of this
    process only, is the steadier of the two there). `warm` queries run first, untimed."""
    for query in warm:
        opened.search(SearchRequest(query))
    gc.collect()
    gc.freeze()   # the bench's own objects (gold texts, key tables) out of the collector's way while timing
    walls: list[list[float]] = [[] for _ in queries]
    cpus: list[list[float]] = [[] for _ in queries]
    emptied: list[str] = []
    for _ in range(rounds):
        for number, query in enumerate(queries):
            emptied = forget_queries(opened)
            wall, cpu = time.perf_counter(), time.process_time()
            opened.search(SearchRequest(query))
            cpus[number].append((time.process_time() - cpu) * 1000)
            walls[number].append((time.perf_counter() - wall) * 1000)
    gc.unfreeze()
    return [statistics.median(t) for t in walls], [statistics.median(t) for t in cpus], emptied


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.5, 0.95)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
