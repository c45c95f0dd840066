"""The crawl: seed the frontier from the sources' start points, fetch politely, clean on every core,
archive to WARC, store articles, and record the run.

    report = crawl(settings, store, sources=["baolangson"], max_pages=500)

The event loop owns the network (crawler.fetch), the frontier and the store; cleaning runs in a
process pool (crawler.page_processing). A page that fails is recorded in the frontier with its reason and
the crawl goes on. Ctrl-C stops the crawl cleanly: URLs in flight go back to the queue, and the
next `crawl` resumes where this one stopped.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from concurrent.futures import Executor
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Protocol

from store import ArticleStore

from .errors import UnknownSource
from .fetch import Fetcher, FetchResult, origin_of
from .frontier import Entry, Frontier, last_run  # noqa: F401 - last_run was here
from .hosts import HOST_SILENT_LIMIT, HostQueues  # noqa: F401 - HOST_SILENT_LIMIT was here
from .lock import crawl_lock
from .page_processing import AMP_COPY, PageJob, PageOutcome, process_page
from .pool import make_pool
from .report import CrawlReport
from .scope import in_scope, normal_url
from .settings import CrawlSettings, Source
from .soft404 import HOME_REDIRECT
from .traps import TrapGuard
from .warc import WarcWriterRotating, revisit_record


class CrawlConfig(Protocol):
    """What the crawler needs of the application's settings (khobao.config.Settings has it all)."""

    crawl: CrawlSettings
    sources: tuple[Source, ...]

    @property
    def frontier_path(self) -> Path: ...

    @property
    def warc_dir(self) -> Path: ...


ProgressFn = Callable[[CrawlReport], None]


def _now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def select_sources(all_sources: Iterable[Source], names: Iterable[str] | None) -> list[Source]:
    """The sources to crawl; an unknown name is an UnknownSource (a ValueError) that lists the known ones."""
    known = {s.name: s for s in all_sources}
    if not names:
        return list(known.values())
    chosen = []
    for name in names:
        if name not in known:
            listed = ", ".join(known) or "none: add [[sources]] to config.toml"
            raise UnknownSource(f"unknown source '{name}'; configured sources: {listed}")
        chosen.append(known[name])
    return list(dict.fromkeys(chosen))


class _Crawl:
    """One run's state; `run()` is the event loop's main coroutine."""

    def __init__(self, settings: CrawlConfig, store: ArticleStore, sources: list[Source], max_pages: int | None,
                 refresh: bool, progress: ProgressFn | None, report: CrawlReport):
        self.crawl_settings = settings.crawl
        self.store = store
        self.sources = {s.name: s for s in sources}
        self.names = list(self.sources)
        self.max_pages = max_pages
        self.refresh = refresh
        self.progress = progress
        self.report = report
        self.frontier = Frontier(settings.frontier_path)
        self.hosts = HostQueues(self.frontier, self.names, settings.crawl.concurrency, self.per_host)
        self.started = time.monotonic()
        self._last_progress = 0.0
        self._robots_read: set[tuple[str, str]] = set()   # (source, origin) whose Sitemap: lines are queued
        self.traps = TrapGuard(self.frontier.with_prefix)
        self._copies_seen: set[str] = set()               # copies of URLs counted in report.folded

    # -- seeding -------------------------------------------------------------------------------

    def seed(self) -> None:
        self.frontier.recover()
        for source in self.sources.values():
            added = self.frontier.add(source.feeds, source.name, "feed")
            added += self.frontier.add(source.sitemaps, source.name, "sitemap")
            added += self.frontier.add(source.listings, source.name, "listing")
            self.report.discovered += added
        if self.refresh:
            self.frontier.requeue_due(self.names)

    # -- scheduling ----------------------------------------------------------------------------

    def per_host(self, entry: Entry) -> int:
        return max(1, self.crawl_settings.politeness_for(self.sources.get(entry.source)).per_host)

    def budget_left(self) -> bool:
        return self.max_pages is None or self.report.visited < self.max_pages

    async def run(self, fetcher: Fetcher, pool: Executor, warc: WarcWriterRotating) -> None:
        self.fetcher, self.pool, self.warc = fetcher, pool, warc
        self.loop = asyncio.get_running_loop()
        inflight: dict[asyncio.Task, Entry] = {}
        try:
            while True:
                self.hosts.refill()
                while len(inflight) < self.crawl_settings.concurrency and self.budget_left():
                    entry = self.hosts.next_entry()
                    if entry is None:
                        break
                    self.hosts.started(entry)
                    self.report.visited += 1
                    inflight[asyncio.create_task(self.visit(entry))] = entry
                if not inflight:
                    self.hosts.refill()
                    if not self.hosts.any_buffered() or not self.budget_left():
                        break
                    continue
                done, _ = await asyncio.wait(inflight, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    entry = inflight.pop(task)
                    self.hosts.finished(entry)
                    if not task.cancelled() and task.exception() is not None:
                        self._settle_error(entry, f"internal error: {type(task.exception()).__name__}: "
                                                  f"{task.exception()}")
                self._report_progress()
            more = self.hosts.any_buffered() or self.frontier.queued(self.names) > 0
            self.report.outcome = "max-pages" if more and not self.budget_left() else "finished"
        finally:
            for task in inflight:
                task.cancel()
            if inflight:
                await asyncio.gather(*inflight, return_exceptions=True)
            self.frontier.release(list(inflight.values()) + self.hosts.buffered())

    def _report_progress(self, force: bool = False) -> None:
        now = time.monotonic()
        self.report.elapsed = now - self.started
        if self.progress is not None and (force or now - self._last_progress >= 0.1):
            self._last_progress = now
            self.report.queued = self.frontier.queued(self.names)
            self.progress(self.report)

    # -- one URL -------------------------------------------------------------------------------

    async def visit(self, entry: Entry) -> None:
        source = self.sources[entry.source]
        accept = "html" if entry.kind in ("article", "listing") else "xml"
        result = await self.fetcher.fetch(entry.url, source, accept=accept, etag=entry.etag,
                                          last_modified=entry.last_modified)
        if result.status is not None:
            self.report.fetched += 1
        self.hosts.note_answer(entry, result)
        if result.content_encoding:
            self.report.compressed[result.content_encoding] += 1
        self._queue_robots_sitemaps(entry.url, source)
        if result.outcome == "not_modified":
            self._unchanged(entry, result)
        elif result.outcome == "skipped":
            self.report.skipped[result.reason] += 1
            self.frontier.settle(entry, "skipped", reason=result.reason, http_status=result.status)
        elif result.outcome != "ok":
            self._settle_error(entry, result.reason or "failed", result.status)
        else:
            await self._process(entry, source, result)

    def _queue_robots_sitemaps(self, url: str, source: Source) -> None:
        """Once per source and host: queue the sitemaps robots.txt names (on the source's domains).
        They are often the surest way to every article, and config.toml's guesses may be wrong."""
        key = (source.name, origin_of(url))
        if not source.robots_sitemaps or key in self._robots_read:
            return
        rules = self.fetcher.known_robots(url)
        if rules is None:  # not read yet (robots.txt ignored, or the fetch did not get that far)
            return
        self._robots_read.add(key)
        added = self.frontier.add([u for u in rules.sitemaps if in_scope(u, source)], source.name, "sitemap")
        if added:
            self.report.discovered += added
            self.hosts.refill_needed = True

    def _settle_error(self, entry: Entry, reason: str, status: int | None = None) -> None:
        self.report.errors[reason] += 1
        self.frontier.settle(entry, "failed", reason=reason, http_status=status,
                             next_due=time.time() + self.crawl_settings.revisit_after)

    def _unchanged(self, entry: Entry, result: FetchResult) -> None:
        """A 304, or the same bytes as last time: note the visit (in the WARC files too, as a
        revisit record pointing at the earlier response) and wait longer before the next."""
        self.warc.append(revisit_record(result.final_url or entry.url, result.status or 304, result.reason_phrase,
                                        result.http_version, result.headers,
                                        None if result.outcome == "not_modified" else result.sent_body,
                                        result.fetched_at))
        interval = self._longer(entry.interval) if entry.kind == "article" else None
        if entry.kind == "article":
            self.report.not_modified += 1
            self.store.touch(entry.stored_as or entry.url, fetched_at=datetime.now(timezone.utc),
                             etag=result.etag, last_modified=result.last_modified)
        self.frontier.settle(entry, "done", http_status=result.status, etag=result.etag,
                             last_modified=result.last_modified, interval=interval,
                             next_due=time.time() + interval if interval else None)

    def _longer(self, interval: float | None) -> float:
        s = self.crawl_settings
        return min((interval or s.revisit_after) * s.revisit_growth, s.revisit_max)

    async def _process(self, entry: Entry, source: Source, result: FetchResult) -> None:
        body_hash = hashlib.sha256(result.body or b"").hexdigest()
        if entry.content_hash == body_hash:  # the same bytes as last visit: nothing new to clean or find
            self._unchanged(entry, result)
            return
        job = PageJob(kind=entry.kind, url=result.final_url, body=result.body or b"", content_type=result.content_type,
                      source=source, depth=entry.depth, status=result.status or 200, reason_phrase=result.reason_phrase,
                      http_version=result.http_version, headers=result.headers, fetched_at=result.fetched_at,
                      raw_body=result.raw_body, asked_url=entry.url)
        outcome: PageOutcome = await self.loop.run_in_executor(self.pool, process_page, job)
        if outcome.charset_overruled:
            self.report.charset_overruled += 1
        for amp in outcome.amp_copies:   # the page's AMP copy: never fetched, it is this article
            if normal_url(amp) != normal_url(result.final_url) and self._count_copy(amp, AMP_COPY):
                self.frontier.mark_alias(amp, source.name, "article")
        warc_file, warc_offset = self.warc.append(outcome.record) if outcome.record else (None, None)
        self._enqueue(entry, source, outcome)
        if normal_url(result.final_url) != entry.url and outcome.rejected != HOME_REDIRECT:  # home stays a listing
            self.frontier.mark_alias(result.final_url, source.name, entry.kind)
        validators = dict(http_status=result.status, etag=result.etag, last_modified=result.last_modified)
        if outcome.error:
            self._settle_error(entry, outcome.error, result.status)
        elif entry.kind != "article":
            self.frontier.settle(entry, "done", content_hash=body_hash, **validators)
        elif outcome.article is None:
            reason = outcome.rejected or "not an article"
            self.report.skipped[reason] += 1
            self.frontier.settle(entry, "skipped", reason=reason, content_hash=body_hash, **validators)
        else:
            self._store(entry, source, result, outcome, body_hash, warc_file, warc_offset, validators)

    def _store(self, entry, source, result, outcome, body_hash, warc_file, warc_offset, validators) -> None:
        article = outcome.article
        url = article.url or result.final_url
        canonical = article.canonical_url
        if canonical and in_scope(canonical, source) and normal_url(canonical) != normal_url(url):
            self.frontier.mark_alias(canonical, source.name, "article")
            if outcome.is_amp:   # an AMP page fetched all the same: stored as the article it copies
                self._count_copy(url, AMP_COPY)
            url = canonical
        article = article.replace(url=url, source=source.name, fetched_at=result.fetched_at,
                                  http_status=result.status, etag=result.etag, last_modified=result.last_modified,
                                  warc_file=warc_file, warc_offset=warc_offset)
        status = self.store.upsert(article).status
        setattr(self.report, status, getattr(self.report, status) + 1)
        interval = self.crawl_settings.revisit_after if status != "unchanged" else self._longer(entry.interval)
        self.frontier.settle(entry, "done", content_hash=body_hash, interval=interval,
                             next_due=time.time() + interval, stored_as=normal_url(url), **validators)

    def _count_copy(self, url: str, why: str) -> bool:
        """Count a copy of an article's URL in report.folded, once a run; True the first time."""
        if url in self._copies_seen:
            return False
        if len(self._copies_seen) > 100_000:
            self._copies_seen.clear()
        self._copies_seen.add(url)
        self.report.folded[why] += 1
        return True

    def _untrapped(self, urls: list[str], source: Source) -> list[str]:
        """The links that lead into no trap; the others are counted in report.traps, once each."""
        kept = []
        for url in urls:
            key = normal_url(url)
            why = None if self.frontier.knows(key) else self.traps.reason(url, key, source)
            if why is None:
                kept.append(url)
            elif self.traps.first_refusal(key):
                self.report.traps[why] += 1
        return kept

    def _enqueue(self, entry: Entry, source: Source, outcome: PageOutcome) -> None:
        for url, why in outcome.copies.items():
            self._count_copy(url, why)
        added = self.frontier.add(self._untrapped(outcome.articles, source), source.name, "article")
        added += self.frontier.add(self._untrapped(outcome.listings, source), source.name, "listing",
                                   depth=entry.depth + 1)
        added += self.frontier.add(outcome.sitemaps, source.name, "sitemap")
        again = self.frontier.queue_if_changed(outcome.updated) if outcome.updated else 0
        self.report.discovered += added
        self.report.updated += again
        if added or again:
            self.hosts.refill_needed = True


def crawl(settings: CrawlConfig, store: ArticleStore, sources: Iterable[str] | None = None,
          max_pages: int | None = None, refresh: bool = False, progress: ProgressFn | None = None) -> CrawlReport:
    """Crawl the named sources (all configured ones by default) and store their articles.

    Without `refresh`, a crawl seeds start points it has never seen and works through the queue
    (resuming a stopped run). With `refresh`, it also revisits every feed, sitemap and listing and
    re-fetches stored articles whose revisit is due, with conditional GET. `max_pages` caps the URLs
    visited in this run. Ctrl-C ends the run with outcome "interrupted"; nothing is lost.
    """
    chosen = select_sources(settings.sources, sources)
    report = CrawlReport(sources=[s.name for s in chosen], refresh=refresh, started_at=_now_iso())
    if not chosen:
        report.outcome = "finished"
        report.ended_at = report.started_at
        return report
    with crawl_lock(Path(settings.frontier_path).parent):   # CrawlLocked while another crawl runs here
        return _crawl(settings, store, chosen, max_pages, refresh, progress, report)


def _crawl(settings: CrawlConfig, store: ArticleStore, chosen: list[Source], max_pages: int | None, refresh: bool,
           progress: ProgressFn | None, report: CrawlReport) -> CrawlReport:
    job = _Crawl(settings, store, chosen, max_pages, refresh, progress, report)
    run_id = job.frontier.start_run(report.started_at, report.sources, refresh)
    warc = WarcWriterRotating(settings.warc_dir, settings.crawl.warc_max_bytes)
    pool = make_pool(settings.crawl.workers)

    async def main() -> None:
        fetcher = Fetcher(settings.crawl)
        try:
            await job.run(fetcher, pool, warc)
        finally:
            await fetcher.aclose()

    try:
        job.seed()
        asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        report.outcome = "interrupted"
    except BaseException:
        report.outcome = "failed"
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        warc.close()
        job._report_progress(force=True)
        report.queued = job.frontier.queued(job.names)
        for host in job.hosts.down:
            report.hosts_down[host] = job.frontier.queued_on(host, job.names)
        report.ended_at = _now_iso()
        job.frontier.end_run(run_id, report.ended_at, report.outcome, report.counts())
        job.frontier.close()
    return report
