"""`khobao import FILE.warc[.gz]`: WARC files written here with warcio, holding invented pages: articles
(utf-8 and windows-1258, one gzip-encoded as wget stores it), a 404, an image, a revisit record, a
broken page, a listing page, a page of an unknown site; gzip and plain WARCs; a truncated file."""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.settings import Source
from crawler.warc import read_response
from khobao.cli import cli
from khobao.config import load_settings
from khobao.demo.sites import make_sites
from khobao.warc_import import import_warc, source_for
from store import ArticleStore

MODERN = "https://www.nhipsong.example.vn"
LEGACY = "http://baobiencuong.example.vn"
SOURCES = (Source(name="nhipsong", domains=("nhipsong.example.vn",)),
           Source(name="biencuong", domains=("baobiencuong.example.vn",)))

HAND_WRITTEN = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hợp tác xã chè Tân Tiến mở xưởng chế biến mới - Nhịp Sống Việt</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2019-04-02T09:30:00+07:00"></head>
<body><article><h1>Hợp tác xã chè Tân Tiến mở xưởng chế biến mới</h1>
<p class="description">Sáng 2/4, Hợp tác xã chè Tân Tiến đưa vào hoạt động xưởng chế biến chè xanh công suất
hai tấn búp tươi mỗi ngày, bao tiêu sản phẩm cho hơn tám mươi hộ trồng chè trong xã.</p>
<p>Xưởng được đầu tư gần bốn tỷ đồng, trong đó một nửa từ nguồn vốn vay ưu đãi. Các hộ xã viên được hướng dẫn
hái chè đúng kỹ thuật, một tôm hai lá, để giữ chất lượng sản phẩm.</p>
<p>Chị Lý Thu Ngân, giám đốc hợp tác xã, cho biết sản phẩm đã có mặt ở một số cửa hàng tại Hà Nội và
đang làm hồ sơ xin cấp mã số vùng trồng để xuất khẩu.</p></article></body></html>"""


def sample_pages():
    """Two article pages of the sample sites (invented), as bytes with their content types."""
    sites = make_sites()
    modern, legacy = sites["nhipsong"], sites["biencuong"]
    a, b = modern.articles[3], legacy.articles[9]
    page_a = modern.page(modern.article_path(a), MODERN)
    page_b = legacy.page(legacy.article_path(b), LEGACY)
    return (a, MODERN + modern.article_path(a), page_a), (b, LEGACY + legacy.article_path(b), page_b)


def http(status: str, content_type: str | None, extra=()) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers + list(extra), protocol="HTTP/1.1")


def write_warc(path: Path, *, gz: bool, records: list[tuple]) -> None:
    """records: (kind, url, status_and_headers, body) with kind response, request, revisit."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21.3 (test)"}))
        for kind, url, headers, body in records:
            if kind == "revisit":
                record = writer.create_revisit_record(url, digest="sha1:2NLNL6ZTJZEVH4UDUGGMKEV7NSSNEIMH",
                                                      refers_to_uri=url, refers_to_date="2019-04-01T00:00:00Z",
                                                      http_headers=headers)
            elif kind == "request":
                record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0,
                                                   http_headers=headers)
            else:
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                   http_headers=headers,
                                                   warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"})
            writer.write_record(record)


@pytest.fixture
def archive(tmp_path) -> dict:
    (a, url_a, page_a), (b, url_b, page_b) = sample_pages()
    hand_url = MODERN + "/kinh-te/hop-tac-xa-che-tan-tien-mo-xuong-4199999.html"
    listing = make_sites()["nhipsong"].page("/", MODERN)
    first = tmp_path / "crawl-1.warc.gz"
    write_warc(first, gz=True, records=[
        ("request", url_a, StatusAndHeaders(f"GET {url_a[len(MODERN):]} HTTP/1.1", [("Host", "www.nhipsong.example.vn")],
                                            is_http_request=True), b""),
        ("response", url_a, http("200 OK", page_a.content_type), page_a.body),
        ("response", url_b, http("200 OK", page_b.content_type), page_b.body),
        ("response", MODERN + "/anh/lu-lut.jpg", http("200 OK", "image/jpeg"), b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("response", MODERN + "/khong-co-trang-nay.html", http("404 Not Found", "text/html"), b"<html>404</html>"),
        ("revisit", url_a, http("200 OK", page_a.content_type), b""),
        ("response", MODERN + "/", http("200 OK", listing.content_type), listing.body),
    ])
    second = tmp_path / "crawl-2.warc"
    write_warc(second, gz=False, records=[
        ("response", hand_url, http("200 OK", "text/html; charset=utf-8", [("Content-Encoding", "gzip")]),
         gzip.compress(HAND_WRITTEN.encode("utf-8"))),
        ("response", MODERN + "/hong.html", http("200 OK", "text/html"), b"<html><head><title>T\xc3\xa0i</title>"),
        ("response", "https://trangkhac.example.com/bai-viet-1.html", http("200 OK", "text/html; charset=utf-8"),
         HAND_WRITTEN.encode("utf-8")),
        ("response", MODERN + "/redirect", http("301 Moved Permanently", "text/html", [("Location", MODERN + "/")]), b""),
    ])
    return {"first": first, "second": second, "a": a, "url_a": url_a, "b": b, "url_b": url_b, "hand_url": hand_url}


def test_source_by_domain_most_specific_first():
    sources = SOURCES + (Source(name="nhipsong-thethao", domains=("thethao.nhipsong.example.vn",)),)
    assert source_for(MODERN + "/x", sources).name == "nhipsong"
    assert source_for("https://thethao.nhipsong.example.vn/y", sources).name == "nhipsong-thethao"
    assert source_for("http://nhipsong.example.vn.evil.com/", sources) is None


def test_import_stores_articles_and_counts_every_skip(tmp_path, archive):
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([archive["first"], archive["second"]], store, SOURCES)
        assert (summary.files, summary.new, summary.changed, summary.unchanged) == (2, 3, 0, 0)
        skipped = dict(summary.skipped)
        rejected = {k: v for k, v in skipped.items() if k.startswith("rejected by the cleaner")}
        assert sum(rejected.values()) == 2          # the listing page and the broken page
        assert any("listing" in k for k in rejected)
        assert {k: v for k, v in skipped.items() if k not in rejected} == {
            "not HTML": 1, "HTTP status 404": 1, "HTTP status 301": 1,
            "revisit record (a duplicate of an earlier capture)": 1,
            "domain of no configured source (use --source NAME)": 1,
        }
        assert summary.pages == 10 and summary.records == 13  # + 2 warcinfo + 1 request
        a = store.get_by_url(archive["url_a"]).article
        assert (a.source, a.title, a.published, a.body) == ("nhipsong", archive["a"].title, archive["a"].published,
                                                           archive["a"].body)
        assert a.fetched_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc) and a.http_status == 200
        b = store.get_by_url(archive["url_b"]).article
        assert (b.source, b.title, b.body) == ("biencuong", archive["b"].title, archive["b"].body)  # windows-1258
        hand = store.get_by_url(archive["hand_url"]).article
        assert hand.title == "Hợp tác xã chè Tân Tiến mở xưởng chế biến mới"   # gzip Content-Encoding undone
        assert "một tôm hai lá" in hand.body
        # The record stays addressable: provenance, and re-extraction without fetching.
        raw = read_response(tmp_path, a.warc_file, a.warc_offset)
        assert raw.url == archive["url_a"] and archive["a"].title.encode() in raw.body


def test_importing_twice_changes_nothing(tmp_path, archive):
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        import_warc([archive["first"]], store, SOURCES)
        seq = store.last_seq()
        again = import_warc([archive["first"]], store, SOURCES)
        assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
        assert store.last_seq() == seq


def test_a_named_source_takes_every_page(tmp_path, archive):
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([archive["second"]], store, SOURCES, source=Source(name="luutru"))
        assert summary.new == 2   # the unknown site's page is taken too
        assert store.counts_by_source() == {"luutru": 2}


def test_the_sources_follow_and_skip_patterns_choose_the_articles(tmp_path, archive):
    strict = (Source(name="nhipsong", domains=("nhipsong.example.vn",), follow=(r"-\d{5,}\.html$",),
                     skip=(r"/hop-tac-xa-",)),)
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([archive["first"], archive["second"]], store, strict)
        assert summary.new == 1                                   # article a; the hand-written one is skipped
        assert store.get_by_url(archive["url_a"]) is not None
    skipped = summary.skipped["not an article URL by the source's follow/skip patterns"]
    assert skipped == 3          # the listing page "/", the broken page, the hand-written page (skip pattern)
    assert not any("listing" in reason for reason in summary.skipped)


def test_a_target_uri_in_angle_brackets(tmp_path):
    (article, url, page), _ = sample_pages()
    path = tmp_path / "old-writer.warc"
    write_warc(path, gz=False, records=[("response", f"<{url}>", http("200 OK", page.content_type), page.body)])
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        assert import_warc([path], store, SOURCES).new == 1
        assert store.get_by_url(url).article.title == article.title


def test_a_body_over_the_cap_is_cut_at_a_paragraph_end(tmp_path):
    paragraph = "<p>Người dân xã Tân Tiến kể lại mùa chè năm ấy, từng đồi chè xanh mướt trải dài đến chân núi.</p>\n"
    long_page = HAND_WRITTEN.replace("</article>", paragraph * 60 + "</article>")
    url = MODERN + "/kinh-te/mua-che-tan-tien-4199998.html"
    path = tmp_path / "long.warc"
    write_warc(path, gz=False, records=[("response", url, http("200 OK", "text/html; charset=utf-8"),
                                         long_page.encode("utf-8"))])
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([path], store, SOURCES, max_body_chars=2000)
        body = store.get_by_url(url).article.body
    assert summary.new == 1 and summary.cut == [url]
    assert 1000 <= len(body) <= 2000 and body.endswith("chân núi.")


def test_a_truncated_warc_keeps_what_was_read(tmp_path, archive):
    data = archive["first"].read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([cut], store, SOURCES)
    assert summary.damaged and "cut.warc.gz" in summary.damaged[0]
    assert summary.new >= 1


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        'data_dir = "data"\n[crawl]\nworkers = 0\n'
        '[[sources]]\nname = "nhipsong"\ndomains = ["nhipsong.example.vn"]\n'
        '[[sources]]\nname = "biencuong"\ndomains = ["baobiencuong.example.vn"]\n', encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_khobao_import_warc_then_search(tmp_path, config, archive):
    result = run("--config", str(config), "import", str(archive["first"]))
    assert result.exit_code == 0, result.output
    assert "imported 2 articles from 6 captured pages (8 WARC records): 2 new, 0 changed, 0 unchanged" in result.output
    assert "skipped 4 pages:" in result.output and "HTTP status 404" in result.output
    assert "index" in result.output
    found = run("--config", str(config), "search", archive["b"].title, "--json")
    page = json.loads(found.output)
    assert page["hits"][0]["url"] == archive["url_b"] and page["hits"][0]["source"] == "biencuong"
    status = json.loads(run("--config", str(config), "status", "--json").output)
    assert status["sources"]["biencuong"]["articles"] == 1 and status["index"]["behind"] == 0


def test_khobao_import_warc_with_source(tmp_path, config, archive):
    result = run("--config", str(config), "import", str(archive["second"]), "--source", "luutru", "--no-index")
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    with ArticleStore(tmp_path / "data" / "articles.sqlite3") as store:
        assert store.counts_by_source() == {"luutru": 2}
    assert not (tmp_path / "data" / "index").exists()


def test_khobao_import_usage_errors(tmp_path, config, archive):
    missing = run("--config", str(config), "import", str(tmp_path / "nothing.warc.gz"))
    assert missing.exit_code == 2 and "no such file" in missing.output
    bare = tmp_path / "bare.toml"
    bare.write_text('data_dir = "bare"\n', encoding="utf-8")
    no_sources = run("--config", str(bare), "import", str(archive["first"]))
    assert no_sources.exit_code == 2 and "--source NAME" in no_sources.output
    wrong = run("--config", str(config), "import", str(archive["first"]), "--map", "url=link")
    assert wrong.exit_code == 2 and "not to WARC files" in wrong.output
    # --source now applies to JSON Lines too (issue 13): every line goes into that source
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"url": "https://x.example.vn/1"}\n', encoding="utf-8")
    forced = run("--config", str(config), "import", str(jsonl), "--source", "x", "--no-index")
    assert forced.exit_code == 0 and "by source: x 1" in forced.output
    assert Counter(load_settings(config).source(n).name for n in ("nhipsong", "biencuong")) == \
        Counter({"nhipsong": 1, "biencuong": 1})
