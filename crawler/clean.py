"""Cleaning: (html, url, source rules) → an `Article`, or `Rejected` with a short, stable reason.

A pure function: it never fetches. The page is parsed once with lxml. Structured metadata comes first
(JSON-LD, OpenGraph and article:* meta, `<time datetime>`), except where the source's CSS selectors
find something (they are written for a site because its metadata misleads); then trafilatura for
the running text; where a cheap densest-block check disagrees with trafilatura,
readability-lxml arbitrates. The headline repeated above the text, related-link blocks, prompts and the
signature line are taken out; the lead paragraph (sapo) is put back when it was dropped, and on
Vietnamese pages the captions that stand inside the article (crawler/captions.py). Forum threads and
pages of data tables are no articles (crawler/pagekind.py). Dates: crawler/datefind.py, with the
article's own dateline (crawler/dateline.py) and numeric dates in the order the page proves.
Figures behind each choice: bench/RESULTS.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from trafilatura.utils import load_html

from store import DEFAULT_TZ, Article, well_formed_url

from .captions import figure_captions, with_captions
from .datefind import find_published
from .dateline import (
    apply_script_writes,
    article_dates,
    find_title_element,
    outside_boxes,
    outside_filter,
    own_dateline,
)
from .dates import numeric_order
from .densest import densest_block
from .errors import BadSelector
from .maintext import (
    LinkTexts,
    agree,
    combine,
    confirmed_lead,
    cut_tail,
    drop_preamble,
    key,
    link_texts,
    linked_share,
    selector_body,
    signature,
    tidy_lines,
    trafilatura_body,
    with_lead,
)
from .metadata import PageMeta, read_metadata
from .pagekind import REJECT_DATA_TABLE, REJECT_FORUM, is_data_tables, is_forum_thread
from .pagescan import scan_page
from .readable import readability_body
from .selectors import select_text
from .settings import Selectors, Source

MAX_ARBITRATED_CHARS = 1_000_000  # larger pages: trafilatura alone
MIN_BODY_CHARS = 150            # shorter than a two-sentence news brief: not an article
MAX_GARBLED_RATIO = 0.01        # U+FFFD per character above which the charset was surely wrong
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»]\s+")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
ONLY_VIETNAMESE_LETTERS = re.compile(r"[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)  # not French â ê ô

REJECT_LISTING = "not an article: listing page"
REJECT_NOT_HTML = "not an article: no html"
REJECT_NO_BODY = "no body"
REJECT_SHORT = "body too short"
REJECT_NO_TITLE = "no title"
REJECT_GARBLED = "garbled text: wrong charset"
REJECT_BAD_SELECTOR = "bad selector in source config"
REJECT_BAD_URL = "not an address: the URL does not parse (port out of range, broken IPv6 host)"


@dataclass(frozen=True)
class Rejected:
    """A page the cleaner would not turn into an article, and why (short and stable, for counting)."""

    url: str
    reason: str


_MARKUP = re.compile(r"<(?:[a-zA-Z][\w-]*|!doctype|!--)[\s>/]", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)


def parse_html(html: str):
    """An lxml document for `html`, parsed as trafilatura parses it (its scores depend on that), or None."""
    if not html or not html.strip():
        return None
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html.lstrip("\ufeff"))
    if not _MARKUP.search(html[:4096]):
        return None  # plain text, a PDF or other bytes that happened to decode
    try:
        tree = load_html(html)
    except (TypeError, ValueError, etree.ParserError):
        tree = None
    if tree is None or tree.tag != "html":
        try:
            tree = lxml.html.document_fromstring(html, parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None
    return tree


def extract(html: str, url: str, source: Source | None = None, tree=None) -> Article | Rejected:
    """Clean one page. Never raises on bad HTML: the worst case is a `Rejected`.

    `tree`: the page already parsed by `parse_html` (the crawler shares it with link discovery);
    the cleaner edits it.
    """
    if url and not well_formed_url(url):
        return Rejected(url, REJECT_BAD_URL)
    if tree is None:
        tree = parse_html(html)
    if tree is None or tree.find(".//body") is None:
        return Rejected(url, REJECT_NOT_HTML)
    selectors = source.selectors if source else Selectors()
    tz = source.timezone if source else DEFAULT_TZ
    meta = read_metadata(tree, url)
    apply_script_writes(tree)
    strip_inert(tree)
    try:
        return _extract(tree, url, source, selectors, tz, meta, arbitrate=len(html) <= MAX_ARBITRATED_CHARS)
    except BadSelector:
        return Rejected(url, REJECT_BAD_SELECTOR)


INERT_TAGS = ("script", "style", "template", "svg")  # noscript, iframe...: trafilatura reads some of them


def strip_inert(tree) -> None:
    """Remove what no reader sees (scripts, styles, SVG...) once metadata is read: every later pass
    (trafilatura's many XPath prunings among them) then walks a tree half the size or less."""
    for element in list(tree.iter(*INERT_TAGS)):
        parent = element.getparent()
        if parent is not None:
            try:
                element.drop_tree()
            except ValueError:  # the text it joins holds a character lxml parsed but will not write back
                _drop_cleaning_text(element, parent)


_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _drop_cleaning_text(element, parent) -> None:
    """drop_tree() without the control characters and lone surrogates that made it fail."""
    tail, element.tail = _UNWRITABLE.sub("", element.tail or ""), None
    previous = element.getprevious()
    if previous is not None:
        previous.tail = _UNWRITABLE.sub("", previous.tail or "") + tail or None
    else:
        parent.text = _UNWRITABLE.sub("", parent.text or "") + tail or None
    parent.remove(element)


def published_date(html: str, url: str, source: Source | None = None) -> datetime | None:
    """Only the publication date of a page, found exactly as `extract` finds it (cheaper)."""
    tree = parse_html(html)
    if tree is None:
        return None
    selectors = source.selectors if source else Selectors()
    meta = read_metadata(tree, url)
    apply_script_writes(tree)
    return _published(tree, url, meta, scan_page(tree), selectors, source.timezone if source else DEFAULT_TZ)


def _published(tree, url: str, meta: PageMeta, clues, selectors: Selectors, tz: str) -> datetime | None:
    """The publication date from everything the page offers (crawler/datefind.py), numeric dates read
    in the order the page proves, else day first (month first on English pages). On Vietnamese pages
    the article's own dateline comes first, and dates in teasers, boxes and comments never count."""
    vietnamese = _looks_vietnamese(meta, clues.headline)
    english = not vietnamese and (meta.language or "").lower().startswith("en")

    @lru_cache(maxsize=1)
    def month_first() -> bool:  # read the page only for an ambiguous date
        order = numeric_order(clues.visible_text)
        return order == "mdy" or (order is None and english)

    date_texts, page_text = clues.date_texts, lambda: clues.text_after_headline
    headline = _headline_element(meta, clues) if vietnamese else None
    if headline is not None:
        date_texts = [text for text, outside in zip(clues.date_texts, outside_boxes(clues.date_elements, headline))
                      if outside]
        page_text = lambda: " ".join(article_dates(clues.body, headline))  # noqa: E731
    return find_published(tree, url, meta, tz, date_selector=selectors.date, date_texts=date_texts,
                          page_text=page_text, vietnamese=vietnamese,
                          dateline=lambda: own_dateline(clues.body, headline), month_first=month_first,
                          guess=headline is None,
                          keep_time=outside_filter(headline) if headline is not None else None)


def _headline_element(meta: PageMeta, clues):
    """The article's headline element: the <h1>, unless it is not the title (a logo in <h1>) and the
    title stands whole in another element."""
    titles = [t for t in (meta.title, meta.og_title, _strip_site_name(meta.html_title, meta.site_name)) if key(t)]
    if clues.headline_element is not None and (not titles or any(key(t)[:30] in key(clues.headline) for t in titles)):
        return clues.headline_element
    for title in titles:
        found = find_title_element(clues.body, title) if clues.body is not None else None
        if found is not None:
            return found
    return clues.headline_element


def _extract(tree, url: str, source: Source | None, selectors: Selectors, tz: str, meta: PageMeta,
             arbitrate: bool = True):
    if meta.says_listing or (not meta.structured_article and _is_front_page(url)):
        return Rejected(url, REJECT_LISTING)
    if not meta.structured_article and is_forum_thread(tree, meta.jsonld_types):  # not: a news article's comments
        return Rejected(url, REJECT_FORUM)
    clues = scan_page(tree, meta.description)
    # A source's selectors come first: someone wrote them for this site because the page's own
    # metadata or our guesses were wrong there. A selector that matches nothing falls back.
    title = select_text(tree, selectors.title) or choose_title(meta, clues.headline)
    author = select_text(tree, selectors.author) or ", ".join(meta.authors) or clues.byline
    section = select_text(tree, selectors.section) or meta.section or clues.section
    published = _published(tree, url, meta, clues, selectors, tz)
    links = link_texts(tree)
    # Captions: on Vietnamese pages a sentence of the article (on the English-majority Zyte set, whose
    # gold leaves them out, keeping them cost 0.007 F1: bench/RESULTS.md).
    captions = figure_captions(tree) if _looks_vietnamese(meta, clues.headline) else []
    page_text = clues.visible_text if captions else ""  # before the extractors see the tree

    lines = selector_body(tree, selectors.body) if selectors.body else []
    if not lines:
        lines = main_text(tree, url, arbitrate)
    if sum(map(len, lines)) < MIN_BODY_CHARS and len(meta.article_body) >= MIN_BODY_CHARS:
        lines = tidy_lines(meta.article_body)
    if not meta.structured_article and _mostly_links(lines, links.keys):
        return Rejected(url, REJECT_LISTING)
    if not meta.says_article and not _reads_like_headline(clues.headline) and _card_list(lines, links):
        return Rejected(url, REJECT_LISTING)
    if not lines:
        return Rejected(url, REJECT_NO_BODY)
    if is_data_tables(lines):
        return Rejected(url, REJECT_DATA_TABLE)
    lines = drop_preamble(lines, [title, clues.headline, meta.og_title], [author, section, clues.byline])
    lines = with_lead(cut_tail(lines, links.keys), confirmed_lead(clues.lead, clues.lead_class, meta.description))
    lines = with_captions(lines, captions, page_text)
    signed = signature(lines)
    if signed:
        lines = lines[:-1]
        if not author or _is_organisation(author, meta, url):
            author = signed
    body = "\n".join(lines)
    if len(body) < MIN_BODY_CHARS and not meta.says_article and links.headlines >= 5:
        return Rejected(url, REJECT_LISTING)  # headlines and teasers, little text of its own
    if not body:
        return Rejected(url, REJECT_NO_BODY)
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


def main_text(tree, url: str, arbitrate: bool = True) -> list[str]:
    """trafilatura's text; when our cheap densest-block check disagrees with it, readability arbitrates
    (not on huge pages, where readability's link-density scoring takes seconds)."""
    lines = trafilatura_body(tree, url)
    if arbitrate and not agree(lines, densest_block(tree)):
        lines = combine(lines, readability_body(tree))
    return lines


def choose_title(meta: PageMeta, headline: str) -> str:
    """JSON-LD headline or og:title, then <h1>, <title>; site-name suffixes removed."""
    title = meta.title or headline or meta.html_title
    if headline and headline != title and title.startswith(headline) and TITLE_SEPARATORS.match(title[len(headline):]):
        return headline
    return _strip_site_name(title, meta.site_name)


def _strip_site_name(title: str, site_name: str) -> str:
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    tail = parts[-1].lower()
    if (site_name and tail in site_name.lower()) or re.search(r"\.(vn|com|net|org)\b|^báo |^vn", tail):
        return title[: title.lower().rfind(tail)].rstrip(" -|–—:»")
    return title


def _is_organisation(author: str, meta: PageMeta, url: str) -> bool:
    """An "author" that is the paper itself (JSON-LD author "VnExpress" on vnexpress.net)."""
    name = key(author)
    if not name:
        return False
    host = key(urlsplit(url).hostname or "")
    return any(name in key(other) for other in (meta.site_name, meta.publisher, host) if other)


def _is_front_page(url: str) -> bool:
    """The site's home page ("/", "/index.html"); "/?p=123" is a post on many blogs."""
    parts = urlsplit(url)
    path = parts.path
    if parts.query:
        return False
    return path in ("", "/") or bool(re.fullmatch(r"/(?:index|default|home|trang-chu)\.\w+", path))


def _reads_like_headline(text: str) -> bool:
    """An article's <h1> is a sentence; a listing's, when it has one, is a section name ("Thể thao")."""
    return len(re.findall(r"[^\W_]+", text)) >= 6


def _card_list(lines: list[str], links: LinkTexts) -> bool:
    """A section page of cards: headline (a link), then its teaser, again and again.

    Main-text extraction drops the headlines and keeps the teasers, which then read like the
    short paragraphs of an article. An article's own related-story cards are a small share of its
    text; on a listing the teasers are most of it."""
    teaser_rows = [line for line in lines if _is_teaser(key(line), links.teasers)]
    return len(teaser_rows) >= 4 and sum(map(len, teaser_rows)) >= 0.6 * sum(map(len, lines))


def _is_teaser(line_key: str, teasers: set[str]) -> bool:
    """The line is a teaser, or most of one (its date left out), or one with its headline run into it."""
    if not line_key:
        return False
    return line_key in teasers or any(
        (len(t) * 2 >= len(line_key) and t in line_key) or (len(line_key) * 2 >= len(t) and line_key in t)
        for t in teasers)


def _mostly_links(lines: list[str], links: set[str]) -> bool:
    """A listing page: most of the 'text' is headlines that link elsewhere."""
    if len(lines) < 4:
        return False
    half = 0.5 * sum(map(len, lines))
    linked = unlinked = 0.0
    for line in sorted(lines, key=len, reverse=True):  # long paragraphs settle an article page early
        share = linked_share(line, links)
        linked += len(line) * share
        unlinked += len(line) * (1 - share)
        if linked > half:
            return True
        if unlinked >= half:
            return False
    return False


def _looks_vietnamese(meta: PageMeta, headline: str) -> bool:
    """Declared Vietnamese, or Vietnamese letters in the title and description (old Vietnamese
    templates often declare lang="en": the letters win over that)."""
    declared = (meta.language or "").lower()
    if declared.startswith("vi"):
        return True
    text = f"{meta.title} {headline} {meta.description}"
    if declared:
        return len(ONLY_VIETNAMESE_LETTERS.findall(text)) >= 6
    return len(VIETNAMESE_LETTERS.findall(text)) >= 3


def _language(declared: str, body: str) -> str:
    declared = (declared or "").strip().lower().replace("_", "-").split("-")[0]
    if declared and declared.isalpha() and len(declared) <= 3:
        return declared
    return "vi" if len(VIETNAMESE_LETTERS.findall(body[:3000])) >= 5 else "und"
