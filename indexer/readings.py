"""The likeliest accented reading of syllables typed without diacritics ("bao so 9" → "bão số 9").

Evidence, strongest first:
1. the spelling the best-matching articles use for the whole sequence, side by side;
2. else a chain of neighbouring pairs: how each pair of the typed syllables is spelled where it
   stands together, in the best hits' texts and, for a pair they lack, in a few articles that
   have it (the index's pair terms are folded, so only a text tells "bão số" from "bảo số");
3. each syllable's document frequency, which only breaks ties a pair leaves open.

So "bao so 9" reads "bão số 9" where "bão số" stands together far more often than "bảo số", even
where "bảo" is the commoner syllable alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable

from .analysis import as_written, fold, folded_syllable, syllables
from .analysis import spellings as variants
from .query import Term
from .snippets import SCAN_CHARS, fold_chars, word_positions
from .terms import NEIGHBOURS

PAIR_SAMPLE = 12      # articles read for a pair the best hits lack (spread over the archive)
SAMPLED_PAIRS = 8     # pairs read that way per word group, at most: a long query stays quick
PRIOR_WEIGHT = 1.0    # pseudo-observations of a pair, spread by its syllables' frequencies

Texts = list[tuple[str, str]]   # (text, fold_chars(text)): the same length, offsets shared


def folded_texts(texts: Iterable) -> Texts:
    """Strings, or (text, folded) pairs already folded, as (text, folded) pairs (a body's opening only)."""
    out = []
    for text in texts:
        if isinstance(text, tuple):
            out.append(text)
        else:
            text = text[:SCAN_CHARS]
            out.append((text, fold_chars(text)))
    return out


def spellings(folded_syllables: list[str], texts: Texts,
              written: dict[str, Counter[str]] | None = None) -> Counter[tuple[str, ...]]:
    """How often each spelling of the syllables, side by side, occurs in the texts: canonical forms
    (one tone placement, one i/y spelling, numbers whole), every written variant found ("bác sỹ" is
    "bác sĩ"). `written` collects, per canonical syllable, how the texts write it."""
    def any_spelling(folded: str) -> str:
        return "(?:" + "|".join(re.escape(s) for s in variants(folded)) + ")"
    pattern = re.compile(NEIGHBOURS.join(any_spelling(s) for s in folded_syllables) + r"(?![^\W_])")
    seen: Counter[tuple[str, ...]] = Counter()
    for text, folded in texts:
        for first in variants(folded_syllables[0]):
            for start in word_positions(folded, first):
                match = pattern.match(folded, start)
                if match is None:
                    continue
                found = list(syllables(text, start, match.end()))
                if len(found) != len(folded_syllables) or any(
                        folded_syllable(s.text) != f for s, f in zip(found, folded_syllables)):
                    continue
                seen[tuple(s.text for s in found)] += 1
                if written is not None:
                    for s in found:
                        written.setdefault(s.text, Counter())[_written(text[s.start:s.end])] += 1
    return seen


_written = lru_cache(maxsize=65536)(as_written)


def whole_reading(terms: list[Term], texts: Texts, written: dict[str, Counter[str]] | None = None) -> list[str] | None:
    """The spelling the texts use most for all the syllables side by side (evidence 1)."""
    seen = spellings([t.folded for t in terms], texts, written)
    return list(seen.most_common(1)[0][0]) if seen else None


def chain_reading(terms: list[Term], texts: Texts, vocabulary,
                  pair_texts: Callable[[str, str, int], list] | None = None,
                  written: dict[str, Counter[str]] | None = None) -> list[str]:
    """The likeliest spelling as a chain of neighbouring pairs (evidence 2 and 3).

    A pair's spellings are counted in `texts`; for a pair they lack, in `pair_texts(left, right,
    PAIR_SAMPLE)` (a few articles that have it). Each pair's probability is its share of those
    counts, smoothed by the product of its syllables' frequencies; the chain maximises the product
    of its pairs' probabilities. Without any count, that is each syllable's most frequent form."""
    folded = [t.folded for t in terms]
    pairs: list[Counter] = []
    read: dict[tuple[str, str], Counter] = {}
    for left, right in zip(folded, folded[1:]):
        seen = spellings([left, right], texts, written)
        if not seen and pair_texts is not None and ((left, right) in read or len(read) < SAMPLED_PAIRS):
            if (left, right) not in read:
                read[(left, right)] = spellings([left, right], folded_texts(pair_texts(left, right, PAIR_SAMPLE)),
                                                written)
            seen = read[(left, right)]
        pairs.append(seen)
    priors = [_prior(vocabulary, term, [p for i, p in enumerate(pairs) if i in (k - 1, k)])
              for k, term in enumerate(terms)]
    if len(terms) == 1:
        return [max(priors[0], key=lambda form: (priors[0][form], form))]
    best = {form: (0.0, [form]) for form in priors[0]}
    for k in range(1, len(terms)):
        seen, total = pairs[k - 1], sum(pairs[k - 1].values())
        step = {}
        for right, right_prior in priors[k].items():
            options = []
            for left, (score, path) in best.items():
                chance = (seen[(left, right)] + PRIOR_WEIGHT * priors[k - 1][left] * right_prior) / (total + PRIOR_WEIGHT)
                options.append((score + math.log(chance), path))
            score, path = max(options, key=lambda option: (option[0], option[1]))
            step[right] = (score, path + [right])
        best = step
    return max(best.values(), key=lambda kept: (kept[0], kept[1]))[1]


def _prior(vocabulary, term: Term, near: list[Counter]) -> dict[str, float]:
    """The syllable's candidate forms (the vocabulary's commonest, and any a neighbouring pair was
    seen with) and their shares of its document frequency, smoothed so that none is zero."""
    frequency = dict(vocabulary.candidates(term.folded))
    all_forms = None
    for seen in near:
        for spelling in seen:
            for form in spelling:
                if form not in frequency and fold(form) == term.folded:
                    if all_forms is None:
                        all_forms = vocabulary.forms_of(term.folded)
                    frequency[form] = all_forms.get(form, 0)
    if not frequency:
        frequency = {term.folded: 0}
    total = sum(frequency.values()) + 0.5 * len(frequency)
    return {form: (df + 0.5) / total for form, df in frequency.items()}

