"""CSS selectors from a source's config, applied to an lxml tree (compiled once, cached)."""

from __future__ import annotations

from functools import lru_cache

from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from .errors import BadSelector


@lru_cache(maxsize=256)
def compile_selector(css: str) -> CSSSelector:
    try:
        return CSSSelector(css, translator="html")
    except SelectorError as exc:
        raise BadSelector(f"invalid CSS selector {css!r}: {exc}") from exc


def select_all(tree, css: str) -> list:
    """Elements matching `css` in document order; an empty selector matches nothing."""
    if not css or not css.strip():
        return []
    return compile_selector(css.strip())(tree)


def select_text(tree, css: str) -> str:
    """The whitespace-collapsed text of the first element matching `css`, or ""."""
    for element in select_all(tree, css):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return ""
