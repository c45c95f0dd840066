"""The postings file: what the writer saves is what the searcher reads, for every term of an index."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from indexer.index import update_index
from indexer.postings_file import FREQS_EXT, GAPS_EXT, TABLE_EXT, FieldPostings, SegmentPostings, write_postings
from indexer.search import Searcher
from indexer.settings import IndexSettings
from indexer.terms import index_terms
from store import ArticleStore
from tests.vn_articles import ARTICLES, article, filler


def _segment(tmp_path):
    storage = FileStorage(str(tmp_path)).create()
    segment = W3Codec().new_segment(storage, "MAIN")
    return segment, SimpleNamespace(segment=lambda: segment, storage=lambda: storage)


def _field(name, postings: dict[str, list[tuple[int, int]]]) -> FieldPostings:
    """A field's postings given as term → [(doc, freq)], shuffled into the order a writer adds them."""
    rows = sorted((doc, term_id, freq) for term_id, term in enumerate(postings) for doc, freq in postings[term])
    return FieldPostings(name, list(postings), np.array([r[1] for r in rows], dtype=np.int32),
                         np.array([r[0] for r in rows], dtype=np.int32), np.array([r[2] for r in rows], dtype=np.int32))


def test_gaps_of_every_width_and_large_frequencies_read_back(tmp_path):
    segment, leaf = _segment(tmp_path)
    body = {
        "một": [(7, 1)],                                          # one posting: no gaps at all
        "hai": [(0, 3), (1, 1), (255, 2)],                        # gaps below 256: one byte
        "ba": [(2, 300), (300, 1), (65_835, 4)],                  # gaps up to 65,535: two bytes; freq capped
        "bốn": [(1, 1), (70_000, 1), (70_001, 9), (200_000, 2)],  # a gap past 65,535: four bytes
        "năm": [(3, 1), (259, 1)],                                # the first gap of two bytes
        "sáu": [(0, 1), (65_536, 1)],                             # the first gap of four bytes
    }
    pairs = {"hai ba": [(2, 1), (255, 1)], "một": [(9, 5)]}      # the same text in another field is another term
    write_postings(segment, leaf.storage(), [_field("body", body), _field("body_pairs", pairs)])
    read = SegmentPostings(leaf)
    assert read.present
    for field, terms in (("body", body), ("body_pairs", pairs)):
        for term, expected in terms.items():
            ids, freqs = read.get(field, term)
            assert ids.dtype == np.int32 and freqs.dtype == np.float32
            assert ids.tolist() == [doc for doc, _ in expected]
            assert freqs.tolist() == [min(freq, 255) for _, freq in expected]
    assert read.get("body", "bảy")[0].size == 0            # not in the file: no postings
    assert read.get("title", "hai")[0].size == 0           # a field is part of the key
    assert read.get("source", "hai") is None                # not a text field: Whoosh's term table
    every = list(body) + ["bảy", "hai ba"]                   # the counts of many terms in one lookup
    assert read.counts("body", every).tolist() == [len(body[t]) for t in body] + [0, 0]
    assert read.counts("body_pairs", ["một", "hai ba", "ba"]).tolist() == [1, 2, 0]
    assert read.counts("source", ["hai"]) is None


def test_a_document_base_shifts_every_document(tmp_path):
    segment, leaf = _segment(tmp_path)
    write_postings(segment, leaf.storage(), [_field("title", {"sen": [(0, 1), (4, 2)]})], docbase=10)
    assert SegmentPostings(leaf).get("title", "sen")[0].tolist() == [10, 14]


def test_a_segment_without_the_files_has_none_and_damaged_files_are_refused(tmp_path):
    segment, leaf = _segment(tmp_path)
    assert not SegmentPostings(leaf).present                 # a segment written by Whoosh's own writer
    write_postings(segment, leaf.storage(), [_field("body", {"a": [(0, 1), (1, 1)], "b": [(2, 1)]})])
    assert SegmentPostings(leaf).present
    for ext in (TABLE_EXT, GAPS_EXT, FREQS_EXT):
        path = tmp_path / segment.make_filename(ext)
        whole = path.read_bytes()
        path.write_bytes(whole[:-1])
        with pytest.raises(ValueError, match="damaged"):
            SegmentPostings(leaf)
        path.write_bytes(whole)
    (tmp_path / segment.make_filename(GAPS_EXT)).unlink()
    with pytest.raises(FileNotFoundError):
        SegmentPostings(leaf)


@pytest.mark.parametrize("memory_mb", [512, 0])
def test_every_term_of_a_built_index_has_exactly_its_documents(tmp_path, monkeypatch, memory_mb):
    """Against the articles' own terms counted afresh: every syllable and pair, every document, every
    frequency, in one segment and spilled over many."""
    monkeypatch.setattr("indexer.parallel_build.PROGRESS_EVERY", 10)   # how often a writer checks its memory
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        articles = filler(40) + [article(k) for k in ARTICLES]
        records = [(result.id, a) for result, a in zip(store.upsert_many(articles), articles)]
        update_index(store, tmp_path / "index", IndexSettings(procs=1, memory_mb=memory_mb))
    expected: dict[tuple[str, str], dict[int, int]] = {}
    for article_id, stored in records:
        for field, text in (("title", stored.title), ("body", stored.body)):
            syllables, pairs = index_terms(text)
            for name, terms in ((field, syllables), (f"{field}_pairs", pairs)):
                for term, count in Counter(terms).items():
                    expected.setdefault((name, term), {})[article_id] = min(count, 255)
    with Searcher(tmp_path / "index") as searcher:
        view = searcher._view
        if memory_mb == 0:
            assert len(view.leaves) > 1
        article_of = np.array([int(view.stored(d)["id"]) for d in range(view.n)])
        for (field, term), docs in expected.items():
            ids, freqs = searcher._term(field, term)
            assert dict(zip(article_of[ids].tolist(), freqs.astype(int).tolist())) == docs, (field, term)


def test_frequent_terms_scored_over_whole_arrays_score_exactly_as_rare_ones(tmp_path, monkeypatch):
    """A term in more than 1/DENSE_SHARE of the documents is scored over whole arrays, the others by
    document id: the same queries give the same totals, order and scores either way."""
    from indexer.api import SearchRequest

    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert_many(filler(60) + [article(k) for k in ARTICLES])
        update_index(store, tmp_path / "index", IndexSettings(procs=1))
    queries = ["đà nẵng", "ha noi", "nắng đẹp", '"kinh tế"', "trời -biển", "hà nội OR đà nẵng"]
    pages = {}
    for share in (0, 10**9):            # never dense; dense for every term found at all
        monkeypatch.setattr("indexer.scoring.DENSE_SHARE", share)
        with Searcher(tmp_path / "index") as searcher:
            pages[share] = [searcher.search(SearchRequest(q, per_page=100)) for q in queries]
    for sparse, dense in zip(pages[0], pages[10**9]):
        assert sparse.total == dense.total > 0
        assert [(h.id, h.score) for h in sparse.hits] == [(h.id, h.score) for h in dense.hits]
