"""A fast way to write Whoosh segments: term fields bypass Whoosh's per-posting pool.

Whoosh's SegmentWriter handles every posting in Python several times (pool, sort, length
lookup, block append): about 750 unique terms per news article here (syllables folded and
accented, syllable pairs) made that tens of minutes for 35,000 articles. `BulkWriter` is a
SegmentWriter whose four term fields are collected as integer arrays (term id, document,
frequency), sorted with numpy when the segment is flushed, and written through Whoosh's own
codec a block at a time. Everything else (stored fields, columns, ID fields, deletions, the
table of contents) is plain Whoosh, and the result is an ordinary Whoosh index.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter, defaultdict
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC
from whoosh.util.numeric import length_to_byte

from .mirror import MIRROR_MIN_POSTINGS, write_mirror
from .schema import PAIR_FIELDS
from .terms import cached_terms
from .vocabulary_file import write_vocabulary
from .whoosh_bridge import TERMINFO_PACK, BridgedSegmentWriter, field_writer_parts, term_info

BLOCK = 128  # postings per block, as Whoosh's W3 codec writes them
BULK_FIELDS = {"title": 0, "body": 0, PAIR_FIELDS["title"]: 1, PAIR_FIELDS["body"]: 1}  # → kind of terms
INLINE_MAX = 8  # terms with this many postings or fewer are stored inside the term table
CHUNK = 1_000_000  # postings converted to Python lists at a time while writing
VOCABULARY_ENTRY_BYTES = 120   # a term of a segment's vocabulary in memory (dict slot, str object)


class _Postings:
    """One field's postings of the segment being written, as growing integer arrays."""

    def __init__(self):
        self.vocabulary: defaultdict[str, int] = defaultdict()
        self.vocabulary.default_factory = self.vocabulary.__len__  # a new term gets the next id
        self.term_ids = array("i")
        self.doc_ids = array("i")
        self.freqs = array("i")
        self.lengths = array("i")  # field length per document of the segment

    def held_bytes(self) -> int:
        """About what this field's postings take in memory: 4-byte integers, and ~120 bytes per term
        of the vocabulary (a dict entry and its string)."""
        return 4 * (3 * len(self.term_ids) + len(self.lengths)) + VOCABULARY_ENTRY_BYTES * len(self.vocabulary)

    def add(self, docnum: int, terms: list[str]) -> int:
        counts = Counter(terms)
        self.term_ids.extend(map(self.vocabulary.__getitem__, counts))
        self.freqs.extend(counts.values())
        self.doc_ids.extend([docnum] * len(counts))
        while len(self.lengths) < docnum:
            self.lengths.append(0)
        self.lengths.append(len(terms))
        return len(terms)


class BulkWriter(BridgedSegmentWriter):
    def held_bytes(self) -> int:
        """About what the segment being written holds in memory (its term postings, by far the most)."""
        return sum(postings.held_bytes() for postings in self._bulk.values())

    def __init__(self, ix, **kwargs):
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self._bulk = {name: _Postings() for name in BULK_FIELDS}

    def add_document(self, **fields) -> None:
        schema = self.schema
        perdoc = self.perdocwriter
        docnum = self.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        self.check_document(names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if name in BULK_FIELDS:
                    length = self._bulk[name].add(docnum - self.docbase, cached_terms(value)[BULK_FIELDS[name]])
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        self.pool.add((name, tbytes, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.mark_added()
        self.docnum += 1

    def flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self._mirror = []
        for name in sorted(self._bulk):
            self._write_field(name, self._bulk[name])
        self._write_vocabulary()
        self._write_mirror()
        self._bulk = {}
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def _write_vocabulary(self) -> None:
        """Save the segment's syllables with their document frequencies next to the segment.

        Suggestions need "which accented forms of `noi` exist, how often": reading that back from
        Whoosh's term table takes a second per segment; this file loads in milliseconds. It is
        named after the segment, so Whoosh deletes it with the segment.
        """
        df: dict[str, int] = {}
        for name in ("title", "body"):
            postings = self._bulk[name]
            if not postings.vocabulary:
                continue
            counts = np.bincount(np.frombuffer(postings.term_ids, dtype=np.int32),
                                 minlength=len(postings.vocabulary)).tolist()
            for term, count in zip(postings.vocabulary, counts):
                if count > df.get(term, 0):
                    df[term] = count
        write_vocabulary(self.newsegment, self.storage, df)

    def _collect_mirror(self, name, terms, order, per_term, docs, freqs) -> None:
        """Keep the postings of frequent terms for the mirror file (see _write_mirror)."""
        frequent = np.flatnonzero(per_term >= MIRROR_MIN_POSTINGS)
        if not frequent.size:
            return
        keep = np.repeat(per_term >= MIRROR_MIN_POSTINGS, per_term)
        self._mirror.append((name, [terms[order[r]] for r in frequent.tolist()], per_term[frequent].tolist(),
                             docs[keep].astype(np.int32), np.minimum(freqs[keep], 65535).astype(np.uint16)))

    def _write_mirror(self) -> None:
        """The frequent terms' postings again, as flat arrays the searcher maps into memory (see mirror.py)."""
        write_mirror(self.newsegment, self.storage, self._mirror)
        self._mirror = []

    def _write_field(self, name: str, postings: _Postings) -> None:
        """Write one field's terms in byte order, each term's postings in blocks."""
        terms = list(postings.vocabulary)
        if not terms:
            return
        encoded = [t.encode("utf-8") for t in terms]
        order = sorted(range(len(terms)), key=encoded.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[np.array(order, dtype=np.int64)] = np.arange(len(terms))
        term_ids = np.frombuffer(postings.term_ids, dtype=np.int32)
        by_term = np.argsort(rank[term_ids], kind="stable")  # documents stay in order within a term
        docs = np.frombuffer(postings.doc_ids, dtype=np.int32)[by_term]
        freqs = np.frombuffer(postings.freqs, dtype=np.int32)[by_term]
        doc_lengths = np.frombuffer(postings.lengths, dtype=np.int32)[docs]
        per_term = np.bincount(term_ids, minlength=len(terms))[order]
        ends = np.cumsum(per_term)
        ends_list = ends.tolist()
        self._collect_mirror(name, terms, order, per_term, docs + self.docbase, freqs)

        writer = self.fieldwriter
        writer.start_field(name, self.schema[name])
        postfile, field_key, add_term = field_writer_parts(writer)
        base = self.docbase
        term_rank, total = 0, len(docs)
        chunk_start = 0
        while chunk_start < total:
            chunk_end = min(total, chunk_start + CHUNK)
            # never split a term between chunks
            last_rank = int(np.searchsorted(ends, chunk_end, side="left"))
            chunk_end = int(ends[min(last_rank, len(ends) - 1)])
            chunk_docs = (docs[chunk_start:chunk_end] + base).tolist()
            chunk_freqs = freqs[chunk_start:chunk_end].tolist()
            chunk_lengths = doc_lengths[chunk_start:chunk_end].tolist()
            chunk_values = freqs[chunk_start:chunk_end].astype(">u4").tobytes()
            chunk_deltas = np.diff(docs[chunk_start:chunk_end], prepend=0).tolist()
            start = 0
            while term_rank < len(terms) and ends_list[term_rank] <= chunk_end:
                end = ends_list[term_rank] - chunk_start
                if end - start <= INLINE_MAX:  # most terms (rare syllable pairs): inlined in the term table
                    add_term(field_key + encoded[order[term_rank]],
                             _inlined_terminfo(chunk_docs[start:end], chunk_freqs[start:end],
                                               chunk_lengths[start:end], chunk_values[start * 4:end * 4]))
                    start = end
                    term_rank += 1
                    continue
                add_term(field_key + encoded[order[term_rank]],
                         _write_postings(postfile, chunk_docs, chunk_deltas, chunk_freqs, chunk_lengths,
                                         chunk_values, start, end))
                start = end
                term_rank += 1
            chunk_start = chunk_end
        writer.finish_field()


_TERMINFO = TERMINFO_PACK


def _inlined_terminfo(docs: list, freqs: list, lengths: list, values: bytes) -> bytes:
    """The term-table entry of a term with a few postings, the postings inside: the bytes
    W3TermInfo.to_bytes() gives for an inlined term, without building the object."""
    weights = tuple(map(float, freqs))
    top = max(weights)
    return (_TERMINFO(True, sum(weights), len(docs), length_to_byte(min(lengths)), length_to_byte(max(lengths)),
                      top, docs[0], docs[-1])
            + dumps((tuple(docs), weights, tuple(values[i:i + 4] for i in range(0, len(values), 4))), 2))


def _write_postings(postfile, docs: list, deltas: list, freqs: list, lengths: list, values: bytes,
                    start: int, end: int) -> bytes:
    """Write docs[start:end] as Whoosh W3 posting blocks; return the term-table entry.

    The same bytes W3PostingsWriter writes (block header tuple, pickled delta-encoded ids,
    weights, values; zlib (level 1) above COMPRESSION_MIN_SIZE), without its per-posting bookkeeping.
    """
    offset = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    for block_start in range(start, end, BLOCK):
        block_end = min(block_start + BLOCK, end)
        ids = deltas[block_start:block_end]
        ids[0] = docs[block_start]  # each block's first id is absolute
        weights = freqs[block_start:block_end]
        lens = lengths[block_start:block_end]
        top = max(weights)
        if top == 1:
            packed_weights = None
        elif min(weights) == top:
            packed_weights = float(top)
        else:
            packed_weights = tuple(map(float, weights))
        data = dumps((tuple(ids), packed_weights, values[block_start * 4:block_end * 4]), 2)
        level = 1 if len(data) >= COMPRESSION_MIN_SIZE else 0  # any level reads back; 1 is the cheapest
        if level:
            data = zlib.compress(data, level)
        info = dumps((block_end - block_start, docs[block_end - 1], float(top), level,
                      length_to_byte(min(lens)), length_to_byte(max(lens))), 2)
        size = len(info) + len(data)
        postfile.write_int(-size if block_end == end else size)
        postfile.write(info)
        postfile.write(data)
    term = term_info(float(sum(freqs[start:end])), end - start, min(lengths[start:end]), max(lengths[start:end]),
                     float(max(freqs[start:end])), docs[start], docs[end - 1])
    term.set_extent(offset, postfile.tell() - offset)
    return term.to_bytes()
