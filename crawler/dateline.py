"""The article's OWN dateline: the date written next to its headline, not the dates around it.

Vietnamese pages are full of dates that are not the article's: a marquee of teaser links in the
header ("… - 00:00 | 26/12/2012"), "most read" and "other news" boxes, related links, comments,
the header's "today". The article's dateline sits in the article container right above or below
the headline (or under the byline). So: every date written in the page's text is placed by its
distance, in characters of text, from the headline; dates inside links, marquees, lists of other
articles ("related", "most read"), comments and footers are not candidates; the nearest candidate
within a short reach of the headline is the dateline.

A few old templates write the dateline with a script (`getElementById("x").innerHTML = "…"`);
`apply_script_writes` puts such a text into its element first, as the reader's browser does.
"""

from __future__ import annotations

import html
import re

from lxml import etree

# A date a dateline is made of: 20/12/2012, 24/12/12, 23.03.2015, 03-08-2011, 2012-12-20, ngày 5 tháng 3 năm 2021
DATE_IN_TEXT = re.compile(
    r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})(?![\d/])|(?<!\d)(?:19|20)\d\d-\d\d-\d\d(?!\d)"
    r"|\d{1,2}\s*tháng\s*\d{1,2}\s*(?:năm|,)\s*\d{4}",
    re.IGNORECASE,
)
# Containers of other articles' dates (teasers, boxes, comments) and of the site's own furniture.
ELSEWHERE = re.compile(
    r"marquee|ticker|headlines|related|relate-|lienquan|lien-quan|tinlienquan|tinkhac|tin-khac|othernews|other-news|"
    r"other_news|cungchuyenmuc|cung-chuyen-muc|samecate|most|docnhieu|doc-nhieu|xemnhieu|xem-nhieu|hot-news|hotnews|"
    r"tieudiem|tieu-diem|comment|binhluan|binh-luan|footer|sidebar|widget|menu|nav|weather|clock|copyright|"
    r"list-news|news-list|listnews|box-news|teaser|suggest|recommend|readmore|read-more|xemthem|xem-them",
    re.IGNORECASE,
)
NOT_HERE_TAGS = {"a", "marquee", "option", "select", "button", "footer", "nav", "aside", "script", "style", "noscript"}
REACH_AFTER = 400    # characters of text after the headline a dateline may be (a sapo can come first)
REACH_BEFORE = 200   # … and before it (section name, share buttons)
HEADLINE_WORDS = 5   # a link this long beside a date makes the date a teaser's
PROSE_CHARS = 100    # a longer text holding a date is a sentence, not a dateline: it comes after datelines


def apply_script_writes(tree) -> None:
    """`document.getElementById("id").innerHTML = "text"` in an inline script: the empty element gets the text."""
    for script in tree.iter("script"):
        code = script.text or ""
        if "innerHTML" not in code:
            continue
        for match in re.finditer(r"""getElementById\(\s*["']([\w-]+)["']\s*\)\.innerHTML\s*=\s*(["'])(.{4,300}?)\2""",
                                 code):
            found = tree.xpath("//*[@id=$id]", id=match[1])
            if found and not found[0].text_content().strip() and len(found[0]) == 0:
                found[0].text = html.unescape(re.sub(r"<[^>]+>", " ", match[3]))


DATE_NAMES = re.compile(r"date|time|publish|posted|ngay|dateline|byline|author", re.IGNORECASE)


def _elsewhere(element, cache: dict, shared: set) -> bool:
    """The element, or a container around it below the ones it shares with the headline, holds other
    articles' dates or the site's furniture ("comment", "most-read"…). A class that names a date or an
    author ("article_author_date_comment_container") speaks for its own level."""
    if element in shared:
        return False
    verdict = cache.get(element)
    if verdict is None:
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag == "a":  # a teaser link, unless all it says is the date (a link to the day's archive)
            verdict = len(re.findall(r"[^\W\d_]{2,}", element.text_content())) >= 3
        else:
            verdict = element.tag in NOT_HERE_TAGS or (
                names != " " and bool(ELSEWHERE.search(names)) and not DATE_NAMES.search(names))
        parent = element.getparent()
        if not verdict and parent is not None:
            verdict = _elsewhere(parent, cache, shared)
        cache[element] = verdict
    return verdict


BLOCKS = {"p", "div", "li", "td", "tr", "dd", "dt", "span", "h2", "h3", "h4", "section", "header", "article"}


def _is_teaser(element, headline) -> bool:
    """The date's block also holds a headline-long link to another article: a teaser row."""
    block = element
    while block is not None and block.tag not in BLOCKS:
        block = block.getparent()
    if block is None or (headline is not None and block in headline.iterancestors()):
        return False
    return any(len(a.text_content().split()) >= HEADLINE_WORDS for a in block.iter("a"))


def _date_pieces(body, headline, reach: int | None = None) -> tuple[list[tuple[int, str, object]], int, int]:
    """Every text piece with a date, its offset in the text a reader sees, and the element holding it;
    with the headline's start and end offsets (-1 when the headline is not in `body`). `reach`: stop
    that many characters after the headline."""
    found: list[tuple[int, str, object]] = []
    offset = 0
    start = end = -1
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element is headline:
                start = offset
            piece, holder = element.text, element
        else:
            if element is headline:
                end = offset
            piece, holder = element.tail, element.getparent()
        if not piece:
            continue
        if reach is not None and end >= 0 and offset > end + reach:
            break
        if holder is not None and DATE_IN_TEXT.search(piece):
            found.append((offset, piece, holder))
        offset += len(" ".join(piece.split())) + 1  # characters a reader sees
    return found, start, end


class _Places:
    """Tells the article's own places from boxes, teasers and furniture, for one headline."""

    def __init__(self, headline):
        self.headline = headline
        self.shared = set(headline.iterancestors())
        self.cache: dict = {}

    def elsewhere(self, element) -> bool:
        return _elsewhere(element, self.cache, self.shared) or _is_teaser(element, self.headline)


def own_dateline(body, headline) -> list[str]:
    """Date texts near the headline, outside teasers and boxes: short datelines first, after the
    headline before before it, nearest first; dates inside sentences (a sapo's) after them.

    Each text comes with a little of what follows it (the time of day, "(GMT+7)")."""
    if body is None or headline is None:
        return []
    found, start, end = _date_pieces(body, headline, REACH_AFTER)
    if start < 0 or end < 0:
        return []
    places = _Places(headline)
    ranked = []
    for position, piece, holder in found:
        if end <= position <= end + REACH_AFTER:
            side, distance = 0, position - end
        elif start - REACH_BEFORE <= position < start:
            side, distance = 1, start - position
        else:
            continue
        prose = len(" ".join(piece.split())) > PROSE_CHARS  # a date in a sentence (the sapo's "ngày 1/1/2021")
        ranked.append(((prose, side, distance), piece, holder))
    ranked.sort(key=lambda item: item[0])
    return [_with_context(piece, holder) for _rank, piece, holder in ranked if not places.elsewhere(holder)]


def article_dates(body, headline) -> list[str]:
    """Every date text after the headline that stands outside links, teasers, boxes and comments, in
    page order: the last resort when the article shows no dateline near its headline."""
    if body is None or headline is None:
        return []
    found, start, end = _date_pieces(body, headline)
    if end < 0:
        return []
    places = _Places(headline)
    return [_with_context(piece, holder) for position, piece, holder in found
            if position >= end and not places.elsewhere(holder)]


def outside_filter(headline):
    """A test for one element (a `<time>`): does it stand outside teasers, boxes and comments?"""
    places = _Places(headline)
    return lambda element: not places.elsewhere(element)


def outside_boxes(elements: list, headline) -> list[bool]:
    """For each element (date-classed ones, `<time>`): does it stand outside teasers, boxes and comments?"""
    if headline is None:
        return [True] * len(elements)
    places = _Places(headline)
    return [not places.elsewhere(element) for element in elements]


def _with_context(piece: str, holder) -> str:
    """The date's text, and when it is short, its element's whole text (the time may be a sibling)."""
    text = " ".join(piece.split())
    whole = " ".join(holder.text_content().split())
    return whole if len(whole) <= 160 and text in whole else text


def find_title_element(body, title: str):
    """The element whose whole text is the article's title, when the page's <h1> is something else (a logo)."""
    wanted = " ".join(title.split()).lower()
    if len(wanted) < 12:
        return None
    for element in body.iter("h1", "h2", "h3", "div", "p", "span", "td", "strong", "b"):
        text = element.text_content()
        if len(text) < 2 * len(wanted) and " ".join(text.split()).lower() == wanted and element.find(".//a") is None:
            return element
    return None
