"""Spelling variants that are one word (issue 11, points 6 and 7), on a real index of invented articles.

- i/y: "lý do" / "lí do", "quý" / "quí", "mỹ thuật" / "mĩ thuật", "bác sỹ" / "bác sĩ", "tỷ giá" /
  "tỉ giá" are one word at index and query time, typed with or without accents; the rhymes uy,
  ay, oay and a y that is not final or stands alone are untouched.
- numbers: "1.500" is the one term "1500", "2,5" one term (and "2.5%" reads as "2,5%"), "20%" and
  "20 %" alike; a date "15.3.2024" stays its syllables.
Highlighting, quoted phrases and the accent suggestion follow every spelling.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import open_engine
from indexer.analysis import normalize, spellings, tokenize
from indexer.api import SearchRequest
from indexer.generations import STATE_FILE
from indexer.phrases import holds_phrase, phrase_pattern
from indexer.query import parse
from indexer.snippets import highlight
from indexer.terms import _index_terms_slow, index_terms
from khobao.cli import cli
from store import Article, ArticleStore
from tests.vn_articles import at, build

# key: (title, body); every article is written in one spelling only
ARTICLES = {
    "ly": ("Lý do giá rau tăng", "Tiểu thương nêu lý do giá rau tăng vọt sau trận mưa lớn."),
    "li": ("Lí do học sinh nghỉ học", "Nhà trường giải thích lí do nhiều em nghỉ học trong tuần."),
    "quy": ("Quý một khởi sắc", "Doanh thu quý một của hợp tác xã tăng nhẹ."),
    "qui": ("Quí hai chững lại", "Sang quí hai, sức mua ở chợ huyện chững lại."),
    "my": ("Triển lãm mỹ thuật đương đại", "Bảo tàng mở triển lãm mỹ thuật của các họa sĩ trẻ."),
    "mi": ("Trường mĩ thuật tuyển sinh", "Khoa mĩ thuật ứng dụng nhận hồ sơ đến cuối tháng."),
    "sy": ("Bác sỹ trẻ về bản", "Một bác sỹ trẻ tình nguyện về bản vùng cao."),
    "si": ("Bác sĩ khám bệnh miễn phí", "Các bác sĩ khám bệnh miễn phí cho người cao tuổi."),
    "ty": ("Tỷ giá ngoại tệ ổn định", "Tỷ giá đồng đô la ổn định; tỷ giá đồng yên giảm nhẹ."),
    "ti": ("Tỉ giá trung tâm giảm", "Tỉ giá trung tâm hôm nay giảm nhẹ."),
    "rhymes": ("Tuy mưa nhưng chợ vẫn hay đông",
               "Đêm khuya, anh Huy vẫn yêu nghề bán hàng rong; ý kiến của anh về y tế cũng lạ."),
    "tui_hai": ("Tui kể chuyện hai con mèo", "Hai con mèo nhà tui rất ngoan."),
    "num_dots": ("Dự án 1.500 tỷ đồng khởi công",
                 "Tổng vốn 1.500 tỷ đồng, tăng 2,5% so với dự kiến; 20% vốn từ ngân sách."),
    "num_plain": ("Gói 1500 tỷ đồng cho nông thôn", "Gói hỗ trợ có lãi suất thấp hơn 2.5% so với thị trường."),
    "num_tricky": ("Đường cao tốc cần thêm vốn",
                   "Dự án cần 1.500 tỷ đồng; riêng giai đoạn đầu cần 500 tỷ từ trái phiếu."),
    "num_500": ("Ngân hàng giải ngân 500 tỷ đồng", "Khoản vay 500 tỷ đồng dành cho doanh nghiệp nhỏ."),
    "num_million": ("Giá vé 1.500.000 đồng", "Vé hạng nhất có giá 1.500.000 đồng một lượt."),
    "num_percent_space": ("Dân số đô thị tăng 20 % trong mười năm", "Tốc độ tăng 20 % vốn là dự báo cũ."),
    "num_date": ("Họp báo ngày 15.3", "Buổi họp báo diễn ra ngày 15.3.2024 tại Đà Nẵng, lúc 10.30."),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("variants")
    articles = [Article(url=f"https://tin.example.vn/{key}.html", title=title, body=body, source="baomau",
                        published=at(2024, 1, 1 + n)) for n, (key, (title, body)) in enumerate(ARTICLES.items())]
    store, index_dir, ids = build(data_dir, articles)
    key_of = {ids[f"https://tin.example.vn/{key}.html"]: key for key in ARTICLES}
    with open_engine(index_dir) as engine:
        yield engine, key_of
    store.close()


def hits(corpus, query):
    engine, key_of = corpus
    return engine.search(SearchRequest(query, per_page=100)).hits, key_of


def found(corpus, query) -> set[str]:
    page, key_of = hits(corpus, query)
    return {key_of[hit.id] for hit in page}


def hit(corpus, query, key):
    page, key_of = hits(corpus, query)
    return next(h for h in page if key_of[h.id] == key)


# -- i / y -----------------------------------------------------------------------------------------

I_Y_WORDS = [  # (spelling with y, spelling with i, the articles)
    ("lý do", "lí do", {"ly", "li"}),
    ("quý", "quí", {"quy", "qui"}),
    ("mỹ thuật", "mĩ thuật", {"my", "mi"}),
    ("bác sỹ", "bác sĩ", {"sy", "si"}),
    ("tỷ giá", "tỉ giá", {"ty", "ti"}),
]


@pytest.mark.parametrize("with_y, with_i, keys", I_Y_WORDS)
def test_i_and_y_spellings_find_each_other_accented_and_not(corpus, with_y, with_i, keys):
    from indexer.analysis import fold
    for query in (with_y, with_i, fold(with_y), fold(with_i), with_y.upper(), with_i.title()):
        assert found(corpus, query) == keys, query


@pytest.mark.parametrize("with_y, with_i", [(y, i) for y, i, _ in I_Y_WORDS])
def test_i_and_y_spellings_normalize_and_index_alike(with_y, with_i):
    assert normalize(with_y) == normalize(with_i)
    assert Counter(index_terms(with_y)[0]) == Counter(index_terms(with_i)[0])
    assert Counter(index_terms(with_y)[1]) == Counter(index_terms(with_i)[1])


@pytest.mark.parametrize("text, canonical", [
    # canonical: i after a consonant, y after qu (the rhyme of "quy" is uy)
    ("Lý", "lí"), ("kỹ thuật", "kĩ thuật"), ("Mỹ", "mĩ"), ("hy vọng", "hi vọng"), ("tỷ lệ", "tỉ lệ"),
    ("kỳ họp", "kì họp"), ("ly hôn", "li hôn"), ("Vy", "vi"), ("quí", "quý"), ("qui định", "quy định"),
    ("quỹ", "quỹ"), ("quĩ", "quỹ"), ("QUÝ", "quý"), ("lí", "lí"), ("bác sĩ", "bác sĩ"),
    # untouched: the rhymes uy, ay, oay, a y that is not final, stands alone or after a vowel
    ("tuy", "tuy"), ("hay", "hay"), ("khoáy", "khoáy"), ("Huy", "huy"), ("thủy", "thủy"), ("yêu", "yêu"),
    ("khuya", "khuya"), ("quyết", "quyết"), ("ý kiến", "ý kiến"), ("y tế", "y tế"), ("máy", "máy"),
    ("Kennedy", "kennedy"), ("Sydney", "sydney"), ("tui", "tui"), ("hai", "hai"), ("xoáy", "xoáy"),
])
def test_canonical_i_y_spelling(text, canonical):
    assert normalize(text) == canonical


def test_rhymes_uy_and_ay_are_other_words(corpus):
    assert found(corpus, "tuy") == {"rhymes"} and found(corpus, "tui") == {"tui_hai"}
    assert found(corpus, "hay") == {"rhymes"} and found(corpus, "hai") == {"qui", "tui_hai"}
    assert found(corpus, "yêu") == {"rhymes"} and found(corpus, "khuya") == {"rhymes"}
    assert found(corpus, "ý kiến") == {"rhymes"} and found(corpus, "y tế") == {"rhymes"}


@pytest.mark.parametrize("query, key, marked", [
    ("lí do", "ly", "Lý do"), ("ly do", "ly", "Lý do"), ("lý do", "li", "Lí do"), ("quí", "quy", "Quý"),
    ("mỹ thuật", "mi", "mĩ thuật"), ("bac sy", "si", "Bác sĩ"), ("tỉ giá", "ty", "Tỷ giá"),
])
def test_the_other_spelling_is_highlighted(corpus, query, key, marked):
    found_hit = hit(corpus, query, key)
    assert f"<mark>{marked}</mark>" in found_hit.title_html + found_hit.snippet


def test_the_snippet_counts_both_spellings_as_one_word():
    # the passage with the most different query words wins: "Lí do ... lý do" is one word, twice
    from indexer.snippets import snippet
    text = "Lý do này. " + "x " * 200 + "Lí do thứ hai và lý do thứ ba. " + "y " * 200 + "Giá lí do tăng."
    assert snippet(text, tuple(parse("lý do giá").terms)).endswith("<mark>Giá lí do</mark> tăng.")


@pytest.mark.parametrize("phrase, keys", [
    ('"lí do giá rau"', {"ly"}), ('"lý do học sinh"', {"li"}), ('"bác sỹ khám bệnh"', {"si"}),
    ('"tỉ giá đồng"', {"ty"}), ('"mĩ thuật ứng dụng"', {"mi"}), ('"quý hai"', {"qui"}),
])
def test_quoted_phrases_confirm_the_other_spelling(corpus, phrase, keys):
    assert found(corpus, phrase) == keys


def test_suggestion_groups_the_spellings_and_shows_the_commoner_one(corpus):
    # "tỷ giá" three times in its article, "tỉ giá" twice in another: one reading, shown as written most
    engine, _ = corpus
    assert engine.search(SearchRequest("ty gia")).suggestion == "tỷ giá"
    assert engine.search(SearchRequest("Ti gia")).suggestion == "Tỷ giá"


# -- numbers ---------------------------------------------------------------------------------------

DOTS_AND_PLAIN = {"num_dots", "num_plain", "num_tricky"}


@pytest.mark.parametrize("query", ["1.500 tỷ", "1500 tỷ", "1500 ty", "1.500 TỶ", "1.500 tỉ"])
def test_thousands_dots_match_the_plain_number(corpus, query):
    assert found(corpus, query) == DOTS_AND_PLAIN


def test_a_number_is_one_term(corpus):
    assert found(corpus, "500 tỷ") == {"num_500", "num_tricky"}  # "1.500" holds no "500"
    assert found(corpus, "1.500.000") == found(corpus, "1500000 đồng") == {"num_million"}
    assert "num_million" not in found(corpus, "1.500")
    assert [s.text for s in tokenize("1.500 tỷ, 1.500.000 và 1.234,5")] == ["1500", "tỉ", "1500000", "và", "1234,5"]


@pytest.mark.parametrize("query", ["2,5%", "2.5%", "2,5", "2,5 %", "2.5 %"])
def test_decimal_comma_and_percent(corpus, query):
    assert found(corpus, query) == {"num_dots", "num_plain"}


def test_a_percent_sign_apart_belongs_to_its_number():
    for query, term in [("20 %", "20"), ("2.5 %", "2,5"), ("2,5 %", "2,5"), ("tăng 20 %", "20")]:
        parsed = parse(query)
        assert parsed.notes == [] and parsed.terms[-1].text == term, query
    assert [n.key for n in parse("giá %").notes] == ["nothing_to_search"]  # no number before it


def test_percent_with_or_without_a_space(corpus):
    assert found(corpus, "20%") == found(corpus, "20 %") == {"num_dots", "num_percent_space"}
    assert found(corpus, '"20% vốn"') == found(corpus, '"20 % vốn"') == {"num_dots", "num_percent_space"}
    assert index_terms("tăng 20% dân số") == index_terms("tăng 20 % dân số")


def test_dates_and_times_with_dots_stay_syllables(corpus):
    assert [s.text for s in tokenize("ngày 15.3.2024, lúc 10.30, ngày 2.9")] == \
        ["ngày", "15", "3", "2024", "lúc", "10", "30", "ngày", "2", "9"]
    assert found(corpus, "2024") == {"num_date"} and found(corpus, "15") == {"num_date"}
    assert found(corpus, "15,3") == set()


@pytest.mark.parametrize("phrase, keys", [
    ('"1.500 tỷ đồng"', DOTS_AND_PLAIN), ('"1500 tỷ đồng"', DOTS_AND_PLAIN), ('"1500 ty dong"', DOTS_AND_PLAIN),
    ('"500 tỷ đồng"', {"num_500"}),           # in num_tricky "500 tỷ" stands apart from "1.500 tỷ đồng"
    ('"tăng 2,5%"', {"num_dots"}), ('"thấp hơn 2,5"', {"num_plain"}), ('"giá 1.500.000 đồng"', {"num_million"}),
])
def test_quoted_phrases_with_numbers(corpus, phrase, keys):
    assert found(corpus, phrase) == keys


def test_numbers_are_highlighted_as_written(corpus):
    assert "<mark>1.500 tỷ</mark>" in hit(corpus, "1500 tỷ", "num_dots").title_html
    assert "<mark>1500 tỷ</mark>" in hit(corpus, "1.500 tỷ", "num_plain").title_html
    assert "<mark>2.5</mark>%" in hit(corpus, "2,5%", "num_plain").snippet
    marked = highlight("Vốn 1.500 tỷ, rồi 500 tỷ; ngày 15.3.2024", tuple(parse("500 tỷ 2024 3").terms))
    # "500" is no syllable of "1.500" (and the lone "tỷ" is not marked again, as "500 tỷ" stands together)
    assert marked == "Vốn 1.500 tỷ, rồi <mark>500 tỷ</mark>; ngày 15.<mark>3</mark>.<mark>2024</mark>"


def test_phrase_confirmation_reads_numbers_whole():
    text = "Dự án cần 1.500 tỷ đồng; riêng giai đoạn đầu cần 500 tỷ."
    for phrase, held in [('"500 tỷ đồng"', False), ('"1500 tỷ đồng"', True), ('"cần 500 tỷ"', True),
                         ('"cần 1.500 tỷ"', True), ('"1.500 tỷ"', True), ('"cần 1.500"', True)]:
        node = parse(phrase).root
        assert holds_phrase(text, node, phrase_pattern(node)) is held, phrase
    node = parse('"1.500 tỷ"').root
    assert not holds_phrase("Vốn 1.500.000 tỷ", node, phrase_pattern(node))
    assert not holds_phrase("Vốn 11.500 tỷ", node, phrase_pattern(node))


# -- an index of the previous format ---------------------------------------------------------------


def test_an_index_of_the_previous_format_is_reported_and_rebuilt(tmp_path):
    data_dir = tmp_path / "data"
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        store.upsert_many([Article(url="https://tin.example.vn/a.html", title="Lý do 1.500 tỷ", body="Bác sỹ",
                                   source="baomau", published=at(2024, 1, 1))])

    def run(*args):
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    assert run("index").exit_code == 0
    state = data_dir / "index" / STATE_FILE
    state.write_text(json.dumps({**json.loads(state.read_text()), "schema": "1"}))  # as khobao wrote it before
    searched = run("search", "lí do")
    assert searched.exit_code == 1 and "Traceback" not in searched.output
    assert "another version of khobao" in searched.output and "khobao index" in searched.output
    assert len(searched.output.strip().splitlines()) == 1
    assert "khobao index" in run("status").output
    indexed = run("index")
    assert indexed.exit_code == 0 and "rebuilt" in indexed.output
    assert json.loads(run("search", "1500 ty", "--json").output)["total"] == 1


def test_the_web_ui_asks_for_khobao_index_on_an_index_of_the_previous_format(tmp_path):
    from pathlib import Path

    from khobao.config import load_settings
    from webui import create_app
    data_dir = tmp_path / "data"
    store, index_dir, _ = build(data_dir, [Article(url="https://tin.example.vn/a.html", title="Lý do", body="Bác sỹ",
                                                   source="baomau", published=at(2024, 1, 1))])
    store.close()
    state = index_dir / STATE_FILE
    state.write_text(json.dumps({**json.loads(state.read_text()), "schema": "1"}))
    app = create_app(load_settings(path=Path(__file__).parent / "empty-config.toml", data_dir=data_dir))
    try:
        for path in ("/?q=lí+do", "/api/search?q=lí+do"):
            response = app.test_client().get(path)
            assert response.status_code == 503 and "khobao index" in response.get_data(as_text=True), path
    finally:
        app.extensions["khobao.archive"].close()


# -- properties ------------------------------------------------------------------------------------

_PIECES = ["lý", "lí", "LÝ", "quí", "quý", "mỹ", "tuy", "hay", "khuya", "ý", "y", "1", "15", "500", "2024",
           "0", ".", ",", "%", " ", "-", "/", "_", "\u00a0", "\ue000", "km", "km2", "a", "đồng", "\n", "\u0660"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_fast_terms_equal_the_reference(text):
    fast, slow = index_terms(text), _index_terms_slow(text)
    assert Counter(fast[0]) == Counter(slow[0]) and Counter(fast[1]) == Counter(slow[1])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", ",5", ",75"]), st.sampled_from(["", "%", " %"]))
def test_every_writing_of_a_number_is_one_term(number, fraction, percent):
    plain = f"{number}{fraction}"
    dotted = f"{number:,}".replace(",", ".") + fraction
    terms = {tuple(s.text for s in tokenize(f"tăng {written}{percent} năm")) for written in (plain, dotted)}
    assert terms == {("tăng", plain, "năm")}
    assert dotted.replace(".", "") == plain or number < 1000


_ONSETS = ["b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "r", "s", "t",
           "th", "tr", "v", "x"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ONSETS), st.integers(0, 5), st.sampled_from(["", " do", " thuật"]))
def test_i_and_y_after_any_onset_read_as_one(onset, tone, rest):
    with_i, with_y = onset + "iíìỉĩị"[tone] + rest, onset + "yýỳỷỹỵ"[tone] + rest
    assert normalize(with_i) == normalize(with_y) == with_i
    assert [s.text for s in tokenize(with_y.upper())] == with_i.split()
    text = f"Tin: {with_y.capitalize()}."
    assert re.sub("</?mark>", "", highlight(text, tuple(parse(with_i).terms))) == text
    assert f"<mark>{with_y.capitalize()}</mark>" in highlight(text, tuple(parse(with_i).terms))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["", ",5"]))
def test_every_spelling_of_a_number_term_reads_as_it(number, fraction):
    term = f"{number}{fraction}"
    for written in spellings(term):
        assert [s.text for s in tokenize(written + "%")] == [term], written
