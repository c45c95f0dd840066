"""The postings file of a segment: every posting of the text fields, once, compact (`.tix`, `.tdoc`, `.tfrq`).

Whoosh's term table keeps a few dozen bytes and a pickled tuple per term, and most of our terms
are syllable pairs found in one or two articles: at a million articles that table alone was
larger than the text. Whoosh also decodes a posting list block by block in Python, so the
searcher kept a second copy of the frequent terms as flat arrays. The four text fields (title,
body and their pair fields) now live only here, and are read as slices of arrays mapped into
memory:

    .tix   magic, term count T, postings, bytes of gaps, then T sorted 64-bit hashes of (field, term), then T entries:
           first document, postings, where its frequencies start, where its gaps start, gap width
    .tdoc  the gaps between a term's documents after its first, 1, 2 or 4 bytes each (the
           narrowest that holds the term's largest gap)
    .tfrq  one byte per posting: the term's frequency in the document (at most 255; BM25 has
           long saturated by then)

A term is found by its hash (blake2b, 8 bytes). Two terms of one segment with the same hash (odds
about one in 10^7 for a segment of a million terms) keep the first one's postings. The files are
named after the segment, so Whoosh deletes them with it. The writer saves them
(`write_postings`), the searcher reads them (`SegmentPostings`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

import numpy as np

TABLE_EXT, GAPS_EXT, FREQS_EXT = ".tix", ".tdoc", ".tfrq"
MAGIC = b"KHBPOST1"
FIELD_CODES = {"title": 1, "body": 2, "title_pairs": 3, "body_pairs": 4}
ENTRY = np.dtype([("first", "<u4"), ("count", "<u4"), ("freqs_at", "<u8"), ("gaps_at", "<u8"), ("width", "u1")])
WIDTHS = (1, 2, 4)
MAX_FREQ = 255
_EMPTY = (np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32))
for _array in _EMPTY:
    _array.flags.writeable = False      # shared by every lookup of an absent term


def term_hash(field: str, term: str) -> int:
    """The 64-bit key of a term of a text field."""
    return _hash(bytes((FIELD_CODES[field],)), term)


def _hash(code: bytes, term: str) -> int:
    return int.from_bytes(hashlib.blake2b(code + term.encode("utf-8"), digest_size=8).digest(), "little")


class FieldPostings(NamedTuple):
    """One field's postings as the writer collected them: its terms (by term id), and per posting
    the term id, the document (in order of addition) and the frequency."""
    name: str
    terms: list[str]
    term_ids: np.ndarray
    docs: np.ndarray
    freqs: np.ndarray


def write_postings(segment, storage, fields: list[FieldPostings], docbase: int = 0) -> None:
    """Save the postings files of one new segment."""
    hashes, entries = [], []
    gap_parts: dict[int, list[bytes]] = {w: [] for w in WIDTHS}
    gap_bytes = dict.fromkeys(WIDTHS, 0)
    freq_parts: list[bytes] = []
    freqs_written = 0
    for field in fields:
        if not field.terms:
            continue
        code = bytes((FIELD_CODES[field.name],))
        hashes.append(np.fromiter((_hash(code, t) for t in field.terms), dtype=np.uint64, count=len(field.terms)))
        by_term = np.argsort(field.term_ids, kind="stable")   # documents stay in order within a term
        docs = field.docs[by_term] + np.int32(docbase)        # int32 throughout: a posting costs ~20 bytes here
        per_term = np.bincount(field.term_ids, minlength=len(field.terms)).astype(np.int64)
        starts = np.cumsum(per_term) - per_term
        gaps = np.diff(docs, prepend=np.int32(0))
        gaps[starts] = 0                                  # a term's first document is in its entry
        largest = np.maximum.reduceat(gaps, starts)
        width = np.where(largest < 1 << 8, 1, np.where(largest < 1 << 16, 2, 4)).astype(np.uint8)
        entry = np.empty(len(field.terms), dtype=ENTRY)
        entry["first"] = docs[starts]
        entry["count"] = per_term
        entry["freqs_at"] = freqs_written + starts
        entry["width"] = width
        posting_width = np.repeat(width, per_term)
        is_gap = np.ones(docs.size, dtype=bool)
        is_gap[starts] = False
        for w in WIDTHS:
            of_width = width == w
            gaps_per_term = np.where(of_width, per_term - 1, 0)
            before = np.cumsum(gaps_per_term) - gaps_per_term
            entry["gaps_at"][of_width] = gap_bytes[w] + w * before[of_width]  # within the width's block
            chosen = gaps[is_gap & (posting_width == w)].astype(f"<u{w}").tobytes()
            gap_parts[w].append(chosen)
            gap_bytes[w] += len(chosen)
        entries.append(entry)
        freq_parts.append(np.minimum(field.freqs[by_term], MAX_FREQ).astype(np.uint8).tobytes())
        freqs_written += docs.size
    all_hashes = np.concatenate(hashes) if hashes else np.empty(0, dtype=np.uint64)
    all_entries = np.concatenate(entries) if entries else np.empty(0, dtype=ENTRY)
    block_at = {1: 0, 2: gap_bytes[1], 4: gap_bytes[1] + gap_bytes[2]}   # the blocks of 1-, 2-, 4-byte gaps
    for w in WIDTHS:
        all_entries["gaps_at"][all_entries["width"] == w] += block_at[w]
    order = np.argsort(all_hashes, kind="stable")
    all_hashes, all_entries = all_hashes[order], all_entries[order]
    first_of_hash = np.ones(all_hashes.size, dtype=bool)
    first_of_hash[1:] = all_hashes[1:] != all_hashes[:-1]
    all_hashes, all_entries = all_hashes[first_of_hash], all_entries[first_of_hash]
    with segment.create_file(storage, TABLE_EXT) as handle:
        handle.write(MAGIC + b"".join(int(n).to_bytes(8, "little")
                                      for n in (all_hashes.size, freqs_written, sum(gap_bytes.values()))))
        handle.write(all_hashes.astype("<u8").tobytes())
        handle.write(all_entries.tobytes())
    with segment.create_file(storage, GAPS_EXT) as handle:
        for w in WIDTHS:
            for part in gap_parts[w]:
                handle.write(part)
    with segment.create_file(storage, FREQS_EXT) as handle:
        for part in freq_parts:
            handle.write(part)


class SegmentPostings:
    """A segment's postings files, mapped into memory. `present` is False for a segment without
    them (written by Whoosh's own writer): its text terms are then in Whoosh's term table.
    Raises ValueError when the files are there but damaged (truncated, garbled)."""

    HEADER = 32

    def __init__(self, leaf):
        self.present = False
        segment, folder = leaf.segment(), Path(leaf.storage().folder)
        table = folder / segment.make_filename(TABLE_EXT)
        try:
            with open(table, "rb") as handle:
                header = handle.read(self.HEADER)
        except FileNotFoundError:
            return
        if len(header) != self.HEADER or header[:8] != MAGIC:
            raise ValueError(f"{table.name} is not a khobao postings table (damaged)")
        count, postings, gap_bytes = (int.from_bytes(header[i:i + 8], "little") for i in (8, 16, 24))
        self.hashes = _map(table, np.dtype("<u8"), self.HEADER, count)
        self.entries = _map(table, ENTRY, self.HEADER + 8 * count, count, whole=True)
        self.gaps = _map(folder / segment.make_filename(GAPS_EXT), np.dtype(np.uint8), count=gap_bytes, whole=True)
        self.freqs = _map(folder / segment.make_filename(FREQS_EXT), np.dtype(np.uint8), count=postings, whole=True)
        self.present = True

    def counts(self, field: str, terms: list[str]) -> np.ndarray | None:
        """How many postings each term has (0 if none), in one lookup for all of them; None if this
        file does not hold the field. (Scoring asks it of one term; more like this of two hundred.)"""
        if not self.present or field not in FIELD_CODES:
            return None
        keys = np.fromiter((term_hash(field, term) for term in terms), dtype=np.uint64, count=len(terms))
        at = np.searchsorted(self.hashes, keys)
        inside = at < self.hashes.size
        found = np.zeros(len(terms), dtype=bool)
        found[inside] = self.hashes[at[inside]] == keys[inside]
        counts = np.zeros(len(terms), dtype=np.int64)
        counts[found] = self.entries["count"][at[found]]
        return counts

    def _find(self, field: str, term: str) -> int | None:
        """The term's row in the table, -1 if absent; None if this file does not hold the field."""
        if not self.present or field not in FIELD_CODES:
            return None
        key = np.uint64(term_hash(field, term))
        at = int(np.searchsorted(self.hashes, key))
        return at if at < self.hashes.size and self.hashes[at] == key else -1

    def get(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(local doc ids int32, frequencies float32) of a term; None if this file does not hold the field."""
        at = self._find(field, term)
        if at is None:
            return None
        if at < 0:
            return _EMPTY
        first, count, freqs_at, gaps_at, width = self.entries[at].item()
        ids = np.empty(count, dtype=np.int32)
        ids[0] = first
        if count > 1:   # document numbers fit int32 (a segment's are below 2**31): sum in place
            gaps = self.gaps[gaps_at:gaps_at + (count - 1) * width].view(f"<u{width}")
            np.cumsum(gaps, dtype=np.int32, out=ids[1:])
            ids[1:] += first
        return ids, np.asarray(self.freqs[freqs_at:freqs_at + count], dtype=np.float32)


def _map(path: Path, dtype: np.dtype, offset: int = 0, count: int = 0, whole: bool = False) -> np.ndarray:
    """`count` items from `offset` of a file, mapped; `whole`: they must end the file exactly."""
    size = path.stat().st_size   # FileNotFoundError for a missing file: a damaged segment
    end = offset + count * dtype.itemsize
    if size < end or (whole and size != end):
        raise ValueError(f"{path.name} holds {size:,} bytes where its table says {end:,} (a truncated or damaged file)")
    if count == 0:
        return np.empty(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=(count,))
