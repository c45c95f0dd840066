"""The article's running text: the source's body selector, else trafilatura; then tidied.

After extraction: the headline repeated as the first line goes; a tail of related links ("Tin liên
quan", "Xem thêm", "Read more", lists of linked headlines), share/newsletter prompts and caption
credits go; the lead paragraph (sapo) is put back first when the extractor dropped it (trafilatura
often does on Vietnamese templates, where the sapo sits in its own block above the body).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import trafilatura
from trafilatura.settings import use_config

from .selectors import select_all

# Blocks that are never the article's text when a source's body selector picks a container.
NOISE_CLASS = re.compile(
    r"related|relate-|lienquan|lien-quan|tinlienquan|tin-lien-quan|tinkhac|tin-khac|xemthem|xem-them|"
    r"readmore|read-more|comment|binhluan|binh-luan|social|share|sharing|newsletter|breadcrumb|"
    r"box-tag|tags-|tag-list|list-tag|banner|quangcao|quang-cao|advert|sponsor|caption|gallery",
    re.IGNORECASE,
)
NOISE_TAGS = {"script", "style", "aside", "figcaption", "nav", "noscript", "iframe", "video", "audio", "form",
              "button", "figure", "footer"}

DATELINE = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|(?:19|20)\d\d-\d\d-\d\d|tháng\s*\d{1,2}\s*năm\s*\d{4}|"
    r"\b\d{1,2}:\d{2}\b.*\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# A short line that opens a block of links to other articles: everything after it goes.
TAIL_MARKER = re.compile(
    r"^(?:tin liên quan|bài liên quan|tin cùng chuyên mục|tin khác|các tin khác|tin mới|đọc thêm|xem thêm|"
    r"bài viết liên quan|có thể bạn quan tâm|bạn có thể quan tâm|tin đọc nhiều|đọc nhiều nhất|"
    r"related(?: articles| stories| posts| news| content| coverage)?|you may also like|you might also like|"
    r"more from [\w .]+|recommended(?: for you)?|don'?t miss|more stories|most read|most popular|"
    r"trending|read next|top stories|latest news|more on this story)\s*:?$",
    re.IGNORECASE,
)
# A line that only points elsewhere, wherever it stands.
REFERENCE_LINE = re.compile(
    r"^(?:xem thêm|đọc thêm|tin liên quan|>>|»|read more|see more|related|also on [\w.]+|leggi anche|"
    r"lire aussi|mehr zum thema|lesen sie auch)\b\s*[:>»-]?",
    re.IGNORECASE,
)
PROMPT_LINE = re.compile(
    r"^(?:chia sẻ|bình luận|gửi bình luận|in bài|quay lại|lên đầu trang|quảng cáo|advertisement|share|tweet|"
    r"email|print|like this story\?.*|share this.*|click here to .*|sign up for .*newsletter.*|"
    r"subscribe to .*|follow us on .*|follow @.*|thanks for signing up!?|sorry!?|"
    r"ảnh:.{0,60}|photo:.{0,60}|video:.{0,60}|nguồn:.{0,40})$",
    re.IGNORECASE,
)

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeouts inside worker processes


def key(text: str) -> str:
    """Letters and digits only, lower case: for comparing lines whatever their punctuation."""
    return re.sub(r"\W+", "", text.lower())


def tidy_lines(text: str) -> list[str]:
    """Paragraphs with whitespace collapsed; empty lines and empty table rows dropped.

    trafilatura writes table rows as "| cell | cell |": layout tables of old sites become rows of
    pipes, and a one-cell row is just its text.
    """
    lines = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line.startswith("|"):
            cells = [c.strip() for c in line.replace("\\|", "\x00").strip("|").split("|")]
            cells = [c.replace("\x00", "|") for c in cells if c.strip()]
            line = " | ".join(cells)
        if line:
            lines.append(line)
    return lines


@dataclass
class LinkTexts:
    """The texts of a page's links, so the cleaner can tell link lists and teasers from prose."""
    keys: set[str]     # keys of the link texts (a line equal to one is a link, not prose)
    headlines: int     # links that read like a headline (five words or more)
    teasers: set[str] = field(default_factory=set)  # keys of the blocks right after a headline link's block


CARD_BLOCKS = {"h2", "h3", "h4", "h5", "p", "div", "li", "td"}
TEASER_CHARS = 40


def link_texts(tree) -> LinkTexts:
    keys, headlines, teasers = set(), 0, set()
    for anchor in tree.iter("a"):
        text = anchor.text_content()
        text_key = key(text)
        if len(text_key) >= 12:
            keys.add(text_key)
            if len(text.split()) >= 5:
                headlines += 1
                teaser = _teaser_after(anchor, text_key)
                if teaser:
                    teasers.add(teaser)
    return LinkTexts(keys, headlines, teasers)


def _teaser_after(anchor, anchor_key: str) -> str:
    """The key of a headline link's teaser, when it has one: the text after the link in its own
    block (`<td><a>…</a><br>teaser</td>`), else the next text block beside that block with no
    link of its own, a short one (a date) skipped (`<h2><a>…</a></h2><span>date</span><p>teaser</p>`)."""
    block = anchor
    while block is not None and block.tag not in CARD_BLOCKS:
        block = block.getparent()
    if block is None:
        return ""
    after = key(block.text_content()).split(anchor_key, 1)[-1]
    if len(after) >= TEASER_CHARS:
        return after
    following = block.getnext()
    for _ in range(3):
        if following is None:
            return ""
        if isinstance(following.tag, str) and following.find(".//a") is None:
            text = key(following.text_content())
            if len(text) >= TEASER_CHARS:
                return text
        following = following.getnext()
    return ""


BLOCK_LEVEL = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "tr",
               "table", "section", "article", "ul", "ol", "dl", "dd", "dt", "header", "main", "center", "hr"}


def _block_text(element, out: list[str]) -> None:
    """Text of `element` with a line break at every block boundary and <br>."""
    block = element.tag in BLOCK_LEVEL
    if block:
        out.append("\n")
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _block_text(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append("\n")


def element_paragraphs(element) -> list[str]:
    """Paragraphs of one container, its noise blocks (related links, share bars, captions...) pruned."""
    element = copy.deepcopy(element)
    for noise in list(element.iter()):
        if noise is element or noise.getparent() is None:
            continue
        if not isinstance(noise.tag, str):  # comments, processing instructions
            noise.drop_tree()
            continue
        names = f"{noise.get('class', '')} {noise.get('id', '')}"
        if noise.tag in NOISE_TAGS or (names != " " and NOISE_CLASS.search(names)):
            noise.drop_tree()
    out: list[str] = []
    _block_text(element, out)
    return tidy_lines("".join(out))


def selector_body(tree, css: str) -> list[str]:
    """Paragraphs of the elements the source's body selector picks (noise blocks pruned)."""
    lines: list[str] = []
    for element in select_all(tree, css):
        lines.extend(element_paragraphs(element))
    return lines


def trafilatura_body(tree, url: str) -> list[str]:
    """trafilatura's text without its slower fallbacks (same F1 on the Zyte set, a third faster)."""
    text = trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, include_images=False,
        output_format="txt", deduplicate=False, fast=True, config=_CONFIG,
    )
    return tidy_lines(text or "")


def _is_title(line: str, title_keys: set[str]) -> bool:
    line_key = key(line)
    return bool(line_key) and any(
        line_key == t or (len(line_key) >= 20 and (line_key in t or t in line_key) and len(line_key) < 1.3 * len(t))
        for t in title_keys)


def is_dateline(line: str) -> bool:
    """A short line that is only a date and time, maybe with a label, author or section around it."""
    return len(line) <= 90 and bool(DATELINE.search(line)) and len(line.split()) <= 14


def drop_preamble(lines: list[str], titles: list[str], labels: list[str] = ()) -> list[str]:
    """What templates print above the text: the headline again, and the date, byline and section
    lines around it (`labels`: the author and section names found elsewhere on the page). Only in
    the first few lines; a short line that is none of these (a subheading) stays."""
    title_keys = {key(t) for t in titles if t and len(key(t)) >= 8}
    label_keys = {key(label) for label in labels if label and key(label)}
    for index, line in enumerate(lines[:4]):
        if _is_title(line, title_keys) and all(len(before) < 60 for before in lines[:index]):
            lines = lines[index + 1:]
            break
    for _ in range(5):
        if len(lines) > 1 and (is_dateline(lines[0]) or not key(lines[0]) or key(lines[0]) in label_keys):
            lines = lines[1:]
    return lines


NAME_PARTICLES = {"-", "–", "và", "&"}


def signature(lines: list[str]) -> str:
    """The author's name signed under the text ("Hoàng Thị Mai", "MINH ĐỨC"), as Vietnamese papers do."""
    if len(lines) < 2:
        return ""
    last = lines[-1].strip().strip("()[]").strip()
    words = last.split()
    if not 2 <= len(words) <= 6 or len(last) > 50 or any(c.isdigit() for c in last) or last[-1] in ".!?:;,":
        return ""
    if all(w in NAME_PARTICLES or w[0].isupper() for w in words):
        return last
    return ""


def linked_share(line: str, links: set[str]) -> float:
    """How much of a line is the text of links ("headline + teaser" rows of a listing are two links)."""
    line_key = key(line)
    if not line_key:
        return 0.0
    if line_key in links:
        return 1.0
    covered = sum(len(link) for link in links if len(link) < len(line_key) and link in line_key)
    return min(1.0, covered / len(line_key))


def is_link_line(line: str, links: set[str]) -> bool:
    line_key = key(line.lstrip("-•*> "))
    return bool(line_key) and line_key in links


def cut_tail(lines: list[str], links: set[str]) -> list[str]:
    """Drop related-links blocks, reference lines and prompts; keep the article's own paragraphs.

    A block heading ("Tin liên quan", "Don't miss") goes with the linked headlines under it; prose
    after the block stays (some templates put the block mid-article).
    """
    kept: list[str] = []
    in_block = False
    for line in lines:
        if in_block and (is_link_line(line, links) or (line.startswith("- ") and len(line) < 160)):
            continue
        in_block = False
        if TAIL_MARKER.match(line):
            in_block = True
            continue
        if REFERENCE_LINE.match(line) or PROMPT_LINE.match(line):
            continue
        kept.append(line)
    # a trailing run of linked headlines (a "read next" list without a heading)
    while len(kept) > 1 and is_link_line(kept[-1], links):
        kept.pop()
    # linked list items anywhere ("- <a>Headline</a>")
    return [line for line in kept if not (line.startswith("- ") and is_link_line(line, links))]


def confirmed_lead(lead: str, lead_class: str, description: str) -> str:
    """The lead found on the page, if it really is the article's lead paragraph.

    A block classed "sapo" is; another lead-ish block ("description", "summary", "lead") only when
    the page's meta description says the same thing.
    """
    if not lead or "function(" in lead:
        return ""
    if "sapo" in lead_class.lower() or lead_class == "meta-description":
        return lead
    lead_key, description_key = key(lead), key(description)
    if len(description_key) >= 30 and (description_key[:40] in lead_key or lead_key[:40] in description_key):
        return lead
    return ""


WORD = re.compile(r"\w+")


def shingle_set(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """The text's word n-grams (lower case); a text shorter than n words is one short tuple."""
    tokens = WORD.findall(text.lower())
    if len(tokens) < n:
        return {tuple(tokens)}
    return set(zip(*(tokens[i:] for i in range(n))))


def contained(inner: set, outer: set) -> float:
    """Share of `inner`'s word 4-grams also in `outer`."""
    return len(inner & outer) / len(inner) if inner else 0.0


def agree(first: list[str], second: list[str]) -> bool:
    """Two extractions of the same page that are about the same length and mostly the same words."""
    a, b = "\n".join(first), "\n".join(second)
    if not a or not b or not 0.77 < len(b) / len(a) < 1.3:
        return False
    if _shared_lines(first, second) >= 0.95:
        return True  # the same paragraphs with at most a line or two apart: no need to count 4-grams
    sa, sb = shingle_set(a), shingle_set(b)
    return contained(sa, sb) > 0.8 and contained(sb, sa) > 0.8


def _shared_lines(first: list[str], second: list[str]) -> float:
    """The smaller of the two shares of text (in characters) made of lines found verbatim in the other."""
    in_first, in_second = set(first), set(second)
    shared_first = sum(len(line) for line in first if line in in_second)
    shared_second = sum(len(line) for line in second if line in in_first)
    return min(shared_first / max(1, sum(map(len, first))), shared_second / max(1, sum(map(len, second))))


def combine(primary: list[str], second: list[str]) -> list[str]:
    """trafilatura's text, unless readability's clearly holds more of the same article, or the same
    article with less around it (measured on the Zyte set: +0.01 F1 over either alone)."""
    if not second:
        return primary
    if not primary:
        return second
    a, b = "\n".join(primary), "\n".join(second)
    if len(a) < 250 <= len(b):
        return second   # trafilatura found next to nothing
    sa, sb = shingle_set(a), shingle_set(b)
    if len(b) > 1.3 * len(a) and contained(sa, sb) > 0.8:
        return second   # trafilatura stopped early
    if 200 < len(b) < 0.85 * len(a) and contained(sb, sa) > 0.9:
        return second   # trafilatura took boilerplate around the article
    return primary


def with_lead(lines: list[str], lead: str) -> list[str]:
    """Put the lead first when the extractor dropped it."""
    if not lead:
        return lines
    lead_key = key(lead)[:60]
    if not lead_key or any(lead_key in key(line) for line in lines[:4]):
        return lines
    return [lead, *lines]
