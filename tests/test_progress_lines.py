"""Long work run without a terminal (cron, nohup, a pipe) still says how far it got: one line a minute."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def khobao(tmp_path, *args, every: str | None = None) -> subprocess.CompletedProcess:
    config = tmp_path / "config.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("KHOBAO_LOG_EVERY", None)
    if every is not None:
        env["KHOBAO_LOG_EVERY"] = every
    return subprocess.run([sys.executable, "-m", "khobao", "--config", str(config), *args], capture_output=True,
                          text=True, timeout=120, env=env, check=True)


def lines(tmp_path, count: int):
    path = tmp_path / "in.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"url": f"https://tin.example.vn/bai-{i}.html", "title": f"Tin số {i}",
                                  "body": f"Bản tin số {i} về mùa lúa ở đồng bằng.", "date": "2022-05-01"},
                                 ensure_ascii=False) + "\n")
    return path


def test_without_a_terminal_import_and_index_print_progress_lines(tmp_path):
    done = khobao(tmp_path, "import", str(lines(tmp_path, 30)), every="0")
    progress = [line for line in done.stderr.splitlines() if line.startswith(("Importing: ", "Indexing: "))]
    assert any(line.startswith("Importing: ") for line in progress), done.stderr
    assert any(line.startswith("Indexing: ") and " of " in line and "/s" in line for line in progress), done.stderr


def test_a_short_run_prints_no_progress_line_within_the_minute(tmp_path):
    done = khobao(tmp_path, "import", str(lines(tmp_path, 5)))
    assert not [line for line in done.stderr.splitlines() if line.startswith(("Importing: ", "Indexing: "))]
