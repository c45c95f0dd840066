"""Suggestions from the index's own vocabulary.

- `suggestion`: for a query typed without diacritics, its likely accented form ("ha noi" →
  "hà nội"): the spelling the best-matching articles use for those syllables side by side
  (they are at hand, ranked first because their syllables stand together); when no article has
  them together, each syllable's most frequent accented form in the index's vocabulary.
- `correction`: for a syllable the index does not hold, the same syllable with other accents
  ("nọi" → "nội"), or else the most frequent syllable one edit away.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from typing import Callable

from .analysis import as_written, fold, folded_syllable, nfc, normalize, spellings, syllables
from .query import Term, Words
from .snippets import SCAN_CHARS, fold_chars, word_positions
from .terms import NEIGHBOURS
from .vocabulary_file import read_vocabulary

CANDIDATES = 5
_LETTERS = string.ascii_lowercase + string.digits


class SegmentVocabulary:
    """One segment's syllables: folded form → {accented form: document frequency}, and folded frequencies.

    Read from the vocabulary file the writer saves with each segment (a Whoosh term-table
    scan is the fallback, e.g. for a segment merged by Whoosh itself).
    """

    def __init__(self, reader):
        saved = read_vocabulary(reader)
        if saved is not None:
            self.forms, self.folded_df = saved
            return
        self.forms: dict[str, dict[str, int]] = {}
        self.folded_df: dict[str, int] = {}
        for field in ("title", "body"):
            for raw, info in reader.iter_field(field):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                df = info.doc_frequency()
                folded = fold(term)
                if folded == term:
                    self.folded_df[term] = max(self.folded_df.get(term, 0), df)
                else:
                    forms = self.forms.setdefault(folded, {})
                    forms[term] = max(forms.get(term, 0), df)


class Vocabulary:
    """The index's syllables over all segments, and how often two syllables stand side by side.

    `load_parts` is called once, on first use (per-segment parts are cached by the searcher;
    many queries need no vocabulary at all); `pair_df(left, right)` counts a pair's postings."""

    def __init__(self, load_parts: Callable[[], list[SegmentVocabulary]], pair_df: Callable[[str, str], int]):
        self._load_parts = load_parts
        self._parts: list[SegmentVocabulary] | None = None
        self.pair_df = pair_df

    @property
    def parts(self) -> list[SegmentVocabulary]:
        if self._parts is None:
            self._parts = self._load_parts()
        return self._parts

    def forms_of(self, folded: str) -> dict[str, int]:
        merged: dict[str, int] = {}
        for part in self.parts:
            for form, df in part.forms.get(folded, {}).items():
                merged[form] = merged.get(form, 0) + df
        return merged

    def folded_df(self, folded: str) -> int:
        return sum(part.folded_df.get(folded, 0) for part in self.parts)

    def candidates(self, folded: str) -> list[tuple[str, int]]:
        """Accented forms (and the plain one, if it is used on its own), most frequent first."""
        forms = self.forms_of(folded)
        plain = self.folded_df(folded) - sum(forms.values())
        if plain > 0:
            forms[folded] = plain
        return sorted(forms.items(), key=lambda kv: -kv[1])[:CANDIDATES]

    def df(self, term: Term) -> int:
        if term.accented:
            return self.forms_of(term.folded).get(term.text, 0)
        return self.folded_df(term.folded)


def wants_texts(parsed) -> bool:
    """True for a query whose accented form can be suggested (plain words without diacritics)."""
    return isinstance(parsed.root, Words) and not any(t.accented for t in parsed.root.terms)


def suggest(vocabulary: Vocabulary, parsed, total: int, texts: list) -> tuple[str | None, str | None]:
    """(suggestion, correction) for a parsed query; `texts`: titles and bodies of the best hits
    (strings, or (text, fold_chars(text)) pairs)."""
    root = parsed.root
    suggestion = None
    if wants_texts(parsed):
        suggestion = (_accented_from_texts(root.terms, parsed.words, texts)
                      or _accented_from_vocabulary(vocabulary, root.terms, parsed.words))
    correction = None
    if total == 0 and parsed.terms:
        correction = _correction(vocabulary, parsed)
    return suggestion, correction


_written = lru_cache(maxsize=65536)(as_written)


def _accented_from_texts(terms: list[Term], typed: list[str], texts: list) -> str | None:
    """The accented spelling the best-matching articles use for the query's syllables, side by side.

    Readings are counted in canonical form (one tone placement, one i/y spelling), and the winner
    is shown as the articles write it most often ("bác sĩ" where they do, though "bác sỹ" is the
    same word). `texts`: strings, or (text, fold_chars(text)) pairs when the caller has folded them already."""
    def alternatives(term: Term) -> str:
        return "(?:" + "|".join(re.escape(s) for s in spellings(term.folded)) + ")"
    pattern = re.compile(NEIGHBOURS.join(alternatives(t) for t in terms) + r"(?![^\W_])")
    seen: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for text in texts:
        if isinstance(text, tuple):
            text, folded = text
        else:
            text = text[:SCAN_CHARS]
            folded = fold_chars(text)
        for spelling in spellings(terms[0].folded):
            for start in word_positions(folded, spelling):
                match = pattern.match(folded, start)
                if match is None:
                    continue
                found = list(syllables(text, start, match.end()))
                if len(found) != len(terms) or any(folded_syllable(s.text) != t.folded for s, t in zip(found, terms)):
                    continue
                reading = " ".join(s.text for s in found)
                seen[reading] += 1
                written.setdefault(reading, Counter())[" ".join(_written(text[s.start:s.end]) for s in found)] += 1
    if not seen:
        return None
    best = seen.most_common(1)[0][0]
    if all(form == t.folded for form, t in zip(best.split(), terms)):
        return None
    return _apply_case(" ".join(typed), written[best].most_common(1)[0][0].split())


def _accented_from_vocabulary(vocabulary: Vocabulary, terms: list[Term], typed: list[str]) -> str | None:
    """No article has the syllables together: each syllable's most frequent accented form."""
    forms = []
    for term in terms:
        candidates = vocabulary.candidates(term.folded)
        forms.append(candidates[0][0] if candidates else term.folded)
    if all(form == t.folded for form, t in zip(forms, terms)):
        return None
    return _apply_case(" ".join(typed), forms)


def _apply_case(typed: str, forms: list[str]) -> str:
    """The typed words with each syllable replaced by its form, keeping capitals and punctuation;
    a syllable that already reads as its form keeps the typed spelling ("lý" for "lí")."""
    typed = nfc(typed.strip('"'))
    out, cursor = [], 0
    for syllable, form in zip(syllables(typed), forms):
        original = typed[syllable.start:syllable.end]
        if normalize(original) == normalize(form):
            form = original
        elif original.isupper() and len(original) > 1:
            form = form.upper()
        elif original[:1].isupper():
            form = form[:1].upper() + form[1:]
        out += [typed[cursor:syllable.start], form]
        cursor = syllable.end
    out.append(typed[cursor:])
    return "".join(out)


def _correction(vocabulary: Vocabulary, parsed) -> str | None:
    changed = False
    words = []
    terms = parsed.terms
    for i, term in enumerate(terms):
        if vocabulary.df(term) > 0:
            words.append(term.text)
            continue
        left = terms[i - 1].folded if i > 0 else None
        right = terms[i + 1].folded if i + 1 < len(terms) else None

        def in_context(folded: str) -> int:
            return ((vocabulary.pair_df(left, folded) if left else 0)
                    + (vocabulary.pair_df(folded, right) if right else 0))

        better = _closest(vocabulary, term, in_context)
        if better is None:
            words.append(term.text)
        else:
            words.append(better)
            changed = True
    if not changed:
        return None
    typed = " ".join(parsed.words)
    if sum(1 for _ in syllables(nfc(typed.strip('"')))) == len(words):  # keep the typed capitals ("Dien Bien Phuu")
        return _apply_case(typed, words)
    return " ".join(words)


def _closest(vocabulary: Vocabulary, term: Term, in_context) -> str | None:
    """The likeliest known syllable: same letters with other accents, else one edit away;
    among those, the one found next to the query's neighbouring syllables, then the most frequent."""
    if term.accented:  # same letters, other accents ("nọi" → "nội")
        forms = vocabulary.forms_of(term.folded)
        if forms:
            return max(forms.items(), key=lambda kv: kv[1])[0]
    word = term.folded
    if not word.isascii() or not 2 <= len(word) <= 12:  # Vietnamese syllables are short
        return None
    edits = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            edits.add(head + tail[1:])
            if len(tail) > 1:
                edits.add(head + tail[1] + tail[0] + tail[2:])
        for c in _LETTERS:
            edits.add(head + c + tail)
            if tail:
                edits.add(head + c + tail[1:])
    edits.discard(word)
    known = {w: vocabulary.folded_df(w) for w in edits}
    known = {w: df for w, df in known.items() if df > 0}
    if not known:
        return None
    folded = max(known, key=lambda w: (in_context(w), known[w], w))
    forms = vocabulary.forms_of(folded)
    if not term.accented or not forms:
        return folded
    return max(forms.items(), key=lambda kv: kv[1])[0]
