"""Confirming a quoted phrase by reading its candidates' text back.

The pair terms prove that each two neighbours stand together somewhere, not that all of them
do in one place ("công nghệ ... nghệ thông ... thông tin"), nor, for syllables typed with
accents, that the accents are those of the pair ("Hạ Nội" and, elsewhere, "hà").
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from .analysis import fold, folded_syllable, spellings, syllable_at, syllables, touches_number
from .query import Words
from .terms import NEIGHBOURS

PHRASE_CHECK_LIMIT = 100   # candidates of a quoted phrase read back to confirm it, ~0.2 ms each


def needs_reading(node: Words) -> bool:
    """A quoted phrase that its pair terms alone cannot prove: three syllables or more, or accents typed."""
    return len(node.terms) >= 3 or (len(node.terms) == 2 and any(t.accented for t in node.terms))


def confirm_phrase(node: Words, mask: np.ndarray, stored: Callable[[int], dict]) -> None:
    """Drop from `mask` the candidates of a quoted phrase whose text (`stored(docnum)`) does not hold it.

    Up to PHRASE_CHECK_LIMIT candidates are read back and searched; more than that (a phrase
    on every other page) are kept as the pairs found them. Once per query and index view: the
    result is cached with the query's matches."""
    docs = np.flatnonzero(mask)
    if not docs.size or docs.size > PHRASE_CHECK_LIMIT:
        return
    pattern = phrase_pattern(node)
    for docnum in docs.tolist():
        fields = stored(docnum)
        if not any(holds_phrase(fields.get(field) or "", node, pattern) for field in node.fields):
            mask[docnum] = False


def _accent_classes() -> dict[str, str]:
    """Folded letter -> every lower-case letter that folds to it (Latin, its extensions and
    Vietnamese: "a" -> "aàáảãạăằắ...", "u" -> "uùúủũụưừ...ü"), for regexes that ignore accents."""
    classes: dict[str, str] = {}
    for code in [*range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        letter = chr(code).lower()
        folded = fold(letter)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and letter not in classes.get(folded, ""):
            classes[folded] = classes.get(folded, "") + letter
    return classes


_ANY_ACCENT = _accent_classes()


def phrase_pattern(node: Words) -> re.Pattern:
    """The phrase's syllables as whole words with any accents, in any of their spellings ("lý"/"lí",
    "1.500"/"1500"), separated by spaces, hyphens or "%": run on the stored (NFC) text itself, no
    folded copy of a long body needed."""
    def spelled(folded: str) -> str:
        return "".join(f"[{_ANY_ACCENT[c]}]" if c in _ANY_ACCENT else re.escape(c) for c in folded)

    def syllable(folded: str) -> str:
        return "(?:" + "|".join(spelled(s) for s in spellings(folded)) + ")"
    joined = NEIGHBOURS.join(syllable(t.folded) for t in node.terms)
    return re.compile(r"(?<![^\W_])" + joined + r"(?![^\W_])", re.IGNORECASE)


def holds_phrase(text: str, node: Words, pattern: re.Pattern) -> bool:
    """The phrase stands in `text` as its syllables (a number whole: "500 tỷ" is not in "1.500 tỷ"),
    with the accents of the syllables typed with accents."""
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        found = list(syllables(text, start, end))
        if (len(found) == len(node.terms) and found[-1].end == end
                and all(folded_syllable(s.text) == t.folded and (not t.accented or s.text == t.text)
                        for t, s in zip(node.terms, found))
                and not (touches_number(text, start, found[0].end) and syllable_at(text, start, found[0].end) is None)
                and not (touches_number(text, found[-1].start, end) and syllable_at(text, found[-1].start, end) is None)):
            return True
    return False
