"""One walk over the page for the visible clues that are not structured metadata.

The headline (<h1>), the lead paragraph (sapo), the byline, the breadcrumb and short elements whose
class speaks of a date, gathered in a single pass over the tree because XPath with many `contains()`
tests costs more than the rest of the cleaning together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

LEAD_CLASS = re.compile(r"sapo|lead|description|summary|chapeau|excerpt|intro|standfirst|tomtat|tom-tat", re.I)
LEAD_TAGS = {"p", "h2", "div", "span", "strong", "b", "em", "section", "td"}
LEAD_TEXT_TAGS = {"p", "h2", "h3", "h4", "div", "span", "strong", "b", "em", "td"}
AUTHOR_CLASS = re.compile(r"author|byline|tacgia|tac-gia|writer|reporter|phong-vien|butdanh", re.I)
CRUMB_CLASS = re.compile(r"breadcrumb|bread-crumb|duong-dan|cate-title|chuyen-muc|chuyenmuc|category", re.I)
DATE_CLASS = re.compile(
    r"date|time|publish|posted|ngay|thoigian|thoi-gian|dateline|byline|meta|story-info|detail-info|article-info",
    re.IGNORECASE,
)
NOT_DATE_CLASS = re.compile(r"update|modif|comment|related|footer|weather|clock|copyright|lienquan|lien-quan", re.I)
HOME_NAMES = {"trang chủ", "home", "trang chu", "homepage", "trang nhất", "tin tức"}
SKIP_TAGS = {"script", "style", "noscript", "a", "html", "body", "head", "title", "meta", "link", "option"}


@dataclass
class PageClues:
    headline: str = ""
    lead: str = ""
    lead_class: str = ""
    byline: str = ""
    section: str = ""
    date_texts: list[str] = field(default_factory=list)   # after the headline first
    date_elements: list = field(default_factory=list)     # the element of each date text
    body: object = None
    headline_element: object = None

    @cached_property
    def visible_text(self) -> str:
        """The page's visible text, whitespace collapsed (computed only when a date needs it)."""
        if self.body is None:
            return ""
        parts = self.body.xpath(".//text()[not(ancestor::script or ancestor::style)]")
        return " ".join(" ".join(parts).split())

    @cached_property
    def text_after_headline(self) -> str:
        """The page's visible text from the headline on (computed only when a dateline is needed)."""
        text = self.visible_text
        start = text.find(self.headline) if self.headline else -1
        return text[max(start, 0):][:20000]


_NOTHING = (False, False, False, False)
_ANY = re.compile("|".join(p.pattern for p in (LEAD_CLASS, AUTHOR_CLASS, CRUMB_CLASS, DATE_CLASS)))


def _classify(names: str, cache: dict) -> tuple[bool, bool, bool, bool]:
    """(date, lead, author, breadcrumb) for a class/id string; pages repeat these strings a lot."""
    kinds = cache.get(names)
    if kinds is None:
        if not _ANY.search(names.lower()):
            cache[names] = _NOTHING
            return _NOTHING
        kinds = (bool(DATE_CLASS.search(names)) and not NOT_DATE_CLASS.search(names),
                 bool(LEAD_CLASS.search(names)), bool(AUTHOR_CLASS.search(names)), bool(CRUMB_CLASS.search(names)))
        cache[names] = kinds if any(kinds) else _NOTHING
    return kinds


def _text(element) -> str:
    return " ".join(element.text_content().split())


TITLE_CLASS_XPATH = (
    ".//*[not(self::a or self::title or self::body)][contains(@class,'title') or contains(@class,'tieude')"
    " or contains(@class,'tieu-de') or contains(@class,'tieu_de') or contains(@class,'headline')"
    " or contains(@class,'Title') or contains(@class,'TieuDe')]"
)


def find_headline(body):
    """The article's headline element: the first non-empty <h1>, else (old templates without <h1>) the
    first element classed like a title ("tieude_chitiet", "article-title") that reads like a headline."""
    h1s = [h1 for h1 in body.iter("h1") if h1.text_content().strip()]
    for h1 in h1s:
        if len(h1.text_content().split()) >= 3:  # not the site's logo wrapped in <h1>
            return h1
    for element in body.xpath(TITLE_CLASS_XPATH):
        words = element.text_content().split()
        if 4 <= len(words) <= 40 and sum(1 for _ in element.iter("a")) == 0:
            return element
    return h1s[0] if h1s else None


LEAD_LOOK = 6  # the lead is among the first text blocks after the headline


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _opens_description(text: str, opening: str, description_key: str) -> bool:
    """The block starts as the meta description does, or (a description that opens with keywords, a
    block that opens with a label like "(giao duc) -") a good stretch of it stands in the description."""
    if " ".join(text.split()).startswith(opening):
        return True
    middle = _key(text)[12:60]
    return len(middle) >= 40 and middle in description_key


def scan_page(tree, description: str = "") -> PageClues:
    """The page's visible clues. `description` (the meta description) also finds a lead paragraph
    that has no telling class: the block right after the headline that starts with the same words."""
    clues = PageClues()
    opening = " ".join(description.split())[:24] if len(description) >= 40 else ""
    description_key = _key(description) if opening else ""
    looked = 0  # text blocks after the headline compared with the description
    body = tree.find(".//body")
    if body is None:
        return clues
    headline = find_headline(body)
    if headline is not None:
        clues.headline = _text(headline)
        clues.headline_element = headline
    seen_headline = headline is None
    dates_before: list[tuple[str, object]] = []
    dates_after: list[tuple[str, object]] = []
    cache: dict[str, tuple[bool, bool, bool, bool]] = {}
    for element in body.iter():
        if element is headline:
            seen_headline = True
            continue
        tag = element.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        if opening and seen_headline and not clues.lead and tag in LEAD_TEXT_TAGS and element.text \
                and looked < LEAD_LOOK and len(element.text.strip()) >= 40:
            looked += 1
            if _opens_description(element.text, opening, description_key):
                text = _text(element)
                if 40 <= len(text) <= 1200:
                    clues.lead, clues.lead_class = text, "meta-description"
        names = element.get("class") or ""
        kinds = _classify(names, cache) if names else _NOTHING
        ident = element.get("id")
        if ident:
            id_kinds = _classify(ident, cache)
            if id_kinds is not _NOTHING:
                kinds = tuple(a or b for a, b in zip(kinds, id_kinds))
        if kinds is _NOTHING:
            continue
        is_date, is_lead, is_author, is_crumb = kinds
        if is_date:
            text = element.text_content()
            if 6 <= len(text) <= 300:
                (dates_after if seen_headline else dates_before).append((" ".join(text.split()), element))
        if is_lead and not clues.lead and tag in LEAD_TAGS:
            text = _text(element)
            if 40 <= len(text) <= 1200 and seen_headline:
                clues.lead, clues.lead_class = text, names
        if is_author and not clues.byline:
            text = _text(element)
            if 2 <= len(text) <= 60:
                clues.byline = re.sub(r"^(?:by|bởi|tác giả|theo)\s*:?\s*", "", text, flags=re.IGNORECASE)
        if is_crumb and not clues.section:
            crumbs = [_text(a) for a in element.iter("a")] or [_text(element)]
            crumbs = [c for c in crumbs if c and len(c) <= 40 and c.lower() not in HOME_NAMES]
            if crumbs:
                clues.section = crumbs[0]
    clues.date_texts = [text for text, _ in dates_after + dates_before]
    clues.date_elements = [element for _, element in dates_after + dates_before]
    clues.body = body
    return clues
