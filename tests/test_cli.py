"""The `khobao` command as a user meets it: one clear line for every mistake, the right exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest


def khobao(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khobao", *args], capture_output=True, text=True, timeout=60,
                          cwd=cwd)


@pytest.mark.parametrize("args, message", [
    (("search",), "Error: Missing argument 'QUERY'. (see 'khobao search --help')"),
    (("search", "x", "--sort", "best"), "Error: Invalid value for '--sort'"),
    (("search", "x", "--from", "31/12/2020"), "Error: Invalid value for '--from'"),
    (("frobnicate",), "Error: No such command 'frobnicate'."),
    (("--config", "/nonexistent/config.toml", "status"), "no such file; give --config the path of a config.toml"),
])
def test_usage_errors_are_one_line_with_exit_2(tmp_path, args, message):
    result = khobao(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_failure_is_one_line_with_exit_1(tmp_path):
    result = khobao("--data-dir", str(tmp_path / "empty"), "search", "hà nội", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: no index in {tmp_path / 'empty' / 'index'}; run `khobao index` (or `khobao import FILE`) first"]
