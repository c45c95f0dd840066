"""Groups of near-identical articles over a view's live documents, from their MinHash signatures.

Computed when a view opens (after a build or a catch-up), so an article indexed later that copies
an earlier one joins its group, and a deleted one leaves it: the signatures live in the index
(indexer/duplicates.py), the groups only in memory. All numpy: per LSH band, a sort of the band
keys finds documents that share it; each candidate pair is verified (estimated Jaccard similarity
at least SAME_STORY, so a shared boilerplate paragraph does not merge different stories); the
verified pairs' connected components are the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .duplicates import BANDS, SIGNATURE_VALUES

SAME_STORY = 0.8   # the least estimated Jaccard similarity of two bodies' shingles to count as copies
_NEEDED = int(np.ceil(SAME_STORY * SIGNATURE_VALUES))   # equal signature values that make a pair copies
_UNDATED_LAST = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Groups:
    """Groups of copies: for each document its group (-1: none), and each group's members, first published first."""
    group: np.ndarray      # int32 per document: its group number, -1 when it has no copy
    members: np.ndarray    # int64: the grouped documents, by group, then first published first
    starts: np.ndarray     # int64 per group + 1: where each group's members begin in `members`
    rank: np.ndarray       # int64 per document: its position in `members` (-1 when not grouped)
    sources: np.ndarray    # int32 per group: how many distinct sources published it

    @property
    def count(self) -> int:
        return int(self.starts.size - 1)

    def of(self, docnum: int) -> np.ndarray:
        """The documents of a document's group, first published first (empty when it has no copy)."""
        g = int(self.group[docnum])
        return self.members[self.starts[g]:self.starts[g + 1]] if g >= 0 else self.members[:0]

    def first_only(self, mask: np.ndarray) -> np.ndarray:
        """`mask` with only the first published document of each group among those it holds
        (documents without copies stay): counting each story once."""
        docs = np.flatnonzero(mask & (self.group >= 0))
        if not docs.size:
            return mask
        ordered = docs[np.argsort(self.rank[docs], kind="stable")]   # by group, then publication
        groups = self.group[ordered]
        later = ordered[1:][groups[1:] == groups[:-1]]
        kept = mask.copy()
        kept[later] = False
        return kept


def no_groups(n: int) -> Groups:
    return Groups(np.full(n, -1, dtype=np.int32), np.empty(0, dtype=np.int64), np.zeros(1, dtype=np.int64),
                  np.full(n, -1, dtype=np.int64), np.empty(0, dtype=np.int32))


def candidate_pairs(signatures: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of documents (u < v) that share an LSH band: each run of equal band keys gives each
    member paired with the run's first and with its predecessor (linear in the run, not quadratic)."""
    bands = np.ascontiguousarray(signatures[docs]).view(np.uint64).reshape(docs.size, BANDS)
    us, vs = [], []
    # Each band key's top bits and the document's position in the low ones, in one uint64: a plain
    # sort then orders keys and positions together (an argsort cost 4x as much at a million documents).
    # The key bits lost only make more candidates, which the verification drops.
    low = max(1, int(docs.size - 1).bit_length())
    positions = np.arange(docs.size, dtype=np.uint64)
    high = np.uint64(((1 << 64) - 1) ^ ((1 << low) - 1))
    for band in range(BANDS):
        packed = np.sort((bands[:, band] & high) | positions)
        order = (packed & ~high).astype(np.int64)
        sorted_keys = packed >> np.uint64(low)
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1   # positions continuing a run
        if not same.size:
            continue
        run_start = np.arange(order.size)
        run_start[same] = 0
        run_start = np.maximum.accumulate(run_start)
        us += [order[run_start[same]], order[same - 1]]
        vs += [order[same], order[same]]
    if not us:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    u, v = docs[np.concatenate(us)], docs[np.concatenate(vs)]
    u, v = np.minimum(u, v), np.maximum(u, v)
    keep = u != v
    pairs = np.unique(np.stack([u[keep], v[keep]], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Each document's component label (the smallest document number in it), over the edges u–v."""
    label = np.arange(n, dtype=np.int64)
    if not u.size:
        return label
    while True:
        low = np.minimum(label[u], label[v])
        before = label.copy()
        np.minimum.at(label, u, low)
        np.minimum.at(label, v, low)
        while True:   # pointer jumping: each label to its label's label
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, before):
            return label


def find_groups(signatures: np.ndarray, live: np.ndarray, source: np.ndarray, published: np.ndarray) -> Groups:
    """The groups of copies among the live documents with a signature.

    `signatures`: (n, SIGNATURE_VALUES) uint16, all zeros for none; `source`: a code per document;
    `published`: UTC seconds, 0 undated (the first published is the earliest dated one)."""
    n = live.size
    docs = np.flatnonzero(live & signatures.any(axis=1))
    if docs.size < 2:
        return no_groups(n)
    u, v = candidate_pairs(signatures, docs)
    same = (signatures[u] == signatures[v]).sum(axis=1) >= _NEEDED
    label = components(n, u[same], v[same])
    sizes = np.bincount(label, minlength=n)
    grouped = np.flatnonzero(sizes[label] >= 2)
    if not grouped.size:
        return no_groups(n)
    when = np.where(published[grouped] > 0, published[grouped], _UNDATED_LAST)
    members = grouped[np.lexsort((grouped, when, label[grouped]))]
    labels_in_order = label[members]
    new_group = np.concatenate(([True], labels_in_order[1:] != labels_in_order[:-1]))
    number = np.cumsum(new_group) - 1
    group = np.full(n, -1, dtype=np.int32)
    group[members] = number
    rank = np.full(n, -1, dtype=np.int64)
    rank[members] = np.arange(members.size)
    starts = np.concatenate((np.flatnonzero(new_group), [members.size])).astype(np.int64)
    pairs = np.unique(np.stack([number, source[members].astype(np.int64)], axis=1), axis=0)
    sources = np.bincount(pairs[:, 0], minlength=starts.size - 1).astype(np.int32)
    return Groups(group, members.astype(np.int64), starts, rank, sources)
