"""Produce windows-1258 bytes from Vietnamese text, as old Vietnamese sites served them (test helper).

cp1258 has precomposed letters for â ă ê ô ơ ư đ but writes the five tone marks as combining
characters after the letter; Python's codec only maps single characters, so we split them here.
"""

from __future__ import annotations

import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)
