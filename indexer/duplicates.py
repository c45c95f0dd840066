"""Near-duplicate signatures: a MinHash of an article's body, computed when it is indexed.

Sources copy each other's stories with a changed byline or a sentence more. To find those copies
among a million articles, each article gets a small signature at index time: the MinHash of the
set of its three-word shingles (body folded: lower case, no accents, words only), 32 values of
16 bits (b-bit MinHash: the low bits of each minimum), 64 bytes in an index column. Two bodies'
signatures agree in about the Jaccard similarity of their shingle sets, so the share of equal
values estimates it; four consecutive values (8 bytes) form an LSH band, so copies share a band
and are found by sorting (indexer/duplicate_groups.py).

Everything is numpy over the body's code points (no Python loop per word or shingle: ~100 µs an
article), and the hashes depend only on the text, never on the process (Python's `hash` of a
string does), so parallel builds and later catch-ups agree.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np

from .snippets import _FOLD_TABLE

SIGNATURE_VALUES = 32          # MinHash values per article
VALUE_BYTES = 2                # of each value, its low 16 bits (b-bit MinHash)
SIGNATURE_BYTES = SIGNATURE_VALUES * VALUE_BYTES
BAND_VALUES = 4                # values per LSH band: one band is one uint64
BANDS = SIGNATURE_VALUES // BAND_VALUES
SHINGLE_WORDS = 3              # words per shingle
MIN_SHINGLES = 8               # a shorter body (a caption, a stub) gets no signature: too little to tell copies
SCAN_CHARS = 20_000            # copies are told from the beginning of a long body
NO_SIGNATURE = bytes(SIGNATURE_BYTES)   # the column's default: no signature

_BASE = 0x100000001B3                  # the polynomial hash's base (odd: it has an inverse mod 2^64)
_rng = np.random.default_rng(20141406)  # fixed: signatures must be the same in every process and run
_MULTIPLIERS = (_rng.integers(1, 1 << 63, SIGNATURE_VALUES, dtype=np.uint64) * np.uint64(2) + np.uint64(1))
_ADDENDS = _rng.integers(0, 1 << 63, SIGNATURE_VALUES, dtype=np.uint64)
_SHINGLE_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


_SKIP = 1   # in the character table: a combining mark (NFD text), dropped so "Hà" reads as in NFC


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(per BMP code point: its folded lower-case form if it is a word character, 0 if not, _SKIP for a
    combining mark; base^i and base^-i for i up to SCAN_CHARS), built once."""
    chars = np.array([ord(c) for c in map(chr, range(0x10000))], dtype=np.uint32)
    word = np.array([chr(code).isalnum() for code in range(0x10000)], dtype=bool)
    marks = np.array([unicodedata.category(chr(code)).startswith("M") for code in range(0x10000)], dtype=bool)
    table = np.where(word, _FOLD_TABLE[chars], 0).astype(np.uint32)
    table[marks] = _SKIP
    powers = np.ones(SCAN_CHARS + 1, dtype=np.uint64)
    powers[1:] = np.cumprod(np.full(SCAN_CHARS, _BASE, dtype=np.uint64), dtype=np.uint64)
    inverse = pow(_BASE, -1, 1 << 64)
    inverses = np.ones(SCAN_CHARS + 1, dtype=np.uint64)
    inverses[1:] = np.cumprod(np.full(SCAN_CHARS, inverse, dtype=np.uint64), dtype=np.uint64)
    return table, powers, inverses


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, on arrays (numpy's uint64 arithmetic wraps, as a hash wants)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(body: str) -> np.ndarray:
    """64-bit hashes of the body's three-word shingles (folded words; punctuation and spacing ignored)."""
    table, powers, inverses = _tables()
    codes = np.frombuffer(body[:SCAN_CHARS].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not codes.size:
        return np.empty(0, dtype=np.uint64)
    folded = table[np.minimum(codes, 0xFFFF)]
    if codes.max() > 0xFFFF:   # beyond the BMP: kept as they are, as word characters
        folded = np.where(codes > 0xFFFF, codes, folded)
    if (folded == _SKIP).any():
        folded = folded[folded != _SKIP]
    is_word = np.zeros(folded.size + 2, dtype=bool)
    is_word[1:-1] = folded != 0
    starts = np.flatnonzero(is_word[1:] & ~is_word[:-1])
    ends = np.flatnonzero(is_word[:-1] & ~is_word[1:])
    if starts.size < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    prefix = np.zeros(folded.size + 1, dtype=np.uint64)
    np.cumsum(folded.astype(np.uint64) * powers[:folded.size], dtype=np.uint64, out=prefix[1:])
    words = _mix((prefix[ends] - prefix[starts]) * inverses[starts])   # the same word, the same hash, anywhere
    n = words.size - SHINGLE_WORDS + 1
    shingles = words[:n] * _SHINGLE_MIX[0]
    for k in range(1, SHINGLE_WORDS):
        shingles ^= words[k:k + n] * _SHINGLE_MIX[k]
    return _mix(shingles)


def signature(body: str) -> bytes:
    """The body's MinHash signature (SIGNATURE_BYTES bytes), or NO_SIGNATURE for a body too short to tell."""
    shingles = shingle_hashes(body)   # a repeated shingle changes no minimum: no need to make them unique
    if shingles.size < MIN_SHINGLES:
        return NO_SIGNATURE
    hashed = np.multiply.outer(_MULTIPLIERS, shingles)   # one row per MinHash function: contiguous minima
    hashed += _ADDENDS[:, None]
    minima = hashed.min(axis=1)
    values = (minima & np.uint64(0xFFFF)).astype("<u2")
    if not values.any():   # all zeros would read as "no signature": nudge (odds 2^-512)
        values[0] = 1
    return values.tobytes()


def signatures_array(raw: bytes | np.ndarray, count: int) -> np.ndarray:
    """A segment's signature column (count × SIGNATURE_BYTES bytes) as a (count, SIGNATURE_VALUES) uint16 array."""
    raw = raw if isinstance(raw, bytes) else np.ascontiguousarray(raw, dtype=np.uint8).tobytes()
    return np.frombuffer(raw, dtype="<u2").reshape(count, SIGNATURE_VALUES).astype(np.uint16)


def estimated_similarity(a: bytes, b: bytes) -> float:
    """The share of equal values of two signatures: about the Jaccard similarity of the two bodies' shingles."""
    x, y = np.frombuffer(a, dtype="<u2"), np.frombuffer(b, dtype="<u2")
    return float(np.mean(x == y))
