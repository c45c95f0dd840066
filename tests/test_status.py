"""`khobao status`: plain data from collect_status, and the command's text and JSON, on real stores and indexes."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from crawler.settings import Source
from indexer import open_engine
from indexer.generations import live_dir
from indexer.settings import IndexSettings
from khobao.cli import cli
from khobao.commands.status import collect_status, describe_crawl
from khobao.config import load_settings
from store import Article, ArticleStore

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def article(n: int, source: str, year: int) -> Article:
    return Article(url=f"https://{source}.example.vn/bai-{n}.html", source=source,
                   title=f"Tin thứ {n} về Lạng Sơn", body="Nội dung bài báo về kinh tế cửa khẩu. " * 8,
                   published=datetime(year, 3, 5, 8, 30, tzinfo=HANOI))


def test_an_empty_data_dir_is_reported_and_not_created(tmp_path, settings):
    settings = dataclasses.replace(settings, data_dir=tmp_path / "none-yet")
    status = collect_status(settings)
    assert status["articles"] == 0 and status["sources"] == {}
    assert status["last_crawl"] is None and describe_crawl(None) == "never"
    assert status["index"]["exists"] is False
    assert not (tmp_path / "none-yet").exists()


def test_sources_dates_and_index_lag(settings):
    settings = dataclasses.replace(settings, sources=(Source(name="bientin", label="Báo Biên Tin"),
                                                      Source(name="chuaco", label="Chưa có bài")))
    with ArticleStore(settings.store_path) as store:
        store.upsert_many([article(1, "bientin", 2017), article(2, "bientin", 2023), article(3, "khac", 2020)])
        with open_engine(settings.index_dir, settings.index) as engine:
            engine.update(store)
        store.upsert(article(4, "bientin", 2024))
        store.delete("https://khac.example.vn/bai-3.html")
    status = collect_status(settings)
    assert status["articles"] == 3
    assert status["sources"]["bientin"] == {"label": "Báo Biên Tin", "articles": 3,
                                            "first_published": "2017-03-05T08:30:00+07:00",
                                            "last_published": "2024-03-05T08:30:00+07:00"}
    assert status["sources"]["chuaco"]["articles"] == 0          # configured, nothing yet
    assert "khac" not in status["sources"] or status["sources"]["khac"]["articles"] == 0
    index = status["index"]
    assert index["exists"] and index["articles"] == 3 and index["bytes"] > 0
    assert index["behind"] == 2                                   # one new article, one deletion
    with ArticleStore(settings.store_path) as store:
        with open_engine(settings.index_dir, settings.index) as engine:
            engine.update(store)
    assert collect_status(settings)["index"]["behind"] == 0


def test_a_source_only_the_store_knows_shows_its_remembered_label(settings):
    with ArticleStore(settings.store_path) as store:
        store.remember_sources({"ducanh": "Báo Đức Anh"})
        store.upsert(article(1, "ducanh", 2022))
    assert collect_status(settings)["sources"]["ducanh"]["label"] == "Báo Đức Anh"


def test_describe_crawl():
    run = {"started_at": "2024-05-06T07:00:00+00:00", "ended_at": "2024-05-06T07:05:00+00:00",
           "outcome": "interrupted", "sources": ["bientin"], "refresh": True,
           "counts": {"visited": 40, "new": 12, "changed": 1, "errors": {"timeout": 2, "HTTP 500": 1}}}
    assert describe_crawl(run) == ("2024-05-06 07:05 UTC, refresh of bientin: interrupted "
                                   "(40 pages, 12 new, 1 changed, 3 errors)")


def test_the_command_prints_text_and_json(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('data_dir = "data"\n[[sources]]\nname = "bientin"\nlabel = "Báo Biên Tin"\n', encoding="utf-8")
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert(article(1, "bientin", 2019))
    runner = CliRunner()
    text = runner.invoke(cli, ["--config", str(config), "status"])
    assert text.exit_code == 0, text.output
    assert "articles: 1, published 05/03/2019 to 05/03/2019" in text.output
    assert "bientin" in text.output and "Báo Biên Tin" in text.output
    assert "last crawl: never" in text.output
    assert "index: none yet; 1 article waiting (run `khobao index`)" in text.output
    as_json = runner.invoke(cli, ["--config", str(config), "status", "--json"])
    data = json.loads(as_json.output)
    assert data["sources"]["bientin"]["articles"] == 1 and data["index"]["behind"] == 1


def _status_text(tmp_path) -> str:
    config = tmp_path / "config.toml"
    config.write_text('data_dir = "data"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "status"])
    assert result.exit_code == 0 and result.exception is None, result.output
    return result.output


def test_an_index_without_documents_is_zero_articles(tmp_path):
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:   # e.g. every crawled page rejected
        with open_engine(tmp_path / "data" / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    assert "index: 0 articles, " in _status_text(tmp_path)


def test_a_damaged_index_is_one_line_with_the_fix(tmp_path):
    index_dir = tmp_path / "data" / "index"
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert(article(1, "bientin", 2019))
        with open_engine(index_dir, IndexSettings(procs=1)) as engine:
            engine.update(store)
    (toc,) = live_dir(index_dir).glob("*.toc")
    toc.write_bytes(toc.read_bytes()[:40])
    lines = [line for line in _status_text(tmp_path).splitlines() if line.startswith("index:")]
    assert lines == [f"index: the index in {index_dir} is damaged ({lines[0].split('(', 1)[1].split(')')[0]}); "
                     "rebuild it with `khobao index --rebuild`"]
    assert "Unpickling" in lines[0] or "Error" in lines[0]


def test_leftovers_of_a_killed_run_are_listed_with_their_size_and_fate(tmp_path):
    index_dir = tmp_path / "data" / "index"
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        store.upsert(article(1, "bientin", 2019))
        with open_engine(index_dir, IndexSettings(procs=1)) as engine:
            engine.update(store)
    (tmp_path / "data" / "index.old-1a2b3c4d").mkdir()
    (tmp_path / "data" / "index.old-1a2b3c4d" / "MAIN_x.pst").write_bytes(b"\0" * 3000)
    text = _status_text(tmp_path)
    assert "index: 1 articles, " in text
    assert ("  left by an interrupted run: index.old-1a2b3c4d (2.9 KB): will be removed by the next "
            "`khobao index` (or import, crawl)") in text
    data = collect_status(load_settings(path=tmp_path / "config.toml"))["index"]["leftovers"]
    assert [(Path(f["path"]).name, f["bytes"], f["action"]) for f in data] == [("index.old-1a2b3c4d", 3000, "remove")]


def test_a_running_crawl_is_named_and_gone_once_it_ends(tmp_path):
    import os

    from crawler.lock import crawl_lock

    (tmp_path / "data").mkdir()
    with crawl_lock(tmp_path / "data"):
        assert f"crawl running: pid {os.getpid()} since " in _status_text(tmp_path)
    assert "crawl running" not in _status_text(tmp_path)
