"""Chaos bench: 20 clients against a real 2-worker `khobao serve` while imports, catch-ups and a rebuild run.

    .venv/bin/python bench/bench_chaos.py [--seconds 120] [--clients 20] [--workers 2] [--keep DIR]

1. Imports ../shared/corpus/text/news_crawler_quancq.jsonl.gz (6,985 dated articles, many sources
   and sections) into a new data directory under /tmp. Skipped with a message without the corpus.
2. Starts `khobao serve --workers 2 --port 0` (a real subprocess), and for --seconds runs 20 client
   threads (httpx, keep-alive, explicit timeouts), each sending its next request when the last is
   answered: searches never asked before in the run (so the server's page cache never answers them;
   words of the archive's titles combined, with filters, sorts, pages) on the page `/` and the API,
   CSV exports, Atom feeds, article pages; probe searches repeated all along; and hostile input
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
import os
import random
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench_web import khobao, machine, server_threads, start_server, titles
from chaos_queries import (PROBES, DistinctQueries, hostile_article_path, hostile_origin, hostile_params,
                           hostile_queries)
from chaos_report import Stats, failures, job_table, kind_table, probe_rows, probe_table
from corpus import corpus_dir, import_lines, shown, write_jsonl

BASE = "news_crawler_quancq.jsonl.gz"
NEW = (("tuoitre_kitsunehivern.jsonl", None), ("vnexpress_bongda_senult.jsonl", None),
       ("baomoi_2025_khoaihps.jsonl", None), ("vietnews_detok_test.jsonl.gz", 4000))
MIX = (("page", 30), ("api", 25), ("export", 3), ("feed", 5), ("article", 8), ("api article", 3), ("probe", 8),
       ("hostile", 12), ("hostile params", 4), ("hostile article", 2))
HOSTILE_ENDPOINTS = ("/", "/api/search", "/export.csv", "/export.jsonl", "/feed.atom", "/article/{id}")
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


# -- data -----------------------------------------------------------------------------------------------

def prepare(corpus: Path, work: Path, chunk: int, seed: int, base_limit: int | None) -> tuple[Path, list[tuple[Path, int]], list[str]]:
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


# -- processes ------------------------------------------------------------------------------------------

def stop_group(process: subprocess.Popen, grace: float = 20.0) -> int:
    """Stop a process started with start_new_session=True: SIGTERM, wait, SIGKILL. Then kill what is left
    of its process group (workers that outlived it) and return how many group members were left."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace)
    left = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.getpgid(int(pid)) == process.pid:
                    left += 1
            except OSError:
                continue
    if left:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


class Jobs:
    """Background `khobao` commands, one log file each; every one stopped by `stop_all`."""

    def __init__(self, data_dir: Path, logs: Path, started: float):
        self.data_dir, self.logs, self.started = data_dir, logs, started
        self.results: list[dict] = []
        self.running: set[subprocess.Popen] = set()
        self.leftovers = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._numbers = iter(range(10**6))

    def run(self, *args: str, shown_args: tuple[str, ...] | None = None, timeout: float = 900) -> int | str:
        with self._lock:
            number = next(self._numbers)
        start = time.monotonic()
        with open(self.logs / f"job-{number:03d}.log", "w") as log:
            process = khobao(self.data_dir, *args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            with self._lock:
                self.running.add(process)
            try:
                status: int | str = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                status = f"killed after {timeout:.0f} s"
            finally:
                left = stop_group(process)
                with self._lock:
                    self.running.discard(process)
                    self.leftovers += left
        if process.returncode is not None and process.returncode < 0 and isinstance(status, int):
            status = f"signal {-process.returncode}"
        tail = (self.logs / f"job-{number:03d}.log").read_text(errors="replace").strip().splitlines()[-1:]
        result = {"args": shown_args or args, "start": start - self.started, "seconds": time.monotonic() - start,
                  "exit": status if status == 0 else f"{status}: {tail[0][:200] if tail else ''}"}
        with self._lock:
            self.results.append(result)
        print(f"  [{result['start']:5.0f} s] khobao {' '.join(result['args'])}: exit {result['exit']} "
              f"in {result['seconds']:.1f} s", flush=True)
        return status

    def imports(self, chunks: list[tuple[Path, int]], deadline: float) -> None:
        """Chunk after chunk until the deadline: odd ones imported and indexed, even ones imported, then caught up."""
        for number, (path, _) in enumerate(chunks):
            if self.stop.is_set() or time.monotonic() >= deadline:
                return
            if number % 2 == 0:
                self.run("import", "--no-index", str(path), shown_args=("import", "--no-index", path.name))
                if not self.stop.is_set():
                    self.run("index")
            else:
                self.run("import", str(path), shown_args=("import", path.name))
            self.stop.wait(1.0)

    def rebuild_at(self, when: float) -> None:
        if not self.stop.wait(max(0.0, when - time.monotonic())):
            self.run("index", "--rebuild")

    def stop_all(self) -> None:
        self.stop.set()
        with self._lock:
            running = list(self.running)
        for process in running:
            process.terminate()


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
           started: float, deadline: float) -> None:
    rng = random.Random(seed * 1000 + number)
    hostile = hostile_queries(random.Random(seed * 1000 + number + 500))
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        while time.monotonic() < deadline:
            kind, path, params = plan(rng, queries, hostile, max_id)
            target = path + ("?" + urlencode(params, doseq=True, errors="surrogatepass") if params else "")
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
    print(f"corpus: {shown(corpus)}; base: {base.stat().st_size // 1_000_000} MB; {len(chunks)} chunks of up to {args.chunk} new articles "
          f"from {', '.join(used[1:])}", flush=True)
    setup = Jobs(data_dir, logs, time.monotonic())
    if setup.run("import", str(base), shown_args=("import", BASE), timeout=1800) != 0:
        print("bench_chaos: the base import failed; see above")
        return 2
    base_count, max_id = live_articles(data_dir)
    queries = DistinctQueries(titles(data_dir))
    origin, _ = hostile_origin()
    print(f"{base_count} articles, {len(set(queries.words))} distinct title words; hostile queries from {origin}", flush=True)

    stats, server_log = Stats(), open(logs / "server.log", "w")
    server, url = start_server(data_dir, args.workers, stderr=server_log, start_new_session=True)
    started = time.monotonic()
    deadline = started + args.seconds
    jobs = Jobs(data_dir, logs, started)
    threads = [threading.Thread(target=jobs.imports, args=(chunks, deadline), daemon=True),
               threading.Thread(target=jobs.rebuild_at, args=(started + args.rebuild_at * args.seconds,), daemon=True)]
    threads += [threading.Thread(target=client, args=(n, url, stats, queries, max_id, args.seed, started, deadline),
                                 daemon=True) for n in range(args.clients)]
    server_left = 0
    finals: dict[str, int | None] = {}
    try:
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads[2:]):
            time.sleep(min(10.0, max(0.5, deadline - time.monotonic())))
            requests, errors, fives = stats.totals()
            print(f"[{time.monotonic() - started:5.0f} s] {requests} requests, {errors} errors, {fives} 5xx", flush=True)
        print(f"clients stopped; waiting up to {args.drain} s for the background jobs", flush=True)
        for thread in threads[:2]:
            thread.join(timeout=max(0.0, started + args.seconds + args.drain - time.monotonic()))
        jobs.stop_all()
        for thread in threads[:2]:
            thread.join(timeout=60)
        jobs.stop.clear()
        jobs.run("index", shown_args=("index", "(last catch-up, after the clients)"))
        time.sleep(2.5)      # both workers notice the last catch-up
        finals = final_probes(url)
    finally:
        jobs.stop_all()
        server_left = stop_group(server)
        server_log.close()
    elapsed = args.seconds
    articles, _ = live_articles(data_dir)
    try:
        documents = index_documents(data_dir)
    except Exception as exc:  # a damaged index is a finding, not a reason to lose the report
        print(f"the index cannot be opened: {type(exc).__name__}: {exc}")
        documents = -1
    tracebacks = (logs / "server.log").read_text(errors="replace").count("Traceback (most recent call last)")
    return report(args, stats, jobs, finals, dict(base=base_count, articles=articles, documents=documents,
                                                  tracebacks=tracebacks, leftovers=jobs.leftovers + server_left,
                                                  origin=origin, used=used, corpus=str(args.corpus) if args.corpus else "../shared/corpus/text", elapsed=elapsed, chunks=len(chunks)))


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
        f"### Chaos run, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC{' (' + args.label + ')' if args.label else ''}",
        "",
        f"Command: `.venv/bin/python bench/bench_chaos.py {' '.join(shlex.quote(a) for a in sys.argv[1:])}`. "
        f"Machine: {machine()} at the end.",
        f"Server: `khobao serve --workers {args.workers} --port 0` ({server_threads()} request thread(s) each); "
        f"{args.clients} client threads (httpx, keep-alive, no think time, timeouts 10 s connect / 60 s read); "
        f"base {facts['base']} articles from {facts['used'][0]} ({facts['corpus']}); during the run {imports} "
        f"imports of up to {args.chunk} new articles (from {', '.join(facts['used'][1:])}), {catchups} catch-up(s) "
        f"`khobao index`, "
        f"one `khobao index --rebuild` from {args.rebuild_at * args.seconds:.0f} s. Hostile queries: {facts['origin']}.",
        "",
        f"**{requests} requests in {facts['elapsed']} s: {errors} errors, {fives} 5xx, "
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
    parser.add_argument("--drain", type=int, default=300, help="seconds the jobs may run on after the clients")
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
