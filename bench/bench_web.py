"""Web UI under load: the search page and the JSON API over HTTP, 20 concurrent clients.

    .venv/bin/python bench/bench_web.py [--data-dir /tmp/khobao-bench/data] [--seconds 30] [--workers 2]

1. Imports ../shared/corpus/text/baomoi_magizbox.jsonl.gz (35,439 articles, undated, one source)
   with `khobao import` into a data directory under /tmp, once; and news_crawler_quancq.jsonl.gz
   (6,985 dated articles from many sources) beside it when present, so that year, date and source
   filters select something. Skipped with a message when the corpus is absent.
2. Builds a query mix from the archive's own titles (seeded): one to four consecutive words, half
   typed without accents, some quoted; with no filter, a source, a year, a date range, newest
   first, or page 2.
3. Starts `khobao serve` (waitress, --workers processes) on 127.0.0.1, warms it with queries that
   are not measured, then drives it with wrk (Debian's `wrk`, written in C, so the load tool takes
   little CPU from the server): 20 connections, each sending its next request as soon as the last
   one is answered (no think time) unless said. Three streams, for the page (`/?q=...`) and the API
   (`/api/search?q=...`):
   - "distinct": every request a query not asked before, so the server's cache of recent result
     pages never helps: the cost of real searching;
   - "repeated": queries drawn from a pool of 1,500 with Zipf-like popularity, as search logs are;
   - "distinct, 1 s think": distinct queries again, but each of the 20 clients pauses 0-2 s (1 s
     on average) before its next search, as a person reading results does.
4. Prints throughput, p50/p95/p99, errors, and markdown rows for bench/RESULTS.md.

With `--pages researcher` it measures the other pages instead, each with the "distinct" stream
only (every request one not asked before): the home page, article pages, attention over time
(`/trends`, two queries each) and keyword in context (`/kwic`, in date order and sorted by the
word to the left), and the JSON of trends and KWIC.
The same p95 targets hold: 150 ms for a page, 100 ms for the API.

Only 127.0.0.1 is ever contacted; every run is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "text" / "baomoi_magizbox.jsonl.gz"
DATED = ROOT.parent / "shared" / "corpus" / "text" / "news_crawler_quancq.jsonl.gz"
sys.path.insert(0, str(ROOT))

from indexer.analysis import fold  # noqa: E402

CLIENTS = 20
TARGETS = {"page": 150.0, "api": 100.0}   # p95 targets in ms

LUA = """
local paths = {%(paths)s}
local think_ms = %(think_ms)d
local counter = 0
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function init(args)
  counter = id * 97
end
function delay()
  if think_ms > 0 then return math.random(0, 2 * think_ms) end
  return 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def khobao(data_dir: Path, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, **kw)


def ensure_imported(data_dir: Path) -> None:
    done = data_dir / "bench-imported.txt"
    wanted = [c for c in (CORPUS, DATED) if c.exists()]
    have = done.read_text().split() if done.exists() else []
    for corpus in wanted:
        if corpus.name in have:
            continue
        print(f"importing {corpus.name} into {data_dir} (once) ...", flush=True)
        started = time.perf_counter()
        if khobao(data_dir, "import", str(corpus)).wait() != 0:
            sys.exit("bench_web: the import failed; see above")
        print(f"imported in {time.perf_counter() - started:.0f} s", flush=True)
        have.append(corpus.name)
        done.write_text("\n".join(have))


_WORD = re.compile(r"[^\W_]+")


def titles(data_dir: Path) -> list[tuple[str, str, str | None]]:
    db = sqlite3.connect(f"file:{data_dir / 'articles.sqlite3'}?mode=ro", uri=True)
    rows = db.execute("SELECT title, source, published FROM articles WHERE NOT deleted AND title != ''"
                      " ORDER BY id").fetchall()
    db.close()
    return rows


def query_mix(rows, count: int, seed: int) -> list[tuple[str, dict]]:
    """(accents, params) pairs: queries taken from real titles, with a realistic spread of filters."""
    rng = random.Random(seed)
    years = sorted({int(p[:4]) for _, _, p in rows if p})
    mix = []
    while len(mix) < count:
        title, source, published = rows[rng.randrange(len(rows))]
        words = _WORD.findall(title)
        if not words:
            continue
        k = min(len(words), rng.choice((1, 2, 2, 3, 3, 4)))
        start = rng.randrange(len(words) - k + 1)
        text = " ".join(words[start:start + k])
        accents = rng.random() < 0.5
        if not accents:
            text = fold(text.lower())
        if k >= 2 and rng.random() < 0.1:
            text = f'"{text}"'
        params = {"q": text}
        roll = rng.random()
        year = datetime.fromisoformat(published).year if published else rng.choice(years or [2017])
        if roll < 0.45:
            pass                                  # plain: the words alone
        elif roll < 0.65:
            params["source"] = source
        elif roll < 0.80:
            params["year"] = str(year)
        elif roll < 0.88:
            params["from"], params["to"] = f"01/01/{year - 1}", f"31/12/{year}"
        elif roll < 0.95:
            params["sort"] = "newest"
        else:
            params["page"] = "2"
        mix.append(("accented" if accents else "unaccented", params))
    return mix


def start_server(data_dir: Path, workers: int, **popen) -> tuple[subprocess.Popen, str]:
    """`khobao serve` on a free port of 127.0.0.1; `popen` goes to subprocess.Popen (stderr=..., say)."""
    process = khobao(data_dir, "serve", "--host", "127.0.0.1", "--port", "0", "--workers", str(workers),
                     stdout=subprocess.PIPE, text=True, **popen)
    line = process.stdout.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not match:
        process.kill()
        sys.exit(f"bench_web: the server did not start: {line!r}")
    return process, match.group(1)


def zipf_stream(pool: list, count: int, seed: int, s: float = 1.0) -> list:
    """`count` draws from `pool`, the k-th most popular with weight 1/k^s."""
    rng = random.Random(seed)
    weights = [1 / (k + 1) ** s for k in range(len(pool))]
    return rng.choices(pool, weights=weights, k=count)


def run_wrk(url: str, paths: list[str], seconds: int, think_ms: int = 0) -> dict:
    """wrk with 20 connections; with `think_ms`, each waits 0 to 2 x think_ms before its next request."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ",\n".join(f'"{p}"' for p in paths), "think_ms": think_ms})
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name,
                              url], capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        os.unlink(script.name)
    result = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


RESEARCHER = {   # name: (kind, how a query mix entry and an article id become a path)
    "home": ("page", lambda params, other, article: "/"),
    "article": ("page", lambda params, other, article: f"/article/{article}?{urlencode({'q': params['q']})}"),
    "trends": ("page", lambda params, other, article: "/trends?" + urlencode([("q", params["q"]), ("q", other["q"])])),
    "kwic": ("page", lambda params, other, article: "/kwic?" + urlencode(params)),
    "kwic by word": ("page", lambda params, other, article: "/kwic?" + urlencode({"q": params["q"], "sort": "left"})),
    "trends API": ("api", lambda params, other, article: "/api/trends?" + urlencode([("q", params["q"]),
                                                                                     ("q", other["q"])])),
    "kwic API": ("api", lambda params, other, article: "/api/kwic?" + urlencode(params)),
}


def researcher_paths(rows, ids: list[int], count: int, seed: int) -> dict[str, list[str]]:
    """For each page of RESEARCHER, `count` distinct paths built from the query mix and article ids."""
    mix = query_mix(rows, 2 * count, seed=seed)
    rng = random.Random(seed)
    return {name: [build(mix[2 * i][1], mix[2 * i + 1][1], rng.choice(ids)) for i in range(count)]
            for name, (_, build) in RESEARCHER.items()}


def article_ids(data_dir: Path) -> list[int]:
    db = sqlite3.connect(f"file:{data_dir / 'articles.sqlite3'}?mode=ro", uri=True)
    ids = [row[0] for row in db.execute("SELECT id FROM articles WHERE NOT deleted")]
    db.close()
    return ids


def measured(url: str, paths: list[str], seconds: int, target_ms: float, think_ms: int = 0) -> tuple[dict, bool]:
    """One wrk run over `paths`, and whether it met its p95 target without an error."""
    result = run_wrk(url, paths, seconds, think_ms)
    return result, result["errors"] == 0 and result["p95_us"] / 1000 < target_ms


def summary(result: dict, ok: bool, target_ms: float) -> str:
    """A run's line: requests, throughput, latencies, errors and the verdict."""
    return (f"{result['requests']:6d} requests in {result['duration_us'] / 1e6:.0f} s: {result['rps']:.0f} req/s, "
            f"p50 {result['p50_us'] / 1000:.1f} ms, p95 {result['p95_us'] / 1000:.1f} ms, "
            f"p99 {result['p99_us'] / 1000:.1f} ms, max {result['max_us'] / 1000:.0f} ms, errors {result['errors']}"
            f"  [{'meets' if ok else 'MISSES'} p95 < {target_ms:.0f} ms]")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}"


def server_threads() -> int:
    from khobao.config import load_settings
    return load_settings(ROOT / "config.toml").web.threads


def describe(mix) -> str:
    kinds: dict[str, int] = {}
    for accent, params in mix:
        kinds[accent] = kinds.get(accent, 0) + 1
        for name in ("source", "year", "from", "sort", "page"):
            if name in params:
                kinds[f"with {name}"] = kinds.get(f"with {name}", 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/khobao-bench/data"))
    parser.add_argument("--seconds", type=int, default=30, help="length of each measured run")
    parser.add_argument("--workers", type=int, default=2, help="server processes (khobao serve --workers)")
    parser.add_argument("--pages", choices=("search", "researcher"), default="search",
                        help="search: the search page and API (three streams); researcher: home, article, "
                             "trends and KWIC pages and their JSON (distinct stream)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench_web: skipped: the corpus {CORPUS} is not here")
        return
    if shutil.which("wrk") is None:
        print("bench_web: skipped: the load tool wrk is missing (apt-get install wrk)")
        return
    ensure_imported(args.data_dir)
    rows = titles(args.data_dir)
    if args.pages == "researcher":
        measure_researcher(args, rows)
        return
    warm = query_mix(rows, 400, seed=1)
    distinct = {"page": query_mix(rows, 24000, seed=2), "api": query_mix(rows, 24000, seed=3)}
    think = {"page": query_mix(rows, 3000, seed=6), "api": query_mix(rows, 3000, seed=7)}
    pool = query_mix(rows, 1500, seed=4)
    repeated = zipf_stream(pool, 20000, seed=5)
    print(f"{len(rows)} articles; distinct page stream: {describe(distinct['page'])}")

    server, url = start_server(args.data_dir, args.workers)
    results = []
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            started = time.perf_counter()
            for _, params in warm:           # warm-up (not measured), and every answer must be 200
                for path in ("/", "/api/search"):
                    response = client.get(path, params=params)
                    if response.status_code != 200:
                        sys.exit(f"bench_web: {path}?{urlencode(params)} answered {response.status_code}")
            print(f"warm-up: {2 * len(warm)} requests, all 200, in {time.perf_counter() - started:.0f} s")
        streams = (("distinct", distinct, 0), ("repeated", {"page": repeated, "api": repeated}, 0),
                   ("distinct, 1 s think", think, 1000))
        for stream, mixes, think_ms in streams:
            for name, prefix in (("page", "/?"), ("api", "/api/search?")):
                paths = [prefix + urlencode(params) for _, params in mixes[name]]
                result, ok = measured(url, paths, args.seconds, TARGETS[name], think_ms)
                cycled = stream.startswith("distinct") and result["requests"] > len(paths)
                results.append((name, stream, result, ok))
                print(f"{name:4} {stream:20} {summary(result, ok, TARGETS[name])}"
                      f"{' (the distinct list cycled: some cache hits)' if cycled else ''}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nmachine: {machine()}; server: khobao serve --workers {args.workers} "
          f"(waitress, {server_threads()} request thread(s) each, [web] threads); load: wrk -t2 -c{CLIENTS} -d{args.seconds}s")
    print("\n| endpoint | queries | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors | p95 target |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, stream, r, ok in results:
        label = "page `/`" if name == "page" else "API `/api/search`"
        print(f"| {label} | {stream} | {CLIENTS} | {r['requests']} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | "
              f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['errors']} | "
              f"< {TARGETS[name]:.0f} ms {'met' if ok else 'missed'} |")


def measure_researcher(args, rows) -> None:
    """The researcher's pages, each with its own distinct stream (no request asked twice)."""
    ids = article_ids(args.data_dir)
    warm = researcher_paths(rows, ids, 30, seed=11)
    streams = researcher_paths(rows, ids, 6000, seed=12)
    server, url = start_server(args.data_dir, args.workers)
    results = []
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            for name, paths in warm.items():     # warm-up (not measured), and every answer must be 200
                for path in paths:
                    response = client.get(path)
                    if response.status_code != 200:
                        sys.exit(f"bench_web: {path} answered {response.status_code}")
        for name, paths in streams.items():
            kind = RESEARCHER[name][0]
            result, ok = measured(url, paths, args.seconds, TARGETS[kind])
            results.append((name, kind, result, ok))
            print(f"{name:12} {summary(result, ok, TARGETS[kind])}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nmachine: {machine()}; server: khobao serve --workers {args.workers}; "
          f"load: wrk -t2 -c{CLIENTS} -d{args.seconds}s, distinct requests")
    print("\n| page | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | p95 target |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, kind, r, ok in results:
        print(f"| {name} | {CLIENTS} | {r['requests']} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | "
              f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} | {r['errors']} | "
              f"< {TARGETS[kind]:.0f} ms {'met' if ok else 'missed'} |")


if __name__ == "__main__":
    main()
