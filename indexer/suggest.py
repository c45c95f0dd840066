"""Suggestions from the index's own vocabulary.

- `suggestion`: for a query whose words are typed without diacritics, the same query with those
  words accented as they are most likely meant ("ha noi -zzzz" → "hà nội -zzzz", "bao so 9" →
  "bão số 9"; readings.py weighs the evidence). Operators, fields, quotes and negated words stay as
  typed; a group typed with any diacritic is left alone. Each group's reading also ranks
  (search.py lifts the documents that use it).
- `positive_words`: the word groups of a parse tree a document is found by (not under a NOT).
- `correction`: for a syllable the index does not hold, the same syllable with other accents
  ("nọi" → "nội"), or else the most frequent syllable one edit away.
"""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from store import nfc

from . import readings as readings_module
from .analysis import fold, normalize, syllables, tokenize
from .query import _LEXER, MAX_QUERY_CHARS, Term, Words, _Parser, parse_root, readable
from .vocabulary_file import read_vocabulary
from .word_groups import word_groups

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


def positive_words(root) -> list[Words]:
    """The word groups a document is found by, in the order typed: under And and Or, not under Not
    (a FieldIs only filters), quoted or not."""
    return word_groups(root, least=1, positive=True, quoted=True)


def unaccented_words(root) -> list[Words]:
    """The positive groups typed without diacritics: those whose accents the suggestion proposes
    and the ranking guesses (a group typed with any diacritic already says what it means)."""
    return [w for w in positive_words(root) if not any(t.accented for t in w.terms)]


def wants_texts(parsed) -> bool:
    """True for a query with words whose accented form can be suggested (read the best hits' texts)."""
    return bool(unaccented_words(parsed.root))


@dataclass
class Suggested:
    """What `suggest` found: the query with its unaccented words accented (None: nothing to
    suggest), a spelling correction, and each unaccented group with the forms it reads as (the
    ranking lifts the documents that use them)."""
    suggestion: str | None
    correction: str | None
    readings: list[tuple[Words, list[str]]]


def suggest(vocabulary: Vocabulary, parsed, total: int, texts: list, query: str | None = None,
            pair_texts: Callable[[str, str, int], list] | None = None) -> Suggested:
    """The suggestion, correction and readings of a query; `texts`: titles and bodies of the best hits
    (strings, or (text, fold_chars(text)) pairs); `query`: the query as typed (its operators, fields
    and negated words are kept in the suggestion); `pair_texts(left, right, limit)`: a few texts with
    the folded pair side by side, read for a pair the best hits lack."""
    typed = TypedQuery(query if query is not None else " ".join(parsed.words))
    readings = []
    written: dict[str, Counter[str]] = {}   # canonical syllable -> how the texts write it ("sĩ": "sỹ")
    if typed.groups:
        folded = readings_module.folded_texts(texts)
        for group in typed.groups:
            forms = (readings_module.whole_reading(group.terms, folded, written)
                     or readings_module.chain_reading(group.terms, folded, vocabulary, pair_texts, written))
            if any(form != t.folded for form, t in zip(forms, group.terms)):
                readings.append((group, forms))
    shown = [(group, [written[f].most_common(1)[0][0] if f in written else f for f in forms])
             for group, forms in readings]
    suggestion = typed.with_forms(shown) if readings else None
    correction = None
    if total == 0 and parsed.terms:
        correction = _correction(vocabulary, parsed)
    return Suggested(suggestion, correction, readings)


class _Positions(_Parser):
    """The query parser, noting where each syllable of a word group was typed (NFC offsets)."""

    def __init__(self, text: str):
        super().__init__(text)
        text, _ = readable(text)
        self.text = text[:MAX_QUERY_CHARS]
        self.spans = [m.span() for m in _LEXER.finditer(self.text)]
        self.starts: list[int] = []
        self.where: dict[int, tuple[int, int]] = {}   # id(term) -> (start, end) in self.text

    def _parse_unary(self, negated: bool):
        self.starts.append(self.pos)
        try:
            return super()._parse_unary(negated)
        finally:
            self.starts.pop()

    def words_node(self, text, fields, phrase, negated=False):
        node = super().words_node(text, fields, phrase, negated)
        if node is None or not self.starts or len(self.spans) != len(self.tokens):
            return node
        typed = [(fold(s.text), start + s.start, start + s.end)
                 for start, end in self.spans[self.starts[-1]:self.pos]
                 for s in tokenize(self.text[start:end])]
        wanted = [t.folded for t in node.terms]
        for skip in range(len(typed) - len(wanted) + 1):  # "title:ha noi": skip the field's name
            if [f for f, _, _ in typed[skip:skip + len(wanted)]] == wanted:
                for term, (_, start, end) in zip(node.terms, typed[skip:]):
                    self.where[id(term)] = (start, end)
                break
        return node


class TypedQuery:
    """A query as typed, parsed again (query.parse_root) to know where its words stand, so
    that a suggestion changes only the accents of its positive unaccented words."""

    def __init__(self, query: str):
        parser = _Positions(nfc(query or ""))
        root = parse_root(parser)
        self.text, self.where = parser.text, parser.where
        self.groups = unaccented_words(root)

    def with_forms(self, readings: list[tuple[Words, list[str]]]) -> str | None:
        """The query with each reading's syllables replaced by its forms, in the typed capitals."""
        edits = sorted((self.where[id(term)], form) for group, forms in readings
                       for term, form in zip(group.terms, forms) if id(term) in self.where)
        out, at = [], 0
        for (start, end), form in edits:
            out += [self.text[at:start], _apply_case(self.text[start:end], [form])]
            at = end
        out.append(self.text[at:])
        text = " ".join("".join(out).split())
        return text if edits and text != " ".join(self.text.split()) else None


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
