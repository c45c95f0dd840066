"""The matching bench's gold and scoring (bench/matching_gold.py), on invented sentences: so that the
bench cannot silently drift. No corpus needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from matching_fts import Fts  # noqa: E402
from matching_gold import article_text, forms, gold, holds, keys, score  # noqa: E402

ARTICLES = {
    1: ("Đội bóng đá phường Hòa Bình thắng lớn", "Các cầu thủ nhận thưởng từ Uỷ ban phường."),
    2: ("Bóng rổ và đá cầu", "Trẻ em chơi bóng, người lớn đá cầu trong sân."),
    3: ("Hội chợ Hà, Nội dung mới", "Ông Hà trình bày nội dung mới về bong bóng."),
    4: ("Bến xe Hà Nội đông khách", "Xe khách chạy từ Hà Nội đi Lý Sơn mỗi ngày."),
    5: ("Bỏng da vì nắng", "Bác sĩ khuyên che kín tay khi đi xe máy."),
    6: ("Lí do hoà giải", "Đôi bên hòa giải tại ủy ban xã."),
}


@pytest.fixture(scope="module")
def texts():
    return {i: article_text(title, body) for i, (title, body) in ARTICLES.items()}


def test_a_word_must_stand_together_accented_exactly(texts):
    assert gold(texts, ["bóng đá"], accented=True) == {1}            # 2 has both syllables, apart
    assert gold(texts, ["bóng đá"], accented=False) == {1, 5}        # folded: "Bỏng da" is "bong da" too
    assert gold(texts, ["Hà Nội"], accented=True) == {4}             # "Hà, Nội": a comma breaks the word


def test_several_words_each_together_anywhere(texts):
    assert gold(texts, ["xe khách", "Hà Nội"], accented=True) == {4}
    assert gold(texts, ["bác sĩ", "xe máy"], accented=True) == {5}
    assert gold(texts, ["bóng đá", "Hà Nội"], accented=True) == set()


def test_a_word_never_spans_title_and_body(texts):
    assert not holds(texts[1], ["thắng lớn các"], accented=True)
    assert holds(texts[1], ["thắng lớn"], accented=True)


def test_tone_placement_and_i_y_variants_are_one_syllable(texts):
    assert keys("hoà") == keys("hòa") and keys("uỷ") == keys("ủy")
    assert keys("lý")[0] == keys("lí")[0] and keys("kỳ")[0] == keys("kì")[0]
    assert keys("quý") != keys("quí") and keys("tay") != keys("tai")     # the rhymes uy, ay keep y
    assert keys("hòa")[0] != keys("hóa")[0] and keys("hòa")[1] == keys("hóa")[1]
    assert gold(texts, ["hòa giải"], accented=True) == {6}
    assert gold(texts, ["Ủy ban"], accented=True) == {1, 6}
    assert gold(texts, ["lý do"], accented=True) == {6}
    assert gold(texts, ["Lý Sơn"], accented=False) == {4}


def test_the_unaccented_form_is_the_folded_typing():
    assert forms(["Đà Nẵng", "bóng đá"]) == {"accented": "Đà Nẵng bóng đá", "unaccented": "da nang bong da"}


def test_precision_recall_f1_arithmetic():
    got = score({1, 2, 3, 4}, {3, 4, 5})
    assert (got.precision, got.recall) == (0.5, pytest.approx(2 / 3))
    assert got.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert score({1}, {1}).f1 == 1.0
    assert score(set(), set()).f1 == 1.0
    assert score(set(), {1}) .f1 == 0.0 and score({1}, set()).f1 == 0.0
    assert score({7, 8}, {1}).f1 == 0.0


def test_the_fts5_peers_read_both_forms():
    fts = Fts(ARTICLES)
    try:
        assert fts.matches(["bóng đá"], accented=True, phrases=True) == {1}
        assert fts.matches(["bóng đá"], accented=True, phrases=False) == {1, 2}
        assert fts.matches(["bóng đá"], accented=False, phrases=True) == {1, 5}     # đ folded as d
        assert fts.matches(["hoà giải"], accented=True, phrases=True) == {6}        # one tone placement
        assert fts.matches(["Hà Nội"], accented=True, phrases=True) == {3, 4}       # FTS5 crosses the comma
    finally:
        fts.close()
