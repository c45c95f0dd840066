"""Clean saved pages for `khobao extract`: one page, or JSON Lines of pages, in order, on every core.

A thin layer over crawler.clean: reading a request line, cleaning it, and shaping the answer as a
plain JSON-ready dict. A bad request line becomes an answer with an `error` and its `line` number;
the rest goes on. A page over [crawl] max_bytes is rejected, as the crawler drops such responses.
"""

from __future__ import annotations

import json
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from crawler import Rejected, Source, decode_html, extract
from store import Article

BATCH = 64  # lines handed to the worker processes at once (keeps memory flat and order simple)


@dataclass
class ExtractSummary:
    articles: int = 0
    rejected: int = 0
    errors: int = 0

    def count(self, answer: dict) -> None:
        if "error" in answer:
            self.errors += 1
        elif "rejected" in answer:
            self.rejected += 1
        else:
            self.articles += 1

    def describe(self) -> str:
        return f"{self.articles} article(s), {self.rejected} rejected, {self.errors} bad line(s)"


def answer_for(result: Article | Rejected) -> dict:
    """The JSON shape of a cleaning result."""
    if isinstance(result, Rejected):
        return {"url": result.url, "rejected": result.reason}
    return {
        "url": result.url,
        "canonical_url": result.canonical_url,
        "title": result.title,
        "published": result.published.isoformat() if result.published else None,
        "author": result.author,
        "section": result.section,
        "source": result.source or None,
        "language": result.language,
        "body": result.body,
    }


def too_big(size: int, url: str, max_bytes: int) -> dict | None:
    """The answer for a page the crawler would have dropped, or None."""
    if max_bytes and size > max_bytes:
        return {"url": url, "rejected": f"page of {size} bytes is over [crawl] max_bytes ({max_bytes})"}
    return None


def clean_file(path: Path, url: str, source: Source | None = None, max_bytes: int = 0) -> dict:
    """Clean one saved page (its bytes decoded by the page's own charset declaration)."""
    return (too_big(path.stat().st_size, url, max_bytes)
            or answer_for(extract(decode_html(path.read_bytes()), url, source)))


def _surrogate(name: str, value: str) -> str | None:
    """Why `value` is no text (a lone surrogate from a JSON escape like \\ud800), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = value[exc.start].encode("unicode_escape").decode("ascii")
        return f"'{name}' holds an unpaired surrogate ({char}), which is no text"
    return None


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_request(line: str | bytes, source: Source | None = None, max_bytes: int = 0,
                  number: int | None = None) -> dict:
    """One JSON Lines request (line `number` of the input) → one answer. Never raises."""
    answer = _answer(line, source, max_bytes)
    if "error" in answer and number is not None:
        answer = {"line": number, **answer}
    return answer


def _answer(line: str | bytes, source: Source | None, max_bytes: int) -> dict:
    try:
        request = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        return {"error": f"not a JSON object: {exc}"[:300]}
    if not isinstance(request, dict):
        return {"error": "not a JSON object"}
    url = request.get("url")
    if not isinstance(url, str) or not url.strip():
        return {"url": url, "error": "missing \"url\""} if isinstance(url, str) else {"error": "missing \"url\""}
    if problem := _surrogate("url", url):
        return {"url": _printable(url), "error": problem}
    html, file = request.get("html"), request.get("file")
    if isinstance(html, str):
        if _surrogate("html", html):  # a broken character in the page: the rest of it is still readable
            html = html.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        size = len(html.encode("utf-8"))
        return too_big(size, url, max_bytes) or _clean(html, url, source)
    if isinstance(file, str):
        if problem := _surrogate("file", file):
            return {"url": url, "error": problem}
        try:
            path = Path(file)
            answer = too_big(path.stat().st_size, url, max_bytes)
            data = path.read_bytes() if answer is None else b""
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            return {"url": url, "error": f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}"}
        return answer or _clean(decode_html(data), url, source)
    return {"url": url, "error": "needs \"html\" (the page) or \"file\" (a path to it)"}


def _clean(html: str, url: str, source: Source | None) -> dict:
    try:
        return answer_for(extract(html, url, source))
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
        return {"url": url, "error": f"cleaning failed: {type(exc).__name__}: {exc}"[:300]}


def _clean_batch(args: tuple[list[tuple[int, bytes]], Source | None, int]) -> list[dict]:
    lines, source, max_bytes = args
    return [clean_request(line, source, max_bytes, number) for number, line in lines]


def _batches(lines: Iterable[bytes]) -> Iterator[list[tuple[int, bytes]]]:
    """The non-blank lines with their numbers, BATCH at a time."""
    numbered = ((number, line) for number, line in enumerate(lines, start=1) if line.strip())
    while batch := list(islice(numbered, BATCH)):
        yield batch


def clean_requests(lines: Iterable[bytes], source: Source | None = None, workers: int = 1,
                   max_bytes: int = 0) -> Iterator[dict]:
    """Answers for JSON Lines requests, in input order; blank lines are skipped.

    With workers > 1, batches are cleaned in that many processes (cleaning is CPU-bound); the first
    batch runs here, so a handful of lines never pays for starting processes.
    """
    batches = _batches(lines)
    first = next(batches, None)
    if first is None:
        return
    if workers <= 1 or len(first) < BATCH:
        yield from _clean_batch((first, source, max_bytes))
        for batch in batches:
            yield from _clean_batch((batch, source, max_bytes))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque([pool.submit(_clean_batch, (first, source, max_bytes))])
        for batch in batches:
            pending.append(pool.submit(_clean_batch, (batch, source, max_bytes)))
            if len(pending) > 2 * workers:  # a bounded queue: input is read only as fast as it is cleaned
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
