"""Settings for crawling the fixture sites: tiny delays and timeouts so the suite stays fast."""

from __future__ import annotations

from pathlib import Path

from khobao.config import Settings, parse_settings

FAST_CRAWL = {
    "timeout": 1.0, "retries": 1, "backoff": 0.01, "max_wait": 5.0, "max_bytes": 100_000, "workers": 0,
    "concurrency": 8, "revisit_after": 0.001, "revisit_growth": 2.0,
    "politeness": {"delay": 0.0, "per_host": 4, "respect_robots": True},
}


def songcau_source(base: str, **overrides) -> dict:
    return {
        "name": "songcau", "label": "Tin Sông Cầu", "domains": ["127.0.0.1"],
        "feeds": [f"{base}/rss/tin-moi.rss"], "sitemaps": [f"{base}/sitemap.xml"], "listings": [f"{base}/thoi-su/"],
        "follow": [r"-\d+\.html"], "skip": [r"/tim-kiem/"],
        "politeness": {"delay": 0.0, "per_host": 4, "respect_robots": True},
        **overrides,
    }


def doiche_source(base: str, **overrides) -> dict:
    return {
        "name": "doiche", "label": "Báo Đồi Chè", "domains": ["127.0.0.1"],
        "feeds": [f"{base}/atom.xml"], "listings": [f"{base}/tin-tuc/trang-1.html"],
        "follow": [r"/tin-tuc/\d+-[a-z0-9-]+\.htm$"], "pagination": [r"/tin-tuc/trang-\d+\.html$"],
        "selectors": {"title": "td.title h1", "body": "td.lead, td.content", "date": "td.dateline"},
        "politeness": {"delay": 0.0, "per_host": 2, "respect_robots": True},
        **overrides,
    }


def make_settings(data_dir: Path, sources: list[dict], **crawl) -> Settings:
    """Through the real config builder, as if read from config.toml."""
    return parse_settings({"data_dir": str(data_dir), "crawl": {**FAST_CRAWL, **crawl}, "sources": sources})
