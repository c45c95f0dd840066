"""The terms the index holds for a text, and the Whoosh analyzers that produce them.

Every syllable is indexed in two fields of terms:

    syllables: the folded form ("ha", "noi") always, plus the accented form ("hà", "nội")
               when it differs (only syllables with diacritics get a second term)
    pairs:     the folded forms of two neighbouring syllables as one term ("ha noi")

A syllable is what indexer.analysis reads as one: a run of letters and digits, or a number with
its thousands dots and decimal comma ("1.500" → "1500"); both forms are canonical (one tone
placement, one i/y spelling), so every way of writing a word gives the same terms.

A query syllable typed with diacritics looks up its accented term, one typed without looks up
its folded term: an accented term always carries a diacritic and a folded one never does, so the
two kinds share a field without colliding. Pair terms replace positional phrase queries: two
syllables stand together exactly when the document holds their pair term, a single posting-list
lookup instead of a positions merge (Whoosh's slowest path).

Whoosh pickles the schema: the classes below must keep this import path and their names.
"""

from __future__ import annotations

import re

from whoosh.analysis import Token, Tokenizer

from .analysis import NUMBER, fold, nfc, normalize, number_form, syllables

# Two syllables are neighbours when only spaces, a hyphen or a percent sign stand between them
# ("20% dân số" reads as "20 phần trăm dân số", like "20 % dân số"). NEIGHBOURS is that gap as a
# regex, for whoever looks for a query's syllables side by side in a text.
NEIGHBOURS = r"[\s\-\u2010\u2011%]+"
_JOINER = re.compile(r"[\s\-\u2010\u2011%]*")
# The decimal comma of a number, while the fast path reads it (a comma elsewhere breaks runs).
_DECIMAL_MARK = "\ue000"

_forms: dict[str, tuple[str, str]] = {}


def forms(raw: str) -> tuple[str, str]:
    """(accented canonical, folded) forms of one raw syllable; memoised (the vocabulary is small)."""
    found = _forms.get(raw)
    if found is None:
        accented = normalize(raw.replace(_DECIMAL_MARK, ","))
        found = (accented, fold(accented))
        if len(_forms) < 500_000:
            _forms[raw] = found
    return found


def _index_terms_slow(text: str) -> tuple[list[str], list[str]]:
    """Reference implementation of index_terms (one syllable at a time, as `tokenize` reads); kept for the tests."""
    text = nfc(text)
    terms: list[str] = []
    pairs: list[str] = []
    previous_fold = None
    previous_end = -1
    joiner = _JOINER.fullmatch
    for syllable in syllables(text):
        accented = syllable.text
        folded = fold(accented)
        terms.append(folded)
        if accented != folded:
            terms.append(accented)
        if previous_fold is not None and joiner(text, previous_end, syllable.start):
            pairs.append(previous_fold + " " + folded)
        previous_fold, previous_end = folded, syllable.end
    return terms, pairs


class _RunTable(dict):
    """str.translate table: letters and digits stay, spaces, hyphens and % become a space, anything
    else a NUL that breaks runs (two syllables are neighbours only within a run)."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if (char.isalnum() and char != "_") or char == _DECIMAL_MARK:
            value = code
        elif char.isspace() or char in "-\u2010\u2011%":
            value = 32
        else:
            value = 0
        self[code] = value
        return value


_RUNS = _RunTable()
_NUMBER_HINT = re.compile(r"[0-9][.,][0-9]")


def _numbers_as_runs(text: str) -> str:
    """`text` with each number written as one run of the fast path: "1.500" → "1500", "2,5" → "2\ue0005".

    The same matches as NUMBER.sub, about three times quicker: the regex only runs where a dot or
    comma stands between digits (a number starts at the latest where its letters and digits do)."""
    out, cursor = [], 0
    hint = _NUMBER_HINT.search(text)
    while hint is not None:
        start = max(hint.start(), cursor)
        while start > cursor and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            start -= 1
        match = NUMBER.search(text, start)
        if match is None:
            break
        form = number_form(match)
        out += [text[cursor:match.start()], match.group(0) if form is None else form.replace(",", _DECIMAL_MARK)]
        cursor = match.end()
        hint = _NUMBER_HINT.search(text, cursor - 1)  # a hint may begin on the number's last digit
    out.append(text[cursor:])
    return "".join(out)


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """(syllable terms, pair terms) of a text, repeats kept (they are the term frequencies).

    The syllables come folded first, then the accented forms that differ; order does not matter
    to the index, only the counts do. Same terms as `_index_terms_slow`, several times faster.
    """
    syllables: list[str] = []
    pairs: list[str] = []
    known = _forms.get
    text = nfc(text)
    if _DECIMAL_MARK in text:  # a stray one in the text breaks runs, as in `_index_terms_slow`
        text = text.replace(_DECIMAL_MARK, "\0")
    if _NUMBER_HINT.search(text):
        text = _numbers_as_runs(text)
    for run in text.translate(_RUNS).split("\0"):
        raws = run.split()
        if not raws:
            continue
        found = [known(raw) or forms(raw) for raw in raws]
        folded = [f for _, f in found]
        syllables += folded
        syllables += [a for a, f in found if a != f]
        if len(folded) > 1:
            pairs += [a + " " + b for a, b in zip(folded, folded[1:])]
    return syllables, pairs


_last: list = [None, ((), ())]


def cached_terms(text: str) -> tuple[list[str], list[str]]:
    """The syllable and pair analyzers see the same text one after the other: analyse it once."""
    if _last[0] is not text and _last[0] != text:
        _last[0], _last[1] = text, index_terms(text)
    return _last[1]


# -- Whoosh pieces (stable import path: pickled in the schema) ------------------------------------


class _TermsTokenizer(Tokenizer):
    kind = 0  # index into the (syllables, pairs) tuple

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            terms = cached_terms(value)[self.kind]
        else:
            terms = [value]
        for pos, text in enumerate(terms):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


class SyllableTermsTokenizer(_TermsTokenizer):
    """Folded syllables, plus accented ones that carry diacritics."""

    kind = 0


class PairTermsTokenizer(_TermsTokenizer):
    """Folded neighbouring-syllable pairs ("ha noi")."""

    kind = 1
