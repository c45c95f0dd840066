"""The rules behind crawling real sites, on their edge cases: soft 404s versus real news that says
"not found", AMP addresses, trap bounds that spare real archives, session ids, a stale meta charset."""

from __future__ import annotations

import pytest

from crawler.amp import is_amp_page, original_of_amp
from crawler.charset import detect_charset
from crawler.clean import parse_html
from crawler.encoding import decode_content
from crawler.settings import Source
from crawler.soft404 import ERROR_PAGE, HOME_REDIRECT, NOT_FOUND, soft_404
from crawler.traps import PAGE_NUMBER, QUERY_VARIANTS, REPEATED_SEGMENT, TrapGuard, path_trap
from crawler.warc import iter_responses, response_record
from khobao.demo.cp1258 import encode_windows_1258
from store import has_tracking, normalize_url

PROSE = ("Lực lượng cứu hộ đã làm việc suốt đêm dọc hai bờ suối, chia thành nhiều tổ nhỏ để tìm kiếm theo từng "
         "đoạn, với sự giúp sức của hàng trăm người dân trong vùng. ")


def page(title: str, h1: str, paragraphs: int = 0) -> object:
    body = "".join(f"<p>{PROSE * 2}</p>" for _ in range(paragraphs))
    return parse_html(f"<html><head><title>{title}</title></head><body><h1>{h1}</h1>{body}</body></html>")


@pytest.mark.parametrize("title, h1, why", [
    ("Không tìm thấy trang - Báo X", "Không tìm thấy trang", NOT_FOUND),
    ("Báo X", "Bài viết không tồn tại hoặc đã bị xóa", NOT_FOUND),
    ("404 - Báo X", "Ối!", NOT_FOUND),
    ("Page not found | Daily", "Sorry", NOT_FOUND),
    ("Báo X", "Lỗi kết nối cơ sở dữ liệu", ERROR_PAGE),
    ("Service Unavailable", "Service Unavailable", ERROR_PAGE),
])
def test_not_found_and_error_pages_are_recognised(title, h1, why):
    assert soft_404(page(title, h1), "http://bao.example/tin/a-1.html") == why


@pytest.mark.parametrize("title", [
    "Không tìm thấy thi thể nạn nhân mất tích trong lũ",   # news: "victim not found"
    "Lỗi hệ thống khiến hàng nghìn hành khách mắc kẹt ở sân bay",  # news about a system error
    "404 thí sinh đạt điểm tuyệt đối môn toán",           # a number, not an error code
    "Hiker not found after three days in the mountains",
])
def test_real_news_that_says_not_found_or_error_is_an_article(title):
    assert soft_404(page(title, title, paragraphs=3), "http://bao.example/tin/a-1.html") is None


def test_a_not_found_mark_or_message_in_a_short_page_is_a_soft_404():
    marked = parse_html('<html><body class="archive error404 wp-theme"><h1>Tin mới</h1><p>Xem thêm</p></body></html>')
    message = parse_html("<html><head><title>Báo X</title></head><body><div class='box'><p>Rất tiếc, "
                         "trang bạn tìm kiếm không tồn tại.</p></div></body></html>")
    assert soft_404(marked, "http://bao.example/a") == NOT_FOUND == soft_404(message, "http://bao.example/a")
    teaser = parse_html(f"<html><body><p>Công ty ma: địa chỉ ghi trên hồ sơ không tồn tại</p><p>{PROSE * 4}</p>"
                        f"<p>{PROSE * 4}</p></body></html>")
    assert soft_404(teaser, "http://bao.example/a") is None


def test_an_article_url_sent_to_the_home_page_is_a_soft_404():
    tree = page("Báo X", "Tin mới")
    assert soft_404(tree, "http://bao.example/", asked_url="http://bao.example/tin/a-1.html") == HOME_REDIRECT
    assert soft_404(tree, "http://bao.example/", asked_url="http://bao.example/") is None


@pytest.mark.parametrize("amp, original", [
    ("https://bao.example/amp/tin/a-1.html", "https://bao.example/tin/a-1.html"),
    ("https://amp.bao.example/tin/a-1.html", "https://bao.example/tin/a-1.html"),
    ("https://bao.example/tin/a-1.html?amp=1&id=2", "https://bao.example/tin/a-1.html?id=2"),
    ("https://bao.example/tin/a-1.amp.html", "https://bao.example/tin/a-1.html"),
    ("https://bao.example/tin/a-1/amp/", "https://bao.example/tin/a-1/"),
    ("https://bao.example/tin/a-1.html?outputType=amp", "https://bao.example/tin/a-1.html"),
])
def test_amp_addresses_name_the_article_they_copy(amp, original):
    assert original_of_amp(amp) == original


@pytest.mark.parametrize("url", ["https://bao.example/tin/a-1.html", "https://bao.example/ampere/a.html",
                                 "https://bao.example/tin/a.html?ampm=1", "https://ampl.example/a.html"])
def test_other_addresses_are_no_amp_copies(url):
    assert original_of_amp(url) is None


def test_an_amp_page_says_so_in_its_html_tag():
    assert is_amp_page("<!doctype html><html amp lang='vi'>") and is_amp_page("<html ⚡>")
    assert not is_amp_page("<html lang='vi' class='amp-ready'>")


def test_session_ids_and_tracking_parameters_are_dropped_and_noticed():
    url = "https://bao.example/tin/a-1.html;jsessionid=9F8E?PHPSESSID=1&utm_source=zalo&fbclid=x&ref=home&id=7"
    assert normalize_url(url) == "https://bao.example/tin/a-1.html?id=7"
    assert has_tracking(url) and not has_tracking("https://bao.example/tin/a-1.html?id=7")
    assert normalize_url(normalize_url(url)) == normalize_url(url)


def test_old_archives_are_no_traps():
    source = Source(name="bao")
    guard = TrapGuard()
    for n in range(300):   # old sites name every article by its number on one path
        for url in (f"http://bao.example/news.php?id={n}", f"http://bao.example/Detail.aspx?NewsID={n}&CatID=3"):
            key = normalize_url(url)
            assert guard.reason(key, key, source) is None
    listed = Source(name="bao", follow=(r"/tin\.php\?ngay=",))   # config.toml says these are articles
    for n in range(300):
        key = normalize_url(f"http://bao.example/tin.php?ngay=2020-01-01&so={n}")
        assert guard.reason(key, key, listed) is None
    assert path_trap("http://bao.example/2011/11/11/bai-1.html") is None   # a date, not a loop
    assert path_trap("http://bao.example/tin/?page=250") is None


def test_calendars_filters_pages_and_loops_are_traps():
    source = Source(name="bao")
    guard = TrapGuard()
    reasons = []
    for n in range(150):
        key = normalize_url(f"http://bao.example/lich/?date=2020-01-01&n={n}")
        reasons.append(guard.reason(key, key, source))
    assert reasons[:100] == [None] * 100 and set(reasons[100:]) == {QUERY_VARIANTS}
    assert path_trap("http://bao.example/tin/?page=999999") == PAGE_NUMBER
    assert path_trap("http://bao.example/a/b/a/b/a/b/") == REPEATED_SEGMENT


def test_a_correct_header_beats_a_stale_meta():
    data = encode_windows_1258('<meta charset="iso-8859-1"><p>Người dân đón Tết Nguyên đán với niềm vui mới.</p>')
    assert detect_charset(data, "text/html; charset=windows-1258") == "cp1258"
    assert detect_charset(data, "text/html; charset=iso-8859-1") == "cp1252"   # nothing proves otherwise


def test_a_compressed_bomb_is_refused_at_the_decoded_size():
    import gzip
    bomb = gzip.compress(b"\0" * 5_000_000)
    body, why = decode_content(bomb, "gzip", 100_000)
    assert body is None and "too large" in why


@pytest.mark.parametrize("coding, stored", [("br", None), ("gzip", "as decoded"), ("compress", "as is")])
def test_archived_payloads_read_back_decoded_or_as_stored(tmp_path, coding, stored):
    """Ours are coded; some archivers keep the Content-Encoding header over a decoded body."""
    import brotli

    page = "<html><body><p>Chợ phiên vùng cao đông vui.</p></body></html>".encode()
    payload = brotli.compress(page) if stored is None else page
    record = response_record("http://bao.example/a.html", 200, "OK", "HTTP/1.1",
                             [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", coding)], payload)
    (tmp_path / "a.warc.gz").write_bytes(record)
    assert [r.body for r in iter_responses(tmp_path / "a.warc.gz")] == [page]
