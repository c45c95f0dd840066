"""bench/bench_scale.py end to end at a tiny size on the invented corpus of test_make_corpus.py: real
`khobao` subprocesses, a real server, FTS5; so that the scale bench cannot rot between its long runs.
It checks that every figure is there and sane, not how fast anything is."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_make_corpus import write_corpus_dir

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_the_scale_bench_runs_end_to_end_and_reports_every_figure(tmp_path):
    (tmp_path / "corpus").mkdir()
    corpus = write_corpus_dir(tmp_path / "corpus")
    results = (BENCH / "RESULTS.md").read_bytes()
    run = subprocess.run([sys.executable, str(BENCH / "bench_scale.py"), "--sizes", "150", "--new", "30",
                          "--sources", "4", "--server-workers", "1", "--corpus", str(corpus),
                          "--work", str(tmp_path / "work")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    out = run.stdout
    assert "| text (title + body) |" in out and "| store on disk |" in out and "| index on disk |" in out
    assert re.search(r"\| 200 queries, uncached, facets: p50 / p95 / max \(client\) \| \d+ / \d+ / \d+ ms \|", out)
    assert "| failed requests | 0 |" in out
    assert re.search(r"\| 30 new: from import to visible \| [\d.]+ s \|", out)
    assert re.search(r"\| FTS5: 200 queries with year and source counts: p50 / p95 / max \| \d+ / \d+ / \d+ ms \|", out)
    exact = re.search(r"\| largest process: import / index \(exact\) \| (\d+) / (\d+) MB \|", out)
    assert exact and 20 < int(exact.group(1)) < 2000 and 20 < int(exact.group(2)) < 2000
    assert "processes left behind by the commands and the server: 0." in out
    assert not (tmp_path / "work").exists()                          # removed without --keep
    assert (BENCH / "RESULTS.md").read_bytes() == results            # written only with --write-results


def test_a_failed_command_is_reported_in_the_table_and_the_bench_exits_1(tmp_path):
    (tmp_path / "corpus").mkdir()
    corpus = write_corpus_dir(tmp_path / "corpus")
    run = subprocess.run([sys.executable, str(BENCH / "bench_scale.py"), "--sizes", "120", "--memory-mb", "8",
                          "--corpus", str(corpus), "--work", str(tmp_path / "work"), "--no-fts"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stdout + run.stderr
    failed = re.search(r"\| \*\*failed\*\* \| (.+) \|", run.stdout)
    assert failed and "khobao import --no-index failed" in failed.group(1) and "memory_mb" in failed.group(1)
    assert "| import (store only) | - |" in run.stdout
