"""Crawler: discover, fetch politely, clean and archive news articles into the article store.

What the other packages may use (`__all__`):
- crawling: `crawl(settings, store)` → `CrawlReport`; `last_run` (the newest crawl's record);
  `reextract` → `ReextractReport` (clean the stored raw pages again after a cleaner change);
- the data directory's crawl lock: `crawl_lock`, `crawl_holder`;
- settings: `CrawlSettings`, `Politeness`, `Selectors`, `Source` (the [crawl] and [[sources]] tables);
- cleaning one page, for imports of captured pages (WARC files, single HTML files): `decode_html`,
  `extract` → an Article or a `Rejected`; `accepts` (a response worth cleaning); `PageJob`,
  `process_page` and `make_pool` (the cleaning workers); scope rules `source_domains`,
  `host_in_domains`, `is_followed`, `is_skipped`.

Errors (errors.py): `CrawlerError` ← `CrawlLocked`, `CrawlLockUnavailable`, `WorkersUnavailable`,
`UnknownSource`, `BadSelector`.
"""

from .charset import decode_html
from .clean import Rejected, extract
from .crawl import CrawlReport, crawl, last_run
from .errors import BadSelector, CrawlerError, CrawlLocked, CrawlLockUnavailable, UnknownSource, WorkersUnavailable
from .fetch import accepts
from .lock import crawl_holder, crawl_lock
from .page_processing import PageJob, process_page
from .pool import make_pool
from .reextract import ReextractReport, reextract
from .scope import host_in_domains, is_followed, is_skipped, source_domains
from .settings import CrawlSettings, Politeness, Selectors, Source

__all__ = [
    "BadSelector", "CrawlLockUnavailable", "CrawlLocked", "CrawlReport", "CrawlSettings", "CrawlerError",
    "PageJob", "Politeness", "ReextractReport", "Rejected", "Selectors", "Source", "UnknownSource",
    "WorkersUnavailable", "accepts", "crawl", "crawl_holder", "crawl_lock", "decode_html", "extract",
    "host_in_domains", "is_followed", "is_skipped", "last_run", "make_pool", "process_page", "reextract",
    "source_domains",
]
