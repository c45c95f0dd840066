"""How long `khobao demo` takes from a fresh data directory to a served search page, and on a second run.

    .venv/bin/python bench/demo_time.py

Runs the real command in a subprocess (`khobao --data-dir TMP demo --port 0`), waits for the address
it prints, fetches a search page from it, and stops it. Target (issue 5): under a minute on 2 cores.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx


def served_after(data_dir: Path, cwd: Path) -> tuple[float, str]:
    """Seconds until the demo's search page answers, and the demo's own summary lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHOBAO_")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), "demo", "--port", "0"],
                               cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               stdin=subprocess.DEVNULL)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    seen: list[str] = []
    try:
        while time.perf_counter() - started < 300:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            seen.append(line)
            if "Search the sample archive at" in line:
                url = next(w for w in line.split() if w.startswith("http://"))
                response = httpx.get(url, params={"q": "ha noi"}, timeout=30)
                response.raise_for_status()
                return time.perf_counter() - started, "".join(seen)
        raise SystemExit("khobao demo did not start serving:\n" + "".join(seen))
    finally:
        process.terminate()
        process.wait(timeout=15)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        first, output = served_after(cwd / "demo-data", cwd)
        second, _ = served_after(cwd / "demo-data", cwd)
    print(output.rstrip())
    print(f"\nfresh data directory to a served search page: {first:.1f} s")
    print(f"second run (reuses the build):                {second:.1f} s")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
