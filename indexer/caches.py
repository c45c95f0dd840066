"""A byte-bounded cache for the searcher's decoded postings, term scores and query matches."""

from __future__ import annotations

from collections import OrderedDict


class SizedCache:
    """A least-recently-used cache of numpy arrays, bounded by the bytes they hold."""

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict = OrderedDict()

    def get(self, key):
        found = self._items.get(key)
        if found is None:
            return None
        self._items.move_to_end(key)
        return found[0]

    def put(self, key, arrays: tuple) -> None:
        size = sum(getattr(a, "nbytes", 0) for a in arrays) + 200
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= old[1]
        self._items[key] = (arrays, size)
        self.used += size
        while self.used > self.budget and len(self._items) > 1:
            _, (_, freed) = self._items.popitem(last=False)
            self.used -= freed

    def keys(self) -> list:
        return list(self._items)

    def drop(self, key) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= old[1]

    def clear(self) -> None:
        self._items.clear()
        self.used = 0
