"""Browsing the archive (issue 14, points 1 and 3), through Flask's test client over a real store and index.

The home page opens the archive (its sources as links with counts and years, the newest articles);
filters without words list the newest first; the search page drills down year → month → day, and
the JSON API carries the same day counts.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import open_engine
from indexer.api import SearchRequest
from store import ArticleStore
from webui import create_app
from webui_corpus import BuiltArchive, build_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> BuiltArchive:
    return build_archive(tmp_path_factory.mktemp("browse") / "data")


@pytest.fixture(scope="module")
def client(archive):
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir, test_config={"TESTING": True})
    yield app.test_client()
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def searcher(archive):
    with open_engine(archive.index_dir) as searcher:
        yield searcher


def total_of(html: str) -> int:
    return int(re.search(r'data-total="(\d+)"', html).group(1))


def ids_of(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/article/(\d+)(?:\?[^"]*)?"', html)]


def section(html: str, css_class: str, end: str = "</ul>") -> str:
    return html.split(f'class="{css_class}"', 1)[1].split(end, 1)[0]


def calendar_days(html: str) -> dict[str, tuple[int, str | None]]:
    """ISO day -> (count, href or None) of the chosen month's calendar, every day of the month."""
    part = html.split('<ol class="days calendar', 1)[1].split("</ol>", 1)[0]
    out: dict[str, tuple[int, str | None]] = {}
    for tag, day, rest in re.findall(r'<(a|span) class="day" data-day="([\d-]+)"(.*?)</\1>', part, re.S):
        href = re.search(r'href="([^"]+)"', rest)
        count = re.search(r'class="day-count">([\d.]+)<', rest)
        out[day] = (int(count.group(1).replace(".", "")) if count else 0, unescape(href.group(1)) if href else None)
    return out


def facet_links(html: str, heading_id: str) -> dict[str, tuple[int, str]]:
    """label -> (count, href) of the facet list under the heading with this id."""
    part = html.split(f'id="{heading_id}"', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'<a href="([^"]+)"[^>]*>\s*<span class="facet-label">([^<]+)</span>\s*'
                       r'<span class="facet-count">([\d.]+)</span>', part)
    return {label: (int(count.replace(".", "")), unescape(href)) for href, label, count in found}


# -- point 1: browse --------------------------------------------------------------------------------

def test_home_page_lists_sources_as_links_with_counts_and_years(client, archive):
    html = client.get("/").get_data(as_text=True)
    with ArticleStore(archive.store_path) as store:
        counts = store.counts_by_source()
        years = {name: tuple(int(d[:4]) for d in store.date_range(name)) for name in counts}
    overview = section(html, "source-overview")
    shown = re.findall(r'<a href="([^"]+)"><span class="facet-label">(\w+)</span> <span class="facet-count">(\d+) bài'
                       r'</span> <span class="source-years">(\d{4})–(\d{4})</span></a>', overview)
    assert [(name, int(n), (int(a), int(b))) for _, name, n, a, b in shown] == \
        sorted(((name, n, years[name]) for name, n in counts.items()), key=lambda row: -row[1])
    for href, name, count, *_ in shown:     # each link is a search of that source: its count, newest first
        assert parse_qs(urlsplit(unescape(href)).query) == {"source": [name]}
        page = client.get(unescape(href)).get_data(as_text=True)
        assert total_of(page) == int(count)
        assert '<strong aria-current="true">Mới nhất</strong>' in page
        sources = re.findall(r'class="hit-source">(\w+)<', page)
        assert sources and set(sources) == {name}
        dates = re.findall(r'<time datetime="([^"]+)"', page)
        assert dates == sorted(dates, reverse=True) and len(dates) == min(10, int(count))


def test_home_page_lists_the_newest_articles(client, searcher):
    html = client.get("/").get_data(as_text=True)
    newest = section(html, "newest", "</ol>")
    expected = searcher.search(SearchRequest("", sort="newest", per_page=8))
    assert ids_of(newest) == [hit.id for hit in expected.hits] and len(expected.hits) == 8
    everything = searcher.search(SearchRequest("", per_page=1000)).hits
    assert max(h.published for h in everything if h.published).date().isoformat() in newest


def test_filters_without_words_list_newest_first_in_the_api_too(client, searcher):
    data = client.get("/api/search?source=langque&per_page=50").get_json()
    dates = [h["published"] for h in data["hits"] if h["published"]]
    assert data["total"] == searcher.search(SearchRequest("", sources=("langque",))).total
    assert len(dates) == data["total"] and dates == sorted(dates, reverse=True)


# -- point 3: drill down to days --------------------------------------------------------------------

def busiest_month(searcher) -> tuple[int, int]:
    months = searcher.search(SearchRequest("")).facets.months
    return max((key for key in months if key is not None), key=lambda key: (months[key], key))


def test_days_are_counted_only_inside_one_month(searcher):
    year, month = busiest_month(searcher)
    in_month = searcher.search(SearchRequest("", date_from=date(year, month, 1), date_to=date(year, month, 28)))
    assert in_month.facets.days and sum(in_month.facets.days.values()) == in_month.total
    assert all((y, m) == (year, month) for y, m, _ in in_month.facets.days)
    for day_key, count in in_month.facets.days.items():
        one_day = date(*day_key)
        assert searcher.search(SearchRequest("", date_from=one_day, date_to=one_day)).total == count
    assert searcher.search(SearchRequest("", date_from=date(year, 1, 1), date_to=date(year, 12, 31))).facets.days == {}
    assert searcher.search(SearchRequest("")).facets.days == {}


def test_year_then_month_then_day(client, searcher):
    year, month = busiest_month(searcher)
    html = client.get(f"/?year={year}").get_data(as_text=True)
    assert 'id="facet-day"' not in html                     # days appear once a month is chosen
    label = f"Tháng {month:02d}/{year}"
    count, href = facet_links(html, "facet-month")[label]
    html = client.get(href).get_data(as_text=True)
    assert total_of(html) == count
    days = calendar_days(html)
    expected = searcher.search(SearchRequest("", date_from=date(year, month, 1), date_to=date(year, month, 28))).facets.days
    length = calendar.monthrange(year, month)[1]
    assert list(days) == [f"{year}-{month:02d}-{d:02d}" for d in range(1, length + 1)]   # zero-filled, in order
    assert {day: n for day, (n, _) in days.items() if n} == {f"{y}-{m:02d}-{d:02d}": n for (y, m, d), n in expected.items()}
    assert all((href is None) == (n == 0) for n, href in days.values())      # an empty day is not a link
    assert f'class="days calendar start-{calendar.weekday(year, month, 1)}"' in html     # weeks start on Monday
    day, (day_count, day_href) = next((d, v) for d, v in days.items() if v[0])
    assert parse_qs(urlsplit(day_href).query)["day"] == [day]
    html = client.get(day_href).get_data(as_text=True)
    assert total_of(html) == day_count
    day_label = "/".join(reversed(day.split("-")))
    assert f"Ngày {day_label} <span" in html                           # the chip, removable
    chosen = calendar_days(html)
    assert {d: n for d, (n, _) in chosen.items()} == {d: n for d, (n, _) in days.items()}   # as if no day were chosen
    assert re.search(rf'<li class="selected">\s*<a class="day" data-day="{day}"', html)
    unchoose = parse_qs(urlsplit(chosen[day][1]).query)
    assert unchoose["month"] == [f"{year}-{month:02d}"] and "day" not in unchoose
    assert set(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)', html)) == {day}


def test_api_carries_the_day_counts(client, searcher):
    year, month = busiest_month(searcher)
    data = client.get(f"/api/search?month={year}-{month:02d}").get_json()
    expected = searcher.search(SearchRequest("", date_from=date(year, month, 1), date_to=date(year, month, 28)))
    assert data["facets"]["day"] == expected.facets.to_json()["day"] and data["facets"]["day"]
    assert list(data["facets"]["day"]) == sorted(data["facets"]["day"], reverse=True)
    first_day, count = next(iter(data["facets"]["day"].items()))
    assert client.get(f"/api/search?day={first_day}").get_json()["total"] == count
    assert client.get(f"/api/search?year={year}").get_json()["facets"]["day"] == {}


@pytest.mark.parametrize("value", ["2020-02-30", "2020-13-01", "20-1-1", "hôm qua"])
def test_a_bad_day_is_a_clear_error(client, value):
    response = client.get("/", query_string={"day": value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Ngày phải có dạng yyyy-mm-dd" in html and "Traceback" not in html
    api = client.get("/api/search", query_string={"day": value})
    assert api.status_code == 400 and "yyyy-mm-dd" in api.get_json()["error"]


# -- the day in the URL state and the calendar's view-model, without a server -------------------------

def parse(**args):
    from werkzeug.datastructures import MultiDict

    from webui.params import parse_search_args
    return parse_search_args(MultiDict(args), default_per_page=10, max_per_page=100, max_query_length=50)


def test_a_day_narrows_to_itself_and_round_trips_through_the_url():
    params = parse(q="x", day="2020-02-29", **{"from": "2020-02-01"})
    assert (params.year, params.month, params.day) == (2020, 2, 29)
    assert params.effective_range() == (date(2020, 2, 29), date(2020, 2, 29))
    assert params.args() == {"q": "x", "from": "2020-02-01", "day": "2020-02-29"}
    assert parse(**params.args()) == params
    assert params.args(day=None)["month"] == "2020-02" and "day" not in params.args(day=None)


def test_the_chips_and_facets_take_the_day_off_with_its_month_or_year():
    from webui.facets import chips, month_items, year_items
    params = parse(day="2021-05-17")
    labels = [(chip.label, chip.args) for chip in chips(params, "vi")]
    assert labels == [("Năm 2021", {}), ("Tháng 05/2021", {"year": "2021"}), ("Ngày 17/05/2021", {"month": "2021-05"})]
    months = month_items({(2021, 5): 3, (2021, 6): 1}, params, "vi")
    assert [item.args for item in months] == [{"year": "2021"}, {"month": "2021-06"}]   # another month: no day
    assert [item.args for item in year_items({2021: 4, 2020: 2}, params)] == [{}, {"year": "2020"}]


def test_the_calendar_is_every_day_of_the_month_and_links_the_days_with_articles():
    from webui.facets import day_items, first_weekday
    params = parse(month="2021-02")
    items = day_items({(2021, 2, 3): 2, (2021, 2, 28): 1, (2021, 3, 1): 9}, params)
    assert [item.value for item in items] == [f"2021-02-{d:02d}" for d in range(1, 29)]
    assert [(item.label, item.count) for item in items if item.count] == [("3", 2), ("28", 1)]
    assert [item.args for item in items if item.args is not None] == [{"day": "2021-02-03"}, {"day": "2021-02-28"}]
    assert first_weekday(params) == 0                        # 1 February 2021 was a Monday
    assert first_weekday(parse(month="2020-10")) == 3        # 1 October 2020, a Thursday
    assert day_items({(2021, 2, 3): 2}, parse(year="2021")) == []
    chosen = day_items({(2021, 2, 3): 2}, parse(day="2021-02-03"))
    assert [item for item in chosen if item.selected][0].args == {"month": "2021-02"}
