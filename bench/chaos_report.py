"""What the chaos bench counts, and the markdown it prints for bench/RESULTS.md.

Every request is recorded by kind: its latency, its status or its error (connection error,
timeout, unreadable answer). Probe searches also keep (sent, received, total, worker) so that
"totals that went down" can be judged afterwards: imports only add articles, so a probe's total
must never be lower than one already received. Two server processes refresh their searchers
independently, at most `refresh_interval` (1 s) apart, so a lower total is counted twice: at all
(`lower`), and only when the request was sent more than GRACE seconds after the higher total
arrived (`lower late`, a real loss). With a worker id header, `lower` is counted per worker.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote_plus

GRACE = 2.0          # seconds: the server's index refresh interval (1 s) and a second of slack
EXAMPLES = 3         # failing requests shown per kind


@dataclass
class Kind:
    latencies: list[float] = field(default_factory=list)    # seconds, every request (errors too)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)        # 5xx and errors


class Stats:
    """Thread-safe counters of one run."""

    def __init__(self):
        self._lock = threading.Lock()
        self.kinds: dict[str, Kind] = defaultdict(Kind)
        self.probes: dict[str, list[tuple[float, float, int, str | None]]] = defaultdict(list)

    def record(self, kind: str, seconds: float, target: str, *, status: int | None = None,
               error: str | None = None) -> None:
        with self._lock:
            entry = self.kinds[kind]
            entry.latencies.append(seconds)
            if status is not None:
                entry.statuses[status] += 1
            if error is not None:
                entry.errors[error] += 1
            if (error is not None or (status or 0) >= 500) and len(entry.examples) < EXAMPLES:
                entry.examples.append(f"{error or status} after {seconds:.1f} s: GET {compact(target)}")

    def probe(self, query: str, sent: float, received: float, total: int, worker: str | None) -> None:
        with self._lock:
            self.probes[query].append((sent, received, total, worker))

    def totals(self) -> tuple[int, int, int]:
        """(requests, errors, 5xx) so far."""
        with self._lock:
            kinds = list(self.kinds.values())
            return (sum(len(k.latencies) for k in kinds), sum(sum(k.errors.values()) for k in kinds),
                    sum(n for k in kinds for s, n in k.statuses.items() if s >= 500))


def compact(target: str, limit: int = 160) -> str:
    """A request target made readable: percent escapes decoded, runs of one character counted ("(×327")."""
    text = unquote_plus(target, errors="surrogateescape")
    text = re.sub(r"(.)\1{5,}", lambda m: f"{m.group(1)}×{len(m.group(0))}", text)
    text = "".join(_visible(c) for c in text).replace("`", "'")
    return text if len(text) <= limit else text[:limit] + "…"


def _visible(char: str) -> str:
    if "\udc80" <= char <= "\udcff":                 # a byte that was not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    if char != " " and (char.isspace() or not char.isprintable()):
        return char.encode("unicode_escape", "backslashreplace").decode("ascii")
    return char


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def lower_counts(samples, grace: float = GRACE) -> tuple[int, int, str | None]:
    """(answers lower than one received before the request was sent, the same beyond `grace`, an example)."""
    by_received = sorted(samples, key=lambda s: s[1])
    received = [s[1] for s in by_received]
    best = list(itertools.accumulate((s[2] for s in by_received), max))
    lower = late = 0
    example = None
    for sent, _, total, _ in samples:
        i = bisect.bisect_left(received, sent)
        if i and best[i - 1] > total:
            lower += 1
        j = bisect.bisect_left(received, sent - grace)
        if j and best[j - 1] > total:
            late += 1
            example = example or f"{total} at {sent:.1f} s after {best[j - 1]} by {received[j - 1]:.1f} s"
    return lower, late, example


def probe_rows(stats: Stats, finals: dict[str, int | None]) -> list[dict]:
    rows = []
    for query, samples in sorted(stats.probes.items()):
        samples.sort()
        lower, late, example = lower_counts(samples)
        workers = {s[3] for s in samples}
        if None not in workers and len(workers) > 1:   # one worker's own answers must never go down
            lower = sum(lower_counts([s for s in samples if s[3] == w], 0.0)[0] for w in workers)
        rows.append({"query": query, "answers": len(samples), "first": samples[0][2], "last": samples[-1][2],
                     "max": max(s[2] for s in samples), "final": finals.get(query), "lower": lower,
                     "late": late, "example": example, "per_worker": None not in workers})
    return rows


def kind_table(stats: Stats) -> list[str]:
    lines = ["| kind | requests | 2xx | 3xx | 4xx | 5xx | errors | p50 ms | p95 ms | max ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    everything = Kind()
    for name, kind in sorted(stats.kinds.items()) + [("**all**", everything)]:
        if kind is not everything:
            everything.latencies += kind.latencies
            everything.statuses.update(kind.statuses)
            everything.errors.update(kind.errors)
        by_class = Counter(status // 100 for status in kind.statuses.elements())
        ms = [v * 1000 for v in kind.latencies]
        lines.append(f"| {name} | {len(ms)} | {by_class[2]} | {by_class[3]} | {by_class[4]} | {by_class[5]} | "
                     f"{sum(kind.errors.values())} | {percentile(ms, 50):.0f} | {percentile(ms, 95):.0f} | "
                     f"{max(ms, default=0):.0f} |")
    return lines


def failures(stats: Stats) -> list[str]:
    """The 5xx and errors by kind, with a few examples each."""
    lines = []
    for name, kind in sorted(stats.kinds.items()):
        bad = {**{f"HTTP {s}": n for s, n in kind.statuses.items() if s >= 500}, **kind.errors}
        if bad:
            lines.append(f"- {name}: " + ", ".join(f"{n} × {what}" for what, n in sorted(bad.items())))
            lines += [f"  - `{example}`" for example in kind.examples]
    return lines


def probe_table(rows: list[dict]) -> list[str]:
    lines = ["| probe (/api/search) | answers | first total | last total | max | final, after a last catch-up | "
             "lower than an earlier answer | lower, > 2 s later |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        final = "-" if row["final"] is None else row["final"]
        lines.append(f"| `{row['query']}` | {row['answers']} | {row['first']} | {row['last']} | {row['max']} | "
                     f"{final} | {row['lower']}{' (per worker)' if row['per_worker'] else ''} | {row['late']} |")
    lines += [f"- `{row['query']}` went down: {row['example']}" for row in rows if row["example"]]
    return lines


def job_table(jobs: list[dict]) -> list[str]:
    lines = ["| background job | started at s | took s | exit |", "| --- | ---: | ---: | --- |"]
    for job in jobs:
        lines.append(f"| `khobao {' '.join(job['args'])}` | {job['start']:.0f} | {job['seconds']:.1f} | "
                     f"{job['exit']} |")
    return lines
