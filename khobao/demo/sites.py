"""The three sample news sites, each in its own page style (templates/NAME-*.html), on the `Site` interface.

- nhipsong (Nhịp Sống Việt): a modern site. JSON-LD NewsArticle, OpenGraph and article:* meta,
  an RSS feed, a sitemap index with yearly sitemaps and a news sitemap, paginated sections.
- songhong (Tin Sông Hồng): plain meta tags only; the date is a Vietnamese dateline in the page
  ("Thứ hai, 12/3/2024, 14:05 (GMT+7)"); an Atom feed, one flat sitemap.
- biencuong (Báo Biên Cương): an older provincial site, table layout, ASP-style URLs with query
  strings, served in windows-1258 with tone marks as combining characters; an RSS feed, a sitemap.
"""

from __future__ import annotations

import json

from .cp1258 import encode_windows_1258
from .sample import SampleArticle, slugify
from .site import WEEKDAYS, Site, esc, render, xml_reply
from .siteserver import Reply

# -- Nhịp Sống Việt: modern, structured metadata ---------------------------------------------------


class ModernSite(Site):
    name = "nhipsong"
    corrections = 2
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
            return xml_reply("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
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
        return xml_reply("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + "".join(rows) + "</urlset>\n")

    def chrome(self, base: str, title: str, head: str, main: str) -> str:
        nav = "".join(f"<li><a href=\"{base}/{slug}/\">{esc(name)}</a></li>" for slug, name in self.sections.items())
        return render("nhipsong-page.html", title=esc(title), head=head, label=esc(self.plan.label), base=base,
                      feed=self.FEED, nav=nav, main=main) + "\n"

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
        main = render("nhipsong-article.html", base=base, section_slug=slugify(a.section), section=esc(a.section),
                      title=esc(a.title), author=esc(a.author), iso=when.isoformat(), when=f"{when:%d/%m/%Y %H:%M}",
                      lead=esc(a.lead), paragraphs=paragraphs, related=related)
        return self.chrome(base, f"{a.title} - {self.plan.label}", head, main)


# -- Tin Sông Hồng: meta tags only, Vietnamese dateline --------------------------------------------


def dateline(a: SampleArticle) -> str:
    """"Thứ hai, 12/3/2024, 14:05 (GMT+7)": day first, no leading zeros, as Vietnamese sites write it."""
    d = a.published
    return f"{WEEKDAYS[d.weekday()]}, {d.day}/{d.month}/{d.year}, {d:%H:%M} (GMT+7)"


class DatelineSite(Site):
    name = "songhong"
    corrections = 1
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
        return xml_reply(body, "application/atom+xml; charset=utf-8")

    def chrome(self, title: str, description: str, main: str) -> str:
        menu = "".join(f"<a href=\"/chuyen-muc/{slug}.htm\">{esc(name)}</a>" for slug, name in self.sections.items())
        return render("songhong-page.html", title=esc(title), description=esc(description),
                      label=esc(self.plan.label), menu=menu, main=main) + "\n"

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
        main = render("songhong-article.html", section_slug=slugify(a.section), section=esc(a.section),
                      dateline=dateline(a), title=esc(a.title), lead=esc(a.lead), paragraphs=paragraphs,
                      author=esc(a.author), related=related, path=self.article_path(a))
        return self.chrome(f"{a.title} | {self.plan.label}", a.lead, main)


# -- Báo Biên Cương: old tables, windows-1258 -----------------------------------------------------


class LegacySite(Site):
    name = "biencuong"
    corrections = 0   # its sitemap has no <lastmod>: a refresh would see a correction only when the revisit is due
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
        return render("biencuong-page.html", title=esc(title), label_upper=esc(self.plan.label.upper()), menu=menu,
                      main=main) + "\n"

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
        main = render("biencuong-article.html", cat=self.categories[slugify(a.section)], section=esc(a.section),
                      when=f"{a.published:%d/%m/%Y %H:%M}", title=esc(a.title), lead=esc(a.lead),
                      paragraphs=paragraphs, author=esc(a.author), related=related)
        return self.page_html(f"{a.title} - {self.plan.label}", main)


SITE_CLASSES = (ModernSite, DatelineSite, LegacySite)


def make_sites(seed: str | None = None) -> dict[str, Site]:
    return {cls.name: cls(seed) for cls in SITE_CLASSES}
