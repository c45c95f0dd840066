"""Vietnamese text as windows-1258 bytes, the way old Vietnamese sites served it.

The one encoder shared by the sample sites and the tests. cp1258 has precomposed letters for
â ă ê ô ơ ư đ but writes the five tone marks as combining characters after the letter; Python's
codec maps single characters only, so a toned letter is split into base letter + tone mark here.
"""

from __future__ import annotations

import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_windows_1258(text: str) -> bytes:
    """`text` in windows-1258; a character the code page cannot write at all becomes &#NNNN;."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += ch.encode("ascii", "xmlcharrefreplace")
    return bytes(out)
