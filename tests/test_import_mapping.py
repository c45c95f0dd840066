"""`khobao import` reads archives that name their fields their own way (issue 13, point 1): common
names by default, --map, --url-template, urn: identifiers, CSV, UTF-16 and --encoding, --dry-run.
Through the real command and a real SQLite store; every fixture is invented."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khobao.cli import cli
from khobao.demo.cp1258 import encode_windows_1258
from store import Article, ArticleStore

# An archive in the style of a site's own export: link, category, sapo, pubDate (RFC 2822).
EXPORT = [
    {"link": "https://tinmau.vn/ha-noi-mo-duong-vanh-dai-4-2001.html", "headline": "Hà Nội mở đường vành đai 4",
     "sapo": "Thành phố khởi công tuyến đường dài 112 km qua ba tỉnh.",
     "content": "Sáng nay, lễ khởi công diễn ra tại huyện Thanh Oai.\nCông trình hoàn thành năm 2027.",
     "category": "Thời sự", "pubDate": "Fri, 05 Mar 2021 08:15:00 +0700", "author": "Minh Anh"},
    {"link": "https://tinmau.vn/gia-lua-tang-2002.html", "headline": "Giá lúa tăng ở miền Tây",
     "description": "Nông dân Cần Thơ bán lúa được giá.",
     "content": "Nông dân Cần Thơ bán lúa được giá. Thương lái thu mua 8.000 đồng một ký.",
     "category": "Kinh tế", "created_at": 1614932100},
]


def run(data_dir: Path, *args: str, config: Path | None = None, input: str | None = None):
    options = ["--config", str(config)] if config else ["--config", str(data_dir.parent / "none.toml")]
    if config is None:
        (data_dir.parent / "none.toml").write_text("", encoding="utf-8")
    return CliRunner().invoke(cli, [*options, "--data-dir", str(data_dir), *args], input=input)


def write_jsonl(path: Path, records, encoding: str = "utf-8") -> Path:
    text = "".join((json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else r) + "\n" for r in records)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode(encoding)))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def stored(data_dir: Path) -> dict[str, object]:
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        return {s.article.url: s.article for s in store.all_articles()}


def test_common_field_names_map_without_options(tmp_path, data_dir):
    result = run(data_dir, "import", str(write_jsonl(tmp_path / "export.jsonl", EXPORT)), "--no-index")
    assert result.exit_code == 0, result.output
    assert "imported 2 articles from 2 lines: 2 new" in result.output
    articles = stored(data_dir)
    first = articles[EXPORT[0]["link"]]
    assert first.title == "Hà Nội mở đường vành đai 4" and first.section == "Thời sự" and first.author == "Minh Anh"
    assert first.body.startswith("Thành phố khởi công tuyến đường dài 112 km qua ba tỉnh.\nSáng nay, lễ khởi công")
    assert first.published.isoformat() == "2021-03-05T08:15:00+07:00"
    second = articles[EXPORT[1]["link"]]
    assert second.body.count("Nông dân Cần Thơ bán lúa được giá.") == 1     # the body already begins with the lead
    assert second.published.timestamp() == 1614932100                        # seconds since 1970
    assert first.source == second.source == "tinmau.vn"                      # the URL's domain


def test_map_names_the_fields_and_an_empty_map_takes_nothing(tmp_path, data_dir):
    records = [{"duong_dan": "https://tinmau.vn/bao-so-3-2003.html", "tieu_de": "Bão số 3 vào Quảng Ninh",
                "noi_dung": "Gió giật cấp 12 ở Móng Cái.", "chuyen_muc": "Thời tiết", "tom_tat": "Bão mạnh.",
                "ngay": "2023-09-07T10:00:00+07:00", "category": "Không dùng"}]
    path = write_jsonl(tmp_path / "rieng.jsonl", records)
    result = run(data_dir, "import", str(path), "--no-index", "--map", "url=duong_dan", "--map", "title=tieu_de",
                 "--map", "body=noi_dung", "--map", "section=chuyen_muc", "--map", "published=ngay", "--map", "lead=")
    assert result.exit_code == 0, result.output
    article = stored(data_dir)["https://tinmau.vn/bao-so-3-2003.html"]
    assert (article.title, article.section, article.body) == ("Bão số 3 vào Quảng Ninh", "Thời tiết",
                                                              "Gió giật cấp 12 ở Móng Cái.")
    assert article.published.isoformat() == "2023-09-07T10:00:00+07:00"


def test_url_template_and_urn_identifiers_are_stable(tmp_path, data_dir):
    records = [{"post_id": 20240101080000123, "title": "Tết Dương lịch ở phố cổ", "body": "Phố cổ đông khách.",
                "source": "tinmau.vn"},
               {"post_id": "20240102090000456", "title": "Chợ hoa Quảng Bá", "body": "Chợ hoa mở cửa suốt đêm.",
                "source": "tinmau.vn"}]
    path = write_jsonl(tmp_path / "khong-url.jsonl", records)
    result = run(data_dir, "import", str(path), "--no-index", "--url-template", "https://tinmau.vn/{post_id}.htm")
    assert result.exit_code == 0, result.output
    assert set(stored(data_dir)) == {"https://tinmau.vn/20240101080000123.htm", "https://tinmau.vn/20240102090000456.htm"}

    other = tmp_path / "other"
    first = run(other, "import", str(path), "--no-index")
    assert first.exit_code == 0 and "2 articles have no URL" in first.output and "--url-template" in first.output
    assert set(stored(other)) == {"urn:khobao:tinmau.vn:20240101080000123", "urn:khobao:tinmau.vn:20240102090000456"}
    again = run(other, "import", str(path), "--no-index")
    assert "0 new, 0 changed, 2 unchanged" in again.output
    # the same id in another source is another article
    elsewhere = write_jsonl(tmp_path / "bao-khac.jsonl", [dict(records[0], source="baokhac")])
    assert "1 new" in run(other, "import", str(elsewhere), "--no-index").output
    assert "urn:khobao:baokhac:20240101080000123" in stored(other)


def test_csv_with_a_bom_quoted_newlines_and_gzip(tmp_path, data_dir):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["link", "title", "body", "category", "date"])
    writer.writerow(["https://tinmau.vn/lu-mien-trung-2004.html", "Lũ ở miền Trung, \"khẩn cấp\"",
                     "Nước lên nhanh ở Quảng Bình.\nHàng nghìn hộ dân phải sơ tán.", "Thời sự", "2020-10-18"])
    writer.writerow(["https://tinmau.vn/mua-vai-thieu-2005.html", "Mùa vải thiều", "Bắc Giang vào vụ thu hoạch.",
                     "Kinh tế", "2021-06-01T07:00:00+07:00"])
    path = tmp_path / "xuat.csv.gz"
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8-sig")))
    result = run(data_dir, "import", str(path), "--no-index")
    assert result.exit_code == 0, result.output
    assert "imported 2 articles from 2 rows" in result.output          # a quoted newline is no new row
    article = stored(data_dir)["https://tinmau.vn/lu-mien-trung-2004.html"]
    assert article.title == "Lũ ở miền Trung, \"khẩn cấp\"" and article.section == "Thời sự"
    assert article.body == "Nước lên nhanh ở Quảng Bình.\nHàng nghìn hộ dân phải sơ tán."


def test_csv_with_semicolons_by_format_option(tmp_path, data_dir):
    path = tmp_path / "bang.txt"
    path.write_text("url;title;body\nhttps://tinmau.vn/a-2006.html;Đêm nhạc Trịnh;Khán giả kín sân.\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)).exit_code == 2             # .txt: say which format
    result = run(data_dir, "import", str(path), "--format", "csv", "--no-index")
    assert result.exit_code == 0 and stored(data_dir)["https://tinmau.vn/a-2006.html"].title == "Đêm nhạc Trịnh"


@pytest.mark.parametrize("encoding, options", [("utf-16", []), ("utf-16-le", []), ("cp1258", ["--encoding", "cp1258"])])
def test_other_encodings_are_read(tmp_path, data_dir, encoding, options):
    record = {"url": "https://tinmau.vn/hue-2007.html", "title": "Festival Huế", "body": "Áo dài trên sông Hương."}
    text = json.dumps(record, ensure_ascii=False) + "\n"
    data = text.encode(encoding) if encoding != "cp1258" else encode_windows_1258(text)
    path = tmp_path / "mahoa.jsonl"
    path.write_bytes(data)
    result = run(data_dir, "import", str(path), "--no-index", *options)
    assert result.exit_code == 0, result.output
    assert stored(data_dir)[record["url"]].body == "Áo dài trên sông Hương."


def test_dry_run_shows_the_mapping_field_by_field_and_stores_nothing(tmp_path, data_dir):
    path = write_jsonl(tmp_path / "export.jsonl", [*EXPORT, {"title": "Không có địa chỉ"}])
    result = run(data_dir, "import", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "line 1:" in result.output and "url       ← 'link': https://tinmau.vn/ha-noi-mo-duong" in result.output
    assert "section   ← 'category': Thời sự" in result.output
    assert "lead      ← 'sapo' (put before the body" in result.output
    assert "published ← 'pubDate': 2021-03-05T08:15:00+07:00" in result.output
    assert "line 3:\n  skipped:" in result.output
    assert "dry run: 2 of 3 lines would be imported" in result.output
    assert not (data_dir / "articles.sqlite3").exists()


@pytest.mark.parametrize("args, message", [
    (["--map", "url"], "write it as TARGET=FIELD"),
    (["--map", "nguon=link"], "unknown target 'nguon'"),
    (["--url-template", "tinmau.vn/{id}"], "must start with http"),
    (["--url-template", "https://tinmau.vn/{id"], "--url-template"),
    (["--url-template", "https://tinmau.vn/bai.htm"], "names no field"),
    (["--encoding", "latin-99"], "unknown encoding"),
])
def test_bad_options_are_one_line_usage_errors(tmp_path, data_dir, args, message):
    result = run(data_dir, "import", str(write_jsonl(tmp_path / "a.jsonl", EXPORT)), *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


cell_text = st.text(alphabet=st.sampled_from(list("aàHNộiĐđ ,;\"'\n\r\t…")), max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=8), st.sampled_from([",", ";", "\t"]))
def test_any_csv_text_round_trips(tmp_path_factory, rows, delimiter):
    """Quotes, delimiters and newlines inside values: every row comes back whole, in its own article."""
    root = tmp_path_factory.mktemp("csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["url", "title", "body"])
    for n, (title, body) in enumerate(rows):
        writer.writerow([f"https://tinmau.vn/hang-{n}.html", title, body])
    path = root / "ngau-nhien.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    result = run(root / "data", "import", str(path), "--no-index")
    assert result.exit_code == 0, result.output
    assert f"imported {len(rows)} articles from {len(rows)} rows" in result.output
    articles = stored(root / "data")
    for n, (title, body) in enumerate(rows):
        article = articles[f"https://tinmau.vn/hang-{n}.html"]
        expected = Article(url="https://tinmau.vn/", title=title, body=body)     # trimmed, NFC
        assert (article.title, article.body) == (expected.title, expected.body)
