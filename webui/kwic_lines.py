"""Keyword in context, the text part: an article's matches cut into `left | match | right` lines.

Pure functions over plain data (no Flask, no index): the engine says where the query's words stand
(`Engine.match_spans`, the very spans the search page highlights); this module cuts the context
around each at word boundaries, never across a paragraph (the store keeps one paragraph a line),
and gives the sort keys of the words beside a match, folded so that "Hà" and "ha" sort together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

CONTEXT_CHARS = 60   # at most this many characters each side of a match, whole words only
ELLIPSIS = "…"
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")   # letters and digits, and the tones of text in NFD
SORT_WORDS = 3   # the words beside a match that its sort key looks at
_OPEN_END = " ,.;:!?)]}»”’"    # what a cut context does not start with: the end of a clause it cut off
_OPEN_START = " ([{«“‘"        # ... nor end with: the start of one


@dataclass(frozen=True)
class Article:
    """What a line says of its article (from a search hit); the text itself is not kept."""
    id: int
    title: str
    source: str
    published: datetime | None
    url: str


@dataclass(frozen=True)
class Line:
    """One occurrence: the context as plain text (the template escapes it)."""
    article: Article
    left: str
    match: str
    right: str
    start: int           # offset of the match in the article's text (`article_text`)
    in_title: bool = False


def article_text(title: str, body: str) -> str:
    """The text matched: the title as the first paragraph, then the body (one paragraph a line)."""
    return f"{title}\n{body}" if title else body


def is_word_char(char: str) -> bool:
    """A letter or digit, or a combining diacritic (text in NFD keeps its tones as separate characters)."""
    return char.isalnum() or "\u0300" <= char <= "\u036f"


def _squeeze(piece: str) -> str:
    """Runs of white space as one space (a space next to the match is kept: it shows in the CSV)."""
    inner = " ".join(piece.split())
    if not inner:
        return " " if piece else ""
    return (" " if piece[0].isspace() else "") + inner + (" " if piece[-1].isspace() else "")


def left_context(text: str, start: int, width: int = CONTEXT_CHARS) -> str:
    """Up to `width` characters before `start`: from the paragraph's start, or else from a word's
    start with "…" to say it was cut."""
    paragraph = text.rfind("\n", 0, start) + 1
    cut = max(paragraph, start - width)
    if cut == paragraph:
        return _squeeze(text[cut:start]).lstrip()
    while cut < start and is_word_char(text[cut - 1]) and is_word_char(text[cut]):
        cut += 1  # the cut fell inside a word: leave that word out
    return f"{ELLIPSIS} " + _squeeze(text[cut:start]).lstrip(_OPEN_END)


def right_context(text: str, end: int, width: int = CONTEXT_CHARS) -> str:
    """Up to `width` characters after `end`: to the paragraph's end, or else to a word's end and "…"."""
    paragraph = text.find("\n", end)
    paragraph = len(text) if paragraph < 0 else paragraph
    cut = min(paragraph, end + width)
    if cut == paragraph:
        return _squeeze(text[end:cut]).rstrip()
    while cut > end and is_word_char(text[cut - 1]) and is_word_char(text[cut]):
        cut -= 1
    return _squeeze(text[end:cut]).rstrip(_OPEN_START) + f" {ELLIPSIS}"


def lines_of(article: Article, text: str, spans: list[tuple[int, int]], width: int = CONTEXT_CHARS) -> list[Line]:
    """The article's lines, one per span of its `text` (`article_text`), in reading order."""
    title_end = len(article.title) if article.title else -1
    return [Line(article, left_context(text, s, width), text[s:e], right_context(text, e, width), s,
                 in_title=e <= title_end)
            for s, e in spans]


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Lower case without diacritics, đ → d: "Hà" and "ha" sort as one word."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def written_words(text: str) -> list[str]:
    """The words of a context as written, in order; punctuation and the cut mark are not words."""
    return _WORD.findall(text)


def sort_key(line: Line, order: str) -> tuple:
    """The key of `order` ("left" or "right"): the folded words beside the match, nearest first (up to
    `SORT_WORDS`), so "Hà" and "ha" stand together; then the same words as written; then newest first.
    A match with no word on that side sorts last."""
    near = written_words(line.left)[:-SORT_WORDS - 1:-1] if order == "left" else written_words(line.right)[:SORT_WORDS]
    stamp = -line.article.published.timestamp() if line.article.published else float("inf")
    return (not near, tuple(fold_word(w) for w in near), tuple(w.lower() for w in near), stamp,
            line.article.id, line.start)
