"""CPU time per search on the web benchmark's query mix, one at a time, in one process.

    .venv/bin/python bench/search_cpu.py [--data-dir /tmp/khobao-bench/data] [--warm 400] [--queries 1000]
                                         [--web] [--code DIR]

The data directory is the one bench/bench_web.py imports into (run that once first). Queries are
bench_web's distinct API stream (same seeds); `--warm` queries of another stream go first, as the
server's warm-up does. Prints the mean, p50 and p95 of process CPU time of `Searcher.search`, and
with `--web` of whole requests through Flask's test client (result cache off): the API and the
page. CPU time rather than wall time, so that other work on the machine inflates it less (it
still does: shared caches and cores).

`--code DIR` measures another checkout of khobao (e.g. `git archive <commit> | tar -x -C DIR`), to
compare before and after on the same data and machine minutes apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode


def summary(values: list[float]) -> str:
    values = sorted(values)
    return (f"mean {statistics.mean(values):.2f} ms, p50 {values[len(values) // 2]:.2f} ms, "
            f"p95 {values[int(len(values) * 0.95)]:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/khobao-bench/data"))
    parser.add_argument("--warm", type=int, default=400, help="queries run first, not measured")
    parser.add_argument("--queries", type=int, default=1000, help="queries measured")
    parser.add_argument("--web", action="store_true", help="also whole API and page requests (Flask test client)")
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the khobao checkout to measure")
    args = parser.parse_args()
    if not (args.data_dir / "index").exists():
        print(f"search_cpu: skipped: no index in {args.data_dir} (run bench/bench_web.py once)")
        return
    code = args.code.resolve()
    sys.path[:0] = [str(code / "bench"), str(code)]
    from werkzeug.datastructures import MultiDict

    import bench_web  # noqa: E402  (from the checkout measured)
    from indexer.search import Searcher
    from webui.params import parse_search_args

    def request(params: dict):
        return parse_search_args(MultiDict(params), default_per_page=10, max_per_page=100,
                                 max_query_length=500).to_request()

    rows = bench_web.titles(args.data_dir)
    searcher = Searcher(args.data_dir / "index")
    for _, params in bench_web.query_mix(rows, args.warm, seed=1):
        searcher.search(request(params))
    by_kind: dict[str, list[float]] = {"accented": [], "unaccented": []}
    for accents, params in bench_web.query_mix(rows, args.queries, seed=3):
        search = request(params)
        started = time.process_time()
        searcher.search(search)
        by_kind[accents].append((time.process_time() - started) * 1000)
    searcher.close()
    every = by_kind["accented"] + by_kind["unaccented"]
    print(f"{code}: Searcher.search, {len(every)} queries after {args.warm} warm-up: {summary(every)} "
          f"(accented {statistics.mean(by_kind['accented']):.2f}, unaccented "
          f"{statistics.mean(by_kind['unaccented']):.2f} mean); load average {os.getloadavg()[0]:.1f}")
    if args.web:
        from webui import create_app
        app = create_app(store_path=args.data_dir / "articles.sqlite3", index_dir=args.data_dir / "index",
                         test_config={"SEARCH_CACHE_SIZE": 0})
        client = app.test_client()
        for _, params in bench_web.query_mix(rows, args.warm, seed=1):
            client.get("/api/search?" + urlencode(params))
            client.get("/?" + urlencode(params))
        for name, prefix, seed in (("API", "/api/search?", 3), ("page", "/?", 2)):
            cpu = []
            for _, params in bench_web.query_mix(rows, args.queries, seed=seed):
                started = time.process_time()
                response = client.get(prefix + urlencode(params))
                cpu.append((time.process_time() - started) * 1000)
                if response.status_code != 200:
                    sys.exit(f"search_cpu: {prefix}{urlencode(params)} answered {response.status_code}")
            print(f"{code}: {name} request, cache off: {summary(cpu)}; load average {os.getloadavg()[0]:.1f}")
        app.extensions["khobao.archive"].close()


if __name__ == "__main__":
    main()
