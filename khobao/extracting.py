"""Clean saved pages for `khobao extract`: one page, or JSON Lines of pages, in order, on every core.

A thin layer over crawler.clean: reading a request line, cleaning it, and shaping the answer as a
plain JSON-ready dict. A bad request line becomes an answer with an `error`; the rest goes on.
"""

from __future__ import annotations

import json
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from crawler.article import Article
from crawler.charset import decode_html
from crawler.clean import Rejected, extract
from crawler.settings import Source

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


def clean_file(path: Path, url: str, source: Source | None = None) -> dict:
    """Clean one saved page (its bytes decoded by the page's own charset declaration)."""
    return answer_for(extract(decode_html(path.read_bytes()), url, source))


def clean_request(line: str | bytes, source: Source | None = None) -> dict:
    """One JSON Lines request → one answer. Never raises."""
    try:
        request = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return {"error": f"not a JSON object: {exc}"}
    if not isinstance(request, dict):
        return {"error": "not a JSON object"}
    url = request.get("url")
    if not isinstance(url, str) or not url.strip():
        return {"url": url, "error": "missing \"url\""} if url is not None else {"error": "missing \"url\""}
    html, file = request.get("html"), request.get("file")
    if isinstance(html, str):
        return _clean(html, url, source)
    if isinstance(file, str):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            return {"url": url, "error": f"cannot read {file}: {exc.strerror or exc}"}
        return _clean(decode_html(data), url, source)
    return {"url": url, "error": "needs \"html\" (the page) or \"file\" (a path to it)"}


def _clean(html: str, url: str, source: Source | None) -> dict:
    try:
        return answer_for(extract(html, url, source))
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
        return {"url": url, "error": f"cleaning failed: {type(exc).__name__}: {exc}"[:300]}


def _clean_batch(args: tuple[list[bytes], Source | None]) -> list[dict]:
    lines, source = args
    return [clean_request(line, source) for line in lines]


def _batches(lines: Iterable[bytes]) -> Iterator[list[bytes]]:
    """The non-blank lines, BATCH at a time."""
    lines = (line for line in lines if line.strip())
    while batch := list(islice(lines, BATCH)):
        yield batch


def clean_requests(lines: Iterable[bytes], source: Source | None = None, workers: int = 1) -> Iterator[dict]:
    """Answers for JSON Lines requests, in input order; blank lines are skipped.

    With workers > 1, batches are cleaned in that many processes (cleaning is CPU-bound); the first
    batch runs here, so a handful of lines never pays for starting processes.
    """
    batches = _batches(lines)
    first = next(batches, None)
    if first is None:
        return
    if workers <= 1 or len(first) < BATCH:
        yield from _clean_batch((first, source))
        for batch in batches:
            yield from _clean_batch((batch, source))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque([pool.submit(_clean_batch, (first, source))])
        for batch in batches:
            pending.append(pool.submit(_clean_batch, (batch, source)))
            if len(pending) > 2 * workers:  # a bounded queue: input is read only as fast as it is cleaned
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
