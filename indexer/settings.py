"""Indexer settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class IndexSettings:
    procs: int = 2          # writer processes for a full build (use every core)
    memory_mb: int = 512    # postings held per writer process before it writes a segment (a build spills, never grows)

    # (lowest, highest) of each numeric key, checked by khobao/config.py
    LIMITS: ClassVar[dict[str, tuple]] = {"procs": (1, 64), "memory_mb": (16, 1_048_576)}
