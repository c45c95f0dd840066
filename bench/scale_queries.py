"""The scale bench's fixed query set, asked of a running `khobao serve` over HTTP and of SQLite FTS5.

The set is fixed (the same at every size, so sizes compare): single syllables, names, compounds,
phrases, unaccented forms, and rarer words, each asked plain and with three of: a source, a year, a
date range, newest first, a year newest first, a month. Every request is distinct within a run and
the server is started fresh for each size, so its cache of recent result pages never answers one
(each request on a new connection, so that the server's processes share them as they share readers):
every figure is a real search (the operating system's file cache is warm, as on a server in use).
Every request asks page 1 of /api/search, which always counts the year, month and source facets.

FTS5, the peer: the same articles, title and body in one table (unicode61, diacritics removed),
dates and sources in another; each query is its top 10 by bm25 with snippets (or newest first),
then its counts by year and by source, under the same filters, in this process (no HTTP).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from datetime import datetime
from pathlib import Path

import httpx

from bench_search import fts_query, percentile
from indexer.analysis import nfc

SINGLE = ["nội", "bão", "giá", "xe", "điện", "lũ", "vàng", "thuế", "trường", "cháy"]
NAMES = ["Hà Nội", "Đà Nẵng", "Hồ Chí Minh", "Ronaldo", "Quang Hải", "Samsung", "Trump", "Nguyễn Văn"]
COMPOUNDS = ["kinh tế", "giao thông", "bóng đá", "chứng khoán", "bất động sản", "thời tiết", "học sinh",
             "bệnh viện", "ngân hàng nhà nước", "tai nạn giao thông"]
PHRASES = ['"thủ tướng chính phủ"', '"tai nạn giao thông"', '"giá vàng"', '"đội tuyển việt nam"', '"công an tỉnh"',
           '"thị trường chứng khoán"']
UNACCENTED = ["ha noi", "giao thong", "bong da", "chung khoan", "bat dong san", "thoi tiet", "cong an dieu tra",
              "gia xang", "hoc sinh", "benh vien"]
RARER = ["xổ số", "hoa hậu", "world cup", "lãi suất ngân hàng", "Lạng Sơn", "sạt lở"]
TEXTS = SINGLE + NAMES + COMPOUNDS + PHRASES + UNACCENTED + RARER
KINDS = {**{t: "single syllable" for t in SINGLE}, **{t: "name" for t in NAMES},
         **{t: "compound" for t in COMPOUNDS}, **{t: "phrase" for t in PHRASES},
         **{t: "unaccented" for t in UNACCENTED}, **{t: "rarer" for t in RARER}}
TIMEOUT = httpx.Timeout(120.0, connect=10.0)
WORKER_HEADER = "X-Khobao-Worker"      # which server process answered (webui/server.py)


def query_set(sources: list[str]) -> list[dict]:
    """The fixed requests (200 of them): each text plain and with three filters of the six."""
    big, small = sources[0], sources[min(len(sources) - 1, 7)]
    variants = [{"source": big}, {"year": "2012"}, {"from": "01/03/2008", "to": "30/06/2010"},
                {"sort": "newest"}, {"year": "2019", "sort": "newest"}, {"month": "2016-05", "source": small}]
    requests = []
    for k, text in enumerate(TEXTS):
        requests.append({"q": text})
        for step in (0, 2, 4):
            requests.append({"q": text, **variants[(k + step) % len(variants)]})
    keys = {tuple(sorted(r.items())) for r in requests}
    assert len(keys) == len(requests), "the query set repeats a request"
    return requests


def _get(url: str, params: dict) -> tuple[httpx.Response, float]:
    """One request on a connection of its own, as separate readers make them (with several server
    processes on one port, the kernel spreads connections over them): the answer and its ms."""
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        started = time.perf_counter()
        response = http.get("/api/search", params=params)
        return response, (time.perf_counter() - started) * 1000


def warm_up(url: str, workers: int, most: int = 40) -> list[float]:
    """Requests outside the set until each of `workers` server processes has answered one (each opens
    the index at its first): their times in ms."""
    times, seen = [], set()
    for n in range(most):
        response, ms = _get(url, {"q": f"khởi động {n}"})
        response.raise_for_status()
        times.append(ms)
        seen.add(response.headers.get(WORKER_HEADER))
        if len(seen) >= workers:
            break
    return times


def ask_server(url: str, requests: list[dict]) -> dict:
    """Each request once, in order, one at a time: client-side ms, the server's took_ms, totals."""
    wall, took, totals, failures, workers = [], [], [], [], set()
    for params in requests:
        response, ms = _get(url, params)
        wall.append(ms)
        workers.add(response.headers.get(WORKER_HEADER))
        if response.status_code != 200:
            failures.append(f"{params}: {response.status_code}")
            continue
        answer = response.json()
        took.append(float(answer.get("took_ms") or 0.0))
        totals.append(int(answer["total"]))
        if sum(answer["facets"]["source"].values()) != answer["total"]:
            failures.append(f"{params}: source counts do not add up to the total")
    return {"wall": wall, "took": took, "totals": totals, "failures": failures, "workers": len(workers)}


def wait_visible(url: str, query: str, expected: int, timeout: float = 600.0) -> float | None:
    """Seconds until a search for `query` finds `expected` articles (polled every 0.1 s), None after timeout."""
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        while time.perf_counter() - started < timeout:
            response = http.get("/api/search", params={"q": query})
            if response.status_code == 200 and int(response.json()["total"]) >= expected:
                return time.perf_counter() - started
            time.sleep(0.1)
    return None


def spread(values: list[float]) -> dict:
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "max": float("nan"), "mean": float("nan")}
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values),
            "mean": statistics.mean(values)}


# -- SQLite FTS5 ------------------------------------------------------------------------------------

def _day(published: str | None) -> int:
    return int(published[:10].replace("-", "")) if published else 0


def build_fts(db_path: Path, corpus: Path) -> dict:
    """FTS5 over the articles of a JSON Lines file (as make_corpus writes it): seconds and bytes."""
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    try:
        db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, source TEXT, day INTEGER)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
        with db, open(corpus, "rb") as lines:
            batch_docs, batch_text = [], []
            for n, line in enumerate(lines):
                record = json.loads(line)
                batch_docs.append((n, record.get("source") or "", _day(record.get("date"))))
                batch_text.append((n, nfc(record.get("title") or ""), nfc(record.get("body") or "")))
                if len(batch_docs) >= 1000:
                    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", batch_docs)
                    db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", batch_text)
                    batch_docs, batch_text = [], []
            db.executemany("INSERT INTO docs VALUES (?, ?, ?)", batch_docs)
            db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", batch_text)
        db.execute("CREATE INDEX docs_day ON docs(day)")
    finally:
        db.close()
    return {"seconds": time.perf_counter() - started, "bytes": db_path.stat().st_size}


def _fts_filters(params: dict) -> tuple[str, list]:
    where, values = [], []
    if "source" in params:
        where.append("d.source = ?")
        values.append(params["source"])
    low = high = None
    if "year" in params:
        low, high = int(params["year"]) * 10000 + 101, int(params["year"]) * 10000 + 1231
    if "month" in params:
        year, month = (int(p) for p in params["month"].split("-"))
        low, high = year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31
    if "from" in params:
        low = int(datetime.strptime(params["from"], "%d/%m/%Y").strftime("%Y%m%d"))
        high = int(datetime.strptime(params["to"], "%d/%m/%Y").strftime("%Y%m%d"))
    if low is not None:
        where.append("d.day BETWEEN ? AND ?")
        values += [low, high]
    return "".join(f" AND {w}" for w in where), values


def ask_fts(db_path: Path, requests: list[dict]) -> dict:
    """Each request: top 10 (bm25 with snippets, or newest first) and the year and source counts."""
    db = sqlite3.connect(db_path)
    times = []
    try:
        for params in requests:
            match = fts_query(params["q"])
            where, values = _fts_filters(params)
            order = "d.day DESC" if params.get("sort") == "newest" else "bm25(fts, 2.5, 1.0)"
            started = time.perf_counter()
            db.execute("SELECT fts.rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts"
                       f" JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?{where} ORDER BY {order} LIMIT 10",
                       (match, *values)).fetchall()
            db.execute(f"SELECT d.day / 10000, COUNT(*) FROM fts JOIN docs d ON d.id = fts.rowid"
                       f" WHERE fts MATCH ?{where} GROUP BY 1", (match, *values)).fetchall()
            db.execute(f"SELECT d.source, COUNT(*) FROM fts JOIN docs d ON d.id = fts.rowid"
                       f" WHERE fts MATCH ?{where} GROUP BY 1", (match, *values)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        db.close()
    return {"times": times}


def kinds_summary(requests: list[dict]) -> str:
    counts: dict[str, int] = {}
    for params in requests:
        counts[KINDS[params["q"]]] = counts.get(KINDS[params["q"]], 0) + 1
        for key in ("source", "year", "from", "month", "sort"):
            if key in params:
                counts[f"with {key}"] = counts.get(f"with {key}", 0) + 1
    return ", ".join(f"{k} {v}" for k, v in counts.items())

