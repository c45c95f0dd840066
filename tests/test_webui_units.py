"""The web UI's pure pieces, without a server: URL state, facet view-models, timeline, formatting."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from werkzeug.datastructures import MultiDict

from indexer.api import Facets
from indexer.query import parse as parse_query
from webui.facets import chips, month_items, page_numbers, source_items, year_items
from webui.formatting import (
    format_date,
    format_datetime,
    format_local,
    format_number,
    parse_day,
)
from webui.i18n import STRINGS, month_label, translate
from webui.notes import note_text
from webui.params import ParamError, SearchParams, parse_search_args
from webui.timeline import build_timeline, render_svg

LIMITS = dict(default_per_page=10, max_per_page=100, max_query_length=50)


def parse(**args) -> SearchParams:
    multi = MultiDict()
    for key, value in args.items():
        for item in (value if isinstance(value, list) else [value]):
            multi.add(key, item)
    return parse_search_args(multi, **LIMITS)


# -- URL state -------------------------------------------------------------------------------------------

def test_state_round_trips_through_the_url():
    params = parse(q=" hà nội ", source=["b", "a", "b"], **{"from": "01/02/2020", "to": "2020-03-04"},
                   sort="newest", page="3", per_page="20")
    assert params.q == "hà nội" and params.sources == ("b", "a")
    assert (params.date_from, params.date_to) == (date(2020, 2, 1), date(2020, 3, 4))
    again = parse(**params.args(page=3))
    assert again == params


def test_changing_a_filter_goes_back_to_page_one():
    params = parse(q="x", page="5")
    assert "page" not in params.args(sort="oldest")
    assert params.args(page=6)["page"] == "6"


def test_year_and_month_narrow_the_date_range():
    assert parse(q="x", year="2020").effective_range() == (date(2020, 1, 1), date(2020, 12, 31))
    assert parse(q="x", month="2020-02").effective_range() == (date(2020, 2, 1), date(2020, 2, 29))
    narrowed = parse(q="x", year="2020", **{"from": "15/06/2020", "to": "2021-01-01"})
    assert narrowed.effective_range() == (date(2020, 6, 15), date(2020, 12, 31))
    request = narrowed.to_request()
    assert (request.date_from, request.date_to) == (date(2020, 6, 15), date(2020, 12, 31))


def test_month_in_the_url_carries_its_year():
    params = parse(q="x", month="2019-07")
    assert (params.year, params.month) == (2019, 7)
    assert params.args() == {"q": "x", "month": "2019-07"}
    assert params.args(month=None) == {"q": "x", "year": "2019"}
    assert params.args(year=None) == {"q": "x"}


@pytest.mark.parametrize("args, key", [
    ({"q": "x" * 51}, "err_query_too_long"),
    ({"per_page": "101"}, "err_per_page"),
    ({"per_page": "-1"}, "err_per_page"),
    ({"page": "1.5"}, "err_page"),
    ({"page": str(10**10)}, "err_page"),
    ({"sort": "RELEVANCE"}, "err_sort"),
    ({"from": "2020-02-30"}, "err_date_days"),
    ({"from": "31/04/2021"}, "err_date_days"),
    ({"to": "01/13/2020"}, "err_date_month"),
    ({"to": "31-02-20"}, "err_date"),
    ({"to": "12/2020"}, "err_date"),
    ({"from": "02/01/2020", "to": "01/01/2020"}, "err_range"),
    ({"year": "0"}, "err_year"),
    ({"month": "2020-5-1"}, "err_month"),
    ({"month": "20-05"}, "err_month"),
    ({"source": ["s"] * 51 + [str(i) for i in range(51)]}, "err_source"),
])
def test_bad_values_are_refused_with_their_message(args, key):
    with pytest.raises(ParamError) as caught:
        parse(**args)
    assert caught.value.key == key
    assert translate("vi", key, **caught.value.values) and translate("en", key, **caught.value.values)


def test_day_formats():
    assert parse_day("24/01/2021") == parse_day("2021-01-24") == parse_day("24-1-2021") == date(2021, 1, 24)
    for bad in ["", "2021", "24/01/21", "32/01/2021", "hôm nay", "2021-1-24x"]:
        with pytest.raises(ValueError):
            parse_day(bad)


# -- facets, chips, pagination --------------------------------------------------------------------------------

def test_year_items_newest_first_and_toggle():
    params = parse(q="x", year="2020")
    items = year_items({2019: 3, 2020: 5, None: 2, 2021: 0}, params)
    assert [(i.value, i.count, i.selected) for i in items] == [("2020", 5, True), ("2019", 3, False)]
    assert items[0].args == {"q": "x"} and items[1].args == {"q": "x", "year": "2019"}
    undated = year_items({2019: 3, None: 2}, parse(q="x"), "vi")
    assert [(i.label, i.count, i.args) for i in undated][1] == ("Không rõ ngày", 2, None)
    assert sum(i.count for i in undated) == 5


def test_month_items_only_for_the_chosen_year():
    facets = {(2020, 3): 2, (2020, 11): 1, (2019, 3): 9, None: 4}
    assert month_items(facets, parse(q="x"), "vi") == []
    items = month_items(facets, parse(q="x", month="2020-11"), "vi")
    assert [(i.label, i.count, i.selected) for i in items] == [("Tháng 03/2020", 2, False), ("Tháng 11/2020", 1, True)]
    assert items[1].args == {"q": "x", "year": "2020"}


def test_source_items_keep_chosen_first_and_toggle():
    params = parse(q="x", source="b")
    items = source_items({"a": 5, "b": 2, "c": 7}, params)
    assert [(i.value, i.selected) for i in items] == [("b", True), ("c", False), ("a", False)]
    assert items[0].args == {"q": "x"}
    assert items[1].args == {"q": "x", "source": ["b", "c"]}
    gone = source_items({}, parse(q="x", source="zzz"))
    assert [(i.value, i.count) for i in gone] == [("zzz", 0)]      # a chosen source with no hits stays removable


def test_chips_one_per_filter_each_removes_only_itself():
    params = parse(q="x", month="2020-05", source=["a", "b"], **{"from": "2020-05-03", "to": "2020-05-20"})
    labels = [(c.label, c.args) for c in chips(params, "vi")]
    assert [label for label, _ in labels] == ["Năm 2020", "Tháng 05/2020", "Nguồn: a", "Nguồn: b", "Từ 03/05/2020",
                                              "Đến 20/05/2020"]
    assert "year" not in labels[0][1] and "month" not in labels[0][1]
    assert labels[1][1]["year"] == "2020" and labels[3][1]["source"] == ["a"] and "from" not in labels[4][1]


@pytest.mark.parametrize("page, pages, expected", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 10, [1, 2, 3, None, 10]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
    (10, 10, [1, None, 8, 9, 10]),
    (500, 1000, [1, None, 498, 499, 500, 501, 502, None, 1000]),
])
def test_page_numbers(page, pages, expected):
    assert page_numbers(page, pages) == expected


# -- timeline ----------------------------------------------------------------------------------------------

def test_timeline_by_year_fills_empty_years():
    timeline = build_timeline(Facets(years={2016: 3, 2019: 1, None: 4}), parse(q="x"), "vi")
    assert [(b.key, b.count) for b in timeline.bars] == [("2016", 3), ("2017", 0), ("2018", 0), ("2019", 1)]
    assert timeline.bars[0].args == {"q": "x", "year": "2016"}
    assert timeline.total == 4


def test_timeline_by_month_inside_a_year():
    params = parse(q="x", month="2020-03")
    timeline = build_timeline(Facets(months={(2020, 3): 2, (2020, 12): 5, (2021, 1): 9, None: 1}), params, "en")
    assert len(timeline.bars) == 12 and timeline.title == "Articles per month, 2020"
    assert [(b.label, b.count, b.selected) for b in timeline.bars if b.count] == [("Mar", 2, True), ("Dec", 5, False)]
    assert timeline.bars[11].args == {"q": "x", "month": "2020-12"}
    assert build_timeline(Facets(months={(2021, 1): 9}), params, "vi") is None
    assert build_timeline(Facets(), parse(q="x"), "vi") is None


def test_timeline_svg_links_labels_and_escaping():
    timeline = build_timeline(Facets(years={2016: 1234, 2018: 5}), parse(q="<x>"), "vi")
    svg = str(render_svg(timeline, lambda args: "/?" + "&".join(f"{k}={v}" for k, v in args.items()), "vi"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert '<a href="/?q=&lt;x&gt;&amp;year=2016" aria-label="2016: 1.234 bài">' in svg
    assert svg.count("<a ") == 2                     # the empty 2017 bar is not a link
    assert "<title>2017: 0 bài</title>" in svg
    assert "<x>" not in svg


def test_timeline_labels_thin_out_when_many_years():
    timeline = build_timeline(Facets(years={y: 1 for y in range(1990, 2025)}), parse(q="x"), "vi")
    svg = str(render_svg(timeline, lambda args: "#", "vi"))
    assert 10 <= svg.count('class="axis"') <= 18


@pytest.mark.parametrize("last", range(2016, 2050, 3))
def test_timeline_always_labels_its_newest_bar(last):
    timeline = build_timeline(Facets(years={1990: 2, last: 1}), parse(q="x"), "vi")
    axis = re.findall(r'class="axis"[^>]*>([^<]+)<', str(render_svg(timeline, lambda args: "#", "vi")))
    assert axis[-1] == str(last) and len(axis) <= 18


def test_month_labels_in_english_are_month_names():
    params = parse(q="x", month="2021-01")
    assert [c.label for c in chips(params, "en")][1] == "Jan 2021"
    assert [i.label for i in month_items({(2021, 1): 3, (2021, 12): 1}, params, "en")] == ["Jan 2021", "Dec 2021"]
    assert month_items({(2021, 12): 1}, params, "vi")[0].label == "Tháng 12/2021"


def test_export_file_names_keep_vietnamese_letters():
    from webui.views.feeds import content_disposition
    header = content_disposition(parse(q="Đà Nẵng \"lũ\""), "csv")
    assert header == ('attachment; filename="khobao-Da-Nang-lu.csv"; '
                      "filename*=UTF-8''khobao-%C4%90%C3%A0-N%E1%BA%B5ng-l%C5%A9.csv")
    assert content_disposition(parse(q="!!!"), "jsonl") == (
        'attachment; filename="khobao-ket-qua.jsonl"; filename*=UTF-8\'\'khobao-k%E1%BA%BFt-qu%E1%BA%A3.jsonl')
    assert content_disposition(parse(q=""), "csv").isascii()


# -- formatting and words ----------------------------------------------------------------------------------

def test_dates_are_written_day_first():
    hanoi = timezone(timedelta(hours=7))
    assert format_date(datetime(2021, 1, 24, 23, 30, tzinfo=hanoi)) == "24/01/2021"
    assert format_datetime(datetime(2021, 1, 4, 8, 5, tzinfo=hanoi)) == "04/01/2021 08:05"
    assert format_datetime(datetime(2021, 1, 4, 8, 5, tzinfo=timezone.utc)) == "04/01/2021 08:05 (UTC+00:00)"
    assert format_local(datetime(2021, 1, 4, 20, 5, tzinfo=timezone.utc)) == "05/01/2021 03:05"
    assert format_date(None) == "" and format_local(None) == ""


def test_numbers_grouped_per_language():
    assert format_number(35439, "vi") == "35.439" and format_number(35439, "en") == "35,439"
    assert format_number(7, "vi") == "7"


def test_translations_complete_and_month_labels():
    for key, (vi, en) in STRINGS.items():
        assert vi.strip() and en.strip(), key
    assert month_label("vi", 5) == "T5" and month_label("en", 5) == "May"
    assert translate("en", "results_count", total="1,234") == "1,234 results"


def test_query_notes_in_vietnamese():
    notes = parse_query('tieude:ha "noi').notes
    assert [n.key for n in notes] == ["unknown_field", "unbalanced_quote"]
    assert note_text(notes, "vi") == ("Không có trường 'tieude'; đã tìm như từ thường. "
                                      "Dấu ngoặc kép chưa đóng: đã coi như đóng ở cuối câu.")
    assert note_text(notes, "en") == ("There is no field 'tieude'; it was searched as words. "
                                      "An unbalanced quote was closed at the end of the query.")
    assert note_text([], "vi") is None
    # "'source:' needs a value" once reached Vietnamese readers in English
    assert note_text(parse_query("source:").notes, "vi") == "'source:' cần giá trị phía sau; đã được bỏ qua."


def test_a_timeline_of_one_bar_keeps_a_chart_width_and_draws_its_bar_in_the_middle():
    """Scaled to the page's width, a chart one bar wide was drawn a screen tall."""
    timeline = build_timeline(Facets(years={2022: 3}), parse(q="x"), "vi")
    svg = str(render_svg(timeline, lambda args: "/", "vi"))
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    bar_x = int(re.search(r'<rect class="bar" x="(\d+)"', svg).group(1))
    assert width == 8 * 40 and width // 2 - 40 < bar_x < width // 2
