"""WARC archiving of raw responses with warcio: one gzip member per record, files rotated by size.

Each written record is addressed by (file name, byte offset), which the article store keeps, so a
page can be read back and cleaned again later without fetching it (`khobao crawl --reextract`).
The body is stored as the server sent it, gzip-, deflate- or brotli-coded with its Content-Encoding
header, as the WARC standard expects (only Transfer-Encoding is undone); `record_body` reads a
record's payload back decoded, for our own archives and other crawlers' alike (warcio's own brotli
decoder predates the brotli package's 1.2 interface, so the codings are undone by crawler.encoding).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .encoding import codings, decode_content

SOFTWARE = "khobao crawler (warcio)"
MAX_DECODED = 100_000_000   # an archived payload may not expand beyond this when read back
GZIP_LEVEL = 1  # fast: 5x less CPU than level 6 for ~10% larger files (recompress offline if space matters)


@dataclass
class WarcResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    date: str | None

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


def response_record(url: str, status: int, reason: str, http_version: str, headers: list[tuple[str, str]],
                    body: bytes, fetched_at: datetime | None = None) -> bytes:
    """One gzipped WARC response record, as bytes (cheap to build in a worker process)."""
    return _record("response", url, status, reason, http_version, headers, fetched_at, body)


NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


def revisit_record(url: str, status: int, reason: str, http_version: str, headers: list[tuple[str, str]],
                   body: bytes | None, fetched_at: datetime | None = None) -> bytes:
    """A gzipped WARC revisit record: the visit happened, the content is in an earlier record.

    A 304 is recorded with the server-not-modified profile; a 200 with the bytes of the last visit
    with identical-payload-digest and that payload's digest, the body itself left out (WARC 1.1,
    6.7.2), so an archive shows every visit without storing the same page twice."""
    extra = {"WARC-Refers-To-Target-URI": url}
    if status == 304 or body is None:
        extra["WARC-Profile"] = NOT_MODIFIED
    else:
        extra["WARC-Profile"] = IDENTICAL_PAYLOAD
        extra["WARC-Payload-Digest"] = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")
    return _record("revisit", url, status, reason, http_version, headers, fetched_at, None, extra)


def _record(kind: str, url: str, status: int, reason: str, http_version: str, headers: list[tuple[str, str]],
            fetched_at: datetime | None, body: bytes | None, extra: dict[str, str] | None = None) -> bytes:
    """One gzipped WARC record of an HTTP response, its body stored when given."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http_headers = StatusAndHeaders(f"{status} {reason or ''}".strip(), headers, protocol=http_version or "HTTP/1.1")
    when = (fetched_at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    warc_headers = {"WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ"), **(extra or {})}
    payload = dict(payload=io.BytesIO(body), length=len(body)) if body is not None else {}
    writer.write_record(writer.create_warc_record(url, kind, http_headers=http_headers,
                                                  warc_headers_dict=warc_headers, **payload))
    return gzip_member(buffer.getvalue())


def gzip_member(data: bytes) -> bytes:
    """One gzip member, compressed fast (warcio's own writer always uses level 9: the crawl cannot afford it)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return compressor.compress(data) + compressor.flush()


class WarcWriterRotating:
    """Appends records to <dir>/khobao-<time>-<pid>-<n>.warc.gz, starting a new file past `max_bytes`."""

    def __init__(self, directory: str | Path, max_bytes: int):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._file = None
        self._name = ""
        self._count = 0
        self._stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def _open(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._count += 1
        self._name = f"khobao-{self._stamp}-{os.getpid()}-{self._count:05d}.warc.gz"
        self._file = open(self.directory / self._name, "ab")
        info = io.BytesIO()
        writer = WARCWriter(info, gzip=True)
        writer.write_record(writer.create_warcinfo_record(self._name, {"software": SOFTWARE, "format": "WARC/1.1"}))
        self._file.write(info.getvalue())

    def append(self, record: bytes) -> tuple[str, int]:
        """Write one record (from `response_record`); returns (file name, offset) to find it again."""
        if self._file is None or (self._file.tell() + len(record) > self.max_bytes and self._file.tell() > 0):
            self._open()
        offset = self._file.tell()
        self._file.write(record)
        self._file.flush()
        return self._name, offset

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def record_body(record) -> bytes:
    """The HTTP payload of a WARC record, chunking and Content-Encoding (gzip, deflate, br) undone.

    A payload that does not decode is returned as stored, as warcio does: some archivers keep the
    header but store the body decoded, and an unknown coding is better read as is than lost.
    ValueError only when the payload would expand past MAX_DECODED bytes."""
    http = record.http_headers
    stream = record.raw_stream
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)   # de-chunks only: no decoder is given
    raw = stream.read()
    coding = http.get_header("Content-Encoding") if http is not None else None
    if not codings(coding):
        return raw
    body, problem = decode_content(raw, coding, MAX_DECODED)
    if body is None and problem and problem.startswith("too large"):
        raise ValueError(f"WARC record of {record.rec_headers.get_header('WARC-Target-URI')}: {problem}")
    return raw if body is None else body


def _response(record) -> WarcResponse:
    http = record.http_headers
    status = int(http.get_statuscode()) if http and http.get_statuscode() else 0
    return WarcResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        status=status,
        headers=list(http.headers) if http else [],
        body=record_body(record),
        date=record.rec_headers.get_header("WARC-Date"),
    )


def read_response(directory: str | Path, file_name: str, offset: int) -> WarcResponse:
    """The response record at `offset` in `file_name`; raises ValueError when there is none."""
    path = Path(directory) / file_name
    with open(path, "rb") as stream:
        stream.seek(offset)
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                return _response(record)
            break
    raise ValueError(f"no WARC response record at {file_name}:{offset}")


def iter_responses(path: str | Path) -> Iterator[WarcResponse]:
    """Every response record of a WARC file (.warc or .warc.gz), in order."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                yield _response(record)
