"""The one module that talks to the network: polite, bounded HTTP GETs with httpx.

Every fetch ends as a `FetchResult` with an outcome, never as an exception:
- "ok": a 2xx response of an accepted type, its body read and decoded (gzip, deflate, br; within the
  size cap), the bytes as sent kept for the WARC record;
- "not_modified": a 304 answer to a conditional GET;
- "skipped": the page is not for us (robots.txt, not HTML, too large, off-site redirect, 4xx);
- "failed": it could not be fetched (timeouts, connection errors, 5xx, 429, redirect loops),
  after retries with exponential backoff and jitter (Retry-After honoured).

Politeness: one `HostGate` per host spaces request starts by the host's delay (the larger of the
configured delay and robots.txt's Crawl-delay) and caps requests in flight to that host.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import http.cookiejar
import random
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator
from urllib.parse import urljoin

import certifi
import httpx

from .encoding import ACCEPT_ENCODING, codings, decode_content
from .robots import RobotsRules
from .scope import host_in_domains, host_key, host_of, source_domains
from .settings import CrawlSettings, Politeness, Source

HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("xml", "rss", "atom", "text/plain", "gzip", "octet-stream")  # feeds and sitemaps, sometimes gzipped
REDIRECTS = (301, 302, 303, 307, 308)
DROPPED_HEADERS = {"transfer-encoding", "content-length"}  # the body is kept as sent, de-chunked


@dataclass
class FetchResult:
    url: str                               # as asked for
    outcome: str                           # ok, not_modified, skipped, failed
    final_url: str = ""                    # after redirects
    status: int | None = None              # last HTTP status seen
    reason: str | None = None              # why it was skipped or failed
    content_type: str | None = None
    body: bytes | None = None              # decoded (Content-Encoding undone)
    raw_body: bytes | None = None          # as sent, when it was content-coded (else the body itself)
    content_encoding: str | None = None    # "gzip", "br", "deflate"... when it was
    etag: str | None = None
    last_modified: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)  # response headers, for the WARC record
    http_version: str = "HTTP/1.1"
    reason_phrase: str = ""
    attempts: int = 0
    fetched_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def sent_body(self) -> bytes | None:
        """The body as the server sent it (what a WARC record holds)."""
        return self.raw_body if self.raw_body is not None else self.body


class _Retry(Exception):
    """A transient failure of one attempt: worth trying again after `wait` (or the backoff)."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


class HostGate:
    """Spaces request starts to one host by `delay` seconds and caps how many are in flight."""

    def __init__(self, delay: float, per_host: int):
        self.delay = max(0.0, delay)
        self._slots = asyncio.Semaphore(max(1, per_host))
        self._spacing = asyncio.Lock()
        self._next_start = 0.0

    async def __aenter__(self) -> "HostGate":
        await self._slots.acquire()
        try:
            async with self._spacing:
                wait = self._next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = time.monotonic() + self.delay
        except BaseException:
            self._slots.release()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        self._slots.release()

    def defer(self, seconds: float) -> None:
        """The host asked us to wait (429/503 Retry-After): no request starts before then."""
        self._next_start = max(self._next_start, time.monotonic() + seconds)


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds to wait: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def accepts(content_type: str | None, accept: str) -> bool:
    """Is this content type worth reading? Missing types are read and judged by their content."""
    if not content_type:
        return True
    ctype = content_type.split(";", 1)[0].strip().lower()
    if accept == "html":
        return ctype in HTML_TYPES
    return ctype in HTML_TYPES or any(marker in ctype for marker in XML_TYPES)


CONNECTIONS_PER_CLIENT = 4  # keep-alive connections one client holds (a few hosts' worth)


def origin_of(url: str) -> str:
    """"https://host:port" of a URL: robots.txt is per origin."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.netloc.decode()}"


class Fetcher:
    """Polite HTTP for one crawl. Use inside a running event loop; close with `await aclose()`.

    Each fetch borrows an `httpx.AsyncClient` of its own from a small stack (one per request in
    flight, reused with their keep-alive connections): httpcore checks every connection of a pool
    on each request, so one client holding `concurrency` connections costs more CPU per page than
    several holding a few each. They share one cookie jar, as a browser's tabs do: a site that sets
    a consent or session cookie on one page expects it back on the next, whichever client asks.
    """

    def __init__(self, settings: CrawlSettings, client: httpx.AsyncClient | None = None):
        self.settings = settings
        self._given = client
        self._idle: list[httpx.AsyncClient] = [client] if client is not None else []
        self._clients: list[httpx.AsyncClient] = list(self._idle)
        self._gates: dict[str, HostGate] = {}
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._tls: ssl.SSLContext | None = None
        self._cookies = http.cookiejar.CookieJar()   # this crawl's cookies, shared by every client

    def _new_client(self) -> httpx.AsyncClient:
        if self._tls is None:  # loading the CA bundle takes tens of milliseconds: once per crawl
            self._tls = ssl.create_default_context(cafile=certifi.where())
        return httpx.AsyncClient(
            verify=self._tls,
            cookies=self._cookies,   # httpx keeps a CookieJar it is given, not a copy
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=CONNECTIONS_PER_CLIENT,
                                max_keepalive_connections=CONNECTIONS_PER_CLIENT),
            headers={"User-Agent": self.settings.user_agent, "Accept-Language": "vi,en;q=0.5",
                     "Accept-Encoding": ACCEPT_ENCODING},   # not zstd, which httpx offers when it can
        )

    @contextlib.contextmanager
    def _borrow(self) -> Iterator[httpx.AsyncClient]:
        """A client for one fetch (the given client, shared, when the caller passed one)."""
        if self._given is not None:
            yield self._given
            return
        client = self._idle.pop() if self._idle else None
        if client is None:
            client = self._new_client()
            self._clients.append(client)
        try:
            yield client
        finally:
            self._idle.append(client)

    async def aclose(self) -> None:
        for client in self._clients:
            await client.aclose()
        self._clients.clear()
        self._idle.clear()

    # -- politeness ----------------------------------------------------------------------------

    async def robots_for(self, url: str, politeness: Politeness) -> RobotsRules:
        """robots.txt of the URL's origin, fetched once per crawl."""
        if not politeness.respect_robots:
            return RobotsRules()
        key = origin_of(url)
        if key in self._robots:
            return self._robots[key]
        lock = self._robots_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._robots:
                status, text = await self._get_robots(key + "/robots.txt")
                self._robots[key] = RobotsRules.from_response(status, text)
        return self._robots[key]

    def known_robots(self, url: str) -> RobotsRules | None:
        """The robots.txt rules of the URL's origin if this crawl has read them (no request)."""
        return self._robots.get(origin_of(url))

    async def _get_robots(self, url: str) -> tuple[int | None, str | None]:
        for attempt in range(self.settings.retries + 1):
            try:
                with self._borrow() as client:
                    async with asyncio.timeout(self.settings.timeout):
                        response = await client.get(url, follow_redirects=True)
                if response.status_code < 500:
                    return response.status_code, response.text[:500_000]
            except (httpx.HTTPError, TimeoutError):
                pass
            if attempt < self.settings.retries:
                await asyncio.sleep(self._backoff(attempt))
        return None, None

    def gate_for(self, url: str, politeness: Politeness, robots: RobotsRules) -> HostGate:
        host = host_key(url)
        gate = self._gates.get(host)
        if gate is None:
            delay = politeness.delay
            if politeness.respect_robots:
                delay = max(delay, min(robots.crawl_delay(self.settings.user_agent), self.settings.max_wait))
            gate = self._gates[host] = HostGate(delay, politeness.per_host)
        return gate

    def _backoff(self, attempt: int) -> float:
        wait = self.settings.backoff * (2 ** attempt) * (0.5 + random.random())
        return min(wait, self.settings.max_wait)

    # -- fetching ------------------------------------------------------------------------------

    async def fetch(self, url: str, source: Source | None = None, *, accept: str = "html",
                    etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url` politely, following redirects within the source's domains."""
        politeness = self.settings.politeness_for(source)
        domains = source_domains(source) if source is not None else (host_of(url),)
        with self._borrow() as client:
            return await self._fetch(client, url, politeness, domains, accept, etag, last_modified)

    async def _fetch(self, client: httpx.AsyncClient, url: str, politeness: Politeness, domains: tuple[str, ...],
                     accept: str, etag: str | None, last_modified: str | None) -> FetchResult:
        seen: set[str] = set()
        current = url
        attempts = 0
        for hop in range(self.settings.max_redirects + 1):
            if not host_in_domains(host_of(current), domains):
                return FetchResult(url, "skipped", current, reason=f"redirect off-site to {host_of(current)}",
                                   attempts=attempts)
            robots = await self.robots_for(current, politeness)
            if not robots.allowed(current, self.settings.user_agent):
                return FetchResult(url, "skipped", current, reason=robots.reason or "disallowed by robots.txt",
                                   attempts=attempts)
            gate = self.gate_for(current, politeness, robots)
            headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" if accept == "html"
                       else "application/rss+xml,application/atom+xml,application/xml,text/xml;q=0.9,*/*;q=0.5"}
            if hop == 0 and etag:
                headers["If-None-Match"] = etag
            if hop == 0 and last_modified:
                headers["If-Modified-Since"] = last_modified
            result, location = await self._with_retries(client, url, current, gate, headers, accept)
            attempts += result.attempts
            result.attempts = attempts
            if location is None:
                return result
            seen.add(current)
            target = urljoin(current, location)
            if target in seen:
                return FetchResult(url, "failed", target, status=result.status, reason="redirect loop",
                                   attempts=attempts)
            current = target
        return FetchResult(url, "failed", current, reason=f"more than {self.settings.max_redirects} redirects",
                           attempts=attempts)

    async def _with_retries(self, client: httpx.AsyncClient, url: str, current: str, gate: HostGate, headers: dict,
                            accept: str) -> tuple[FetchResult, str | None]:
        retries = self.settings.retries
        for attempt in range(retries + 1):
            try:
                async with gate:
                    async with asyncio.timeout(self.settings.timeout):
                        return await self._get_once(client, url, current, headers, accept, attempt + 1)
            except _Retry as problem:
                failure = problem
            except (httpx.TimeoutException, TimeoutError):
                failure = _Retry("timeout")
            except httpx.TransportError as exc:
                failure = _Retry(f"connection error ({type(exc).__name__})")
            wait = failure.wait if failure.wait is not None else self._backoff(attempt)
            if failure.wait is not None:
                if failure.wait > self.settings.max_wait:
                    return FetchResult(url, "failed", current, status=failure.status, attempts=attempt + 1,
                                       reason=f"{failure.reason}: Retry-After {failure.wait:.0f}s is too long"), None
                gate.defer(wait)
            if attempt == retries:
                return FetchResult(url, "failed", current, status=failure.status, reason=failure.reason,
                                   attempts=attempt + 1), None
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def _get_once(self, client: httpx.AsyncClient, url: str, current: str, headers: dict, accept: str,
                        attempt: int) -> tuple[FetchResult, str | None]:
        async with client.stream("GET", current, headers=headers) as response:
            status = response.status_code
            base = dict(url=url, final_url=current, status=status, attempts=attempt,
                        etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                        content_type=response.headers.get("content-type"))
            if status == 429 or status >= 500:
                raise _Retry(f"HTTP {status}", status, parse_retry_after(response.headers.get("retry-after")))
            if status in REDIRECTS and response.headers.get("location"):
                return FetchResult(outcome="redirect", **base), response.headers["location"]
            if status == 304:  # its headers kept for the WARC revisit record
                return FetchResult(outcome="not_modified", headers=list(response.headers.multi_items()),
                                   http_version=response.http_version, reason_phrase=response.reason_phrase,
                                   fetched_at=datetime.now(timezone.utc), **base), None
            if status >= 300:
                return FetchResult(outcome="skipped", reason=f"HTTP {status}", **base), None
            if not accepts(base["content_type"], accept):
                kind = (base["content_type"] or "").split(";")[0].strip()
                return FetchResult(outcome="skipped", reason=f"not HTML ({kind})", **base), None
            limit = self.settings.max_bytes
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return FetchResult(outcome="skipped", reason=f"too large (over {limit} bytes)", **base), None
            raw = bytearray()
            async for chunk in response.aiter_raw():   # as sent: the WARC keeps these bytes
                raw.extend(chunk)
                if len(raw) > limit:
                    return FetchResult(outcome="skipped", reason=f"too large (over {limit} bytes)", **base), None
            coding = response.headers.get("content-encoding")
            body, problem = decode_content(bytes(raw), coding, limit)
            if body is None:
                return FetchResult(outcome="skipped", reason=problem, **base), None
            kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in DROPPED_HEADERS]
            kept.append(("Content-Length", str(len(raw))))
            return FetchResult(outcome="ok", body=body, raw_body=bytes(raw) if codings(coding) else None,
                               content_encoding=",".join(codings(coding)) or None, headers=kept,
                               http_version=response.http_version, reason_phrase=response.reason_phrase,
                               fetched_at=datetime.now(timezone.utc), **base), None
