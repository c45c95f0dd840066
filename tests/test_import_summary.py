"""Honest import summaries (issue 13, point 2, and "Bad input"): bad lines grouped by reason with a count,
the first line numbers and the fix; everything else imported; exit status 1 when nothing could be.
Through a real `python -m khobao` process (and CliRunner) with a real SQLite store; invented fixtures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from khobao.cli import cli
from khobao.demo.cp1258 import encode_windows_1258
from store import ArticleStore


def khobao(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    config = data_dir.parent / "empty.toml"
    config.write_text("", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "khobao", "--config", str(config), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, check=False)


def run(data_dir: Path, *args: str):
    config = data_dir.parent / "empty.toml"
    config.write_text("", encoding="utf-8")
    return CliRunner().invoke(cli, ["--config", str(config), "--data-dir", str(data_dir), *args])


def article(n: int, **fields) -> dict:
    record = {"url": f"https://tinmau.vn/tin-{n}.html", "title": f"Tin số {n} về Đà Lạt",
              "body": f"Đà Lạt đón {n} nghìn khách trong dịp lễ."}
    record.update(fields)
    return record


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join((json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else r) + "\n"
                            for r in records), encoding="utf-8")
    return path


def count(data_dir: Path) -> int:
    if not (data_dir / "articles.sqlite3").exists():
        return 0
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        return store.count()


def test_a_thousand_lines_without_url_are_one_line_with_the_fix_and_exit_1(tmp_path, data_dir):
    records = [{"ma_bai": f"{n:05d}", "lien_ket": f"https://tinmau.vn/{n}.htm", "title": f"Tin {n}", "body": "Mưa."}
               for n in range(1000)]
    path = write_jsonl(tmp_path / "khong-url.jsonl", records)
    result = khobao(data_dir, "import", str(path), "--no-index", "--map", "id=")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert "skipped 1,000 lines (lines 1, 2, 3, 4, 5 and 995 more): no URL and no id" in result.stderr
    assert "--map url=FIELD" in result.stderr and "fields in this file: body, lien_ket, ma_bai, title" in result.stderr
    assert "nothing was imported" in result.stderr
    assert count(data_dir) == 0
    fixed = khobao(data_dir, "import", str(path), "--no-index", "--map", "url=lien_ket")
    assert fixed.returncode == 0 and "imported 1000 articles" in fixed.stdout and count(data_dir) == 1000


def test_bad_input_of_every_kind_is_grouped_and_the_rest_goes_in(tmp_path, data_dir):
    lines = [
        article(1),
        article(2, title=2024),                          # a number where text belongs
        article(3, title=["Đà Lạt", "mùa hoa"]),          # a list for the title
        article(4, author={"ten": "Lan"}),               # an object for the author
        article(5, author=["Lan", "Huệ"]),               # a list of names: joined, not bad
        article(6, title=2025),
        "{oops",
        article(7, date="hôm qua"),                      # no date khobao reads
        article(8),
    ]
    result = run(data_dir, "import", str(write_jsonl(tmp_path / "hon-hop.jsonl", lines)), "--no-index")
    assert result.exit_code == 0, result.output
    assert "imported 3 articles from 9 lines: 3 new, 0 changed, 0 unchanged; 6 bad lines skipped" in result.output
    assert "skipped 3 lines (lines 2, 3, 6): 'title' is not text; first, line 2: 'title' must be a string, got a " \
           "number (2024)" in result.output
    assert "--map title=FIELD" in result.output
    assert "skipped 1 line (line 4): 'author' must be a string, got an object" in result.output
    assert "skipped 1 line (line 7): not valid JSON" in result.output
    assert "skipped 1 line (line 8): date 'hôm qua' is not ISO 8601" in result.output
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        assert store.get_by_url("https://tinmau.vn/tin-5.html").article.author == "Lan, Huệ"
        assert store.count() == 3


def test_a_map_to_a_missing_field_and_a_template_naming_one(tmp_path, data_dir):
    records = [{"ma": "a1", "title": "Hội An về đêm", "body": "Phố đèn lồng."},
               {"title": "Không mã", "body": "Bài này thiếu mã."},
               {"ma": "a3", "title": "Mỹ Sơn", "body": "Thánh địa Chăm."}]
    path = write_jsonl(tmp_path / "mau.jsonl", records)
    result = run(data_dir, "import", str(path), "--no-index", "--map", "section=chuyen_muc",
                 "--url-template", "https://tinmau.vn/{ma}.html", "--map", "id=")
    assert result.exit_code == 0, result.output
    assert "skipped 1 line (line 2): --url-template needs {ma}, which this line lacks" in result.output
    assert "--map section=chuyen_muc: no line has a field 'chuyen_muc' (fields in this file: body, title, ma)" \
        in result.output
    assert count(data_dir) == 2


def test_a_ragged_csv_row_is_one_bad_row(tmp_path, data_dir):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["url", "title", "body"])
    writer.writerow(["https://tinmau.vn/c-1.html", "Cà phê Buôn Ma Thuột", "Vụ mùa bội thu."])
    writer.writerow(["https://tinmau.vn/c-2.html", "Hồ tiêu", "Giá tăng", "cột thừa"])
    writer.writerow(["https://tinmau.vn/c-3.html", "Sầu riêng"])
    writer.writerow(["https://tinmau.vn/c-4.html", "Cao su", "Xuất khẩu tăng.\nSang Trung Quốc."])
    path = tmp_path / "nong-san.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = run(data_dir, "import", str(path), "--no-index")
    assert result.exit_code == 0, result.output
    assert "skipped 2 lines (lines 3, 4): a row with more or fewer values than the header has columns" in result.output
    assert "first, line 3: the row has 4 values and the header 3 columns" in result.output
    assert "imported 2 articles from 4 rows" in result.output and count(data_dir) == 2


def test_a_windows_file_says_how_to_read_it(tmp_path, data_dir):
    text = "".join(json.dumps(article(n), ensure_ascii=False) + "\n" for n in range(3))
    path = tmp_path / "windows.jsonl"
    path.write_bytes(encode_windows_1258(text))
    result = khobao(data_dir, "import", str(path), "--no-index")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "skipped 3 lines (lines 1, 2, 3): not UTF-8 text" in result.stderr
    assert "--encoding" in result.stderr and "iconv -f CP1258 -t UTF-8" in result.stderr
    assert khobao(data_dir, "import", str(path), "--no-index", "--encoding", "cp1258").returncode == 0
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        assert store.get_by_url("https://tinmau.vn/tin-1.html").article.title == "Tin số 1 về Đà Lạt"


def test_an_empty_file_imports_nothing_and_says_so(tmp_path, data_dir):
    path = tmp_path / "rong.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    result = run(data_dir, "import", str(path), "--no-index")
    assert result.exit_code == 1 and "nothing was imported: no line holds an article" in result.output


def test_an_id_of_another_kind_matters_only_without_a_url(tmp_path, data_dir):
    records = [article(1, id={"$oid": "65f0"}), {"id": {"$oid": "65f1"}, "title": "Không địa chỉ", "body": "Mưa."}]
    result = run(data_dir, "import", str(write_jsonl(tmp_path / "mongo.jsonl", records)), "--no-index")
    assert result.exit_code == 0, result.output
    assert "skipped 1 line (line 2): 'id' must be a string, got an object" in result.output
    assert count(data_dir) == 1


def test_a_json_array_file_is_told_how_to_become_json_lines(tmp_path, data_dir):
    path = tmp_path / "mang.json"
    path.write_text(json.dumps([article(1), article(2)], ensure_ascii=False, indent=1), encoding="utf-8")
    result = run(data_dir, "import", str(path), "--no-index")
    assert result.exit_code == 1
    assert "jq -c '.[]'" in result.output and len(result.output.splitlines()) < 8, result.output


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                        max_size=3), max_leaves=8)
names = st.sampled_from(["url", "link", "id", "post_id", "ma", "title", "sapo", "summary", "body", "category",
                         "pubDate", "created_at", "source", "author", "Link", "URL"])
records = st.dictionaries(names, json_values | st.sampled_from(["https://tinmau.vn/a.html", "https://www.la.vn/b",
                                                                 "2021-03-05", "Fri, 05 Mar 2021 08:15:00 +0700"]),
                          max_size=8)
maps = st.lists(st.tuples(st.sampled_from(["url", "id", "title", "lead", "section", "published"]), names),
                max_size=3).map(lambda pairs: [f"{target}={name}" for target, name in pairs])


@settings(max_examples=80, deadline=None)
@given(st.lists(records, min_size=1, max_size=10), maps,
       st.sampled_from([None, "https://tinmau.vn/{post_id}.htm", "https://tinmau.vn/{ma}/{id}"]))
def test_any_records_under_any_mapping_are_all_accounted_for(lines, chosen, template):
    """Whatever the records hold and however they are mapped: no exception, every line counted once."""
    from zoneinfo import ZoneInfo

    from crawler import Source
    from khobao.import_fields import FieldMap
    from khobao.import_sources import SourceResolver
    from khobao.importing import ImportOptions, import_jsonl

    options = ImportOptions(fields=FieldMap.parse(chosen, template),
                            resolver=SourceResolver((Source(name="tinmau", domains=("tinmau.vn",)),), fallback="tep"))
    with tempfile.TemporaryDirectory() as tmp, ArticleStore(Path(tmp) / "articles.sqlite3") as store:
        summary = import_jsonl([json.dumps(r) for r in lines], store, ZoneInfo("Asia/Ho_Chi_Minh"), options=options)
        assert summary.imported + summary.bad + summary.blank == summary.lines == len(lines)
        assert sum(group.count for group in summary.bad_groups.values()) == summary.bad
        assert store.count() <= summary.imported
        for stored in store.all_articles():
            assert stored.article.url.startswith(("https://", "urn:khobao:"))
