"""The search API over the Whoosh index: `Searcher(index_dir).search(SearchRequest) -> SearchPage`.

Whoosh stores the index; the query work is done here with numpy arrays, because Whoosh's
pure-Python matchers and per-hit facet grouping are far too slow for every query to count all
its matches and facet them:

- a term's postings are read block by block into (doc ids, frequencies) arrays, cached;
- a query is evaluated as boolean masks over all documents, scored with BM25 (title weighted
  above body), plus the score of the syllable-pair terms, so syllables standing together rank
  above scattered ones (and a quoted phrase requires its pairs);
- facets, filters and sorting use per-segment columns (local day, UTC time, source) loaded once.

The Searcher is shared by the threads of the web server: one lock guards the Whoosh files.
"""

from __future__ import annotations

import functools
import math
import pickle
import re
import struct
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.reading import CorruptIndexError, EmptyReader, TermNotFound
from whoosh.util.numeric import byte_to_length

from . import suggest
from .analysis import fold, normalize, tokenize
from .api import Facets, Hit, SearchPage, SearchRequest
from .generations import has_toc
from .index import damaged_message, forget, live_dir, read_state
from .query import And, FieldIs, Not, Or, ParsedQuery, Words, parse
from .schema import PAIR_FIELDS
from .snippets import SCAN_CHARS, fold_chars, highlight, snippet
from .terms import NEIGHBOURS
from .writer import MIRROR_FREQS_EXT, MIRROR_IDS_EXT, MIRROR_TABLE_EXT

K1 = 1.2
B = 0.75
FIELD_WEIGHT = {"title": 2.5, "body": 1.0, "title_pairs": 2.5, "body_pairs": 1.0}
PAIR_WEIGHT = 1.5          # how much standing together counts, relative to one syllable
# Each pair of a query's neighbouring syllables that a document has side by side lifts it one tier
# above documents with the same syllables scattered: a Vietnamese word is several syllables, and
# "điện tử ... Phú ... Biên" is not "Điện Biên Phủ". Larger than any sum of BM25 parts.
ADJACENCY_TIER = 1000.0
ACCENT_TIER = ADJACENCY_TIER / 2   # see Searcher._with_accent_bonus
POSTINGS_CACHE_BYTES = 32 << 20   # decoded posting arrays kept (suggestions, similar articles), per process
DENSE_SHARE = 8                   # a term in more than 1/8 of the documents keeps whole-array scores
MATCHES_CACHE_BYTES = 8 << 20    # whole queries' match masks and scores: the same words with other
                                  # filters, pages or sorts (a side panel's counts, paging) reuse them
SCORES_CACHE_BYTES = 256 << 20    # per-term (doc ids, BM25 part) kept, per process: reading a term's
                                  # postings costs ~0.1 ms, reusing them a few µs
PHRASE_CHECK_LIMIT = 100   # candidates of a quoted phrase read back to confirm it, ~0.2 ms each (see _confirm_phrase)
SUGGESTIONS_KEPT = 4096   # suggestions of recent searches (page 2 asks again), per view
SUGGEST_FROM = 10          # best hits whose text suggests the accented form of a query
SIMILAR_SCAN_CHARS = 50_000  # similar articles are found from the beginning of a long body: reading
                             # a 10 MB one whole took seconds, and its first pages tell what it is about
_LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


def similar_df_limit(live_count: int) -> int:
    """The most articles a word pair may be found in and still tell similar articles apart.

    A twentieth of a large archive; in a small one a pair shared by a handful of articles is
    still telling (a twentieth of 60 articles would be 3), so up to half of it, at most 50."""
    return max(2, live_count // 20, min(live_count // 2, 50))


class SearchError(Exception):
    """The index is missing or unreadable (worded for the person running khobao)."""


class DamagedIndexError(SearchError):
    """A file of the index cannot be read: only `khobao index --rebuild` helps."""


# What Whoosh raises on a truncated or garbled file that it reads only while a query runs.
_DAMAGE = (CorruptIndexError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


def _reads_index(method):
    """A file found damaged in the middle of a search is reported as the index's damage."""
    @functools.wraps(method)
    def reading(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _DAMAGE as exc:
            forget(exc)
            raise DamagedIndexError(damaged_message(self.index_dir, exc)) from None
    return reading


class _SizedCache:
    """A least-recently-used cache of numpy arrays, bounded by the bytes they hold."""

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict = OrderedDict()

    def get(self, key):
        found = self._items.get(key)
        if found is None:
            return None
        self._items.move_to_end(key)
        return found[0]

    def put(self, key, arrays: tuple) -> None:
        size = sum(getattr(a, "nbytes", 0) for a in arrays) + 200
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= old[1]
        self._items[key] = (arrays, size)
        self.used += size
        while self.used > self.budget and len(self._items) > 1:
            _, (_, freed) = self._items.popitem(last=False)
            self.used -= freed

    def keys(self) -> list:
        return list(self._items)

    def drop(self, key) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= old[1]

    def clear(self) -> None:
        self._items.clear()
        self.used = 0


def _column_array(column_reader, doccount: int, dtype: str) -> np.ndarray:
    """A whole fixed-width column as an array (one read, not one call per document)."""
    try:
        fixed = column_reader._fixedlen
        count = min(column_reader._count, doccount)
        raw = column_reader._dbfile.get(column_reader._basepos, count * fixed)
        values = np.frombuffer(raw, dtype=">" + column_reader._typecode).astype(dtype)
        if count < doccount:
            values = np.concatenate([values, np.full(doccount - count, column_reader._default, dtype=dtype)])
        return values
    except AttributeError:  # another column implementation: the slow, public way
        return np.array([column_reader[i] for i in range(doccount)], dtype=dtype)


class _Segment:
    """What search needs from one immutable segment, loaded once."""

    def __init__(self, leaf, source_codes: dict[str, int]):
        n = leaf.doc_count_all()
        self.n = n
        self.day = _column_array(leaf.column_reader("day", translate=False), n, "int32")
        self.published = _column_array(leaf.column_reader("published", translate=False), n, "int64")
        # sources from the postings of the few source terms, not one column read per document
        codes = np.full(n, source_codes.setdefault("", len(source_codes)), dtype="int32")
        for raw, _ in leaf.iter_field("source"):
            name = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            ids, _ = _leaf_postings(leaf, "source", name)
            codes[ids] = source_codes.setdefault(name, len(source_codes))
        self.source = codes
        self.lengths = {}
        perdoc = leaf._perdoc
        for field in FIELD_WEIGHT:
            reader = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
            if reader is None:
                self.lengths[field] = np.zeros(n, dtype=np.float32)
            else:
                self.lengths[field] = _LENGTH_TABLE[_column_array(reader, n, "int32")]


class _Mirror:
    """A segment's mirror of frequent terms' postings (writer._write_mirror), mapped into memory."""

    def __init__(self, leaf):
        self.table: dict = {}
        try:
            segment, storage = leaf.segment(), leaf.storage()
            folder = Path(storage.folder)
            with segment.open_file(storage, MIRROR_TABLE_EXT) as handle:
                table = pickle.loads(handle.read())
            self.ids = _map(folder / segment.make_filename(MIRROR_IDS_EXT), "<i4")
            self.freqs = _map(folder / segment.make_filename(MIRROR_FREQS_EXT), "<u2")
            self.table = table
        except (OSError, AttributeError, pickle.UnpicklingError, EOFError, ValueError):
            self.table = {}  # no mirror (e.g. a segment Whoosh merged itself): read Whoosh's postings

    def get(self, field: str, term: str):
        span = self.table.get((field, term))
        if span is None:
            return None
        start, end = span
        return self.ids[start:end].astype(np.int32), self.freqs[start:end].astype(np.float32)


def _map(path: Path, dtype: str) -> np.ndarray:
    if path.stat().st_size == 0:
        return np.empty(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r")


def _leaf_postings(leaf, field: str, term: str, mirror: _Mirror | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(local doc ids, term frequencies) of a term in one segment."""
    if mirror is not None:
        found = mirror.get(field, term)
        if found is not None:
            return found
    try:
        # The raw postings, deleted documents included (the live mask drops them): Whoosh would
        # wrap them in a filter that forces the slow one-posting-at-a-time path.
        matcher = leaf._terms.matcher(field, leaf._text_to_bytes(field, term), leaf.schema[field].format)
    except AttributeError:
        try:
            matcher = leaf.postings(field, term)
        except TermNotFound:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    except (TermNotFound, KeyError):
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    ids, weights = [], []
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        while matcher.is_active():  # a block at a time: (delta-encoded ids, weights, values)
            matcher._read_data()
            deltas, packed = matcher._data[0], matcher._data[1]
            block_ids = np.cumsum(np.array(deltas, dtype=np.int64)).astype(np.int32)
            ids.append(block_ids)
            if packed is None:
                weights.append(np.ones(block_ids.size, dtype=np.float32))
            elif isinstance(packed, float):
                weights.append(np.full(block_ids.size, packed, dtype=np.float32))
            else:
                weights.append(np.array(packed, dtype=np.float32))
            matcher._next_block()
    else:
        pairs = list(_walk(matcher))
        if pairs:
            ids.append(np.array([p[0] for p in pairs], dtype=np.int32))
            weights.append(np.array([p[1] for p in pairs], dtype=np.float32))
    if not ids:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def _walk(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight()
        matcher.next()


class _View:
    """One generation of the index: its segments side by side, with global document numbers."""

    def __init__(self, reader, segments: list[_Segment], leaves: list[tuple[object, int]]):
        self.reader = reader
        self.leaves = leaves
        self.segments = segments
        self.offsets = np.array([offset for _, offset in leaves], dtype=np.int64)
        self.n = sum(s.n for s in segments)
        cat = (lambda arrays, dtype: np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype))
        self.day = cat([s.day for s in segments], "int32")
        self.published = cat([s.published for s in segments], "int64")
        self.source = cat([s.source for s in segments], "int32")
        self.live = np.ones(self.n, dtype=bool)
        for leaf, offset in leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int64)
                self.live[deleted + offset] = False
        self.live_count = int(self.live.sum())
        self.lengths = {f: cat([s.lengths[f] for s in segments], "float32") for f in FIELD_WEIGHT}
        self.avg_length = {}
        for f, lengths in self.lengths.items():
            live_lengths = lengths[self.live]
            self.avg_length[f] = float(live_lengths.mean()) if live_lengths.size and live_lengths.mean() > 0 else 1.0
        self.norm = {f: (K1 * (1 - B + B * self.lengths[f] / self.avg_length[f])).astype(np.float32)
                     for f in FIELD_WEIGHT}
        # facets: each document's month (YYYYMM, 0 undated) as an index into the sorted months
        months, codes = np.unique(self.day // 100, return_inverse=True)
        self.months = months.tolist()
        self.month_code = codes.astype(np.int32).ravel()


@dataclass
class _Result:
    mask: np.ndarray
    score: np.ndarray | None


def _needs_reading(node: Words) -> bool:
    """A quoted phrase that its pair terms alone cannot prove: three syllables or more, or accents typed."""
    return len(node.terms) >= 3 or (len(node.terms) == 2 and any(t.accented for t in node.terms))


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


def _phrase_pattern(node: Words) -> re.Pattern:
    """The phrase's syllables as whole words with any accents, separated by spaces or hyphens: run
    on the stored (NFC) text itself, no folded copy of a long body needed."""
    def syllable(folded: str) -> str:
        return "".join(f"[{_ANY_ACCENT[c]}]" if c in _ANY_ACCENT else re.escape(c) for c in folded)
    joined = NEIGHBOURS.join(syllable(t.folded) for t in node.terms)
    return re.compile(r"(?<![^\W_])" + joined + r"(?![^\W_])", re.IGNORECASE)


def _holds_phrase(text: str, node: Words, pattern: re.Pattern) -> bool:
    """The phrase stands in `text`, with the accents of the syllables typed with accents."""
    for match in pattern.finditer(text):
        syllables = [s.text for s in tokenize(text[match.start():match.end()])]
        if len(syllables) == len(node.terms) and all(
                not term.accented or syllable == term.text for term, syllable in zip(node.terms, syllables)):
            return True
    return False


def _smallest(primary: np.ndarray, secondary: np.ndarray, docs: np.ndarray, want: int) -> np.ndarray:
    """Positions of the `want` smallest entries by (primary, secondary, docs), in that order.

    Only the candidates that can be among them are sorted: a full sort of tens of thousands of
    matches costs milliseconds, a partition a fraction of that."""
    keep = None
    if docs.size > want:
        kth = np.partition(primary, want - 1)[want - 1]
        below = np.flatnonzero(primary < kth)
        ties = np.flatnonzero(primary == kth)
        room = want - below.size
        if ties.size > room:  # many share the cut-off value (e.g. undated articles): cut by the second key
            second = secondary[ties]
            ties = ties[second <= np.partition(second, room - 1)[room - 1]]
        keep = np.concatenate([below, ties])
        primary, secondary, docs = primary[keep], secondary[keep], docs[keep]
    order = np.lexsort((docs, secondary, primary))[:want]
    return order if keep is None else keep[order]


class Searcher:
    """Opens the index once; `refresh()` picks up what writers committed since."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._segment_cache: dict[str, _Segment] = {}
        self._postings = _SizedCache(POSTINGS_CACHE_BYTES)   # (segment, field, term) -> (ids, freqs)
        self._scores = _SizedCache(SCORES_CACHE_BYTES)       # (field, term) -> (ids, BM25 part), this view
        self._matches = _SizedCache(MATCHES_CACHE_BYTES)     # query text -> (matches, scores), this view
        self._suggestions: OrderedDict = OrderedDict()        # (query, filters) -> (suggestion, correction)
        self._source_codes: dict[str, int] = {}
        self._vocabulary = None
        self._segment_vocabulary: dict[str, suggest.SegmentVocabulary] = {}
        self._mirrors: dict[str, _Mirror] = {}
        self._keyword_values: dict[tuple[str, str], list] = {}
        self._ix = None
        self._view: _View | None = None
        self._open()

    # -- opening and refreshing -------------------------------------------------------------------

    def _open(self) -> None:
        for _ in range(3):
            generation = live_dir(self.index_dir)   # the link resolved once: a rebuild may replace it
            if not has_toc(generation):
                raise SearchError(f"no index in {self.index_dir}; run `khobao index` (or `khobao import FILE`) first")
            try:
                self._build = read_state(generation).get("build")
                self._ix = whoosh_index.open_dir(str(generation))
                self._generation = self._ix.latest_generation()
                self._set_reader(self._ix.reader())
                return
            except Exception as exc:  # noqa: BLE001 - a truncated or garbled file, whatever Whoosh raises
                failure = exc
            forget(failure)
            if live_dir(self.index_dir) == generation:
                break   # not a rebuild swapping generations under us: the index is damaged
        raise DamagedIndexError(damaged_message(self.index_dir, failure))

    def _set_reader(self, reader) -> None:
        if isinstance(reader, EmptyReader):  # an index without documents (e.g. every page rejected)
            leaves = []
        else:
            leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
        segments = []
        for leaf, _ in leaves:
            key = leaf._segid
            if key not in self._segment_cache:
                self._segment_cache[key] = _Segment(leaf, self._source_codes)
            segments.append(self._segment_cache[key])
            # Open every file now: a rebuild later deletes this directory, and files already open
            # stay readable until the next refresh, whereas lazily opened ones would be gone.
            self._mirror(leaf)
            if leaf.doc_count_all():
                leaf.stored_fields(0)
        live_keys = {leaf._segid for leaf, _ in leaves}
        for cache in (self._segment_cache, self._segment_vocabulary, self._mirrors):
            for key in list(cache):
                if key not in live_keys:
                    del cache[key]
        for key in [k for k in self._postings.keys() if k[0] not in live_keys]:
            self._postings.drop(key)
        for key in [k for k in self._keyword_values if k[0] not in live_keys]:
            del self._keyword_values[key]
        self._scores.clear()  # document frequencies and lengths change with the view
        self._matches.clear()
        self._suggestions.clear()
        old = self._view
        self._view = _View(reader, segments, leaves)
        self._vocabulary = None
        if old is not None:
            old.reader.close()

    def refresh(self) -> None:
        """Cheap when nothing changed; otherwise opens the newly committed segments (or a rebuilt index).

        If the index cannot be opened right now (a rebuild swapping directories), the searcher
        keeps answering from what it has and tries again at the next refresh.
        """
        with self._lock:
            try:
                folder = live_dir(self.index_dir)
                build = read_state(folder).get("build")
                ix = self._ix if build == self._build else whoosh_index.open_dir(str(folder))
                generation = ix.latest_generation()
                if build == self._build and generation == self._generation:
                    return
                if ix is self._ix:
                    ix = whoosh_index.open_dir(str(folder))
                reader = ix.reader()
            except Exception:  # noqa: BLE001 - any failure here means "not now"
                return
            self._ix, self._build, self._generation = ix, build, generation
            self._set_reader(reader)

    def _close_all(self) -> None:
        if self._view is not None:
            self._view.reader.close()
            self._view = None

    def close(self) -> None:
        with self._lock:
            self._close_all()
            self._mirrors.clear()
            self._postings.clear()
            self._scores.clear()
            self._matches.clear()

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _vocabulary_now(self) -> "suggest.Vocabulary":
        if self._vocabulary is None:
            parts = []
            for leaf, _ in self._view.leaves:
                if leaf._segid not in self._segment_vocabulary:
                    self._segment_vocabulary[leaf._segid] = suggest.SegmentVocabulary(leaf)
                parts.append(self._segment_vocabulary[leaf._segid])
            self._vocabulary = suggest.Vocabulary(parts)
        return self._vocabulary

    def doc_count(self) -> int:
        with self._lock:
            return self._view.live_count

    # -- postings and scores ----------------------------------------------------------------------

    def _term(self, field: str, term: str, cache: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(global doc ids, frequencies) of a term over all segments; cached per segment unless
        `cache` is False (the caller keeps what it derives from them)."""
        view = self._view
        ids_parts, tf_parts = [], []
        for (leaf, offset) in view.leaves:
            key = (leaf._segid, field, term)
            found = self._postings.get(key)
            if found is None:
                found = _leaf_postings(leaf, field, term, self._mirror(leaf))
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

    def _mirror(self, leaf) -> _Mirror:
        mirror = self._mirrors.get(leaf._segid)
        if mirror is None:
            mirror = self._mirrors[leaf._segid] = _Mirror(leaf)
        return mirror

    def _field_mask(self, field: str, value: str) -> np.ndarray:
        """Documents whose keyword field (source, section, author) equals `value`, ignoring case."""
        view = self._view
        wanted = normalize(value)
        mask = np.zeros(view.n, dtype=bool)
        for leaf, offset in view.leaves:
            key = (leaf._segid, field)
            values = self._keyword_values.get(key)
            if values is None:
                values = self._keyword_values[key] = [
                    (normalize(raw.decode("utf-8") if isinstance(raw, bytes) else raw), raw)
                    for raw, _ in leaf.iter_field(field)]
            for normalized, raw in values:
                if normalized == wanted:
                    ids, _ = _leaf_postings(leaf, field, raw.decode("utf-8") if isinstance(raw, bytes) else raw)
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
        ids, tf = self._term(field, term, cache=False)
        if not ids.size:
            found = ("sparse", ids, np.empty(0, dtype=np.float32))
        else:
            df = int(view.live[ids].sum())
            idf = math.log(1 + (view.live_count - df + 0.5) / (df + 0.5))
            part = (np.float32(FIELD_WEIGHT[field] * idf * (K1 + 1)) * tf / (tf + view.norm[field][ids]))
            part = part.astype(np.float32, copy=False)
            if ids.size * DENSE_SHARE > view.n:
                dense = np.zeros(view.n, dtype=np.float32)
                dense[ids] = part
                present = np.zeros(view.n, dtype=bool)
                present[ids] = True
                found = ("dense", present, dense)
            else:
                found = ("sparse", ids, part)
        self._scores.put(key, found)
        return found

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

    def _term_result(self, fields: tuple[str, ...], term: str) -> _Result:
        view = self._view
        mask = np.zeros(view.n, dtype=bool)
        score = np.zeros(view.n, dtype=np.float32)
        self._add_scores(fields, term, score, 1.0, mask)
        return _Result(mask, score)

    def _evaluate(self, node) -> _Result:
        view = self._view
        if isinstance(node, Words):
            # every syllable required (in any of the fields); scores summed into one array
            score = np.zeros(view.n, dtype=np.float32)
            mask = None
            for term in node.terms:
                found = np.zeros(view.n, dtype=bool)
                self._add_scores(node.fields, term.text, score, 1.0, found)
                mask = found if mask is None else np.logical_and(mask, found, out=mask)
            pair_fields = tuple(PAIR_FIELDS[f] for f in node.fields)
            for left, right in zip(node.terms, node.terms[1:]):
                found = np.zeros(view.n, dtype=bool)
                self._add_scores(pair_fields, f"{left.folded} {right.folded}", score, PAIR_WEIGHT, found)
                if node.phrase:
                    np.logical_and(mask, found, out=mask)
                else:
                    score[found] += np.float32(ADJACENCY_TIER)
            if node.phrase and _needs_reading(node):
                self._confirm_phrase(node, mask)
            return _Result(mask, score)
        if isinstance(node, FieldIs):
            return _Result(self._field_mask(node.field, node.value), None)
        if isinstance(node, Not):
            inner = self._evaluate(node.child)
            return _Result(view.live & ~inner.mask, None)
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
            return _Result(mask, score)
        if isinstance(node, Or):
            mask = np.zeros(view.n, dtype=bool)
            score = None
            for child in node.children:
                part = self._evaluate(child)
                mask |= part.mask
                if part.score is not None:
                    score = part.score if score is None else score + part.score
            return _Result(mask, score)
        raise TypeError(f"unknown query node {node!r}")

    def _confirm_phrase(self, node: Words, mask: np.ndarray) -> None:
        """Drop the candidates of a quoted phrase whose text does not hold it.

        The pair terms prove that each two neighbours stand together somewhere, not that all of
        them do in one place ("công nghệ ... nghệ thông ... thông tin"), nor, for syllables typed
        with accents, that the accents are those of the pair ("Hạ Nội" and, elsewhere, "hà").
        Up to PHRASE_CHECK_LIMIT candidates are read back and searched; more than that (a
        phrase on every other page) are kept as the pairs found them. Once per query and index
        view: the result is cached with the query's matches."""
        docs = np.flatnonzero(mask)
        if not docs.size or docs.size > PHRASE_CHECK_LIMIT:
            return
        pattern = _phrase_pattern(node)
        for docnum in docs.tolist():
            fields = self._stored(docnum)
            if not any(_holds_phrase(fields.get(field) or "", node, pattern) for field in node.fields):
                mask[docnum] = False

    def _matched(self, query: str, parsed: ParsedQuery) -> _Result:
        """The documents a query's words match and their scores (read-only), cached for this view."""
        found = self._matches.get(query)
        if found is None:
            result = self._evaluate(parsed.root)
            found = (result.mask,) if result.score is None else (result.mask, result.score)
            for array in found:
                array.flags.writeable = False  # shared by later searches
            self._matches.put(query, found)
        return _Result(found[0], found[1] if len(found) > 1 else None)

    # -- the search -------------------------------------------------------------------------------

    @_reads_index
    def search(self, request: SearchRequest) -> SearchPage:
        started = time.perf_counter()
        parsed = parse(request.query)
        with self._lock:
            view = self._view
            browse = request.query.strip() in ("", "*")
            if browse:  # no words: every article, to browse by filters and facets
                result = _Result(view.live.copy(), None)
            elif parsed.root is None:
                result = _Result(np.zeros(view.n, dtype=bool), None)
            else:
                result = self._matched(request.query, parsed)
            mask = result.mask & view.live
            mask &= self._filter_mask(request)
            total = int(mask.sum())
            facets = self._facets(mask)
            if request.facets_only:  # counts for a side panel: no ranking, hits or suggestion
                hits, suggestion, correction = [], None, None
            else:
                ranked = replace(request, sort="newest") if browse and request.sort == "relevance" else request
                hits, suggestion, correction = self._page(ranked, parsed, mask, result.score, total)
        notes = () if browse else tuple(parsed.notes)
        return SearchPage(query=request.query, total=total, took_ms=(time.perf_counter() - started) * 1000,
                          hits=hits, facets=facets, suggestion=suggestion, correction=correction, notes=notes,
                          page=request.page, per_page=request.per_page, request=request)

    def _page(self, request: SearchRequest, parsed: ParsedQuery, mask: np.ndarray, score: np.ndarray | None,
              total: int) -> tuple[list[Hit], str | None, str | None]:
        """The requested page of hits, and the suggestion and correction (which read the best hits' text).

        For words typed without accents, the suggestion (the accented reading the best hits use)
        also ranks: see `_with_accent_bonus`. Each document read here is read and folded once, for the
        suggestion and for its snippet."""
        read: dict[int, tuple[dict, str]] = {}

        def stored(docnum: int) -> tuple[dict, str]:
            if docnum not in read:
                fields = self._stored(docnum)
                read[docnum] = (fields, fold_chars(fields.get("body", "")[:SCAN_CHARS]))
            return read[docnum]

        key = (request.query, request.sources, request.date_from, request.date_to)
        known = self._suggestions.get(key)  # e.g. page 2 after page 1
        if known is None:
            texts = []
            if suggest.wants_texts(parsed):  # the best hits by relevance, whatever page or order is asked
                best = SearchRequest(request.query, per_page=SUGGEST_FROM)
                for docnum in self._rank(mask, score, best).tolist():
                    fields, folded = stored(docnum)
                    texts += [fields.get("title", ""), (fields.get("body", "")[:SCAN_CHARS], folded)]
            known = suggest.suggest(self, parsed, total, texts)
            self._suggestions[key] = known
            if len(self._suggestions) > SUGGESTIONS_KEPT:
                self._suggestions.popitem(last=False)
        suggestion, correction = known
        if request.sort == "relevance" and suggestion and score is not None and suggest.wants_texts(parsed):
            score = self._with_accent_bonus(parsed.root, suggestion, mask, score)
        docnums = self._rank(mask, score, request).tolist()
        if not request.snippets:  # exports: the records only, at a fraction of the cost
            return [self._hit(self._stored(d), d, score, None) for d in docnums], None, None
        hits = []
        for docnum in docnums:
            fields, folded = stored(docnum)
            hits.append(self._hit(fields, docnum, score, parsed, folded))
        return hits, suggestion, correction

    def _with_accent_bonus(self, words: Words, suggestion: str, mask: np.ndarray, score: np.ndarray) -> np.ndarray:
        """`score` plus ACCENT_TIER for the matching documents that use every syllable of `suggestion`.

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
        lifted[docs[has_all]] += np.float32(ACCENT_TIER)
        return lifted

    def _filter_mask(self, request: SearchRequest) -> np.ndarray | bool:
        view = self._view
        mask = True
        if request.sources:
            wanted_names = {s.lower() for s in request.sources}
            wanted = [code for name, code in self._source_codes.items() if name.lower() in wanted_names]
            mask = np.isin(view.source, wanted)
        if request.date_from is not None:
            d = request.date_from
            mask = mask & (view.day >= d.year * 10000 + d.month * 100 + d.day)
        if request.date_to is not None:
            d = request.date_to
            mask = mask & (view.day <= d.year * 10000 + d.month * 100 + d.day) & (view.day > 0)
        return mask

    def _facets(self, mask: np.ndarray) -> Facets:
        view = self._view
        docs = np.flatnonzero(mask)
        years: dict[int | None, int] = {}
        months: dict[tuple[int, int] | None, int] = {}
        month_counts = np.bincount(view.month_code[docs], minlength=len(view.months)).tolist()
        for value, count in zip(view.months, month_counts):
            if not count:
                continue
            if value <= 0:  # undated
                years[None] = years.get(None, 0) + count
                months[None] = months.get(None, 0) + count
                continue
            year, month = divmod(value, 100)
            years[year] = years.get(year, 0) + count
            months[(year, month)] = count
        names = {code: name for name, code in self._source_codes.items()}
        source_counts = np.bincount(view.source[docs], minlength=len(names)) if docs.size else np.zeros(0, int)
        sources = {names[code]: int(c) for code, c in enumerate(source_counts.tolist()) if c}
        return Facets(years, months, sources)

    def _rank(self, mask: np.ndarray, score: np.ndarray | None, request: SearchRequest) -> np.ndarray:
        view = self._view
        docs = np.flatnonzero(mask)
        first = (request.page - 1) * request.per_page
        if first >= docs.size:
            return docs[:0]
        want = first + request.per_page
        scores = score[docs] if score is not None else np.zeros(docs.size, dtype=np.float32)
        published = view.published[docs]
        if request.sort == "relevance":  # best first, then newest (undated last), then document order
            primary, secondary = -scores, -published
        else:  # by date (undated last), then best first
            undated = np.iinfo(np.int64).max
            primary = np.where(published == 0, undated, -published if request.sort == "newest" else published)
            secondary = -scores
        return docs[_smallest(primary, secondary, docs, want)][first:want]

    def _stored(self, docnum: int) -> dict:
        view = self._view
        segment = int(np.searchsorted(view.offsets, docnum, side="right")) - 1
        leaf, offset = view.leaves[segment]
        return leaf.stored_fields(docnum - offset)

    def _hit(self, fields: dict, docnum: int, score: np.ndarray | None, parsed: ParsedQuery | None,
             folded_body: str | None = None) -> Hit:
        """The hit record; with `parsed` None, without its snippet and title highlight."""
        title = fields.get("title", "")
        published = fields.get("published_iso")
        if parsed is None:
            snippet_html = title_html = ""
        else:
            terms = tuple(parsed.terms)
            snippet_html = snippet(fields.get("body", ""), terms, folded=folded_body)
            title_html = highlight(title, terms)
        return Hit(
            id=int(fields["id"]), url=fields.get("url", ""), title=title, source=fields.get("source", ""),
            published=datetime.fromisoformat(published) if published else None,
            score=float(score[docnum]) if score is not None else 0.0,
            snippet=snippet_html, title_html=title_html,
            author=fields.get("author") or None, section=fields.get("section") or None,
        )

    # -- similar articles -------------------------------------------------------------------------

    @_reads_index
    def more_like_this(self, article_id: int, limit: int = 5) -> list[Hit]:
        """Articles sharing the most distinctive syllable pairs and syllables of this one."""
        with self._lock:
            view = self._view
            docnum = self._docnum_of(article_id)
            if docnum is None:
                return []
            fields = self._stored(docnum)
            from .terms import index_terms
            syllables, pairs = index_terms(fields.get("title", "") + "\n"
                                           + fields.get("body", "")[:SIMILAR_SCAN_CHARS])
            counts: dict[str, int] = {}
            for term in pairs:
                counts[term] = counts.get(term, 0) + 1
            frequent = sorted(counts, key=counts.get, reverse=True)[:200]
            candidates = {}
            most = similar_df_limit(view.live_count)
            for term in frequent:
                ids, _ = self._term("body_pairs", term)
                df = int(view.live[ids].sum()) if ids.size else 0
                if 2 <= df <= most:
                    candidates[term] = math.log(view.live_count / df) * counts[term]
            chosen = sorted(candidates, key=candidates.get, reverse=True)[:25]
            score = np.zeros(view.n, dtype=np.float32)
            for term in chosen:
                score += self._term_result(("title_pairs", "body_pairs"), term).score
            score[docnum] = 0
            score[~view.live] = 0
            docs = np.flatnonzero(score > 0)
            docs = docs[np.lexsort((docs, -score[docs]))][:limit]
            empty = ParsedQuery(None, [], [], [])
            return [self._hit(self._stored(int(d)), int(d), score, empty) for d in docs]

    def _docnum_of(self, article_id: int) -> int | None:
        """The live document of an article id (an updated article leaves deleted older ones)."""
        view = self._view
        for leaf, offset in view.leaves:
            try:
                matcher = leaf.postings("id", str(article_id))
            except TermNotFound:
                continue
            for doc, _ in _walk(matcher):
                if view.live[doc + offset]:
                    return doc + offset
        return None
