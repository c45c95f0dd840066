"""readability-lxml as the arbiter when trafilatura and our densest-block check disagree.

It costs 3-4× the rest of the cleaning, so it runs only on the pages where the two cheap opinions
differ (about one page in seven on the Zyte set). Its warnings and errors stay out of the way.
"""

from __future__ import annotations

import copy
import logging

import lxml.html
from readability import Document

from .maintext import element_paragraphs

logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs every candidate at INFO/DEBUG


def readability_body(tree) -> list[str]:
    """Paragraphs of readability's main block (run on a copy: readability edits the tree)."""
    try:
        summary = Document(copy.deepcopy(tree)).summary(html_partial=True)
        if not summary or not summary.strip():
            return []
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - it asserts and raises many kinds on trees it cannot read: no opinion then
        return []
    return element_paragraphs(fragment)
