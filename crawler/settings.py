"""Crawler settings: built by the command line from config.toml, passed in as plain objects.

Every field's comment is its documentation; config.toml repeats it for users.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0              # seconds between two requests to one host
    per_host: int = 2               # requests in flight to one host at once
    respect_robots: bool = True     # obey robots.txt and its Crawl-delay


@dataclass(frozen=True)
class Selectors:
    """Optional CSS selectors for one site, tried after structured metadata."""

    title: str = ""
    body: str = ""
    date: str = ""
    author: str = ""
    section: str = ""


@dataclass(frozen=True)
class Source:
    name: str                                  # short id, used in filters: source:NAME
    label: str = ""                            # display name
    domains: tuple[str, ...] = ()              # hosts whose pages belong to this source
    feeds: tuple[str, ...] = ()                # RSS / Atom feed URLs
    sitemaps: tuple[str, ...] = ()             # XML sitemaps, sitemap indexes, news sitemaps
    listings: tuple[str, ...] = ()             # listing (section) pages, followed through pagination
    follow: tuple[str, ...] = ()               # regexes: article URLs to fetch
    skip: tuple[str, ...] = ()                 # regexes: URLs never to fetch
    timezone: str = "Asia/Ho_Chi_Minh"         # the time zone dates on the site are written in
    selectors: Selectors = field(default_factory=Selectors)
    politeness: Politeness | None = None       # overrides [crawl] politeness for this source

    @property
    def display_name(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class CrawlSettings:
    user_agent: str = "khobao/0.1 (+https://github.com/khobao/khobao)"
    concurrency: int = 8                       # requests in flight in all
    timeout: float = 20.0                      # seconds per request
    retries: int = 3                           # extra attempts after a timeout, 5xx or 429
    max_bytes: int = 5_000_000                 # responses larger than this are dropped
    max_redirects: int = 5
    politeness: Politeness = field(default_factory=Politeness)
    warc_max_bytes: int = 1_000_000_000        # rotate WARC files at this size
    workers: int = 2                           # processes cleaning pages (use every core)
