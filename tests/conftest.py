"""Shared fixtures. Every test runs against real parts: SQLite files, Whoosh indexes on disk, real servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from khobao.config import Settings, load_settings


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    """Built-in defaults with a fresh data directory (no config.toml is read)."""
    return load_settings(path=Path(__file__).parent / "empty-config.toml", data_dir=data_dir)
