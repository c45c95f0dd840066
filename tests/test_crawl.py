"""Whole crawls of two invented news sites served on 127.0.0.1: discovery, politeness, storage, WARC, re-crawl."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crawler.charset import decode_html
from crawler.crawling import crawl, last_run
from crawler.frontier import Frontier
from crawler.reextraction import reextract
from crawler.warc import IDENTICAL_PAYLOAD, NOT_MODIFIED, read_response
from crawlkit import doiche_source, make_settings, songcau_source
from khobao.demo.siteserver import SiteServer
from sites import doiche, songcau
from sites.news import DOICHE, SONGCAU, SONGCAU_CHANGING, SONGCAU_NFD
from store import ArticleStore

SONGCAU_STORIES = (*SONGCAU, SONGCAU_NFD, SONGCAU_CHANGING[0])


@pytest.fixture
def sites():
    """Both sites, without the pathological pages (they are crawled once, in `crawled`)."""
    a, b = songcau.SongCau(traps=False), doiche.DoiChe()
    with SiteServer(a), SiteServer(b):
        yield a, b


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One full crawl of both sites, pathological pages included, shared by the read-only tests below."""
    a, b = songcau.SongCau(), doiche.DoiChe()
    a.flaky_left = 1  # one 500, then the article: within the one retry the fast settings allow
    with SiteServer(a), SiteServer(b):
        settings = make_settings(tmp_path_factory.mktemp("crawled"), [songcau_source(a.base), doiche_source(b.base)])
        with ArticleStore(settings.store_path) as store:
            report = crawl(settings, store)
            yield (a, b), settings, store, report


@pytest.fixture
def settings(sites, data_dir):
    a, b = sites
    return make_settings(data_dir, [songcau_source(a.base), doiche_source(b.base)])


@pytest.fixture
def store(settings):
    with ArticleStore(settings.store_path) as store:
        yield store


def expected_urls(sites) -> set[str]:
    a, b = sites
    return ({a.base + songcau.path_of(s) for s in SONGCAU_STORIES}
            | {b.base + doiche.path_of(s) for s in DOICHE})


def stored_urls(store) -> list[str]:
    return [s.article.url for s in store.all_articles()]


def test_a_crawl_stores_every_article_of_both_sites_once(crawled):
    sites, settings, store, report = crawled
    assert report.outcome == "finished"
    urls = stored_urls(store)
    assert sorted(urls) == sorted(expected_urls(sites))  # tracking parameters, ?from=home, redirects: one copy
    titles = [s.article.title for s in store.all_articles()]
    assert len(titles) == len(set(titles))
    assert report.new == len(expected_urls(sites))
    assert store.counts_by_source() == {"doiche": len(DOICHE), "songcau": len(SONGCAU_STORIES)}


def test_pages_are_found_through_feeds_sitemaps_and_paginated_listings(crawled):
    sites, settings, store, report = crawled
    a, b = sites
    for path in ("/rss/tin-moi.rss", "/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/2021.xml.gz",
                 "/thoi-su/", "/thoi-su/?trang=2", "/thoi-su/?trang=3"):
        assert a.count(path) == 1, path
    for path in ("/atom.xml", "/tin-tuc/trang-1.html", "/tin-tuc/trang-2.html", "/tin-tuc/trang-3.html"):
        assert b.count(path) == 1, path
    assert b.count("/robots.txt") == 1  # a 404 there: everything allowed
    assert not any(p.startswith("/tim-kiem") for p in a.paths())  # skip pattern
    assert not any("utm_source" in p for p in a.paths())           # feed links normalised before fetching


def test_every_pathological_page_is_recorded_with_its_reason_and_the_crawl_goes_on(crawled):
    sites, settings, store, report = crawled
    a, _ = sites
    with Frontier(settings.frontier_path) as frontier:
        problems = {url.removeprefix(a.base): (state, reason) for url, state, reason in frontier.problems()}
    assert problems[songcau.path_of(songcau.SONGCAU_PRIVATE)] == ("skipped", "disallowed by robots.txt")
    assert problems[songcau.PRINT] == ("skipped", "disallowed by robots.txt")
    assert problems[songcau.GONE] == ("skipped", "HTTP 404")
    assert problems[songcau.PDF] == ("skipped", "not HTML (application/pdf)")
    assert problems[songcau.HUGE] == ("skipped", "too large (over 100000 bytes)")
    assert problems[songcau.HUGE_CHUNKED] == ("skipped", "too large (over 100000 bytes)")
    assert problems[songcau.OFFSITE] == ("skipped", "redirect off-site to quangcao.example.invalid")
    assert problems[songcau.LOOP_A] == ("failed", "redirect loop")
    assert problems[songcau.SLOW] == ("failed", "timeout")
    assert songcau.FLAKY not in problems and songcau.BUSY not in problems  # recovered on retry
    assert a.count(songcau.path_of(songcau.SONGCAU_PRIVATE)) == 0
    assert report.errors == {"redirect loop": 1, "timeout": 1}
    assert report.skipped["disallowed by robots.txt"] == 2


def test_articles_are_clean_nfc_text_with_local_dates_whatever_the_page_encoding(crawled):
    sites, settings, store, report = crawled
    a, b = sites
    nfd = store.get_by_url(a.base + songcau.path_of(SONGCAU_NFD)).article
    assert nfd.title == SONGCAU_NFD.title and unicodedata.is_normalized("NFC", nfd.body)
    assert SONGCAU_NFD.paragraphs[0] in nfd.body
    legacy = store.get_by_url(b.base + doiche.path_of(DOICHE[0])).article  # windows-1258, dateline only
    assert legacy.title == DOICHE[0].title
    assert DOICHE[0].paragraphs[1] in legacy.body
    assert legacy.published == datetime(2019, 2, 8, 17, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert legacy.source == "doiche"
    modern = store.get_by_url(a.base + songcau.path_of(SONGCAU[0])).article
    assert modern.published.isoformat() == "2021-03-05T08:15:00+07:00"
    assert modern.author == SONGCAU[0].author and modern.http_status == 200
    assert modern.fetched_at is not None and modern.last_modified == "Mon, 01 Dec 2025 08:00:00 GMT"


def test_each_article_points_to_its_raw_response_in_the_warc_archive(crawled):
    sites, settings, store, report = crawled
    for stored in store.all_articles():
        article = stored.article
        record = read_response(settings.warc_dir, article.warc_file, article.warc_offset)
        assert record.status == 200 and record.header("content-type").startswith("text/html")
        assert article.title in decode_html(record.body, record.header("content-type"))
    files = list(settings.warc_dir.glob("*.warc.gz"))
    assert files and all(f.stat().st_size > 0 for f in files)


def test_a_second_crawl_without_refresh_has_nothing_to_do(sites, settings, store):
    crawl(settings, store)
    a, b = sites
    before = len(a.hits) + len(b.hits)
    report = crawl(settings, store)
    assert (report.visited, report.new, report.outcome) == (0, 0, "finished")
    assert len(a.hits) + len(b.hits) == before


def test_refresh_uses_conditional_get_and_stores_changed_articles_as_new_versions(sites, settings, store):
    a, b = sites
    crawl(settings, store)
    etag_path = songcau.path_of(SONGCAU_CHANGING[0])
    lastmod_path = songcau.path_of(SONGCAU[5])
    seq = store.last_seq()

    quiet = crawl(settings, store, refresh=True)
    assert quiet.new == quiet.changed == 0
    assert quiet.not_modified >= len(expected_urls(sites))
    assert a.requests_for(etag_path)[-1].headers["if-none-match"] == '"bai-1010-v1"'
    assert a.requests_for(etag_path)[-1].status == 304
    assert a.requests_for(lastmod_path)[-1].headers["if-modified-since"] == "Mon, 01 Dec 2025 08:00:00 GMT"
    assert a.requests_for(lastmod_path)[-1].status == 304
    assert a.count("/rss/tin-moi.rss") == 2 and b.count("/atom.xml") == 2  # hubs revisited
    assert store.last_seq() == seq  # nothing for the index to do
    revisits = revisit_records(settings.warc_dir)
    assert revisits[a.base + etag_path] == [("304", NOT_MODIFIED)]     # every visit is in the archive
    assert len(revisits) >= quiet.not_modified
    profiles = {profile for visits in revisits.values() for _, profile in visits}
    assert profiles == {NOT_MODIFIED, IDENTICAL_PAYLOAD}  # hubs without validators: the same bytes again

    a.version = 2
    changed = crawl(settings, store, refresh=True)
    assert changed.changed == 2 and changed.new == 0
    updated = store.get_by_url(a.base + etag_path)
    assert updated.article.title == SONGCAU_CHANGING[1].title and updated.version == 2
    assert [v.title for v in store.versions(updated.id)] == [SONGCAU_CHANGING[0].title]
    corrected = store.get_by_url(a.base + lastmod_path)
    assert "Đính chính" in corrected.article.body and corrected.version == 2
    assert {s.article.url for s in store.changes_since(seq)} == {a.base + etag_path, a.base + lastmod_path}


def revisit_records(warc_dir) -> dict[str, list[tuple[str, str]]]:
    """URL -> [(HTTP status, WARC-Profile)] of every revisit record in the crawl's WARC files."""
    from warcio.archiveiterator import ArchiveIterator
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "revisit":
                    found.setdefault(record.rec_headers.get_header("WARC-Target-URI"), []).append(
                        (record.http_headers.get_statuscode(), record.rec_headers.get_header("WARC-Profile")))
    return found


def test_pages_that_never_change_are_revisited_less_and_less_often(sites, settings, store):
    a, _ = sites
    crawl(settings, store)
    url = a.base + songcau.path_of(SONGCAU[1])
    intervals = []
    with Frontier(settings.frontier_path) as frontier:
        intervals.append(frontier.get(url)["interval"])
    for _ in range(2):
        crawl(settings, store, refresh=True)
        with Frontier(settings.frontier_path) as frontier:
            intervals.append(frontier.get(url)["interval"])
    assert intervals == [pytest.approx(0.001), pytest.approx(0.002), pytest.approx(0.004)]
    changing = a.base + songcau.path_of(SONGCAU_CHANGING[0])
    a.version = 2
    crawl(settings, store, refresh=True)
    with Frontier(settings.frontier_path) as frontier:
        assert frontier.get(changing)["interval"] == pytest.approx(0.001)  # changed: back to the start


def test_max_pages_stops_early_and_the_next_crawl_finishes_the_queue(sites, settings, store):
    first = crawl(settings, store, max_pages=6)
    assert (first.visited, first.outcome) == (6, "max-pages")
    assert first.queued > 0
    assert last_run(settings)["outcome"] == "max-pages"
    second = crawl(settings, store)
    assert second.outcome == "finished" and second.queued == 0
    assert sorted(stored_urls(store)) == sorted(expected_urls(sites))


def test_only_the_named_sources_are_crawled(sites, settings, store):
    a, b = sites
    report = crawl(settings, store, sources=["doiche"])
    assert report.sources == ["doiche"]
    assert store.counts_by_source() == {"doiche": len(DOICHE)}
    assert a.hits == []
    with pytest.raises(ValueError, match="unknown source 'vnexpres'; configured sources: songcau, doiche"):
        crawl(settings, store, sources=["vnexpres"])


def test_last_run_records_start_end_outcome_and_counts(settings, store):
    assert last_run(settings) is None
    report = crawl(settings, store, sources=["doiche"])
    run = last_run(settings)
    assert run["outcome"] == "finished" and run["sources"] == ["doiche"] and run["refresh"] is False
    assert run["started_at"] <= run["ended_at"]
    assert run["counts"]["new"] == report.new == len(DOICHE)


def test_progress_is_reported_while_crawling(sites, settings, store):
    seen = []
    crawl(settings, store, sources=["doiche"], progress=lambda r: seen.append((r.visited, r.new)))
    tried = {path for path in sites[1].paths() if path != "/robots.txt"}   # what the site saw, each page once
    assert len(tried) == len(sites[1].paths()) - 1 > len(DOICHE)          # articles, listing pages and the feed
    assert seen[-1] == (len(tried), len(DOICHE))
    assert len(seen) >= 2 and seen == sorted(seen)                          # during the run, never going back


def test_reextract_cleans_archived_pages_again_without_fetching(sites, data_dir):
    a, b = sites
    first = make_settings(data_dir, [songcau_source(a.base), doiche_source(b.base)])
    with ArticleStore(first.store_path) as store:
        crawl(first, store, sources=["doiche"])
        requests = len(b.hits)
        same = reextract(first, store)
        assert (same.read, same.changed, same.unchanged, same.missing) == (len(DOICHE), 0, len(DOICHE), 0)
        other_zone = doiche_source(b.base, timezone="Asia/Tokyo")  # the datelines are read in a new zone
        second = make_settings(data_dir, [songcau_source(a.base), other_zone])
        changed = reextract(second, store, sources=["doiche"])
        assert changed.changed == len(DOICHE)
        assert len(b.hits) == requests
        article = store.get_by_url(b.base + doiche.path_of(DOICHE[0]))
        assert article.article.published.isoformat() == "2019-02-08T17:08:00+09:00" and article.version == 2
        assert article.article.warc_file and article.article.fetched_at is not None


def test_cleaning_in_worker_processes_gives_the_same_articles(sites, data_dir):
    a, b = sites
    settings = make_settings(data_dir, [songcau_source(a.base), doiche_source(b.base)], workers=2)
    with ArticleStore(settings.store_path) as store:
        report = crawl(settings, store, sources=["doiche"])
        assert report.new == len(DOICHE) and report.errors == {}
        assert store.get_by_url(b.base + doiche.path_of(DOICHE[3])).article.title == DOICHE[3].title


@pytest.mark.parametrize("robots_sitemaps", [True, False])
def test_sitemaps_named_in_robots_txt_are_read_unless_turned_off(sites, data_dir, robots_sitemaps):
    a, _ = sites
    # config.toml knows only a listing; the site's robots.txt names its sitemap index
    source = songcau_source(a.base, feeds=[], sitemaps=[], robots_sitemaps=robots_sitemaps)
    settings = make_settings(data_dir, [source])
    with ArticleStore(settings.store_path) as store:
        report = crawl(settings, store)
    assert report.outcome == "finished"
    read = {path for path in a.paths() if path.startswith("/sitemap")}
    if robots_sitemaps:
        assert read == {"/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/2021.xml.gz"}
    else:
        assert read == set()


def test_refresh_fetches_what_the_sitemap_says_changed_before_it_is_due(sites, data_dir):
    from datetime import timezone as tz
    a, b = sites
    settings = make_settings(data_dir, [songcau_source(a.base), doiche_source(b.base)], revisit_after=86400.0)
    with ArticleStore(settings.store_path) as store:
        crawl(settings, store)
        quiet = crawl(settings, store, refresh=True)   # nothing due yet, nothing changed
        assert quiet.updated == 0 and quiet.not_modified == 0
        a.version, a.changed_at = 2, datetime.now(tz.utc)
        fresh = crawl(settings, store, refresh=True)
        assert fresh.updated == 2 and fresh.changed == 2   # the two corrected articles, and only they
        etag_path = songcau.path_of(SONGCAU_CHANGING[0])
        assert store.get_by_url(a.base + etag_path).article.title == SONGCAU_CHANGING[1].title
