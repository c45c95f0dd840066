"""Read-only commands on a read-only or full data directory (issue 9, point 4): the store opens
read-only for status, search and serve and writes nothing; a full disk during import is one line
naming the cause, with nothing half-written."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from indexer import open_engine
from indexer.settings import IndexSettings
from khobao.cli import cli
from khobao.importing import BATCH, import_jsonl
from store import Article, ArticleStore
from webui import create_app

HANOI = timezone(timedelta(hours=7))
NOBODY = 65534


def _article(n: int) -> Article:
    return Article(url=f"https://tinmau.vn/thoi-su/bai-{n}.html", title=f"Hà Nội mở đường số {n}",
                   body=f"Thành phố Hà Nội khởi công tuyến đường số {n}.", source="tinmau",
                   published=datetime(2021, 3, 5, 8, n % 60, tzinfo=HANOI))


def _archive(data_dir: Path, count: int = 5) -> None:
    """A real store and index, written and closed: the state a read-only command finds."""
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        store.upsert_many(_article(n) for n in range(count))
        with open_engine(data_dir / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)


def _fingerprint(data_dir: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the data directory with its mtime and bytes: any write changes it."""
    return {str(p.relative_to(data_dir)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(data_dir.rglob("*")) if p.is_file()}


def _read_only_commands(data_dir: Path) -> list[str]:
    """What a reader does: status, search, and the web UI's pages. Returns the problems seen."""
    problems = []
    runner = CliRunner()
    for args in (["status"], ["status", "--json"], ["search", "ha noi", "--json"], ["search", "đường"]):
        result = runner.invoke(cli, ["--data-dir", str(data_dir), *args])
        if result.exit_code != 0 or "Traceback" in result.output or result.exception:
            problems.append(f"{args}: exit {result.exit_code}: {result.output[-500:]} {result.exception!r}")
    if problems == [] and "5 articles" not in runner.invoke(cli, ["--data-dir", str(data_dir), "status"]).output:
        problems.append("status does not count the 5 articles")
    app = create_app(store_path=data_dir / "articles.sqlite3", index_dir=data_dir / "index",
                     test_config={"TESTING": True})
    try:
        client = app.test_client()
        for path in ("/", "/help", "/?q=ha+noi", "/article/1"):
            response = client.get(path)
            if response.status_code != 200:
                problems.append(f"GET {path}: {response.status_code}")
            response.close()
    finally:
        app.extensions["khobao.archive"].close()
    return problems


def _import_refused(data_dir: Path, source: Path) -> list[str]:
    """`khobao import` into a read-only data directory: one line naming the directory, no traceback."""
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "import", str(source)])
    if result.exit_code != 1 or "Traceback" in result.output or not isinstance(result.exception, SystemExit):
        return [f"exit {result.exit_code}: {result.output[-800:]} {result.exception!r}"]
    expected = f"Error: cannot write the article store in {data_dir} ("
    if expected not in result.output or "check that it is writable" not in result.output:
        return [result.output]
    return []


def _make_read_only(data_dir: Path) -> None:
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def _run_unprivileged(fn, *args) -> list[str]:
    """Run fn(*args) where file permissions bind: as is when not root; as root, in a forked child
    that has become `nobody` (modules are imported already, so the child needs only the data dir)."""
    if os.geteuid() != 0:
        return fn(*args)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, send the answer, exit without cleanup
        os.close(read)
        signal.alarm(120)  # a stuck child dies (SIGALRM) and the parent's read ends: no hung suite
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            answer = fn(*args)
        except BaseException:  # noqa: BLE001 - reported to the parent
            answer = ["child raised: " + traceback.format_exc()]
        os.write(write, json.dumps(answer).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return json.loads(data)


@pytest.fixture
def world_readable_dir():
    """A data directory outside pytest's root-only tmp folder, so `nobody` can reach it."""
    base = Path(tempfile.mkdtemp(prefix="khobao-ro-"))
    base.chmod(0o755)
    try:
        yield base / "data"
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(base)


def test_read_only_data_dir_serves_status_search_and_pages(world_readable_dir):
    data_dir = world_readable_dir
    data_dir.mkdir()
    _archive(data_dir)
    assert _read_only_commands(data_dir) == []  # once writable: it works, and every module is loaded
    source = data_dir.parent / "more.jsonl"
    source.write_text(json.dumps({"url": "https://tinmau.vn/moi.html", "title": "Tin mới"}) + "\n", encoding="utf-8")
    source.chmod(0o644)
    dry_run = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "import", "--dry-run", str(source)])
    assert dry_run.exit_code == 0, dry_run.output   # (and the import's modules too: the child cannot read them)
    for leftover in data_dir.glob("articles.sqlite3-*"):
        leftover.unlink()  # (a reader in a writable directory shares the writers' -wal/-shm)
    _make_read_only(data_dir)
    before = _fingerprint(data_dir)
    assert _run_unprivileged(_read_only_commands, data_dir) == []
    assert _fingerprint(data_dir) == before  # not a byte written, no -wal or -shm created
    assert _run_unprivileged(_import_refused, data_dir, source) == []
    assert _fingerprint(data_dir) == before


def test_read_only_store_writes_nothing(tmp_path):
    path = tmp_path / "articles.sqlite3"
    with ArticleStore(path) as store:
        store.upsert_many(_article(n) for n in range(3))
        store.remember_sources({"tinmau": "Tin Mẫu"})
    before = (path.stat().st_mtime_ns, path.read_bytes())
    with ArticleStore(path, read_only=True) as store:
        assert store.count() == 3 and store.source_labels() == {"tinmau": "Tin Mẫu"}
        assert store.get_by_url(_article(1).url).article.title == _article(1).title
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.upsert(_article(9))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.set_meta("x", "y")
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_read_only_store_that_is_missing_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no article store at .*khobao import"):
        ArticleStore(tmp_path / "nowhere" / "articles.sqlite3", read_only=True)
    assert not (tmp_path / "nowhere").exists()


def test_read_only_store_sees_commits_made_while_it_is_open(tmp_path):
    path = tmp_path / "articles.sqlite3"
    with ArticleStore(path) as writer:
        writer.upsert(_article(1))
        with ArticleStore(path, read_only=True) as reader:
            assert reader.count() == 1
            writer.upsert(_article(2))
            assert reader.count() == 2


# -- a full disk -----------------------------------------------------------------------------------


def _no_room():
    """For a subprocess: no file may grow at all (RLIMIT_FSIZE 0), as on a full disk."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_read_only_commands_work_on_a_full_disk(data_dir):
    _archive(data_dir)
    before = (data_dir / "articles.sqlite3").read_bytes()
    for args in (["status"], ["search", "ha noi"], ["status", "--json"]):
        result = subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args],
                                capture_output=True, text=True, timeout=120, preexec_fn=_no_room)
        assert result.returncode == 0 and "Traceback" not in result.stderr, (args, result.stderr)
        assert "5" in result.stdout
    assert (data_dir / "articles.sqlite3").read_bytes() == before


def _limit(store: ArticleStore, extra_pages: int) -> None:
    """SQLite answers SQLITE_FULL beyond max_page_count: a full disk, for this connection."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count={pages + extra_pages}").fetchone()


def test_full_disk_in_a_batch_raises_the_real_cause_and_rolls_back(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert(_article(0))
        _limit(store, 2)
        big = [Article(url=f"https://tinmau.vn/b/{n}", title="Bài dài", body="Đường phố Hà Nội. " * 500)
               for n in range(50)]
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            store.upsert_many(big)
        assert store.count() == 1 and not store._db.in_transaction
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        _limit(store, 10_000)
        assert store.upsert_many(big[:3])[0].status == "new"  # the store works on once there is room


def test_full_disk_during_import_keeps_whole_batches_and_says_where(tmp_path):
    body = "Hà Nội mở đường. " * 40
    lines = [json.dumps({"url": f"https://tinmau.vn/a/{n}", "title": f"Tin {n}", "body": body})
             for n in range(BATCH * 4)]
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        _limit(store, 400)
        summary = import_jsonl(lines, store, ZoneInfo("Asia/Ho_Chi_Minh"))
        assert summary.store_error == "database or disk is full"
        stored = store.count()
        assert 0 < stored < BATCH * 4 and stored % BATCH == 0  # whole batches only
        assert summary.imported == stored and summary.lines == stored
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_cli_import_on_a_full_disk_is_one_line_with_the_cause(tmp_path, data_dir):
    """A real `khobao import` whose files may not grow past a limit (RLIMIT_FSIZE: write() fails as
    on a full disk; Python ignores SIGXFSZ), so SQLite meets a full disk in the middle of the import."""
    source = tmp_path / "many.jsonl"
    records = ({"url": f"https://tinmau.vn/a/{n}", "title": f"Tin {n}", "body": f"Hà Nội mở đường số {n}. " * 60}
               for n in range(6000))
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    limit = 8 * 1024 * 1024

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), "import", str(source),
                             "--no-index"], capture_output=True, text=True, timeout=120, preexec_fn=small_disk)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "cannot rollback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert f"free space in {data_dir}" in errors[0]
    assert "database or disk is full" in errors[0] or "disk I/O error" in errors[0]
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        stored = store.count()
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert 0 < stored < 6000 and stored % BATCH == 0
    assert f"the {stored} articles of the lines before it are stored" in errors[0]
