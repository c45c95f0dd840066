"""Load existing articles from JSON Lines into the store (`khobao import`).

One JSON object a line: `url` (required), `title`, `body` or `text`, `published` or `date`
(ISO 8601; a date without time, or a datetime without offset, is local time of the source),
`source`, `author`, `section`. Articles are upserted by normalised URL, so importing a file twice
changes nothing.

Each line is checked completely before it joins a batch (JSON, types, text that SQLite can store,
a URL that normalises, a date), so a bad line is reported with its number and reason and skipped,
and the rest goes in. A date outside the archive's years (store.ARCHIVE_YEARS: a placeholder
such as 0001-01-01) is stored as no date, with a warning naming the line; so is a body longer than
[import] max_body_chars, cut at the last paragraph (or sentence) end within the cap. A file that ends
early (a truncated .gz) keeps everything read before the damage; the summary says where it stopped.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Callable, Iterable

from store import ARCHIVE_YEARS, Article, ArticleStore, in_archive_range, normalize_url

from .errors import BadLine

BATCH = 1000
MAX_REPORTED = 1000  # bad lines (and warnings) listed in the summary; all are counted
TEXT_FIELDS = ("url", "title", "body", "text", "published", "date", "source", "author", "section")


@dataclass(frozen=True)
class ImportSettings:
    """[import] in config.toml. The default cap, a million characters, is several times the longest
    real article (a law published in full is a few hundred thousand) and keeps an article page well
    under a second of work; beyond it a "body" is a dump (a whole site, a log) rather than an article."""

    max_body_chars: int = 1_000_000

    def __post_init__(self) -> None:
        if self.max_body_chars < 1000:
            raise ValueError(f"max_body_chars must be 1000 or more, got {self.max_body_chars}")


_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*\s")


def cap_body(body: str, limit: int) -> tuple[str, str | None]:
    """The body cut to at most `limit` characters at the last paragraph end (else sentence end, else
    space) in its second half, and a warning; the body itself and None when it fits."""
    if len(body) <= limit:
        return body, None
    head = body[:limit + 1]
    cut, where = head.rfind("\n"), "paragraph"
    if cut < limit // 2:
        ends = [m.end() for m in _SENTENCE_END.finditer(head, limit // 2)]
        cut, where = (ends[-1] - 1, "sentence") if ends else (head.rfind(" "), "word")
    if cut < limit // 2:
        cut, where = limit, "character"
    kept = body[:cut].rstrip()
    return kept, (f"body of {len(body):,} characters cut to {len(kept):,} at a {where} end "
                  f"(the cap is [import] max_body_chars = {limit:,})")


@dataclass
class ImportSummary:
    lines: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    bad: int = 0
    blank: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    warned: int = 0  # lines that went in changed: a date out of range, a body cut to the cap
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, what was changed)
    ended_early: str | None = None  # why reading stopped before the end of the file (truncated, damaged)
    store_error: str | None = None  # why the store stopped taking articles (disk full, read-only)

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


def _check_text(record: dict) -> None:
    """Refuse a lone surrogate (a JSON escape like \\ud800): Python keeps it, SQLite cannot store it."""
    for name in TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise BadLine(f"'{name}' holds an unpaired surrogate ({value[exc.start]!r} at character "
                              f"{exc.start}), which is no text") from None


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


def read_line(line: str, default_tz: tzinfo, tz_for_source: Callable[[str], tzinfo | None] | None = None,
              max_body_chars: int = 0) -> tuple[Article, list[str]]:
    """One line → its Article and warnings. Raises BadLine for anything the store could not take."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise BadLine("not valid JSON for an article (nested too deeply)") from None
    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    _check_text(record)
    url = _text(record, "url")
    if not url or not url.strip():
        raise BadLine("'url' is missing")
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise BadLine(f"'url' {url[:80]!r} is not an http(s) URL")
    try:
        normalize_url(url)
    except ValueError as exc:
        raise BadLine(f"'url': {exc}") from None
    source = _text(record, "source") or ""
    local = (tz_for_source(source) if tz_for_source else None) or default_tz
    published_text = _text(record, "published", "date")
    published = parse_published(published_text, local) if published_text and published_text.strip() else None
    warnings = []
    if published is not None and not in_archive_range(published):
        low, high = ARCHIVE_YEARS
        warnings.append(f"date {published_text.strip()[:40]!r} is outside the years {low}-{high}; "
                        "stored with no date")
        published = None
    body = _text(record, "body", "text") or ""
    if max_body_chars:
        body, cut = cap_body(body, max_body_chars)
        warnings += [cut] if cut else []
    article = Article(url=url, title=_text(record, "title") or "", body=body, source=source,
                      author=_text(record, "author"), section=_text(record, "section"), published=published)
    return article, warnings


def import_jsonl(lines: Iterable[str | bytes], store: ArticleStore, default_tz: tzinfo, *,
                 tz_for_source: Callable[[str], tzinfo | None] | None = None,
                 progress: Callable[[int], None] | None = None, max_body_chars: int = 0) -> ImportSummary:
    """Upsert every good line into the store, in batches; bad lines and warnings are listed in the summary.

    Never raises for what a line holds. A read error of the input (a truncated .gz) ends the import
    after storing what was read, with `ended_early` set. A store that cannot be written (disk full,
    read-only) ends it with `store_error` set: the batch it hit is rolled back whole, the batches
    before it are stored, and `lines` is the last line stored.
    """
    summary = ImportSummary()
    batch: list[tuple[int, Article]] = []

    def flush() -> bool:
        try:
            results = _upsert(store, batch, summary)
        except sqlite3.OperationalError as exc:
            summary.store_error = str(exc)
            summary.lines = batch[0][0] - 1
            return False
        for result in results:
            setattr(summary, result.status, getattr(summary, result.status) + 1)
        batch.clear()
        if progress:
            progress(summary.lines)
        return True

    numbered = enumerate(lines, start=1)
    while True:
        try:
            number, line = next(numbered)
        except StopIteration:
            break
        except (OSError, EOFError, ValueError, zlib.error) as exc:  # gzip: ended early, CRC, damaged data
            summary.ended_early = str(exc) or type(exc).__name__
            break
        summary.lines = number
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                _bad(summary, number, f"not UTF-8 text (byte {exc.start})")
                continue
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte order mark, as some Windows tools write
        if not line.strip():
            summary.blank += 1
            continue
        try:
            article, warnings = read_line(line, default_tz, tz_for_source, max_body_chars)
        except ValueError as exc:
            _bad(summary, number, str(exc))
            continue
        batch.append((number, article))
        for warning in warnings:
            _warn(summary, number, warning)
        if len(batch) >= BATCH and not flush():
            return summary
    if batch:
        flush()
    return summary


def store_problem(message: str, directory) -> str:
    """One line saying why the store cannot be written, and what to do."""
    if "full" in message or "disk I/O" in message:
        return f"{message}: free space in {directory}"
    if "readonly" in message or "unable to open" in message or "Permission denied" in message:
        return f"cannot write the article store in {directory} ({message}): check that it is writable"
    return f"cannot write the article store in {directory}: {message}"


def _upsert(store: ArticleStore, batch: list[tuple[int, Article]], summary: ImportSummary) -> list:
    """The batch in one transaction; should one article still fail (a check this module lacks), the
    batch is retried one by one so that only that line is lost. Operational errors (disk full,
    read-only, locked) concern the whole store and are raised."""
    try:
        return store.upsert_many(article for _, article in batch)
    except sqlite3.OperationalError:
        raise
    except (sqlite3.Error, ValueError, OverflowError):
        pass
    results = []
    for number, article in batch:
        try:
            results.append(store.upsert(article))
        except sqlite3.OperationalError:
            raise
        except (sqlite3.Error, ValueError, OverflowError) as exc:
            _bad(summary, number, f"the store refused it ({type(exc).__name__}: {exc})"[:300])
    return results


def _bad(summary: ImportSummary, number: int, reason: str) -> None:
    summary.bad += 1
    if len(summary.errors) < MAX_REPORTED:
        summary.errors.append((number, reason))


def _warn(summary: ImportSummary, number: int, warning: str) -> None:
    summary.warned += 1
    if len(summary.warnings) < MAX_REPORTED:
        summary.warnings.append((number, warning))
