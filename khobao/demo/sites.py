"""The three sample news sites, each in its own page style, rendered on request from the archive.

- nhipsong (Nhịp Sống Việt): a modern site. JSON-LD NewsArticle, OpenGraph and article:* meta,
  an RSS feed, a sitemap index with yearly sitemaps and a news sitemap, paginated sections.
- songhong (Tin Sông Hồng): plain meta tags only; the date is a Vietnamese dateline in the page
  ("Thứ hai, 12/3/2024, 14:05 (GMT+7)"); an Atom feed, one flat sitemap.
- biencuong (Báo Biên Cương): an older provincial site, table layout, ASP-style URLs with query
  strings, served in windows-1258 with tone marks as combining characters; an RSS feed, a sitemap.

`Site.page(target, base)` is a pure function from a request path (with query) and the site's
base URL to a `Reply`; `respond` is what the fixture server (siteserver.py) calls.
"""

from __future__ import annotations

import hashlib
import html
import json
from datetime import timezone
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from .archive import SampleArticle, plan, sample_archive, slugify
from .cp1258 import encode_windows_1258
from .siteserver import Reply, ServedSite

PER_PAGE = 10
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _xml(body: str, content_type: str = "application/xml; charset=utf-8") -> Reply:
    return Reply(200, body.encode("utf-8"), content_type)


def _not_found(message: str = "Không tìm thấy trang") -> Reply:
    page = f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>404</title></head><body>" \
           f"<h1>404</h1><p>{esc(message)}</p></body></html>"
    return Reply(404, page.encode("utf-8"))


class Site(ServedSite):
    """One invented news site: its articles, its URLs and its page style."""

    name = ""

    keep_log = False  # the demo serves for as long as the user browses: no request log

    def __init__(self, seed: str | None = None):
        super().__init__()
        self.plan = plan(self.name)
        self.articles: tuple[SampleArticle, ...] = (sample_archive(seed) if seed else sample_archive())[self.name]
        self.newest_first = tuple(sorted(self.articles, key=lambda a: a.published, reverse=True))
        self.sections: dict[str, str] = {}  # slug -> section name, in order of first appearance
        for article in self.newest_first:
            self.sections.setdefault(slugify(article.section), article.section)
        self.by_number = {a.number: a for a in self.articles}

    # Each site defines these.
    def article_path(self, article: SampleArticle) -> str:
        raise NotImplementedError

    def route(self, path: str, query: dict[str, list[str]], base: str) -> Reply | None:
        raise NotImplementedError

    # Shared.
    def respond(self, path: str, headers: dict[str, str]) -> Reply:
        """What the fixture server sends for GET `path`: the page as served at `self.base`."""
        return self.page(path, self.base)

    def page(self, target: str, base: str) -> Reply:
        """The reply to GET `target` (path and query) on this site served at `base`: a pure function."""
        parts = urlsplit(target)
        response = self.route(parts.path or "/", parse_qs(parts.query), base.rstrip("/"))
        return response or _not_found()

    def url(self, base: str, article: SampleArticle) -> str:
        return base + self.article_path(article)

    def in_section(self, slug: str) -> list[SampleArticle]:
        return [a for a in self.newest_first if slugify(a.section) == slug]

    def related(self, article: SampleArticle, n: int = 3) -> list[SampleArticle]:
        same = [a for a in self.in_section(slugify(article.section)) if a is not article]
        start = (article.number % max(len(same), 1))
        return (same[start:] + same[:start])[:n]

    @staticmethod
    def page_of(items: list, page: int) -> tuple[list, int]:
        pages = max(1, -(-len(items) // PER_PAGE))
        return items[(page - 1) * PER_PAGE: page * PER_PAGE], pages

    def article_response(self, article: SampleArticle, page: str, *, encoding: str = "utf-8") -> Reply:
        body = encode_windows_1258(page) if encoding == "windows-1258" else page.encode("utf-8")
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": format_datetime(article.published.astimezone(timezone.utc), usegmt=True)}
        return Reply(200, body, f"text/html; charset={encoding}", headers)

    def rss(self, base: str, feed_path: str, limit: int) -> Reply:
        items = []
        for a in self.newest_first[:limit]:
            items.append(
                f"<item><title>{esc(a.title)}</title><link>{esc(self.url(base, a))}</link>"
                f"<guid isPermaLink=\"true\">{esc(self.url(base, a))}</guid>"
                f"<description>{esc(a.lead)}</description><category>{esc(a.section)}</category>"
                f"<pubDate>{format_datetime(a.published)}</pubDate></item>")
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                f"xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>{esc(self.plan.label)}</title>"
                f"<link>{esc(base)}/</link><description>{esc(self.plan.label)}: tin mới nhất</description>"
                f"<language>vi</language><atom:link href=\"{esc(base + feed_path)}\" rel=\"self\" "
                f"type=\"application/rss+xml\"/>{''.join(items)}</channel></rss>\n")
        return _xml(body, "application/rss+xml; charset=utf-8")

    def urlset(self, base: str, articles, *, lastmod: bool = True) -> Reply:
        rows = []
        for a in articles:
            mod = f"<lastmod>{a.published.isoformat()}</lastmod>" if lastmod else ""
            rows.append(f"<url><loc>{esc(self.url(base, a))}</loc>{mod}</url>")
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "".join(rows) + "</urlset>\n")
        return _xml(body)


# -- Nhịp Sống Việt: modern, structured metadata ---------------------------------------------------


class ModernSite(Site):
    name = "nhipsong"
    FEED = "/rss/tin-moi-nhat.rss"

    def article_path(self, a: SampleArticle) -> str:
        return f"/{slugify(a.section)}/{a.slug}-{a.number}.html"

    def route(self, path, query, base):
        if path == "/robots.txt":
            return Reply(200, f"User-agent: *\nDisallow: /tim-kiem\nDisallow: /api/\n\nSitemap: {base}/sitemap.xml\n"
                            .encode(), "text/plain; charset=utf-8")
        if path == self.FEED:
            return self.rss(base, self.FEED, 20)
        if path == "/sitemap.xml":
            years = sorted({a.published.year for a in self.articles})
            rows = [f"<sitemap><loc>{base}/sitemaps/articles-{y}.xml</loc></sitemap>" for y in years]
            rows.append(f"<sitemap><loc>{base}/sitemaps/news.xml</loc></sitemap>")
            return _xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
                        "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" + "".join(rows) + "</sitemapindex>\n")
        if path.startswith("/sitemaps/articles-") and path.endswith(".xml"):
            year = path[len("/sitemaps/articles-"):-4]
            articles = [a for a in self.articles if str(a.published.year) == year]
            return self.urlset(base, articles) if articles else None
        if path == "/sitemaps/news.xml":
            return self.news_sitemap(base)
        if path == "/" or path == "/index.html":
            return self.listing(base, None, 1)
        if path == "/tim-kiem":
            return Reply(200, b"<!DOCTYPE html><html lang=\"vi\"><body><p>T\xc3\xacm ki\xe1\xba\xbfm</p></body></html>")
        segments = [s for s in path.split("/") if s]
        if segments and segments[0] in self.sections:
            if len(segments) == 1:
                return self.listing(base, segments[0], 1)
            if len(segments) == 2 and segments[1].startswith("trang-") and segments[1][6:].isdigit():
                return self.listing(base, segments[0], int(segments[1][6:]))
            if len(segments) == 2 and segments[1].endswith(".html"):
                number = segments[1][:-5].rsplit("-", 1)[-1]
                article = self.by_number.get(int(number)) if number.isdigit() else None
                if article and self.article_path(article) == path:
                    return self.article_response(article, self.article_page(base, article))
        return None

    def news_sitemap(self, base: str) -> Reply:
        rows = []
        for a in self.newest_first[:10]:
            rows.append(
                f"<url><loc>{esc(self.url(base, a))}</loc><news:news><news:publication><news:name>"
                f"{esc(self.plan.label)}</news:name><news:language>vi</news:language></news:publication>"
                f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
                f"<news:title>{esc(a.title)}</news:title></news:news></url>")
        return _xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + "".join(rows) + "</urlset>\n")

    def chrome(self, base: str, title: str, head: str, main: str) -> str:
        nav = "".join(f"<li><a href=\"{base}/{slug}/\">{esc(name)}</a></li>" for slug, name in self.sections.items())
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{head}
<link rel="alternate" type="application/rss+xml" title="{esc(self.plan.label)}" href="{base}{self.FEED}">
</head>
<body>
<header class="site-header"><a class="logo" href="{base}/">{esc(self.plan.label)}</a>
<form class="search" action="{base}/tim-kiem" method="get"><input type="search" name="q" placeholder="Tìm kiếm"></form>
<nav class="main-nav"><ul>{nav}</ul></nav></header>
<main class="container">
{main}
</main>
<footer class="site-footer"><p>© {esc(self.plan.label)}. Tòa soạn: số 8 phố Tràng Thi, Hà Nội. Trang tin mẫu do khobao tạo ra, nội dung hư cấu.</p></footer>
</body>
</html>
"""

    def listing(self, base: str, slug: str | None, page: int) -> Reply | None:
        items = self.in_section(slug) if slug else list(self.newest_first)
        shown, pages = self.page_of(items, page)
        if not shown:
            return None
        here = f"{base}/{slug}/" if slug else f"{base}/"
        cards = "".join(
            f"<article class=\"item-news\"><h3 class=\"title-news\"><a href=\"{self.url(base, a)}\">{esc(a.title)}</a></h3>"
            f"<p class=\"description\">{esc(a.lead)}</p></article>" for a in shown)
        links, head = [], [f"<link rel=\"canonical\" href=\"{here if page == 1 else f'{base}/{slug}/trang-{page}'}\">"]
        if slug and page > 1:
            prev = here if page == 2 else f"{base}/{slug}/trang-{page - 1}"
            links.append(f"<a class=\"prev\" rel=\"prev\" href=\"{prev}\">Trang trước</a>")
        if slug and page < pages:
            links.append(f"<a class=\"next\" rel=\"next\" href=\"{base}/{slug}/trang-{page + 1}\">Trang sau</a>")
            head.append(f"<link rel=\"next\" href=\"{base}/{slug}/trang-{page + 1}\">")
        heading = esc(self.sections[slug]) if slug else "Tin mới nhất"
        main = (f"<h1 class=\"section-title\">{heading}</h1><div class=\"list-news\">{cards}</div>"
                f"<nav class=\"pagination\">{''.join(links)}</nav>")
        return Reply(200, self.chrome(base, f"{heading} - {self.plan.label}", "\n".join(head), main).encode())

    def article_page(self, base: str, a: SampleArticle) -> str:
        url = self.url(base, a)
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
            "description": a.lead, "datePublished": a.published.isoformat(), "dateModified": a.published.isoformat(),
            "author": {"@type": "Person", "name": a.author}, "articleSection": a.section, "inLanguage": "vi",
            "mainEntityOfPage": url, "publisher": {"@type": "Organization", "name": self.plan.label},
        }
        head = "\n".join((
            f"<link rel=\"canonical\" href=\"{url}\">",
            f"<meta name=\"description\" content=\"{esc(a.lead)}\">",
            "<meta property=\"og:type\" content=\"article\">",
            f"<meta property=\"og:title\" content=\"{esc(a.title)}\">",
            f"<meta property=\"og:description\" content=\"{esc(a.lead)}\">",
            f"<meta property=\"og:url\" content=\"{url}\">",
            f"<meta property=\"og:site_name\" content=\"{esc(self.plan.label)}\">",
            f"<meta property=\"article:published_time\" content=\"{a.published.isoformat()}\">",
            f"<meta property=\"article:section\" content=\"{esc(a.section)}\">",
            f"<meta property=\"article:author\" content=\"{esc(a.author)}\">",
            "<script type=\"application/ld+json\">" + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/") + "</script>",
        ))
        paragraphs = "\n".join(f"<p class=\"Normal\">{esc(p)}</p>" for p in a.paragraphs)
        related = "".join(f"<li><a href=\"{self.url(base, r)}\">{esc(r.title)}</a></li>" for r in self.related(a))
        when = a.published
        main = f"""<div class="breadcrumb"><a href="{base}/">Trang chủ</a> › <a href="{base}/{slugify(a.section)}/">{esc(a.section)}</a></div>
<article class="fck_detail">
<h1 class="title-detail">{esc(a.title)}</h1>
<div class="meta"><span class="author">{esc(a.author)}</span> · <time datetime="{when.isoformat()}">{when:%d/%m/%Y %H:%M}</time></div>
<p class="description">{esc(a.lead)}</p>
<figure class="illustration"><img src="{base}/static/anh-minh-hoa.jpg" alt=""><figcaption>Ảnh minh họa.</figcaption></figure>
{paragraphs}
</article>
<p class="author-name"><strong>{esc(a.author)}</strong></p>
<aside class="related"><h2>Tin liên quan</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Ý kiến bạn đọc</h2><p>Chưa có ý kiến nào. Hãy là người đầu tiên bình luận.</p></section>"""
        return self.chrome(base, f"{a.title} - {self.plan.label}", head, main)


# -- Tin Sông Hồng: meta tags only, Vietnamese dateline --------------------------------------------


def dateline(a: SampleArticle) -> str:
    """"Thứ hai, 12/3/2024, 14:05 (GMT+7)": day first, no leading zeros, as Vietnamese sites write it."""
    d = a.published
    return f"{WEEKDAYS[d.weekday()]}, {d.day}/{d.month}/{d.year}, {d:%H:%M} (GMT+7)"


class DatelineSite(Site):
    name = "songhong"
    FEED = "/feed.atom"

    def article_path(self, a: SampleArticle) -> str:
        return f"/{slugify(a.section)}/{a.slug}-{a.number}.htm"

    def route(self, path, query, base):
        if path == "/robots.txt":
            return Reply(200, f"User-agent: *\nDisallow: /admin/\nDisallow: /*?print=\n\nSitemap: {base}/sitemap.xml\n"
                            .encode(), "text/plain; charset=utf-8")
        if path == self.FEED:
            return self.atom(base)
        if path == "/sitemap.xml":
            return self.urlset(base, self.newest_first)
        if path == "/":
            return self.listing(base, None, 1)
        if path.startswith("/chuyen-muc/") and path.endswith(".htm"):
            rest = path[len("/chuyen-muc/"):-4]
            slug, _, page = rest.partition("/trang-")
            if slug in self.sections and (not page or page.isdigit()):
                return self.listing(base, slug, int(page or 1))
            return None
        segments = [s for s in path.split("/") if s]
        if len(segments) == 2 and segments[0] in self.sections and segments[1].endswith(".htm"):
            number = segments[1][:-4].rsplit("-", 1)[-1]
            article = self.by_number.get(int(number)) if number.isdigit() else None
            if article and self.article_path(article) == path:
                return self.article_response(article, self.article_page(article))
        return None

    def atom(self, base: str) -> Reply:
        entries = "".join(
            f"<entry><title>{esc(a.title)}</title><link rel=\"alternate\" href=\"{esc(self.url(base, a))}\"/>"
            f"<id>{esc(self.url(base, a))}</id><published>{a.published.isoformat()}</published>"
            f"<updated>{a.published.isoformat()}</updated><author><name>{esc(a.author)}</name></author>"
            f"<summary>{esc(a.lead)}</summary></entry>" for a in self.newest_first[:20])
        updated = self.newest_first[0].published.isoformat()
        body = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"
                f"<title>{esc(self.plan.label)}</title><id>{base}/</id><updated>{updated}</updated>"
                f"<link rel=\"self\" href=\"{base}{self.FEED}\"/><link rel=\"alternate\" href=\"{base}/\"/>{entries}</feed>\n")
        return _xml(body, "application/atom+xml; charset=utf-8")

    def chrome(self, title: str, description: str, main: str) -> str:
        menu = "".join(f"<a href=\"/chuyen-muc/{slug}.htm\">{esc(name)}</a>" for slug, name in self.sections.items())
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="keywords" content="tin tức, thời sự, Hà Nội, đồng bằng sông Hồng">
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div id="header"><div class="logo"><a href="/">{esc(self.plan.label)}</a></div><div class="menu">{menu}</div></div>
<div id="wrapper">
{main}
</div>
<div id="footer">Bản quyền thuộc {esc(self.plan.label)}. Trang tin mẫu do khobao tạo ra, nội dung hư cấu. <a href="/admin/">Quản trị</a></div>
</body>
</html>
"""

    def listing(self, base: str, slug: str | None, page: int) -> Reply | None:
        items = self.in_section(slug) if slug else list(self.newest_first)
        shown, pages = self.page_of(items, page)
        if not shown:
            return None
        rows = "".join(
            f"<div class=\"story\"><h2><a href=\"{self.article_path(a)}\">{esc(a.title)}</a></h2>"
            f"<span class=\"time\">{a.published:%d/%m/%Y}</span><p class=\"sapo\">{esc(a.lead)}</p></div>" for a in shown)
        paging = ""
        if slug:
            numbers = "".join(
                f"<span class=\"current\">{n}</span>" if n == page else
                f"<a href=\"/chuyen-muc/{slug}{'' if n == 1 else f'/trang-{n}'}.htm\">{n}</a>"
                for n in range(1, pages + 1))
            paging = f"<div class=\"paging\">{numbers}</div>"
        heading = esc(self.sections[slug]) if slug else "Tin mới"
        main = f"<div class=\"cate\"><h1>{heading}</h1>{rows}{paging}</div>"
        return Reply(200, self.chrome(f"{heading} | {self.plan.label}", heading, main).encode())

    def article_page(self, a: SampleArticle) -> str:
        paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        related = "".join(f"<li><a href=\"{self.article_path(r)}\">{esc(r.title)}</a></li>" for r in self.related(a))
        main = f"""<div class="detail">
<div class="cate-link"><a href="/chuyen-muc/{slugify(a.section)}.htm">{esc(a.section)}</a></div>
<span class="date">{dateline(a)}</span>
<h1 class="title">{esc(a.title)}</h1>
<h2 class="sapo">{esc(a.lead)}</h2>
<div class="content">
{paragraphs}
</div>
<p class="tacgia" style="text-align:right"><strong>{esc(a.author)}</strong></p>
<div class="tinlienquan"><h3>Tin cùng chuyên mục</h3><ul>{related}</ul></div>
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> | <a href="{self.article_path(a)}?print=1">In bài</a></div>
</div>"""
        return self.chrome(f"{a.title} | {self.plan.label}", a.lead, main)


# -- Báo Biên Cương: old tables, windows-1258 -----------------------------------------------------


class LegacySite(Site):
    name = "biencuong"
    FEED = "/rss.xml"

    def __init__(self, seed: str | None = None):
        super().__init__(seed)
        self.categories = {slug: i + 1 for i, slug in enumerate(self.sections)}

    def article_path(self, a: SampleArticle) -> str:
        return f"/tin-tuc/chi-tiet.asp?id={a.number}"

    def route(self, path, query, base):
        if path == "/robots.txt":
            return Reply(200, b"User-agent: *\nDisallow: /quantri/\nDisallow: /tim-kiem.asp\n", "text/plain")
        if path == self.FEED:
            return self.rss(base, self.FEED, 15)
        if path == "/sitemap.xml":
            return self.urlset(base, self.articles, lastmod=False)
        if path in ("/", "/default.asp"):
            cat = query.get("cat", [""])[0]
            page = query.get("page", ["1"])[0]
            if not page.isdigit():
                return None
            slug = next((s for s, c in self.categories.items() if str(c) == cat), None)
            if cat and slug is None:
                return None
            return self.listing(slug, int(page))
        if path == "/tin-tuc/chi-tiet.asp":
            number = query.get("id", [""])[0]
            article = self.by_number.get(int(number)) if number.isdigit() else None
            if article:
                return self.article_response(article, self.article_page(article), encoding="windows-1258")
        return None

    def chrome(self, title: str, main: str) -> Reply:
        return Reply(200, encode_windows_1258(self.page_html(title, main)), "text/html; charset=windows-1258")

    def page_html(self, title: str, main: str) -> str:
        menu = " | ".join(f"<a href=\"/default.asp?cat={c}\">{esc(self.sections[s])}</a>"
                          for s, c in self.categories.items())
        page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>{esc(title)}</title>
<link href="/style.css" rel="stylesheet" type="text/css">
</head>
<body bgcolor="#ffffff" leftmargin="0" topmargin="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="2" bgcolor="#003366" height="90"><font color="#ffffff" size="5"><b>{esc(self.plan.label.upper())}</b></font><br>
<font color="#ffcc00" size="2">Cơ quan của Đảng bộ, chính quyền và nhân dân tỉnh Lạng Sơn (trang mẫu, nội dung hư cấu)</font></td></tr>
<tr><td colspan="2" bgcolor="#e6e6e6" class="menu"><a href="/default.asp">Trang chủ</a> | {menu}</td></tr>
<tr>
<td width="200" valign="top" class="left"><table width="100%"><tr><td class="boxtitle">Liên kết</td></tr>
<tr><td><a href="/quantri/">Quản trị</a><br><a href="/tim-kiem.asp">Tìm kiếm</a></td></tr></table></td>
<td width="780" valign="top">
{main}
</td>
</tr>
<tr><td colspan="2" bgcolor="#003366" align="center"><font color="#ffffff" size="1">Giấy phép số 00/GP-BTTTT (hư cấu). Ghi rõ nguồn khi phát hành lại thông tin từ website này.</font></td></tr>
</table>
</body>
</html>
"""
        return page

    def listing(self, slug: str | None, page: int) -> Reply | None:
        items = self.in_section(slug) if slug else list(self.newest_first)
        shown, pages = self.page_of(items, page)
        if not shown:
            return None
        rows = "".join(
            f"<tr><td class=\"tieude_list\"><a href=\"tin-tuc/chi-tiet.asp?id={a.number}\">{esc(a.title)}</a>"
            f" <font size=\"1\" color=\"#999999\">({a.published:%d/%m/%Y})</font><br>{esc(a.lead)}</td></tr>"
            for a in shown)
        paging = ""
        if slug:
            cat = self.categories[slug]
            numbers = " ".join(f"<b>[{n}]</b>" if n == page else f"<a href=\"default.asp?cat={cat}&amp;page={n}\">{n}</a>"
                               for n in range(1, pages + 1))
            more = f" <a href=\"default.asp?cat={cat}&amp;page={page + 1}\">Tiếp &raquo;</a>" if page < pages else ""
            paging = f"<tr><td class=\"paging\">Trang: {numbers}{more}</td></tr>"
        heading = self.sections[slug] if slug else "Tin mới cập nhật"
        main = f"<table width=\"100%\" cellpadding=\"4\"><tr><td class=\"cattitle\">{esc(heading)}</td></tr>{rows}{paging}</table>"
        return self.chrome(f"{heading} - {self.plan.label}", main)

    def article_page(self, a: SampleArticle) -> str:
        paragraphs = "\n".join(f"<p align=\"justify\">{esc(p)}</p>" for p in a.paragraphs)
        related = "<br>".join(f"&#8226; <a href=\"chi-tiet.asp?id={r.number}\">{esc(r.title)}</a>" for r in self.related(a))
        main = f"""<table width="100%" cellpadding="6" cellspacing="0">
<tr><td class="cattitle"><a href="../default.asp?cat={self.categories[slugify(a.section)]}">{esc(a.section)}</a></td></tr>
<tr><td class="ngaydang"><font size="1" color="#666666">Cập nhật: {a.published:%d/%m/%Y %H:%M}</font></td></tr>
<tr><td class="tieude"><font size="4" color="#003366"><b>{esc(a.title)}</b></font></td></tr>
<tr><td class="noidung">
<p align="justify"><b>{esc(a.lead)}</b></p>
{paragraphs}
</td></tr>
<tr><td class="tacgia" align="right"><b>{esc(a.author)}</b></td></tr>
<tr><td class="tinkhac"><b>Các tin khác:</b><br>{related}</td></tr>
</table>"""
        return self.page_html(f"{a.title} - {self.plan.label}", main)


SITE_CLASSES = (ModernSite, DatelineSite, LegacySite)


def make_sites(seed: str | None = None) -> dict[str, Site]:
    return {cls.name: cls(seed) for cls in SITE_CLASSES}
