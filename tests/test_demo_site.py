"""The sample archive and its three sites, served for real on 127.0.0.1: what `khobao demo` crawls."""

from __future__ import annotations

import unicodedata
from collections import Counter
from email.utils import format_datetime
from xml.etree import ElementTree

import feedparser
import httpx
import pytest

from crawler.charset import decode_html
from crawler.clean import Rejected, extract
from indexer.analysis import fold, normalize, tokenize
from khobao.demo.sample import PLANS, correction_of, new_tone_style, sample_archive, slugify
from khobao.demo.server import SampleSites
from khobao.demo.sources import demo_sources

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def sites():
    with SampleSites() as running:
        yield running


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10) as http:
        yield http


def syllables(text: str) -> list[str]:
    return [s.text for s in tokenize(text)]


def has_phrase(text: str, phrase: str) -> bool:
    words, wanted = syllables(text), syllables(phrase)
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words)))


# -- the archive --------------------------------------------------------------------------------


def test_archive_has_150_plus_articles_over_three_sources_and_ten_years():
    archive = sample_archive()
    articles = [a for items in archive.values() for a in items]
    assert set(archive) == {p.name for p in PLANS}
    assert len(articles) >= 150
    assert {a.published.year for a in articles} == set(range(2016, 2026))
    assert len({a.title for a in articles}) == len(articles), "titles are unique"
    assert len({a.body for a in articles}) == len(articles), "bodies differ"
    assert all(a.published.tzinfo is not None for a in articles)
    assert len({a.topic for a in articles}) >= 10


def test_archive_is_deterministic():
    sample_archive.cache_clear()
    first = sample_archive()
    sample_archive.cache_clear()
    assert sample_archive() == first


def test_archive_exercises_the_search():
    bodies = [f"{a.title}\n{a.body}" for items in sample_archive().values() for a in items]
    assert sum(has_phrase(b, "Hà Nội") for b in bodies) >= 20
    assert any(has_phrase(b, "Hạ Nội") for b in bodies)          # must not match an accented "Hà Nội"
    assert sum(has_phrase(b, "kinh tế") for b in bodies) >= 10
    apart = [b for b in bodies if not has_phrase(b, "kinh tế") and {"kinh", "tế"} <= set(syllables(b))]
    assert apart, "some text has 'kinh' and 'tế' apart"
    assert any(has_phrase(b, "Điện Biên Phủ") for b in bodies)
    assert any("covid" in syllables(b) for b in bodies)
    assert any("thủ tướng" in normalize(b) for b in bodies)
    # Both tone-mark styles, so that hoà/hòa must be folded together by the index.
    assert any(" hoà" in b.lower() or "thuỷ" in b.lower() for b in bodies)
    assert any(" hòa" in b.lower() or "thủy" in b.lower() for b in bodies)


def test_new_tone_style_moves_only_open_oa_oe_uy():
    assert new_tone_style("Hòa Bình, thủy điện, Ủy ban, khỏe") == "Hoà Bình, thuỷ điện, Uỷ ban, khoẻ"
    assert new_tone_style("quý, toàn, khuya, HÒA") == "quý, toàn, khuya, HOÀ"
    assert normalize(new_tone_style("hòa thủy")) == normalize("hòa thủy")


def test_slugify():
    assert slugify("Đà Nẵng: Hoà Bình & Thủy!") == "da-nang-hoa-binh-thuy"


# -- the sites ----------------------------------------------------------------------------------


def test_each_site_has_robots_with_a_disallowed_path(sites, client):
    for base in sites.base_urls.values():
        response = client.get(base + "/robots.txt")
        assert response.status_code == 200
        assert "Disallow: /" in response.text
        assert "Crawl-delay" not in response.text  # the demo must stay fast


def test_feeds_parse_and_list_the_newest_articles(sites, client):
    feeds = {"nhipsong": "/rss/tin-moi-nhat.rss", "songhong": "/feed.atom", "biencuong": "/rss.xml"}
    for name, path in feeds.items():
        site = sites.sites[name]
        parsed = feedparser.parse(client.get(sites.base_urls[name] + path).content)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        newest = site.newest_first[0]
        assert parsed.entries[0].title == newest.title
        assert parsed.entries[0].link == sites.base_urls[name] + site.article_path(newest)
    assert feedparser.parse(client.get(sites.base_urls["songhong"] + "/feed.atom").content).version == "atom10"


def sitemap_urls(client, url: str) -> list[str]:
    root = ElementTree.fromstring(client.get(url).content)
    if root.tag.endswith("sitemapindex"):
        return [u for loc in root.findall("sm:sitemap/sm:loc", SITEMAP_NS) for u in sitemap_urls(client, loc.text)]
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemaps_list_every_article_once(sites, client):
    index = ElementTree.fromstring(client.get(sites.base_urls["nhipsong"] + "/sitemap.xml").content)
    assert index.tag.endswith("sitemapindex")
    for name, site in sites.sites.items():
        urls = sitemap_urls(client, sites.base_urls[name] + "/sitemap.xml")
        expected = {sites.base_urls[name] + site.article_path(a) for a in site.articles}
        assert expected <= set(urls)
        assert len(urls) - len(set(urls)) <= 10  # the news sitemap repeats the newest ten
    news = client.get(sites.base_urls["nhipsong"] + "/sitemaps/news.xml").text
    assert "sitemap-news/0.9" in news


def test_listings_paginate_through_every_article(sites, client):
    for source in demo_sources(sites.base_urls, sites.sites):
        site = sites.sites[source.name]
        found: set[str] = set()
        for listing in source.listings:
            url, seen = listing, 0
            while url and seen < 20:
                response = client.get(url)
                html = decode_html(response.content, response.headers["content-type"])
                found |= {a.title for a in site.articles if f">{a.title}<" in html.replace("&quot;", '"')}
                seen += 1
                url = next_page(site, source, url, html)
        assert found == {a.title for a in site.articles}, source.name


def next_page(site, source, url: str, html: str) -> str | None:
    """The listing's next page, found the way the crawler would: by the source's pagination pattern."""
    import re
    from urllib.parse import urljoin

    links = [urljoin(url, h.replace("&amp;", "&")) for h in re.findall(r'href="([^"]+)"', html)]
    pages = [u for u in links if any(re.search(p, u) for p in source.pagination)]
    later = [u for u in pages if _page_number(u) == _page_number(url) + 1]
    return later[0] if later else None


def _page_number(url: str) -> int:
    import re

    match = re.search(r"(?:trang-|page=)(\d+)", url)
    return int(match.group(1)) if match else 1


def test_unknown_pages_are_404_and_etag_gives_304(sites, client):
    base = sites.base_urls["songhong"]
    assert client.get(base + "/khong-co/trang-nay-123456.htm").status_code == 404
    site = sites.sites["songhong"]
    url = base + site.article_path(site.articles[0])
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200   # the ETag decides
    assert client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
    assert client.head(url).headers["Content-Length"] == first.headers["Content-Length"]


def test_legacy_site_is_windows_1258_and_decodes_to_nfc(sites, client):
    site = sites.sites["biencuong"]
    article = site.articles[7]
    response = client.get(sites.base_urls["biencuong"] + site.article_path(article))
    assert response.headers["content-type"] == "text/html; charset=windows-1258"
    assert b"windows-1258" in response.content[:400]
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    raw = response.content.decode("cp1258")
    assert not unicodedata.is_normalized("NFC", raw), "tone marks travel as combining characters"
    text = decode_html(response.content, response.headers["content-type"])
    assert unicodedata.is_normalized("NFC", text)
    assert article.title in text and article.lead in text
    # Also without the header's charset: the page's own meta must be enough.
    assert article.title in decode_html(response.content, "text/html")


def test_the_cleaner_reads_each_site_style_exactly(sites, client):
    sources = {s.name: s for s in demo_sources(sites.base_urls, sites.sites)}
    for name, site in sites.sites.items():
        for article in (site.articles[0], site.articles[len(site.articles) // 2]):
            url = sites.base_urls[name] + site.article_path(article)
            response = client.get(url)
            cleaned = extract(decode_html(response.content, response.headers["content-type"]), url, sources[name])
            assert not isinstance(cleaned, Rejected), (name, cleaned)
            assert cleaned.title == article.title
            assert cleaned.published == article.published
            assert fold(normalize(article.lead)) in fold(normalize(cleaned.body))


def test_dates_are_written_day_first(sites, client):
    site = sites.sites["biencuong"]
    march = next(a for a in site.articles if (a.published.year, a.published.month, a.published.day) == (2021, 3, 5))
    html = decode_html(client.get(sites.base_urls["biencuong"] + site.article_path(march)).content)
    assert "05/03/2021" in html
    dated = sites.sites["songhong"]
    article = dated.articles[3]
    page = client.get(sites.base_urls["songhong"] + dated.article_path(article)).text
    assert f"{article.published.day}/{article.published.month}/{article.published.year}, " in page
    assert "(GMT+7)" in page and "application/ld+json" not in page


def test_sources_cover_each_site(sites):
    sources = demo_sources(sites.base_urls, sites.sites)
    assert [s.name for s in sources] == [p.name for p in PLANS]
    for source in sources:
        assert source.politeness.delay == 0 and source.politeness.respect_robots
        assert source.feeds and source.sitemaps and source.listings
    counts = Counter(a.source for items in sample_archive().values() for a in items)
    assert sum(counts.values()) == 180


def test_the_second_edition_corrects_the_newest_articles_and_dates_them_in_the_sitemap():
    """Own sites (the module's are shared): a corrected article is served with the correction, and the
    sitemap's <lastmod> and the Last-Modified header say when, so a refresh crawl fetches it again."""
    with SampleSites() as running, httpx.Client(timeout=10, headers={"Connection": "close"}) as client:
        site = running.sites["songhong"]
        before = {a.number: a for a in site.articles}
        fixed = site.publish_corrections()
        assert [a.number for a in fixed] == [a.number for a in site.newest_first[:site.corrections]]
        assert site.publish_corrections() == fixed                      # a second call changes nothing
        article = fixed[0]
        url = site.url(site.base, article)
        page = client.get(url)
        assert correction_of(article) in page.text and correction_of(article) not in before[article.number].body
        lastmod = {loc.findtext("sm:loc", namespaces=SITEMAP_NS): loc.findtext("sm:lastmod", namespaces=SITEMAP_NS)
                   for loc in ElementTree.fromstring(client.get(site.base + "/sitemap.xml").content)
                   .findall("sm:url", SITEMAP_NS)}
        changed = site.changed_at[article.number]
        assert lastmod[url] == changed.isoformat() and changed > article.published
        assert page.headers["last-modified"] == format_datetime(changed, usegmt=True)
        untouched = site.newest_first[site.corrections]
        assert lastmod[site.url(site.base, untouched)] == untouched.published.isoformat()
