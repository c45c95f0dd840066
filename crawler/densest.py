"""A second opinion on the main text: the block of the page where paragraph text is densest.

The idea of readability (score each paragraph, credit its parent and grandparent, penalise links and
boilerplate class names, take the best container and its paragraph-rich siblings), written small and
run on the tree we already parsed: readability-lxml itself re-cleans the page and costs 3-4× the
whole rest of the cleaning. trafilatura stays the main extractor; crawler/maintext.py uses this block
when it clearly holds more of the article, or clearly less boilerplate.
"""

from __future__ import annotations

import re

from .maintext import element_paragraphs

PARAGRAPH_TAGS = ("p", "pre", "blockquote", "td", "h2", "h3")
MIN_PARAGRAPH = 25
GOOD_NAMES = re.compile(
    r"article|body|content|entry|main|story|text|post|detail|noidung|noi-dung|chitiet|chi-tiet|fck|cms", re.I
)
BAD_NAMES = re.compile(
    r"comment|footer|sidebar|related|share|social|widget|menu|nav|banner|advert|promo|sponsor|popup|"
    r"lienquan|lien-quan|tinkhac|tin-khac|binhluan|binh-luan|most|trending|newsletter|subscribe|caption",
    re.I,
)


def _weight(element) -> float:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if names == " ":
        return 0.0
    weight = 0.0
    if BAD_NAMES.search(names):
        weight -= 25
    if GOOD_NAMES.search(names):
        weight += 25
    return weight


def _link_density(element, text_length: int) -> float:
    if not text_length:
        return 1.0
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return min(1.0, linked / text_length)


def densest_block(tree) -> list[str]:
    """Paragraphs of the page's densest text block, or [] when the page has no paragraphs."""
    body = tree.find(".//body")
    if body is None:
        return []
    scores: dict = {}
    for paragraph in body.iter(*PARAGRAPH_TAGS):
        if paragraph.tag == "td" and paragraph.find(".//table") is not None:
            continue  # a layout cell, not a paragraph
        text = paragraph.text_content()
        length = len(text.strip())
        if length < MIN_PARAGRAPH or _link_density(paragraph, length) > 0.5:
            continue
        score = 1 + text.count(",") + text.count("，") + min(length / 100, 3)
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return []
    best, best_score = None, 0.0
    for candidate, score in scores.items():
        if candidate.tag in ("body", "html"):
            continue
        score = (score + _weight(candidate)) * (1 - _link_density(candidate, len(candidate.text_content())))
        if score > best_score:
            best, best_score = candidate, score
    if best is None:
        return []
    parent = best.getparent()
    chosen = [best]
    if parent is not None:
        threshold = max(10.0, best_score * 0.2)
        chosen = []
        for sibling in parent:
            if sibling is best:
                chosen.append(sibling)
            elif sibling in scores and scores[sibling] + _weight(sibling) >= threshold:
                chosen.append(sibling)
            elif sibling.tag == "p":
                text = sibling.text_content()
                if len(text) > 80 and _link_density(sibling, len(text)) < 0.25:
                    chosen.append(sibling)
    lines: list[str] = []
    for element in chosen:
        lines.extend(element_paragraphs(element))
    return lines
