"""The demo pipeline as a Python API: sample sites → real crawler → article store → index.

`khobao demo` is a thin skin over `DemoDir` and `build_demo`. The data directory carries a marker
(demo.json) with the sample sites' ports and whether the build finished, so a second run reuses
what is built, and a directory holding anything else is never written into or wiped.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from crawler import CrawlReport, crawl
from indexer import IndexReport, open_engine
from store import ArticleStore, DataDir, sqlite_files

from ..config import Settings
from ..errors import DemoError
from .server import SampleSites
from .sources import demo_sources


class DemoDir:
    """The demo's data directory and its marker file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.marker = DataDir(self.path).demo_marker

    def state(self) -> dict:
        try:
            return json.loads(self.marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save(self, **changes) -> None:
        state = {**self.state(), **changes}
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.marker.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
        tmp.replace(self.marker)

    def check(self) -> None:
        """Refuse a directory that holds something other than a demo build."""
        if self.path.exists() and not self.path.is_dir():
            raise DemoError(f"{self.path} is a file; give --data-dir a directory")
        if self.path.is_dir() and any(self.path.iterdir()) and not self.marker.exists():
            raise DemoError(f"{self.path} already holds data that khobao demo did not make; "
                            "choose another directory with --data-dir")

    @property
    def built(self) -> bool:
        return bool(self.state().get("built"))

    def wipe(self, settings: Settings) -> None:
        """Remove a previous demo build (only ever called on a directory that has the marker)."""
        for database in (settings.store_path, settings.frontier_path):
            for file in sqlite_files(database):
                file.unlink(missing_ok=True)
        open_engine(settings.index_dir).remove()
        shutil.rmtree(settings.warc_dir, ignore_errors=True)
        self.save(built=False)


def _stored(settings: Settings) -> int:
    if not settings.store_path.exists():
        return 0
    with ArticleStore(settings.store_path) as store:
        return store.count()


def demo_settings(settings: Settings, data_dir: Path, sites: SampleSites) -> Settings:
    """The user's settings with the demo's data directory and the sample sites as the only sources."""
    return dataclasses.replace(settings, data_dir=Path(data_dir),
                               sources=demo_sources(sites.base_urls, sites.sites))


@dataclass
class DemoBuild:
    crawled: bool                       # False when a previous build was reused
    crawl_report: CrawlReport | None
    recrawl_report: CrawlReport | None  # the refresh after the sites corrected some articles
    index_report: IndexReport
    counts: dict[str, int]              # articles per source in the store
    expected: dict[str, int]            # articles per source in the sample archive
    seconds: float

    @property
    def complete(self) -> bool:
        return all(self.counts.get(name, 0) >= n for name, n in self.expected.items())


def build_demo(settings: Settings, sites: SampleSites, demo_dir: DemoDir, *, rebuild: bool = False,
               crawl_progress: Callable[[CrawlReport], None] | None = None,
               index_progress: Callable[[int, int], None] | None = None) -> DemoBuild:
    """Crawl the running sample sites into `settings.data_dir` (unless built before) and index.

    The crawl is followed by the sites' second edition (a few articles corrected: Site.publish_corrections)
    and a refresh crawl, as a re-crawl of a real archive finds them: the archive then holds versions."""
    started = time.perf_counter()
    expected = {name: len(site.articles) for name, site in sites.sites.items()}
    if (rebuild or (sites.moved and not demo_dir.built)            # an unfinished queue points at old ports
            or (demo_dir.built and _stored(settings) < sum(expected.values()))):  # the store was emptied
        demo_dir.wipe(settings)
    demo_dir.save(ports=sites.ports)
    report = recrawl = None
    with ArticleStore(settings.store_path) as store:
        store.remember_sources({s.name: s.label for s in settings.sources})
        if not demo_dir.built:
            report = crawl(settings, store, progress=crawl_progress)
            if report.outcome == "interrupted":
                raise KeyboardInterrupt
        for site in sites.sites.values():   # what the archive holds: the served pages must say the same
            site.publish_corrections()
        if report is not None:
            recrawl = crawl(settings, store, refresh=True)
            if recrawl.outcome == "interrupted":
                raise KeyboardInterrupt
        counts = store.counts_by_source()
        with open_engine(settings.index_dir, settings.index) as engine:
            index_report = engine.update(store, progress=index_progress)
    build = DemoBuild(crawled=report is not None, crawl_report=report, recrawl_report=recrawl,
                      index_report=index_report, counts=counts,
                      expected=expected, seconds=time.perf_counter() - started)
    if build.complete:
        demo_dir.save(built=True, counts=counts)
    return build
