"""Guards for promises no other test held: each test here failed with the feature broken on purpose
(issue 9, point 12): a store that never rolls back, an error page that leaks a traceback with status
200, a full build that never runs in parallel, progress reported only at the end, a WARC import that
stops after a few articles, `extract --jobs` that cleans in one process."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from whoosh import index as whoosh_index

from crawler.settings import Source
from indexer.index import PARALLEL_MIN_ARTICLES, PROGRESS_EVERY, update_index
from indexer.settings import IndexSettings
from khobao.demo.sites import make_sites
from khobao.extracting import BATCH as EXTRACT_BATCH
from khobao.importing import BATCH as IMPORT_BATCH
from khobao.importing import import_jsonl
from khobao.warc_import import import_warc
from store import ArticleStore
from vn_articles import filler
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent


def khobao(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khobao", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, stdin=kw.pop("stdin", subprocess.DEVNULL), **kw)


# -- the store: a batch goes in whole or not at all ------------------------------------------------


def test_an_error_in_the_middle_of_a_batch_leaves_nothing_of_it(tmp_path):
    path = tmp_path / "articles.sqlite3"

    def batch_that_breaks():
        yield from filler(3, start=10)
        raise OSError("the input file went away")

    with ArticleStore(path) as store:
        store.upsert_many(filler(2))
        with pytest.raises(OSError, match="went away"):
            store.upsert_many(batch_that_breaks())
        assert store.count() == 2 and store.get_by_url(filler(1, start=10)[0].url) is None
        assert [r.status for r in store.upsert_many(filler(1, start=20))] == ["new"]   # and it writes again
    with ArticleStore(path) as again:
        assert again.count() == 3


# -- the web UI: an internal error is a 500 and a friendly page ------------------------------------


def test_an_internal_error_is_a_500_with_a_friendly_page_and_no_traceback(tmp_path):
    app = create_app(store_path=tmp_path / "articles.sqlite3", index_dir=tmp_path / "index")

    def broken_view():
        raise ZeroDivisionError("bí mật nội bộ: division by zero")

    app.add_url_rule("/hong", "broken_page", broken_view)          # a view with a bug: the outside fault here
    app.add_url_rule("/api/hong", "broken_api", broken_view)
    try:
        client = app.test_client()
        page = client.get("/hong")
        html = page.get_data(as_text=True)
        assert page.status_code == 500 and page.mimetype == "text/html"
        assert "Máy chủ gặp sự cố" in html
        api = client.get("/api/hong")
        assert api.status_code == 500 and api.get_json()["status"] == 500 and set(api.get_json()) == {"error", "status"}
        assert api.get_json()["error"].startswith("Máy chủ gặp sự cố")
        for text in (html, api.get_data(as_text=True)):
            assert "Traceback" not in text and "ZeroDivisionError" not in text and "bí mật" not in text
            assert "broken_view" not in text and ".py" not in text
    finally:
        app.extensions["khobao.archive"].close()


# -- the index: a full build of a big store runs in [index] procs processes -------------------------


@pytest.mark.parametrize("procs", [1, 2])
def test_a_full_build_writes_one_segment_per_configured_process(tmp_path, procs):
    config = tmp_path / "config.toml"
    config.write_text(f"[index]\nprocs = {procs}\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        store.upsert_many(filler(PARALLEL_MIN_ARTICLES))
    result = khobao("--config", config, "--data-dir", data_dir, "index", "--rebuild")
    assert result.returncode == 0, result.stderr
    assert f"{PARALLEL_MIN_ARTICLES} articles in the index" in result.stdout
    ix = whoosh_index.open_dir(str(data_dir / "index"))
    try:
        segments = ix._segments()
        assert len(segments) == procs                               # one per writer process
        assert sum(s.doc_count() for s in segments) == PARALLEL_MIN_ARTICLES
    finally:
        ix.close()


# -- progress: reported while the work runs, not only at its end -----------------------------------


def increasing_until(seen: list, final) -> None:
    """Several reports before the last, each further on than the one before, the last being `final`."""
    assert seen[-1] == final
    assert len(seen) >= 3, seen
    assert all(a < b for a, b in zip(seen, seen[1:-1])), seen
    assert all(x <= final for x in seen)


def test_an_import_reports_progress_batch_by_batch(tmp_path):
    lines = [json.dumps({"url": a.url, "title": a.title, "body": a.body, "source": a.source}, ensure_ascii=False)
             for a in filler(3 * IMPORT_BATCH + 10)]
    seen = []
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        summary = import_jsonl(lines, store, timezone.utc, progress=seen.append)
        assert summary.new == len(lines) == store.count()
    increasing_until(seen, len(lines))


def test_a_full_build_and_a_catch_up_report_progress_as_they_go(tmp_path):
    count = 4 * PROGRESS_EVERY + 10
    assert count < PARALLEL_MIN_ARTICLES                                  # built here, in this process
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        store.upsert_many(filler(count))
        seen = []
        update_index(store, tmp_path / "index", IndexSettings(procs=1), rebuild=True,
                     progress=lambda done, total: seen.append((done, total)))
        increasing_until(seen, (count, count))
        store.upsert_many(filler(count, start=count))
        seen = []
        report = update_index(store, tmp_path / "index", IndexSettings(procs=1),
                              progress=lambda done, total: seen.append((done, total)))
        assert not report.rebuilt and report.added == count
        increasing_until(seen, (count, count))


# -- WARC import: every article of the file goes in ------------------------------------------------


def test_a_warc_import_stores_every_article_and_reports_progress(tmp_path):
    site = make_sites()["nhipsong"]
    base = "https://www.nhipsong.example.vn"
    articles = site.articles[:12]
    path = tmp_path / "capture.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for article in articles:
            url = base + site.article_path(article)
            page = site.page(site.article_path(article), base)
            for _ in range(8):                                       # what wget also stores: requests
                writer.write_record(writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), length=0,
                    http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.nhipsong.example.vn")],
                                                  is_http_request=True)))
            headers = StatusAndHeaders("200 OK", [("Content-Type", page.content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.body),
                                                          length=len(page.body), http_headers=headers))
    seen = []
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        summary = import_warc([path], store, (Source(name="nhipsong", domains=("nhipsong.example.vn",)),),
                              progress=lambda done, total: seen.append((done, total)))
        assert summary.new == len(articles) == store.count()
        assert {store.get_by_url(base + site.article_path(a)).article.title for a in articles} == \
            {a.title for a in articles}
    size = path.stat().st_size
    increasing_until(seen, (size, size))


# -- extract --jobs N: the pages are cleaned in N processes at once --------------------------------


PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>Sáng nay, bà con xã Tân Lập họp bàn việc làm đường bê tông liên thôn, mỗi hộ góp ngày công "
        "và một phần kinh phí, phần còn lại do ngân sách huyện hỗ trợ.</p>"
        "<p>Công trình dự kiến khởi công sau Tết và hoàn thành trước mùa mưa năm sau.</p></article></body></html>")


def test_extract_jobs_cleans_two_batches_at_the_same_time(tmp_path):
    """Two request lines point at named pipes, in different batches. Opening a pipe for reading waits
    for a writer, so the page of the first can only be written once BOTH are being read: by two
    processes at once. Cleaning in one process would read one pipe and wait on it forever."""
    pipes = [tmp_path / "trang-a.fifo", tmp_path / "trang-b.fifo"]
    for pipe in pipes:
        os.mkfifo(pipe)
    requests = []
    for n in range(2 * EXTRACT_BATCH):
        url = f"https://tin.example.vn/bai-{n}.html"
        if n % EXTRACT_BATCH == 0:                # the first line of each batch
            requests.append({"url": url, "file": str(pipes[n // EXTRACT_BATCH])})
        else:
            requests.append({"url": url, "html": PAGE.format(title=f"Làm đường liên thôn số {n}")})
    (tmp_path / "requests.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests),
                                             encoding="utf-8")
    with (tmp_path / "requests.jsonl").open("rb") as stdin, (tmp_path / "out.jsonl").open("wb") as stdout, \
            (tmp_path / "err.txt").open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "khobao", "--config", ROOT / "tests" / "empty-config.toml",
                                    "--data-dir", tmp_path, "extract", "-", "--jobs", "2"], cwd=ROOT,
                                   stdin=stdin, stdout=stdout, stderr=stderr, start_new_session=True)
    writers = []
    try:
        for pipe in pipes:
            writer = open_when_read(pipe, process, limit=60)
            if writer is None:
                break
            writers.append((pipe, writer))
        for pipe, writer in writers:              # the pages: the processes waiting on them go on
            with writer:
                writer.write(PAGE.format(title=f"Trang {pipe.stem}").encode("utf-8"))
        if len(writers) == len(pipes):
            process.wait(timeout=120)
    finally:
        if process.poll() is None:                # with its worker processes, which may wait on a pipe
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert len(writers) == len(pipes), "the second pipe was never opened while the first waited: one process " \
                                       "did all the work"
    assert process.returncode == 0, (tmp_path / "err.txt").read_text()
    answers = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["url"] for a in answers] == [r["url"] for r in requests]
    assert all("title" in a for a in answers), [a for a in answers if "title" not in a][:2]


def open_when_read(pipe: Path, process: subprocess.Popen, limit: float):
    """The pipe's writing end once some process has it open for reading, or None after `limit` seconds.

    (A non-blocking open for writing fails with ENXIO while nobody reads; it is kept open, since
    closing it would give the reader an empty page.)"""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)
        return os.fdopen(fd, "wb")
    return None
