"""Image captions that stand inside the article, put back into the body in reading order.

trafilatura leaves figures out of the text, and with them their captions; on Vietnamese news a
caption is a sentence of the article ("Y bác sĩ nội soi cho bệnh nhân. Ảnh: …") that the reader
reads between two paragraphs. A caption is kept when it stands between two paragraphs the body
already holds, so captions of teasers and of the page's furniture stay out; so do a slideshow's
(a gallery shows one picture at a time, its captions are no part of the running text).
"""

from __future__ import annotations

import re
import unicodedata

from .maintext import key

CAPTION_CLASS = re.compile(
    r"caption|chuthich|chu-thich|chu_thich|image-desc|img-desc|imgdesc|photo-desc|desc-img|pic-desc|legend",
    re.IGNORECASE)
CAPTION_CHARS = (12, 400)
# A credit alone, or the "illustration photo" placeholder ("Ảnh minh họa."): no sentence of the article.
CREDIT_ONLY = re.compile(r"^(?:(?:ảnh|photo|video|nguồn|source|credit)\s*:|(?:ảnh|hình)\s+minh\s+(?:họa|hoạ)\b)",
                         re.IGNORECASE)
ANCHOR_CHARS = 40  # the opening of a line looked for in the page's text
SLIDESHOW = re.compile(r"gallery|slide|carousel|swiper|album", re.IGNORECASE)  # one picture at a time: not read


def figure_captions(tree) -> list[str]:
    """Caption texts of the page, in page order: <figcaption>, and elements classed as captions
    ("caption", "chuthich"…, VnExpress's `<p class="Image">`) that hold no image themselves."""
    body = tree.find(".//body")
    if body is None:
        return []
    captions: list[str] = []
    for element in body.iter():  # faster than an XPath sieve with contains() (measured)
        tag = element.tag
        names = element.get("class") if isinstance(tag, str) else None
        is_caption = tag == "figcaption" or (
            bool(names) and tag in ("p", "div", "span", "td", "em")
            and bool(CAPTION_CLASS.search(names) or names.strip().lower() == "image"))
        if not is_caption or element.find(".//img") is not None or _in_slideshow(element):
            continue
        text = " ".join(element.text_content().split())
        if CAPTION_CHARS[0] <= len(text) <= CAPTION_CHARS[1] and not CREDIT_ONLY.match(unicodedata.normalize("NFC", text)) \
                and (not captions or text not in captions[-1]):
            captions.append(text)
    return captions


def _in_slideshow(element) -> bool:
    return any(SLIDESHOW.search(f"{a.get('class', '')} {a.get('id', '')}") for a in element.iterancestors()
               if a.tag != "body")


def with_captions(lines: list[str], captions: list[str], page_text: str) -> list[str]:
    """`lines` with each caption that stands between two of them in the page put there."""
    if not captions or len(lines) < 2 or not page_text:
        return lines
    positions: list[int] = []
    cursor = 0
    for line in lines:
        found = page_text.find(line[:ANCHOR_CHARS], cursor)
        positions.append(found)
        if found >= 0:
            cursor = found
    body_keys = key(" ".join(lines))
    inserts: list[tuple[int, str]] = []
    for caption in captions:
        caption_key = key(caption)
        if not caption_key or caption_key in body_keys:
            continue
        at = page_text.find(caption[:ANCHOR_CHARS])
        if at < 0:
            continue
        before = [i for i, p in enumerate(positions) if 0 <= p < at]
        after = [i for i, p in enumerate(positions) if p > at]
        if before and after and after[0] > before[-1]:
            inserts.append((after[0], caption))
    for index, caption in reversed(sorted(inserts, key=lambda item: item[0])):  # captions at one place keep their order
        lines = lines[:index] + [caption] + lines[index:]
    return lines
