"""The article store: SQLite, the source of truth. The index is derived from it and can be rebuilt.

Every change (new article, changed article, deletion) takes the next value of a change
sequence, so the indexer can catch up with `changes_since(last_seq)` instead of re-reading all.
A changed article keeps its earlier versions in `versions`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import quote

from .article import ARCHIVE_YEARS, Article
from .urls import normalize_url

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,     -- normalised URL: the key
    original_url  TEXT NOT NULL,
    canonical_url TEXT,
    source        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    author        TEXT,
    section       TEXT,
    published     TEXT,                     -- ISO 8601 with offset
    body          TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT 'vi',
    fetched_at    TEXT,
    http_status   INTEGER,
    etag          TEXT,
    last_modified TEXT,
    warc_file     TEXT,
    warc_offset   INTEGER,
    content_hash  TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    seq           INTEGER NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
-- what `khobao status` and the home page ask of a million articles, answered from these two
-- covering indexes instead of a scan of the table and its bodies
CREATE INDEX IF NOT EXISTS articles_live_source ON articles(deleted, source, published);
CREATE INDEX IF NOT EXISTS articles_live_published ON articles(deleted, published);
CREATE TABLE IF NOT EXISTS versions (
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published    TEXT,
    author       TEXT,
    section      TEXT,
    content_hash TEXT NOT NULL,
    fetched_at   TEXT,
    http_status  INTEGER,
    warc_file    TEXT,
    warc_offset  INTEGER,
    PRIMARY KEY (article_id, version)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store keeps it: the record plus its identity and history counters."""

    id: int
    article: Article
    version: int
    seq: int
    deleted: bool
    first_seen: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Version:
    """An earlier version of a changed article, as it was before the change; `body` and the other
    fields of the text (published, author, section) let a reader see what changed."""

    version: int
    title: str
    content_hash: str
    fetched_at: datetime | None
    http_status: int | None
    warc_file: str | None
    warc_offset: int | None
    body: str = ""
    published: datetime | None = None
    author: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class UpsertResult:
    id: int
    status: str  # "new", "changed" or "unchanged"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: no pragma that changes the file, no schema, no mkdir.

    mode=ro still shares the writers' WAL (a reader sees an import's commits as they land), which
    needs the -shm file. Where it cannot be had (a read-only directory, a full disk), nobody can be
    writing here, so the file is read as immutable: no locks, no -wal or -shm, nothing written.
    """
    if not path.is_file():
        raise FileNotFoundError(f"no article store at {path} (run `khobao crawl` or `khobao import` first)")
    base = "file:" + quote(str(path.resolve()))
    try:
        return _connect_read_only(base + "?mode=ro")
    except sqlite3.OperationalError as exc:
        if not any(why in str(exc) for why in ("readonly", "unable to open", "full", "disk I/O")):
            raise
    return _connect_read_only(base + "?mode=ro&immutable=1")   # no -shm can be had: nobody writes here


def _connect_read_only(uri: str) -> sqlite3.Connection:
    db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout=10000")
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()   # fails here when -shm cannot be had
    except sqlite3.OperationalError:
        db.close()
        raise
    db.row_factory = sqlite3.Row
    return db


def open_database(path: Path) -> sqlite3.Connection:
    """Our SQLite files (store, frontier): autocommit (transactions are explicit), rows by name,
    WAL so readers never wait for the crawl's writes, and a patient busy timeout."""
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=10000")
    return db


class ArticleStore:
    """One SQLite file. Safe to share between threads of one process (one lock around writes).

    `read_only=True` is for commands that only read (status, search, serve): they then work on a
    read-only or full data directory, and never write a byte (see open_read_only). A missing store
    is a FileNotFoundError there; writing methods raise sqlite3.OperationalError.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        if read_only:
            self._db = open_read_only(self.path)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = open_database(self.path)
        with self._lock:
            self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction under the lock: committed when the block ends, rolled back if it raises."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it does itself on a full disk): a failed
        ROLLBACK must never hide the error that caused it."""
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _next_seq(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        seq = int(row[0]) + 1 if row else 1
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('seq', ?)", (str(seq),))
        return seq

    def upsert(self, article: Article) -> UpsertResult:
        """Insert a new article, or update a known one; a changed text becomes a new version."""
        with self._transaction():
            return self._upsert(article)

    def upsert_many(self, articles: Iterable[Article]) -> list[UpsertResult]:
        """Many upserts in one transaction: the fast path for imports."""
        with self._transaction():
            return [self._upsert(a) for a in articles]

    def _values(self, article: Article) -> dict[str, Any]:
        return {
            "url": normalize_url(article.url), "canonical_url": article.canonical_url, "source": article.source,
            "title": article.title, "author": article.author, "section": article.section,
            "published": _iso(article.published), "body": article.body, "language": article.language,
            "fetched_at": _iso(article.fetched_at), "http_status": article.http_status, "etag": article.etag,
            "last_modified": article.last_modified, "warc_file": article.warc_file,
            "warc_offset": article.warc_offset, "content_hash": article.content_hash,
        }

    def _upsert(self, article: Article) -> UpsertResult:
        values = self._values(article)
        now = _iso(_now())
        row = self._db.execute("SELECT * FROM articles WHERE url=?", (values["url"],)).fetchone()
        if row is None:
            values.update(original_url=article.url, seq=self._next_seq(), first_seen=now, updated_at=now)
            names = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            cur = self._db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", values)
            assert cur.lastrowid is not None    # an INSERT into a rowid table always has one
            return UpsertResult(cur.lastrowid, "new")
        if row["content_hash"] == values["content_hash"] and not row["deleted"]:
            # Unchanged: refresh validators and fetch time only; the index has nothing to do.
            self._db.execute(
                "UPDATE articles SET fetched_at=COALESCE(?, fetched_at), etag=COALESCE(?, etag),"
                " last_modified=COALESCE(?, last_modified), http_status=COALESCE(?, http_status) WHERE id=?",
                (values["fetched_at"], values["etag"], values["last_modified"], values["http_status"], row["id"]),
            )
            return UpsertResult(row["id"], "unchanged")
        self._db.execute(
            "INSERT OR IGNORE INTO versions (article_id, version, title, body, published, author, section,"
            " content_hash, fetched_at, http_status, warc_file, warc_offset) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (row["id"], row["version"], row["title"], row["body"], row["published"], row["author"], row["section"],
             row["content_hash"], row["fetched_at"], row["http_status"], row["warc_file"], row["warc_offset"]),
        )
        values.update(seq=self._next_seq(), updated_at=now, version=row["version"] + 1, deleted=0)
        sets = ", ".join(f"{k}=:{k}" for k in values if k != "url")
        self._db.execute(f"UPDATE articles SET {sets} WHERE id=:id", {**values, "id": row["id"]})
        return UpsertResult(row["id"], "changed")

    def touch(self, url: str, *, fetched_at: datetime | None = None, etag: str | None = None,
              last_modified: str | None = None, http_status: int | None = None) -> bool:
        """Record a revisit that found nothing new (a 304): cheap, and invisible to the index."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE articles SET fetched_at=?, etag=COALESCE(?, etag), last_modified=COALESCE(?, last_modified),"
                " http_status=COALESCE(?, http_status) WHERE url=?",
                (_iso(fetched_at or _now()), etag, last_modified, http_status, normalize_url(url)),
            )
            return cur.rowcount > 0

    def delete(self, url: str) -> bool:
        """Mark an article deleted; it stays as a tombstone so the index learns of the deletion."""
        with self._transaction():
            row = self._db.execute("SELECT id, deleted FROM articles WHERE url=?", (normalize_url(url),)).fetchone()
            if row is None or row["deleted"]:
                return False
            self._db.execute("UPDATE articles SET deleted=1, seq=?, updated_at=? WHERE id=?",
                             (self._next_seq(), _iso(_now()), row["id"]))
            return True

    # -- reading -------------------------------------------------------------------------------

    def _stored(self, row: sqlite3.Row) -> StoredArticle:
        article = Article(
            url=row["original_url"], canonical_url=row["canonical_url"], source=row["source"], title=row["title"],
            author=row["author"], section=row["section"], published=_parse(row["published"]), body=row["body"],
            language=row["language"], fetched_at=_parse(row["fetched_at"]), http_status=row["http_status"],
            etag=row["etag"], last_modified=row["last_modified"], warc_file=row["warc_file"],
            warc_offset=row["warc_offset"], content_hash=row["content_hash"],
        )
        return StoredArticle(row["id"], article, row["version"], row["seq"], bool(row["deleted"]),
                             datetime.fromisoformat(row["first_seen"]), datetime.fromisoformat(row["updated_at"]))

    def get(self, article_id: int) -> StoredArticle | None:
        row = self._db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return self._stored(row) if row else None

    def get_by_url(self, url: str) -> StoredArticle | None:
        row = self._db.execute("SELECT * FROM articles WHERE url=?", (normalize_url(url),)).fetchone()
        return self._stored(row) if row else None

    def changes_since(self, seq: int, batch: int = 2000) -> Iterator[StoredArticle]:
        """Articles (deleted ones included, as tombstones) changed after `seq`, in sequence order."""
        while True:
            rows = self._db.execute(
                "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (seq, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._stored(row)
            seq = rows[-1]["seq"]

    def all_articles(self) -> Iterator[StoredArticle]:
        """Every live article, for a rebuild."""
        for stored in self.changes_since(0):
            if not stored.deleted:
                yield stored

    def versions(self, article_id: int) -> list[Version]:
        """The earlier versions of an article, oldest first, with their text (the current one is `get`)."""
        rows = self._db.execute(
            "SELECT version, title, body, published, author, section, content_hash, fetched_at, http_status,"
            " warc_file, warc_offset FROM versions WHERE article_id=? ORDER BY version", (article_id,)).fetchall()
        return [Version(r["version"], r["title"], r["content_hash"], _parse(r["fetched_at"]), r["http_status"],
                        r["warc_file"], r["warc_offset"], body=r["body"], published=_parse(r["published"]),
                        author=r["author"], section=r["section"]) for r in rows]

    def count_changes_since(self, seq: int) -> int:
        """How many articles changed after `seq` (what an index at `seq` still has to catch up on)."""
        return int(self._db.execute("SELECT COUNT(*) FROM articles WHERE seq > ?", (seq,)).fetchone()[0])

    def last_seq(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        return int(row[0]) if row else 0

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles WHERE deleted = 0").fetchone()[0])

    def counts_by_source(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT source, COUNT(*) FROM articles WHERE deleted = 0 GROUP BY source ORDER BY source").fetchall()
        return {r[0]: r[1] for r in rows}

    def date_range(self, source: str | None = None) -> tuple[str | None, str | None]:
        """Earliest and latest `published` (ISO strings, as stored) of live articles; a date outside
        ARCHIVE_YEARS (a placeholder stored before imports checked) counts as none, as in the index."""
        low, high = ARCHIVE_YEARS
        where = (" FROM articles WHERE deleted = 0 AND published IS NOT NULL"
                 f" AND published >= '{low:04d}' AND published < '{high + 1:04d}'" + (" AND source=?" if source else ""))
        args = (source,) if source else ()
        # MIN and MAX asked apart: each alone is one seek in the covering index; together, SQLite reads
        # every row of the source (20 ms a source at a million articles, `khobao status` asks 40 of them)
        first = self._db.execute("SELECT MIN(published)" + where, args).fetchone()[0]
        last = self._db.execute("SELECT MAX(published)" + where, args).fetchone()[0]
        return first, last

    def remember_sources(self, labels: dict[str, str]) -> None:
        """Keep the display labels of sources ("nhipsong" → "Nhịp Sống Việt"), so any reader of the
        store (the web UI serving a data directory under another config) can show them."""
        known = self.source_labels()
        known.update({name: label for name, label in labels.items() if label})
        self.set_meta("source_labels", json.dumps(known, ensure_ascii=False, sort_keys=True))

    def source_labels(self) -> dict[str, str]:
        labels: dict[str, str] = json.loads(self.get_meta("source_labels") or "{}")
        return labels

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
