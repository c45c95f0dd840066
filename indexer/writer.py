"""A fast way to write Whoosh segments: the text fields bypass Whoosh's per-posting pool and term table.

Whoosh's SegmentWriter handles every posting in Python several times (pool, sort, length
lookup, block append): about 750 unique terms per news article here (syllables folded and
accented, syllable pairs) made that tens of minutes for 35,000 articles, and its term table
took more room than the text. `BulkWriter` is a SegmentWriter whose four text fields are
collected as integer arrays (term id, document, frequency) and saved, when the segment is
flushed, in the segment's postings file (postings_file.py). Everything else (stored fields,
columns and field lengths, ID fields, deletions, the table of contents) is plain Whoosh.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict

import numpy as np

from .postings_file import FieldPostings, write_postings
from .schema import PAIR_FIELDS
from .terms import cached_terms
from .vocabulary_file import write_vocabulary
from .whoosh_bridge import BridgedSegmentWriter

BULK_FIELDS = {"title": 0, "body": 0, PAIR_FIELDS["title"]: 1, PAIR_FIELDS["body"]: 1}  # → kind of terms
VOCABULARY_ENTRY_BYTES = 120   # a term of a segment's vocabulary in memory (dict slot, str object)


class _Postings:
    """One field's postings of the segment being written, as growing integer arrays: per posting
    its term id and frequency, per document how many postings it has (documents come in order)."""

    def __init__(self):
        self.vocabulary: defaultdict[str, int] = defaultdict()
        self.vocabulary.default_factory = self.vocabulary.__len__  # a new term gets the next id
        self.term_ids = array("i")
        self.freqs = array("i")
        self.per_doc = array("i")

    def held_bytes(self) -> int:
        """About what this field's postings take in memory: 4-byte integers, and ~120 bytes per term
        of the vocabulary (a dict entry and its string)."""
        return 4 * (2 * len(self.term_ids) + len(self.per_doc)) + VOCABULARY_ENTRY_BYTES * len(self.vocabulary)

    def add(self, docnum: int, terms: list[str]) -> int:
        counts = Counter(terms)
        self.term_ids.extend(map(self.vocabulary.__getitem__, counts))
        self.freqs.extend(counts.values())
        while len(self.per_doc) < docnum:
            self.per_doc.append(0)
        self.per_doc.append(len(counts))
        return len(terms)

    def field_postings(self, name: str) -> FieldPostings:
        per_doc = np.frombuffer(self.per_doc, dtype=np.int32)
        return FieldPostings(name, list(self.vocabulary), np.frombuffer(self.term_ids, dtype=np.int32),
                             np.repeat(np.arange(per_doc.size, dtype=np.int32), per_doc),
                             np.frombuffer(self.freqs, dtype=np.int32))


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
        self._write_vocabulary()
        write_postings(self.newsegment, self.storage,
                       [postings.field_postings(name) for name, postings in sorted(self._bulk.items())], self.docbase)
        self._bulk = {}
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def _write_vocabulary(self) -> None:
        """Save the segment's syllables with their document frequencies next to the segment.

        Suggestions need "which accented forms of `noi` exist, how often": the postings file keeps
        terms only as hashes, so this file is the segment's list of syllables. It is named after the
        segment, so Whoosh deletes it with the segment.
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
