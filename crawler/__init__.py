"""Crawler: discover, fetch politely, clean and archive news articles into the article store.

What the other packages may use (`__all__`):
- crawling: `crawl(settings, store)` → `CrawlReport`; `last_run` (the newest crawl's record);
  `reextract` → `ReextractReport` (clean the stored raw pages again after a cleaner change);
- the data directory's crawl lock: `crawl_lock`, `crawl_holder`;
- settings: `CrawlSettings`, `Politeness`, `Selectors`, `Source` (the [crawl] and [[sources]] tables);
- cleaning one page, for imports of captured pages (WARC files, single HTML files): `decode_html`,
  `extract` → an Article or a `Rejected`; `accepts` (a response worth cleaning); `PageJob`,
  `process_page` and `make_pool` (the cleaning workers); scope rules `source_domains`,
  `host_in_domains`, `is_followed`, `is_skipped`; `record_body` (a WARC record's payload, its
  Content-Encoding undone).

Errors (errors.py): `CrawlerError` ← `CrawlLocked`, `CrawlLockUnavailable`, `WorkersUnavailable`,
`UnknownSource`, `BadSelector`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names for type checkers and readers
    from .charset import decode_html
    from .clean import Rejected, extract
    from .crawling import crawl
    from .errors import BadSelector, CrawlerError, CrawlLocked, CrawlLockUnavailable, UnknownSource, WorkersUnavailable
    from .fetch import accepts
    from .frontier import last_run
    from .lock import crawl_holder, crawl_lock
    from .page_processing import PageJob, process_page
    from .pool import make_pool
    from .reextraction import ReextractReport, reextract
    from .report import CrawlReport
    from .scope import host_in_domains, is_followed, is_skipped, source_domains
    from .settings import CrawlSettings, Politeness, Selectors, Source
    from .warc import record_body

_WHERE = {  # public name -> the module that defines it
    "decode_html": "charset",
    "Rejected": "clean",
    "extract": "clean",
    "CrawlReport": "report",
    "crawl": "crawling",
    "last_run": "frontier",
    "BadSelector": "errors",
    "CrawlLockUnavailable": "errors",
    "CrawlLocked": "errors",
    "CrawlerError": "errors",
    "UnknownSource": "errors",
    "WorkersUnavailable": "errors",
    "accepts": "fetch",
    "crawl_holder": "lock",
    "crawl_lock": "lock",
    "PageJob": "page_processing",
    "process_page": "page_processing",
    "make_pool": "pool",
    "ReextractReport": "reextraction",
    "reextract": "reextraction",
    "host_in_domains": "scope",
    "is_followed": "scope",
    "is_skipped": "scope",
    "source_domains": "scope",
    "CrawlSettings": "settings",
    "Politeness": "settings",
    "Selectors": "settings",
    "Source": "settings",
    "record_body": "warc",
}

__all__ = [
    "BadSelector", "CrawlLockUnavailable", "CrawlLocked", "CrawlReport", "CrawlSettings", "CrawlerError",
    "PageJob", "Politeness", "ReextractReport", "Rejected", "Selectors", "Source", "UnknownSource",
    "WorkersUnavailable", "accepts", "crawl", "crawl_holder", "crawl_lock", "decode_html", "extract",
    "host_in_domains", "is_followed", "is_skipped", "last_run", "make_pool", "process_page", "record_body", "reextract",
    "source_domains",
]


def __getattr__(name: str):
    """The public names are imported on first use, so that `import crawler.settings` (the
    command line's start) does not load the whole package."""
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
