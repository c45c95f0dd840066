"""Shared fixtures. Every test runs against real parts: SQLite files, Whoosh indexes on disk, real servers."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from khobao.config import Settings, load_settings

# A suite started in the background of a script (`bash .ci/run &`) inherits SIGINT ignored, and so
# would every khobao it starts (an ignored signal stays ignored across exec): the Ctrl-C tests would
# then see a crawl that cannot be interrupted. A handler, unlike SIG_IGN, is reset to default at exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    """Built-in defaults with a fresh data directory (no config.toml is read)."""
    return load_settings(path=Path(__file__).parent / "empty-config.toml", data_dir=data_dir)
