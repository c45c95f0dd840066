"""The data directory's layout (store/layout.py) is the one place its file names are spelled."""

from __future__ import annotations

import ast
from pathlib import Path

from crawler.lock import crawl_holder, crawl_lock
from khobao.config import Settings
from khobao.demo.build import DemoDir
from store import DataDir, sqlite_files

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("store", "crawler", "indexer", "webui", "khobao")
NAMES = {DataDir.STORE, DataDir.FRONTIER, DataDir.CRAWL_LOCK, DataDir.DEMO_MARKER}


def test_the_layout_names_every_file_of_the_data_directory(tmp_path):
    layout = DataDir(tmp_path)
    assert layout.store == tmp_path / "articles.sqlite3"
    assert layout.frontier == tmp_path / "frontier.sqlite3"
    assert layout.crawl_lock == tmp_path / "crawl.lock"
    assert layout.warc == tmp_path / "warc"
    assert layout.index == tmp_path / "index"
    assert layout.demo_marker == tmp_path / "demo.json"
    assert DataDir(str(tmp_path)) == layout
    assert sqlite_files(layout.store) == (layout.store, tmp_path / "articles.sqlite3-wal",
                                          tmp_path / "articles.sqlite3-shm")


def test_the_layout_creates_nothing(tmp_path):
    layout = DataDir(tmp_path / "data")
    assert [layout.store, layout.index, layout.warc, layout.frontier, layout.crawl_lock, layout.demo_marker]
    assert not (tmp_path / "data").exists()


def test_settings_crawl_lock_and_demo_use_the_layout(tmp_path):
    settings = Settings(data_dir=tmp_path)
    layout = settings.layout
    assert (settings.store_path, settings.index_dir, settings.warc_dir, settings.frontier_path) == (
        layout.store, layout.index, layout.warc, layout.frontier)
    assert DemoDir(tmp_path).marker == layout.demo_marker
    with crawl_lock(tmp_path) as path:
        assert path == layout.crawl_lock and layout.crawl_lock.exists()
        assert crawl_holder(tmp_path)


def spelled_names(path: Path) -> list[tuple[str, int]]:
    """(name, line) of every string constant in the file that is exactly one of the layout's file names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [(node.value, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in NAMES]


def test_no_product_module_spells_a_data_file_name_but_the_layout():
    layout_module = ROOT / "store" / "layout.py"
    spelled = [f"{path.relative_to(ROOT)}:{line} spells {name!r}"
               for package in PRODUCT for path in sorted((ROOT / package).rglob("*.py")) if path != layout_module
               for name, line in spelled_names(path)]
    assert not spelled, "use store.DataDir instead:\n" + "\n".join(spelled)
    assert {name for name, _ in spelled_names(layout_module)} == NAMES


def test_the_spelling_reader_sees_a_file_name(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Mentions crawl.lock in prose."""\n\nLOCK = "crawl.lock"\n', encoding="utf-8")
    assert spelled_names(sample) == [("crawl.lock", 3)]
