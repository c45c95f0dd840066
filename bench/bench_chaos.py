"""Chaos bench: 20 clients against a real 2-worker `khobao serve` while imports, catch-ups and a rebuild run.

    .venv/bin/python bench/bench_chaos.py [--seconds 120] [--clients 20] [--workers 2] [--keep DIR]

1. Imports ../shared/corpus/text/news_crawler_quancq.jsonl.gz (6,985 dated articles, many sources
   and sections) into a new data directory under /tmp. Skipped with a message without the corpus.
2. Starts `khobao serve --workers 2 --port 0` (a real subprocess), and for --seconds (and on until
   the rebuild below is swapped in, at most --drain seconds more) runs 20 client threads (httpx,
   keep-alive, explicit timeouts), each sending its next request when the last is answered:
   searches never asked before in the run (so the server's page cache never answers them; words of
   the archive's titles combined, with filters, sorts, pages) on the page `/` and the API, CSV
   exports, Atom feeds, article pages; probe searches repeated all along; and hostile input
   (chaos_queries.py: tests/hostile.py's generator when present, the bench's own otherwise).
3. Meanwhile, against the same data directory: `khobao import` of new articles in chunks (from the
   other corpora: tuoitre, vnexpress football, baomoi 2025, vietnews), every other chunk with
   `--no-index` followed by a `khobao index` catch-up, and one `khobao index --rebuild`.
4. Afterwards: a last catch-up, the probes once more, index documents against store articles, the
   server's log for tracebacks, and leftover processes of every process group the bench started.

Prints requests, 5xx, errors (connection errors, timeouts, unreadable answers) and p50/p95/max by
kind, the probes' totals (imports only add, so a total must never go down), the background jobs'
exit statuses, and all of it as markdown for bench/RESULTS.md. Exits 1 on any error, 5xx, total
that went down, failed job, index/store mismatch or leftover process. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import random
import shlex
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench_web import machine, server_threads, start_server, titles
from chaos_jobs import Jobs, stop_group
from chaos_queries import (
    PROBES,
    DistinctQueries,
    hostile_article_path,
    hostile_origin,
    hostile_params,
    hostile_queries,
)
from chaos_report import Stats, failures, job_table, kind_table, probe_rows, probe_table
from corpus import corpus_dir, import_lines, shown, write_jsonl

BASE = "news_crawler_quancq.jsonl.gz"
NEW = (("tuoitre_kitsunehivern.jsonl", None), ("vnexpress_bongda_senult.jsonl", None),
       ("baomoi_2025_khoaihps.jsonl", None), ("vietnews_detok_test.jsonl.gz", 6000))
MIX = (("page", 30), ("api", 25), ("export", 3), ("feed", 5), ("article", 8), ("api article", 3), ("probe", 8),
       ("hostile", 12), ("hostile params", 4), ("hostile article", 2))
HOSTILE_ENDPOINTS = ("/", "/api/search", "/export.csv", "/export.jsonl", "/feed.atom", "/article/{id}")
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


# -- data -----------------------------------------------------------------------------------------------

def prepare(corpus: Path, work: Path, chunk: int, seed: int,
            base_limit: int | None) -> tuple[Path, list[tuple[Path, int]], list[str]]:
    """The base file and the chunks imported during the run (URLs never repeated), in `work`."""
    seen: set[str] = set()

    def fresh(lines):
        for line in lines:
            if line["url"] not in seen:
                seen.add(line["url"])
                yield line

    base = work / "base.jsonl"
    write_jsonl(fresh(import_lines(corpus / BASE, base_limit)), base)
    pool, used = [], [BASE]
    for name, limit in NEW:
        if (corpus / name).exists():
            pool += fresh(import_lines(corpus / name, limit))
            used.append(name)
    random.Random(seed).shuffle(pool)
    chunks = []
    for number, start in enumerate(range(0, len(pool), chunk)):
        path = work / f"chunk-{number:03d}.jsonl"
        chunks.append((path, write_jsonl(pool[start:start + chunk], path)))
    return base, chunks, used


def live_articles(data_dir: Path) -> tuple[int, int]:
    """(live articles in the store, highest article id)."""
    db = sqlite3.connect(f"file:{data_dir / 'articles.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FILTER (WHERE NOT deleted), MAX(id) FROM articles").fetchone()
    finally:
        db.close()


def index_documents(data_dir: Path) -> int:
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(data_dir / "index"))
    try:
        return ix.doc_count()
    finally:
        ix.close()


# -- clients --------------------------------------------------------------------------------------------

def plan(rng: random.Random, queries: DistinctQueries, hostile, max_id: int) -> tuple[str, str, dict]:
    """(kind, path, params) of the next request."""
    kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
    article = f"/article/{rng.randint(1, max_id)}"
    if kind == "page":
        return kind, "/", queries.next(rng)
    if kind == "api":
        return kind, "/api/search", queries.next(rng)
    if kind == "export":
        return kind, "/export.csv", queries.next(rng)
    if kind == "feed":
        return kind, "/feed.atom", queries.next(rng, filters=False)
    if kind == "article":
        return kind, article, {"q": queries.next(rng, filters=False)["q"]}
    if kind == "api article":
        return kind, f"/api/articles/{rng.randint(1, max_id)}", {}
    if kind == "probe":
        return kind, "/api/search", {"q": rng.choice(PROBES)}
    if kind == "hostile":
        return kind, rng.choice(HOSTILE_ENDPOINTS).format(id=rng.randint(1, max_id)), {"q": next(hostile)}
    if kind == "hostile params":
        return kind, rng.choice(HOSTILE_ENDPOINTS[:5]), hostile_params(rng)
    return kind, hostile_article_path(rng), {}


def client(number: int, url: str, stats: Stats, queries: DistinctQueries, max_id: int, seed: int,
           started: float, until: threading.Event) -> None:
    rng = random.Random(seed * 1000 + number)
    hostile = hostile_queries(random.Random(seed * 1000 + number + 500))
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        while not until.is_set():
            try:
                kind, path, params = plan(rng, queries, hostile, max_id)
                target = path + ("?" + urlencode(params, doseq=True, errors="surrogatepass") if params else "")
            except Exception as exc:   # a bug of the bench: counted as an error, and this client stops
                stats.record("bench itself", 0.0, "-", error=f"{type(exc).__name__}: {exc}")
                return
            sent = time.monotonic()
            status = error = None
            try:
                response = http.get(target)
                status = response.status_code
                if status == 200 and path.startswith("/api/"):
                    answer = response.json()
                    if kind == "probe":
                        worker = next((v for k, v in response.headers.items() if "worker" in k.lower()), None)
                        stats.probe(params["q"], sent - started, time.monotonic() - started, int(answer["total"]),
                                    worker)
            except httpx.TimeoutException as exc:
                error = f"timeout ({type(exc).__name__})"
            except httpx.TransportError as exc:
                error = f"connection ({type(exc).__name__}: {str(exc)[:60]})"
            except (ValueError, KeyError, TypeError) as exc:
                error = f"unreadable answer ({type(exc).__name__})"
            stats.record(kind, time.monotonic() - sent, target, status=status, error=error)


def final_probes(url: str) -> dict[str, int | None]:
    finals: dict[str, int | None] = {}
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        for query in PROBES:
            try:
                finals[query] = int(http.get("/api/search", params={"q": query}).json()["total"])
            except (httpx.HTTPError, ValueError, KeyError):
                finals[query] = None
    return finals


# -- run ------------------------------------------------------------------------------------------------

def run(args, corpus: Path, work: Path) -> int:
    data_dir, logs = work / "data", work / "logs"
    logs.mkdir(parents=True)
    base, chunks, used = prepare(corpus, work, args.chunk, args.seed, args.base)
    print(f"corpus: {shown(corpus)}; base: {base.stat().st_size // 1_000_000} MB; {len(chunks)} chunks of up to "
          f"{args.chunk} new articles from {', '.join(used[1:])}", flush=True)
    setup = Jobs(data_dir, logs, time.monotonic())
    if setup.run("import", str(base), shown_args=("import", BASE), timeout=1800) != 0:
        print("bench_chaos: the base import failed; see above")
        return 2
    base_count, max_id = live_articles(data_dir)
    queries = DistinctQueries(titles(data_dir))
    origin, _ = hostile_origin()
    print(f"{base_count} articles, {len(set(queries.words))} distinct title words; hostile queries from {origin}",
          flush=True)

    stats, server_log = Stats(), open(logs / "server.log", "w")
    server, url = start_server(data_dir, args.workers, stderr=server_log, start_new_session=True)
    started = time.monotonic()
    deadline, last = started + args.seconds, started + args.seconds + args.drain
    jobs, stop_clients = Jobs(data_dir, logs, started), threading.Event()
    importer = threading.Thread(target=jobs.imports, args=(chunks, stop_clients), daemon=True)
    rebuilder = threading.Thread(target=jobs.rebuild_at, args=(started + args.rebuild_at * args.seconds,), daemon=True)
    clients = [threading.Thread(target=client, args=(n, url, stats, queries, max_id, args.seed, started, stop_clients),
                                daemon=True) for n in range(args.clients)]
    server_left, elapsed = 0, 0.0
    finals: dict[str, int | None] = {}
    try:
        for thread in (importer, rebuilder, *clients):
            thread.start()
        # the clients run --seconds, and on (at most --drain s) until the rebuild is swapped in under their load
        while time.monotonic() < deadline or (rebuilder.is_alive() and time.monotonic() < last):
            time.sleep(max(0.2, min(10.0, (deadline if time.monotonic() < deadline else last) - time.monotonic())))
            requests, errors, fives = stats.totals()
            print(f"[{time.monotonic() - started:5.0f} s] {requests} requests, {errors} errors, {fives} 5xx"
                  f"{'; waiting for the rebuild' if time.monotonic() >= deadline and rebuilder.is_alive() else ''}",
                  flush=True)
        stop_clients.set()
        elapsed = time.monotonic() - started
        for thread in clients:
            thread.join(timeout=TIMEOUT.read + 30)
        print(f"clients stopped after {elapsed:.0f} s", flush=True)
        importer.join(timeout=args.drain)
        jobs.stop_all()
        for thread in (importer, rebuilder):
            thread.join(timeout=60)
        jobs.stop.clear()
        jobs.run("index", shown_args=("index", "(last catch-up, after the clients)"))
        time.sleep(2.5)      # both workers notice the last catch-up
        finals = final_probes(url)
    finally:
        jobs.stop_all()
        server_left = stop_group(server)
        server_log.close()
    articles, _ = live_articles(data_dir)
    try:
        documents = index_documents(data_dir)
    except Exception as exc:  # a damaged index is a finding, not a reason to lose the report
        print(f"the index cannot be opened: {type(exc).__name__}: {exc}")
        documents = -1
    tracebacks = (logs / "server.log").read_text(errors="replace").count("Traceback (most recent call last)")
    return report(args, stats, jobs, finals, dict(base=base_count, articles=articles, documents=documents,
                                                  tracebacks=tracebacks, leftovers=jobs.leftovers + server_left,
                                                  origin=origin, used=used, elapsed=elapsed,
                                                  corpus=str(args.corpus or "../shared/corpus/text"),
                                                  chunks=len(chunks)))


def report(args, stats: Stats, jobs: Jobs, finals: dict, facts: dict) -> int:
    requests, errors, fives = stats.totals()
    probes = probe_rows(stats, finals)
    late = sum(row["late"] for row in probes)
    shrunk = [row["query"] for row in probes if row["final"] is None or row["final"] < row["max"]]
    failed_jobs = [job for job in jobs.results if job["exit"] != 0]
    problems = [text for bad, text in (
        (errors, f"{errors} errors"), (fives, f"{fives} 5xx"), (late, f"{late} probe totals went down"),
        (shrunk, f"final totals below the run's maximum: {', '.join(shrunk)}"),
        (failed_jobs, f"{len(failed_jobs)} background jobs failed"),
        (facts["documents"] != facts["articles"],
         f"index has {facts['documents']} documents for {facts['articles']} articles"),
        (facts["leftovers"], f"{facts['leftovers']} processes outlived their parent")) if bad]
    imports = sum(1 for job in jobs.results if job["args"][0] == "import")
    catchups = sum(1 for job in jobs.results if job["args"] == ("index",))
    lines = [
        f"### Chaos run, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
        f"{' (' + args.label + ')' if args.label else ''}",
        "",
        f"Command: `.venv/bin/python bench/bench_chaos.py {' '.join(shlex.quote(a) for a in sys.argv[1:])}`. "
        f"Machine: {machine()} at the end.",
        f"Server: `khobao serve --workers {args.workers} --port 0` ({server_threads()} request thread(s) each); "
        f"{args.clients} client threads (httpx, keep-alive, no think time, timeouts 10 s connect / 60 s read); "
        f"base {facts['base']} articles from {facts['used'][0]} ({facts['corpus']}); during the run {imports} "
        f"imports of up to {args.chunk} new articles (from {', '.join(facts['used'][1:])}), {catchups} catch-up(s) "
        f"`khobao index`, "
        f"one `khobao index --rebuild` from {args.rebuild_at * args.seconds:.0f} s (the clients run on until it is "
        f"swapped in, at most {args.drain} s more). Hostile queries: {facts['origin']}.",
        "",
        f"**{requests} requests in {facts['elapsed']:.0f} s: {errors} errors, {fives} 5xx, "
        f"{late} probe totals that went down.** Store {facts['articles']} articles, index {facts['documents']} "
        f"documents after a last catch-up; {facts['tracebacks']} tracebacks in the server's log; "
        f"{facts['leftovers']} processes left behind.",
        "", *kind_table(stats), "",
    ]
    broken = failures(stats)
    if broken:
        lines += ["5xx and errors by kind (first examples):", "", *broken, ""]
    lines += [*probe_table(probes), "", *job_table(sorted(jobs.results, key=lambda job: job["start"])), "",
              f"Verdict: {'PASS' if not problems else 'FAIL: ' + '; '.join(problems)}."]
    print("\n" + "\n".join(lines))
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120, help="how long the clients run (default 120)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="server processes (khobao serve --workers)")
    parser.add_argument("--base", type=int, help=f"only the first N articles of {BASE} (default: all)")
    parser.add_argument("--chunk", type=int, default=250, help="articles per import during the run")
    parser.add_argument("--rebuild-at", type=float, default=0.2, help="start of the rebuild, as a share of the run")
    parser.add_argument("--drain", type=int, default=300,
                        help="the most seconds the clients run on after --seconds, until the rebuild is swapped in")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="", help="added to the heading, e.g. 'before the fixes of issue 9'")
    parser.add_argument("--corpus", type=Path, help="the corpus text directory (default ../shared/corpus/text)")
    parser.add_argument("--keep", type=Path, help="work in this new directory and keep it (data, logs)")
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    if corpus is None or not (corpus / BASE).exists():
        print(f"bench_chaos: skipped: {BASE} is not in ../shared/corpus/text (or --corpus)")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="khobao-chaos-"))
    if args.keep:
        work.mkdir(parents=True)
    try:
        return run(args, corpus, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
