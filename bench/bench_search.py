"""Search-core benchmark: import + index time, query latency with all facets, SQLite FTS5 as reference.

    .venv/bin/python bench/bench_search.py [--limit N] [--queries N] [--procs 2] [--keep DIR]

Reads ../shared/corpus/text/baomoi_magizbox.jsonl.gz (35,439 real articles; skipped with a message
when absent). Queries: a fixed list of common news searches plus 1-4 syllable runs sampled from
titles with a fixed seed; a third unaccented, a fifth quoted as phrases. Every query asks for
page 1 (10 hits with snippets), the year/month/source facets, the total and the suggestion.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import open_engine  # noqa: E402
from indexer.analysis import fold, nfc  # noqa: E402
from indexer.api import SearchRequest  # noqa: E402
from indexer.settings import IndexSettings  # noqa: E402
from khobao.importing import import_jsonl  # noqa: E402
from store import ArticleStore  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "text" / "baomoi_magizbox.jsonl.gz"
FIXED_QUERIES = [
    "hà nội", "ha noi", "kinh tế", '"kinh tế"', "xổ số", "giá vàng", "bóng đá việt nam", "thủ tướng",
    "tai nạn giao thông", "chung khoan", "thời tiết", "điện thoại", "học sinh", '"công an"',
    "ngân hàng nhà nước", "xe máy", "ô tô", "du lich", "giá xăng", "hoa hậu", "tp hcm", '"sài gòn"',
    "bệnh viện", "cong an dieu tra", "ronaldo", "world cup", "bất động sản", "lãi suất ngân hàng",
]


def read_lines(limit: int | None):
    with gzip.open(CORPUS, "rb") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            yield line


def make_queries(titles: list[str], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    queries = list(FIXED_QUERIES)
    while len(queries) < count:
        words = re.findall(r"[^\W_]+", nfc(rng.choice(titles)).lower())
        if not words:
            continue
        size = rng.choice((1, 2, 2, 3, 3, 4))
        start = rng.randrange(max(1, len(words) - size + 1))
        query = " ".join(words[start:start + size])
        roll = rng.random()
        if roll < 0.33:
            query = fold(query)
        elif roll < 0.53 and size > 1:
            query = f'"{query}"'
        queries.append(query)
    return queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def build(workdir: Path, limit: int | None, procs: int) -> dict:
    started = time.perf_counter()
    cpu = time.process_time()
    with ArticleStore(workdir / "articles.sqlite3") as store:
        summary = import_jsonl(read_lines(limit), store, ZoneInfo("Asia/Ho_Chi_Minh"))
        imported = time.perf_counter()
        import_cpu = time.process_time() - cpu
        children = os.times()
        report = open_engine(workdir / "index", IndexSettings(procs=procs)).update(store)
        after = os.times()
    indexed = time.perf_counter()
    index_cpu = (after.children_user + after.children_system - children.children_user - children.children_system
                 + time.process_time() - cpu - import_cpu)
    return {"articles": summary.imported, "bad_lines": summary.bad, "import_s": imported - started,
            "index_s": indexed - imported, "total_s": indexed - started, "import_cpu_s": import_cpu,
            "index_cpu_s": index_cpu, "documents": report.total}


def bench_queries(index_dir: Path, queries: list[str]) -> dict:
    size = sum(f.stat().st_size for f in index_dir.iterdir())
    with open_engine(index_dir) as searcher:
        opened = time.perf_counter()
        searcher.search(SearchRequest("khởi động"))  # first query loads per-segment columns
        first = time.perf_counter() - opened
        cold, warm, totals = [], [], []
        for query in queries:
            t = time.perf_counter()
            page = searcher.search(SearchRequest(query))
            cold.append((time.perf_counter() - t) * 1000)
            totals.append(page.total)
            assert sum(page.facets.to_json()["source"].values()) == page.total
        for query in queries:
            t = time.perf_counter()
            searcher.search(SearchRequest(query))
            warm.append((time.perf_counter() - t) * 1000)
    return {"index_mb": size / 1e6, "open_first_query_ms": first * 1000, "cold": cold, "warm": warm,
            "totals": totals}


def fts_query(query: str) -> str:
    """The same query for FTS5: syllables ANDed, quoted runs as phrases (diacritics folded by the tokenizer)."""
    parts = []
    for quoted, plain in re.findall(r'"([^"]*)"|(\S+)', query):
        if quoted:
            words = re.findall(r"[^\W_]+", quoted)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in re.findall(r"[^\W_]+", plain))
    return " AND ".join(parts) or '""'


def bench_fts5(workdir: Path, limit: int | None, queries: list[str]) -> dict:
    db = sqlite3.connect(workdir / "fts.sqlite3")
    db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, source TEXT, day INTEGER)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    with db:
        for n, line in enumerate(read_lines(limit)):
            record = json.loads(line)
            db.execute("INSERT INTO docs VALUES (?, ?, 0)", (n, record.get("source") or ""))
            db.execute("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
                       (n, nfc(record.get("title") or ""), nfc(record.get("body") or record.get("text") or "")))
    build = time.perf_counter() - started
    times = []
    for query in queries:
        match = fts_query(query)
        t = time.perf_counter()
        db.execute("SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts WHERE fts MATCH ?"
                   " ORDER BY bm25(fts, 2.5, 1.0) LIMIT 10", (match,)).fetchall()
        db.execute("SELECT d.source, d.day / 100, COUNT(*) FROM fts JOIN docs d ON d.id = fts.rowid"
                   " WHERE fts MATCH ? GROUP BY 1, 2", (match,)).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    db.close()
    return {"build_s": build, "times": times}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--queries", type=int, default=200, help="number of queries (default 200)")
    parser.add_argument("--procs", type=int, default=2, help="indexing processes (default 2)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--no-fts", action="store_true", help="skip the SQLite FTS5 reference")
    parser.add_argument("--index", type=Path, help="time queries on this existing index (no import, no FTS5)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="khobao-bench-"))
    if args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    titles = [json.loads(line).get("title") or "" for line in read_lines(args.limit)]
    queries = make_queries([t for t in titles if t], args.queries)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    try:
        if args.index:
            ours = bench_queries(args.index, queries)
        else:
            built = build(workdir, args.limit, args.procs)
            print(f"khobao: {built['articles']} articles; import {built['import_s']:.1f} s + index "
                  f"{built['index_s']:.1f} s = {built['total_s']:.1f} s wall ({args.procs} processes); "
                  f"CPU time: import {built['import_cpu_s']:.0f} s, index {built['index_cpu_s']:.0f} s")
            ours = bench_queries(workdir / "index", queries)
        print(f"  index size {ours['index_mb']:.0f} MB")
        print(f"  first query after opening (loads columns): {ours['open_first_query_ms']:.0f} ms")
        for name in ("cold", "warm"):
            values = ours[name]
            print(f"  {len(values)} queries, {name:4}: p50 {percentile(values, 50):.1f} ms, "
                  f"p95 {percentile(values, 95):.1f} ms, max {max(values):.1f} ms, mean {statistics.mean(values):.1f} ms")
        phrase = [v for q, v in zip(queries, ours["cold"]) if q.startswith('"')]
        if phrase:
            print(f"  phrases only ({len(phrase)}), cold: p50 {percentile(phrase, 50):.1f} ms, "
                  f"p95 {percentile(phrase, 95):.1f} ms")
        print(f"  median hits per query: {statistics.median(ours['totals']):.0f}")
        if not args.no_fts and not args.index:
            fts = bench_fts5(workdir, args.limit, queries)
            print(f"SQLite FTS5 (reference): build {fts['build_s']:.1f} s; top 10 + snippets + source/day counts:"
                  f" p50 {percentile(fts['times'], 50):.1f} ms, p95 {percentile(fts['times'], 95):.1f} ms")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
