"""What one crawl did, counted: the report `crawl()` returns and the progress display receives."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class CrawlReport:
    """Counters of one run; also what the progress callback receives while it runs."""

    sources: list[str] = field(default_factory=list)
    refresh: bool = False
    visited: int = 0                 # URLs taken from the frontier and tried
    fetched: int = 0                 # responses read (any kind of page)
    new: int = 0                     # articles stored for the first time
    changed: int = 0                 # articles whose text changed (a new version)
    unchanged: int = 0               # re-fetched, same text
    not_modified: int = 0            # articles answering 304 to a conditional GET, or the same bytes
    discovered: int = 0              # new URLs added to the frontier
    updated: int = 0                 # known URLs queued again: their sitemap <lastmod> is after our last visit
    queued: int = 0                  # URLs still waiting
    skipped: Counter = field(default_factory=Counter)   # reason -> count (robots.txt, not HTML, not an article...)
    errors: Counter = field(default_factory=Counter)    # reason -> count (timeouts, 5xx, cleaner errors...)
    folded: Counter = field(default_factory=Counter)    # copies of an article's URL folded into it: why -> URLs
    traps: Counter = field(default_factory=Counter)     # links not followed into a crawler trap: why -> URLs
    compressed: Counter = field(default_factory=Counter)  # responses by Content-Encoding (gzip, deflate, br)
    charset_overruled: int = 0       # pages whose HTTP charset lost to the page's own meta and bytes
    hosts_down: Counter = field(default_factory=Counter)  # host that stopped answering -> its URLs left queued
    outcome: str = "running"         # finished, max-pages, interrupted, failed
    started_at: str = ""
    ended_at: str = ""
    elapsed: float = 0.0

    @property
    def stored(self) -> int:
        return self.new + self.changed

    @property
    def pages_per_second(self) -> float:
        return self.visited / self.elapsed if self.elapsed > 0 else 0.0

    def counts(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("sources", "refresh", "outcome", "started_at",
                                                                    "ended_at")}
        for name in ("skipped", "errors", "folded", "traps", "compressed", "hosts_down"):
            data[name] = dict(getattr(self, name))
        return data
