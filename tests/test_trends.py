"""The trends arithmetic (webui/trends.py), its URL state (webui/trends_params.py) and its chart
(webui/trends_chart.py), without a server: zero-fill, ISO weeks across a year's end, shares, the
unit chosen for a range, and what the chart draws."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from webui.errors import ParamError
from webui.trends import (
    BY,
    bucket,
    build_trends,
    chart_range,
    choose_by,
    next_start,
    period_count,
    period_key,
    period_label,
    period_start,
)
from webui.trends_chart import format_share, nice_top, render_chart
from webui.trends_params import check_queries, parse_leniently, parse_trends_args

D = date


def test_months_between_are_zero_filled():
    all_days = {D(2020, 1, 3): 5, D(2020, 3, 10): 4, D(2020, 4, 30): 2}
    trends = build_trends(all_days, {"bão": {D(2020, 1, 3): 2, D(2020, 4, 30): 1}}, "month")
    assert trends.starts == [D(2020, 1, 1), D(2020, 2, 1), D(2020, 3, 1), D(2020, 4, 1)]
    assert trends.ends == [D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31), D(2020, 4, 30)]
    assert trends.totals == [5, 0, 4, 2]
    assert trends.series[0].counts == [2, 0, 0, 1]


def test_iso_weeks_cross_the_year_boundary():
    # Thu 31/12/2020 and Fri 1/1/2021 are one ISO week (2020-W53, from Mon 28/12); Mon 4/1/2021 starts 2021-W01
    days = {D(2020, 12, 31): 1, D(2021, 1, 1): 2, D(2021, 1, 4): 3}
    trends = build_trends(days, {"x": days}, "week")
    assert trends.starts == [D(2020, 12, 28), D(2021, 1, 4)]
    assert [period_key(s, "week") for s in trends.starts] == ["2020-W53", "2021-W01"]
    assert trends.series[0].counts == [3, 3]
    assert trends.ends == [D(2021, 1, 3), D(2021, 1, 10)]
    # Mon 31/12/2018 belongs to the ISO year 2019
    assert period_start(D(2019, 1, 2), "week") == D(2018, 12, 31)
    assert period_key(D(2018, 12, 31), "week") == "2019-W01"
    assert period_label(D(2018, 12, 31), "week", "vi") == "Tuần 1/2019"
    assert period_label(D(2018, 12, 31), "week", "en") == "Week 1, 2019"


def test_shares_are_of_each_periods_articles_and_none_where_it_has_none():
    all_days = {D(2021, 1, 1): 8, D(2023, 6, 1): 3}
    trends = build_trends(all_days, {"a": {D(2021, 5, 5): 2}, "b": {D(2023, 6, 1): 3}}, "year")
    assert trends.totals == [8, 0, 3]
    a, b = trends.series
    assert trends.shares(a) == [0.25, None, 0.0]
    assert trends.shares(b) == [0.0, None, 1.0]
    assert trends.values(b, "share") == [0.0, 0.0, 100.0]


def test_undated_articles_are_counted_apart_not_on_a_period():
    trends = build_trends({D(2020, 5, 1): 3, None: 2}, {"a": {D(2020, 5, 1): 1, None: 1}}, "day")
    assert trends.undated_total == 2
    assert trends.series[0].undated == 1 and trends.series[0].counts == [1]


def test_no_dated_article_within_the_filters_draws_nothing():
    assert build_trends({None: 4}, {"a": {None: 1}}) is None
    assert build_trends({}, {"a": {}}) is None


@pytest.mark.parametrize("first, last, expected", [
    (D(2020, 1, 1), D(2020, 1, 1), "day"),
    (D(2020, 1, 1), D(2020, 3, 31), "day"),
    (D(2020, 1, 1), D(2021, 6, 30), "week"),
    (D(2015, 1, 1), D(2024, 12, 31), "month"),
    (D(1990, 1, 1), D(2024, 12, 31), "year"),
])
def test_the_unit_is_the_finest_that_keeps_the_chart_readable(first, last, expected):
    assert choose_by(first, last) == expected


@settings(max_examples=200, deadline=None)
@given(first=st.dates(D(1990, 1, 1), D(2030, 12, 31)), length=st.integers(0, 900), by=st.sampled_from(BY),
       picks=st.lists(st.tuples(st.integers(0, 900), st.integers(1, 5)), max_size=30))
def test_every_day_falls_in_exactly_one_period_of_the_range(first, length, by, picks):
    last = first + timedelta(days=length)
    days: dict = {}
    for offset, n in picks:
        day = first + timedelta(days=offset % (length + 1))
        days[day] = days.get(day, 0) + n
    count = period_count(first, last, by)
    starts = [period_start(first, by)]
    while len(starts) < count:
        starts.append(next_start(starts[-1], by))
    assert period_start(last, by) == starts[-1]
    counts = bucket(days, first, by, count)
    assert sum(counts) == sum(days.values())
    for day, n in days.items():   # each day lands in the period whose range holds it
        at = max(i for i, s in enumerate(starts) if s <= day)
        assert day < next_start(starts[at], by) and counts[at] >= n


def args(**values) -> MultiDict:
    return MultiDict([(k, v) for k, vs in values.items() for v in (vs if isinstance(vs, list) else [vs])])


def test_blank_queries_are_dropped_and_repeats_kept_once():
    params = parse_trends_args(args(q=["bão", " ", "lũ", "bão", ""]), max_query_length=100)
    assert params.queries == ("bão", "lũ") and params.asked
    assert not parse_trends_args(args(), max_query_length=100).asked


def test_the_search_pages_year_or_month_is_read_as_a_date_range():
    params = parse_trends_args(args(q="bão", month="2020-02", source=["a", "b"], sort="newest", per_page="50"),
                               max_query_length=100)
    assert (params.date_from, params.date_to, params.sources) == (D(2020, 2, 1), D(2020, 2, 29), ("a", "b"))
    assert params.args() == {"q": ["bão"], "source": ["a", "b"], "from": "2020-02-01", "to": "2020-02-29"}


def test_a_point_links_to_its_period_within_the_filters():
    params = parse_trends_args(args(q="bão", **{"from": "10/01/2020", "to": "2020-03-05"}), max_query_length=100)
    assert params.results_args("bão", D(2020, 1, 1), D(2020, 1, 31)) == {
        "q": "bão", "from": "2020-01-10", "to": "2020-01-31"}
    assert params.results_args("bão", D(2020, 3, 1), D(2020, 3, 31))["to"] == "2020-03-05"


@pytest.mark.parametrize("values, key", [
    (dict(q="a", by="fortnight"), "err_trends_by"),
    (dict(q="a", **{"as": "percent"}), "err_trends_as"),
    (dict(q="a", **{"from": "31/02/2020"}), "err_date_days"),
    (dict(q="x" * 101), "err_query_too_long"),
])
def test_bad_input_names_what_is_wrong(values, key):
    with pytest.raises(ParamError) as caught:
        parse_trends_args(args(**values), max_query_length=100)
    assert caught.value.key == key


def test_a_bad_unit_or_date_is_dropped_and_the_rest_kept():
    given_args = args(q=["a", "b"], by="fortnight", **{"from": "31/02/2020", "to": "2021-01-01"})
    with pytest.raises(ParamError) as caught:
        parse_trends_args(given_args, max_query_length=100)
    params, dropped = parse_leniently(given_args, caught.value, max_query_length=100)
    assert dropped == {"from", "by"}
    assert params.queries == ("a", "b") and params.date_to == D(2021, 1, 1) and params.by is None


def test_none_or_more_than_five_queries_is_an_error():
    assert check_queries(parse_trends_args(args(q=["", " "]), max_query_length=10)).key == "err_trends_no_query"
    six = parse_trends_args(args(q=list("abcdef")), max_query_length=10)
    assert check_queries(six).key == "err_trends_too_many"
    assert check_queries(parse_trends_args(args(q=list("abcde")), max_query_length=10)) is None


def test_the_axis_steps_are_round_and_whole_for_counts():
    assert nice_top(3, whole=True) == (3, 1)
    assert nice_top(1, whole=True) == (1, 1)
    assert nice_top(170) == (200, 50)
    assert nice_top(0.8) == (0.8, 0.2)
    assert format_share(12.5, "vi") == "12%" and format_share(1.25, "vi") == "1,2%" and format_share(0.04, "en") == "0.04%"


def test_the_chart_draws_every_series_and_links_only_points_with_articles():
    trends = build_trends({D(2020, 1, 1): 4, D(2020, 3, 1): 4},
                          {"bão <b>": {D(2020, 1, 1): 2}, "lũ": {D(2020, 3, 1): 1}}, "month")
    svg = str(render_chart(trends, "count", "vi", lambda s, i: f"/?s={s}&i={i}"))
    assert svg.count('<polyline class="line"') == 2
    assert 'data-query="bão &lt;b&gt;"' in svg and "<b>" not in svg
    assert re.findall(r'href="([^"]+)"', svg) == ["/?s=0&amp;i=0", "/?s=1&amp;i=2"]
    assert 'aria-hidden="true"' in svg and svg.count('tabindex="-1"') == 2


def test_the_range_is_the_filters_dates_within_the_archives_first_and_last_article():
    archive = {D(2015, 3, 2): 1, D(2020, 6, 1): 1, D(2024, 11, 30): 1}
    filtered = {D(2020, 6, 1): 1}
    assert chart_range(filtered, archive, D(2020, 1, 1), D(2020, 12, 31)) == (D(2020, 1, 1), D(2020, 12, 31))
    assert chart_range(filtered, archive, None, None) == (D(2020, 6, 1), D(2020, 6, 1))
    assert chart_range(filtered, archive, D(1900, 1, 1), D(2999, 1, 1)) == (D(2015, 3, 2), D(2024, 11, 30))
    assert chart_range({}, archive, D(2020, 1, 1), None) is None


def test_every_articles_periods_are_kept_for_the_same_counts_and_recounted_for_another_unit():
    from webui.trends import _bucket_all, bucket
    days = {date(2020, 1, 1): 2, date(2020, 3, 5): 1, date(2021, 2, 1): 4, None: 3}
    by_month = _bucket_all(days, date(2020, 1, 1), "month", 14)
    assert by_month == bucket(days, date(2020, 1, 1), "month", 14) and _bucket_all(days, date(2020, 1, 1), "month", 14) is by_month
    assert _bucket_all(days, date(2020, 1, 1), "year", 2) == [3, 4]
    assert _bucket_all(dict(days), date(2020, 1, 1), "month", 14) is not by_month   # another counts object
