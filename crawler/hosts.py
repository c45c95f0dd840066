"""The crawl's per-host queues: which URL is fetched next, how many requests each host has in flight,
and which hosts were given up for this run.

URLs are claimed from the frontier a host at a time into small in-memory buffers, so the event loop
picks its next URL without a database query. The least busy host under its cap goes first; once
the crawl knows more than one host, no host takes the last request slot (a host that hangs cannot
hold them all while another host's next page is still being found). A host that answers nothing
HOST_SILENT_LIMIT times in a row is given up: its URLs go back to the frontier for the next crawl.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Callable

from .fetch import FetchResult
from .frontier import Entry, Frontier

HOST_SILENT_LIMIT = 3   # fetches in a row without any answer (timeouts, refused connections) before a host is given up
BUFFER_LOW, BUFFER_FILL, CLAIM = 8, 32, 64   # refill a host's buffer under LOW, up to FILL, CLAIM at a time


class HostQueues:
    def __init__(self, frontier: Frontier, names: list[str], concurrency: int, per_host: Callable[[Entry], int]):
        self.frontier = frontier
        self.names = names
        self.concurrency = concurrency
        self.per_host = per_host                          # an entry's cap of requests in flight on its host
        self.buffers: dict[str, deque[Entry]] = {}
        self.active_per_host: Counter = Counter()
        self.refill_needed = True
        self.silent_in_a_row: Counter = Counter()        # host -> fetches in a row that got no answer
        self.down: set[str] = set()                       # hosts given up for this run

    def refill(self) -> None:
        """Top up the buffers from the frontier, when something was queued or a buffer ran low."""
        if not self.refill_needed:
            return
        self.refill_needed = False
        for host in self.frontier.queued_hosts(self.names):
            if host in self.down:
                continue
            buffer = self.buffers.setdefault(host, deque())
            if len(buffer) < BUFFER_FILL:
                buffer.extend(self.frontier.claim_host(host, self.names, CLAIM))

    def next_entry(self) -> Entry | None:
        """A URL of the least busy host that is under its cap, or None (see the module's docstring)."""
        best = None
        shared = len(self.buffers) > 1
        for host, buffer in self.buffers.items():
            if not buffer:
                continue
            cap = self.per_host(buffer[0])
            if shared:
                cap = min(cap, max(1, self.concurrency - 1))
            if self.active_per_host[host] < cap:
                if best is None or self.active_per_host[host] < self.active_per_host[best]:
                    best = host
        if best is None:
            return None
        buffer = self.buffers[best]
        entry = buffer.popleft()
        if len(buffer) < BUFFER_LOW:
            self.refill_needed = True
        return entry

    def started(self, entry: Entry) -> None:
        self.active_per_host[entry.host] += 1

    def finished(self, entry: Entry) -> None:
        self.active_per_host[entry.host] -= 1

    def any_buffered(self) -> bool:
        return any(self.buffers.values())

    def buffered(self) -> list[Entry]:
        """Every URL claimed but not started (handed back to the frontier when the run ends)."""
        return [entry for buffer in self.buffers.values() for entry in buffer]

    def note_answer(self, entry: Entry, result: FetchResult) -> None:
        """Count a fetch that got no answer at all; the HOST_SILENT_LIMIT-th in a row gives its host up."""
        silent = result.status is None and result.outcome == "failed" and (
            (result.reason or "").startswith(("timeout", "connection error")))
        host = entry.host
        if not silent:
            self.silent_in_a_row[host] = 0
            return
        self.silent_in_a_row[host] += 1
        if self.silent_in_a_row[host] >= HOST_SILENT_LIMIT and host not in self.down:
            self.down.add(host)
            self.frontier.release(list(self.buffers.pop(host, deque())))
