"""Import existing web archives: WARC files (.warc, .warc.gz) as written by wget --warc-file, Heritrix,
browser-based archivers or khobao's own crawler.

Each HTML response with status 200 is assigned to a configured source by its domain (or to the
source named by the caller), kept if the source's follow/skip patterns call its URL an article,
cleaned by the crawler's cleaner, and stored. Everything else is skipped
and counted by reason: other record types are not pages, and a revisit record, a non-200 status,
a page that is not HTML, a page from no known source, or a page the cleaner rejects is one skip.
A damaged file keeps what was read before the damage.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from crawler import (
    PageJob,
    Rejected,
    Source,
    accepts,
    host_in_domains,
    is_followed,
    is_skipped,
    process_page,
    record_body,
    source_domains,
)
from store import Article, ArticleStore

from .importing import cap_body

WARC_SUFFIXES = (".warc", ".warc.gz")
BATCH = 64                     # pages cleaned (and stored) together

Progress = Callable[[int, int], None]   # (bytes read, bytes in all)


def is_warc(file: str) -> bool:
    return file.lower().endswith(WARC_SUFFIXES)


@dataclass
class WarcImportSummary:
    files: int = 0
    records: int = 0                                    # WARC records read, of every type
    pages: int = 0                                      # response and revisit records: captured pages
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)   # reason -> pages
    damaged: list[str] = field(default_factory=list)    # one line per file that could not be read to its end
    cut: list[str] = field(default_factory=list)        # URLs whose body was cut to [import] max_body_chars

    @property
    def imported(self) -> int:
        return self.new + self.changed + self.unchanged


@dataclass(frozen=True)
class _Page:
    url: str
    body: bytes
    content_type: str | None
    fetched_at: datetime | None
    etag: str | None
    last_modified: str | None
    warc_file: str
    warc_offset: int
    source: Source


def source_for(url: str, sources: Iterable[Source]) -> Source | None:
    """The configured source whose domains hold the URL's host (the most specific domain wins)."""
    host = (urlsplit(url).hostname or "").lower()
    best, best_length = None, -1
    for source in sources:
        for domain in source_domains(source):
            if host_in_domains(host, (domain,)) and len(domain) > best_length:
                best, best_length = source, len(domain)
    return best


def is_article_url(url: str, source: Source) -> bool:
    """The source's rules for article URLs, as the crawler applies them: skip patterns, then follow
    patterns (not its domains: `--source` may assign pages from anywhere)."""
    return not is_skipped(url, source) and is_followed(url, source)


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return accepts(content_type, "html")
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _date(record) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _records(path: Path, stream, summary: WarcImportSummary) -> Iterator[tuple[object, Callable[[], int]]]:
    """(record, offset getter) for every readable record; notes in `summary` where a damaged file stops.

    warcio ends quietly at a truncated gzip member and may raise anything on garbage, so damage is
    found here: an error while reading, gzip members ending before the file does, a record claiming
    more bytes than an uncompressed file has left, or no record at all. The offset getter reads the
    rest of the record, so call it after reading the body.
    """
    size = path.stat().st_size
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    records = ArchiveIterator(stream)
    iterator = iter(records)
    count = 0
    truncated = False
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a damaged file
            summary.damaged.append(f"{path}: unreadable after {count} records "
                                   f"({type(exc).__name__}: {str(exc).strip()[:100]})")
            return
        count += 1
        length = record.rec_headers.get_header("Content-Length") or ""
        yield record, records.get_record_offset
        if not gzipped and (not length.isdigit() or records.get_record_offset() + int(length) > size):
            truncated = True
    if count == 0 and size > 0:
        summary.damaged.append(f"{path}: no WARC record found; is it a WARC file?")
    elif truncated or (gzipped and records.offset < size):
        summary.damaged.append(f"{path}: truncated; {count} records read before the damage")


def _pages(path: Path, summary: WarcImportSummary, sources: tuple[Source, ...], forced: Source | None,
           progress: Progress | None, done_before: int, total: int) -> Iterator[_Page]:
    """The importable pages of one WARC file; what is not importable is counted in `summary`."""
    with path.open("rb") as stream:
        for record, offset_of in _records(path, stream, summary):
            summary.records += 1
            if progress and summary.records % 50 == 0:
                progress(done_before + stream.tell(), total)
            if record.rec_type == "revisit":
                summary.pages += 1
                summary.skipped["revisit record (a duplicate of an earlier capture)"] += 1
                continue
            if record.rec_type != "response":
                continue  # warcinfo, request, metadata, resource: not captured pages
            summary.pages += 1
            url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")  # <...>: WARC 1.0 drafts
            http = record.http_headers
            if not url.lower().startswith(("http://", "https://")) or http is None:
                summary.skipped["not an HTTP response"] += 1
                continue
            status = http.get_statuscode() or "?"
            if status != "200":
                summary.skipped[f"HTTP status {status}"] += 1
                continue
            try:
                body = record_body(record)   # Content-Encoding undone (gzip, deflate, br)
            except Exception:  # noqa: BLE001 - a broken Content-Encoding, a cut chunk
                summary.skipped["unreadable body"] += 1
                continue
            content_type = http.get_header("Content-Type")
            if not _is_html(content_type, body):
                summary.skipped["not HTML"] += 1
                continue
            source = forced or source_for(url, sources)
            if source is None:
                summary.skipped["domain of no configured source (use --source NAME)"] += 1
                continue
            if not is_article_url(url, source):
                summary.skipped["not an article URL by the source's follow/skip patterns"] += 1
                continue
            yield _Page(url=url, body=body, content_type=content_type, fetched_at=_date(record),
                        etag=http.get_header("ETag"), last_modified=http.get_header("Last-Modified"),
                        warc_file=str(path.resolve()), warc_offset=offset_of(), source=source)


def clean_page(page: _Page) -> Article | Rejected:
    """Decode and clean one captured page (runs in a worker process), as the crawler does: a page
    that breaks the cleaner is reported as rejected, and the import goes on."""
    outcome = process_page(PageJob(kind="article", url=page.url, body=page.body, content_type=page.content_type,
                                   source=page.source, archive=False, find_links=False))
    if outcome.article is None:
        return Rejected(page.url, outcome.rejected or f"cleaner error: {outcome.error}")
    return outcome.article.replace(
        source=page.source.name, fetched_at=page.fetched_at, http_status=200, etag=page.etag,
        last_modified=page.last_modified, warc_file=page.warc_file, warc_offset=page.warc_offset)


def import_warc(paths: Iterable[str | Path], store: ArticleStore, sources: Iterable[Source], *,
                source: Source | None = None, pool: Executor | None = None,
                progress: Progress | None = None, max_body_chars: int | None = None) -> WarcImportSummary:
    """Store the articles of the WARC files at `paths`; `source` assigns every page to one source.

    `pool` cleans pages in parallel (the cleaner is the cost); without one they are cleaned here.
    """
    paths = [Path(p) for p in paths]
    sources = tuple(sources)
    summary = WarcImportSummary()
    total = sum(p.stat().st_size for p in paths)
    done = 0
    for path in paths:
        summary.files += 1
        pages = _pages(path, summary, sources, source, progress, done, total)
        while batch := list(islice(pages, BATCH)):
            cleaned = list(pool.map(clean_page, batch, chunksize=8)) if pool else [clean_page(p) for p in batch]
            articles = []
            for result in cleaned:
                if isinstance(result, Rejected):
                    summary.skipped[f"rejected by the cleaner: {result.reason}"] += 1
                else:
                    if max_body_chars is not None and len(result.body) > max_body_chars:
                        result = result.replace(body=cap_body(result.body, max_body_chars)[0])
                        summary.cut.append(result.url)
                    articles.append(result)
            for outcome in store.upsert_many(articles):
                setattr(summary, outcome.status, getattr(summary, outcome.status) + 1)
        done += path.stat().st_size
        if progress:
            progress(done, total)
    return summary
