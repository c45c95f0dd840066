"""Suggestions: the likely accented form of an unaccented query, and a spelling correction."""

from __future__ import annotations


def suggest(searcher, parsed, total: int) -> tuple[str | None, str | None]:
    return None, None
