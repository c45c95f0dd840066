"""Indexer settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndexSettings:
    procs: int = 2          # writer processes for a full build (use every core)
    memory_mb: int = 256    # writer memory per process before it flushes a segment
