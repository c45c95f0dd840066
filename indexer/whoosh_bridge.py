"""The one place that touches Whoosh's private attributes (pinned to whoosh3 3.54.0).

Whoosh's public API reads a posting at a time and a column value at a time in Python: far
too slow for every query to count and facet all its matches; and it writes a posting at a time,
far too slow to index a large archive. These functions and `BridgedSegmentWriter` read and write
the same data in bulk through Whoosh's internals. tests/test_whoosh_bridge.py exercises each of them
against the installed version, so an upgrade that moves them fails there, loudly.
"""

from __future__ import annotations

import os
import shutil

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.reading import EmptyReader, TermNotFound
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

WHOOSH_VERSION = "3.54.0"   # the whoosh3 release these internals were read from
LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


def leaves_of(reader) -> list:
    """(segment reader, first global document number) of each segment a reader reads: none for an
    index without documents (e.g. every page rejected), itself for a one-segment reader."""
    if isinstance(reader, EmptyReader):
        return []
    return reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]


def segment_id(leaf) -> str:
    """The id of the segment a leaf reader reads (stable across refreshes: caches key on it)."""
    return leaf._segid


def column_array(column_reader, doccount: int, dtype: str) -> np.ndarray:
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


def fixed_bytes_column(column_reader, doccount: int, width: int) -> np.ndarray:
    """A whole fixed-length bytes column (e.g. signatures) as a (doccount, width) uint8 array, in one read."""
    try:
        count = min(column_reader._count, doccount)
        raw = column_reader._dbfile.get(column_reader._basepos, count * width) if count else b""
        default = column_reader._defaultbytes
    except AttributeError:  # another column implementation: the slow, public way
        return np.frombuffer(b"".join(column_reader[i] for i in range(doccount)), dtype=np.uint8).reshape(doccount, width)
    values = np.frombuffer(raw, dtype=np.uint8).reshape(count, width)
    if count < doccount:
        rest = np.tile(np.frombuffer(default, dtype=np.uint8), (doccount - count, 1))
        values = np.concatenate([values, rest])
    return values


def field_lengths(leaf, field: str, doccount: int) -> np.ndarray:
    """Each document's length in `field` (as Whoosh stores it, one byte rounded), zeros if none."""
    reader = leaf._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    if reader is None:
        return np.zeros(doccount, dtype=np.float32)
    return LENGTH_TABLE[column_array(reader, doccount, "int32")]


def leaf_postings(leaf, field: str, term: str, postings=None) -> tuple[np.ndarray, np.ndarray]:
    """(local doc ids, term frequencies) of a term in one segment: from the segment's `postings`
    file (postings_file.SegmentPostings) if it holds the field, else from Whoosh's term table."""
    if postings is not None:
        found = postings.get(field, term)
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
        pairs = list(walk(matcher))
        if pairs:
            ids.append(np.array([p[0] for p in pairs], dtype=np.int32))
            weights.append(np.array([p[1] for p in pairs], dtype=np.float32))
    if not ids:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def walk(matcher):
    """(doc id, weight) of each posting, through the public matcher API."""
    while matcher.is_active():
        yield matcher.id(), matcher.weight()
        matcher.next()


# -- the writing side -------------------------------------------------------------------------------

class BridgedSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with its private hooks renamed: `flush_segment` writes the segment's
    postings (Whoosh's `_flush_segment`), `check_document(names)` and `mark_added()` do Whoosh's
    bookkeeping around an `add_document` of our own, and every writer has its own scratch directory.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        # Whoosh names every writer's scratch directory "<index>.tmp": writers running side by side
        # (the worker processes of a build) would delete each other's. Give this one its own.
        self._shared_tmp = self._tempstorage.folder   # still used by Whoosh's column writer (see _finish)
        self._tempstorage = self.storage.temp_storage(f"{self.newsegment.segment_id()}.tmp")
        self.pool = PostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def _finish(self):
        super()._finish()
        try:  # the shared "<index>.tmp", once no writer has files left in it
            os.rmdir(self._shared_tmp)
        except OSError:
            pass

    def _flush_segment(self) -> None:
        self.flush_segment()

    def flush_segment(self) -> None:
        super()._flush_segment()

    def check_document(self, names: list[str]) -> None:
        self._check_state()
        self._check_fields(self.schema, names)

    def mark_added(self) -> None:
        self._added = True


def finalize_segment(writer):
    """Write a writer's segment without committing it (a build's worker returns it to the parent)."""
    return writer._finalize_segment()


def finish_writer(writer) -> None:
    """Release a writer whose segment was finalized or committed by hand."""
    writer._finish()


def abandon_writer(writer, alone: bool = False) -> None:
    """Cancel a writer that failed, even on a full disk, where Whoosh's cancel fails too (it first
    writes out what it holds): the lock is released and the unfinished segment's files removed.
    `alone`: no other writer shares the index (a catch-up holds its lock), so the shared scratch
    directory, where Whoosh's column writer left a half-written file, goes too."""
    try:
        writer.cancel()
    except OSError:
        writer._finish()
    if alone:
        shutil.rmtree(writer._shared_tmp, ignore_errors=True)
    prefix = writer.newsegment.make_filename("")
    for name in list(writer.storage.list()):
        if name.startswith(prefix):
            try:
                writer.storage.delete_file(name)
            except OSError:
                pass


def commit_segments(writer, segments: list) -> None:
    """Commit `segments` (written by other writers) as the index's whole table of contents."""
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
