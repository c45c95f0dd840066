"""Out-of-range publication dates (issue 9, point 1): a "no date" placeholder such as 0001-01-01, or
9999-12-31T23:59:59-12:00, is stored as no date with a warning at import, and never breaks the index,
even when a store written before this rule already holds one."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from indexer import open_engine
from indexer.api import SearchRequest
from indexer.schema import document
from indexer.settings import IndexSettings
from khobao.cli import cli
from khobao.importing import import_jsonl
from store import Article, ArticleStore, in_archive_range

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLACEHOLDERS = [
    datetime(1, 1, 1, tzinfo=HCM),                                      # underflows in UTC
    datetime(1, 1, 1, tzinfo=timezone.utc),                             # converts, but no news is that old
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-12))),  # overflows in UTC
    datetime(9999, 12, 31, tzinfo=timezone.utc),
    datetime(1599, 12, 31, 23, 0, tzinfo=timezone.utc),
    datetime(2201, 1, 1, tzinfo=timezone.utc),
]


@pytest.mark.parametrize("when", PLACEHOLDERS, ids=str)
def test_placeholder_dates_are_out_of_range(when):
    assert not in_archive_range(when)


@pytest.mark.parametrize("when", [datetime(1600, 1, 1, tzinfo=HCM),
                                  datetime(2200, 12, 31, 23, tzinfo=timezone(-timedelta(hours=12))),
                                  datetime(1865, 4, 15, tzinfo=HCM),
                                  datetime(2021, 3, 5, 8, 15, tzinfo=HCM), datetime(2200, 12, 31, tzinfo=HCM)],
                         ids=str)
def test_archive_dates_are_in_range(when):
    assert in_archive_range(when)


@pytest.mark.parametrize("when", PLACEHOLDERS, ids=str)
def test_index_document_of_an_out_of_range_date_is_undated(when):
    dated = Article(url="https://tinmau.vn/a.html", title="Tin không ngày", body="Nội dung.", published=when)
    assert document(7, dated) == document(7, dated.replace(published=None))  # exactly as if undated
    assert document(7, dated)["day"] == 0 and "published_iso" not in document(7, dated)


def test_a_store_that_already_holds_placeholder_dates_indexes_fine(tmp_path):
    """A store written before the range rule (its dates went in unchecked) must still index."""
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        for number, when in enumerate(PLACEHOLDERS):
            store.upsert(Article(url=f"https://tinmau.vn/cu-{number}.html", title=f"Tin cũ số {number}",
                                 body="Lưu trữ báo giấy cũ.", published=when))
        store.upsert(Article(url="https://tinmau.vn/moi.html", title="Tin mới", body="Lưu trữ báo giấy mới.",
                             published=datetime(2021, 3, 5, 8, 15, tzinfo=HCM)))
        first = open_engine(tmp_path / "index", IndexSettings(procs=1)).update(store)
        assert first.total == len(PLACEHOLDERS) + 1
        store.upsert(Article(url="https://tinmau.vn/sau.html", title="Tin sau", body="Lưu trữ báo giấy sau.",
                             published=datetime(2021, 3, 6, tzinfo=HCM)))
        again = open_engine(tmp_path / "index", IndexSettings(procs=1)).update(store)  # catch-up keeps working
        assert (again.added, again.total) == (1, len(PLACEHOLDERS) + 2)
        first, last = store.date_range()  # what status and the welcome page show: placeholders left out
        assert (first[:10], last[:10]) == ("2021-03-05", "2021-03-06")
    searcher = open_engine(tmp_path / "index")
    try:
        page = searcher.search(SearchRequest("lưu trữ", per_page=50, sort="newest"))
        assert page.total == len(PLACEHOLDERS) + 2
    finally:
        searcher.close()


def test_import_stores_placeholder_dates_as_no_date_with_a_warning(tmp_path):
    lines = [json.dumps({"url": "https://tinmau.vn/a.html", "title": "Tin A", "date": "0001-01-01"}),
             json.dumps({"url": "https://tinmau.vn/b.html", "title": "Tin B", "date": "2021-03-05"}),
             json.dumps({"url": "https://tinmau.vn/c.html", "title": "Tin C",
                         "published": "9999-12-31T23:59:59-12:00"})]
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        summary = import_jsonl(lines, store, HCM)
        assert (summary.new, summary.bad, summary.warned) == (3, 0, 2)
        assert [number for number, _ in summary.warnings] == [1, 3]
        assert "0001-01-01" in summary.warnings[0][1] and "no date" in summary.warnings[0][1]
        assert store.get_by_url("https://tinmau.vn/a.html").article.published is None
        assert store.get_by_url("https://tinmau.vn/c.html").article.published is None
        assert store.get_by_url("https://tinmau.vn/b.html").article.published.year == 2021


def test_cli_import_reports_the_warning_and_builds_the_index(tmp_path, data_dir):
    source = tmp_path / "old.jsonl"
    source.write_text("\n".join([
        json.dumps({"url": "https://tinmau.vn/a.html", "title": "Tin A", "body": "Báo xưa.", "date": "0001-01-01"}),
        json.dumps({"url": "https://tinmau.vn/b.html", "title": "Tin B", "body": "Báo nay.", "date": "2021-03-05"}),
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "import", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "(line 1): date '0001-01-01'" in result.output and "stored with no date" in result.output
    assert "2 new" in result.output and "1 imported with a warning" in result.output
    assert "2 articles in the index" in result.output
