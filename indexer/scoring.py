"""Scoring: a parsed query evaluated as boolean masks over all documents, scored with BM25.

Title is weighted above body, plus the score of the syllable-pair terms, so syllables standing
together rank above scattered ones (and a quoted phrase requires its pairs). A term's postings
are read into (doc ids, frequencies) arrays, and its BM25 part, and whole queries' matches, are
cached for the current view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .analysis import normalize
from .phrases import confirm_phrase, needs_reading
from .postings_file import SegmentPostings
from .query import And, FieldIs, Not, Or, ParsedQuery, Words
from .schema import PAIR_FIELDS
from .whoosh_bridge import leaf_postings, segment_id
from .word_groups import word_groups, word_spans
from .words import keep_together, read_words

K1 = 1.2
B = 0.75
FIELD_WEIGHT = {"title": 2.5, "body": 1.0, "title_pairs": 2.5, "body_pairs": 1.0}
PAIR_WEIGHT = 1.5          # how much standing together counts, relative to one syllable
# Each pair of a query's neighbouring syllables that a document has side by side lifts it one tier
# above documents with the same syllables scattered: a Vietnamese word is several syllables, and
# "điện tử ... Phú ... Biên" is not "Điện Biên Phủ". Larger than any sum of BM25 parts.
ADJACENCY_TIER = 1000.0
ACCENT_TIER = ADJACENCY_TIER / 2   # see Scoring._with_accent_bonus
# An unquoted word of two syllables is proven by its pair and its syllables' accents; reading its
# candidates back as a quoted phrase's are read costs ~10 ms for 1 F1 point in a thousand
# (bench_matching: 0.986 → 0.982 accented), so only words of three syllables or more are read.
UNQUOTED_READ_FROM = 3
DENSE_SHARE = 8                   # a term in more than 1/8 of the documents keeps whole-array scores


@dataclass
class Result:
    mask: np.ndarray
    score: np.ndarray | None


class Scoring:
    """The searcher's scoring half. The searcher provides `_view` (segments.View), the caches
    `_postings`, `_scores`, `_matches` (caches.SizedCache), `_postings_files` and `_keyword_values`
    (dicts by segment), and `_stored(docnum)`."""

    def _term(self, field: str, term: str, cache: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(global doc ids, frequencies) of a term over all segments; cached per segment unless
        `cache` is False (the caller keeps what it derives from them)."""
        view = self._view
        ids_parts, tf_parts = [], []
        for (leaf, offset) in view.leaves:
            key = (segment_id(leaf), field, term)
            found = self._postings.get(key)
            if found is None:
                found = leaf_postings(leaf, field, term, self._segment_postings(leaf))
                if cache:
                    self._postings.put(key, found)
            if found[0].size:
                ids_parts.append(found[0] + offset)
                tf_parts.append(found[1])
        if not ids_parts:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        if len(ids_parts) == 1:
            return ids_parts[0], tf_parts[0]
        return np.concatenate(ids_parts), np.concatenate(tf_parts)

    def _postings_counts(self, field: str, terms: list[str]) -> np.ndarray:
        """Each term's postings over all segments, deleted documents included: a document frequency
        cheap enough to weigh many terms by (no posting is read where the segment has a postings file)."""
        total = np.zeros(len(terms), dtype=np.int64)
        for leaf, _ in self._view.leaves:
            counts = self._segment_postings(leaf).counts(field, terms)
            if counts is None:   # a segment written by Whoosh's own writer: its term table
                counts = np.array([leaf_postings(leaf, field, term)[0].size for term in terms], dtype=np.int64)
            total += counts
        return total

    def _segment_postings(self, leaf) -> SegmentPostings:
        key = segment_id(leaf)
        postings = self._postings_files.get(key)
        if postings is None:
            postings = self._postings_files[key] = SegmentPostings(leaf)
        return postings

    def _field_mask(self, field: str, value: str) -> np.ndarray:
        """Documents whose keyword field (source, section, author) equals `value`, ignoring case."""
        view = self._view
        wanted = normalize(value)
        mask = np.zeros(view.n, dtype=bool)
        for leaf, offset in view.leaves:
            key = (segment_id(leaf), field)
            values = self._keyword_values.get(key)
            if values is None:
                values = self._keyword_values[key] = [
                    (normalize(raw.decode("utf-8") if isinstance(raw, bytes) else raw), raw)
                    for raw, _ in leaf.iter_field(field)]
            for normalized, raw in values:
                if normalized == wanted:
                    ids, _ = leaf_postings(leaf, field, raw.decode("utf-8") if isinstance(raw, bytes) else raw)
                    mask[ids + offset] = True
        return mask

    def _scored(self, field: str, term: str) -> tuple[str, np.ndarray, np.ndarray]:
        """A term's weighted BM25 contribution in one field, cached for this view: ("sparse", doc ids,
        part per id), or for a term in more than 1/DENSE_SHARE of the documents ("dense", where it
        occurs, part per document), since adding whole arrays is far quicker than scattering by id."""
        key = (field, term)
        found = self._scores.get(key)
        if found is not None:
            return found
        view = self._view
        if int(self._postings_counts(field, [term])[0]) * DENSE_SHARE > view.n:
            found = self._dense_scored(field, term)
        else:
            ids, tf = self._term(field, term, cache=False)
            df = int(view.live[ids].sum())
            idf = math.log(1 + (view.live_count - df + 0.5) / (df + 0.5))
            part = (np.float32(FIELD_WEIGHT[field] * idf * (K1 + 1)) * tf / (tf + view.norm[field][ids]))
            found = ("sparse", ids, part.astype(np.float32, copy=False))
        self._scores.put(key, found)
        return found

    def _dense_scored(self, field: str, term: str) -> tuple[str, np.ndarray, np.ndarray]:
        """("dense", where, part per document) of a frequent term, computed over whole arrays: its
        frequencies are scattered segment by segment into one array, and the BM25 arithmetic runs on
        contiguous memory (gathering lengths and scattering parts by id cost twice as much)."""
        view = self._view
        tf = np.zeros(view.n, dtype=np.float32)
        for (leaf, offset), segment in zip(view.leaves, view.segments):
            ids, freqs = leaf_postings(leaf, field, term, self._segment_postings(leaf))
            tf[offset:offset + segment.n][ids] = freqs
        present = tf > 0
        df = int(np.count_nonzero(present & view.live))
        idf = math.log(1 + (view.live_count - df + 0.5) / (df + 0.5))
        part = np.float32(FIELD_WEIGHT[field] * idf * (K1 + 1)) * tf
        part /= tf + view.norm[field]       # 0 where the term is absent (every norm is at least K1 (1 - B))
        return "dense", present, part

    def _add_scores(self, fields: tuple[str, ...], term: str, score: np.ndarray, weight: float,
                    mask: np.ndarray | None) -> None:
        """Add the term's weighted scores into `score`, and where it occurs into `mask` (if given)."""
        for field in fields:
            kind, where, part = self._scored(field, term)
            if weight != 1.0:
                part = np.float32(weight) * part
            if kind == "dense":
                score += part
                if mask is not None:
                    mask |= where
            elif where.size:
                score[where] += part
                if mask is not None:
                    mask[where] = True

    def _term_result(self, fields: tuple[str, ...], term: str) -> Result:
        view = self._view
        mask = np.zeros(view.n, dtype=bool)
        score = np.zeros(view.n, dtype=np.float32)
        self._add_scores(fields, term, score, 1.0, mask)
        return Result(mask, score)

    def _evaluate(self, node) -> Result:
        view = self._view
        if isinstance(node, Words):
            return self._words(node)
        if isinstance(node, FieldIs):
            return Result(self._field_mask(node.field, node.value), None)
        if isinstance(node, Not):
            inner = self._evaluate(node.child)
            return Result(view.live & ~inner.mask, None)
        if isinstance(node, And):
            positives = [c for c in node.children if not isinstance(c, Not)]
            negatives = [c for c in node.children if isinstance(c, Not)]
            mask = view.live.copy()
            score = None
            for child in positives:
                part = self._evaluate(child)
                mask &= part.mask
                if part.score is not None:
                    score = part.score if score is None else score + part.score
            for child in negatives:
                mask &= ~self._evaluate(child.child).mask
            return Result(mask, score)
        if isinstance(node, Or):
            mask = np.zeros(view.n, dtype=bool)
            score = None
            for child in node.children:
                part = self._evaluate(child)
                mask |= part.mask
                if part.score is not None:
                    score = part.score if score is None else score + part.score
            return Result(mask, score)
        raise TypeError(f"unknown query node {node!r}")

    def _words(self, node: Words) -> Result:
        """Every syllable required (in any of the fields), scores summed into one array; the
        syllables of each word (a quoted phrase is one word) must stand together, and syllables
        that stand together across words lift a document one tier."""
        view = self._view
        score = np.zeros(view.n, dtype=np.float32)
        mask = np.ones(view.n, dtype=bool)
        for term in node.terms:
            found = np.zeros(view.n, dtype=bool)
            self._add_scores(node.fields, term.text, score, 1.0, found)
            np.logical_and(mask, found, out=mask)
        pair_fields = tuple(PAIR_FIELDS[f] for f in node.fields)
        words = word_spans(node)
        inside = {i for start, end in words for i in range(start, end - 1)}
        for i, (left, right) in enumerate(zip(node.terms, node.terms[1:])):
            found = np.zeros(view.n, dtype=bool)
            self._add_scores(pair_fields, f"{left.folded} {right.folded}", score, PAIR_WEIGHT, found)
            if i in inside:
                np.logical_and(mask, found, out=mask)
            if not node.phrase:
                np.add(score, np.float32(ADJACENCY_TIER), out=score, where=found)
        for start, end in words:   # a quoted phrase as before; an unquoted word of three syllables or more
            word = node if (start, end) == (0, len(node.terms)) else Words(node.terms[start:end], node.fields, True)
            if needs_reading(word) and (node.phrase or end - start >= UNQUOTED_READ_FROM):
                confirm_phrase(word, mask, self._stored)
        return Result(mask, score)

    def together(self, folded: list[str]) -> int:
        """Articles in which the syllables (two or more, folded) stand side by side, as their pair
        terms tell (a count for reading a query into words, indexer/words.py)."""
        view = self._view
        mask: np.ndarray | None = None
        for left, right in zip(folded, folded[1:]):
            found = self._pair_mask(left, right)
            mask = found if mask is None else np.logical_and(mask, found, out=mask)
            if not mask.any():
                return 0
        return int(np.count_nonzero(mask & view.live)) if mask is not None else 0

    def _matched(self, query: str, parsed: ParsedQuery, loose: bool = False) -> Result:
        """The documents a query's words match and their scores (read-only), cached for this view.

        Unless `loose`, the syllables of each group of plain words are first read as words
        (indexer/words.py; the reading is cached with the matches and set on `parsed`'s nodes)."""
        groups = [] if loose else word_groups(parsed.root)
        key = ("loose", query) if loose else query
        found = self._matches.get(key)
        readings = found[2] if found is not None else tuple(
            keep_together(read_words(group.terms, self.together), group.fixed) for group in groups)
        for group, bounds in zip(groups, readings):
            group.bounds = bounds
        if found is None:
            result = self._evaluate(parsed.root)
            for array in (result.mask, result.score):
                if array is not None:
                    array.flags.writeable = False  # shared by later searches
            found = (result.mask, result.score, readings)
            self._matches.put(key, found)
        return Result(found[0], found[1])

    def _with_accent_bonus(self, words: Words, suggestion: str, mask: np.ndarray, score: np.ndarray,
                           share: float = 1.0) -> np.ndarray:
        """`score` plus ACCENT_TIER (times `share`, for one of several word groups) for the matching
        documents that use every syllable of `suggestion` in the fields of `words`.

        Typed without accents, "ha noi" matches "Hà Nội" and "Hạ Nội" alike, yet nearly everyone
        who types it means the spelling most of the best hits use. That reading lifts its documents
        half a tier: above the same syllables with other accents, below syllables standing
        together (a whole tier). The bonus depends only on the query and its filters (as the
        suggestion does), so every page and the exports share one order."""
        docs = np.flatnonzero(mask)
        has_all = np.ones(docs.size, dtype=bool)
        for syllable in normalize(suggestion).split():
            found = np.zeros(docs.size, dtype=bool)
            for field in words.fields:
                kind, where, _ = self._scored(field, syllable)
                if kind == "dense":      # a mask over all documents
                    found |= where[docs]
                elif where.size:         # ascending doc ids
                    at = np.minimum(np.searchsorted(where, docs), where.size - 1)
                    found |= where[at] == docs
            has_all &= found
        lifted = score.copy()
        lifted[docs[has_all]] += np.float32(ACCENT_TIER * share)
        return lifted

    def _pair_mask(self, left: str, right: str) -> np.ndarray:
        """The documents with the pair "left right" in a title or a body, as a mask over all documents
        (a scatter; the sorted union of two long posting lists cost ~100 ms at a million articles)."""
        found = np.zeros(self._view.n, dtype=bool)
        for field in PAIR_FIELDS.values():
            found[self._term(field, f"{left} {right}")[0]] = True
        return found

    def pair_df(self, left: str, right: str) -> int:
        """How many postings the pair "left right" has in titles and bodies (suggestions weigh context by it)."""
        return sum(self._term(field, f"{left} {right}")[0].size for field in PAIR_FIELDS.values())

    def pair_texts(self, left: str, right: str, limit: int) -> list[str]:
        """Titles and bodies of up to `limit` live documents with the pair "left right" side by side,
        spread over the archive: the suggestion reads which accents the pair takes."""
        ids = np.flatnonzero(self._pair_mask(left, right) & self._view.live)
        if ids.size > limit:
            ids = ids[np.linspace(0, ids.size - 1, limit).astype(np.int64)]
        fields = [self._stored(d) for d in ids.tolist()]
        return [text for f in fields for text in (f.get("title", ""), f.get("body", ""))]
