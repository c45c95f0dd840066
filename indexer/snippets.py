"""Highlighting in the original accented text, whatever form the query was typed in.

The text is folded character by character (`fold_chars`: lower case, diacritics off, same
length, so offsets stay valid) and searched for the query's folded syllables with a plain
pattern; a syllable the user typed with diacritics only counts where the text has exactly that
accented form. Folding is one numpy table lookup over the text's code points, so snippets cost
little even for long articles, and the patterns are tiny (cheap to compile for every query).
"""

from __future__ import annotations

import html
from functools import lru_cache

import numpy as np

from .analysis import fold, spellings, syllable_at, touches_number
from .query import Term
from .terms import forms as canonical_forms

SNIPPET_CHARS = 220
SCAN_CHARS = 6000  # look for the best passage in the beginning of long articles first
SNIPPET_MAX_CHARS = 200_000  # ... and no further than this: a huge body costs no more than a long one


def _fold_table() -> np.ndarray:
    """Code point → code point of its lower-case folded form, where that is one character."""
    table = np.arange(0x10000, dtype=np.uint32)
    for code in list(range(0x80, 0x250)) + list(range(0x1E00, 0x1F00)) + [0x0130]:
        char = chr(code)
        low = char.lower()
        if len(low) == 1:
            folded = fold(low)
            table[code] = ord(folded) if len(folded) == 1 else ord(low)
    table[0x41:0x5B] += 32  # A-Z
    # other scripts: lower case only (no Vietnamese letters there)
    for code in range(0x250, 0x10000):
        if 0x1E00 <= code < 0x1F00 or 0xD800 <= code < 0xE000:
            continue
        low = chr(code).lower()
        if len(low) == 1:
            table[code] = ord(low)
    return table


_FOLD_TABLE = _fold_table()


class _FoldDict(dict):
    """The same table for str.translate, filled as characters are met (quicker for short texts)."""

    def __missing__(self, code: int) -> int:
        value = int(_FOLD_TABLE[code]) if code <= 0xFFFF else code
        self[code] = value
        return value


_FOLD_DICT = _FoldDict()


def fold_chars(text: str) -> str:
    """`text` lower-cased and folded character by character: same length, offsets stay valid."""
    if text.isascii():
        return text.lower()
    if len(text) < 300:
        return text.translate(_FOLD_DICT)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = _FOLD_TABLE[np.minimum(codes, 0xFFFF)]
    if codes.max() > 0xFFFF:
        folded = np.where(codes > 0xFFFF, codes, folded)
    return folded.tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1024)
def _wanted(terms: tuple[Term, ...]) -> dict[str, set[str] | None]:
    """Folded syllable → the accented forms that count (None: any form, it was typed without)."""
    exact: dict[str, set[str] | None] = {}
    for t in terms:
        if not t.accented:
            exact[t.folded] = None
        elif exact.get(t.folded, set()) is not None:
            exact.setdefault(t.folded, set()).add(t.text)
    return exact


def word_positions(folded: str, word: str) -> list[int]:
    """Where `word` stands as a whole word in `folded` (str.find: far quicker than a regex scan)."""
    out = []
    size, length = len(word), len(folded)
    i = folded.find(word)
    while i >= 0:
        j = i + size
        if (i == 0 or not folded[i - 1].isalnum()) and (j >= length or not folded[j].isalnum()):
            out.append(i)
            i = folded.find(word, j + 1)
        else:
            i = folded.find(word, i + 1)
    return out


def syllable_positions(text: str, folded: str, word: str) -> list[tuple[int, int]]:
    """Spans of `folded` (= fold_chars(text[:len(folded)])) that read as the folded canonical syllable
    `word`, in any of its spellings ("li": "lý", "lí"; "1500": "1.500", "1500")."""
    out = []
    numeric = word[0].isdigit() or word[-1].isdigit()
    for spelling in spellings(word):
        size = len(spelling)
        for i in word_positions(folded, spelling):
            if (numeric and touches_number(folded, i, i + size)) or spelling != word:
                found = syllable_at(text[:len(folded)], i, i + size)
                if found is None or fold(found.text) != word:
                    continue
            out.append((i, i + size))
    return out


def find_spans(text: str, terms: tuple[Term, ...], limit: int | None = None,
               folded: str | None = None) -> list[tuple[int, int]]:
    """Character spans of `text` (up to `limit` characters) matching the query's syllables.

    `folded`: `fold_chars` of that part of the text, when the caller already has it."""
    wanted = _wanted(terms)
    if not wanted or not text:
        return []
    if folded is None:
        folded = fold_chars(text if limit is None else text[:limit])
    spans = []
    for word, forms in wanted.items():
        if forms is None:
            spans += syllable_positions(text, folded, word)
        else:
            spans += [(i, j) for i, j in syllable_positions(text, folded, word)
                      if canonical_forms(text[i:j])[0] in forms]
    spans.sort()
    return spans


def _joins(gap: str) -> bool:
    """Whether two marked syllables this far apart are one word: a space or two, a hyphen, a "%"."""
    return 0 < len(gap) <= 3 and not gap.strip(" \u00a0-%")


def joined(text: str, spans: list[tuple[int, int]], lone: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Sorted spans with neighbours separated by one space or hyphen made one: "<mark>Hà Nội</mark>"
    reads as the word it is, not as two syllables marked apart.

    A syllable the text uses inside such a run of the query's syllables is not marked again on
    its own: with "ha noi" standing together as "Hà Nội", a lone "nói" (to say) elsewhere is not
    what was looked for. A word never seen in a run (the "covid" of "thủ tướng covid") stays marked.
    `lone`: the folded syllables that may be marked on their own at all (the query's one-syllable
    words, once its syllables are read as words: "tải" is not "tai nạn"); None: any."""
    runs: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if runs and _joins(text[runs[-1][-1][1]:s]):
            runs[-1].append((s, e))
        else:
            runs.append([(s, e)])
    in_runs = {canonical_forms(text[s:e])[1] for run in runs if len(run) > 1 for s, e in run}
    return [(run[0][0], run[-1][1]) for run in runs
            if len(run) > 1 or _alone(canonical_forms(text[run[0][0]:run[0][1]])[1], in_runs, lone)]


def _alone(key: str, in_runs: set[str], lone: frozenset[str] | None) -> bool:
    return key not in in_runs and (lone is None or key in lone)


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None,
         lone: frozenset[str] | None = None) -> str:
    """HTML-escaped text[start:end] with the spans inside it in <mark>, neighbouring ones joined."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in joined(text, spans, lone):
        if s < start or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, terms: tuple[Term, ...], lone: frozenset[str] | None = None) -> str:
    return mark(text, find_spans(text, terms), lone=lone)


def marked_spans(text: str, terms: tuple[Term, ...], lone: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets `highlight` puts in <mark>, as data: neighbouring syllables joined
    into the word they form, lone syllables only where they may stand alone (keyword in context)."""
    return joined(text, find_spans(text, terms), lone)


def snippet(text: str, terms: tuple[Term, ...], size: int = SNIPPET_CHARS, folded: str | None = None,
            lone: frozenset[str] | None = None) -> str:
    """The passage of about `size` characters with the most different matched syllables.

    `folded`: `fold_chars(text[:SCAN_CHARS])`, when the caller has it already."""
    if not text:
        return ""
    if folded is None:
        folded = fold_chars(text[:SCAN_CHARS])
    spans = find_spans(text, terms, SCAN_CHARS, folded)
    if not spans and len(text) > SCAN_CHARS:
        folded = fold_chars(text[:SNIPPET_MAX_CHARS])
        spans = find_spans(text, terms, SNIPPET_MAX_CHARS, folded)
    if not spans:
        start, end = 0, min(len(text), size)
    else:
        keys = [canonical_forms(text[a:b])[1] for a, b in spans]  # "Lý" and "lí" are one syllable
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
    body = mark(text, spans, start, end, lone).strip()
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _is_word_char(char: str) -> bool:
    return char.isalnum()
