"""Keyword in context, the text part (webui/kwic_lines.py): context cut at word boundaries, never
across a paragraph, Vietnamese text in NFC and NFD, and the folded sort by the word beside a match."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from webui import kwic_lines as kl
from webui.kwic_lines import ELLIPSIS, Article, Line, left_context, right_context, sort_key

HANOI = timezone(timedelta(hours=7))
TEXT = ("Sáng nay, thành phố Hà Nội khởi công tuyến đường vành đai số 3 dài 10 km, nối các khu dân cư phía tây.\n"
        "Đoạn hai nói về Hà Nội.")


def at(text: str, word: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start


def test_a_short_paragraph_is_shown_whole_without_a_cut_mark():
    start = at(TEXT, "Hà Nội")
    assert left_context(TEXT, start) == "Sáng nay, thành phố "
    assert right_context(TEXT, start + len("Hà Nội"), width=200) == \
        " khởi công tuyến đường vành đai số 3 dài 10 km, nối các khu dân cư phía tây."


def test_a_cut_falls_between_words_and_says_so():
    start = at(TEXT, "Hà Nội")
    assert left_context(TEXT, start, width=11) == f"{ELLIPSIS} thành phố "
    # 8 characters back is inside "thành": that word is left out, not shown as "ành"
    assert left_context(TEXT, start, width=8) == f"{ELLIPSIS} phố "
    right = right_context(TEXT, start + len("Hà Nội"), width=13)
    assert right == f" khởi công {ELLIPSIS}"   # " khởi công tu" would end inside "tuyến"


def test_context_never_crosses_a_paragraph():
    start = at(TEXT, "Hà Nội", 1)
    assert left_context(TEXT, start, width=500) == "Đoạn hai nói về "
    first_end = at(TEXT, "Hà Nội") + len("Hà Nội")
    assert "\n" not in right_context(TEXT, first_end, width=500)
    assert right_context(TEXT, first_end, width=500).endswith("phía tây.")


def test_text_in_nfd_is_cut_between_words_not_between_a_letter_and_its_tone():
    nfd = unicodedata.normalize("NFD", TEXT)
    start = at(nfd, unicodedata.normalize("NFD", "Hà Nội"))
    for width in range(1, 40):
        left = left_context(nfd, start, width)
        shown = left.removeprefix(f"{ELLIPSIS} ")
        first = shown.split()[0] if shown.split() else ""
        # the first word shown is a whole word of the text, marks and all
        assert nfd[:start].endswith(shown)
        assert not first or first.strip(",.") in [word.strip(",.") for word in nfd.split()], (width, left)
        assert not shown or not unicodedata.combining(shown[0])


def test_white_space_runs_read_as_one_space():
    text = "Ông   Hà\tNội  nói"
    start = text.index("Hà")
    assert left_context(text, start) == "Ông "
    assert right_context(text, start + 2) == " Nội nói"


def test_lines_of_an_article_in_reading_order_with_the_title_marked():
    article = Article(7, "Hà Nội mùa thu", "thoidai", datetime(2020, 1, 2, tzinfo=HANOI), "https://x.example.vn/7")
    text = kl.article_text(article.title, "Trời Hà Nội hôm nay.\nNgười Hà Nội đi làm.")
    spans = [(i, i + 6) for i in range(len(text)) if text.startswith("Hà Nội", i)]
    lines = kl.lines_of(article, text, spans)
    assert [(line.left, line.match, line.right, line.in_title) for line in lines] == [
        ("", "Hà Nội", " mùa thu", True),
        ("Trời ", "Hà Nội", " hôm nay.", False),
        ("Người ", "Hà Nội", " đi làm.", False),
    ]


def test_words_fold_so_that_accents_and_case_sort_together():
    assert kl.fold_word("Hà") == kl.fold_word("ha") == kl.fold_word("HÀ") == "ha"
    assert kl.fold_word("Đà") == "da" and kl.fold_word(unicodedata.normalize("NFD", "Nẵng")) == "nang"
    assert kl.written_words(f"{ELLIPSIS} ông, Hà-Nội (năm 2020)") == ["ông", "Hà", "Nội", "năm", "2020"]
    assert kl.written_words(unicodedata.normalize("NFD", "Người Hà")) == [unicodedata.normalize("NFD", "Người"), unicodedata.normalize("NFD", "Hà")]


def line(left: str, right: str = "", *, day: int = 1, article_id: int = 1) -> Line:
    article = Article(article_id, "t", "s", datetime(2020, 1, day, tzinfo=HANOI), "u")
    return Line(article, left, "khởi công", right, 0)


def test_sort_by_the_word_to_the_left_is_folded_nearest_word_first():
    lines = [line("thành phố Hải "), line("ông "), line("phố Hà "), line("vì ha "), line(""), line("Ở An ")]
    ordered = [x.left for x in sorted(lines, key=lambda x: sort_key(x, "left"))]
    # an, ha, ha, hai, ong: "Hà" and "ha" side by side (then by the next word out: phố, vì); none: last
    assert ordered == ["Ở An ", "phố Hà ", "vì ha ", "thành phố Hải ", "ông ", ""]


def test_sort_by_the_word_to_the_right_then_newest_first():
    lines = [line("", " Đà Nẵng", day=1), line("", " da nang", day=3), line("", " cần thơ", day=2),
             line("", " Đà Lạt", day=4)]
    ordered = [(x.right, x.article.published.day) for x in sorted(lines, key=lambda x: sort_key(x, "right"))]
    assert ordered == [(" cần thơ", 2), (" Đà Lạt", 4), (" da nang", 3), (" Đà Nẵng", 1)]


WORDS = st.sampled_from(["Hà", "Nội", "thành", "phố", "khởi", "công", "đường", "số", "3", "km,", "nghìn.",
                         unicodedata.normalize("NFD", "Nẵng"), unicodedata.normalize("NFD", "người"), "(mới)"])


@settings(max_examples=150, deadline=None)
@given(before=st.lists(WORDS, max_size=20), after=st.lists(WORDS, max_size=20), width=st.integers(1, 80))
def test_context_is_whole_words_of_the_paragraph_next_to_the_match(before, after, width):
    text = " ".join(before) + (" " if before else "") + "MATCH" + (" " if after else "") + " ".join(after)
    start = text.index("MATCH")
    end = start + len("MATCH")
    left, right = left_context(text, start, width), right_context(text, end, width)
    shown_left, shown_right = left.removeprefix(f"{ELLIPSIS} "), right.removesuffix(f" {ELLIPSIS}")
    assert text[:start].endswith(shown_left) and text[end:].startswith(shown_right)
    assert len(shown_left) <= width and len(shown_right) <= width
    assert left.startswith(ELLIPSIS) == (shown_left != text[:start])
    assert right.endswith(ELLIPSIS) == (shown_right != text[end:])
    # a cut never leaves part of a word
    cut_left = start - len(shown_left)
    assert cut_left == 0 or not (kl.is_word_char(text[cut_left - 1]) and kl.is_word_char(text[cut_left]))
    cut_right = end + len(shown_right)
    assert cut_right == len(text) or not (kl.is_word_char(text[cut_right - 1]) and kl.is_word_char(text[cut_right]))
