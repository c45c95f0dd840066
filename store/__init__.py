"""The ground every stage stands on: the article record, the SQLite article store (the source of
truth), URL normalisation, what an archive's dates may be, and the data directory's layout.

crawler, indexer, webui and khobao import from here, and only the names in `__all__` (never
`store.database` or `store.urls`); tests/test_store_surface.py checks that.

What it raises (no exception class of its own: the standard ones say it):
- ValueError: `normalize_url` for text that is no URL (no single normal form, a port out of range,
  a broken IPv6 host, an unpaired surrogate), and so the store's methods that take a URL (`upsert`,
  `get_by_url`, `touch`, `delete`); `Article` for a `published` without a time zone.
  `join_url` and `well_formed_url` never raise: they answer "" or None.
- FileNotFoundError: `ArticleStore(path, read_only=True)` when there is no store at `path`.
- OSError: `ArticleStore(path)` when the data directory cannot be created.
- sqlite3.Error, passed through as SQLite words it: OperationalError for a full disk, a read-only
  file or directory, a write on a read-only store, or a lock held past the busy timeout (10 s);
  DatabaseError for a file that is not (or no longer) a database. khobao/importing.py
  (`store_problem`) turns these into a sentence for people.
"""

from .article import (
    ARCHIVE_YEARS,
    DEFAULT_TZ,
    Article,
    in_archive_range,
    nfc,
)
from .database import ArticleStore, StoredArticle, Version, open_database
from .layout import DEFAULT_DATA_DIR, DataDir, sqlite_files
from .urls import has_tracking, join_url, normalize_url, well_formed_url

__all__ = [
    "ARCHIVE_YEARS", "DEFAULT_DATA_DIR", "DEFAULT_TZ", "Article", "ArticleStore", "DataDir", "StoredArticle", "Version",
    "has_tracking", "in_archive_range", "join_url", "nfc", "normalize_url", "open_database", "sqlite_files", "well_formed_url",
]
