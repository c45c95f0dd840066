"""The `Article` record: what every stage passes on, from the cleaner to the store to the index."""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

DEFAULT_TZ = "Asia/Ho_Chi_Minh"   # the one home of the default: the zone Vietnamese sites write dates in

# What an archive may hold at all (imports of old newspapers included): the first printed newspapers are
# of 1605 (Gia Định báo, the first in Vietnamese, of 1865), and nothing is dated beyond 2200. Outside that,
# a date is a placeholder for "no date" (0001-01-01, 9999-12-31) or a typo, and near years 1 and 9999 it
# cannot even be converted to UTC (OverflowError), which the index needs for sorting.
ARCHIVE_YEARS = (1600, 2200)


def nfc(text: str) -> str:
    """NFC with the look-alike Ð/ð (U+00D0/U+00F0) read as Vietnamese Đ/đ. Length-preserving on NFC text."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def clean_text(text: str | None) -> str:
    """`nfc`, trimmed.

    Stored text is NFC so that character offsets found by the indexer's tokenizer
    point into exactly the text we display and highlight.
    """
    return nfc(text).strip() if text else ""


@dataclass
class Article:
    url: str
    title: str = ""
    body: str = ""
    source: str = ""
    canonical_url: str | None = None
    author: str | None = None
    section: str | None = None
    published: datetime | None = None  # timezone-aware
    language: str = "vi"
    fetched_at: datetime | None = None  # timezone-aware
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError(f"Article.published must be timezone-aware, got {self.published!r} for {self.url}")
        self.title = clean_text(self.title)
        self.body = clean_text(self.body)
        self.author = clean_text(self.author) or None
        self.section = clean_text(self.section) or None
        if not self.content_hash:
            self.content_hash = self.compute_hash()

    def compute_hash(self) -> str:
        """Hash of what a reader sees; validators and fetch times do not count as a change."""
        published = self.published.isoformat() if self.published else ""
        parts = [self.title, self.body, published, self.author or "", self.section or ""]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def replace(self, **changes: Any) -> Article:
        """A copy with `changes`; its content hash is computed again."""
        changes.setdefault("content_hash", "")
        return dataclasses.replace(self, **changes)


def in_archive_range(when: datetime) -> bool:
    """True when `when` (timezone-aware) lies within ARCHIVE_YEARS in its own offset, and converts to UTC."""
    low, high = ARCHIVE_YEARS
    if not low <= when.year <= high:
        return False
    try:
        when.astimezone(timezone.utc).timestamp()
    except (OverflowError, ValueError, OSError):
        return False
    return True
