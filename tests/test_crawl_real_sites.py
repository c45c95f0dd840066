"""Crawling what real sites send, on an invented site served on 127.0.0.1 ("Tin Sông Thương"):
compressed pages archived as sent, a charset header the page contradicts, session ids and tracking
links, AMP copies, calendar and filter traps, soft 404s, and a host that hangs. Each is counted in
the crawl's report, and `khobao crawl` prints the counts."""

from __future__ import annotations

import gzip
import threading
import unicodedata
from collections import deque

import brotli
import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from crawler import soft404, traps
from crawler.crawling import crawl
from crawler.frontier import Entry, Frontier
from crawler.page_processing import AMP_COPY, TRACKING
from crawler.reextraction import reextract
from crawler.warc import read_response
from crawlkit import make_settings
from hanging import HangingHost
from khobao.cli import cli
from khobao.demo.siteserver import SiteServer
from khobao.warc_import import import_warc
from sites import songthuong
from sites.songthuong import STORIES, path_of
from store import ArticleStore
from test_crawl_cli import write_config


def thuong_source(base: str, **overrides) -> dict:
    """No follow patterns: every link on the site is fetched, as a first crawl of an unknown site does."""
    return {"name": "songthuong", "label": "Tin Sông Thương", "domains": ["127.0.0.1"], "listings": [f"{base}/"],
            "politeness": {"delay": 0.0, "per_host": 4, "respect_robots": True}, **overrides}


@pytest.fixture
def site():
    site = songthuong.SongThuong()
    with SiteServer(site):
        yield site


def run(site, data_dir, *extra_sources, **crawl_settings):
    settings = make_settings(data_dir, [thuong_source(site.base), *extra_sources], **crawl_settings)
    with ArticleStore(settings.store_path) as store:
        report = crawl(settings, store, max_pages=400)   # a safety net: a trap would end at "max-pages"
        articles = {s.article.url: s.article for s in store.all_articles()}
    return settings, report, articles


def story_urls(site) -> set[str]:
    return {site.base + path_of(s) for s in STORIES}


def test_compressed_pages_are_cleaned_and_archived_as_the_server_sent_them(site, data_dir):
    site.coded = {3001: "gzip", 3002: "deflate", 3003: "br", 3004: "deflate-raw"}
    settings, report, articles = run(site, data_dir)
    assert set(articles) == story_urls(site)
    assert {a.title for a in articles.values()} == {s.title for s in STORIES}
    assert report.compressed == {"gzip": 1, "deflate": 2, "br": 1}
    # The WARC keeps the coded bytes with their Content-Encoding; reading a record back decodes it.
    for article in articles.values():
        with open(settings.warc_dir / article.warc_file, "rb") as stream:
            stream.seek(article.warc_offset)
            record = next(iter(ArchiveIterator(stream)))
            coding = record.http_headers.get_header("Content-Encoding")
            sent = record.raw_stream.read()
        story = next(s for s in STORIES if site.base + path_of(s) == article.url)
        page = site.article(story).encode()
        assert coding == {3001: "gzip", 3002: "deflate", 3003: "br", 3004: "deflate"}[story.id]
        assert sent != page and sent == songthuong.encode(page, site.coded[story.id])
        assert read_response(settings.warc_dir, article.warc_file, article.warc_offset).body == page
    assert gzip.decompress(songthuong.encode(b"x", "gzip")) == b"x" and brotli.decompress(brotli.compress(b"x")) == b"x"
    # Re-extraction and `khobao import` of the archive read the coded records back.
    with ArticleStore(settings.store_path) as store:
        again = reextract(settings, store)
    assert again.read == 4 and again.unchanged == 4 and again.missing == 0 and again.rejected == 0
    with ArticleStore(data_dir / "imported.sqlite3") as fresh:
        summary = import_warc(sorted(settings.warc_dir.glob("*.warc.gz")), fresh, settings.sources)
        imported = {s.article.title for s in fresh.all_articles()}
    assert {s.title for s in STORIES} <= imported and summary.new >= 4


def test_a_compressed_bomb_is_refused_by_its_decoded_size(site, data_dir):
    site.links = [songthuong.BOMB] + [path_of(s) for s in STORIES]
    _, report, articles = run(site, data_dir)   # max_bytes is 100,000 in the fast settings
    assert report.skipped["too large (over 100000 bytes once decoded)"] == 1
    assert set(articles) == story_urls(site)


def test_a_charset_header_the_page_contradicts_loses_to_its_meta_and_bytes(site, data_dir):
    """windows-1258 pages sent as iso-8859-1 (which decodes any byte) and as utf-8 (which cannot)."""
    site.legacy = {3001: "iso-8859-1", 3002: "utf-8"}
    _, report, articles = run(site, data_dir)
    by_title = {a.title: a for a in articles.values()}
    for story in STORIES:
        assert story.title in by_title
        text = by_title[story.title].body
        assert story.paragraphs[1] in text and unicodedata.is_normalized("NFC", text)
    assert report.charset_overruled == 2


def test_session_ids_and_tracking_parameters_fold_into_one_article_fetched_once(site, data_dir):
    first = path_of(STORIES[0])
    copies = [f"{first};jsessionid=A1B2C3", f"{first}?utm_source=zalo&utm_medium=social", f"{first}?fbclid=IwAR0x",
              f"{first}?ref=trang-chu", f"{first};jsessionid=Z9?utm_campaign=tet&gclid=abc", f"{first}?PHPSESSID=77aa"]
    site.links = copies + [path_of(s) for s in STORIES[1:]]
    _, report, articles = run(site, data_dir)
    assert set(articles) == story_urls(site)
    assert site.count(first) + sum(site.count(c) for c in copies) == 1   # one fetch for the seven addresses
    assert report.folded[TRACKING] == len(copies)


def test_amp_copies_are_never_fetched_and_fold_into_the_article(site, data_dir):
    one, two, three, four = (path_of(s) for s in STORIES)
    amp_host = site.base.replace("//", "//amp.") + four    # http://amp.127.0.0.1:PORT/...: never resolved
    site.links = [f"/amp{one}", f"{two}?amp=1", f"{three}?amp", amp_host]
    _, report, articles = run(site, data_dir)
    assert set(articles) == story_urls(site)
    amp_requests = [p for p in site.paths() if p.startswith("/amp/") or "amp" in p.split("?", 1)[-1]]
    assert amp_requests == [] and not report.errors
    # the four links, and each article's <link rel="amphtml"> (the first one's is the first link)
    assert report.folded[AMP_COPY] == 4 + 3


def test_an_amp_page_fetched_anyway_is_stored_as_its_canonical_article(site, data_dir):
    """An AMP copy under an address no rule knows (here: the first link seen is the AMP page itself)."""
    site.links = []
    amp_start = site.base + "/amp" + path_of(STORIES[1])
    others = [r"-300[134]\.html"]   # the page's links to other stories are not followed
    settings = make_settings(data_dir, [thuong_source(site.base, listings=[], skip=others)])
    with Frontier(settings.frontier_path) as frontier:
        frontier.add([amp_start], "songthuong", "article")
    with ArticleStore(settings.store_path) as store:
        report = crawl(settings, store, max_pages=50)
        urls = [s.article.url for s in store.all_articles()]
    assert urls == [site.base + path_of(STORIES[1])]
    assert site.count(path_of(STORIES[1])) == 0              # the canonical article is not fetched again
    assert report.folded[AMP_COPY] == 1


def test_calendar_filter_and_deep_path_traps_are_bounded_and_counted(site, data_dir):
    site.links = ["/lich/?date=2023-01-01", "/lich/?date=2023-01-01&loai=anh&sap-xep=moi"]
    _, report, _ = run(site, data_dir)
    assert report.outcome == "finished"                      # not "max-pages": the trap ended
    calendar_pages = {p for p in site.paths() if p.startswith("/lich/?")}
    assert len(calendar_pages) <= traps.MAX_QUERY_VARIANTS
    assert report.traps[traps.QUERY_VARIANTS] >= 1
    assert report.traps[traps.PAGE_NUMBER] == 1               # /tin/?page=999999, linked from every day
    assert report.traps[traps.REPEATED_SEGMENT] == 1          # /lich/chuyen-muc/chuyen-muc/chuyen-muc/
    assert not any(p.count("chuyen-muc") >= traps.MAX_SEGMENT_REPEATS for p in site.paths())
    assert "/tin/?page=999999" not in site.paths()
    # The next crawl holds to the same bound: a new way into the calendar finds it full.
    site.links = ["/lich/?date=2030-06-01"]
    settings = make_settings(data_dir, [thuong_source(site.base)])
    with ArticleStore(settings.store_path) as store:
        again = crawl(settings, store, max_pages=400, refresh=True)
    assert again.outcome == "finished"
    assert "/lich/?date=2030-06-01" not in site.paths() and again.traps[traps.QUERY_VARIANTS] == 1


def test_soft_404s_and_error_pages_sent_with_200_are_not_stored(site, data_dir):
    site.links = [songthuong.NOT_FOUND_VI, songthuong.NOT_FOUND_EN, songthuong.ERROR_PAGE, songthuong.REMOVED] + [
        path_of(s) for s in STORIES]
    _, report, articles = run(site, data_dir)
    assert set(articles) == story_urls(site)
    assert report.skipped[soft404.NOT_FOUND] == 2
    assert report.skipped[soft404.ERROR_PAGE] == 1
    assert report.skipped[soft404.HOME_REDIRECT] == 1


def _crawl_beside(site, data_dir, stuck_source) -> tuple[bool, dict, threading.Thread]:
    """Crawl the site and a stuck host in a thread: (whether it ended within the guard, its outcome,
    the thread: join it once the stuck host is closed)."""
    finished = threading.Event()
    outcome: dict = {}

    def crawl_both() -> None:
        try:
            outcome["result"] = run(site, data_dir, stuck_source, timeout=1.0, retries=1)
        finally:
            finished.set()

    worker = threading.Thread(target=crawl_both, daemon=True)
    worker.start()
    finished.wait(120)   # a guard against a hang, not a measure of speed
    return finished.is_set(), outcome, worker


@pytest.mark.parametrize("answer_robots", [True, False], ids=["pages-hang", "all-hangs"])
def test_a_hanging_host_holds_up_no_other_host(site, data_dir, answer_robots):
    with HangingHost(answer_robots=answer_robots) as stuck:
        pages = [f"{stuck.base}/tin/bai-{n}.html" for n in range(10)]
        stuck_source = {"name": "treo", "domains": ["127.0.0.1"], "listings": pages,
                        "politeness": {"delay": 0.0, "per_host": 1, "respect_robots": True}}
        ended, outcome, worker = _crawl_beside(site, data_dir, stuck_source)
    worker.join(30)
    assert ended, "the crawl did not end while one host hung"
    _, report, articles = outcome["result"]
    assert report.outcome == "finished"
    assert set(articles) == story_urls(site)
    host = stuck.base.removeprefix("http://")
    if answer_robots:   # its pages time out: three in a row, then the rest wait for the next crawl
        assert report.hosts_down[host] == len(pages) - crawl_module().HOST_SILENT_LIMIT
        asked = [p for p in stuck.paths() if p != "/robots.txt"]   # each of the three tried twice (retries = 1)
        assert len(asked) == 2 * crawl_module().HOST_SILENT_LIMIT and len(set(asked)) == crawl_module().HOST_SILENT_LIMIT
    else:               # robots.txt unreachable: nothing is asked of it
        assert report.skipped["robots.txt unreachable"] == len(pages)


def test_a_host_that_trickles_bytes_forever_is_cut_by_the_deadline(site, data_dir):
    with HangingHost(trickle=True, trickle_every=0.1) as stuck:
        stuck_source = {"name": "treo", "domains": ["127.0.0.1"], "listings": [f"{stuck.base}/tin/bai-1.html"],
                        "politeness": {"delay": 0.0, "per_host": 1, "respect_robots": True}}
        ended, outcome, worker = _crawl_beside(site, data_dir, stuck_source)
    worker.join(30)
    assert ended, "a response trickling one byte at a time held the crawl"
    _, report, articles = outcome["result"]
    assert set(articles) == story_urls(site)
    assert report.errors["timeout"] == 1, (report.errors, report.skipped)


def test_no_host_takes_the_last_request_slot_while_another_host_is_known(site, data_dir):
    """The scheduling rule that keeps a hanging host from holding every slot (concurrency 2, per_host 2)."""
    settings = make_settings(data_dir, [thuong_source(site.base, politeness={"delay": 0.0, "per_host": 2})],
                             concurrency=2)
    entries = [Entry(n, f"http://127.0.0.1:9/tin/bai-{n}.html", "songthuong", "article", 0, None, None, None, None)
               for n in range(3)]
    with ArticleStore(settings.store_path) as store:
        job = crawl_module()._Crawl(settings, store, list(settings.sources), None, False, None,
                                    crawl_module().CrawlReport())
        try:
            job.hosts.buffers = {"127.0.0.1:9": deque(entries)}
            assert job.hosts.next_entry() is entries[0]
            job.hosts.active_per_host["127.0.0.1:9"] = 1
            assert job.hosts.next_entry() is entries[1]          # the only host known: both slots are its own
            job.hosts.buffers["127.0.0.1:10"] = deque()           # another host, its next page not found yet
            assert job.hosts.next_entry() is None                 # the last slot is kept for it
        finally:
            job.frontier.close()


def crawl_module():
    import crawler.crawling
    return crawler.crawling


def test_khobao_crawl_prints_the_counts(site, tmp_path):
    site.coded = {3001: "br"}
    site.legacy = {3002: "iso-8859-1"}
    first = path_of(STORIES[0])
    site.links = [f"{first}?utm_source=x", f"/amp{path_of(STORIES[1])}", songthuong.NOT_FOUND_VI,
                  "/tin/?page=999999"] + [path_of(s) for s in STORIES]
    with HangingHost() as stuck:
        stuck_source = {"name": "treo", "domains": ["127.0.0.1"],
                        "listings": [f"{stuck.base}/tin/bai-{n}.html" for n in range(5)]}
        config = write_config(tmp_path / "config.toml", [thuong_source(site.base), stuck_source],
                              timeout=1.0, retries=1)
        result = CliRunner().invoke(cli, ["--config", str(config), "crawl", "--no-index", "--quiet"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"hosts not answering, their URLs left for the next crawl: {stuck.base.removeprefix('http://')} " in out
    assert "folded" in out and f"{TRACKING} 1" in out and AMP_COPY in out
    assert f"{traps.PAGE_NUMBER} 1" in out
    assert "compressed responses: br 1; charset header overruled by the page: 1" in out
    assert f"{soft404.NOT_FOUND} 1" in out
