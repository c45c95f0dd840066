"""What the indexer raises, worded for the person running khobao, and how a damaged file becomes that.

    IndexerError                  anything the indexer raises on purpose
    ├── SearchError               there is no index to search, or it cannot be opened
    │   └── DamagedIndexError     a file of the index cannot be read: only `khobao index --rebuild` helps
    │                             (raised by a search, a catch-up `update`, and counting documents)
    └── IndexDiskFull             the disk (or a size limit) ran out while writing the index: the
                                  index as it was still serves, and the partial work was removed

`update` and `rebuild` also pass on the store's errors (sqlite3.Error) and other OSErrors.
"""

from __future__ import annotations

import errno
import functools
import gc
import pickle
import shutil
import struct
import warnings
import zlib
from pathlib import Path

from whoosh.reading import CorruptIndexError


class IndexerError(Exception):
    """Anything the indexer raises on purpose."""


class SearchError(IndexerError):
    """The index is missing or unreadable (worded for the person running khobao)."""


class DamagedIndexError(SearchError):
    """A file of the index cannot be read: only `khobao index --rebuild` helps."""

    @classmethod
    def of(cls, index_dir: Path, cause: BaseException) -> "DamagedIndexError":
        """The error for `cause`, met reading `index_dir`; drops what keeps Whoosh's open file alive."""
        forget(cause)
        return cls(damaged_message(index_dir, cause))


class IndexDiskFull(IndexerError, OSError):
    """No room left while writing the index (ENOSPC, EDQUOT, EFBIG): nothing half-written is kept."""

    ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})

    @classmethod
    def of(cls, index_dir: Path, cause: BaseException, rebuilding: bool) -> "IndexDiskFull | None":
        """The error for `cause` if it is a full disk, else None."""
        if not (isinstance(cause, OSError) and cause.errno in cls.ERRNOS):
            return None
        try:
            free = f"{shutil.disk_usage(Path(index_dir).parent).free / 2**30:.1f} GB free now"
        except OSError:
            free = "free space unknown"
        work = "the new index was removed" if rebuilding else "the catch-up was undone"
        return cls(cause.errno, f"no room left writing the index in {index_dir} ({cause.strerror}; {free}); "
                                f"{work} and the index as it was still serves. Free some space (a build needs "
                                f"about twice the text of the archive) and run `khobao index"
                                f"{' --rebuild' if rebuilding else ''}` again")

    def __str__(self) -> str:
        return str(self.strerror)


# What Whoosh raises on a truncated or garbled file that it reads only while a query runs.
DAMAGE = (CorruptIndexError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


def damaged_message(index_dir: Path, cause: BaseException) -> str:
    return (f"the index in {index_dir} is damaged ({type(cause).__name__}: {str(cause)[:120]}); "
            f"rebuild it with `khobao index --rebuild`")


def forget(exc: BaseException) -> None:
    """Whoosh leaves the file it failed to read open (the garbage collector closes it, with a
    ResourceWarning): drop the traceback that holds it, that warning silenced. Call it outside
    the `except` block, which keeps the traceback alive."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        exc.__traceback__ = None
        gc.collect()


def reads_index(method):
    """A file found damaged in the middle of a search is reported as the index's damage."""
    @functools.wraps(method)
    def reading(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DAMAGE as exc:
            failure = exc
        raise DamagedIndexError.of(self.index_dir, failure) from None
    return reading
