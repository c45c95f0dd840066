"""Finding URLs: in RSS/Atom feeds, XML sitemaps (indexes and news sitemaps included) and HTML pages.

Pure functions from bytes or text to lists of absolute URLs; what to do with them (scope,
follow and skip patterns) is decided by the caller with crawler.scope.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html

from store import join_url

MAX_UNZIPPED = 50_000_000  # a gzipped sitemap may not expand beyond this
_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8")


@dataclass
class HubLinks:
    """What a feed or sitemap points to."""

    articles: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)   # children of a sitemap index
    kind: str = ""                                       # "rss/atom", "sitemap", "sitemap index" or "" if neither
    updated: dict[str, float] = field(default_factory=dict)  # URL -> its sitemap <lastmod> (epoch seconds)


@dataclass
class PageLinks:
    """Links of an HTML page, absolute, in document order, without duplicates."""

    links: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)  # rel="next"
    canonical: str | None = None
    amphtml: list[str] = field(default_factory=list)    # <link rel="amphtml">: the page's AMP copy


def _gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
        data = unzipped.read(MAX_UNZIPPED + 1)
    if len(data) > MAX_UNZIPPED:
        raise ValueError(f"gzipped sitemap expands beyond {MAX_UNZIPPED} bytes")
    return data


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _http(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def parse_sitemap(body: bytes, base_url: str) -> HubLinks:
    """A <urlset> (news sitemaps included) or a <sitemapindex>; namespaces ignored."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = lxml.etree.fromstring(_gunzip(body), parser)
    if root is None:
        return HubLinks()
    kind = _local(root.tag)
    locs, updated = [], {}
    for entry in root.iter():
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = lastmod = ""
        for child in entry:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip()
        url = join_url(base_url, loc) if loc else ""
        if url and _http(url):
            locs.append(url)
            when = _w3c_time(lastmod)
            if when is not None:
                updated[url] = when
    locs = list(dict.fromkeys(locs))
    if kind == "sitemapindex":
        return HubLinks(sitemaps=locs, kind="sitemap index", updated=updated)
    if kind == "urlset":
        return HubLinks(articles=locs, kind="sitemap", updated=updated)
    return HubLinks()


def _w3c_time(text: str) -> float | None:
    """A sitemap <lastmod> ("2025-12-01", "2025-12-01T08:00:00+07:00", "...Z") as epoch seconds;
    without a zone, UTC. None when it is not a date."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def parse_feed(body: bytes, base_url: str) -> HubLinks:
    feed = feedparser.parse(body, response_headers={"content-location": base_url})
    links = []
    for entry in feed.entries:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        if link:
            links.append(join_url(base_url, link.strip()))
    if not links and not feed.get("version"):
        return HubLinks()
    return HubLinks(articles=[u for u in dict.fromkeys(links) if _http(u)], kind="rss/atom")


def parse_hub(body: bytes, base_url: str) -> HubLinks:
    """A feed or a sitemap, told apart by content (servers often mislabel both)."""
    data = _gunzip(body)
    head = data[:4096].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return parse_sitemap(data, base_url)
    return parse_feed(data, base_url)


def parse_page_links(html: str, base_url: str) -> PageLinks:
    """Anchors, rel="next" and the canonical link of an HTML page."""
    if not html.strip():
        return PageLinks()
    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_HTML_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return PageLinks()
    return links_in_tree(doc, base_url)


@lru_cache(maxsize=8192)
def _join_from_origin(origin: str, href: str) -> str:
    return join_url(origin, href)


def _join(base: str, href: str) -> str:
    """urljoin, cached for the links that do not depend on the page's path (menus repeat on every page)."""
    if href.startswith(("http://", "https://")) or (href.startswith("/") and not href.startswith("//")):
        parts = urlsplit(base)
        return _join_from_origin(f"{parts.scheme}://{parts.netloc}/", href)
    return join_url(base, href)


def links_in_tree(doc, base_url: str) -> PageLinks:
    """`parse_page_links` on a page already parsed with lxml (the crawler parses each page once)."""
    base = base_url
    for href in doc.xpath("//base/@href")[:1]:
        base = join_url(base_url, href.strip()) or base_url

    def absolute(href: str) -> str | None:
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            return None
        url = _join(base, href).split("#", 1)[0]
        return url if _http(url) else None

    links = [u for u in (absolute(h) for h in doc.xpath("//a/@href")) if u]
    next_pages = [u for u in (absolute(h) for h in doc.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
        " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href")) if u]
    canonical = next((u for u in (absolute(h) for h in doc.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")) if u), None)
    amphtml = [u for u in (absolute(h) for h in doc.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' amphtml ')]/@href")) if u]
    return PageLinks(list(dict.fromkeys(links)), list(dict.fromkeys(next_pages)), canonical, amphtml)
