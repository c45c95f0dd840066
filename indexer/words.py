"""Reading a query's syllables as words: "tai nan xe may" is "tai nạn" and "xe máy", not four syllables.

Vietnamese writes a space between the syllables of a word, so a query is a run of syllables and
the words must be found again. Two kinds of evidence decide, and neither alone suffices:

- **A word list.** underthesea (a maintained Vietnamese NLP toolkit on PyPI, Apache-2.0) ships
  Viet74K, a list of Vietnamese words, in its wheel; its ~65,000 entries of two syllables or
  more are read once, accented and folded. Matched longest-first, it splits "tai nan xe may"
  into two words and "cong an ha noi" into "công an" and "Hà Nội". Nothing is downloaded and
  underthesea itself is never imported (only its data file is read).
- **The archive.** Names are in no word list, and in a news archive the syllables of a name are
  common apart ("Nguyễn", "Phú" and "Trọng" each occur in a third of the articles or more), so
  how often two syllables stand together against apart says little. What the archive can say
  is whether syllables stand together *at all*, and how much of a word's use comes with a given
  neighbour: `together(folded syllables)` counts the articles in which they stand side by side.

The rules, in order:
1. Split the syllables into word-list words (longest and fewest first) and lone syllables.
2. Neighbouring lone syllables that stand together in the archive form one word (names, places
   the list lacks: "nguyen phu trong", "park hang seo"). Where they never stand together, they
   stay words of their own ("gia xang tang" → "gia xang", "tang"); a run of two or more joins a
   further syllable only where they stand together in RUN_SHARE of the run's articles ("trung
   quốc" (418 articles) + "mỹ": 2, so two words; "nguyễn phú" (21) + "trọng": 3, one name).
3. A lone syllable joins a neighbouring listed word when it stands beside it in at least
   NEIGHBOUR_SHARE of the word's articles ("Nguyễn" + "Xuân Phúc": the word is mostly that name).
4. Two listed words join when they stand together in at least COMPOUND_SHARE of the rarer one's
   articles ("tai nạn" + "giao thông"; never "công an" + "Hà Nội", 3 %).
   Rules 3 and 4 need the listed word in MIN_EVIDENCE articles: in a small archive (the demo's
   180) a share of two or three articles says nothing, and listed words stay words of their own.
5. No word is longer than MAX_WORD syllables, and every word of two syllables or more stands
   together somewhere in the archive (else it is split back into syllables).

Measured with bench/bench_matching.py (88 word queries whose words were marked by hand): the
reading agrees with the hand-marked words for 86 of 88 queries, accented and unaccented.
The cost is one posting-list intersection per decision, linear in the query's length.
"""

from __future__ import annotations

import importlib.util
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from .analysis import normalize
from .query import Term

log = logging.getLogger(__name__)

JOINED_LETTERS = (4, 24)    # a token this long, of plain letters, may be syllables written together
MAX_WORD = 6               # syllables in one word at most (names run to four or five)
LISTED_LONGEST = 4         # word-list words looked for, in syllables
RUN_SHARE = 0.05           # rule 2, for a run already of two syllables or more
NEIGHBOUR_SHARE = 0.2      # rule 3
COMPOUND_SHARE = 0.35      # rule 4
MIN_EVIDENCE = 10          # rules 3 and 4 trust a share only over this many articles of the listed word
WORD_LIST = ("corpus", "data", "Viet74K.txt")   # inside the underthesea package


@dataclass(frozen=True)
class WordList:
    accented: frozenset[str]   # "tai nạn", normalised (one tone placement, lower case)
    folded: frozenset[str]     # "tai nan"

    def __contains__(self, terms: Sequence[Term]) -> bool:
        """Whether the syllables form a listed word: by their accents when any was typed, else folded."""
        if any(t.accented for t in terms):
            return " ".join(t.text for t in terms) in self.accented
        return " ".join(t.folded for t in terms) in self.folded


def word_list_path() -> Path | None:
    """Viet74K.txt inside the installed underthesea package, found without importing it."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *WORD_LIST)
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def word_list() -> WordList:
    """The words of two syllables or more; empty (the archive's evidence alone) without underthesea."""
    path = word_list_path()
    if path is None:
        log.warning("the Vietnamese word list (underthesea's Viet74K) is not installed: queries are read "
                    "into words by the archive's evidence alone; `pip install underthesea` restores it")
        return WordList(frozenset(), frozenset())
    text = normalize(path.read_text(encoding="utf-8").replace("-", " "))   # the whole file at once: 10× quicker
    accented = frozenset(word for word in (" ".join(line.split()) for line in text.splitlines())
                         if " " in word and word.count(" ") < LISTED_LONGEST)
    return WordList(accented, _folded(accented))


_WITHOUT_MARKS = {code: None for code in range(0x300, 0x370)} | {ord("đ"): "d"}   # the marks a word list has


def _folded(words: frozenset[str]) -> frozenset[str]:
    """The folded forms, folded as one text with str.translate (as `fold` does, 8× quicker)."""
    return frozenset(unicodedata.normalize("NFD", "\n".join(words)).translate(_WITHOUT_MARKS).split("\n"))


def read_words(terms: Sequence[Term], together: Callable[[list[str]], int],
               words: WordList | None = None) -> tuple[int, ...]:
    """The query's syllables grouped into words: the length of each word, in order (sums to len(terms)).

    `together(folded)` counts the articles in which those syllables (two or more) stand side by side."""
    if len(terms) < 2:
        return (1,) * len(terms)
    listed = words if words is not None else word_list()
    spans = _listed_spans(terms, listed)
    folded = [t.folded for t in terms]
    counts: dict[tuple[int, int], int] = {}

    def count(start: int, end: int) -> int:
        if (start, end) not in counts:
            counts[start, end] = together(folded[start:end])
        return counts[start, end]

    words_: list[list[int]] = []        # [start, end, listed (1) or not (0)]
    for start, end, is_listed in spans:
        if words_:
            last = words_[-1]
            if end - last[0] <= MAX_WORD and _joins(last, [start, end, is_listed], count):
                last[1], last[2] = end, last[2] or is_listed
                continue
        words_.append([start, end, is_listed])
    lengths: list[int] = []
    for start, end, _ in words_:
        if end - start > 1 and count(start, end) == 0:   # rule 5: never together: its syllables
            lengths += [1] * (end - start)
        else:
            lengths.append(end - start)
    return tuple(lengths)


def _joins(left: list[int], right: list[int], count: Callable[[int, int], int]) -> bool:
    """Rules 2-4 for two neighbouring words."""
    joined = count(left[0], right[1])
    if joined == 0:
        return False
    if not left[2] and not right[2]:                                  # rule 2
        runs = [count(*word[:2]) for word in (left, right) if word[1] - word[0] > 1]
        return all(joined >= RUN_SHARE * together for together in runs)
    if left[2] and right[2]:                                          # rule 4
        rarer = min(count(*left[:2]), count(*right[:2]))
        return rarer >= MIN_EVIDENCE and joined >= COMPOUND_SHARE * rarer
    word = count(*(left if left[2] else right)[:2])                   # rule 3
    return word >= MIN_EVIDENCE and joined >= NEIGHBOUR_SHARE * word


def _listed_spans(terms: Sequence[Term], listed: WordList) -> list[tuple[int, int, int]]:
    """(start, end, 1) for word-list words and (i, i + 1, 0) for lone syllables: the split that
    covers the most syllables with listed words, then has the fewest pieces."""
    n = len(terms)
    best: list[tuple[int, int, list[tuple[int, int, int]]] | None] = [(0, 0, [])] + [None] * n
    for end in range(1, n + 1):
        choices = []
        for size in range(1, min(LISTED_LONGEST, end) + 1):
            before = best[end - size]
            assert before is not None
            start = end - size
            if size == 1:
                choices.append((before[0], before[1] - 1, before[2] + [(start, end, 0)]))
            elif terms[start:end] in listed:
                choices.append((before[0] + size, before[1] - 1, before[2] + [(start, end, 1)]))
        best[end] = max(choices, key=lambda choice: (choice[0], choice[1]))
    final = best[n]
    assert final is not None
    return final[2]


def split_joined(token: str, known: Callable[[str], bool], together: Callable[[list[str]], int]) -> list[str] | None:
    """A token the archive does not hold, read as syllables it holds written together ("vietnam" →
    "viet nam", "hochiminh" → "ho chi minh"): of the splits into known syllables, the one whose
    syllables stand together in the most articles (None: no split stands together anywhere)."""
    if not (JOINED_LETTERS[0] <= len(token) <= JOINED_LETTERS[1] and token.isascii() and token.isalpha()):
        return None
    splits: dict[int, list[list[str]]] = {len(token): [[]]}
    for start in range(len(token) - 1, -1, -1):          # every split of token[start:] into known syllables
        found = []
        for end in range(start + 1, min(len(token), start + 7) + 1):
            piece = token[start:end]
            if end in splits and known(piece):
                found += [[piece, *rest] for rest in splits[end] if len(rest) < MAX_WORD]
        if found:
            splits[start] = found[:64]
    best: tuple[int, int, list[str]] | None = None
    for split in splits.get(0, []):
        if len(split) < 2:
            continue
        count = together(split)
        if count and (best is None or (count, -len(split)) > best[:2]):
            best = (count, -len(split), split)
    return best[2] if best else None


def keep_together(lengths: tuple[int, ...], fixed: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """The word lengths with each (start, end) of `fixed` inside one word (syllables the user wrote
    as one token, "hochiminh"), the words it overlaps merged."""
    if not fixed:
        return lengths
    starts, at = [], 0
    for length in lengths:
        starts.append(at)
        at += length
    ends = [start + length for start, length in zip(starts, lengths)]
    merged: list[list[int]] = []
    for start, end in zip(starts, ends):
        if merged and any(s < start < e for s, e in fixed):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return tuple(end - start for start, end in merged)
