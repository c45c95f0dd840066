"""Bytes of a page → NFC text: the charset from the HTTP header, then the page's meta, then detection.

A header that contradicts the page loses: when its charset cannot decode the bytes, or when the
page's own meta charset reads them as better text (servers send a default "iso-8859-1" or "utf-8"
for pages written in windows-1258; the author's meta is right more often than the server's default).

windows-1258 (old Vietnamese pages) writes tone marks as combining characters after the vowel, so the
decoded text is normalised to NFC; so is any page typed in decomposed form. Never raises: undecodable
bytes become U+FFFD and the cleaner can reject the page.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_META_SCAN_BYTES = 4096  # browsers look for <meta charset> in the first 1024 bytes; be generous

# Labels that mean something else in practice (as browsers read them, WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "iso-8859-9": "cp1254", "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "unicode": "utf-8",
    "utf8": "utf-8", "windows-1258": "cp1258", "x-viet-windows": "cp1258",
}


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_header(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    head = body[:_META_SCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def _bom(body: bytes) -> str | None:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return name
    return None


def _detect(body: bytes) -> str:
    best = from_bytes(body[:200_000]).best()
    return _codec(best.encoding) if best is not None and _codec(best.encoding) else "cp1252"


def _is_utf8(body: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few broken bytes (a truncated or spliced page), not another charset."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        errors = body.decode("utf-8", errors="replace").count("\ufffd")
        multibyte = sum(body.count(bytes([lead])) for lead in range(0xC2, 0xF5))  # lead bytes of UTF-8 sequences
        return errors <= 8 and multibyte >= 10 * errors
    return True


def detect_charset(body: bytes, content_type: str | None = None) -> str:
    """The codec to decode `body` with.

    A byte-order mark wins; then the first declared charset (HTTP header, then meta) that decodes
    the bytes without error; then detection. Bytes that are valid UTF-8 with non-ASCII characters
    are UTF-8 even when labelled with a single-byte charset: legacy text is almost never valid UTF-8
    by chance, while a stale "iso-8859-1" label on a UTF-8 page is common.
    """
    bom = _bom(body)
    if bom:
        return bom
    header, meta = charset_from_header(content_type), charset_from_meta(body)
    if header and meta and header != meta and _reads_better(body, meta, header):
        header = None   # the meta is proven by the bytes
    declared = [c for c in (header, meta) if c]
    utf8 = _is_utf8(body)
    for codec in declared:
        if codec in ("utf-8", "utf_8"):
            if utf8:
                return "utf-8"
            continue
        if utf8 and not body.isascii() and _single_byte(codec):
            return "utf-8"
        try:
            body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return codec
    return "utf-8" if utf8 else _detect(body)


_VIETNAMESE = set("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụư"
                  "ừứửữựvwxyỳýỷỹỵz")
_SCORE_BYTES = 50_000


def _oddities(text: str) -> int:
    """Signs of a wrong decoding: letters outside the Vietnamese and English alphabets (ð, Þ, Ì...),
    capitals inside a word, combining marks left over, control characters and U+FFFD."""
    text = unicodedata.normalize("NFC", text)
    odd = 0
    previous = " "
    for char in text:
        if char.isalpha():
            if char.lower() not in _VIETNAMESE or (char.isupper() and previous.islower()):
                odd += 1
        elif unicodedata.combining(char) or char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r"):
            odd += 1
        previous = char
    return odd


def _reads_better(body: bytes, meta: str, header: str) -> bool:
    """Does the meta's charset read the bytes as clearly better text than the header's?"""
    sample = body[:_SCORE_BYTES]
    try:
        by_meta = sample.decode(meta)
    except (UnicodeDecodeError, LookupError):
        return False
    try:
        by_header = sample.decode(header)
    except (UnicodeDecodeError, LookupError):
        return True
    return _oddities(by_meta) < _oddities(by_header)


def _single_byte(codec: str) -> bool:
    return codec.startswith(("cp12", "iso8859", "latin", "cp8", "koi8", "mac", "tis"))


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode a page to NFC text; never raises (undecodable bytes become U+FFFD)."""
    return decode_page(body, content_type)[0]


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """(NFC text, the codec used): `decode_html` that also says which charset won."""
    if not body:
        return "", None
    codec = detect_charset(body, content_type)
    try:
        text = body.decode(codec, errors="replace")
    except LookupError:
        codec = "utf-8"
        text = body.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text), codec
