"""Reading the files `khobao import` takes: JSON Lines or CSV with a header row, plain or gzip'd.

Both come as numbered rows: (line number, the record, a BadLine, or None for a blank line); a CSV
file's header row is not one of them. The
encoding is UTF-8 (a byte order mark is dropped), or UTF-16 when the file starts with its byte
order mark or looks like it (every other byte zero), or what --encoding names (cp1258 for Vietnamese
Windows files). A line that is not text in that encoding is one bad line, with the fix in the summary.
CSV rows may hold quoted newlines (a row's number is the line it starts on); the delimiter is the
comma, semicolon or tab that the header row holds most of; a row with more or fewer values than the
header is a bad line.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .errors import BadLine
from .import_article import json_record

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".ndjson", ".ndjson.gz", ".json.gz")
CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
FORMATS = ("jsonl", "csv")
ENCODING_FIX = ("the file is not UTF-8: give its encoding with --encoding (cp1258 for Vietnamese Windows, "
                "cp1252 for Western Windows), or convert it first: iconv -f CP1258 -t UTF-8 FILE > FILE.utf8")

Row = tuple[int, "dict | BadLine | None"]


def file_format(file: str, given: str | None) -> str | None:
    """jsonl or csv: --format when given, else by the file's extension (None when it says neither)."""
    if given:
        return given
    name = file.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if file == "-" or name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def check_encoding(name: str | None) -> str | None:
    """The --encoding name as Python knows it; ValueError for an unknown one."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"--encoding {name!r}: unknown encoding; try utf-8, utf-16, cp1258 or cp1252") from None


@contextmanager
def open_bytes(file: str) -> Iterator[IO[bytes]]:
    """The file's bytes, gunzipped when they are gzip'd (- is standard input). OSError when unreadable."""
    if file == "-":
        raw = sys.stdin.buffer
        stdin = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
        yield gzip.GzipFile(fileobj=stdin) if stdin.peek(2)[:2] == b"\x1f\x8b" else stdin
        return
    path = Path(file)
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        yield handle


def sniff_encoding(head: bytes) -> str | None:
    """utf-16 (by its byte order mark, or zero bytes in every other place), utf-8-sig, or None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = head[:400]
    if len(sample) >= 8 and sample.count(0) >= len(sample) // 3:
        odd_zeros = sample[1::2].count(0)
        return "utf-16-le" if odd_zeros > sample[0::2].count(0) else "utf-16-be"
    return None


def text_stream(handle: IO[bytes], encoding: str | None, *, always: bool = False) -> io.TextIOWrapper | None:
    """A text stream for UTF-16 or a named encoding; None for UTF-8 (read line by line as bytes) unless
    `always`. Undecodable bytes become lone surrogates (surrogateescape), found line by line."""
    peek = getattr(handle, "peek", None)
    try:
        head = peek(512)[:512] if peek else b""
    except (OSError, EOFError, zlib.error):       # damaged gzip data: reading the rows says so, with the line
        head = b""
    chosen = encoding or sniff_encoding(head) or "utf-8"
    if chosen in ("utf-8", "utf-8-sig") and not encoding and not always:
        return None
    return io.TextIOWrapper(handle, encoding=chosen, errors="surrogateescape", newline="")


def _decoded(number: int, line: str | bytes) -> str:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadLine(f"not UTF-8 text (byte {exc.start})", kind="not UTF-8 text", fix=ENCODING_FIX) from None
    elif _undecoded(line):
        raise BadLine("not text in the file's encoding", kind="not text in the file's encoding", fix=ENCODING_FIX)
    return line.removeprefix("\ufeff") if number == 1 else line  # a byte order mark, as Windows tools write


def _undecoded(text: str) -> bool:
    """True when `text` holds bytes its encoding could not decode (surrogateescape's lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def jsonl_rows(lines: Iterable[str | bytes]) -> Iterator[Row]:
    """Numbered records of JSON Lines."""
    for number, line in enumerate(lines, start=1):
        try:
            text = _decoded(number, line)
            if not text.strip():
                yield number, None
                continue
            yield number, json_record(text)
        except BadLine as exc:
            yield number, exc


def _delimiter(header: str, file: str) -> str:
    if file.lower().endswith((".tsv", ".tsv.gz")):
        return "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def csv_rows(text: io.TextIOBase | Iterable[str], file: str = "") -> Iterator[Row]:
    """Numbered records of a CSV file with a header row (its line is number 1)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))    # bodies are longer than the default 128 KB
    lines = iter(text)
    try:
        first = next(lines)
    except StopIteration:
        return
    first = first.removeprefix("\ufeff")
    delimiter = _delimiter(first, file)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as exc:
        yield 1, BadLine(f"the header row cannot be read ({exc})", kind="header row unreadable")
        return
    if not any(header):
        yield 1, BadLine("the header row is empty; the first row must name the columns", kind="no header row")
        return
    start = 2
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, BadLine(f"not a readable CSV row ({exc})", kind="not a readable CSV row")
            start = reader.line_num + 1
            continue
        number, start = start, reader.line_num + 1
        if not values or not any(v.strip() for v in values):
            yield number, None
            continue
        if _undecoded("".join(values)):
            yield number, BadLine("not text in the file's encoding", kind="not text in the file's encoding",
                                  fix=ENCODING_FIX)
            continue
        if len(values) != len(header):
            yield number, BadLine(f"the row has {len(values)} values and the header {len(header)} columns",
                                  kind="a row with more or fewer values than the header has columns",
                                  fix="quote values that hold the delimiter or a newline (\"...\"), and give "
                                      "every row one value per column")
            continue
        yield number, {name: value for name, value in zip(header, values) if name}


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
