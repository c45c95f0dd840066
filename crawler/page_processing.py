"""The CPU side of a crawl, run in worker processes: decode, clean, find links, build the WARC record.

`process_page` is a pure function of one fetched response; it never raises (a page that breaks
the cleaner comes back with an `error`), so one bad page cannot stop a crawl.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from datetime import datetime

from store import Article, has_tracking

from .amp import is_amp_page, original_of_amp
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
    body: bytes                     # decoded (Content-Encoding undone)
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
    raw_body: bytes | None = None   # as sent when content-coded: what the WARC record keeps (None: `body`)
    asked_url: str = ""             # the URL asked for, before redirects (a removed article sent home is no article)


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
    copies: dict[str, str] = field(default_factory=dict)  # a found URL that copies another -> why (AMP, tracking)
    amp_copies: list[str] = field(default_factory=list)   # the page's own AMP copy (<link rel="amphtml">)
    is_amp: bool = False                 # the page is itself an AMP copy
    charset_overruled: str | None = None  # "header → used" when the page's meta and bytes beat the HTTP charset


TRACKING = "tracking parameters or session id"
AMP_COPY = "AMP copy"


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
    articles = [_unfold(u, source, out) for u in links.articles]
    out.articles = [u for u in articles if in_scope(u, source) and not is_skipped(u, source)]
    out.sitemaps = [u for u in links.sitemaps if in_scope(u, source) and not is_skipped(u, source)]
    out.updated = {u: when for u, when in links.updated.items() if in_scope(u, source)}


def _html(job: PageJob, out: PageOutcome) -> None:
    from .charset import charset_from_header, decode_page
    from .clean import Rejected, extract, parse_html
    from .soft404 import soft_404

    html, codec = decode_page(job.body, job.content_type)
    header = charset_from_header(job.content_type)
    if header and codec and codec != header and not codec.startswith(header):   # utf-8-sig is still utf-8
        out.charset_overruled = f"{header} → {codec}"
    tree = parse_html(html)  # parsed once: links first, then the cleaner (which edits the tree)
    if job.find_links and tree is not None:
        _links(job, links_in_tree(tree, job.url), out)
    if job.kind != "article":
        return
    out.is_amp = is_amp_page(html)
    not_found = soft_404(tree, job.url, job.asked_url)
    if not_found:
        out.rejected = not_found
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
    out.amp_copies = [u for u in well_formed(links.amphtml) if in_scope(u, source)]
    candidates = well_formed(dict.fromkeys(_unfold(u, source, out) for u in links.links + links.next_pages))
    next_pages = {normal_url(u) for u in well_formed(_unfold(u, source, out) for u in links.next_pages)}
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


def _unfold(url: str, source: Source, out: PageOutcome) -> str:
    """A found link, an AMP copy replaced by the article it copies; copies are noted in `out.copies`."""
    original = original_of_amp(url) if "amp" in url.lower() else None   # the test first: most links have none
    if original and in_scope(original, source):
        out.copies[url] = AMP_COPY
        url = original
    if url not in out.copies and ("?" in url or ";" in url) and has_tracking(url):
        out.copies[url] = TRACKING
    return url


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
                                         job.raw_body if job.raw_body is not None else job.body, job.fetched_at)
        except Exception as exc:  # noqa: BLE001
            out.error = out.error or f"WARC record: {type(exc).__name__}: {exc}"[:300]
    return out
