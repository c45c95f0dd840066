"""Clean stored articles again from their archived responses (WARC), without fetching anything.

For after a cleaner improvement or a change to a source's selectors: every stored article whose
WARC record can be read is cleaned again; a changed text becomes a new version (the index picks it
up), an unchanged one costs nothing. A page the new rules reject keeps its stored article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from store import ArticleStore, StoredArticle

from .crawling import CrawlConfig, select_sources
from .page_processing import PageJob, process_page
from .pool import make_pool
from .warc import read_response

BATCH = 256


@dataclass
class ReextractReport:
    read: int = 0          # archived pages cleaned again
    changed: int = 0       # articles whose text changed (a new version)
    unchanged: int = 0
    rejected: int = 0      # the current rules reject the page; the stored article is kept
    missing: int = 0       # no WARC record, or it could not be read
    reasons: Counter = field(default_factory=Counter)


def _jobs(settings: CrawlConfig, stored: Iterable[StoredArticle], sources: dict,
          report: ReextractReport) -> Iterator[tuple[StoredArticle, PageJob]]:
    for item in stored:
        article = item.article
        if not article.warc_file or article.warc_offset is None:
            report.missing += 1
            continue
        try:
            response = read_response(settings.warc_dir, article.warc_file, article.warc_offset)
        except (OSError, ValueError, EOFError) as exc:
            report.missing += 1
            report.reasons[f"WARC record unreadable: {type(exc).__name__}"] += 1
            continue
        yield item, PageJob(kind="article", url=response.url or article.url, body=response.body,
                            content_type=response.header("content-type"), source=sources[article.source],
                            archive=False, find_links=False)


def reextract(settings: CrawlConfig, store: ArticleStore, sources: Iterable[str] | None = None,
              progress: Callable[[ReextractReport], None] | None = None) -> ReextractReport:
    chosen = {s.name: s for s in select_sources(settings.sources, sources)}
    report = ReextractReport()
    # Ids first: upserting moves an article to the end of the change sequence we would be reading.
    ids = [s.id for s in store.all_articles() if s.article.source in chosen]
    stored = (item for item in map(store.get, ids) if item is not None)
    pool = make_pool(settings.crawl.workers)
    try:
        jobs = _jobs(settings, stored, chosen, report)
        while batch := list(islice(jobs, BATCH)):
            outcomes = pool.map(process_page, [job for _, job in batch])
            fresh = []
            for (item, _), outcome in zip(batch, outcomes):
                report.read += 1
                if outcome.article is None:
                    report.rejected += 1
                    report.reasons[outcome.rejected or outcome.error or "not an article"] += 1
                    continue
                old = item.article
                fresh.append(outcome.article.replace(
                    url=old.url, source=old.source, fetched_at=old.fetched_at, http_status=old.http_status,
                    etag=old.etag, last_modified=old.last_modified, warc_file=old.warc_file,
                    warc_offset=old.warc_offset))
            for result in store.upsert_many(fresh):  # one transaction a batch
                status = result.status if result.status != "new" else "changed"
                setattr(report, status, getattr(report, status) + 1)
            if progress is not None:
                progress(report)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return report
