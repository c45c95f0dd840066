"""Load existing articles from JSON Lines into the store (`khobao import`).

One JSON object a line: `url` (required), `title`, `body` or `text`, `published` or `date`
(ISO 8601; a date without time, or a datetime without offset, is local time of the source),
`source`, `author`, `section`. A bad line is reported with its number and reason and skipped;
the rest goes in. A date outside the archive's years (crawler.dates.ARCHIVE_YEARS: a placeholder such
as 0001-01-01) is stored as no date, with a warning naming the line. Articles are upserted by normalised URL, so importing a file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Callable, Iterable

from crawler.article import Article
from crawler.dates import ARCHIVE_YEARS, in_archive_range
from crawler.store import ArticleStore

BATCH = 1000
MAX_REPORTED = 1000  # bad lines listed in the summary (all are counted)


class BadLine(ValueError):
    """Why one line cannot be imported."""


@dataclass
class ImportSummary:
    lines: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    bad: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    warned: int = 0  # lines that went in with a warning (a date out of range, stored as no date)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, what was changed)

    @property
    def imported(self) -> int:
        return self.new + self.changed + self.unchanged


def _text(record: dict, *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadLine(f"'{name}' must be a string, got {type(value).__name__}")
        return value
    return None


def parse_published(value: str, local: tzinfo) -> datetime:
    """ISO 8601 date or datetime; without an offset it is the source's local time."""
    value = value.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(0), local)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        raise BadLine(f"date {value!r} is not ISO 8601 (like 2021-01-24 or 2021-01-24T08:15:00+07:00)") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=local)


def parse_line(line: str, default_tz: tzinfo, tz_for_source: Callable[[str], tzinfo | None] | None = None) -> Article:
    """One line → its Article (an out-of-range date dropped silently; read_line says so)."""
    return read_line(line, default_tz, tz_for_source)[0]


def read_line(line: str, default_tz: tzinfo,
              tz_for_source: Callable[[str], tzinfo | None] | None = None) -> tuple[Article, str | None]:
    """One line → its Article and a warning (or None). Raises BadLine."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    url = _text(record, "url")
    if not url or not url.strip():
        raise BadLine("'url' is missing")
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise BadLine(f"'url' {url[:80]!r} is not an http(s) URL")
    source = _text(record, "source") or ""
    local = (tz_for_source(source) if tz_for_source else None) or default_tz
    published_text = _text(record, "published", "date")
    published = parse_published(published_text, local) if published_text and published_text.strip() else None
    warning = None
    if published is not None and not in_archive_range(published):
        low, high = ARCHIVE_YEARS
        warning = f"date {published_text.strip()[:40]!r} is outside the years {low}-{high}; stored with no date"
        published = None
    article = Article(url=url, title=_text(record, "title") or "", body=_text(record, "body", "text") or "",
                      source=source, author=_text(record, "author"), section=_text(record, "section"),
                      published=published)
    return article, warning


def import_jsonl(lines: Iterable[str | bytes], store: ArticleStore, default_tz: tzinfo, *,
                 tz_for_source: Callable[[str], tzinfo | None] | None = None,
                 progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Upsert every good line into the store, in batches; bad lines are listed in the summary."""
    summary = ImportSummary()
    batch: list[Article] = []

    def flush() -> None:
        for result in store.upsert_many(batch):
            setattr(summary, result.status, getattr(summary, result.status) + 1)
        batch.clear()
        if progress:
            progress(summary.lines)

    for number, line in enumerate(lines, start=1):
        summary.lines = number
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                _bad(summary, number, f"not UTF-8 text (byte {exc.start})")
                continue
        if not line.strip():
            continue
        try:
            article, warning = read_line(line, default_tz, tz_for_source)
        except (BadLine, ValueError) as exc:
            _bad(summary, number, str(exc))
            continue
        batch.append(article)
        if warning:
            summary.warned += 1
            if len(summary.warnings) < MAX_REPORTED:
                summary.warnings.append((number, warning))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return summary


def _bad(summary: ImportSummary, number: int, reason: str) -> None:
    summary.bad += 1
    if len(summary.errors) < MAX_REPORTED:
        summary.errors.append((number, reason))
