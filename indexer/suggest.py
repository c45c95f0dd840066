"""Suggestions from the index's own vocabulary.

- `suggestion`: for a query typed without diacritics, its likely accented form ("ha noi" →
  "hà nội"). Each syllable's candidates are the accented forms the index holds for its folded
  form; neighbouring choices are scored by how many documents hold both accented forms with the
  two syllables side by side, and the best sequence wins (a small Viterbi pass).
- `correction`: for a syllable the index does not hold, the same syllable with other accents
  ("nọi" → "nội"), or else the most frequent syllable one edit away.
"""

from __future__ import annotations

import math
import pickle
import re
import string

import numpy as np

from .analysis import fold
from .query import Term, Words
from .writer import VOCABULARY_EXT

CANDIDATES = 5
_LETTERS = string.ascii_lowercase + string.digits


class SegmentVocabulary:
    """One segment's syllables: folded form → {accented form: document frequency}, and folded frequencies.

    Read from the vocabulary file the writer saves with each segment (a Whoosh term-table
    scan is the fallback, e.g. for a segment merged by Whoosh itself).
    """

    def __init__(self, reader):
        self.forms: dict[str, dict[str, int]] = {}
        self.folded_df: dict[str, int] = {}
        for term, df in _segment_terms(reader):
            folded = fold(term)
            if folded == term:
                if df > self.folded_df.get(term, 0):
                    self.folded_df[term] = df
            else:
                forms = self.forms.setdefault(folded, {})
                if df > forms.get(term, 0):
                    forms[term] = df


def _segment_terms(reader):
    try:
        segment = reader.segment()
        with segment.open_file(reader.storage(), VOCABULARY_EXT) as handle:
            return pickle.loads(handle.read()).items()
    except (OSError, AttributeError, pickle.UnpicklingError, EOFError):
        pass
    terms: dict[str, int] = {}
    for field in ("title", "body"):
        for raw, info in reader.iter_field(field):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            terms[term] = max(terms.get(term, 0), info.doc_frequency())
    return terms.items()


class Vocabulary:
    """The index's syllables over all segments (per-segment parts are cached by the searcher)."""

    def __init__(self, parts: list[SegmentVocabulary]):
        self.parts = parts

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


def suggest(searcher, parsed, total: int) -> tuple[str | None, str | None]:
    root = parsed.root
    if not isinstance(root, Words) and not parsed.terms:
        return None, None
    vocabulary = searcher._vocabulary_now()
    suggestion = None
    if isinstance(root, Words) and not any(t.accented for t in root.terms):
        suggestion = _accented_form(searcher, vocabulary, root.terms, parsed.words)
    correction = _correction(searcher, vocabulary, parsed)
    return suggestion, correction


def _mask(searcher, form: str, folded: str) -> np.ndarray:
    view = searcher._view
    mask = np.zeros(view.n, dtype=bool)
    for field in ("title", "body"):
        ids, _ = searcher._term(field, form if form != folded else folded)
        mask[ids] = True
    return mask


def _accented_form(searcher, vocabulary: Vocabulary, terms: list[Term], typed: list[str]) -> str | None:
    options = [vocabulary.candidates(t.folded) or [(t.folded, 0)] for t in terms]
    if all(len(o) == 1 and o[0][0] == t.folded for o, t in zip(options, terms)):
        return None
    masks: dict[str, np.ndarray] = {}

    def mask_of(form: str, folded: str) -> np.ndarray:
        if form not in masks:
            masks[form] = _mask(searcher, form, folded)
        return masks[form]

    # Viterbi over the syllables: unigram frequency, plus documents holding the pair side by side.
    best = [(math.log1p(df), [form]) for form, df in options[0]]
    for i in range(1, len(terms)):
        left, right = terms[i - 1], terms[i]
        pair_ids = np.concatenate([searcher._term(f, f"{left.folded} {right.folded}")[0]
                                   for f in ("title_pairs", "body_pairs")])
        pair_mask = np.zeros(searcher._view.n, dtype=bool)
        pair_mask[pair_ids] = True
        step = []
        for form, df in options[i]:
            right_mask = mask_of(form, right.folded) & pair_mask
            scored = []
            for score, path in best:
                together = int((right_mask & mask_of(path[-1], left.folded)).sum()) if pair_ids.size else 0
                scored.append((score + 0.2 * math.log1p(df) + 2.0 * math.log1p(together), path + [form]))
            step.append(max(scored, key=lambda s: s[0]))
        best = step
    forms = max(best, key=lambda s: s[0])[1]
    if all(form == t.folded for form, t in zip(forms, terms)):
        return None
    return _apply_case(" ".join(typed), forms)


_SYLLABLE = re.compile(r"[^\W_]+")


def _apply_case(typed: str, forms: list[str]) -> str:
    """The typed words with each syllable replaced by its form, keeping capitals and punctuation."""
    replacements = iter(forms)

    def replace(match: re.Match) -> str:
        form = next(replacements, None)
        if form is None:
            return match.group()
        original = match.group()
        if original.isupper() and len(original) > 1:
            return form.upper()
        if original[:1].isupper():
            return form[:1].upper() + form[1:]
        return form

    return _SYLLABLE.sub(replace, typed.strip('"'))


def _pair_df(searcher, left: str, right: str) -> int:
    return sum(searcher._term(f, f"{left} {right}")[0].size for f in ("title_pairs", "body_pairs"))


def _correction(searcher, vocabulary: Vocabulary, parsed) -> str | None:
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
            return ((_pair_df(searcher, left, folded) if left else 0)
                    + (_pair_df(searcher, folded, right) if right else 0))

        better = _closest(vocabulary, term, in_context)
        if better is None:
            words.append(term.text)
        else:
            words.append(better)
            changed = True
    return " ".join(words) if changed else None


def _closest(vocabulary: Vocabulary, term: Term, in_context) -> str | None:
    """The likeliest known syllable: same letters with other accents, else one edit away;
    among those, the one found next to the query's neighbouring syllables, then the most frequent."""
    if term.accented:  # same letters, other accents ("nọi" → "nội")
        forms = vocabulary.forms_of(term.folded)
        if forms:
            return max(forms.items(), key=lambda kv: kv[1])[0]
    word = term.folded
    if not word.isascii() or len(word) < 2:
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
