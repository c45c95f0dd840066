"""Page bytes → NFC text: header, then meta, then detection; windows-1258 and NFD pages end as NFC."""

from __future__ import annotations

import unicodedata

import pytest

from crawler.charset import decode_html, detect_charset
from crawler.clean import extract
from khobao.demo.cp1258 import encode_windows_1258

TEXT = ("Thủ tướng yêu cầu các bộ, ngành khẩn trương khắc phục hậu quả mưa lũ ở miền Trung; "
        "người dân Quảng Bình, Hà Tĩnh được hỗ trợ gạo, nước uống và thuốc men. Đồng bào ổn định cuộc sống.")
PAGE = ("<html><head>{meta}<title>Khắc phục hậu quả mưa lũ</title></head><body>"
        "<h1>Khắc phục hậu quả mưa lũ ở miền Trung</h1><p>" + TEXT + "</p><p>" + TEXT + "</p></body></html>")


def page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


def test_cp1258_bytes_really_use_combining_tone_marks():
    data = encode_windows_1258("Thủ tướng")
    assert data == b"Thu\xd2 t\xfd\xf5\xecng"  # u + combining hook above; ư ơ precomposed + combining acute


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=windows-1258", "text/html; charset=Windows-1258", 'text/html; charset="cp1258"'],
)
def test_windows_1258_from_header_ends_nfc(content_type):
    text = decode_html(encode_windows_1258(page()), content_type)
    assert TEXT in text
    assert unicodedata.is_normalized("NFC", text)


def test_windows_1258_from_meta_charset():
    text = decode_html(encode_windows_1258(page('<meta charset="windows-1258">')), "text/html")
    assert TEXT in text


def test_windows_1258_from_meta_http_equiv():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    text = decode_html(encode_windows_1258(page(meta)))
    assert TEXT in text and unicodedata.is_normalized("NFC", text)


def test_windows_1258_without_any_declaration_is_detected():
    text = decode_html(encode_windows_1258(page()))
    assert TEXT in text


def test_windows_1258_page_cleans_to_a_searchable_article():
    article = extract(decode_html(encode_windows_1258(page('<meta charset="windows-1258">'))), "https://x.example.vn/a.html")
    assert article.title == "Khắc phục hậu quả mưa lũ ở miền Trung"
    assert "Thủ tướng yêu cầu" in article.body


def test_nfd_utf8_page_ends_nfc():
    nfd = unicodedata.normalize("NFD", page('<meta charset="utf-8">')).encode("utf-8")
    text = decode_html(nfd)
    assert TEXT in text
    assert "Thu\u0309" not in text


def test_header_wins_over_meta_when_both_decode():
    # Bytes valid in both: the HTTP header is what the server says, and it wins (as in browsers).
    data = '<html><head><meta charset="iso-8859-5"></head><body><p>Gia ca on dinh \u00e9t\u00e9</p></body></html>'
    data = data.encode("cp1252")
    assert detect_charset(data, "text/html; charset=windows-1252") == "cp1252"
    assert "\u00e9t\u00e9" in decode_html(data, "text/html; charset=windows-1252")


def test_meta_wins_when_header_charset_cannot_decode_the_bytes():
    data = encode_windows_1258(page('<meta charset="windows-1258">'))
    text = decode_html(data, "text/html; charset=utf-8")  # a wrong header, common on shared hosting
    assert TEXT in text


def test_utf8_page_mislabelled_latin1_is_read_as_utf8():
    data = page('<meta charset="iso-8859-1">').encode("utf-8")
    assert TEXT in decode_html(data, "text/html; charset=ISO-8859-1")


def test_no_charset_anywhere_utf8():
    assert TEXT in decode_html(page().encode("utf-8"))
    assert TEXT in decode_html(page().encode("utf-8"), "text/html")


def test_byte_order_mark_wins():
    assert decode_html(b"\xef\xbb\xbf" + page().encode("utf-8"), "text/html; charset=windows-1252").startswith("<html>")


def test_unknown_charset_label_falls_back():
    text = decode_html(page('<meta charset="x-no-such-charset">').encode("utf-8"), "text/html; charset=bogus")
    assert TEXT in text


@pytest.mark.parametrize("data", [b"", b"\x00\xff\xfe\x80" * 100, bytes(range(256)) * 20, b"\x81\x8d\x8f\x90\x9d"])
def test_garbage_never_raises(data):
    assert isinstance(decode_html(data, "text/html; charset=utf-8"), str)
    assert isinstance(decode_html(data), str)


def test_undecodable_utf8_becomes_replacement_characters():
    good = page('<meta charset="utf-8">').encode("utf-8")
    data = good[:300] + b"\xff\xfe" + good[300:]  # two stray bytes spliced into a UTF-8 page
    for content_type in ("text/html; charset=utf-8", None):
        text = decode_html(data, content_type)
        assert TEXT in text and "\ufffd" in text
