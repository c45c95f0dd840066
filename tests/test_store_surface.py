"""store/ is used through its public surface (`store.__all__`), and raises what its docstring says."""

from __future__ import annotations

import ast
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

import store
from store import Article, ArticleStore, normalize_url

ROOT = Path(__file__).resolve().parent.parent
USERS = ("crawler", "indexer", "webui", "khobao", "tests", "bench")


def store_imports(path: Path) -> list[str]:
    """Every way the file reaches into store/ beyond `from store import <a name in __all__>`."""
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            wrong += [f"{node.lineno}: import {a.name}" for a in node.names if a.name.startswith("store.")]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if node.module.startswith("store."):
                wrong.append(f"{node.lineno}: from {node.module} import ...")
            elif node.module == "store":
                wrong += [f"{node.lineno}: {a.name} is not in store.__all__"
                          for a in node.names if a.name not in store.__all__]
    return wrong


def test_everyone_uses_only_the_names_store_exports():
    wrong = [f"{path.relative_to(ROOT)}:{problem}"
             for package in USERS for path in sorted((ROOT / package).rglob("*.py"))
             for problem in store_imports(path)]
    assert not wrong, "\n".join(wrong)


def test_every_exported_name_exists():
    assert all(hasattr(store, name) for name in store.__all__)


def test_the_surface_reader_sees_an_internal_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from store.database import SCHEMA\nfrom store import _now\nimport store.urls\n",
                      encoding="utf-8")
    assert store_imports(sample) == ["1: from store.database import ...", "2: _now is not in store.__all__",
                                     "3: import store.urls"]


def test_a_bad_url_is_a_value_error_at_every_door(tmp_path):
    with pytest.raises(ValueError):
        normalize_url("http://[::1/x")
    with ArticleStore(tmp_path / "a.sqlite3") as articles:
        with pytest.raises(ValueError):
            articles.upsert(Article(url="http://example.vn:99999/x", title="Tin"))
        with pytest.raises(ValueError):
            articles.get_by_url("http://[::1/x")
        assert articles.count() == 0


def test_a_date_without_a_zone_is_a_value_error():
    with pytest.raises(ValueError, match="timezone-aware"):
        Article(url="http://example.vn/a", published=datetime(2020, 5, 1, 8, 0))


def test_a_missing_read_only_store_is_file_not_found_and_a_write_on_one_is_sqlite_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        ArticleStore(tmp_path / "nowhere.sqlite3", read_only=True)
    ArticleStore(tmp_path / "a.sqlite3").close()
    with ArticleStore(tmp_path / "a.sqlite3", read_only=True) as reader:
        with pytest.raises(sqlite3.OperationalError):
            reader.upsert(Article(url="http://example.vn/a", title="Tin"))


def test_a_file_that_is_no_database_is_a_sqlite_error(tmp_path):
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"not a database, just some invented words " * 100)
    with pytest.raises(sqlite3.DatabaseError):
        ArticleStore(path)
