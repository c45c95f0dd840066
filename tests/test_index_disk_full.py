"""A disk that fills up while the index is written (issue 12, bad input): a real `khobao index` whose
files may not grow past a limit (RLIMIT_FSIZE: write() fails with EFBIG as it would with ENOSPC on a
full disk; Python ignores SIGXFSZ). One clear line, the index as it was still serving, nothing
half-written left behind, and the next run with room finishes the work."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from indexer.generations import live_dir
from store import ArticleStore
from tests.vn_articles import filler

LIMIT = 96 * 1024   # bytes a file may grow to: the store's reads fit, an index segment does not


def _khobao(config, *args, limit: int | None = None) -> subprocess.CompletedProcess:
    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "khobao", "--config", str(config), *args], capture_output=True,
                          text=True, timeout=180, preexec_fn=small_disk if limit else None)


def _total(config) -> int:
    result = _khobao(config, "search", "đà nẵng", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def _the_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    return line


@pytest.mark.parametrize("procs", [1, 2])
def test_a_disk_full_during_a_build_keeps_the_previous_index_and_removes_the_partial_one(tmp_path, procs):
    config = tmp_path / "config.toml"
    config.write_text(f'data_dir = "data"\n[index]\nprocs = {procs}\n', encoding="utf-8")
    index_dir = tmp_path / "data" / "index"
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert_many(filler(100))
    assert _khobao(config, "index").returncode == 0
    serving = live_dir(index_dir)
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert_many(filler(2100, start=100))      # past the size of a parallel build

    line = _the_error(_khobao(config, "index", "--rebuild", limit=LIMIT))
    assert f"no room left writing the index in {index_dir}" in line
    assert "the new index was removed and the index as it was still serves" in line
    assert "GB free now" in line and "run `khobao index --rebuild` again" in line
    assert live_dir(index_dir) == serving
    assert [p.name for p in index_dir.parent.iterdir() if p.name.startswith("index.")] == [serving.name]
    assert _total(config) == 100

    assert _khobao(config, "index", "--rebuild").returncode == 0
    assert _total(config) == 2200


def test_a_disk_full_during_a_catch_up_undoes_it_and_the_next_run_catches_up(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('data_dir = "data"\n[index]\nprocs = 1\n', encoding="utf-8")
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert_many(filler(100))
    assert _khobao(config, "index").returncode == 0
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert_many(filler(1500, start=100))   # a catch-up still (a rebuild from 2,000 on)

    line = _the_error(_khobao(config, "index", limit=LIMIT))
    assert "no room left writing the index" in line and "the catch-up was undone" in line
    assert "run `khobao index` again" in line
    assert _total(config) == 100
    generation = live_dir(tmp_path / "data" / "index")
    segments = {p.name.split(".")[0] for p in generation.iterdir() if p.name.startswith("MAIN_") and "." in p.name}
    assert len(segments) == 1, segments   # the unfinished segment's files are gone
    assert not list(generation.glob("*.tmp")) and not list(generation.glob("*LOCK*.lck"))

    assert _khobao(config, "index").returncode == 0
    assert _total(config) == 1600
