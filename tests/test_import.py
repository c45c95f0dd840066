"""`khobao import`: JSON Lines (plain, gzip'd, stdin) into the store and the index."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from khobao.cli import cli
from khobao.importing import import_jsonl, parse_line
from store import ArticleStore

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

GOOD = [
    {"url": "https://tinmau.vn/thoi-su/ha-noi-mo-duong.html", "title": "Hà Nội mở đường vành đai",
     "body": "Thành phố Hà Nội khởi công tuyến đường mới.", "published": "2021-03-05T08:15:00+07:00",
     "source": "tinmau", "author": "Minh Anh", "section": "Thời sự"},
    {"url": "https://tinmau.vn/kinh-te/tang-truong.html", "title": "Kinh tế phục hồi",
     "text": "Nền kinh tế tăng trưởng trở lại.", "date": "2021-01-01", "source": "tinmau"},
    {"url": "https://baokhac.vn/a/1", "title": "Đêm giao thừa", "body": "Pháo hoa ở Đà Nẵng.",
     "date": "2021-01-01T00:30:00", "source": "baokhac"},
]


def lines(*records) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else r for r in records]


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        yield store


def test_good_lines_go_in_with_local_dates(store):
    summary = import_jsonl(lines(*GOOD), store, HCM)
    assert (summary.lines, summary.new, summary.bad) == (3, 3, 0)
    first = store.get_by_url(GOOD[0]["url"]).article
    assert first.author == "Minh Anh" and first.section == "Thời sự" and first.source == "tinmau"
    assert first.published == datetime(2021, 3, 5, 8, 15, tzinfo=timezone(timedelta(hours=7)))
    second = store.get_by_url(GOOD[1]["url"]).article
    assert second.body == "Nền kinh tế tăng trưởng trở lại."  # "text" is read as the body
    assert second.published.utcoffset() == timedelta(hours=7)  # a bare date is local midnight
    assert (second.published.year, second.published.hour) == (2021, 0)
    third = store.get_by_url(GOOD[2]["url"]).article
    assert third.published.isoformat() == "2021-01-01T00:30:00+07:00"  # no offset: the source's local time


def test_source_time_zone_is_used_for_dates_without_offset(store):
    record = {"url": "https://paris.example/a", "date": "2021-01-01T00:30:00", "source": "paris"}
    article = parse_line(json.dumps(record), HCM, {"paris": ZoneInfo("Europe/Paris")}.get)
    assert article.published.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("line, reason", [
    ("not json at all", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ('{"title": "Không có địa chỉ"}', "'url' is missing"),
    ('{"url": "  "}', "'url' is missing"),
    ('{"url": 42}', "'url' must be a string"),
    ('{"url": "ftp://x/y"}', "not an http(s) URL"),
    ('{"url": "https://a.vn/1", "date": "24/01/2021"}', "not ISO 8601"),
    ('{"url": "https://a.vn/1", "title": ["x"]}', "'title' must be a string"),
])
def test_bad_lines_are_reported_with_number_and_reason_and_skipped(store, line, reason):
    summary = import_jsonl(lines(GOOD[0], line, GOOD[1]), store, HCM)
    assert summary.new == 2 and summary.bad == 1
    assert summary.errors[0][0] == 2 and reason in summary.errors[0][1]


def test_blank_lines_and_invalid_utf8_bytes(store):
    summary = import_jsonl([b"\n", json.dumps(GOOD[0]).encode(), b"\xff\xfe{}\n", b"   \n"], store, HCM)
    assert summary.new == 1 and summary.bad == 1 and summary.errors[0][0] == 3
    assert "UTF-8" in summary.errors[0][1]


def test_importing_twice_changes_nothing(store):
    import_jsonl(lines(*GOOD), store, HCM)
    seq = store.last_seq()
    again = import_jsonl(lines(*GOOD), store, HCM)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
    assert store.last_seq() == seq and store.count() == 3


def test_changed_line_is_a_new_version(store):
    import_jsonl(lines(*GOOD), store, HCM)
    edited = dict(GOOD[0], body="Thành phố Hà Nội khởi công tuyến đường mới. Cập nhật.")
    summary = import_jsonl(lines(edited), store, HCM)
    assert summary.changed == 1
    assert store.get_by_url(GOOD[0]["url"]).version == 2


# -- the command ----------------------------------------------------------------------------------


def run(data_dir, *args, input=None):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], input=input, catch_exceptions=False)


def write_jsonl(path, records, gz=False):
    text = "\n".join(lines(*records)) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_cli_import_then_search(tmp_path, data_dir):
    source = write_jsonl(tmp_path / "articles.jsonl", [GOOD[0], "oops {", GOOD[1], GOOD[2]])
    result = run(data_dir, "import", str(source))
    assert result.exit_code == 0, result.output
    assert "skipped 1 line (line 2): not valid JSON (Expecting" in result.output
    assert "3 new" in result.output and "1 bad lines skipped" in result.output
    assert "3 articles in the index" in result.output
    found = run(data_dir, "search", "ha noi", "--json")
    page = json.loads(found.output)
    assert page["total"] == 1 and page["hits"][0]["url"] == GOOD[0]["url"]
    again = run(data_dir, "import", str(source))
    assert "0 new, 0 changed, 3 unchanged" in again.output
    assert "0 added, 0 changed, 0 deleted" in again.output


def test_cli_import_gzip_and_stdin(tmp_path, data_dir):
    gz = write_jsonl(tmp_path / "a.jsonl.gz", GOOD[:2], gz=True)
    assert run(data_dir, "import", str(gz)).exit_code == 0
    stdin = "\n".join(lines(GOOD[2])) + "\n"
    result = run(data_dir, "import", "-", input=stdin)
    assert result.exit_code == 0 and "1 new" in result.output
    page = json.loads(run(data_dir, "search", "đà nẵng", "--json").output)
    assert page["total"] == 1
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        assert store.count() == 3


def test_cli_import_usage_errors(tmp_path, data_dir):
    missing = run(data_dir, "import", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2 and "no such file" in missing.output
    odd = tmp_path / "notes.txt"
    odd.write_text("x")
    result = run(data_dir, "import", str(odd))
    assert result.exit_code == 2 and "unknown kind of file" in result.output
    assert run(data_dir, "import").exit_code == 2


# -- lines that used to end a whole import (issue 9, point 2) ------------------------------------


@pytest.mark.parametrize("line, reason", [
    ('{"url": "https://a.vn:99999/1"}', "'url': not a valid URL"),
    ('{"url": "https://a.vn:abc/1"}', "'url': not a valid URL"),
    ('{"url": "http://[::1/x"}', "'url': not a valid URL"),
    ('{"url": "https://a.vn/\\ud800"}', "'url' holds an unpaired surrogate"),
    ('{"url": "https://a.vn/2", "source": "bao\\udfff"}', "'source' holds an unpaired surrogate"),
    ('{"url": "https://a.vn/3", "body": "x\\ud800y"}', "'body' holds an unpaired surrogate"),
    ('{"url": "https://a.vn/4", "date": "2021-01-0\\ud800"}', "unpaired surrogate"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"url": "https://a.vn/5", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
])
def test_lines_that_fail_late_are_reported_and_the_rest_goes_in(store, line, reason):
    """Each of these passed the old checks and then failed inside the batch upsert, ending the import."""
    summary = import_jsonl(lines(GOOD[0], line, GOOD[1], GOOD[2]), store, HCM)
    assert (summary.lines, summary.new, summary.bad) == (4, 3, 1), summary.errors
    assert summary.errors[0][0] == 2 and reason in summary.errors[0][1]
    assert store.count() == 3


def test_a_bad_line_in_a_full_batch_costs_only_itself(store):
    from khobao import importing

    records = [dict(GOOD[0], url=f"https://tinmau.vn/bai-{n}.html") for n in range(importing.BATCH + 5)]
    text = lines(*records)
    text[10] = '{"url": "https://tinmau.vn:99999/x"}'
    summary = import_jsonl(text, store, HCM)
    assert (summary.new, summary.bad, summary.errors[0][0]) == (importing.BATCH + 4, 1, 11)


def test_a_utf8_bom_on_the_first_line_is_accepted(store):
    first = b"\xef\xbb\xbf" + json.dumps(GOOD[0]).encode()
    summary = import_jsonl([first, json.dumps(GOOD[1]).encode()], store, HCM)
    assert (summary.new, summary.bad) == (2, 0), summary.errors
    assert import_jsonl(["\ufeff" + json.dumps(GOOD[2])], store, HCM).new == 1


def test_cli_truncated_gzip_keeps_what_was_read_and_says_so(tmp_path, data_dir):
    records = [dict(GOOD[0], url=f"https://tinmau.vn/bai-{n}.html", body=f"Bài số {n} về Hà Nội {n * 7919}.")
               for n in range(3000)]
    whole = write_jsonl(tmp_path / "whole.jsonl.gz", records, gz=True).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "import", str(cut)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        stored = store.count()
    assert 1000 < stored < 3000  # more than the first batch: the last, partial batch went in too
    assert f"{cut}: the file ends early (truncated or damaged) after line {stored}" in result.output
    assert f"imported {stored} articles from {stored} lines" in result.output


# -- the body cap (issue 9, point 10) -------------------------------------------------------------


def test_a_body_over_the_cap_is_cut_at_a_paragraph_with_a_warning(store):
    paragraph = "Hà Nội khởi công tuyến đường vành đai mới. Công trình dài mười cây số.\n"
    record = dict(GOOD[0], body=paragraph * 100)
    summary = import_jsonl(lines(record, GOOD[1]), store, HCM, max_body_chars=1000)
    assert (summary.new, summary.bad, summary.warned) == (2, 0, 1)
    kept = (paragraph * (1000 // len(paragraph))).strip()  # the whole paragraphs that fit
    number, warning = summary.warnings[0]
    assert number == 1
    assert f"body of {len(paragraph) * 100:,} characters cut to {len(kept)} at a paragraph end" in warning
    assert "[import] max_body_chars = 1,000" in warning
    assert store.get_by_url(GOOD[0]["url"]).article.body == kept


def test_a_body_of_one_long_paragraph_is_cut_at_a_sentence(store):
    record = dict(GOOD[0], body="Câu văn số một về Hà Nội. " * 100)
    summary = import_jsonl(lines(record), store, HCM, max_body_chars=500)
    assert "at a sentence end" in summary.warnings[0][1]
    assert store.get_by_url(GOOD[0]["url"]).article.body.endswith("Hà Nội.")


def test_cli_import_takes_the_cap_from_config(tmp_path, data_dir):
    config = tmp_path / "config.toml"
    config.write_text("[import]\nmax_body_chars = 2000\n", encoding="utf-8")
    source = write_jsonl(tmp_path / "long.jsonl", [dict(GOOD[0], body="Đoạn văn về Hà Nội.\n" * 500)])
    result = CliRunner().invoke(cli, ["--config", str(config), "--data-dir", str(data_dir), "import", str(source),
                                      "--no-index"], catch_exceptions=False)
    assert result.exit_code == 0 and "changed 1 line (line 1): body of" in result.output and "1 imported with a warning" in result.output
    with ArticleStore(data_dir / "articles.sqlite3") as stored:
        assert len(stored.get_by_url(GOOD[0]["url"]).article.body) <= 2000
    bad = tmp_path / "bad.toml"
    bad.write_text("[import]\nmax_body_chars = 10\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["--config", str(bad), "--data-dir", str(data_dir), "import", str(source)])
    assert refused.exit_code != 0 and "max_body_chars must be 1000 or more" in refused.output


def test_cli_damaged_gzip_is_one_line(tmp_path, data_dir):
    """Damaged deflate data raises zlib.error (no OSError): reported like a truncation, never a traceback."""
    whole = write_jsonl(tmp_path / "whole.jsonl.gz", GOOD, gz=True).read_bytes()
    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(whole[:20] + b"\xff\xff\xff" + whole[23:])
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "import", str(damaged)])
    assert result.exit_code == 1 and result.exception is not None and "Traceback" not in result.output
    assert "the file ends early (truncated or damaged) after line 0" in result.output
