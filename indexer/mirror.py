"""The postings mirror: a segment's frequent terms' postings again, as flat arrays (`.pids`, `.pfrq`, `.ptab`).

Whoosh decodes a posting list block by block in Python (about 50 µs a block of 128); a common
syllable's first use in a query cost tens of milliseconds that way. The mirror (doc ids int32,
frequencies uint16, and a table term → slice) makes it a slice of an array mapped into memory.
The writer saves it with each segment (`write_mirror`); the searcher reads it (`Mirror`). The
files are named after the segment, so Whoosh deletes them with it.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

MIRROR_IDS_EXT, MIRROR_FREQS_EXT, MIRROR_TABLE_EXT = ".pids", ".pfrq", ".ptab"
MIRROR_MIN_POSTINGS = 128   # rarer terms (one block of Whoosh postings) stay Whoosh-only


def write_mirror(segment, storage, collected: list) -> None:
    """Save the mirror of one new segment; `collected`: (field, terms, counts, doc ids, freqs) per field."""
    table: dict[tuple[str, str], tuple[int, int]] = {}
    offset = 0
    ids_parts, freq_parts = [], []
    for name, terms, counts, ids, freqs in collected:
        position = offset
        for term, count in zip(terms, counts):
            table[(name, term)] = (position, position + count)
            position += count
        offset = position
        ids_parts.append(ids)
        freq_parts.append(freqs)
    ids = np.concatenate(ids_parts) if ids_parts else np.empty(0, dtype=np.int32)
    freqs = np.concatenate(freq_parts) if freq_parts else np.empty(0, dtype=np.uint16)
    for ext, data in ((MIRROR_IDS_EXT, ids.astype("<i4").tobytes()),
                      (MIRROR_FREQS_EXT, freqs.astype("<u2").tobytes()),
                      (MIRROR_TABLE_EXT, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))):
        with segment.create_file(storage, ext) as handle:
            handle.write(data)


class Mirror:
    """A segment's mirror of frequent terms' postings, mapped into memory (empty if it has none)."""

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
