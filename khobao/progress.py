"""Progress for long work: a rich bar on a terminal; elsewhere (a log, a pipe) one line a minute.

A 20-minute import or index build run from cron or under `nohup` must not be silent until it
ends: without a terminal, `update(done, total)` prints "Importing: 12,000 of 350,000 (3.4 %),
410/s, 0:00:29" to stderr at most once every LOG_EVERY seconds (`KHOBAO_LOG_EVERY` overrides it).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

LOG_EVERY = 60.0   # seconds between two progress lines without a terminal


@contextmanager
def progress_bar(label: str, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Yields `update(done, total)`."""
    if quiet:
        yield lambda done, total: None
        return
    if not sys.stderr.isatty():
        yield _log_lines(label, float(os.environ.get("KHOBAO_LOG_EVERY", LOG_EVERY)))
        return
    console = Console(stderr=True)
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, done))

        yield update


def _log_lines(label: str, every: float) -> Callable[[int, int], None]:
    started = time.monotonic()
    next_line = started + every

    def update(done: int, total: int) -> None:
        nonlocal next_line
        now = time.monotonic()
        if now < next_line:
            return
        next_line = now + every
        elapsed = now - started
        share = f" of {total:,} ({100 * done / total:.1f} %)" if total >= done and total > 0 else ""
        rate = f", {done / elapsed:,.0f}/s" if elapsed > 0 else ""
        print(f"{label}: {done:,}{share}{rate}, {timedelta(seconds=round(elapsed))}", file=sys.stderr, flush=True)

    return update
