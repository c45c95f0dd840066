"""Content codings (gzip, deflate, br): the bytes a server sent, decoded here within a size cap.

The crawler reads a response as sent (httpx's raw stream), so that the WARC record keeps those
bytes with their Content-Encoding header, as the WARC standard expects (readers such as warcio
decode them again), and decodes them here for cleaning. The cap is on the decoded size, so a
small compressed bomb cannot fill the memory.
"""

from __future__ import annotations

import zlib

import brotli

ACCEPT_ENCODING = "gzip, deflate, br"   # what we ask for: exactly the codings decoded here


def codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header lists, in the order they were applied ("identity" left out)."""
    return [c.strip().lower() for c in (header or "").split(",") if c.strip() and c.strip().lower() != "identity"]


def decode_content(raw: bytes, content_encoding: str | None, limit: int) -> tuple[bytes | None, str | None]:
    """(decoded body, None), or (None, why not): an unknown coding, broken data, or over `limit` bytes."""
    body = raw
    for coding in reversed(codings(content_encoding)):   # the last applied is undone first
        if coding in ("gzip", "x-gzip"):
            decoded = _zlib(body, zlib.MAX_WBITS | 16, limit, members=True)
        elif coding == "deflate":   # zlib-wrapped as the standard says, or raw deflate as some servers send
            decoded = _zlib(body, zlib.MAX_WBITS, limit) if _zlib_header(body) else _zlib(body, -zlib.MAX_WBITS, limit)
        elif coding == "br":
            decoded = _brotli(body, limit)
        else:
            return None, f"unknown Content-Encoding ({coding})"
        if decoded is None:
            return None, f"broken {coding} data"
        if len(decoded) > limit:
            return None, f"too large (over {limit} bytes once decoded)"
        body = decoded
    return body, None


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _zlib(data: bytes, wbits: int, limit: int, members: bool = False) -> bytes | None:
    """Decompress at most limit + 1 bytes (so the caller sees "too large"); None when the data is broken."""
    out = bytearray()
    try:
        while data:
            engine = zlib.decompressobj(wbits)
            out += engine.decompress(data, limit + 1 - len(out))
            if len(out) > limit:
                return bytes(out)
            if not engine.eof:
                if engine.unconsumed_tail:   # stopped at the cap, more to come: over the limit
                    return bytes(out) + b"\0"
                return None if not out else bytes(out)   # a cut stream: keep what arrived, as browsers do
            data = engine.unused_data if members else b""
    except zlib.error:
        return None
    return bytes(out)


def _brotli(data: bytes, limit: int) -> bytes | None:
    engine = brotli.Decompressor()
    try:
        out = engine.process(data, output_buffer_limit=limit + 1)
    except brotli.error:
        return None
    return out
