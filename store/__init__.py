"""The ground every stage stands on: the article record, the SQLite article store (the source of
truth), URL normalisation, and what an archive's dates may be.

crawler, indexer and webui import from here (this module's `__all__`), never from each other's
internals. Errors: `normalize_url` raises ValueError for a URL that does not parse; the store raises
`StoreError` with a sentence for people (full disk, read-only directory) and lets sqlite3's own
errors through otherwise.
"""

from .article import (
    ARCHIVE_YEARS,
    DEFAULT_TZ,
    Article,
    clean_text,
    in_archive_range,
    nfc,
)
from .database import ArticleStore, StoredArticle, Version, open_database
from .layout import DataDir, sqlite_files
from .urls import join_url, normalize_url, well_formed_url

__all__ = [
    "ARCHIVE_YEARS", "DEFAULT_TZ", "Article", "ArticleStore", "DataDir", "StoredArticle", "Version", "clean_text",
    "in_archive_range", "join_url", "nfc", "normalize_url", "open_database", "sqlite_files", "well_formed_url",
]
