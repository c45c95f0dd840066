"""The crawler's pure parts: feed, sitemap and link discovery; scope rules; robots.txt; WARC records."""

from __future__ import annotations

import gzip

import pytest

from crawler.discover import parse_hub, parse_page_links
from crawler.robots import RobotsRules, agent_token
from crawler.scope import in_scope, is_article_link, is_pagination_link, source_domains
from crawler.settings import Source
from crawler.warc import (
    WarcWriterRotating,
    iter_responses,
    read_response,
    response_record,
)

RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>
<item><title>Một</title><link>https://bao.vn/bai-1.html?utm_source=rss</link></item>
<item><title>Hai</title><link>/bai-2.html</link></item>
<item><title>Trùng</title><link>https://bao.vn/bai-1.html?utm_source=rss</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Ba</title><link rel="alternate" href="https://bao.vn/bai-3.html"/><id>3</id></entry>
</feed>"""

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc> https://bao.vn/sitemap-news.xml </loc></sitemap><sitemap><loc>https://bao.vn/2020.xml.gz</loc></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://bao.vn/bai-4.html</loc><image:image><image:loc>https://bao.vn/a.jpg</image:loc></image:image>
<news:news><news:publication><news:name>Báo</news:name><news:language>vi</news:language></news:publication>
<news:publication_date>2024-03-12T14:05:00+07:00</news:publication_date><news:title>Bốn</news:title></news:news></url>
<url><loc>https://bao.vn/bai-5.html</loc></url>
</urlset>"""


def test_rss_links_are_absolute_and_unique():
    links = parse_hub(RSS.encode(), "https://bao.vn/rss/tin-moi.rss")
    assert links.kind == "rss/atom"
    assert links.articles == ["https://bao.vn/bai-1.html?utm_source=rss", "https://bao.vn/bai-2.html"]


def test_atom_links():
    assert parse_hub(ATOM.encode(), "https://bao.vn/atom.xml").articles == ["https://bao.vn/bai-3.html"]


def test_a_sitemap_index_lists_child_sitemaps():
    links = parse_hub(INDEX.encode(), "https://bao.vn/sitemap.xml")
    assert (links.kind, links.sitemaps, links.articles) == (
        "sitemap index", ["https://bao.vn/sitemap-news.xml", "https://bao.vn/2020.xml.gz"], [])


def test_a_news_sitemap_lists_articles_not_images():
    links = parse_hub(NEWS.encode(), "https://bao.vn/sitemap-news.xml")
    assert (links.kind, links.articles) == ("sitemap", ["https://bao.vn/bai-4.html", "https://bao.vn/bai-5.html"])


def test_a_gzipped_sitemap_is_read():
    assert parse_hub(gzip.compress(NEWS.encode()), "https://bao.vn/2020.xml.gz").articles[0] == "https://bao.vn/bai-4.html"


def test_an_html_page_is_neither_feed_nor_sitemap():
    assert parse_hub(b"<html><body><p>Xin ch\xc3\xa0o</p></body></html>", "https://bao.vn/").kind == ""


def test_page_links_canonical_and_next():
    html = """<html><head><base href="/tin/"><link rel="canonical" href="https://bao.vn/tin/bai-1.html">
    <link rel="next" href="?trang=2"></head><body>
    <a href="bai-2.html#top">Hai</a> <a href="javascript:void(0)">x</a> <a href="mailto:a@b.vn">m</a>
    <a href="https://other.vn/x.html">x</a> <a href="bai-2.html">again</a> <a rel="nofollow next" href="/tin/?trang=2">Sau</a>
    </body></html>"""
    links = parse_page_links(html, "https://bao.vn/tin/trang-chu.html")
    assert links.canonical == "https://bao.vn/tin/bai-1.html"
    assert links.links == ["https://bao.vn/tin/bai-2.html", "https://other.vn/x.html", "https://bao.vn/tin/?trang=2"]
    assert links.next_pages == ["https://bao.vn/tin/?trang=2"]


def test_page_links_survive_an_xml_declaration_and_empty_pages():
    assert parse_page_links('<?xml version="1.0" encoding="utf-8"?><html><body><a href="/a">a</a></body></html>',
                            "https://bao.vn/").links == ["https://bao.vn/a"]
    assert parse_page_links("   ", "https://bao.vn/").links == []


SOURCE = Source(name="bao", domains=("bao.vn",), follow=(r"/[a-z0-9-]+-\d{3,}\.html$",), skip=(r"/video/",))


@pytest.mark.parametrize("url, article, pagination", [
    ("https://bao.vn/thoi-su/cau-moi-123.html", True, False),
    ("https://m.bao.vn/thoi-su/cau-moi-123.html", True, False),        # a subdomain belongs to the domain
    ("https://bao.vn.evil.com/thoi-su/cau-moi-123.html", False, False),
    ("https://bao.vn/video/clip-123.html", False, False),               # skip wins
    ("https://bao.vn/thoi-su/", False, False),
    ("https://bao.vn/thoi-su/?page=2", False, True),
    ("https://bao.vn/thoi-su/trang-3.html", False, True),
    ("ftp://bao.vn/thoi-su/cau-moi-123.html", False, False),
])
def test_scope_rules(url, article, pagination):
    assert is_article_link(url, SOURCE) is article
    assert is_pagination_link(url, SOURCE) is pagination


def test_a_source_without_domains_is_scoped_to_its_start_urls():
    source = Source(name="x", feeds=("https://Tin.Example.vn/rss",), listings=("http://127.0.0.1:8000/tin/",))
    assert source_domains(source) == ("127.0.0.1", "tin.example.vn")
    assert in_scope("http://127.0.0.1:9999/bai.html", source)


def test_robots_rules():
    rules = RobotsRules.from_response(200, "User-agent: khobao\nDisallow: /rieng/\n\nUser-agent: *\nDisallow: /\n")
    assert agent_token("khobao/0.1 (+https://example.invalid)") == "khobao"
    assert rules.allowed("https://bao.vn/tin.html", "khobao/0.1 (+x)")
    assert not rules.allowed("https://bao.vn/rieng/a.html", "khobao/0.1")
    assert not rules.allowed("https://bao.vn/tin.html", "otherbot/1.0")
    assert RobotsRules.from_response(404, None).allowed("https://bao.vn/a", "khobao")
    assert not RobotsRules.from_response(503, None).allowed("https://bao.vn/a", "khobao")
    named = RobotsRules.from_response(200, "User-agent: *\nAllow: /\nSitemap: https://bao.vn/sitemap.xml\n"
                                           "sitemap: https://cdn.bao.vn/tin-moi.xml\n")
    assert named.sitemaps == ("https://bao.vn/sitemap.xml", "https://cdn.bao.vn/tin-moi.xml")
    assert RobotsRules.from_response(404, None).sitemaps == ()


def test_warc_records_rotate_and_read_back(tmp_path):
    writer = WarcWriterRotating(tmp_path, max_bytes=1500)
    body = "<html><body>Xin chào Hà Nội</body></html>".encode() * 20
    places = [writer.append(response_record(f"https://bao.vn/bai-{i}.html", 200, "OK", "HTTP/1.1",
                                            [("Content-Type", "text/html; charset=utf-8")], body)) for i in range(4)]
    writer.close()
    assert len({name for name, _ in places}) > 1  # rotated
    for i, (name, offset) in enumerate(places):
        record = read_response(tmp_path, name, offset)
        assert (record.url, record.status, record.body) == (f"https://bao.vn/bai-{i}.html", 200, body)
        assert record.header("Content-Type") == "text/html; charset=utf-8"
    everything = [r.url for f in sorted(tmp_path.glob("*.warc.gz")) for r in iter_responses(f)]
    assert everything == [f"https://bao.vn/bai-{i}.html" for i in range(4)]
    with pytest.raises(ValueError):
        read_response(tmp_path, places[0][0], 0)  # the warcinfo record, not a response


def test_sitemap_lastmod_is_read_in_every_w3c_form():
    from datetime import datetime, timezone
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://bao.vn/a-1.html</loc><lastmod>2025-12-01</lastmod></url>
  <url><loc>https://bao.vn/a-2.html</loc><lastmod>2025-12-01T08:00:00+07:00</lastmod>
       <image:image><image:loc>https://bao.vn/anh.jpg</image:loc></image:image></url>
  <url><loc>https://bao.vn/a-3.html</loc><lastmod>2025-12-01T01:00:00Z</lastmod></url>
  <url><loc>https://bao.vn/a-4.html</loc><lastmod>hôm qua</lastmod></url>
</urlset>"""
    links = parse_hub(xml.encode(), "https://bao.vn/sitemap.xml")
    assert links.articles == [f"https://bao.vn/a-{i}.html" for i in range(1, 5)]   # the image is not an article
    utc = lambda *parts: datetime(*parts, tzinfo=timezone.utc).timestamp()
    assert links.updated == {"https://bao.vn/a-1.html": utc(2025, 12, 1), "https://bao.vn/a-2.html": utc(2025, 12, 1, 1),
                             "https://bao.vn/a-3.html": utc(2025, 12, 1, 1)}


BROKEN_LINKS_ARTICLE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Khánh thành cầu mới qua sông Hồng</title>
<meta property="article:published_time" content="2024-03-12T14:05:00+07:00">
<link rel="canonical" href="https://bao.vn:99999/thoi-su/cau-moi-123.html"></head>
<body><article><h1>Khánh thành cầu mới qua sông Hồng</h1>
<p>Sáng nay, cây cầu thứ bảy bắc qua sông Hồng chính thức thông xe sau ba năm thi công.</p>
<p>Cây cầu dài hơn hai cây số, nối hai quận ven sông và giảm tải cho các cây cầu cũ.</p>
<p>Người dân hai bên bờ cho biết thời gian đi làm mỗi ngày rút ngắn gần nửa giờ.</p>
<p><a href="https://bao.vn:99999/thoi-su/cau-hong-1.html">Cổng sai</a>
<a href="http://[::1/thoi-su/cau-hong-2.html">IPv6 hỏng</a>
<a href="https://bao.vn/thoi-su/cau-moi-456.html">Bài liên quan</a></p>
</article></body></html>"""


def test_a_link_that_does_not_normalise_is_dropped_not_the_page_it_is_on():
    from crawler.page_processing import PageJob, process_page

    out = process_page(PageJob(kind="article", url="https://bao.vn/thoi-su/cau-moi-123.html",
                               body=BROKEN_LINKS_ARTICLE.encode(), content_type="text/html; charset=utf-8",
                               source=SOURCE, archive=False))
    assert out.error is None and out.article is not None and out.article.canonical_url is None
    assert out.articles == ["https://bao.vn/thoi-su/cau-moi-456.html"]


def test_a_feed_link_that_does_not_normalise_is_dropped():
    from crawler.page_processing import PageJob, process_page

    feed = RSS.replace("/bai-2.html", "https://bao.vn:abc/bai-2.html")
    out = process_page(PageJob(kind="feed", url="https://bao.vn/rss", body=feed.encode(), content_type="text/xml",
                               source=Source(name="bao", domains=("bao.vn",)), archive=False))
    assert out.error is None and out.articles == ["https://bao.vn/bai-1.html?utm_source=rss"]
