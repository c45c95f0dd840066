"""The search side's errors, and the decorator that turns a damaged file met mid-search into one."""

from __future__ import annotations

import functools
import pickle
import struct
import zlib

from whoosh.reading import CorruptIndexError

from .index import damaged_message, forget


class SearchError(Exception):
    """The index is missing or unreadable (worded for the person running khobao)."""


class DamagedIndexError(SearchError):
    """A file of the index cannot be read: only `khobao index --rebuild` helps."""


# What Whoosh raises on a truncated or garbled file that it reads only while a query runs.
DAMAGE = (CorruptIndexError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


def reads_index(method):
    """A file found damaged in the middle of a search is reported as the index's damage."""
    @functools.wraps(method)
    def reading(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DAMAGE as exc:
            forget(exc)
            raise DamagedIndexError(damaged_message(self.index_dir, exc)) from None
    return reading
