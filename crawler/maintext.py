"""The article's running text: the source's body selector, else trafilatura, with the lead (sapo) kept.

Related-links blocks, comment sections, share bars and caption widgets are pruned before extraction,
by class/id names that Vietnamese and international news templates use for them.
"""

from __future__ import annotations

import copy
import re

import trafilatura
from trafilatura.settings import use_config

from .selectors import select_all

# class/id fragments of blocks that are never the article's text
NOISE_WORDS = (
    "related", "relate-", "lienquan", "lien-quan", "lien_quan", "tinlienquan", "tin-lien-quan", "tinkhac",
    "tin-khac", "xemthem", "xem-them", "readmore", "read-more", "comment", "binhluan", "binh-luan",
    "social", "share", "sharing", "newsletter", "breadcrumb", "box-tag", "tags-", "tag-list", "list-tag",
    "banner", "quangcao", "quang-cao", "advert", "sponsor", "most-viewed", "mostview", "doc-nhieu",
    "docnhieu", "tin-noi-bat", "trending", "caption", "gallery", "slideshow", "photo-credit",
)
NOISE_XPATH = (
    "//*[self::aside or self::figcaption or self::nav or self::footer or self::form"
    " or self::noscript or self::iframe or self::video or self::audio]"
    " | //*[" + " or ".join(
        f"contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'{w}')"
        f" or contains(translate(@id,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'{w}')"
        for w in NOISE_WORDS
    ) + "]"
)
# class fragments of a lead paragraph (sapo) on Vietnamese and other news templates
LEAD_XPATH = (
    "//*[self::p or self::h2 or self::div or self::span or self::strong][" + " or ".join(
        f"contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'{w}')"
        for w in ("sapo", "lead", "description", "summary", "chapeau", "excerpt", "intro", "standfirst")
    ) + "]"
)
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")
BOILERPLATE_LINE = re.compile(
    r"^(?:chia sẻ|bình luận|xem thêm|tin liên quan|đọc thêm|bài liên quan|theo dõi|share|tweet|"
    r"gửi bình luận|in bài|quay lại|lên đầu trang|advertisement|quảng cáo)\s*:?$",
    re.IGNORECASE,
)

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeouts inside worker processes
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")


def tidy_lines(text: str) -> list[str]:
    """Paragraphs with whitespace collapsed; empty and boilerplate lines dropped."""
    lines = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line and not BOILERPLATE_LINE.match(line):
            lines.append(line)
    return lines


def _element_paragraphs(element) -> list[str]:
    element = copy.deepcopy(element)
    for noise in element.xpath(".//script | .//style | " + NOISE_XPATH.replace("//*", ".//*")):
        if noise.getparent() is not None:
            noise.drop_tree()
    blocks = [b for b in element.iter(*BLOCK_TAGS) if not any(a.tag in BLOCK_TAGS for a in b.iterancestors())]
    if not blocks:
        return tidy_lines(element.text_content())
    return tidy_lines("\n".join(b.text_content() for b in blocks))


def selector_body(tree, css: str) -> list[str]:
    """Paragraphs of the elements the source's body selector picks (noise pruned)."""
    lines: list[str] = []
    for element in select_all(tree, css):
        lines.extend(_element_paragraphs(element))
    return lines


def trafilatura_body(tree, url: str) -> list[str]:
    text = trafilatura.extract(
        tree, url=url, include_comments=False, include_tables=True, include_images=False,
        output_format="txt", deduplicate=False, fast=False, config=_CONFIG, prune_xpath=NOISE_XPATH,
    )
    return tidy_lines(text or "")


def find_lead(tree) -> str:
    """The visible lead paragraph (sapo) of the page, or ""."""
    for element in tree.xpath(LEAD_XPATH):
        text = " ".join(element.text_content().split())
        if 40 <= len(text) <= 1200:
            return text
    return ""


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def with_lead(lines: list[str], lead: str) -> list[str]:
    """Put the lead first when the extractor dropped it (trafilatura often does on Vietnamese sites)."""
    if not lead:
        return lines
    lead_key = _key(lead)[:60]
    if not lead_key or any(lead_key in _key(line) for line in lines[:4]):
        return lines
    return [lead, *lines]
