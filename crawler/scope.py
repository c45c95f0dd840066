"""Which URLs belong to a source, and which of them to follow: domains, follow/skip patterns, pagination."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from store import normalize_url

from .settings import Source

# Links repeat from page to page (menus, related stories): normalise each one once.
normal_url = lru_cache(maxsize=100_000)(normalize_url)

# Used when a source names no pagination patterns: ?page=2, ?trang=3, /page/2, /trang-2.html, /p3
DEFAULT_PAGINATION = (r"[?&](page|p|trang|pg)=\d+", r"/(page|trang|p)[-/]?\d+(\.html?)?/?$")


def well_formed(urls) -> list[str]:
    """The URLs that normalise: a page's link with port 99999 or a broken IPv6 host is dropped,
    never allowed to break the page it was found on."""
    kept = []
    for url in urls:
        try:
            normal_url(url)
        except ValueError:
            continue
        kept.append(url)
    return kept


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def host_key(url: str) -> str:
    """Host and port: the unit of politeness (two servers on one machine are two hosts)."""
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


@lru_cache(maxsize=256)
def source_domains(source: Source) -> tuple[str, ...]:
    """The source's domains, or the hosts of its start URLs when it names none."""
    if source.domains:
        return tuple(d.lower().strip(".") for d in source.domains)
    return tuple(sorted({host_of(u) for u in source.start_urls if host_of(u)}))


def host_in_domains(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def in_scope(url: str, source: Source) -> bool:
    """An http(s) URL on one of the source's domains."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and host_in_domains(parts.hostname or "", source_domains(source))


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def is_skipped(url: str, source: Source) -> bool:
    return any(p.search(url) for p in _compile(source.skip))


def is_followed(url: str, source: Source) -> bool:
    """The source's follow patterns take the URL (without any, every URL is)."""
    return not source.follow or any(p.search(url) for p in _compile(source.follow))


def is_article_link(url: str, source: Source) -> bool:
    """A link found in a page that should be fetched as an article (no follow patterns: every in-scope link)."""
    return in_scope(url, source) and not is_skipped(url, source) and is_followed(url, source)


def is_pagination_link(url: str, source: Source) -> bool:
    if not in_scope(url, source) or is_skipped(url, source):
        return False
    return any(p.search(url) for p in _compile(source.pagination or DEFAULT_PAGINATION))

