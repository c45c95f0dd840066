"""The data directory's layout: every file name under it, spelled once.

    data/
      articles.sqlite3      the article store (+ -wal, -shm while open): the source of truth
      frontier.sqlite3      the crawl frontier (+ -wal, -shm): every URL the crawler knows
      crawl.lock            one crawl at a time (crawler/lock.py)
      warc/                 the raw responses, rotating WARC files
      index                 a link to the live index generation, index.gen-<id>/ (indexer/generations.py)
      demo.json             only in a `khobao demo` directory: the demo's marker

Everything else under the directory (an index generation's own files) belongs to the stage that
writes it. The layout only names paths; it creates and reads nothing.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_DATA_DIR = Path("data")        # relative to where khobao runs, unless config.toml names another
SQLITE_SIDE_FILES = ("-wal", "-shm")   # what SQLite's WAL mode keeps beside a database file


class DataDir:
    """The paths of one data directory."""

    STORE = "articles.sqlite3"
    FRONTIER = "frontier.sqlite3"
    CRAWL_LOCK = "crawl.lock"
    WARC = "warc"
    INDEX = "index"
    DEMO_MARKER = "demo.json"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"DataDir({str(self.path)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataDir) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    @property
    def store(self) -> Path:
        return self.path / self.STORE

    @property
    def frontier(self) -> Path:
        return self.path / self.FRONTIER

    @property
    def crawl_lock(self) -> Path:
        return self.path / self.CRAWL_LOCK

    @property
    def warc(self) -> Path:
        return self.path / self.WARC

    @property
    def index(self) -> Path:
        """The live index's link (or, from an earlier version, a plain directory); its generations
        are siblings named by indexer/generations.py."""
        return self.path / self.INDEX

    @property
    def demo_marker(self) -> Path:
        return self.path / self.DEMO_MARKER


def sqlite_files(database: Path) -> tuple[Path, ...]:
    """A SQLite database file and the side files WAL mode keeps beside it: what removing it means."""
    return (database, *(Path(f"{database}{suffix}") for suffix in SQLITE_SIDE_FILES))
