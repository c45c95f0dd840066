"""Indexer: the diacritic-aware search index over the article store, behind the engine seam.

What the other packages may use (`__all__`); everything else is the Whoosh engine's inside:
- the seam (engine.py): `open_engine(index_dir)` → an `Engine`; `IndexStatus`, `IndexReport`,
  `Leftover` (what a killed run left), `Progress`;
- requests and answers in plain data (api.py): `SearchRequest`, `SearchPage`, `Hit`, `Facets`, `SORTS`;
- the query language's words for people (query.py): `Note` (a parse note, translated by the web UI)
  and `readable` (a query repaired to printable UTF-8, and whether it needed it);
- `IndexSettings` (the [index] table of config.toml) and `human_size` (bytes for people).

Errors (errors.py): `IndexerError` ← `SearchError` ← `DamagedIndexError`; `IndexerError` ← `IndexDiskFull`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same names for type checkers and readers
    from .api import SORTS, Facets, Hit, SearchPage, SearchRequest
    from .engine import Engine, IndexReport, IndexStatus, Leftover, Progress, open_engine
    from .errors import DamagedIndexError, IndexDiskFull, IndexerError, SearchError
    from .generations import human_size
    from .query import Note, readable
    from .settings import IndexSettings

_WHERE = {  # public name -> the module that defines it
    "Facets": "api",
    "Hit": "api",
    "SORTS": "api",
    "SearchPage": "api",
    "SearchRequest": "api",
    "Engine": "engine",
    "IndexReport": "engine",
    "IndexStatus": "engine",
    "Leftover": "engine",
    "Progress": "engine",
    "open_engine": "engine",
    "DamagedIndexError": "errors",
    "IndexDiskFull": "errors",
    "IndexerError": "errors",
    "SearchError": "errors",
    "human_size": "generations",
    "Note": "query",
    "readable": "query",
    "IndexSettings": "settings",
}

__all__ = [
    "SORTS", "DamagedIndexError", "Engine", "Facets", "Hit", "IndexDiskFull", "IndexReport", "IndexSettings",
    "IndexStatus", "IndexerError", "Leftover", "Note", "Progress", "SearchError", "SearchPage", "SearchRequest", "human_size",
    "open_engine", "readable",
]


def __getattr__(name: str):
    """The public names are imported on first use, so that `import indexer.settings` (the
    command line's start) does not load the whole package."""
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
