"""crawler.fetch against a real HTTP server on 127.0.0.1: robots.txt, redirects, retries, caps, conditional GET."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from crawler.fetch import Fetcher, FetchResult, accepts, parse_retry_after
from crawler.settings import CrawlSettings, Politeness, Source
from khobao.demo.siteserver import SiteServer
from sites import songcau
from sites.songcau import SongCau

FAST = CrawlSettings(user_agent="khobao-test/1.0 (+mailto:test@example.invalid)", timeout=0.5, retries=2,
                     backoff=0.01, max_wait=5.0, max_bytes=100_000,
                     politeness=Politeness(delay=0.0, per_host=4, respect_robots=True))
# FAST's 0.5 s timeout is for the tests of timeouts; every other test waits as long as a loaded machine may need
STEADY = dataclasses.replace(FAST, timeout=10.0)


@pytest.fixture
def site():
    site = SongCau()
    with SiteServer(site):
        yield site


def source_for(site, **overrides) -> Source:
    return Source(name="songcau", domains=("127.0.0.1",), listings=(site.base + "/thoi-su/",), **overrides)


def fetch(site, path: str, settings: CrawlSettings = STEADY, source: Source | None = None, **kwargs) -> FetchResult:
    async def run() -> FetchResult:
        fetcher = Fetcher(settings)
        try:
            return await fetcher.fetch(site.base + path, source or source_for(site), **kwargs)
        finally:
            await fetcher.aclose()

    return asyncio.run(run())


def article_path(index: int = 0) -> str:
    return songcau.path_of(songcau.SONGCAU[index])


def test_an_article_is_fetched_with_the_configured_user_agent(site):
    result = fetch(site, article_path())
    assert result.ok and result.status == 200
    assert "Cầu mới nối hai bờ sông Hồng".encode() in result.body
    assert result.final_url == site.base + article_path()
    assert site.requests_for(article_path())[0].headers["user-agent"] == FAST.user_agent
    assert result.fetched_at is not None and result.fetched_at.tzinfo is not None


def test_robots_txt_disallows_a_path_and_a_wildcard_and_the_page_is_never_requested(site):
    private = songcau.path_of(songcau.SONGCAU_PRIVATE)
    assert fetch(site, private).reason == "disallowed by robots.txt"
    assert fetch(site, songcau.PRINT).reason == "disallowed by robots.txt"
    assert site.count(private) == 0
    assert not any("print=" in p for p in site.paths())
    assert site.count("/robots.txt") == 2  # once per crawl (here: one Fetcher per call)


def test_robots_txt_can_be_ignored_per_source(site):
    source = source_for(site, politeness=Politeness(delay=0.0, per_host=1, respect_robots=False))
    result = fetch(site, songcau.path_of(songcau.SONGCAU_PRIVATE), source=source)
    assert result.ok
    assert site.count("/robots.txt") == 0


def test_crawl_delay_from_robots_txt_sets_the_host_delay_when_larger(site):
    async def run():
        fetcher = Fetcher(STEADY)
        try:
            await fetcher.fetch(site.base + article_path(), source_for(site))
            return fetcher._gates[site.base.removeprefix("http://")].delay
        finally:
            await fetcher.aclose()

    assert asyncio.run(run()) == pytest.approx(0.01)


def test_a_redirect_within_the_domain_is_followed(site):
    result = fetch(site, songcau.REDIRECTED)
    assert result.ok
    assert result.final_url == site.base + article_path()
    assert site.count(songcau.REDIRECTED) == 1 and site.count(article_path()) == 1


def test_a_redirect_loop_stops(site):
    result = fetch(site, songcau.LOOP_A)
    assert result.outcome == "failed" and result.reason == "redirect loop"
    assert site.count(songcau.LOOP_A) == 1 and site.count(songcau.LOOP_B) == 1


def test_a_redirect_off_the_sources_domains_is_not_followed(site):
    result = fetch(site, songcau.OFFSITE)
    assert result.outcome == "skipped"
    assert result.reason == "redirect off-site to quangcao.example.invalid"


def test_a_404_is_skipped_without_retry(site):
    result = fetch(site, songcau.GONE)
    assert (result.outcome, result.reason, result.status) == ("skipped", "HTTP 404", 404)
    assert site.count(songcau.GONE) == 1


def test_a_500_recovers_on_retry(site):
    result = fetch(site, songcau.FLAKY)
    assert result.ok
    assert result.attempts == 3
    assert [h.status for h in site.requests_for(songcau.FLAKY)] == [500, 500, 200]


def test_a_500_that_does_not_recover_fails_after_the_retries(site):
    site.flaky_left = 10
    result = fetch(site, songcau.FLAKY)
    assert (result.outcome, result.reason, result.attempts) == ("failed", "HTTP 500", 3)


def test_429_waits_for_retry_after(site):
    result = fetch(site, songcau.BUSY)
    assert result.ok
    first, second = site.requests_for(songcau.BUSY)
    assert first.status == 429 and second.status == 200
    assert second.at - first.at >= 0.95  # Retry-After: 1, not the 0.01 s backoff


def test_a_retry_after_longer_than_max_wait_gives_up_at_once(site):
    settings = CrawlSettings(**{**STEADY.__dict__, "max_wait": 0.5})
    result = fetch(site, songcau.BUSY, settings)
    assert result.outcome == "failed" and "Retry-After" in result.reason
    assert site.count(songcau.BUSY) == 1


def test_a_slow_page_times_out_after_each_attempt(site):
    result = fetch(site, songcau.SLOW, FAST)
    assert (result.outcome, result.reason, result.attempts) == ("failed", "timeout", 3)


@pytest.mark.parametrize("path", [songcau.HUGE, songcau.HUGE_CHUNKED])
def test_an_oversized_page_is_dropped_with_or_without_content_length(site, path):
    result = fetch(site, path)
    assert result.outcome == "skipped" and result.reason == "too large (over 100000 bytes)"
    assert result.body is None


def test_a_pdf_is_skipped_by_its_content_type(site):
    result = fetch(site, songcau.PDF)
    assert (result.outcome, result.reason) == ("skipped", "not HTML (application/pdf)")


def test_feeds_and_sitemaps_are_accepted_as_xml_but_not_as_html(site):
    assert fetch(site, "/sitemaps/2021.xml.gz", accept="xml").ok
    assert fetch(site, "/rss/tin-moi.rss", accept="xml").ok
    assert fetch(site, "/rss/tin-moi.rss", accept="html").reason == "not HTML (application/rss+xml)"


def test_conditional_get_with_etag(site):
    changing = songcau.path_of(songcau.SONGCAU_CHANGING[0])
    first = fetch(site, changing)
    assert first.ok and first.etag == '"bai-1010-v1"'
    again = fetch(site, changing, etag=first.etag)
    assert again.outcome == "not_modified" and again.body is None
    assert site.requests_for(changing)[-1].headers["if-none-match"] == '"bai-1010-v1"'
    site.version = 2
    changed = fetch(site, changing, etag=first.etag)
    assert changed.ok and changed.etag == '"bai-1010-v2"'


def test_conditional_get_with_last_modified(site):
    first = fetch(site, article_path(5))
    assert first.ok and first.last_modified == "Mon, 01 Dec 2025 08:00:00 GMT"
    again = fetch(site, article_path(5), last_modified=first.last_modified)
    assert again.outcome == "not_modified"
    assert site.requests_for(article_path(5))[-1].headers["if-modified-since"] == first.last_modified
    site.version = 2
    assert fetch(site, article_path(5), last_modified=first.last_modified).ok


@pytest.fixture
def refusing_port():
    """A port bound but not listening: connections are refused, and no other process can take it meanwhile."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        yield probe.getsockname()[1]


def test_a_connection_refused_is_retried_then_reported(refusing_port):
    port = refusing_port
    source = Source(name="gone", domains=("127.0.0.1",),
                    politeness=Politeness(delay=0.0, per_host=1, respect_robots=False))

    async def run():
        fetcher = Fetcher(FAST)
        try:
            return await fetcher.fetch(f"http://127.0.0.1:{port}/bai-1.html", source)
        finally:
            await fetcher.aclose()

    result = asyncio.run(run())
    assert result.outcome == "failed" and result.reason.startswith("connection error")
    assert result.attempts == 3


def test_an_unreachable_robots_txt_means_do_not_crawl_that_host(refusing_port):
    port = refusing_port
    source = Source(name="gone", domains=("127.0.0.1",))

    async def run():
        fetcher = Fetcher(CrawlSettings(**{**FAST.__dict__, "retries": 0}))
        try:
            return await fetcher.fetch(f"http://127.0.0.1:{port}/bai-1.html", source)
        finally:
            await fetcher.aclose()

    assert asyncio.run(run()).reason == "robots.txt unreachable"


def test_retry_after_reads_seconds_and_http_dates():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=90), usegmt=True)
    assert 80 <= parse_retry_after(later) <= 91


@pytest.mark.parametrize("content_type, accept, expected", [
    ("text/html; charset=utf-8", "html", True),
    ("application/xhtml+xml", "html", True),
    (None, "html", True),
    ("application/pdf", "html", False),
    ("image/jpeg", "xml", False),
    ("application/rss+xml", "xml", True),
    ("text/xml", "xml", True),
    ("application/x-gzip", "xml", True),
])
def test_accepted_content_types(content_type, accept, expected):
    assert accepts(content_type, accept) is expected


def test_a_cookie_one_page_sets_goes_back_with_every_later_request_of_the_crawl():
    """A consent page sets a cookie; the articles answer 403 without it. Fetched concurrently,
    each fetch borrows its own client: the cookie must reach them all."""
    from khobao.demo.siteserver import Reply, ServedSite

    class ConsentSite(ServedSite):
        def respond(self, path, headers):
            if path == "/dong-y":
                return Reply(200, b"<html><body>OK</body></html>", headers={"Set-Cookie": "dong_y=1; Path=/"})
            if "dong_y=1" not in headers.get("cookie", ""):
                return Reply(403, b"<html><body>Can dong y</body></html>")
            return Reply(200, f"<html><body><p>Bai {path}</p></body></html>".encode())

    site = ConsentSite()
    with SiteServer(site):
        source = Source(name="dongy", domains=("127.0.0.1",))

        async def run() -> list[FetchResult]:
            fetcher = Fetcher(STEADY)   # nothing here times out on purpose: a loaded machine must not fail it
            try:
                first = await fetcher.fetch(site.base + "/dong-y", source)
                rest = await asyncio.gather(*(fetcher.fetch(f"{site.base}/bai-{i}.html", source) for i in range(6)))
                return [first, *rest]
            finally:
                await fetcher.aclose()

        results = asyncio.run(run())
    assert [r.status for r in results] == [200] * 7
    articles = [hit for hit in site.hits if hit.path.startswith("/bai-")]
    assert len(articles) == 6 and all("dong_y=1" in hit.headers.get("cookie", "") for hit in articles)
