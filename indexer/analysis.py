"""Vietnamese text analysis, the same at index and query time.

    normalize("Uỷ ban HOÀ") == "ủy ban hòa"      NFC, Ð→Đ, one tone placement, lower case,
    normalize("lý do, quí")  == "lí do, quý"       one spelling of a final i/y (see canonical_spelling),
    normalize("1.500 tỷ")    == "1500 tỉ"          one writing of a number (see number_form)
    fold("ủy ban hòa")      == "uy ban hoa"      every diacritic removed, đ→d
    tokenize(text)          -> syllables with character offsets into `text` (for highlighting)

The tokenizers the index schema holds (and Whoosh pickles) are in indexer/terms.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from store import nfc  # one reading of Ð and NFC for the store and the index

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# In NFD, the open syllables ending in oa, oe, uy are the only places where the two conventions
# disagree: old style "hòa, khỏe, thủy" marks the first vowel, new style "hoà, khoẻ, thuỷ" the
# second. "qu" + y ("quý") and closed syllables ("hoàn", "thuyết") are written one way only.
_TONE_CLUSTER = re.compile(
    rf"(?<![qQ])([oO][{TONE_MARKS}]?[aAeE]|[uU][{TONE_MARKS}]?[yY])([{TONE_MARKS}])(?![\w{TONE_MARKS}\u0302\u0306\u031b])"
)
_PLAIN = re.compile(r"[^\W_]+")

# -- i/y: "lý do" / "lí do", "mỹ" / "mĩ", "quý" / "quí" -------------------------------------------
# A syllable made of a consonant onset and the vowel i is written with i or y ("lý, kỹ, mỹ, sỹ, tỷ,
# hy" beside "lí, kĩ, mĩ, sĩ, tỉ, hi"): one word, two spellings. The canonical one follows the
# spelling rules of the Ministry of Education (1984, kept in the 2018 rules): i after a consonant;
# after "qu" the rhyme is "uy" (u is the glide), so y: "quý", "quy" (with "quí", "qui" the variants).
# i is also the only spelling after most onsets already (chi, khi, nhi, nghi, phi, bi, đi), so
# little changes. Never touched: the rhymes uy / ay / oay ("tuy", "hay", "khoáy"), a y that is not
# final ("yêu", "khuya", "quyết") or stands alone ("ý kiến", "y tế"), and words of other languages
# whose syllable is not onset + i/y ("Kennedy", "Sydney").
_I_FORMS, _Y_FORMS = "iíìỉĩị", "yýỳỷỹỵ"
_TO_I = str.maketrans(_Y_FORMS, _I_FORMS)
_TO_Y = str.maketrans(_I_FORMS, _Y_FORMS)
_ONSETS = "ngh|ch|gh|gi|kh|ng|nh|ph|th|tr|[bcdđghklmnprstvx]"
_I_OR_Y = re.compile(rf"(?<![^\W_])(?:(qu)([{_I_FORMS}])|({_ONSETS})([{_Y_FORMS}]))(?![^\W_])")


def _one_i_or_y(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + match.group(2).translate(_TO_Y)
    return match.group(3) + match.group(4).translate(_TO_I)


def canonical_spelling(text: str) -> str:
    """Lower-case NFC text with every onset + i/y syllable in its canonical spelling ("lý" → "lí",
    "mỹ" → "mĩ", "quí" → "quý")."""
    if not any(c in text for c in "yýỳỷỹỵq"):
        return text
    return _I_OR_Y.sub(_one_i_or_y, text)


def i_y_spellings(folded: str) -> tuple[str, ...]:
    """The folded spellings of a folded canonical syllable: "li" → ("li", "ly"), "quy" → ("quy", "qui")."""
    if folded == "quy":
        return ("quy", "qui")
    if folded.endswith("i") and re.fullmatch(_ONSETS, folded[:-1]):
        return (folded, folded[:-1] + "y")
    return (folded,)


# -- numbers: "1.500" / "1500", "2,5" ------------------------------------------------------------
# Vietnamese writes thousands with dots and decimals with a comma: "1.500 tỷ", "2,5%". A number is
# one term: "1.500" → "1500" (so it matches "1500", and no longer "500"), "1.234,5" → "1234,5",
# "2,5" stays "2,5". A dot followed by anything but groups of three digits is no decimal point in
# Vietnamese text: "15.3" and "10.2020" are dates, "10.30" a time, "12.3.2020" a date, so they stay
# syllables ("15", "3") as before; only right before a percent sign, where nothing but a decimal
# can stand, is "2.5%" read as "2,5%". A comma followed by three digits ("1,500") is a decimal
# comma, as Vietnamese text means it. A number's unit written against it stays in the term
# ("1.500km" → "1500km", as "500km" is one term).
NUMBER = re.compile(r"(?<![^\W_])([0-9]+(?:[.,][0-9]+)+)([^\W_]*)")
_TOKEN = re.compile(r"(?<![^\W_])([0-9]+(?:[.,][0-9]+)+)([^\W_]*)|[^\W_]+")
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")
_DECIMAL_POINT = re.compile(r"[0-9]+\.[0-9]+")
_PERCENT_NEXT = re.compile(r"[ \u00a0]?%")


def number_form(match: re.Match) -> str | None:
    """The canonical number of a `NUMBER` / `_TOKEN` match ("1.500" → "1500"), or None when its
    dots and commas are no number's ("12.3.2020": read as separate syllables)."""
    digits, unit = match.group(1), match.group(2)
    if _THOUSANDS.fullmatch(digits):
        return digits.replace(".", "") + unit
    if _DECIMAL_COMMA.fullmatch(digits):
        return digits + unit
    if not unit and _DECIMAL_POINT.fullmatch(digits) and _PERCENT_NEXT.match(match.string, match.end()):
        return digits.replace(".", ",")
    return None


def number_spellings(folded: str) -> tuple[str, ...]:
    """The ways a canonical number term can be written: "1500" → ("1500", "1.500"), "2,5" →
    ("2,5", "2.5"). Some only count where `number_form` reads them so (before a percent sign)."""
    match = re.fullmatch(r"([0-9]+)(,[0-9]+)?([^\W_]*)", folded)
    if match is None or not (len(match.group(1)) > 3 or match.group(2)):
        return (folded,)
    whole, fraction, unit = match.group(1), match.group(2) or "", match.group(3)
    wholes = [whole]
    if len(whole) > 3 and whole[0] != "0":
        head = len(whole) % 3 or 3
        wholes.append(whole[:head] + "".join("." + whole[i:i + 3] for i in range(head, len(whole), 3)))
    out = [w + fraction + unit for w in wholes]
    if fraction and not unit:
        out.append(whole + "." + fraction[1:])
    return tuple(out)


def _numbers_in_text(match: re.Match) -> str:
    form = number_form(match)
    return match.group(0) if form is None else form


def canonical_numbers(text: str) -> str:
    """Every number of `text` in its canonical form ("giá 1.500 tỷ" → "giá 1500 tỷ")."""
    return NUMBER.sub(_numbers_in_text, text) if any(c in text for c in ".,") else text


# -- the forms -----------------------------------------------------------------------------------


def _mark_first_vowel(match: re.Match) -> str:
    cluster, tone = match.group(1), match.group(2)
    if len(cluster) == 3:  # the first vowel already carries a mark: leave the syllable alone
        return match.group(0)
    return cluster[0] + tone + cluster[1]


def canonical_tones(text: str) -> str:
    """Move the tone mark of open oa/oe/uy syllables to the first vowel (hoà → hòa, Uỷ → Ủy). NFC out."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_CLUSTER.sub(_mark_first_vowel, decomposed))


def as_written(text: str) -> str:
    """NFC, Đ, one tone placement, lower case: the spelling the text chose for i/y and numbers kept
    (how a suggestion shows a word the way the articles write it)."""
    return canonical_tones(nfc(text)).lower()


def normalize(text: str) -> str:
    """The accented canonical form: NFC, Đ, one tone placement, lower case, one i/y spelling, numbers."""
    return canonical_numbers(canonical_spelling(as_written(text)))


def fold(text: str) -> str:
    """Remove every diacritic and map đ to d. Apply to lower-cased text."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(text: str) -> bool:
    """True when folding would change the (lower-cased) text: the user typed accents or đ."""
    lowered = normalize(text)
    return fold(lowered) != lowered


@lru_cache(maxsize=4096)
def spellings(folded: str) -> tuple[str, ...]:
    """Every folded spelling that reads as the folded canonical syllable `folded` (i/y, numbers)."""
    if folded[:1].isdigit():
        return number_spellings(folded)
    return i_y_spellings(folded)


@dataclass(frozen=True)
class Syllable:
    text: str   # normalised (accented canonical, lower case)
    start: int  # offsets into the NFC text given to `tokenize`
    end: int


_normalized = lru_cache(maxsize=65536)(normalize)  # one syllable at a time: the vocabulary is small
folded_syllable = lru_cache(maxsize=65536)(fold)


def syllables(text: str, start: int = 0, end: int | None = None) -> Iterator[Syllable]:
    """The syllables of NFC `text` between `start` and `end` (a number is one syllable)."""
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        if match.group(1) is None:
            yield Syllable(_normalized(match.group()), match.start(), match.end())
            continue
        form = number_form(match)
        if form is not None:
            yield Syllable(_normalized(form), match.start(), match.end())
        else:  # "12.3.2020": the digit runs are syllables of their own
            for part in _PLAIN.finditer(text, match.start(), match.end()):
                yield Syllable(_normalized(part.group()), part.start(), part.end())


def tokenize(text: str) -> Iterator[Syllable]:
    """Split into syllables (runs of letters and digits; a number is one). Offsets point into `nfc(text)`."""
    return syllables(nfc(text))


def touches_number(text: str, start: int, end: int) -> bool:
    """A dot or comma between digits touches start..end: only `syllable_at` tells where the syllable
    ends there ("500" is no syllable of "1.500"; "2020" is one of the date "12.3.2020")."""
    return ((start > 1 and text[start - 1] in ".," and text[start - 2].isdigit() and text[start].isdigit())
            or (end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit() and text[end - 1].isdigit()))


def syllable_at(text: str, start: int, end: int) -> Syllable | None:
    """The syllable of NFC `text` that spans exactly start..end, if tokenizing the whole text gives one.

    Only the stretch around it is read: letters, digits, and dots or commas between digits."""
    def joins(i: int) -> bool:  # text[i] continues a token across position i
        char = text[i]
        return (char.isalnum() and char != "_") or (
            char in ".," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    left = start
    while left > 0 and joins(left - 1):
        left -= 1
    right = end
    while right < len(text) and joins(right):
        right += 1
    for syllable in syllables(text, left, right):
        if syllable.start == start and syllable.end == end:
            return syllable
        if syllable.start >= end:
            break
    return None
