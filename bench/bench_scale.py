"""Scale bench (issue 12): khobao with a big archive on a small machine, SQLite FTS5 beside it.

    .venv/bin/python bench/bench_scale.py --sizes 100000,350000,1000000 [--work /tmp/khobao-scale]
        [--keep] [--seed 1] [--sources 40] [--procs 2] [--server-workers 2] [--no-fts] [--write-results]

For each size N, in its own folder of the work directory (a config.toml there names the data
directory, the [index] settings and the generated sources with their labels; every `khobao`
command is a real subprocess, `sys.executable -m khobao`, with KHOBAO_CONFIG pointing at it):

1. make_corpus.py writes N articles remixed from ../shared/corpus/text (the first N of any
   larger run with the same seed), and 1,000 more (articles N..N+999) carrying a marker word.
2. `khobao import --no-index` of the N, then `khobao index` (a full build in --procs worker
   processes): wall time and memory (scale_procs.py: the exact largest process from wait4, every
   process's peak and the tree's total sampled every 0.5 s).
3. Store and index size on disk, and their ratio to the text's characters and UTF-8 bytes.
4. `khobao serve --workers W` started fresh: a few warm-up requests (each process opens the index
   at its first), then the fixed set of 200 distinct requests (scale_queries.py) one at a time:
   p50/p95/max as the client sees them and the server's took_ms; the server's memory after them.
5. The 1,000 new articles: `khobao import --no-index`, `khobao index` (a catch-up), then a search
   for the marker is polled until it finds all 1,000: seconds from the start of the import until
   the running server shows them. Then `khobao status`, timed.
6. SQLite FTS5 over the same N articles (build time, size, the same 200 requests with year and
   source counts, in this process).

Prints a table per size and all of it as markdown; appends that to bench/RESULTS.md only with
--write-results. The work directory is removed at the end unless --keep. Linux only. Without the
corpus it prints "skipped".
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench_web import machine, start_server
from chaos_jobs import stop_group
from corpus import corpus_dir, shown
from make_corpus import Pool, make_corpus, make_sources, sources_toml
from scale_procs import Run, disk_bytes, measure, server_memory, server_private
from scale_queries import (
    ask_fts,
    ask_server,
    build_fts,
    kinds_summary,
    query_set,
    spread,
    wait_visible,
    warm_up,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
MARKER = "zebramoi"         # in no real article: a search for it finds exactly the new ones


def write_config(folder: Path, args) -> Path:
    config = folder / "config.toml"
    config.write_text(
        "# Written by bench/bench_scale.py for one run.\n"
        'data_dir = "data"\n\n[index]\n'
        f"procs = {args.procs}\nmemory_mb = {args.memory_mb}\n" + sources_toml(make_sources(args.sources)),
        encoding="utf-8")
    return config


def checked(run: Run, what: str) -> Run:
    print(f"  {what}: {run.seconds:,.1f} s, exit {run.exit}; {run.memory.describe()}"
          f"{f'; {run.leftovers} processes left behind' if run.leftovers else ''}", flush=True)
    if run.exit != 0:
        raise RuntimeError(f"{what} failed (exit {run.exit})" + (f": {run.tail()}" if isinstance(run.exit, int) else ""))
    return run


def one_size(size: int, pool: Pool, args, folder: Path, result: dict) -> None:
    """Every step at one size, filling `result` as it goes (a failed step leaves the rest out)."""
    folder.mkdir(parents=True)
    logs, data = folder / "logs", folder / "data"
    logs.mkdir()
    requests = query_set([s.name for s in make_sources(args.sources)])
    result["kinds"] = kinds_summary(requests)
    os.environ["KHOBAO_CONFIG"] = str(write_config(folder, args))
    options = dict(seed=args.seed, sources=args.sources, years=args.years)
    corpus, extra = folder / "articles.jsonl", folder / "new-articles.jsonl"
    started = time.perf_counter()
    totals = make_corpus(pool, corpus, size, **options)
    make_corpus(pool, extra, args.new, start=size, marker=MARKER, **options)
    result.update(text_chars=totals.text_chars, text_bytes=totals.text_bytes, jsonl_bytes=totals.file_bytes,
                  generate_s=time.perf_counter() - started)
    free = shutil.disk_usage(folder).free
    if free < 12 * totals.file_bytes:        # store ~1.4x, index 4-8x, FTS5 ~2x the text, and the file itself
        print(f"[{size:,}] warning: {free / 1e9:,.1f} GB free in {folder}; this size may want about "
              f"{12 * totals.file_bytes / 1e9:,.1f} GB", flush=True)
    print(f"[{size:,}] corpus: {totals.file_bytes / 1e6:,.0f} MB of JSON Lines, {totals.text_chars / 1e6:,.0f} M "
          f"characters of text, in {result['generate_s']:.0f} s", flush=True)

    def run(what: str, log: str, *command: str) -> Run:
        return checked(measure(data, logs / log, *command, limit_mb=args.kill_above * 1024), what)

    result["import"] = run("khobao import --no-index", "import.log", "import", "--no-index", str(corpus))
    result["index"] = run("khobao index (full build)", "index.log", "index")
    result["store_bytes"] = disk_bytes(*data.glob("articles.sqlite3*"))
    result["index_bytes"] = disk_bytes(data / "index")

    with open(logs / "server.log", "w") as server_log:
        server, url = start_server(data, args.server_workers, stderr=server_log, start_new_session=True)
        try:
            ask_fresh_server(server, url, args, requests, result)
            began = time.perf_counter()
            result["add_import"] = run(f"khobao import --no-index ({args.new} new)", "add-import.log",
                                       "import", "--no-index", str(extra))
            result["add_index"] = run("khobao index (catch-up)", "add-index.log", "index")
            indexed = time.perf_counter()
            seen = wait_visible(url, MARKER, args.new)
            result["add_visible_after_index_s"] = seen
            result["add_total_s"] = None if seen is None else indexed - began + seen
            result["status"] = run("khobao status", "status.log", "status")
            result["server_end_mb"], _ = server_memory(server.pid)
        finally:
            result["server_leftovers"] = stop_group(server)
    if not args.no_fts:
        print(f"[{size:,}] SQLite FTS5 over the same {size:,} articles ...", flush=True)
        result["fts"] = build_fts(folder / "fts.sqlite3", corpus)
        result["fts"].update(ask_fts(folder / "fts.sqlite3", requests))


def ask_fresh_server(server, url: str, args, requests: list[dict], result: dict) -> None:
    """Warm a just-started server up, ask it the query set, then read its memory into `result`."""
    result["warm_up"] = warm_up(url, args.server_workers)
    result["queries"] = ask_server(url, requests)
    result["server_mb"], result["server_processes"] = server_memory(server.pid)
    result["server_private_mb"] = server_private(server.pid)


def serve_again(folder: Path, args) -> str:
    """The served part alone (warm-up, the query set, server memory) over a size kept by --keep: to
    measure a change to search without building the archive again. Returns a markdown table."""
    data = folder / "data"
    if not (data / "index").exists():
        raise SystemExit(f"--serve-again: no kept archive in {folder} (a size folder of a --keep run, like /tmp/x/n1000000)")
    os.environ["KHOBAO_CONFIG"] = str(folder / "config.toml")
    requests = query_set([s.name for s in make_sources(args.sources)])
    result: dict = {}
    with open(folder / "logs" / "server-again.log", "w") as server_log:
        server, url = start_server(data, args.server_workers, stderr=server_log, start_new_session=True)
        try:
            ask_fresh_server(server, url, args, requests, result)
        finally:
            stop_group(server)
    rows = [("warm-up: first requests until every server process answered",
             " / ".join(f"{ms:,.0f}" for ms in result["warm_up"]) + " ms"),
            ("200 queries, uncached, facets: p50 / p95 / max (client)", _ms(result["queries"]["wall"])),
            ("the same, server's took_ms", _ms(result["queries"]["took"])),
            ("server memory after the queries", f"{result['server_mb']:,.0f} MB "
             f"({', '.join(f'{mb:,.0f}' for _, mb, _ in result['server_processes'])})"),
            ("the same, private (RssAnon)", f"{result['server_private_mb']:,.0f} MB")]
    return "\n".join([f"Served again over {folder} ({machine()}, {datetime.now(timezone.utc):%Y-%m-%d}):", "",
                      "| | |", "| --- | --- |"] + [f"| {name} | {value} |" for name, value in rows])


# -- report ---------------------------------------------------------------------------------------

def _ms(values: list[float]) -> str:
    s = spread(values)
    return f"{s['p50']:,.0f} / {s['p95']:,.0f} / {s['max']:,.0f} ms"


def _cell(cell, result: dict) -> str:
    """One cell of the table; "-" where a failed step left the figure out."""
    try:
        return cell(result)
    except (KeyError, TypeError, ZeroDivisionError):
        return "-"


def _duration(seconds: float) -> str:
    return f"{seconds:,.1f} s" if seconds < 120 else f"{seconds / 60:,.1f} min"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB" if n < 1e9 else f"{n / 1e9:,.2f} GB"


def table(results: list[dict], args) -> list[str]:
    sizes = [f"{r['size']:,}" for r in results]
    lines = ["| | " + " | ".join(sizes) + " |", "| --- |" + " --- |" * len(results)]

    def row(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(_cell(cell, r) for r in results) + " |")

    if any("failed" in r for r in results):
        row("**failed**", lambda r: r.get("failed", ""))

    row("text (title + body)", lambda r: f"{r['text_chars'] / 1e6:,.0f} M chars, {_mb(r['text_bytes'])}")
    row("import (store only)", lambda r: _duration(r["import"].seconds))
    row("index build (`khobao index`)", lambda r: _duration(r["index"].seconds))
    row("largest process: import / index (exact)",
        lambda r: f"{r['import'].memory.largest_exact_mb:,.0f} / {r['index'].memory.largest_exact_mb:,.0f} MB")
    row("all processes at once, index build (sampled)", lambda r: f"{r['index'].memory.tree_total_mb:,.0f} MB")
    row("index writer processes: how many, largest (sampled)",
        lambda r: "{0} processes, {1:,.0f} MB".format(*r["index"].memory.by_label().get("khobao index (worker)", (0, 0.0))))
    row("store on disk", lambda r: f"{_mb(r['store_bytes'])} ({r['store_bytes'] / r['text_bytes']:.1f}× the text bytes)")
    row("index on disk", lambda r: f"{_mb(r['index_bytes'])} ({r['index_bytes'] / r['text_bytes']:.1f}× the text bytes, "
                                   f"{r['index_bytes'] / r['text_chars']:.1f} bytes a character)")
    row("first requests after start, until every server process answered (warm-up)", lambda r: " / ".join(f"{t:,.0f}" for t in r["warm_up"]) + " ms")
    row("200 queries, uncached, facets: p50 / p95 / max (client)", lambda r: _ms(r["queries"]["wall"]))
    row("the same, server's took_ms", lambda r: _ms(r["queries"]["took"]))
    row("failed requests", lambda r: str(len(r["queries"]["failures"])))
    row("hits per query: median / zero-hit queries / server processes that answered",
        lambda r: f"{statistics.median(r['queries']['totals']):,.0f} / {r['queries']['totals'].count(0)} / "
                  f"{r['queries']['workers']}")
    row(f"server memory after the queries (master + {args.server_workers} workers)",
        lambda r: f"{r['server_mb']:,.0f} MB (" + ", ".join(f"{now:,.0f}" for _, now, _ in r["server_processes"])
        + "; peaks " + ", ".join(f"{peak:,.0f}" for _, _, peak in r["server_processes"]) + ")")
    row("the same, private (RssAnon: without the mapped index files' pages, which are shared)",
        lambda r: f"{r['server_private_mb']:,.0f} MB")
    row("server memory at the end (after the catch-up)", lambda r: f"{r['server_end_mb']:,.0f} MB")
    row(f"{args.new:,} new: import / index catch-up / visible after",
        lambda r: f"{r['add_import'].seconds:,.1f} / {r['add_index'].seconds:,.1f} / "
                  + ("never" if r["add_visible_after_index_s"] is None else f"{r['add_visible_after_index_s']:,.1f}")
                  + " s")
    row(f"{args.new:,} new: from import to visible",
        lambda r: "never" if r["add_total_s"] is None else f"{r['add_total_s']:,.1f} s")
    row("largest process of the catch-up (exact)", lambda r: f"{r['add_index'].memory.largest_exact_mb:,.0f} MB")
    row("`khobao status`", lambda r: f"{r['status'].seconds:,.2f} s")
    if not args.no_fts:
        row("FTS5: build", lambda r: _duration(r["fts"]["seconds"]))
        row("FTS5: on disk", lambda r: f"{_mb(r['fts']['bytes'])} ({r['fts']['bytes'] / r['text_bytes']:.1f}× the text)")
        row("FTS5: 200 queries with year and source counts: p50 / p95 / max", lambda r: _ms(r["fts"]["times"]))
    return lines


def report(results: list[dict], args, started: datetime, corpus: Path) -> str:
    label = f" ({args.label})" if args.label else ""
    command = "python bench/bench_scale.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    lines = [f"### Scale run, {started:%Y-%m-%d %H:%M} UTC{label}", "",
             f"Command: `.venv/bin/{command}`. Machine: {machine()} at the end.",
             f"Corpus: make_corpus.py, seed {args.seed}, {args.sources} sources, dates over {args.years} years, "
             f"remixed from {shown(corpus)}. Index: [index] procs = {args.procs}, memory_mb = {args.memory_mb}. "
             f"Server: `khobao serve --workers {args.server_workers}`, started fresh for each size; the 200 "
             f"requests are distinct ({next((r['kinds'] for r in results if 'kinds' in r), '')}), so its page cache never answers; each on a new connection, one at a time. "
             f"Memory: the largest process is exact (wait4's ru_maxrss covers every descendant waited for); "
             f"per-process peaks (VmHWM) and the total of all processes (VmRSS) are sampled every 0.5 s.", "",
             *table(results, args)]
    for r in results:
        if "failed" in r or "status" not in r:
            lines += ["", f"At {r['size']:,}: {r.get('failed', 'unfinished')}"]
            continue
        failures = r["queries"]["failures"]
        if failures:
            lines += ["", f"Failed requests at {r['size']:,}: " + "; ".join(failures[:5])]
        left = sum(run.leftovers for run in (r["import"], r["index"], r["add_import"], r["add_index"], r["status"]))
        lines += ["", f"Processes at {r['size']:,}: import: {r['import'].memory.describe()}; "
                      f"index: {r['index'].memory.describe()}; catch-up: {r['add_index'].memory.describe()}; "
                      "server after the queries: " + ", ".join(f"{label} {now:,.0f} MB (peak {peak:,.0f})"
                                                             for label, now, peak in r["server_processes"])
                      + f"; processes left behind by the commands and the server: {left + r['server_leftovers']}."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,350000,1000000", help="article counts, comma-separated")
    parser.add_argument("--work", type=Path, help="work directory (default: a new one under /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (corpora, data, logs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--procs", type=int, default=2, help="[index] procs: writer processes of a full build")
    parser.add_argument("--memory-mb", type=int, default=512, help="[index] memory_mb per writer (khobao's default)")
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--new", type=int, default=1000, help="articles added to the built archive (default 1000)")
    parser.add_argument("--kill-above", type=float, default=8.0, metavar="GB",
                        help="stop a command as soon as one of its processes holds more than this (default 8 GB; "
                             "the machine is shared: keep the OOM killer away from other people's work)")
    parser.add_argument("--no-fts", action="store_true", help="skip the SQLite FTS5 peer")
    parser.add_argument("--corpus", type=Path, help="the corpus text directory (default ../shared/corpus/text)")
    parser.add_argument("--label", default="", help="added to the heading, e.g. 'small validation run'")
    parser.add_argument("--write-results", action="store_true", help="append the markdown to bench/RESULTS.md")
    parser.add_argument("--serve-again", type=Path, metavar="SIZE_DIR",
                        help="only serve the query set again over a size kept by --keep (e.g. /tmp/x/n1000000)")
    args = parser.parse_args()
    if args.serve_again:
        print(serve_again(args.serve_again, args))
        return 0
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a list of whole numbers like 100000,350000")
    if not sizes or min(sizes) < 100:
        parser.error("--sizes: give sizes of 100 articles or more")
    if args.new < 1:
        parser.error("--new must be 1 or more")
    corpus = corpus_dir(args.corpus)
    if corpus is None:
        print("bench_scale: skipped: no corpus at ../shared/corpus/text (or --corpus)")
        return 0
    work = args.work or Path(f"/tmp/khobao-scale-{os.getpid()}")
    if work.exists() and any(work.iterdir()):
        parser.error(f"--work {work} is not empty; give a new or empty directory")
    work.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc)
    print(f"machine: {machine()}; work directory {work}", flush=True)
    pool = Pool(corpus)
    print(f"pool: {len(pool.titles):,} titles, {len(pool.ends):,} paragraphs from {shown(corpus)}", flush=True)
    results: list[dict] = []
    try:
        for size in sizes:
            results.append({"size": size})
            try:
                one_size(size, pool, args, work / f"n{size}", results[-1])
            except RuntimeError as exc:            # a failed command: said in the table, the next size runs
                results[-1]["failed"] = str(exc)[:300]
                print(f"bench_scale: {exc}", flush=True)
            if not args.keep:
                shutil.rmtree(work / f"n{size}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, args, started, corpus)
    print("\n" + text)
    if args.write_results:
        heading = "" if "\n## Scale:" in RESULTS.read_text(encoding="utf-8") else \
            "\n## Scale: a big archive on a small machine (bench/bench_scale.py, issue 12)\n"
        with open(RESULTS, "a", encoding="utf-8") as out:
            out.write(heading + "\n" + text)
        print(f"appended to {RESULTS.relative_to(ROOT)}")
    return 1 if any("failed" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
