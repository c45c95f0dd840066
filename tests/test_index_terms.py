"""The terms an article is indexed under: syllables folded and accented, neighbouring pairs."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from indexer.terms import _index_terms_slow, index_terms


def counted(text):
    syllables, pairs = index_terms(text)
    return Counter(syllables), Counter(pairs)


def test_syllables_folded_plus_accented_forms_with_diacritics():
    syllables, pairs = counted("Hà Nội và ha noi")
    assert syllables == Counter({"ha": 2, "noi": 2, "hà": 1, "nội": 1, "va": 1, "và": 1})
    assert pairs == Counter({"ha noi": 2, "noi va": 1, "va ha": 1})


def test_tone_placement_nfd_and_d_bar_give_the_same_terms():
    forms = ["hoà bình", "hòa bình", unicodedata.normalize("NFD", "hoà bình"), "HOÀ BÌNH"]
    assert len({tuple(sorted(counted(f)[0].items())) for f in forms}) == 1
    assert counted("Ðiện Biên")[0]["điện"] == 1 and counted("Ðiện Biên")[1] == Counter({"dien bien": 1})


@pytest.mark.parametrize("text, pairs", [
    ("Hà Nội. Sau đó", {"ha noi", "sau do"}),          # a full stop breaks adjacency
    ("Hà-Nội", {"ha noi"}),                             # a hyphen does not
    ("covid-19 và  a_b", {"covid 19", "19 va", "va a"}),
    ("(Hà Nội), thủ đô", {"ha noi", "thu do"}),
    ("số 6/2/2017", {"so 6"}),
    ("dòng một\ndòng hai", {"dong mot", "mot dong", "dong hai"}),
])
def test_pairs_only_where_syllables_stand_together(text, pairs):
    assert set(counted(text)[1]) == pairs


@pytest.mark.parametrize("text", [
    "Hà Nội. Sau đó", "covid-19 và  a_b", "x — y", "a\u2010b", "số 6/2/2017", "a\nb", "a,b", "-a b-",
    "a--b", "a - b", "ü ñ", "\u0301a", "Thủ tướng: 'Không lơ là!' (TTXVN)", "", "   ", "中文 字",
    "e-mail: ban.doc@tin.vn", "Uỷ ban nhân dân TP.HCM", "a\u00a0b", "tab\tseparated",
])
def test_fast_tokenizer_equals_the_reference(text):
    fast, slow = index_terms(text), _index_terms_slow(text)
    assert Counter(fast[0]) == Counter(slow[0]) and Counter(fast[1]) == Counter(slow[1])
