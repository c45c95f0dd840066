"""Browsing in a real browser (Debian's Chromium via Playwright, the app served by waitress):
from the home page's list of sources to that source's newest articles, and from a month down to a day."""

from __future__ import annotations

import calendar
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browserkit import chromium_page
from webui import create_app
from webui.server import BackgroundServer
from webui_corpus import build_archive


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    archive = build_archive(tmp_path_factory.mktemp("browse-browser") / "data")
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir)
    with BackgroundServer(app) as url:
        yield url
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def page(site):
    with chromium_page() as page:
        yield page


def total(page) -> int:
    return int(page.locator("[data-total]").get_attribute("data-total"))


def count_in(link) -> int:
    return int(link.locator(".facet-count").inner_text().replace(".", ""))


def month_of(page) -> str:
    return parse_qs(urlsplit(page.url).query)["month"][0]


def test_from_a_source_on_the_home_page_down_to_a_day(site, page):
    page.goto(site)
    source = page.locator(".source-overview a").first
    name = source.locator(".facet-label").inner_text()
    articles = int(re.match(r"(\d+) bài", source.locator(".facet-count").inner_text()).group(1))
    expect(source.locator(".source-years")).to_have_text(re.compile(r"\d{4}–\d{4}"))
    expect(page.locator("ol.newest > li")).to_have_count(8)
    source.click()
    page.wait_for_url(re.compile(rf"source={name}"))
    assert total(page) == articles
    expect(page.locator("nav.sort strong")).to_have_text("Mới nhất")
    dates = [t.get_attribute("datetime") for t in page.locator("ol.hits time").all()]
    assert dates and dates == sorted(dates, reverse=True)
    assert set(page.locator(".hit-source").all_inner_texts()) == {name}

    # its busiest year, then that year's busiest month, then a day of it
    year_link = max(page.locator("#facet-year + ul a").all(), key=count_in)
    year = year_link.locator(".facet-label").inner_text()
    year_link.click()
    page.wait_for_url(re.compile(rf"year={year}"))
    expect(page.locator("#facet-day")).to_have_count(0)
    months = page.locator("ul.months a").all()
    month_link = max(months, key=count_in)
    month_count = count_in(month_link)
    month_link.click()
    page.wait_for_url(re.compile(rf"month={year}-\d\d"))
    assert total(page) == month_count
    expect(page.locator("ol.days li")).to_have_count(calendar.monthrange(*map(int, month_of(page).split("-")))[1])
    day_links = page.locator("ol.days a.day")
    day_count_of = lambda link: int(link.locator(".day-count").inner_text())
    assert sum(day_count_of(link) for link in day_links.all()) == month_count
    day_link = day_links.last
    wanted, day_count = day_link.get_attribute("data-day"), day_count_of(day_link)
    day_link.click()
    page.wait_for_url(re.compile(r"day=\d{4}-\d\d-\d\d"))
    day = parse_qs(urlsplit(page.url).query)["day"][0]
    assert day == wanted
    day_label = "/".join(reversed(day.split("-")))
    assert total(page) == day_count < month_count
    assert {t.get_attribute("datetime")[:10] for t in page.locator("ol.hits time").all()} == {day}
    expect(page.locator(".chip", has_text=f"Ngày {day_label}")).to_be_visible()
    expect(page.locator("ol.days li.selected a.day")).to_have_attribute("data-day", day)

    # the day's chip takes the day off, back to the month
    page.locator(".chip", has_text=f"Ngày {day_label}").click()
    page.wait_for_function("() => !location.search.includes('day=')")
    assert total(page) == month_count
