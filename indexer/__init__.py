"""Indexer: the diacritic-aware search index over the article store, behind the engine seam.

What the other packages may use (`__all__`); everything else is the Whoosh engine's inside:
- the seam (engine.py): `open_engine(index_dir)` → an `Engine`; `IndexStatus`, `IndexReport`,
  `Leftover` (what a killed run left), `Progress`;
- requests and answers in plain data (api.py): `SearchRequest`, `SearchPage`, `Hit`, `Facets`, `SORTS`;
- the query language's words for people (query.py): `Note` (a parse note, translated by the web UI)
  and `readable` (a query repaired to printable UTF-8, and whether it needed it);
- `IndexSettings` (the [index] table of config.toml) and `human_size` (bytes for people).

Errors (errors.py): `IndexerError` ← `SearchError` ← `DamagedIndexError`.
"""

from .api import SORTS, Facets, Hit, SearchPage, SearchRequest
from .engine import Engine, IndexReport, IndexStatus, Leftover, Progress, open_engine
from .errors import DamagedIndexError, IndexerError, SearchError
from .generations import human_size
from .query import Note, readable
from .settings import IndexSettings

__all__ = [
    "SORTS", "DamagedIndexError", "Engine", "Facets", "Hit", "IndexReport", "IndexSettings", "IndexStatus",
    "IndexerError", "Leftover", "Note", "Progress", "SearchError", "SearchPage", "SearchRequest", "human_size",
    "open_engine", "readable",
]
