"""`khobao search` and `khobao index`: the --json shape, the options, usage errors (exit 2)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from crawler.store import ArticleStore
from khobao.cli import cli
from tests.vn_articles import ARTICLES, article, filler


def run(data_dir, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        store.upsert_many([article(k) for k in ARTICLES] + filler(25))
    result = run(data_dir, "index")
    assert result.exit_code == 0, result.output
    assert "43 articles in the index" in result.output
    return data_dir


def search_json(data_dir, *args) -> dict:
    result = run(data_dir, "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_shape(indexed):
    page = search_json(indexed, "ha noi")
    assert {"query", "total", "took_ms", "hits", "facets", "suggestion"} <= set(page)
    assert page["query"] == "ha noi" and page["total"] == 9 and page["suggestion"] == "hà nội"
    assert isinstance(page["took_ms"], float)
    assert set(page["facets"]) == {"year", "month", "source"}
    assert sum(page["facets"]["year"].values()) == page["total"]
    assert all({"url", "title", "source", "published", "score", "snippet"} <= set(h) for h in page["hits"])
    hit = next(h for h in page["hits"] if h["url"].endswith("hanoi_adjacent.html"))
    assert hit["title"] == "Hà Nội khởi công đường vành đai bốn"
    assert datetime.fromisoformat(hit["published"]).utcoffset().total_seconds() == 7 * 3600
    assert "<mark>Hà Nội</mark>" in hit["snippet"]


def test_options(indexed):
    assert search_json(indexed, "hà nội", "--source", "baomau")["total"] == 2
    assert search_json(indexed, "hà nội", "--source", "baomau", "--source", "tinnhanh")["total"] == 4
    assert search_json(indexed, "kinh", "--from", "2021-01-01")["total"] == 1
    assert search_json(indexed, "kinh", "--to", "2020-12-31")["total"] == 1
    assert search_json(indexed, "kinh", "--from", "2020-12-31", "--to", "2021-01-01")["total"] == 2
    newest = search_json(indexed, "đà nẵng", "--sort", "newest", "--limit", "25")["hits"]
    stamps = [h["published"] for h in newest]
    assert [datetime.fromisoformat(s) for s in stamps] == sorted((datetime.fromisoformat(s) for s in stamps),
                                                                  reverse=True)
    page3 = search_json(indexed, "đà nẵng", "--limit", "10", "--page", "3")
    assert page3["total"] == 25 and len(page3["hits"]) == 5
    everything = search_json(indexed, "đà nẵng", "--limit", "25")["hits"]
    assert [h["url"] for h in page3["hits"]] == [h["url"] for h in everything[20:]]


def test_plain_output(indexed):
    result = run(indexed, "search", "lạng sơn")
    assert result.exit_code == 0
    assert "2 results" in result.output and "Lạng Sơn mở lại cửa khẩu" in result.output
    assert "<mark>" not in result.output


def test_hostile_query_on_the_command_line(indexed):
    page = search_json(indexed, '"unbalanced AND (')
    assert page["total"] >= 0 and page["note"]


@pytest.mark.parametrize("args, message", [
    (["--sort", "best"], "--sort"),
    (["--from", "2021-13-01"], "--from"),
    (["--from", "01/02/2021"], "--from"),
    (["--to", "tomorrow"], "--to"),
    (["--limit", "0"], "--limit"),
    (["--page", "0"], "--page"),
    (["--from", "2021-02-01", "--to", "2021-01-01"], "--from is after --to"),
    (["--bogus"], "--bogus"),
])
def test_usage_errors_exit_2(indexed, args, message):
    result = run(indexed, "search", "hà nội", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_query_is_a_usage_error(indexed):
    assert run(indexed, "search").exit_code == 2


def test_no_index_is_one_clear_line(tmp_path):
    result = run(tmp_path / "empty", "search", "hà nội")
    assert result.exit_code == 1
    assert "no index" in result.output and "khobao index" in result.output
    assert "Traceback" not in result.output
    result = run(tmp_path / "empty", "index")
    assert result.exit_code == 1 and "no article store" in result.output


def test_index_rebuild_command(indexed):
    result = run(indexed, "index", "--rebuild")
    assert result.exit_code == 0 and "index rebuilt: 43 added" in result.output
    assert search_json(indexed, "ha noi")["total"] == 9
