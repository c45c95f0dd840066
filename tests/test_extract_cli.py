"""`khobao extract`: a saved page, or JSON Lines of pages on stdin, printed as JSON; bad input is one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from khobao.cli import cli
from khobao.demo.cp1258 import encode_windows_1258

PAGES = Path(__file__).parent / "pages"
EMPTY_CONFIG = Path(__file__).parent / "empty-config.toml"


def run(args: list[str], stdin: str | bytes | None = None, config: Path = EMPTY_CONFIG):
    runner = CliRunner()
    return runner.invoke(cli, ["--config", str(config), "extract", *args], input=stdin, catch_exceptions=False)


def test_single_file_prints_one_json_object():
    result = run([str(PAGES / "jsonld_graph.html"), "--url", "https://baobiencuong.example.vn/a-1.html"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert article["url"] == "https://baobiencuong.example.vn/a-1.html"
    assert article["title"] == "Lạng Sơn mở thêm tuyến xe buýt nối cửa khẩu Hữu Nghị"
    assert article["published"] == "2024-03-28T07:45:00+07:00"
    assert article["author"] == "Hoàng Thị Mai"
    assert article["section"] == "Giao thông"
    assert article["body"].split("\n")[0].startswith("Từ ngày 1/4")
    assert "Tin liên quan" not in article["body"]


def test_single_file_without_url_uses_its_file_uri():
    result = run([str(PAGES / "dateline_only.html")])
    article = json.loads(result.stdout)
    assert article["url"] == (PAGES / "dateline_only.html").resolve().as_uri()
    assert article["published"] == "2021-03-05T08:15:00+07:00"


def test_rejected_page_says_why():
    result = run([str(PAGES / "listing.html"), "--url", "https://baosonghong.example.vn/thoi-su/"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"url": "https://baosonghong.example.vn/thoi-su/",
                                         "rejected": "not an article: listing page"}


def test_legacy_charset_file_is_decoded(tmp_path):
    html = (PAGES / "dateline_only.html").read_text(encoding="utf-8").replace("utf-8", "windows-1258")
    saved = tmp_path / "cu.html"
    saved.write_bytes(encode_windows_1258(html))
    article = json.loads(run([str(saved)]).stdout)
    assert article["title"] == "Trường học vùng cao đón học sinh trở lại sau lũ"


def test_missing_file_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--config", str(EMPTY_CONFIG), "extract", "no-such-page.html"])
    assert result.exit_code == 2
    assert "no-such-page.html: no such file" in result.output
    assert "Traceback" not in result.output


def test_unknown_source_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--config", str(EMPTY_CONFIG), "extract", str(PAGES / "listing.html"),
                                      "--source", "nowhere"])
    assert result.exit_code == 2
    assert "unknown source 'nowhere'" in result.output


def test_source_option_applies_its_selectors(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        '[[sources]]\nname = "caobang"\ndomains = ["caobang.example.vn"]\n'
        '[sources.selectors]\ntitle = ".tieu-de-bai"\nbody = ".noi-dung"\ndate = ".ngay-dang"\n'
        'author = ".nguoi-viet"\nsection = ".muc"\n', encoding="utf-8")
    result = run([str(PAGES / "selectors_site.html"), "--url", "https://caobang.example.vn/a.html",
                  "--source", "caobang"], config=config)
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert article["source"] == "caobang"
    assert article["author"] == "Nông Thị Hằng"
    assert article["published"] == "2023-09-02T00:00:00+07:00"
    assert "Đặt tour" not in article["body"]


def test_json_lines_in_order_with_bad_lines_reported():
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8")
    lines = [
        json.dumps({"url": "https://a.example.vn/1.html", "file": str(PAGES / "jsonld_graph.html")}),
        "this is not json",
        json.dumps({"url": "https://a.example.vn/2.html", "html": html}, ensure_ascii=False),
        "",
        json.dumps({"url": "https://a.example.vn/thoi-su/", "file": str(PAGES / "listing.html")}),
        json.dumps({"html": html}),
        json.dumps({"url": "https://a.example.vn/3.html", "file": "/nonexistent/page.html"}),
        json.dumps({"url": "https://a.example.vn/4.html"}),
        json.dumps(["a", "list"]),
    ]
    result = run(["-"], stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 8  # one per non-blank input line
    assert answers[0]["title"] == "Lạng Sơn mở thêm tuyến xe buýt nối cửa khẩu Hữu Nghị"
    assert answers[0]["url"] == "https://a.example.vn/1.html"
    assert "error" in answers[1] and "JSON" in answers[1]["error"]
    assert answers[2]["title"] == "Giá lúa tăng, nông dân Đồng Tháp phấn khởi vào vụ"
    assert answers[2]["published"] == "2023-11-05T16:20:00+07:00"
    assert set(answers[2]) >= {"url", "title", "published", "author", "section", "body"}
    assert answers[3] == {"url": "https://a.example.vn/thoi-su/", "rejected": "not an article: listing page"}
    assert answers[4]["error"] == 'missing "url"'
    assert answers[5]["url"] == "https://a.example.vn/3.html" and "cannot read" in answers[5]["error"]
    assert "needs" in answers[6]["error"]
    assert answers[7]["error"] == "not a JSON object"
    assert "2 article(s), 1 rejected, 5 bad line(s)" in result.stderr


def test_url_with_stdin_is_a_usage_error():
    result = CliRunner().invoke(cli, ["--config", str(EMPTY_CONFIG), "extract", "-", "--url", "https://x.vn/"],
                                input="")
    assert result.exit_code == 2


def test_many_lines_through_worker_processes_keep_order():
    """Through the real console entry point, with two worker processes and more lines than one batch."""
    names = sorted(p.name for p in PAGES.glob("*.html"))
    requests = [{"url": f"https://a.example.vn/{i}/{name}", "file": str(PAGES / name)}
                for i in range(30) for name in names]
    stdin = "".join(json.dumps(r) + "\n" for r in requests)
    completed = subprocess.run(
        [sys.executable, "-m", "khobao", "--config", str(EMPTY_CONFIG), "extract", "-", "--jobs", "2"],
        input=stdin.encode("utf-8"), capture_output=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr.decode()
    answers = [json.loads(line) for line in completed.stdout.decode("utf-8").splitlines()]
    assert [a["url"] for a in answers] == [r["url"] for r in requests]
    by_name = {a["url"].rsplit("/", 1)[1]: a for a in answers}
    assert by_name["listing.html"]["rejected"] == "not an article: listing page"
    assert by_name["old_table_layout.html"]["published"] == "2019-02-08T17:08:00+07:00"


@pytest.mark.parametrize("payload", [b"\xff\xfe\x00garbage\n", b'{"url": "https://x.vn/a", "html": 42}\n'])
def test_undecodable_or_wrong_typed_lines_are_errors(payload):
    result = run(["-"], stdin=payload)
    assert result.exit_code == 0
    assert "error" in json.loads(result.stdout)


def test_surrogates_in_url_file_or_html_cost_only_their_line():
    """`\\ud800` escapes used to end `extract -` (writing the answer, or reading the path) and lose the batch."""
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8")
    good = json.dumps({"url": "https://a.example.vn/1.html", "file": str(PAGES / "jsonld_graph.html")})
    lines = [good,
             '{"url": "https://a.example.vn/\\ud800.html", "file": "%s"}' % (PAGES / "jsonld_graph.html"),
             '{"url": "https://a.example.vn/2.html", "file": "/tmp/\\udfff.html"}',
             good,
             json.dumps({"url": "https://a.example.vn/3.html", "html": html.replace("</h1>", "\ud800</h1>")}),
             "",
             good]
    completed = subprocess.run(
        [sys.executable, "-m", "khobao", "--config", str(EMPTY_CONFIG), "extract", "-", "--jobs", "1"],
        input="\n".join(lines).encode("utf-8", "surrogatepass") + b"\n", capture_output=True, timeout=120)
    assert completed.returncode == 0, completed.stderr.decode()
    assert b"Traceback" not in completed.stderr
    answers = [json.loads(line) for line in completed.stdout.decode("utf-8").splitlines()]
    assert len(answers) == 6
    assert [a.get("title") for a in answers[::3]] == [answers[0]["title"]] * 2 and answers[0]["title"]
    assert answers[1] == {"line": 2, "url": "https://a.example.vn/\\ud800.html",
                          "error": "'url' holds an unpaired surrogate (\\ud800), which is no text"}
    assert answers[2]["line"] == 3 and "'file' holds an unpaired surrogate" in answers[2]["error"]
    assert answers[4]["title"] == "Giá lúa tăng, nông dân Đồng Tháp phấn khởi vào vụ"  # the page is still read
    assert answers[5]["title"] == answers[0]["title"]
    assert "4 article(s), 0 rejected, 2 bad line(s)" in completed.stderr.decode()


def test_pages_over_the_crawl_byte_cap_are_rejected_as_the_crawler_would(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[crawl]\nmax_bytes = 20000\n", encoding="utf-8")
    big = tmp_path / "big.html"
    paragraphs = "<p>Đoạn văn dài về Hà Nội.</p>" * 2000
    big.write_text(f"<html><body><h1>Tin lớn</h1>{paragraphs}</body></html>", encoding="utf-8")
    lines = [json.dumps({"url": "https://a.example.vn/big.html", "file": str(big)}),
             json.dumps({"url": "https://a.example.vn/inline.html", "html": big.read_text(encoding="utf-8")})]
    result = run(["-"], stdin="\n".join(lines) + "\n", config=config)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    size = big.stat().st_size
    assert answers == [{"url": "https://a.example.vn/big.html",
                        "rejected": f"page of {size} bytes is over [crawl] max_bytes (20000)"},
                       {"url": "https://a.example.vn/inline.html",
                        "rejected": f"page of {size} bytes is over [crawl] max_bytes (20000)"}]
    single = run([str(big), "--url", "https://a.example.vn/big.html"], config=config)
    assert json.loads(single.output)["rejected"] == f"page of {size} bytes is over [crawl] max_bytes (20000)"


@pytest.mark.parametrize("placeholder", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00", "0001-01-01"])
def test_placeholder_dates_in_a_page_are_no_date(tmp_path, placeholder):
    """Point 1 of issue 9 for pages: a placeholder date in metadata is never published; the cleaner's
    own range (1990 to tomorrow) already refuses it, and nothing overflows on the way."""
    page = tmp_path / "page.html"
    page.write_text(f"""<html><head><meta property="article:published_time" content="{placeholder}">
        <title>Hà Nội mở đường</title></head><body><article><h1>Hà Nội mở đường vành đai</h1>
        <p>{"Thành phố Hà Nội khởi công tuyến đường vành đai mới, dài mười cây số. " * 8}</p>
        </article></body></html>""", encoding="utf-8")
    result = run([str(page), "--url", "https://a.example.vn/thoi-su/ha-noi-mo-duong-123.html"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["title"] == "Hà Nội mở đường vành đai" and answer["published"] is None
