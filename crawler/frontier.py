"""The crawl frontier: every URL the crawler knows, its state and when to look at it again (SQLite).

States: queued -> active -> done | skipped | failed. A URL is claimed (`active`) before it is
fetched and settled after its article is stored, so a crash or Ctrl-C loses nothing: at the next
start, `active` URLs go back to `queued` and are fetched again (the store's upsert makes that
harmless). URLs are normalised (fragment, tracking parameters, host case, default port) and unique.

Kinds: "feed", "sitemap", "listing" (hubs, revisited by --refresh) and "article".
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from store import open_database

from .scope import host_key, normal_url

HUB_KINDS = ("feed", "sitemap", "listing")
KNOWN_URLS_KEPT = 200_000  # URLs remembered in memory as already queued (about 20 MB at most)
LASTMOD_DOUBT_MIN = 20      # visited entries of one sitemap before its <lastmod> dates can be doubted
LASTMOD_DOUBT_SHARE = 0.5   # ... and the share of them "changed" beyond which they are (see queue_if_changed)

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,      -- normalised
    host          TEXT NOT NULL,
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL,             -- feed, sitemap, listing, article
    priority      INTEGER NOT NULL,          -- hubs (0) before articles (1)
    depth         INTEGER NOT NULL DEFAULT 0,  -- pages into a listing's pagination
    state         TEXT NOT NULL,             -- queued, active, done, skipped, failed
    reason        TEXT,                      -- why skipped or failed; "alias of URL" for duplicates
    http_status   INTEGER,
    etag          TEXT,
    last_modified TEXT,
    content_hash  TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    discovered_at REAL NOT NULL,
    fetched_at    REAL,
    interval      REAL,                      -- seconds until the next revisit
    next_due      REAL,                      -- when --refresh should fetch it again (NULL: never)
    stored_as     TEXT                       -- the article's key in the store (its canonical URL)
);
CREATE INDEX IF NOT EXISTS urls_queue ON urls(state, host, priority, id);
CREATE INDEX IF NOT EXISTS urls_due ON urls(kind, state, next_due);
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    outcome     TEXT NOT NULL,               -- running, finished, max-pages, interrupted, failed
    sources     TEXT NOT NULL,
    refresh     INTEGER NOT NULL,
    counts      TEXT NOT NULL DEFAULT '{}'   -- JSON
);
"""


@dataclass(frozen=True)
class Entry:
    """A URL claimed for fetching."""

    id: int
    url: str
    source: str
    kind: str
    depth: int
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    interval: float | None
    stored_as: str | None = None

    @property
    def host(self) -> str:
        return host_key(self.url)


class Frontier:
    """One SQLite file, used from one thread (the crawl's event loop)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = open_database(self.path)
        self._db.executescript(SCHEMA)
        self._known: set[str] = set()   # normalised URLs known to be in the table

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Frontier":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- adding --------------------------------------------------------------------------------

    def add(self, urls: Iterable[str], source: str, kind: str, depth: int = 0) -> int:
        """Queue URLs not seen before; returns how many were new.

        URLs this frontier already holds (rows are never deleted) are recognised in memory: most links
        of a page (menus, related stories) were queued by an earlier page, and skipping them saves a
        write transaction per page.
        """
        now = time.time()
        rows = []
        for url in urls:
            key = normal_url(url)
            if key in self._known:
                continue
            rows.append((key, host_key(key), source, kind, 0 if kind in HUB_KINDS else 1, depth, now))
        if not rows:
            return 0
        before = self._db.total_changes
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR IGNORE INTO urls (url, host, source, kind, priority, depth, state, discovered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)", rows)
        self._db.execute("COMMIT")
        if len(self._known) + len(rows) > KNOWN_URLS_KEPT:
            self._known.clear()
        self._known.update(row[0] for row in rows)
        return self._db.total_changes - before

    def knows(self, key: str) -> bool:
        """Is this normalised URL known to be in the table already (from memory: no query)?"""
        return key in self._known

    def recover(self) -> int:
        """After a crash or Ctrl-C: URLs that were being fetched go back to the queue."""
        return self._db.execute("UPDATE urls SET state='queued' WHERE state='active'").rowcount

    def requeue_due(self, sources: Iterable[str], now: float | None = None) -> dict[str, int]:
        """For --refresh: every hub, and every article or failed URL whose revisit is due."""
        now = time.time() if now is None else now
        names = list(sources)
        marks = ",".join("?" * len(names))
        hubs = self._db.execute(
            f"UPDATE urls SET state='queued' WHERE kind IN ({','.join('?' * len(HUB_KINDS))})"
            f" AND state IN ('done','failed') AND source IN ({marks})", [*HUB_KINDS, *names]).rowcount
        due = self._db.execute(
            f"UPDATE urls SET state='queued' WHERE kind='article' AND state IN ('done','failed')"
            f" AND next_due IS NOT NULL AND next_due <= ? AND source IN ({marks})", [now, *names]).rowcount
        return {"hubs": hubs, "articles": due}

    def queue_if_changed(self, updated: dict[str, float]) -> int:
        """Queue again the visited articles and sitemaps whose sitemap <lastmod> is after our last
        visit, due or not: a corrected article is fetched at the next refresh, not when its revisit
        interval runs out. Returns how many.

        Some sites stamp every entry with the time the sitemap was generated; when most of the
        visited entries of one sitemap say they changed (LASTMOD_DOUBT_SHARE of at least
        LASTMOD_DOUBT_MIN), its dates say nothing and nothing is queued."""
        wanted = {normal_url(url): when for url, when in updated.items()}
        keys = list(wanted)
        visited: list[tuple[str, float]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            visited += self._db.execute(
                f"SELECT url, fetched_at FROM urls WHERE url IN ({','.join('?' * len(chunk))})"
                " AND kind IN ('article','sitemap') AND state IN ('done','failed') AND fetched_at IS NOT NULL"
                " AND reason IS NOT 'stored under another URL'", chunk).fetchall()
        changed = [url for url, fetched_at in visited if wanted[url] > fetched_at]
        if not changed or (len(visited) >= LASTMOD_DOUBT_MIN and len(changed) > LASTMOD_DOUBT_SHARE * len(visited)):
            return 0
        self._db.execute("BEGIN")
        self._db.executemany("UPDATE urls SET state='queued' WHERE url=?", [(url,) for url in changed])
        self._db.execute("COMMIT")
        return len(changed)

    # -- claiming ------------------------------------------------------------------------------

    def claim_host(self, host: str, sources: Iterable[str], limit: int) -> list[Entry]:
        names = list(sources)
        rows = self._db.execute(
            f"SELECT * FROM urls WHERE state='queued' AND host=? AND source IN ({','.join('?' * len(names))})"
            " ORDER BY priority, id LIMIT ?", [host, *names, limit]).fetchall()
        if rows:
            self._db.execute(f"UPDATE urls SET state='active' WHERE id IN ({','.join('?' * len(rows))})",
                             [r["id"] for r in rows])
        return [Entry(r["id"], r["url"], r["source"], r["kind"], r["depth"], r["etag"], r["last_modified"],
                      r["content_hash"], r["interval"], r["stored_as"]) for r in rows]

    def queued_hosts(self, sources: Iterable[str]) -> list[str]:
        names = list(sources)
        rows = self._db.execute(
            f"SELECT DISTINCT host FROM urls WHERE state='queued' AND source IN ({','.join('?' * len(names))})",
            names).fetchall()
        return [r[0] for r in rows]

    def release(self, entries: Iterable[Entry]) -> None:
        """Put claimed but unfetched URLs back (the crawl stopped early)."""
        ids = [e.id for e in entries]
        if ids:
            self._db.execute(f"UPDATE urls SET state='queued' WHERE state='active' AND id IN ({','.join('?' * len(ids))})",
                             ids)

    # -- settling ------------------------------------------------------------------------------

    def settle(self, entry: Entry, state: str, *, reason: str | None = None, http_status: int | None = None,
               etag: str | None = None, last_modified: str | None = None, content_hash: str | None = None,
               interval: float | None = None, next_due: float | None = None,
               stored_as: str | None = None) -> None:
        """Record the end of one URL's visit."""
        self._db.execute(
            "UPDATE urls SET state=?, reason=?, http_status=COALESCE(?, http_status), etag=COALESCE(?, etag),"
            " last_modified=COALESCE(?, last_modified), content_hash=COALESCE(?, content_hash),"
            " attempts=attempts+1, fetched_at=?, interval=?, next_due=?,"
            " stored_as=COALESCE(?, stored_as) WHERE id=?",
            (state, reason, http_status, etag, last_modified, content_hash, time.time(), interval,
             next_due, stored_as, entry.id))

    def mark_alias(self, url: str, source: str, kind: str) -> None:
        """A URL we now hold under another address (its canonical or redirect target): never fetch it."""
        key = normal_url(url)
        self._db.execute(
            "INSERT INTO urls (url, host, source, kind, priority, state, reason, discovered_at)"
            " VALUES (?, ?, ?, ?, 1, 'done', 'stored under another URL', ?)"
            " ON CONFLICT(url) DO UPDATE SET state='done', reason='stored under another URL', next_due=NULL"
            " WHERE state IN ('queued')", (key, host_key(key), source, kind, time.time()))

    def get(self, url: str) -> sqlite3.Row | None:
        return self._db.execute("SELECT * FROM urls WHERE url=?", (normal_url(url),)).fetchone()

    # -- reading -------------------------------------------------------------------------------

    def counts(self, sources: Iterable[str] | None = None) -> dict[str, int]:
        sql = "SELECT state, COUNT(*) FROM urls"
        args: list = []
        if sources is not None:
            names = list(sources)
            sql += f" WHERE source IN ({','.join('?' * len(names))})"
            args = names
        return {r[0]: r[1] for r in self._db.execute(sql + " GROUP BY state", args)}

    def queued(self, sources: Iterable[str]) -> int:
        names = list(sources)
        return self._db.execute(
            f"SELECT COUNT(*) FROM urls WHERE state IN ('queued','active') AND source IN ({','.join('?' * len(names))})",
            names).fetchone()[0]

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Normalised URLs that start with `prefix` (a range of the url index: cheap)."""
        rows = self._db.execute("SELECT url FROM urls WHERE url >= ? AND url < ? LIMIT ?",
                                (prefix, prefix + "\U0010ffff", limit))
        return [row[0] for row in rows]

    def queued_on(self, host: str, sources: Iterable[str]) -> int:
        """URLs of one host (host:port) still waiting."""
        names = list(sources)
        return self._db.execute(
            f"SELECT COUNT(*) FROM urls WHERE state='queued' AND host=? AND source IN ({','.join('?' * len(names))})",
            [host, *names]).fetchone()[0]

    def problems(self, limit: int = 100) -> list[tuple[str, str, str]]:
        """(url, state, reason) of URLs that were skipped or failed, newest first."""
        rows = self._db.execute(
            "SELECT url, state, reason FROM urls WHERE state IN ('skipped','failed') ORDER BY fetched_at DESC LIMIT ?",
            (limit,)).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, started_at: str, sources: Iterable[str], refresh: bool) -> int:
        cur = self._db.execute("INSERT INTO runs (started_at, outcome, sources, refresh) VALUES (?, 'running', ?, ?)",
                               (started_at, json.dumps(list(sources)), int(refresh)))
        return cur.lastrowid

    def end_run(self, run_id: int, ended_at: str, outcome: str, counts: dict) -> None:
        self._db.execute("UPDATE runs SET ended_at=?, outcome=?, counts=? WHERE id=?",
                         (ended_at, outcome, json.dumps(counts, ensure_ascii=False), run_id))

    def last_run(self) -> dict | None:
        row = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return {"id": row["id"], "started_at": row["started_at"], "ended_at": row["ended_at"],
                "outcome": row["outcome"], "sources": json.loads(row["sources"]), "refresh": bool(row["refresh"]),
                "counts": json.loads(row["counts"])}


def last_run(settings) -> dict | None:
    """The latest crawl run of a data directory (`settings.frontier_path`): started_at, ended_at,
    outcome, sources, refresh, counts; None if never crawled."""
    if not Path(settings.frontier_path).exists():
        return None
    with Frontier(settings.frontier_path) as frontier:
        return frontier.last_run()
