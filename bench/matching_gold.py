"""The gold of the matching bench: which articles hold every typed word, and how a match set scores.

Written apart from khobao's own analysis (indexer/analysis.py), so that the bench does not grade
khobao against itself:

- a syllable is a run of letters and digits (NFC, lower case, Ð read as Đ);
- its key ignores where the tone mark is placed: the letters without the tone, then the tone
  ("hoà" and "hòa", "uỷ" and "ủy" are one key); a final i/y after consonants is one letter
  ("lý"/"lí", "Kỳ"/"Kì", "Mỹ"/"Mĩ"; never the rhymes uy, ay, oay), as issue 11 point 6 asks;
- the folded key drops every diacritic and reads đ as d;
- two syllables stand together when only spaces or a hyphen separate them: a comma, a full stop or
  any other mark between them breaks the word ("Hà, Nội" is not "Hà Nội");
- an article is gold for a query form when EACH typed word's syllables stand together somewhere in
  its title or body, compared by accented key (accented form) or folded key (unaccented form).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TONES = "\u0300\u0301\u0303\u0309\u0323"   # grave, acute, tilde, hook above, dot below
_SYLLABLE = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[\s\-\u2010\u2011]+")      # what may stand between two syllables of one word
_CONSONANTS_IY = re.compile(r"[bcdđghklmnpqrstvx]+[iy]")


def syllables(text: str) -> list[str]:
    """The syllables of `text` as written (NFC, lower case), in order."""
    return [m.group() for m in _SYLLABLE.finditer(unicodedata.normalize("NFC", text).lower())]


def _iy(base: str) -> str:
    """A final y after consonants only (lý, kỳ, mỹ) read as i; uy, ay, oay keep their y."""
    return base[:-1] + "i" if _CONSONANTS_IY.fullmatch(base) else base


_keys: dict[str, tuple[str, str]] = {}


def keys(syllable: str) -> tuple[str, str]:
    """(accented key, folded key) of one lower-case NFC syllable."""
    found = _keys.get(syllable)
    if found is None:
        decomposed = unicodedata.normalize("NFD", syllable.replace("ð", "đ"))
        tones = "".join(ch for ch in decomposed if ch in TONES)
        base = _iy(unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES)))
        accented = unicodedata.normalize("NFC", base + tones)   # the tone moved to the end: one placement
        plain = "".join(ch for ch in unicodedata.normalize("NFD", base.replace("đ", "d"))
                        if not unicodedata.combining(ch))
        found = (accented, _iy(plain))
        if len(_keys) < 300_000:
            _keys[syllable] = found
    return found


def one_placement(syllable: str) -> str:
    """The lower-case NFC syllable with its tone mark moved to the end (tone placement made one),
    and nothing else changed (no i/y merge): what the FTS5 accented peer is given."""
    decomposed = unicodedata.normalize("NFD", syllable.replace("ð", "đ"))
    tones = "".join(ch for ch in decomposed if ch in TONES)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES) + tones)


def fold_text(text: str) -> str:
    """Lower case, every diacritic removed, đ as d: the unaccented form of a query as a user types it."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("ð", "đ").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))


def runs(text: str) -> list[list[str]]:
    """The text's syllables grouped into runs: within a run, neighbours stand together."""
    text = unicodedata.normalize("NFC", text).lower()
    groups: list[list[str]] = []
    previous_end = None
    for match in _SYLLABLE.finditer(text):
        if previous_end is None or not _JOIN.fullmatch(text, previous_end, match.start()):
            groups.append([])
        groups[-1].append(match.group())
        previous_end = match.end()
    return groups


@dataclass(frozen=True)
class KeyedText:
    """An article's text as two strings of keys, " " between syllables of a run, " | " between runs,
    so that a word stands together in the text exactly when " key key " is a substring."""
    accented: str
    folded: str


def keyed(text: str) -> KeyedText:
    accented_runs, folded_runs = [], []
    for group in runs(text):
        pairs = [keys(s) for s in group]
        accented_runs.append(" ".join(a for a, _ in pairs))
        folded_runs.append(" ".join(f for _, f in pairs))
    return KeyedText(" " + " | ".join(accented_runs) + " ", " " + " | ".join(folded_runs) + " ")


def article_text(title: str, body: str) -> KeyedText:
    """Title and body, with a break between them (a word never spans the two)."""
    return keyed(f"{title}\n|\n{body}")


def word_keys(word: str, accented: bool) -> str:
    """A typed word (one or more syllables) as the key string to look for, padded with spaces."""
    picked = [keys(s)[0 if accented else 1] for s in syllables(word)]
    return " " + " ".join(picked) + " "


def holds(text: KeyedText, words: list[str], accented: bool) -> bool:
    """Whether every word's syllables stand together somewhere in the text."""
    haystack = text.accented if accented else text.folded
    return all(word_keys(word, accented) in haystack for word in words)


def gold(texts: dict[int, KeyedText], words: list[str], accented: bool) -> set[int]:
    """The ids of the articles that hold every word (typed accented, or folded when `accented` is False)."""
    needles = [word_keys(word, accented) for word in words]
    field = "accented" if accented else "folded"
    return {i for i, text in texts.items() if all(n in getattr(text, field) for n in needles)}


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def score(found: set[int], wanted: set[int]) -> Score:
    """Precision, recall and F1 of a match set against the gold. An empty set matching an empty gold is
    perfect; an empty set against a non-empty gold has precision 1 (it claimed nothing false), recall 0."""
    hits = len(found & wanted)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def forms(words: list[str]) -> dict[str, str]:
    """The query as typed in both forms: {"accented": "công an hà nội", "unaccented": "cong an ha noi"}."""
    typed = " ".join(words)
    return {"accented": typed, "unaccented": fold_text(typed)}
