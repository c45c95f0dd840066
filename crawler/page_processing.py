"""The CPU side of a crawl, run in worker processes: decode, clean, find links, build the WARC record.

`process_page` is a pure function of one fetched response; it never raises (a page that breaks
the cleaner comes back with an `error`), so one bad page cannot stop a crawl.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from datetime import datetime

from store import Article

from .discover import PageLinks, links_in_tree, parse_hub
from .scope import (
    in_scope,
    is_article_link,
    is_pagination_link,
    is_skipped,
    normal_url,
    well_formed,
)
from .settings import Source
from .warc import response_record


@dataclass
class PageJob:
    kind: str                       # feed, sitemap, listing, article
    url: str                        # the final URL (after redirects)
    body: bytes
    content_type: str | None
    source: Source
    depth: int = 0
    status: int = 200
    reason_phrase: str = "OK"
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    fetched_at: datetime | None = None
    archive: bool = True            # build the WARC record (False: the page comes from an archive)
    find_links: bool = True         # False: clean only (re-extraction and WARC import follow no links)


@dataclass
class PageOutcome:
    article: Article | None = None
    rejected: str | None = None          # the cleaner's reason for not making an article
    error: str | None = None             # the page broke something (reported, crawl goes on)
    articles: list[str] = field(default_factory=list)   # article URLs found
    listings: list[str] = field(default_factory=list)   # next listing pages found
    sitemaps: list[str] = field(default_factory=list)   # child sitemaps found
    updated: dict[str, float] = field(default_factory=dict)  # URL -> when its sitemap says it last changed
    record: bytes | None = None          # the gzipped WARC record of the response


def ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops the crawl cleanly)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _hub(job: PageJob, out: PageOutcome) -> None:
    links = parse_hub(job.body, job.url)
    links.articles, links.sitemaps = well_formed(links.articles), well_formed(links.sitemaps)
    links.updated = {u: when for u, when in links.updated.items() if well_formed([u])}
    if not links.kind:
        out.error = "neither a feed nor a sitemap"
    source = job.source
    out.articles = [u for u in links.articles if in_scope(u, source) and not is_skipped(u, source)]
    out.sitemaps = [u for u in links.sitemaps if in_scope(u, source) and not is_skipped(u, source)]
    out.updated = {u: when for u, when in links.updated.items() if in_scope(u, source)}


def _html(job: PageJob, out: PageOutcome) -> None:
    from .charset import decode_html
    from .clean import Rejected, extract, parse_html

    html = decode_html(job.body, job.content_type)
    tree = parse_html(html)  # parsed once: links first, then the cleaner (which edits the tree)
    if job.find_links and tree is not None:
        _links(job, links_in_tree(tree, job.url), out)
    if job.kind != "article":
        return
    result = extract(html, job.url, job.source, tree=tree)
    if isinstance(result, Rejected):
        out.rejected = result.reason
    else:
        out.article = result


def _links(job: PageJob, links: PageLinks, out: PageOutcome) -> None:
    """The page's links, sorted into articles to fetch and next listing pages."""
    source = job.source
    own = normal_url(job.url)
    candidates = well_formed(dict.fromkeys(links.links + links.next_pages))
    next_pages = {normal_url(u) for u in well_formed(links.next_pages)}
    for url in candidates:
        if normal_url(url) == own:
            continue
        if job.kind == "listing" and (normal_url(url) in next_pages and in_scope(url, source)):
            out.listings.append(url)
        elif job.kind == "listing" and source.pagination and is_pagination_link(url, source):
            out.listings.append(url)
        elif source.follow and is_article_link(url, source):
            out.articles.append(url)
        elif job.kind == "listing" and is_pagination_link(url, source):
            out.listings.append(url)
        elif not source.follow and is_article_link(url, source):
            out.articles.append(url)
    if job.depth + 1 >= source.listing_pages:
        out.listings = []


def process_page(job: PageJob) -> PageOutcome:
    out = PageOutcome()
    try:
        if job.kind in ("feed", "sitemap"):
            _hub(job, out)
        else:
            _html(job, out)
    except Exception as exc:  # noqa: BLE001 - one bad page is reported, never fatal
        out.error = f"{type(exc).__name__}: {exc}"[:300]
    if job.archive:
        try:
            out.record = response_record(job.url, job.status, job.reason_phrase, job.http_version, job.headers,
                                         job.body, job.fetched_at)
        except Exception as exc:  # noqa: BLE001
            out.error = out.error or f"WARC record: {type(exc).__name__}: {exc}"[:300]
    return out
