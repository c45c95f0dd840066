"""`khobao crawl` as people run it: the command line, a crawl killed midway that resumes, Ctrl-C."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.crawling import last_run
from crawler.frontier import Frontier
from khobao.cli import cli
from khobao.config import load_settings
from khobao.demo.siteserver import SiteServer
from sites import doiche, songcau
from sites.news import DOICHE, SONGCAU, SONGCAU_CHANGING, SONGCAU_NFD
from store import ArticleStore

ROOT = Path(__file__).resolve().parent.parent


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def write_config(path: Path, sources: list[dict], **crawl) -> Path:
    """A real config.toml, as a user would write it."""
    settings = {"timeout": 2.0, "retries": 1, "backoff": 0.01, "workers": 0, "revisit_after": 0.001, **crawl}
    lines = ['data_dir = "data"', "", "[crawl]"]
    lines += [f"{k} = {toml_value(v)}" for k, v in settings.items()]
    lines += ["", "[crawl.politeness]", "delay = 0.0", "per_host = 2", "respect_robots = true"]
    for source in sources:
        lines += ["", "[[sources]]"]
        tables = {k: v for k, v in source.items() if isinstance(v, dict)}
        lines += [f"{k} = {toml_value(v)}" for k, v in source.items() if not isinstance(v, dict)]
        for name, table in tables.items():
            lines += [f"[sources.{name}]"] + [f"{k} = {toml_value(v)}" for k, v in table.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def source_tables(a_base: str, b_base: str) -> list[dict]:
    return [
        {"name": "songcau", "label": "Tin Sông Cầu", "domains": ["127.0.0.1"],
         "feeds": [f"{a_base}/rss/tin-moi.rss"], "sitemaps": [f"{a_base}/sitemap.xml"],
         "listings": [f"{a_base}/thoi-su/"], "follow": [r"-\d+\.html"]},
        {"name": "doiche", "label": "Báo Đồi Chè", "domains": ["127.0.0.1"], "feeds": [f"{b_base}/atom.xml"],
         "listings": [f"{b_base}/tin-tuc/trang-1.html"], "follow": [r"/tin-tuc/\d+-[a-z0-9-]+\.htm$"],
         "pagination": [r"/tin-tuc/trang-\d+\.html$"],
         "selectors": {"title": "td.title h1", "body": "td.lead, td.content", "date": "td.dateline"}},
    ]


@pytest.fixture
def sites():
    a, b = songcau.SongCau(traps=False), doiche.DoiChe()
    with SiteServer(a), SiteServer(b):
        yield a, b


@pytest.fixture
def config(tmp_path, sites) -> Path:
    a, b = sites
    return write_config(tmp_path / "config.toml", source_tables(a.base, b.base))


def expected_urls(sites) -> list[str]:
    a, b = sites
    return sorted([a.base + songcau.path_of(s) for s in (*SONGCAU, SONGCAU_NFD, SONGCAU_CHANGING[0])]
                  + [b.base + doiche.path_of(s) for s in DOICHE])


def stored(config: Path) -> list[str]:
    settings = load_settings(config)
    with ArticleStore(settings.store_path) as store:
        return sorted(s.article.url for s in store.all_articles())


def test_crawl_command_prints_a_summary_and_updates_the_index(config, sites):
    result = CliRunner().invoke(cli, ["--config", str(config), "crawl"])
    assert result.exit_code == 0, result.output
    assert "crawl finished" in result.output
    assert f"articles: {len(expected_urls(sites))} new" in result.output
    assert "index" in result.output.splitlines()[-1]
    assert stored(config) == expected_urls(sites)
    search = CliRunner().invoke(cli, ["--config", str(config), "search", "chè Shan tuyết", "--json"])
    assert search.exit_code == 0, search.output
    assert json.loads(search.output)["total"] >= 1


def test_crawl_command_options(config, sites):
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config), "crawl", "--source", "doiche", "--max-pages", "3",
                                 "--no-index"])
    assert result.exit_code == 0, result.output
    assert "crawl stopped at --max-pages: 3 pages" in result.output
    assert last_run(load_settings(config))["outcome"] == "max-pages"
    result = runner.invoke(cli, ["--config", str(config), "crawl", "--source", "doiche", "--no-index"])
    assert "crawl finished" in result.output
    assert len(stored(config)) == len(DOICHE)
    refresh = runner.invoke(cli, ["--config", str(config), "crawl", "--refresh", "--source", "doiche", "--no-index"])
    assert refresh.exit_code == 0 and f"{len(DOICHE)} not modified" in refresh.output
    again = runner.invoke(cli, ["--config", str(config), "crawl", "--reextract", "--no-index"])
    assert again.exit_code == 0, again.output
    assert f"re-extracted {len(DOICHE)} archived pages: 0 changed, {len(DOICHE)} unchanged" in again.output


@pytest.mark.parametrize("args, message", [
    (["--source", "vnexpres"], "unknown source 'vnexpres'; configured sources: doiche, songcau"),
    (["--max-pages", "0"], "Invalid value for '--max-pages'"),
    (["--reextract", "--refresh"], "--reextract works on the archive alone"),
])
def test_crawl_command_usage_errors_exit_2(config, args, message):
    result = CliRunner().invoke(cli, ["--config", str(config), "crawl", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_bad_source_in_config_is_reported_with_the_key(tmp_path, sites):
    a, b = sites
    tables = source_tables(a.base, b.base)
    tables[0]["follow"] = ["-(\\d+\\.html"]
    config = write_config(tmp_path / "config.toml", tables)
    result = CliRunner().invoke(cli, ["--config", str(config), "crawl"])
    assert result.exit_code == 2
    assert "[[sources]] #1.follow: '-(\\\\d+\\\\.html' is not a valid regular expression" in result.output


_started: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _reap_crawls():
    """Every crawl a test starts is killed (if still running), reaped and its pipes closed, also
    when the test fails halfway."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()


def run_khobao(config: Path, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "khobao", "--config", str(config), "crawl", "--no-index", "-q",
                             *args], cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **popen)
    _started.append(proc)
    return proc


def wait_for_articles(sites, count: int, proc: subprocess.Popen, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        served = sum(1 for site in sites for path in site.paths() if path.endswith((".html", ".htm")))
        if served >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"the crawl did not reach {count} pages: {proc.poll()} {proc.stderr.read()}")


def resume_and_check(config: Path, sites) -> None:
    before = {site: len(site.hits) for site in sites}
    proc = run_khobao(config)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "crawl finished" in out
    assert stored(config) == expected_urls(sites)  # nothing lost, nothing twice
    settings = load_settings(config)
    with Frontier(settings.frontier_path) as frontier:
        assert frontier.counts().get("active", 0) == 0 and frontier.counts().get("queued", 0) == 0
    assert sum(len(site.hits) for site in sites) > sum(before.values())


def test_a_crawl_killed_midway_resumes_without_losing_or_duplicating_articles(config, sites):
    for site in sites:
        site.min_delay = 0.05
    gate = threading.Event()
    hold_after(sites, 8, gate)
    proc = run_khobao(config)
    try:
        wait_for_articles(sites, 8, proc)
        proc.send_signal(signal.SIGKILL)
    finally:
        gate.set()
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    partial = stored(config)
    assert 0 < len(partial) < len(expected_urls(sites))
    assert last_run(load_settings(config))["outcome"] == "running"  # it never got to say otherwise
    for site in sites:
        site.min_delay = 0.0
    resume_and_check(config, sites)


def test_ctrl_c_stops_cleanly_and_the_next_crawl_resumes(tmp_path, sites):
    a, b = sites
    config = write_config(tmp_path / "config.toml", source_tables(a.base, b.base), workers=2)
    for site in sites:
        site.min_delay = 0.05
    gate = threading.Event()
    hold_after(sites, 8, gate)
    proc = run_khobao(config)
    try:
        wait_for_articles(sites, 8, proc)
        proc.send_signal(signal.SIGINT)
    finally:
        gate.set()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "crawl interrupted (run `khobao crawl` again to resume)" in out
    assert "Traceback" not in err
    assert last_run(load_settings(config))["outcome"] == "interrupted"
    for site in sites:
        site.min_delay = 0.0
    write_config(config, source_tables(a.base, b.base), workers=0)  # resume faster, without process start-up
    resume_and_check(config, sites)


def hold_after(sites, count: int, gate: threading.Event) -> None:
    """Pages past the first `count` .html ones wait (in the servers' threads) while `gate` is clear:
    a crawl cannot finish before the test has stopped it, however slow the machine."""
    served = itertools.count(1)
    for site in sites:
        def held(path, headers, respond=site.respond):
            if path.endswith((".html", ".htm")) and next(served) > count:
                gate.wait(timeout=120)
            return respond(path, headers)
        site.respond = held


def hold_requests(site, gate: threading.Event) -> None:
    """Requests to `site` wait (in the server's threads) while `gate` is clear."""
    respond = site.respond

    def held(path, headers):
        gate.wait(timeout=120)
        return respond(path, headers)
    site.respond = held


def test_a_second_crawl_on_the_same_data_directory_refuses_to_start(tmp_path, sites):
    a, b = sites
    config = write_config(tmp_path / "config.toml", source_tables(a.base, b.base), timeout=120.0)
    gate = threading.Event()
    gate.set()
    for site in sites:
        hold_requests(site, gate)
    first = run_khobao(config)
    started = [first]
    try:
        wait_for_articles(sites, 3, first)
        gate.clear()                             # the first crawl now waits on its next pages: it is running
        second = run_khobao(config, "--source", "doiche")
        started.append(second)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 1, err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and "Traceback" not in err, err
        assert f"another crawl is running on {config.parent / 'data'} (pid {first.pid} since " in lines[0]
        assert "khobao --config" in lines[0] and "crawl --no-index -q)" in lines[0]
        assert f"kill {first.pid}" in lines[0]
        reextract = subprocess.run([sys.executable, "-m", "khobao", "--config", str(config), "crawl", "--reextract",
                                    "--no-index"], cwd=config.parent, capture_output=True, text=True, timeout=60)
        assert reextract.returncode == 1 and f"pid {first.pid}" in reextract.stderr
        gate.set()
        out, err = first.communicate(timeout=120)
    finally:
        gate.set()
        for proc in started:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=30)
    assert first.returncode == 0, err
    for url in expected_urls(sites):             # every article fetched once: nobody else took its URL
        site = next(s for s in sites if url.startswith(s.base + "/"))
        assert sum(1 for hit in site.hits if site.base + hit.path == url) == 1, url
    assert stored(config) == expected_urls(sites)
    after = run_khobao(config)                   # the lock went with the first crawl
    out, err = after.communicate(timeout=120)
    assert after.returncode == 0 and "crawl finished" in out, err


def test_a_killed_crawl_leaves_no_lock_behind(config, sites):
    for site in sites:
        site.min_delay = 0.05
    first = run_khobao(config)
    wait_for_articles(sites, 3, first)
    first.kill()
    first.communicate(timeout=30)
    for site in sites:
        site.min_delay = 0.0
    resume_and_check(config, sites)


def test_the_crawl_lock_names_its_holder_and_is_free_again_after(tmp_path):
    from crawler.lock import crawl_lock

    with crawl_lock(tmp_path) as path:
        assert path.read_text(encoding="utf-8").startswith(f"pid {os.getpid()} since ")
        holder = subprocess.run([sys.executable, "-c", "import sys; from crawler.lock import crawl_lock\n"
                                 "with crawl_lock(sys.argv[1]): pass", str(tmp_path)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert holder.returncode == 1 and "CrawlLocked: another crawl is running" in holder.stderr
        assert f"kill {os.getpid()}" in holder.stderr
    assert path.read_text(encoding="utf-8") == ""
    with crawl_lock(tmp_path):                  # free again
        pass
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o555)
    try:
        if os.access(tmp_path / "ro", os.W_OK):  # root writes anywhere: nothing to check
            return
        with pytest.raises(RuntimeError, match="cannot open the crawl lock .*the data directory must be writable"):
            with crawl_lock(tmp_path / "ro"):
                pass
    finally:
        (tmp_path / "ro").chmod(0o755)
