"""Vietnamese text analysis, the same at index and query time.

    normalize("Uỷ ban HOÀ") == "ủy ban hòa"      NFC, Ð→Đ, one tone placement, lower case
    fold("ủy ban hòa")      == "uy ban hoa"      every diacritic removed, đ→d
    tokenize(text)          -> syllables with character offsets into `text` (for highlighting)

The tokenizers the index schema holds (and Whoosh pickles) are in indexer/terms.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from store import nfc  # one reading of Ð and NFC for the store and the index

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# In NFD, the open syllables ending in oa, oe, uy are the only places where the two conventions
# disagree: old style "hòa, khỏe, thủy" marks the first vowel, new style "hoà, khoẻ, thuỷ" the
# second. "qu" + y ("quý") and closed syllables ("hoàn", "thuyết") are written one way only.
_TONE_CLUSTER = re.compile(
    rf"(?<![qQ])([oO][{TONE_MARKS}]?[aAeE]|[uU][{TONE_MARKS}]?[yY])([{TONE_MARKS}])(?![\w{TONE_MARKS}\u0302\u0306\u031b])"
)
_TOKEN = re.compile(r"[^\W_]+")


def _mark_first_vowel(match: re.Match) -> str:
    cluster, tone = match.group(1), match.group(2)
    if len(cluster) == 3:  # the first vowel already carries a mark: leave the syllable alone
        return match.group(0)
    return cluster[0] + tone + cluster[1]


def canonical_tones(text: str) -> str:
    """Move the tone mark of open oa/oe/uy syllables to the first vowel (hoà → hòa, Uỷ → Ủy). NFC out."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_CLUSTER.sub(_mark_first_vowel, decomposed))


def normalize(text: str) -> str:
    """The accented canonical form: NFC, Đ, one tone placement, lower case."""
    return canonical_tones(nfc(text)).lower()


def fold(text: str) -> str:
    """Remove every diacritic and map đ to d. Apply to lower-cased text."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(text: str) -> bool:
    """True when folding would change the (lower-cased) text: the user typed accents or đ."""
    lowered = normalize(text)
    return fold(lowered) != lowered


@dataclass(frozen=True)
class Syllable:
    text: str   # normalised (accented canonical, lower case)
    start: int  # offsets into the NFC text given to `tokenize`
    end: int


def tokenize(text: str) -> Iterator[Syllable]:
    """Split into syllables (runs of letters and digits). Offsets point into `nfc(text)`."""
    text = nfc(text)
    for match in _TOKEN.finditer(text):
        yield Syllable(normalize(match.group()), match.start(), match.end())
