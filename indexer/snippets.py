"""Highlighting in the original accented text, whatever form the query was typed in.

The text is folded character by character (same length, so offsets stay valid) and searched for
the query's folded syllables; a syllable the user typed with diacritics only counts where the
text has exactly that accented form.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .analysis import fold, normalize
from .query import Term

SNIPPET_CHARS = 220
SCAN_CHARS = 6000  # look for the best passage in the beginning of long articles first
_WORD = r"[^\W_]"


def _variants() -> dict[str, str]:
    """Every lower-case letter that folds to each base letter: 'a' → 'aàáảãạăằ…', 'd' → 'dđ'."""
    table: dict[str, set[str]] = {}
    for code in list(range(0x20, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code).lower()
        if len(char) != 1 or not char.isalpha():
            continue
        base = fold(char)
        if len(base) == 1 and base.isascii():
            table.setdefault(base, {base}).add(char)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


_VARIANTS = _variants()


def _syllable_pattern(folded: str) -> str:
    """A regex matching the syllable in any accent form (case is left to re.IGNORECASE)."""
    out = []
    for char in folded:
        chars = _VARIANTS.get(char)
        out.append(f"[{re.escape(chars)}]" if chars and len(chars) > 1 else re.escape(char))
    return "".join(out)


@lru_cache(maxsize=256)
def _matcher(terms: tuple[Term, ...]):
    folded = sorted({t.folded for t in terms}, key=len, reverse=True)
    if not folded:
        return None, {}
    alternatives = "|".join(f"(?P<t{i}>{_syllable_pattern(f)})" for i, f in enumerate(folded))
    pattern = re.compile(rf"(?<!{_WORD})(?:{alternatives})(?!{_WORD})", re.IGNORECASE)
    exact: dict[str, set[str] | None] = {}
    for t in terms:  # None: any accent form matches (typed without diacritics)
        if not t.accented:
            exact[t.folded] = None
        elif exact.get(t.folded, set()) is not None:
            exact.setdefault(t.folded, set()).add(t.text)
    wanted = {f"t{i}": exact[f] for i, f in enumerate(folded)}
    return pattern, wanted


def find_spans(text: str, terms: tuple[Term, ...], limit: int | None = None) -> list[tuple[int, int]]:
    """Character spans of `text` (up to `limit` characters) matching the query's syllables."""
    pattern, wanted = _matcher(terms)
    if pattern is None or not text:
        return []
    spans = []
    for match in pattern.finditer(text, 0, len(text) if limit is None else limit):
        forms = wanted[match.lastgroup]
        if forms is None or normalize(match.group()) in forms:
            spans.append(match.span())
    return spans


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """HTML-escaped text[start:end] with the spans inside it in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, terms: tuple[Term, ...]) -> str:
    return mark(text, find_spans(text, terms))


def snippet(text: str, terms: tuple[Term, ...], size: int = SNIPPET_CHARS) -> str:
    """The passage of about `size` characters with the most different matched syllables."""
    if not text:
        return ""
    spans = find_spans(text, terms, SCAN_CHARS)
    if not spans and len(text) > SCAN_CHARS:
        spans = find_spans(text, terms)
    if not spans:
        start, end = 0, min(len(text), size)
    else:
        keys = [fold(text[a:b].lower()) for a, b in spans]
        best, best_score = spans[0][0], -1
        j = 0
        for i, (s, _) in enumerate(spans):
            while j < len(spans) and spans[j][1] <= s + size - 40:
                j += 1
            distinct = len(set(keys[i:j]))
            score = distinct * 1000 + (j - i)
            if score > best_score:
                best, best_score = s, score
        start = max(0, best - 40)
        end = min(len(text), start + size)
    # widen to whole words
    while start > 0 and not text[start - 1].isspace() and _is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    body = mark(text, spans, start, end).strip()
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _is_word_char(char: str) -> bool:
    return char.isalnum()
