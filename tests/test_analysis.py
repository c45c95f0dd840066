"""Vietnamese analysis, by tables: one canonical accented form, one folded form, offsets that highlight."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.analysis import (
    fold,
    has_diacritics,
    normalize,
    tokenize,
)
from khobao.demo.cp1258 import encode_windows_1258


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (input, the accented canonical form)
NORMALIZE = [
    # the two tone-mark conventions become one: mark on the first vowel of open oa / oe / uy
    ("hoà", "hòa"), ("hòa", "hòa"), ("Hoà Bình", "hòa bình"), ("HOÀ BÌNH", "hòa bình"),
    ("thuỷ", "thủy"), ("thủy", "thủy"), ("Thuỷ Nguyên", "thủy nguyên"), ("THUỶ", "thủy"),
    ("Uỷ ban", "ủy ban"), ("Ủy ban", "ủy ban"), ("UỶ BAN", "ủy ban"), ("uỷ nhiệm", "ủy nhiệm"),
    ("khoẻ", "khỏe"), ("khỏe", "khỏe"), ("KHOẺ", "khỏe"), ("sức khoẻ", "sức khỏe"),
    ("hoá", "hóa"), ("hóa", "hóa"), ("văn hoá", "văn hóa"), ("hoả hoạn", "hỏa hoạn"),
    ("thoả thuận", "thỏa thuận"), ("toạ đàm", "tọa đàm"), ("xoè", "xòe"), ("loè", "lòe"),
    ("tuỳ", "tùy"), ("tuỷ", "tủy"), ("luỹ", "lũy"), ("Thuỵ Điển", "thụy điển"), ("huỷ bỏ", "hủy bỏ"),
    ("hoạ sĩ", "họa sĩ"), ("loã", "lõa"),
    # spellings that only have one form are left alone
    ("hoàn thành", "hoàn thành"), ("thuyết phục", "thuyết phục"), ("quý", "quý"), ("Quỳnh", "quỳnh"),
    ("ngoài", "ngoài"), ("khuya", "khuya"), ("quả", "quả"), ("toán", "toán"), ("huyện", "huyện"),
    ("thuế", "thuế"), ("quyết", "quyết"), ("khoảng", "khoảng"), ("hoặc", "hoặc"), ("tuyển", "tuyển"),
    # NFD input (decomposed) reads as NFC
    (nfd("Hà Nội"), "hà nội"), (nfd("Điện Biên Phủ"), "điện biên phủ"), (nfd("hoà"), "hòa"),
    (nfd("Uỷ ban"), "ủy ban"), (nfd("Nguyễn Thị Thuỷ"), "nguyễn thị thủy"), (nfd("KHOẺ"), "khỏe"),
    # the look-alike Ð (U+00D0) is Đ
    ("\u00d0à Nẵng", "đà nẵng"), ("\u00d0IỆN BIÊN", "điện biên"),
    # mixed case and punctuation pass through lower-cased
    ("HÀ Nội", "hà nội"), ("Tp.HCM", "tp.hcm"), ("COVID-19", "covid-19"),
]

# (canonical accented form, folded form)
FOLD = [
    ("hà nội", "ha noi"), ("hạ nội", "ha noi"), ("điện biên phủ", "dien bien phu"), ("đà nẵng", "da nang"),
    ("đường", "duong"), ("ủy ban", "uy ban"), ("hòa bình", "hoa binh"), ("khỏe", "khoe"),
    ("thủy", "thuy"), ("nguyễn", "nguyen"), ("ưu tiên", "uu tien"), ("ơn", "on"), ("ăn", "an"),
    ("ấm", "am"), ("ế", "e"), ("ỹ", "y"), ("ộ", "o"), ("ự", "u"), ("ặ", "a"), ("kinh tế", "kinh te"),
]


@pytest.mark.parametrize("text, expected", NORMALIZE)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text, expected", FOLD)
def test_fold(text, expected):
    assert fold(text) == expected


def test_tables_are_large_enough():
    assert len(NORMALIZE) + len(FOLD) >= 60


@pytest.mark.parametrize("old, new", [("hoà bình", "hòa bình"), ("Uỷ ban", "Ủy ban"), ("thuỷ điện", "thủy điện"),
                                      ("khoẻ mạnh", "khỏe mạnh")])
def test_both_conventions_fold_and_normalize_identically(old, new):
    assert normalize(old) == normalize(new)
    assert fold(normalize(old)) == fold(normalize(new))


def test_windows_1258_text_decodes_to_the_same_tokens():
    # windows-1258 writes most tone marks as separate combining characters: the decoded text is not NFC.
    original = "Uỷ ban nhân dân tỉnh Lạng Sơn họp bàn về sức khoẻ cộng đồng"
    raw = encode_windows_1258(original)
    decoded = raw.decode("cp1258")
    assert decoded != original  # decomposed marks
    assert [s.text for s in tokenize(decoded)] == [s.text for s in tokenize(original)]
    assert normalize(decoded) == "ủy ban nhân dân tỉnh lạng sơn họp bàn về sức khỏe cộng đồng"


def test_has_diacritics():
    assert has_diacritics("Hà") and has_diacritics("đi") and has_diacritics(nfd("Nội"))
    assert not has_diacritics("ha noi") and not has_diacritics("COVID")


def test_tokenize_keeps_offsets_into_the_text():
    text = "Sáng 5/3, UBND TP. Hà Nội họp — “kinh tế” và xã_hội"
    syllables = list(tokenize(text))
    assert [s.text for s in syllables] == ["sáng", "5", "3", "ubnd", "tp", "hà", "nội", "họp", "kinh", "tế",
                                           "và", "xã", "hội"]
    for s in syllables:
        assert normalize(text[s.start:s.end]) == s.text


def test_tokenize_offsets_for_nfd_input_point_into_its_nfc_form():
    text = nfd("Chào Hà Nội")
    nfc_text = unicodedata.normalize("NFC", text)
    assert [nfc_text[s.start:s.end] for s in tokenize(text)] == ["Chào", "Hà", "Nội"]


