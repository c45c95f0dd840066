"""The web UI over time: an index that appears and grows under a running app, and `khobao serve`."""

from __future__ import annotations

import http.client
import os
import queue
import re
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from indexer import open_engine
from indexer.settings import IndexSettings
from store import Article, ArticleStore
from webui import create_app
from webui.server import BackgroundServer

HANOI = timezone(timedelta(hours=7))
ROOT = Path(__file__).resolve().parent.parent


def story(n: int, title: str) -> Article:
    return Article(url=f"https://baomau.example.vn/tin-{n}.html", source="baomau", title=title,
                   body=f"{title}. Tin do phóng viên thường trú gửi về.", published=datetime(2023, 4, n, 9, tzinfo=HANOI))


def index(store_path: Path, index_dir: Path, articles, *, rebuild=False) -> None:
    with ArticleStore(store_path) as store:
        store.upsert_many(articles)
        with open_engine(index_dir, IndexSettings(procs=1)) as engine:
            engine.rebuild(store) if rebuild else engine.update(store)


@pytest.fixture
def make_app():
    """create_app(...), its archive (searcher, store connections) closed after the test even when it fails."""
    apps = []

    def make(**kw):
        apps.append(create_app(**kw))
        return apps[-1]

    yield make
    for app in apps:
        app.extensions["khobao.archive"].close()


def total(client, query: str) -> int:
    return client.get("/api/search", query_string={"q": query}).get_json()["total"]


def test_a_running_app_sees_the_index_appear_grow_and_be_rebuilt(tmp_path, make_app):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    app = make_app(store_path=store_path, index_dir=index_dir, test_config={"REFRESH_INTERVAL": 0})
    client = app.test_client()
    home = client.get("/")
    assert home.status_code == 200 and "0 bài báo" in home.get_data(as_text=True)
    empty = client.get("/?q=lua+gao")
    assert empty.status_code == 503 and "khobao index" in empty.get_data(as_text=True)
    assert client.get("/api/search?q=lua").status_code == 503
    assert client.get("/article/1").status_code == 404

    index(store_path, index_dir, [story(1, "Giá lúa gạo tăng mạnh"), story(2, "Mùa nước nổi về sớm")])
    assert total(client, "lua gao") == 1
    index(store_path, index_dir, [story(3, "Nông dân bán lúa gạo được giá")])
    assert total(client, "lua gao") == 2
    index(store_path, index_dir, [story(4, "Xuất khẩu lúa gạo kỷ lục")], rebuild=True)
    assert total(client, "lua gao") == 3
    assert client.get("/article/3").status_code == 200


def test_refresh_is_throttled_to_the_configured_interval(tmp_path, make_app):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    index(store_path, index_dir, [story(1, "Giá lúa gạo tăng mạnh")])
    app = make_app(store_path=store_path, index_dir=index_dir, test_config={"REFRESH_INTERVAL": 3600})
    client = app.test_client()
    assert total(client, "lua gao") == 1
    index(store_path, index_dir, [story(2, "Nông dân bán lúa gạo được giá")])
    assert total(client, "lua gao") == 1          # not looked at again within the interval
    app.extensions["khobao.archive"]._next_check = 0
    assert total(client, "lua gao") == 2


def test_background_server_serves_real_http(tmp_path, make_app):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    index(store_path, index_dir, [story(1, "Giá lúa gạo tăng mạnh")])
    app = make_app(store_path=store_path, index_dir=index_dir)
    with BackgroundServer(app) as url:
        response = httpx.get(url, params={"q": "lúa gạo"}, timeout=30)
        assert response.status_code == 200 and 'data-total="1"' in response.text
        assert response.headers["server"] == "khobao"


def test_stopping_a_background_server_closes_its_open_keep_alive_connections(tmp_path, make_app):
    server = BackgroundServer(make_app(store_path=tmp_path / "articles.sqlite3", index_dir=tmp_path / "index"))
    client = http.client.HTTPConnection("127.0.0.1", int(server.url.rstrip("/").rsplit(":", 1)[1]), timeout=10)
    try:
        with server:
            client.request("GET", "/help")
            response = client.getresponse()
            assert response.status == 200 and response.read() and not response.will_close   # kept alive
        assert client.sock.recv(1) == b""           # the server's end is closed, not left to the garbage collector
    finally:
        client.close()


@contextmanager
def khobao(*args, data_dir: Path):
    """`python -m khobao --data-dir DATA_DIR ARGS` as a real process; stopped (SIGTERM, then SIGKILL) and reaped
    when the block ends. `.stopped` holds (returncode, stdout, stderr) afterwards."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate(timeout=30)
        process.stopped = (process.returncode, out, err)


def first_line(process: subprocess.Popen, timeout: float = 60) -> str:
    """The first line the process prints, or a failure after `timeout` seconds instead of a hung test."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"no line from {process.args} within {timeout} s") from None


def test_khobao_serve_prints_its_address_and_serves(tmp_path):
    index(tmp_path / "articles.sqlite3", tmp_path / "index", [story(1, "Giá lúa gạo tăng mạnh")])
    with khobao("serve", "--host", "127.0.0.1", "--port", "0", data_dir=tmp_path) as process:
        line = first_line(process)
        match = re.search(r"khobao: serving .* at (http://127\.0\.0\.1:\d+/)", line)
        assert match, line
        response = httpx.get(match.group(1) + "api/search", params={"q": "lua gao"}, timeout=30)
        assert response.json()["total"] == 1


def test_khobao_serve_on_a_taken_port_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with khobao("serve", "--port", str(port), data_dir=tmp_path) as process:
            process.wait(timeout=60)
    returncode, out, err = process.stopped
    assert returncode == 1
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("note:")]
    assert lines == [f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_khobao_serve_bad_port_is_a_usage_error(tmp_path):
    with khobao("serve", "--port", "70000", data_dir=tmp_path) as process:
        process.wait(timeout=60)
    returncode, out, err = process.stopped
    assert returncode == 2 and "70000" in err and "Traceback" not in err


def test_khobao_serve_with_worker_processes_shares_the_port_and_stops_them_all(tmp_path):
    index(tmp_path / "articles.sqlite3", tmp_path / "index", [story(1, "Giá lúa gạo tăng mạnh")])
    with khobao("serve", "--port", "0", "--workers", "2", data_dir=tmp_path) as process:
        line = first_line(process)
        match = re.search(r"at (http://127\.0\.0\.1:(\d+)/)\s+\(2 processes", line)
        assert match, line
        for _ in range(6):                          # new connections, served by whichever worker accepts
            with httpx.Client(timeout=30) as client:
                assert client.get(match.group(1) + "api/search", params={"q": "lua gao"}).json()["total"] == 1
    returncode, out, err = process.stopped
    assert returncode == 0 and "stopped" in out
    with pytest.raises(httpx.ConnectError):         # no worker is left holding the port
        httpx.get(match.group(1), timeout=5)


def test_repeated_searches_come_from_the_cache_until_the_index_changes(tmp_path, make_app):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    index(store_path, index_dir, [story(1, "Giá lúa gạo tăng mạnh")])
    app = make_app(store_path=store_path, index_dir=index_dir, test_config={"REFRESH_INTERVAL": 0})
    archive = app.extensions["khobao.archive"]
    client = app.test_client()
    first = client.get("/api/search?q=lua+gao").get_json()
    assert len(archive._cache) == 1
    assert client.get("/api/search?q=lua+gao").get_json()["hits"] == first["hits"]
    assert len(archive._cache) == 1
    client.get("/export.jsonl?q=lua+gao").get_data()
    assert len(archive._cache) == 1          # its count is read from the cached page; its batches pass by
    client.get("/export.jsonl?q=gia+lua").get_data()
    assert len(archive._cache) == 2          # a new search's count (counts only), not its batches of hits
    index(store_path, index_dir, [story(2, "Nông dân bán lúa gạo được giá")])
    assert total(client, "lua gao") == 2 and len(archive._cache) == 1


def test_a_long_source_list_folds_after_twelve(tmp_path, make_app):
    store_path, index_dir = tmp_path / "articles.sqlite3", tmp_path / "index"
    articles = [Article(url=f"https://nguon{n}.example.vn/tin.html", source=f"nguon{n:02d}", title="Giá lúa gạo tăng",
                        body="Giá lúa gạo tăng.", published=datetime(2023, 4, 1, 9, tzinfo=HANOI)) for n in range(15)]
    index(store_path, index_dir, articles)
    app = make_app(store_path=store_path, index_dir=index_dir)
    html = app.test_client().get("/?q=lua+gao").get_data(as_text=True)
    visible, folded = html.split('<details class="more-sources">', 1)
    assert visible.count('class="check"') == 12
    assert "<summary>Thêm 3 nguồn</summary>" in folded and folded.split("</details>")[0].count('class="check"') == 3
