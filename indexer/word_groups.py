"""The groups of plain words of a parsed query, and how they were read as words (indexer/words.py).

Walks the tree of indexer/query.py: what the searcher reads into words, what a page shows as
the reading ("tai nạn" · "xe máy"), and which syllables a highlighter may mark on their own.
"""

from __future__ import annotations

from .analysis import spellings
from .query import And, Not, Or, Words


def word_groups(root, least: int = 2, positive: bool = False, quoted: bool = False) -> list[Words]:
    """The groups of plain (unquoted) words of `least` syllables or more, in the query's order: what
    is read into words before matching (`positive`: not those under a NOT; `quoted`: quoted phrases too)."""
    found: list[Words] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Words):
            if (quoted or not node.phrase) and len(node.terms) >= least:
                found.append(node)
        elif isinstance(node, (And, Or)):
            stack.extend(reversed(node.children))
        elif isinstance(node, Not) and not positive:
            stack.append(node.child)
    return found


def reading(root) -> tuple[str, ...]:
    """The words the plain syllables were read as, as typed ("tai nạn", "xe máy"), once read."""
    return tuple(" ".join(t.text for t in group.terms[start:end])
                 for group in word_groups(root, positive=True) if group.bounds for start, end in word_spans(group))


def lone_syllables(root) -> frozenset[str] | None:
    """The folded syllables a highlighter may mark on their own: the one-syllable words of a query
    read as words (the syllables of "tai nạn" are marked only standing together). None: the
    query's syllables were not read (the loose reading), so any."""
    lone: set[str] = set()
    for group in word_groups(root, least=1, positive=True):
        if len(group.terms) > 1 and group.bounds is None:
            return None
        for start, end in word_spans(group):
            if end - start == 1:
                lone.update(spellings(group.terms[start].folded))   # as a text may write it: "2.5" for "2,5"
    return frozenset(lone)


def word_spans(node: Words) -> list[tuple[int, int]]:
    """(start, end) of each word of `node`'s syllables: a quoted phrase is one word; unread
    syllables are a word each."""
    if node.phrase:
        return [(0, len(node.terms))]
    spans, start = [], 0
    for length in node.bounds or (1,) * len(node.terms):
        spans.append((start, start + length))
        start += length
    return spans
