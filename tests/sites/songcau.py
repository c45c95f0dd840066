""""Tin Sông Cầu": an invented modern provincial news site (UTF-8, JSON-LD, RSS, sitemap index),
with the pathological pages a crawler meets in the wild wired into its listings.
"""

from __future__ import annotations

import gzip
import html
import json
import unicodedata
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from khobao.demo.siteserver import Reply, ServedSite
from sites.news import (
    SONGCAU,
    SONGCAU_CHANGING,
    SONGCAU_NFD,
    SONGCAU_PRIVATE,
    Story,
)

NAME = "Tin Sông Cầu"
# Pathological article URLs (they all look like articles to the source's follow pattern).
REDIRECTED = "/tin-cu/cau-moi-noi-hai-bo-song-hong-1001.html"          # 301 to the real article
LOOP_A, LOOP_B = "/thoi-su/vong-lap-a-1301.html", "/thoi-su/vong-lap-b-1302.html"
OFFSITE = "/thoi-su/quang-cao-1303.html"                               # 302 to another domain
GONE = "/thoi-su/bai-da-go-1404.html"                                  # 404
FLAKY = "/thoi-su/bai-loi-may-chu-1500.html"                           # 500, 500, then the article
BUSY = "/thoi-su/bai-qua-tai-1429.html"                                # 429 Retry-After: 1, then the article
SLOW = "/thoi-su/bai-cham-1408.html"                                   # answers after 2.5 s
HUGE = "/thoi-su/bai-qua-lon-1413.html"                                # 400 kB with Content-Length
HUGE_CHUNKED = "/thoi-su/bai-qua-lon-khong-do-dai-1414.html"           # 400 kB, no Content-Length
PDF = "/thoi-su/bao-cao-tong-ket-1415.html"                            # application/pdf
PRINT = "/thoi-su/cau-moi-noi-hai-bo-song-hong-1001.html?print=1"      # disallowed by robots.txt wildcard
HOME_COPY = "/thoi-su/cau-moi-noi-hai-bo-song-hong-1001.html?from=home"  # same article, canonical link back

ROBOTS = """User-agent: *
Disallow: /thoi-su/noi-bo/
Disallow: /*?print=
Crawl-delay: 0.01

User-agent: BadBot
Disallow: /

Sitemap: {base}/sitemap.xml
"""


def path_of(story: Story) -> str:
    if story is SONGCAU_PRIVATE:
        return f"/thoi-su/noi-bo/{story.slug}-{story.id}.html"
    return f"/{story.section}/{story.slug}-{story.id}.html"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class SongCau(ServedSite):
    def __init__(self, traps: bool = True) -> None:
        super().__init__()
        self.traps = traps               # False: listings link only to real articles (faster crawls)
        self.version = 1                 # 2: the changing articles change
        self.changed_at: datetime | None = None   # when version 2 began: the news sitemap's <lastmod>
        self.flaky_left = 2              # 500s before FLAKY recovers
        self.busy_left = 1               # 429s before BUSY recovers
        self.stories = {path_of(s): s for s in (*SONGCAU, SONGCAU_NFD, SONGCAU_CHANGING[0])}

    # -- pages ---------------------------------------------------------------------------------

    def current(self, story: Story) -> Story:
        if story.id == 1010:
            return SONGCAU_CHANGING[self.version - 1]
        if story.id == 1006 and self.version == 2:
            extra = "Đính chính: lô hàng nặng năm tấn rưỡi, không phải năm tấn như tin đã đưa."
            return Story(**{**story.__dict__, "paragraphs": story.paragraphs + (extra,)})
        return story

    def article(self, story: Story) -> str:
        canonical = self.base + path_of(story)
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
              "datePublished": story.published.isoformat(), "dateModified": story.published.isoformat(),
              "author": {"@type": "Person", "name": story.author}, "articleSection": story.section_name,
              "publisher": {"@type": "Organization", "name": NAME}, "mainEntityOfPage": canonical}
        related = [s for s in SONGCAU if s.id != story.id][:3]
        body = "\n".join(f"      <p>{_e(p)}</p>" for p in story.paragraphs)
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>{_e(story.title)} - {NAME}</title>
  <link rel="canonical" href="{canonical}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{_e(story.title)}">
  <meta property="og:site_name" content="{NAME}">
  <meta property="article:published_time" content="{story.published.isoformat()}">
  <meta property="article:section" content="{_e(story.section_name)}">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
  <header class="site-header"><a href="/">{NAME}</a>
    <nav><a href="/thoi-su/">Thời sự</a> <a href="/kinh-te/">Kinh tế</a> <a href="/van-hoa/">Văn hóa</a>
    <a href="/the-thao/">Thể thao</a> <a href="/tim-kiem/">Tìm kiếm</a></nav></header>
  <main>
    <ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/{story.section}/">{_e(story.section_name)}</a></li></ul>
    <article class="article-detail">
      <h1 class="article-title">{_e(story.title)}</h1>
      <div class="article-meta"><span class="date">{story.published.strftime('%d/%m/%Y %H:%M')}</span></div>
      <p class="sapo"><strong>{_e(story.sapo)}</strong></p>
      <div class="article-body">
{body}
      <figure><img src="/anh/{story.id}.jpg" alt=""><figcaption>Ảnh minh họa: {NAME}</figcaption></figure>
      </div>
      <p class="author">{_e(story.author)}</p>
    </article>
    <section class="related"><h2>Tin liên quan</h2><ul>
      {''.join(f'<li><a href="{path_of(s)}">{_e(s.title)}</a></li>' for s in related)}
    </ul></section>
    <section class="comments"><h2>Bình luận</h2><div class="comment">Bạn đọc Minh: Tin rất hay, cảm ơn tòa soạn.</div></section>
  </main>
  <footer>© {NAME}. Giấy phép số 00/GP-BTTTT (không có thật).</footer>
</body>
</html>
"""

    def listing(self, section: str, page: int) -> str:
        pages = {
            1: [SONGCAU[0], SONGCAU[4], SONGCAU_NFD],
            2: [SONGCAU_CHANGING[0], SONGCAU_PRIVATE],
            3: [SONGCAU[2]],
        }
        traps = {1: [REDIRECTED, GONE, FLAKY, PDF], 2: [LOOP_A, OFFSITE, BUSY, HOME_COPY, PRINT],
                 3: [SLOW, HUGE, HUGE_CHUNKED]} if self.traps else {1: [], 2: [], 3: []}
        items = "\n".join(
            f'<li class="story"><a href="{path_of(s)}">{_e(s.title)}</a><p>{_e(s.sapo)}</p></li>' for s in pages[page])
        items += "\n" + "\n".join(f'<li class="story"><a href="{p}">Tin {i + 1}</a></li>'
                                  for i, p in enumerate(traps[page]))
        next_link = f'<link rel="next" href="/{section}/?trang={page + 1}">' if page < 3 else ""
        pager = " ".join(f'<a href="/{section}/?trang={n}">{n}</a>' for n in (1, 2, 3))
        return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Thời sự - trang {page} - {NAME}</title>{next_link}</head>
<body><header><a href="/">{NAME}</a></header>
<main><h1>Thời sự</h1><ul class="story-list">
{items}
</ul><div class="pager">{pager}</div></main>
<footer>© {NAME}</footer></body></html>
"""

    def rss(self) -> str:
        items = []
        for story in SONGCAU[:4]:
            link = f"{self.base}{path_of(story)}?utm_source=rss&amp;utm_medium=feed"
            items.append(f"""  <item>
    <title>{_e(story.title)}</title>
    <link>{link}</link>
    <guid isPermaLink="false">songcau-{story.id}</guid>
    <description>{_e(story.sapo)}</description>
    <pubDate>{format_datetime(story.published)}</pubDate>
  </item>""")
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>{NAME} - Tin mới</title><link>{self.base}/</link><description>Tin mới nhất</description>
{chr(10).join(items)}
</channel></rss>
"""

    def sitemap_index(self) -> str:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{self.base}/sitemaps/news.xml</loc></sitemap>
  <sitemap><loc>{self.base}/sitemaps/2021.xml.gz</loc><lastmod>2021-12-31</lastmod></sitemap>
</sitemapindex>
"""

    def news_sitemap(self) -> str:
        entries = []
        for story in (*SONGCAU[4:], SONGCAU_NFD, SONGCAU_CHANGING[0]):
            changed = self.version == 2 and story.id in (1006, 1010) and self.changed_at is not None
            lastmod = (self.changed_at if changed else story.published).isoformat()
            entries.append(f"""  <url><loc>{self.base}{path_of(story)}</loc><lastmod>{lastmod}</lastmod>
    <news:news><news:publication><news:name>{NAME}</news:name><news:language>vi</news:language></news:publication>
      <news:publication_date>{story.published.isoformat()}</news:publication_date>
      <news:title>{_e(story.title)}</news:title></news:news></url>""")
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(entries)}
</urlset>
"""

    def year_sitemap(self) -> bytes:
        urls = "\n".join(f"  <url><loc>{self.base}{path_of(s)}</loc><lastmod>{s.published.date()}</lastmod></url>"
                         for s in SONGCAU[:2])
        text = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
"""
        return gzip.compress(text.encode("utf-8"), mtime=0)

    # -- routing -------------------------------------------------------------------------------

    def respond(self, path: str, headers: dict[str, str]) -> Reply:
        parts = urlsplit(path)
        route, query = parts.path, parse_qs(parts.query)
        if route == "/robots.txt":
            return Reply(body=ROBOTS.format(base=self.base).encode(), content_type="text/plain")
        if route == "/rss/tin-moi.rss":
            return Reply(body=self.rss().encode(), content_type="application/rss+xml; charset=utf-8")
        if route == "/sitemap.xml":
            return Reply(body=self.sitemap_index().encode(), content_type="application/xml")
        if route == "/sitemaps/news.xml":
            return Reply(body=self.news_sitemap().encode(), content_type="application/xml")
        if route == "/sitemaps/2021.xml.gz":
            return Reply(body=self.year_sitemap(), content_type="application/x-gzip")
        if route == "/thoi-su/":
            page = int(query.get("trang", ["1"])[0])
            if 1 <= page <= 3:
                return Reply(body=self.listing("thoi-su", page).encode(),
                             headers={"Last-Modified": "Mon, 01 Dec 2025 10:00:00 GMT"})
        if route == REDIRECTED:
            return Reply(301, b"", headers={"Location": path_of(SONGCAU[0])})
        if route == LOOP_A:
            return Reply(302, b"", headers={"Location": LOOP_B})
        if route == LOOP_B:
            return Reply(302, b"", headers={"Location": self.base + LOOP_A})
        if route == OFFSITE:
            return Reply(302, b"", headers={"Location": "http://quangcao.example.invalid/khuyen-mai"})
        if route == FLAKY:
            if self.flaky_left > 0:
                self.flaky_left -= 1
                return Reply(500, b"<h1>Loi may chu</h1>")
            return self.article_reply(SONGCAU[6])
        if route == BUSY:
            if self.busy_left > 0:
                self.busy_left -= 1
                return Reply(429, b"", headers={"Retry-After": "1"})
            return self.article_reply(SONGCAU[7])
        if route == SLOW:
            return Reply(body=self.article(SONGCAU[1]).encode(), delay=2.5)
        if route in (HUGE, HUGE_CHUNKED):
            padding = ("<p>" + "Nội dung rất dài. " * 40 + "</p>\n") * 400
            return Reply(body=f"<html><body>{padding}</body></html>".encode(), chunked=route == HUGE_CHUNKED)
        if route == PDF:
            return Reply(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
                         content_type="application/pdf")
        story = self.stories.get(route) or (SONGCAU_PRIVATE if route == path_of(SONGCAU_PRIVATE) else None)
        if story is not None:
            return self.article_reply(story)
        return Reply(404, "<html><body><h1>Không tìm thấy trang</h1></body></html>".encode())

    def article_reply(self, story: Story) -> Reply:
        story = self.current(story)
        text = self.article(story)
        if story is SONGCAU_NFD:
            text = unicodedata.normalize("NFD", text)
        if story.id == 1010:
            return Reply(body=text.encode(), headers={"ETag": f'"bai-1010-v{self.version}"'})
        day = 2 if (story.id == 1006 and self.version == 2) else 1
        return Reply(body=text.encode(), headers={"Last-Modified": f"Mon, 0{day} Dec 2025 08:00:00 GMT"})
