"""The one interface of the sample sites: `Site`, a news site rendered on request from the archive.

A site keeps its articles newest first, its sections and paging, and writes the parts every site
shares (RSS, sitemaps, article responses with ETag and Last-Modified); sites.py adds each site's
URLs and page style. Pages are filled from templates/*.html (string.Template: values are escaped
here, in Python, where it is clear which are text and which are markup).

`Site.page(target, base)` is a pure function from a request path (with query) and the site's
base URL to a `Reply`; `respond` is what the fixture server (siteserver.py) calls.
"""

from __future__ import annotations

import hashlib
import html
from datetime import datetime, timezone
from email.utils import format_datetime
from functools import lru_cache
from importlib import resources
from string import Template
from urllib.parse import parse_qs, urlsplit

from .cp1258 import encode_windows_1258
from .sample import SampleArticle, corrected, plan, sample_archive, slugify
from .siteserver import Reply, ServedSite

PER_PAGE = 10
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")  # as datelines write them


@lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """templates/`name` filled with `values` (already escaped where they are text), without its final newline.

    A missing value is a KeyError, not a silent hole in the page."""
    return _template(name).substitute(values).removesuffix("\n")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def xml_reply(body: str, content_type: str = "application/xml; charset=utf-8") -> Reply:
    return Reply(200, body.encode("utf-8"), content_type)


def not_found(message: str = "Không tìm thấy trang") -> Reply:
    page = f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>404</title></head><body>" \
           f"<h1>404</h1><p>{esc(message)}</p></body></html>"
    return Reply(404, page.encode("utf-8"))


class Site(ServedSite):
    """One invented news site: its articles, its URLs and its page style."""

    name = ""

    keep_log = False  # the demo serves for as long as the user browses: no request log
    corrections = 0   # how many of its newest articles the site corrects in its second edition

    def __init__(self, seed: str | None = None):
        super().__init__()
        self.plan = plan(self.name)
        self.articles: tuple[SampleArticle, ...] = (sample_archive(seed) if seed else sample_archive())[self.name]
        self.newest_first = tuple(sorted(self.articles, key=lambda a: a.published, reverse=True))
        self.sections: dict[str, str] = {}  # slug -> section name, in order of first appearance
        for article in self.newest_first:
            self.sections.setdefault(slugify(article.section), article.section)
        self.by_number = {a.number: a for a in self.articles}
        self.changed_at: dict[int, datetime] = {}   # article number -> when the site corrected it

    def publish_corrections(self) -> list[SampleArticle]:
        """The site's second edition: its `corrections` newest articles corrected now, their sitemap
        <lastmod> and Last-Modified saying so, as a news site does after publishing. A refresh crawl
        then stores each as a new version. Idempotent; returns the corrected articles."""
        if self.changed_at:
            return [self.by_number[n] for n in self.changed_at]
        now = datetime.now(timezone.utc).replace(microsecond=0)
        fixed = {a.number: corrected(a) for a in self.newest_first[:self.corrections]}
        self.articles = tuple(fixed.get(a.number, a) for a in self.articles)
        self.newest_first = tuple(fixed.get(a.number, a) for a in self.newest_first)
        self.by_number = {a.number: a for a in self.articles}
        self.changed_at = dict.fromkeys(fixed, now)
        return list(fixed.values())

    def last_changed(self, article: SampleArticle) -> datetime:
        return self.changed_at.get(article.number, article.published)

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
        return response or not_found()

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
        headers = {"ETag": etag,
                   "Last-Modified": format_datetime(self.last_changed(article).astimezone(timezone.utc), usegmt=True)}
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
        return xml_reply(body, "application/rss+xml; charset=utf-8")

    def urlset(self, base: str, articles, *, lastmod: bool = True) -> Reply:
        rows = []
        for a in articles:
            mod = f"<lastmod>{self.last_changed(a).isoformat()}</lastmod>" if lastmod else ""
            rows.append(f"<url><loc>{esc(self.url(base, a))}</loc>{mod}</url>")
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "".join(rows) + "</urlset>\n")
        return xml_reply(body)
