"""Load existing articles into the store (`khobao import`): records from JSON Lines or CSV rows.

Each record's fields are mapped to an article by import_fields (url, title, body, published...;
`--map` and `--url-template`), and its source is found by import_sources. Articles are upserted by
normalised URL (or their urn: identifier), so importing a file twice changes nothing.

Each line is checked completely before it joins a batch (JSON, types, text that SQLite can store,
a URL that normalises, a date), so a bad line is skipped and counted with its reason; the summary
groups bad lines by kind (count, first line numbers, the fix), and the rest goes in. Warnings (a
date outside the archive's years, a body cut to the cap: import_article) are grouped the same way.
A file that ends early (a truncated .gz) keeps everything read before the damage; the summary says
where it stopped.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Callable, Iterable

from store import Article, ArticleStore

from .errors import BadLine
from .import_article import Built, build_article, cap_body, parse_line, parse_published, read_line
from .import_fields import FieldMap
from .import_files import Row, jsonl_rows
from .import_sources import SourceResolver

__all__ = ["BATCH", "Group", "ImportOptions", "ImportSettings", "ImportSummary", "Sample", "cap_body", "import_jsonl",
           "import_rows",
           "parse_line", "parse_published", "read_line", "store_problem"]

BATCH = 1000
MAX_REPORTED = 1000  # bad lines (and warnings) kept one by one in the summary; all are counted
GROUP_LINES = 5      # line numbers shown per kind of bad line


@dataclass(frozen=True)
class ImportSettings:
    """[import] in config.toml. The default cap, a million characters, is several times the longest
    real article (a law published in full is a few hundred thousand) and keeps an article page well
    under a second of work; beyond it a "body" is a dump (a whole site, a log) rather than an article."""

    max_body_chars: int = 1_000_000

    def __post_init__(self) -> None:
        if self.max_body_chars < 1000:
            raise ValueError(f"max_body_chars must be 1000 or more, got {self.max_body_chars}")


@dataclass
class Group:
    """Lines that share one reason: how many, the first few numbers, the first one's own message."""

    count: int = 0
    lines: list[int] = field(default_factory=list)
    example: str = ""
    fix: str | None = None


@dataclass
class Sample:
    """One of the first rows as --dry-run shows it: the record, what was taken from it, the outcome."""

    number: int
    record: dict
    built: Built | None
    error: str | None


@dataclass
class ImportSummary:
    lines: int = 0      # the line number of the last row read
    rows: int = 0       # rows read, blank and bad ones included (a CSV row may span lines)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    bad: int = 0
    blank: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason), the first MAX_REPORTED
    bad_groups: dict[str, Group] = field(default_factory=dict)   # kind of reason -> its lines
    warned: int = 0  # lines that went in changed: a date out of range, a body cut to the cap
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, what was changed)
    warning_groups: dict[str, Group] = field(default_factory=dict)
    ended_early: str | None = None  # why reading stopped before the end of the file (truncated, damaged)
    store_error: str | None = None  # why the store stopped taking articles (disk full, read-only)
    fields: Counter = field(default_factory=Counter)    # field name -> records that hold it
    sources: Counter = field(default_factory=Counter)   # source name -> articles read for it
    urns: int = 0                                       # articles given a urn: identifier (no URL)
    samples: list[Sample] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.new + self.changed + self.unchanged


@dataclass
class ImportOptions:
    """How records become articles: the field map, the source rules, time zones, the body cap."""

    fields: FieldMap = field(default_factory=FieldMap)
    resolver: SourceResolver | None = None
    tz_for_source: Callable[[str], tzinfo | None] | None = None
    max_body_chars: int = 0
    samples: int = 0            # keep this many first rows for --dry-run


def import_jsonl(lines: Iterable[str | bytes], store: ArticleStore | None, default_tz: tzinfo, *,
                 tz_for_source: Callable[[str], tzinfo | None] | None = None,
                 progress: Callable[[int], None] | None = None, max_body_chars: int = 0,
                 options: ImportOptions | None = None) -> ImportSummary:
    """Upsert every good line of JSON Lines into the store (see import_rows)."""
    options = options or ImportOptions(tz_for_source=tz_for_source, max_body_chars=max_body_chars)
    return import_rows(jsonl_rows(lines), store, default_tz, options, progress=progress)


def import_rows(rows: Iterable[Row], store: ArticleStore | None, default_tz: tzinfo, options: ImportOptions, *,
                progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Upsert the article of every good row into the store, in batches; bad rows and warnings are
    grouped in the summary. Without a store (--dry-run) nothing is stored and every good row counts as new.

    Never raises for what a row holds. A read error of the input (a truncated .gz) ends the import
    after storing what was read, with `ended_early` set. A store that cannot be written (disk full,
    read-only) ends it with `store_error` set: the batch it hit is rolled back whole, the batches
    before it are stored, and `lines` is the last line stored.
    """
    summary = ImportSummary()
    batch: list[tuple[int, Article]] = []

    def flush() -> bool:
        if store is None:
            summary.new += len(batch)
            batch.clear()
            return True
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

    numbered = iter(rows)
    while True:
        try:
            number, row = next(numbered)
        except StopIteration:
            break
        except (OSError, EOFError, ValueError, zlib.error) as exc:  # gzip: ended early, CRC, damaged data
            summary.ended_early = str(exc) or type(exc).__name__
            break
        summary.lines = number
        summary.rows += 1
        if row is None:
            summary.blank += 1
            continue
        if isinstance(row, BadLine):
            _bad(summary, number, row)
            continue
        summary.fields.update(row.keys())
        try:
            built = build_article(row, default_tz, fields=options.fields, resolver=options.resolver,
                                  tz_for_source=options.tz_for_source, max_body_chars=options.max_body_chars)
        except ValueError as exc:
            _bad(summary, number, exc if isinstance(exc, BadLine) else BadLine(str(exc)))
            if len(summary.samples) < options.samples:
                summary.samples.append(Sample(number, row, None, str(exc)))
            continue
        if len(summary.samples) < options.samples:
            summary.samples.append(Sample(number, row, built, None))
        summary.sources[built.article.source] += 1
        summary.urns += built.urn
        batch.append((number, built.article))
        for kind, warning in built.warnings:
            _add(summary.warning_groups, kind, number, warning, None)
            summary.warned += 1
            if len(summary.warnings) < MAX_REPORTED:
                summary.warnings.append((number, warning))
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


def _add(groups: dict[str, Group], kind: str, number: int, message: str, fix: str | None) -> None:
    group = groups.get(kind)
    if group is None:
        group = groups[kind] = Group(example=message, fix=fix)
    group.count += 1
    if len(group.lines) < GROUP_LINES:
        group.lines.append(number)


def _bad(summary: ImportSummary, number: int, reason: BadLine | str) -> None:
    error = reason if isinstance(reason, BadLine) else BadLine(reason)
    summary.bad += 1
    _add(summary.bad_groups, error.kind, number, str(error), error.fix)
    if len(summary.errors) < MAX_REPORTED:
        summary.errors.append((number, str(error)))
