"""Crawler settings: built by the command line from config.toml, passed in as plain objects.

Every field's comment is its documentation; config.toml repeats it for users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from store import DEFAULT_TZ


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0              # seconds between two requests to one host
    per_host: int = 2               # requests in flight to one host at once
    respect_robots: bool = True     # obey robots.txt and its Crawl-delay

    # (lowest, highest) of each numeric key, checked by khobao/config.py; None: no upper bound
    LIMITS: ClassVar[dict[str, tuple]] = {"delay": (0.0, None), "per_host": (1, 1000)}


@dataclass(frozen=True)
class Selectors:
    """Optional CSS selectors for one site. What they find wins over the page's metadata; a selector
    that finds nothing falls back to it."""

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
    robots_sitemaps: bool = True               # also read the sitemaps the site's robots.txt names
    listings: tuple[str, ...] = ()             # listing (section) pages, followed through pagination
    follow: tuple[str, ...] = ()               # regexes: article URLs to fetch
    skip: tuple[str, ...] = ()                 # regexes: URLs never to fetch
    timezone: str = DEFAULT_TZ                 # the time zone dates on the site are written in
    selectors: Selectors = field(default_factory=Selectors)
    politeness: Politeness | None = None       # overrides [crawl] politeness for this source
    pagination: tuple[str, ...] = ()           # regexes: links on a listing page that lead to its next pages
    listing_pages: int = 20                    # follow a listing's pagination this many pages deep

    LIMITS: ClassVar[dict[str, tuple]] = {"listing_pages": (1, 100_000)}

    def __post_init__(self) -> None:
        if not self.name or any(c.isspace() or not c.isprintable() for c in self.name):
            raise ValueError(f"name: must be a short id without spaces, like \"baolangson\", got {self.name!r}")
        if self.listing_pages < 1:
            raise ValueError(f"listing_pages must be 1 or more, got {self.listing_pages}")
        for key in ("follow", "skip", "pagination"):
            for pattern in getattr(self, key):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"{key}: {pattern!r} is not a valid regular expression ({exc})") from None
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):   # OSError: "Asia" is a folder of the database
            raise ValueError(f"timezone: unknown time zone {self.timezone!r}; use a name like \"{DEFAULT_TZ}\"") from None

    @property
    def start_urls(self) -> tuple[str, ...]:
        return self.feeds + self.sitemaps + self.listings


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
    workers: int = 2                           # processes cleaning pages (use every core); 0 cleans in threads
    backoff: float = 1.0                       # first retry waits about this many seconds, then 2x, 4x... (+ jitter)
    max_wait: float = 300.0                    # longest wait honoured for a Retry-After or a backoff
    revisit_after: float = 86400.0             # seconds before a stored article is first re-checked by --refresh
    revisit_growth: float = 2.0                # each unchanged re-check multiplies that interval by this
    revisit_max: float = 90 * 86400.0          # ...up to this many seconds

    # (lowest, highest) of each numeric key, checked by khobao/config.py; None: no upper bound
    LIMITS: ClassVar[dict[str, tuple]] = {
        "concurrency": (1, 1000), "timeout": (0.1, 3600.0), "retries": (0, 100), "max_bytes": (1, None),
        "max_redirects": (0, 100), "warc_max_bytes": (1, None), "workers": (0, 64), "backoff": (0.0, None),
        "max_wait": (0.0, None), "revisit_after": (0.0, None), "revisit_growth": (1.0, None),
        "revisit_max": (0.0, None)}

    def __post_init__(self) -> None:
        if any(not c.isprintable() for c in self.user_agent):
            raise ValueError("user_agent: must be one line of printable text (it is sent as an HTTP header)")
        for name in ("concurrency",):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be 1 or more, got {getattr(self, name)}")
        if self.workers < 0:
            raise ValueError(f"workers must be 0 or more, got {self.workers}")
        if self.revisit_growth < 1:
            raise ValueError(f"revisit_growth must be 1 or more, got {self.revisit_growth}")

    def politeness_for(self, source: Source | None) -> Politeness:
        return source.politeness if source is not None and source.politeness is not None else self.politeness
