"""Similar articles: the ones sharing the most distinctive syllable pairs of an article."""

from __future__ import annotations

import math

import numpy as np
from whoosh.reading import TermNotFound

from .api import Hit
from .errors import reads_index
from .query import ParsedQuery
from .terms import index_terms
from .whoosh_bridge import walk

SIMILAR_SCAN_CHARS = 50_000  # similar articles are found from the beginning of a long body: reading
                             # a 10 MB one whole took seconds, and its first pages tell what it is about


def similar_df_limit(live_count: int) -> int:
    """The most articles a word pair may be found in and still tell similar articles apart.

    A twentieth of a large archive; in a small one a pair shared by a handful of articles is
    still telling (a twentieth of 60 articles would be 3), so up to half of it, at most 50."""
    return max(2, live_count // 20, min(live_count // 2, 50))


class SimilarArticles:
    """The searcher's similar-articles half (uses its `_lock`, `_view`, `_stored`, `_postings_counts`,
    `_add_scores` and `_hit`)."""

    @reads_index
    def more_like_this(self, article_id: int, limit: int = 5) -> list[Hit]:
        """Articles sharing the most distinctive syllable pairs and syllables of this one."""
        with self._lock:
            view = self._view
            docnum = self._docnum_of(article_id)
            if docnum is None:
                return []
            fields = self._stored(docnum)
            syllables, pairs = index_terms(fields.get("title", "") + "\n"
                                           + fields.get("body", "")[:SIMILAR_SCAN_CHARS])
            counts: dict[str, int] = {}
            for term in pairs:
                counts[term] = counts.get(term, 0) + 1
            frequent = sorted(counts, key=counts.get, reverse=True)[:200]
            candidates = {}
            most = similar_df_limit(view.live_count)
            for term, df in zip(frequent, self._postings_counts("body_pairs", frequent).tolist()):
                if 2 <= df <= most:
                    candidates[term] = math.log(view.live_count / df) * counts[term]
            chosen = sorted(candidates, key=candidates.get, reverse=True)[:25]
            score = np.zeros(view.n, dtype=np.float32)
            for term in chosen:
                self._add_scores(("title_pairs", "body_pairs"), term, score, 1.0, None)
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
            for doc, _ in walk(matcher):
                if view.live[doc + offset]:
                    return doc + offset
        return None
