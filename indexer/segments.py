"""What search reads from the index's segments: per-segment columns, loaded once, and the view of a generation.

A `View` lays one generation's segments side by side with global document numbers, and holds
the arrays every query needs: the live mask, days and times (filters, sorting), versions (the edited filter),
sources and months (facets), field lengths and BM25 norms (scoring), and the groups of copies
(duplicate_groups.py).
"""

from __future__ import annotations

import numpy as np

from .duplicate_groups import find_groups
from .duplicates import SIGNATURE_BYTES, SIGNATURE_VALUES, signatures_array
from .scoring import FIELD_WEIGHT, K1, B
from .whoosh_bridge import column_array, field_lengths, fixed_bytes_column, leaf_postings


class Segment:
    """What search needs from one immutable segment, loaded once."""

    def __init__(self, leaf, source_codes: dict[str, int]):
        n = leaf.doc_count_all()
        self.n = n
        self.day = column_array(leaf.column_reader("day", translate=False), n, "int32")
        self.published = column_array(leaf.column_reader("published", translate=False), n, "int64")
        self.version = column_array(leaf.column_reader("version", translate=False), n, "uint16")
        # sources from the postings of the few source terms, not one column read per document
        codes = np.full(n, source_codes.setdefault("", len(source_codes)), dtype="int32")
        for raw, _ in leaf.iter_field("source"):
            name = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            ids, _ = leaf_postings(leaf, "source", name)
            codes[ids] = source_codes.setdefault(name, len(source_codes))
        self.source = codes
        self.lengths = {field: field_lengths(leaf, field, n) for field in FIELD_WEIGHT}
        self.signatures = signatures_array(
            fixed_bytes_column(leaf.column_reader("minhash", translate=False), n, SIGNATURE_BYTES), n)


class View:
    """One generation of the index: its segments side by side, with global document numbers."""

    def __init__(self, reader, segments: list[Segment], leaves: list[tuple[object, int]]):
        self.reader = reader
        self.leaves = leaves
        self.segments = segments
        self.offsets = np.array([offset for _, offset in leaves], dtype=np.int64)
        self.n = sum(s.n for s in segments)
        cat = (lambda arrays, dtype: np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype))
        self.day = cat([s.day for s in segments], "int32")
        self.published = cat([s.published for s in segments], "int64")
        self.source = cat([s.source for s in segments], "int32")
        self.version = cat([s.version for s in segments], "uint16")
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
        # copies: recomputed over the live documents at each view, so catch-ups join and deletions leave groups
        self.groups = find_groups(cat([s.signatures for s in segments], "uint16").reshape(self.n, SIGNATURE_VALUES),
                                  self.live, self.source, self.published)

    def stored(self, docnum: int) -> dict:
        """The stored fields of a global document number."""
        segment = int(np.searchsorted(self.offsets, docnum, side="right")) - 1
        leaf, offset = self.leaves[segment]
        return leaf.stored_fields(docnum - offset)
