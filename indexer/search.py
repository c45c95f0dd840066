"""The search API over the Whoosh index: `Searcher(index_dir).search(SearchRequest) -> SearchPage`.

Whoosh stores the index; the query work is done with numpy arrays, because Whoosh's pure-Python
matchers and per-hit facet grouping are far too slow for every query to count all its matches
and facet them. The work is split by job:

- segments.py: per-segment columns (local day, UTC time, source, lengths) and the view of a generation;
- scoring.py: a query evaluated as masks and BM25 scores (phrases.py confirms quoted phrases);
- ranking.py: filters, facet counts and the order of hits;
- similar.py: similar articles; suggest.py: suggestions from the index's vocabulary;
- caches.py, postings_file.py (the text fields' postings), whoosh_bridge.py (Whoosh's internals).

The Searcher opens the index, keeps the caches, and puts a page together. It is shared by the
threads of the web server: one lock guards the Whoosh files.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from . import suggest
from .api import Copies, Hit, SearchPage, SearchRequest
from .caches import SizedCache
from .errors import DamagedIndexError, SearchError, reads_index
from .generations import has_toc, on_live_generation
from .index import live_dir, read_state
from .postings_file import SegmentPostings
from .query import Note, ParsedQuery, Term, parse
from .ranking import counts_per_day, day_codes, facets, filter_mask, rank
from .scoring import Result, Scoring
from .segments import Segment, View
from .similar import SIMILAR_SCAN_CHARS, SimilarArticles, similar_df_limit
from .snippets import SCAN_CHARS, fold_chars, highlight, snippet
from .whoosh_bridge import leaves_of, segment_id
from .word_groups import lone_syllables, reading, word_groups
from .words import split_joined

__all__ = ["DamagedIndexError", "SIMILAR_SCAN_CHARS", "SearchError", "Searcher", "similar_df_limit"]

POSTINGS_CACHE_BYTES = 32 << 20   # decoded posting arrays kept (suggestions, similar articles), per process
MATCHES_CACHE_BYTES = 64 << 20   # whole queries' match masks and scores: the same words with other
                                  # filters, pages or sorts (a side panel's counts, paging) reuse them;
                                  # 5 bytes a document each, so a dozen at a million articles (with 8 MB
                                  # a page's strict and loose readings evicted each other: ~100 ms a request)
SCORES_CACHE_BYTES = 192 << 20    # per-term (doc ids, BM25 part) kept, per process: reading a term's
                                  # postings costs ~0.1 ms, reusing them a few µs
SUGGESTIONS_KEPT = 4096   # suggestions of recent searches (page 2 asks again), per view
SUGGEST_FROM = 10          # best hits whose text suggests the accented form of a query


class Searcher(Scoring, SimilarArticles):
    """Opens the index once; `refresh()` picks up what writers committed since."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._segment_cache: dict[str, Segment] = {}
        self._postings = SizedCache(POSTINGS_CACHE_BYTES)   # (segment, field, term) -> (ids, freqs)
        self._scores = SizedCache(SCORES_CACHE_BYTES)       # (field, term) -> (ids, BM25 part), this view
        self._matches = SizedCache(MATCHES_CACHE_BYTES)     # query text -> (matches, scores), this view
        self._suggestions: OrderedDict = OrderedDict()        # (query, filters) -> (suggestion, correction)
        self._source_codes: dict[str, int] = {}
        self._vocabulary: suggest.Vocabulary | None = None
        self._segment_vocabulary: dict[str, suggest.SegmentVocabulary] = {}
        self._postings_files: dict[str, SegmentPostings] = {}
        self._keyword_values: dict[tuple[str, str], list] = {}
        self._ix = None
        self._view: View | None = None
        self._day_codes: tuple[View, np.ndarray, np.ndarray] | None = None   # (view, its days, each doc's day)
        self._open()

    # -- opening and refreshing -------------------------------------------------------------------

    def _open(self) -> None:
        try:
            on_live_generation(self.index_dir, self._open_generation)
        except SearchError:
            raise
        except Exception as exc:  # noqa: BLE001 - a truncated or garbled file, whatever Whoosh raises
            failure = exc
        else:
            return
        raise DamagedIndexError.of(self.index_dir, failure)

    def _open_generation(self, generation: Path) -> None:
        if not has_toc(generation):
            raise SearchError(f"no index in {self.index_dir}; run `khobao index` (or `khobao import FILE`) first")
        self._build = read_state(generation).get("build")
        self._ix = whoosh_index.open_dir(str(generation))
        self._generation = self._ix.latest_generation()
        self._set_reader(self._ix.reader())

    def _set_reader(self, reader) -> None:
        leaves = leaves_of(reader)
        segments = []
        for leaf, _ in leaves:
            key = segment_id(leaf)
            if key not in self._segment_cache:
                self._segment_cache[key] = Segment(leaf, self._source_codes)
            segments.append(self._segment_cache[key])
            # Open every file now: a rebuild later deletes this directory, and files already open
            # stay readable until the next refresh, whereas lazily opened ones would be gone.
            self._segment_postings(leaf)
            if leaf.doc_count_all():
                leaf.stored_fields(0)
        live_keys = {segment_id(leaf) for leaf, _ in leaves}
        for cache in (self._segment_cache, self._segment_vocabulary, self._postings_files):
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
        self._view = View(reader, segments, leaves)
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
            self._postings_files.clear()
            self._postings.clear()
            self._scores.clear()
            self._matches.clear()

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def vocabulary(self) -> suggest.Vocabulary:
        """The current view's vocabulary (its segments' parts read on first use)."""
        if self._vocabulary is None:
            self._vocabulary = suggest.Vocabulary(self._segment_vocabularies, self.pair_df)
        return self._vocabulary

    def _segment_vocabularies(self) -> list[suggest.SegmentVocabulary]:
        parts = []
        for leaf, _ in self._view.leaves:
            key = segment_id(leaf)
            if key not in self._segment_vocabulary:
                self._segment_vocabulary[key] = suggest.SegmentVocabulary(leaf)
            parts.append(self._segment_vocabulary[key])
        return parts

    def warm_up(self) -> None:
        """Read every segment's vocabulary file now (a third of a second at a million articles), not
        at the first search without hits."""
        with self._lock:
            self._segment_vocabularies()

    def doc_count(self) -> int:
        with self._lock:
            return self._view.live_count

    # -- the search -------------------------------------------------------------------------------

    @reads_index
    def search(self, request: SearchRequest) -> SearchPage:
        started = time.perf_counter()
        parsed = parse(request.query)
        with self._lock:
            view = self._view
            browse = request.query.strip() in ("", "*")
            result = self._match(request, parsed, view)
            filters = filter_mask(view, self._source_codes, request) & view.live
            mask = result.mask & filters
            articles = total = int(mask.sum())
            if request.collapse:  # each story once: the first published of each group of copies
                mask = view.groups.first_only(mask)
                total = int(mask.sum())
            read_as = () if browse else reading(parsed.root)
            apart = self._apart(request, read_as, filters, articles)
            counts = facets(view, self._source_codes, mask, request)
            if request.facets_only:  # counts for a side panel: no ranking, hits or suggestion
                hits, suggestion, correction = [], None, None
            else:
                ranked = replace(request, sort="newest") if browse and request.sort == "relevance" else request
                hits, suggestion, correction = self._page(ranked, parsed, mask, result.score, total)
        notes = () if browse else tuple(parsed.notes)
        return SearchPage(query=request.query, total=total, took_ms=(time.perf_counter() - started) * 1000,
                          hits=hits, facets=counts, suggestion=suggestion, correction=correction, notes=notes,
                          page=request.page, per_page=request.per_page, read_as=read_as, apart=apart,
                          loose=request.loose, collapse=request.collapse, articles=articles)

    @reads_index
    def copies(self, article_id: int, limit: int = 100) -> list[Hit]:
        """The article's group of near-identical copies, first published first: the first `limit`,
        and itself (last, if it is not among them); [] when it has none."""
        with self._lock:
            docnum = self._docnum_of(article_id)
            if docnum is None:
                return []
            members = self._view.groups.of(docnum).tolist()
            shown = members[:limit] + ([docnum] if docnum in members[limit:] else [])
            return [self._hit(self._stored(d), d, None, None) for d in shown]

    @reads_index
    def day_counts(self, request: SearchRequest) -> dict[date | None, int]:
        """Matching articles per day (None: undated), from the match mask alone: no ranking or snippets."""
        parsed = parse(request.query)
        with self._lock:
            view = self._view
            mask = self._match(request, parsed, view).mask & view.live & filter_mask(view, self._source_codes, request)
            if self._day_codes is None or self._day_codes[0] is not view:
                self._day_codes = (view, *day_codes(view))
            _, values, codes = self._day_codes
        return counts_per_day(values, codes, mask)

    def _match(self, request: SearchRequest, parsed: ParsedQuery, view: View) -> Result:
        """What the query matches before the filters: every article when it has no words (browsing by
        filters and facets), none when nothing of it can be searched. Called under the lock."""
        if request.query.strip() in ("", "*"):
            return Result(view.live.copy(), None)
        if parsed.root is None:
            return Result(np.zeros(view.n, dtype=bool), None)
        self._read_joined(parsed)
        return self._matched(request.query, parsed, loose=request.loose)

    @reads_index
    def read_query(self, query: str) -> ParsedQuery:
        """The query parsed and its syllables read as words, as `search` reads them (for highlighting
        an article reached from a search)."""
        parsed = parse(query)
        if parsed.root is not None:
            with self._lock:
                self._read_joined(parsed)
                self._matched(query, parsed)
        return parsed

    def _apart(self, request: SearchRequest, read_as: tuple[str, ...], filters: np.ndarray, total: int) -> int:
        """How many more articles (within the filters) the loose reading finds: a page's "N more
        articles have these syllables apart". Not for counts-only requests and exports."""
        if request.loose or request.facets_only or not request.snippets or not any(" " in w for w in read_as):
            return 0
        loose = parse(request.query)
        self._read_joined(loose)
        wider = self._matched(request.query, loose, loose=True).mask
        return int(np.count_nonzero(wider & filters)) - total

    def _read_joined(self, parsed: ParsedQuery) -> None:
        """Tokens the archive does not hold that are syllables written together ("vietnam") become
        those syllables (indexer/words.py), with a note saying so."""
        def known(folded: str) -> bool:
            return any(self._term(field, folded)[0].size for field in ("title", "body"))

        for group in word_groups(parsed.root, least=1):
            terms: list[Term] = []
            for term in group.terms:
                parts = None if term.accented or known(term.folded) else split_joined(term.folded, known, self.together)
                if parts is None:
                    terms.append(term)
                    continue
                split = [Term(part, part, False) for part in parts]
                group.fixed.append((len(terms), len(terms) + len(split)))
                terms += split
                at = next((i for i, t in enumerate(parsed.terms) if t == term), None)
                if at is not None:
                    parsed.terms[at:at + 1] = split
                parsed.notes.append(Note("read_joined", {"token": term.folded, "words": " ".join(parts)}))
            group.terms[:] = terms

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

        key = (request.query, request.sources, request.date_from, request.date_to, request.loose, request.edited,
               request.collapse)
        known = self._suggestions.get(key)  # e.g. page 2 after page 1
        if known is None:
            texts = []
            if suggest.wants_texts(parsed):  # the best hits by relevance, whatever page or order is asked
                best = SearchRequest(request.query, per_page=SUGGEST_FROM)
                for docnum in rank(self._view, mask, score, best).tolist():
                    fields, folded = stored(docnum)
                    texts += [fields.get("title", ""), (fields.get("body", "")[:SCAN_CHARS], folded)]
            known = suggest.suggest(self.vocabulary(), parsed, total, texts, request.query, self.pair_texts)
            self._suggestions[key] = known
            if len(self._suggestions) > SUGGESTIONS_KEPT:
                self._suggestions.popitem(last=False)
        suggestion, correction = known.suggestion, known.correction
        if request.sort == "relevance" and score is not None:
            for words, forms in known.readings:  # each group's share keeps them below a tier together
                score = self._with_accent_bonus(words, " ".join(forms), mask, score, 1 / len(known.readings))
        docnums = rank(self._view, mask, score, request).tolist()
        if not request.snippets:  # exports: the records only, at a fraction of the cost
            return [self._hit(self._stored(d), d, score, None) for d in docnums], None, None
        hits = []
        for docnum in docnums:
            fields, folded = stored(docnum)
            hits.append(self._hit(fields, docnum, score, parsed, folded))
        return hits, suggestion, correction

    def _stored(self, docnum: int) -> dict:
        return self._view.stored(docnum)

    def _hit(self, fields: dict, docnum: int, score: np.ndarray | None, parsed: ParsedQuery | None,
             folded_body: str | None = None) -> Hit:
        """The hit record; with `parsed` None, without its snippet and title highlight."""
        title = fields.get("title", "")
        published = fields.get("published_iso")
        if parsed is None:
            snippet_html = title_html = ""
        else:
            terms, lone = tuple(parsed.terms), lone_syllables(parsed.root)
            snippet_html = snippet(fields.get("body", ""), terms, folded=folded_body, lone=lone)
            title_html = highlight(title, terms, lone)
        return Hit(
            id=int(fields["id"]), url=fields.get("url", ""), title=title, source=fields.get("source", ""),
            published=datetime.fromisoformat(published) if published else None,
            score=float(score[docnum]) if score is not None else 0.0,
            snippet=snippet_html, title_html=title_html,
            author=fields.get("author") or None, section=fields.get("section") or None,
            copies=self._copies(docnum),
        )

    def _copies(self, docnum: int) -> Copies | None:
        """Who else published this article's text, and who first (None: nobody else, not even its own source)."""
        groups = self._view.groups
        members = groups.of(docnum)
        if not members.size:
            return None
        first = int(members[0])
        fields = self._stored(first)
        published = fields.get("published_iso")
        return Copies(articles=int(members.size), other_sources=int(groups.sources[groups.group[docnum]]) - 1,
                      first_id=int(fields["id"]), first_source=fields.get("source", ""),
                      first_published=datetime.fromisoformat(published) if published else None)
