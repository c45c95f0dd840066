"""Cleaning: (html, url, source rules) → an `Article`, or `Rejected` with a short, stable reason.

A pure function: it never fetches. The page is parsed once with lxml. Structured metadata comes first
(JSON-LD, OpenGraph and article:* meta, `<time datetime>`), then the source's CSS selectors, then
trafilatura for the running text, with the lead paragraph (sapo) put back when it was dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .article import Article
from .datefind import find_published
from .dates import DEFAULT_TZ
from .maintext import find_lead, selector_body, trafilatura_body, with_lead
from .metadata import PageMeta, read_metadata
from .selectors import BadSelector, select_text
from .settings import Selectors, Source

MIN_BODY_CHARS = 150            # shorter than a two-sentence news brief: not an article
MAX_GARBLED_RATIO = 0.01        # U+FFFD per character above which the charset was surely wrong
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»]\s+")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)

REJECT_LISTING = "not an article: listing page"
REJECT_NOT_HTML = "not an article: no html"
REJECT_NO_BODY = "no body"
REJECT_SHORT = "body too short"
REJECT_NO_TITLE = "no title"
REJECT_GARBLED = "garbled text: wrong charset"
REJECT_BAD_SELECTOR = "bad selector in source config"


@dataclass(frozen=True)
class Rejected:
    """A page the cleaner would not turn into an article, and why (short and stable, for counting)."""

    url: str
    reason: str


def parse_html(html: str):
    """An lxml document for `html`, or None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    html = html.lstrip("\ufeff")
    if html.startswith("<?xml"):
        html = re.sub(r"^<\?xml[^>]*>", "", html)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    return tree


def extract(html: str, url: str, source: Source | None = None) -> Article | Rejected:
    """Clean one page. Never raises on bad HTML: the worst case is a `Rejected`."""
    tree = parse_html(html)
    if tree is None or tree.find(".//body") is None:
        return Rejected(url, REJECT_NOT_HTML)
    selectors = source.selectors if source else Selectors()
    tz = source.timezone if source else DEFAULT_TZ
    meta = read_metadata(tree, url)
    try:
        return _extract(tree, url, source, selectors, tz, meta)
    except BadSelector:
        return Rejected(url, REJECT_BAD_SELECTOR)


def _extract(tree, url: str, source: Source | None, selectors: Selectors, tz: str, meta: PageMeta):
    if meta.says_listing or (not meta.says_article and _is_front_page(url)):
        return Rejected(url, REJECT_LISTING)
    title = choose_title(tree, meta, selectors)
    author = ", ".join(meta.authors) or select_text(tree, selectors.author) or _byline(tree)
    section = meta.section or select_text(tree, selectors.section) or _breadcrumb(tree)
    lead = find_lead(tree)
    page_text = _text_after_headline(tree)
    published = find_published(tree, url, meta, tz, date_selector=selectors.date, page_text=page_text)

    lines = selector_body(tree, selectors.body) if selectors.body else []
    if not lines:
        lines = trafilatura_body(tree, url)
    if sum(map(len, lines)) < MIN_BODY_CHARS and len(meta.article_body) >= MIN_BODY_CHARS:
        lines = [line.strip() for line in meta.article_body.splitlines() if line.strip()]
    if not lines:
        return Rejected(url, REJECT_NO_BODY)
    if not meta.says_article and _mostly_links(tree, lines):
        return Rejected(url, REJECT_LISTING)
    lines = with_lead(lines, lead)
    body = "\n".join(lines)
    if len(body) < MIN_BODY_CHARS:
        return Rejected(url, REJECT_SHORT)
    if body.count("\ufffd") > MAX_GARBLED_RATIO * len(body):
        return Rejected(url, REJECT_GARBLED)
    if not title:
        return Rejected(url, REJECT_NO_TITLE)
    return Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=title,
        body=body,
        author=author or None,
        section=section or None,
        published=published,
        source=source.name if source else "",
        language=_language(meta.language, body),
    )


def choose_title(tree, meta: PageMeta, selectors: Selectors) -> str:
    """JSON-LD headline or og:title, then the selector, <h1>, <title>; site-name suffixes removed."""
    h1 = ""
    for element in tree.iter("h1"):
        h1 = " ".join(element.text_content().split())
        if h1:
            break
    title = meta.title or select_text(tree, selectors.title) or h1 or meta.html_title
    if h1 and h1 != title and title.startswith(h1) and TITLE_SEPARATORS.match(title[len(h1):] or "x"):
        return h1
    return _strip_site_name(title, meta.site_name)


def _strip_site_name(title: str, site_name: str) -> str:
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    tail = parts[-1].lower()
    if (site_name and tail in site_name.lower()) or re.search(r"\.(vn|com|net|org)\b|^báo |^vn", tail):
        return title[: title.lower().rfind(tail)].rstrip(" -|–—:»")
    return title


def _text_after_headline(tree) -> str:
    """Text of the page from the headline on, where the article's own dateline is."""
    body = tree.find(".//body")
    headline = next(iter(body.iter("h1")), None) if body is not None else None
    start = headline.getparent() if headline is not None and headline.getparent() is not None else body
    if start is None:
        return ""
    text = " ".join(start.text_content().split())
    return text[:20000]


def _byline(tree) -> str:
    for element in tree.xpath("//*[contains(@class,'author') or contains(@class,'byline') or @rel='author']"):
        text = " ".join(element.text_content().split())
        if 2 <= len(text) <= 60:
            return re.sub(r"^(?:by|bởi|tác giả)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return ""


def _breadcrumb(tree) -> str:
    for crumbs in tree.xpath("//*[contains(@class,'breadcrumb') or contains(@class,'bread-crumb')]"):
        names = [" ".join(a.text_content().split()) for a in crumbs.iter("a")]
        names = [n for n in names if n and n.lower() not in ("trang chủ", "home")]
        if names:
            return names[0]
    return ""


def _is_front_page(url: str) -> bool:
    path = urlsplit(url).path
    return path in ("", "/") or bool(re.fullmatch(r"/(?:index|default|home|trang-chu)\.\w+", path))


def _mostly_links(tree, lines: list[str]) -> bool:
    """A listing page: most of the 'text' is headlines that link elsewhere."""
    if len(lines) < 4:
        return False
    anchors = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    linked = sum(len(line) for line in lines if line in anchors)
    return linked > 0.5 * sum(map(len, lines))


def _language(declared: str, body: str) -> str:
    declared = (declared or "").strip().lower().replace("_", "-").split("-")[0]
    if declared and declared.isalpha() and len(declared) <= 3:
        return declared
    return "vi" if len(VIETNAMESE_LETTERS.findall(body[:3000])) >= 5 else "und"
