"""`khobao search` and `khobao index`: the --json shape, the options, usage errors (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from khobao.cli import cli
from store import ArticleStore
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
    assert page["query"] == "ha noi" and page["total"] == 8 and page["suggestion"] == "hà nội"
    assert page["read_as"] == ["ha noi"] and page["apart"] == 1   # one article has "Hà" and "Nội" apart
    assert isinstance(page["took_ms"], float)
    assert set(page["facets"]) == {"year", "month", "day", "source"} and page["facets"]["day"] == {}   # days: within one month only
    assert sum(page["facets"]["year"].values()) == page["total"]
    assert all({"url", "title", "source", "published", "score", "snippet"} <= set(h) for h in page["hits"])
    hit = next(h for h in page["hits"] if h["url"].endswith("hanoi_adjacent.html"))
    assert hit["title"] == "Hà Nội khởi công đường vành đai bốn"
    assert datetime.fromisoformat(hit["published"]).utcoffset().total_seconds() == 7 * 3600
    assert "<mark>Hà Nội</mark>" in hit["snippet"]


def test_options(indexed):
    assert search_json(indexed, "hà nội", "--source", "baomau")["total"] == 2
    assert search_json(indexed, "hà nội", "--source", "baomau", "--source", "tinnhanh")["total"] == 3
    assert search_json(indexed, "hà nội", "--source", "baomau", "--source", "tinnhanh", "--loose")["total"] == 4
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


def test_query_notes_in_english_text_and_as_records(indexed):
    page = search_json(indexed, "ha noi source:")
    assert page["note"] == "'source:' needs a value; it was ignored."
    assert page["notes"] == [{"key": "field_needs_value", "values": {"field": "source"}}]
    plain = run(indexed, "search", "ha noi source:")
    assert plain.exit_code == 0 and "'source:' needs a value; it was ignored." in plain.output
    assert search_json(indexed, "ha noi")["notes"] == []


def test_a_query_may_start_with_a_dash(indexed):
    """`-word` excludes: the query "-covid thu tuong" is text, not an option, and `--` still works."""
    dashed = search_json(indexed, "-covid thu tuong")
    assert dashed["query"] == "-covid thu tuong"
    after_dashes = run(indexed, "search", "--json", "--", "-covid thu tuong")
    assert after_dashes.exit_code == 0
    assert dashed == {**json.loads(after_dashes.output), "took_ms": dashed["took_ms"]}
    with_covid = search_json(indexed, "thu tuong")
    assert 0 < dashed["total"] < with_covid["total"]
    assert not any(h["url"].endswith("thu_tuong_covid.html") for h in dashed["hits"])
    assert search_json(indexed, "-covid thu tuong", "--limit", "1")["per_page"] == 1
    assert search_json(indexed, "--limit=1", "-covid thu tuong")["per_page"] == 1
    assert search_json(indexed, "-hanoi")["query"] == "-hanoi"        # -h is help, -hanoi is not
    assert "Usage:" in run(indexed, "search", "-h").output
    long = run(indexed, "search", "--covid")
    assert long.exit_code == 2 and "khobao search -- '--covid'" in long.output


def khobao(data_dir: Path, *args, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `python -m khobao` with raw bytes as arguments, as a terminal would send them."""
    return subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args],
                          capture_output=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("encoding", ["", "utf-8"])   # "": the locale's choice; utf-8: strict, no escapes
def test_a_query_that_is_not_utf8(indexed, encoding):
    env = {"PYTHONIOENCODING": encoding} if encoding else {}
    for raw in (b"\xff\xfe ha noi", b"ha \xed\xa0\x80 noi"):
        done = khobao(indexed, b"search", raw, b"--json", env=env)
        assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr[-500:]
        page = json.loads(done.stdout.decode("utf-8"))     # strict: valid UTF-8 or this raises
        assert "\ufffd" in page["query"] and "ha noi" in page["query"].replace("\ufffd", "").replace("  ", " ")
        assert page["total"] == search_json(indexed, "ha noi")["total"]
        assert b"not valid UTF-8" in done.stderr
    plain = khobao(indexed, b"search", b"\xff ha noi", env=env)
    assert plain.returncode == 0 and b"Traceback" not in plain.stderr, plain.stderr[-500:]
    assert "hà nội" in plain.stdout.decode("utf-8")


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
    assert search_json(indexed, "ha noi")["total"] == 8
