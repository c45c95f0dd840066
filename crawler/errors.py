"""What the crawler raises on purpose, each worded for the person running khobao.

    CrawlerError                        anything the crawler raises on purpose
    ├── CrawlLocked (RuntimeError)      another process crawls this data directory
    ├── CrawlLockUnavailable (RuntimeError)  the crawl lock file cannot be opened (a read-only data directory)
    ├── WorkersUnavailable (RuntimeError)    the cleaning processes could not start
    ├── UnknownSource (ValueError)      `crawl(sources=[...])` names a source config.toml does not have
    └── BadSelector (ValueError)        a CSS selector in config.toml that cannot be parsed

Each also derives from the built-in error in brackets, so callers that catch that still do.
Settings that break a rule (crawler/settings.py) raise plain ValueError, which khobao's config
reader turns into one line naming the key; a page that cannot be cleaned is never raised: it
comes back as a `Rejected` or a page `error`, so one bad page cannot stop a crawl.
"""

from __future__ import annotations


class CrawlerError(Exception):
    """Anything the crawler raises on purpose."""


class CrawlLocked(CrawlerError, RuntimeError):
    """Another process crawls this data directory."""


class CrawlLockUnavailable(CrawlerError, RuntimeError):
    """The crawl lock file cannot be opened or created."""


class WorkersUnavailable(CrawlerError, RuntimeError):
    """The processes that clean pages could not start."""


class UnknownSource(CrawlerError, ValueError):
    """A source name that config.toml does not configure."""


class BadSelector(CrawlerError, ValueError):
    """A selector in config.toml that cannot be parsed."""
