"""The trends page in a real browser (Debian's Chromium via Playwright, the app served by waitress):
two queries drawn as two lines with the table behind them; a point clicked lands on that query's
results within that period."""

from __future__ import annotations

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
    archive = build_archive(tmp_path_factory.mktemp("trends-browser") / "data")
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir)
    try:
        with BackgroundServer(app) as url:
            yield url
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def page(site):
    with chromium_page() as page:
        yield page


def test_two_queries_drawn_and_a_point_opens_its_periods_results(site, page):
    page.goto(f"{site}/trends")
    queries = page.locator("input[name=q]")
    queries.nth(0).fill("ha noi")
    queries.nth(1).fill("mưa lũ")
    page.locator("select[name=by]").select_option("year")
    page.get_by_role("button", name="Vẽ biểu đồ").click()
    page.wait_for_url(re.compile(r"/trends\?q=ha\+noi&q=m"))

    chart = page.locator("svg.trends-chart")
    expect(chart.locator("g.series")).to_have_count(2)
    expect(chart.locator("g.series polyline")).to_have_count(2)
    assert [g.get_attribute("data-query") for g in chart.locator("g.series").all()] == ["ha noi", "mưa lũ"]
    box = chart.bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_contain_text("Bảng số liệu")
    expect(table.locator("thead th")).to_have_text(["Kỳ", "ha noi", "mưa lũ", "Tổng số bài"])
    expect(table.locator("tbody tr")).to_have_count(10)           # 2015 … 2024, one row a year

    # the floods' only point with articles: 2020, three articles
    point = chart.locator("g.series.s1 a")
    expect(point).to_have_count(1)
    cell = table.locator("tr[data-period='2020'] td").nth(1).locator("a")
    expected = int(cell.inner_text())
    point.click()
    page.wait_for_url(re.compile(r"/\?q="))
    args = parse_qs(urlsplit(page.url).query)
    assert args == {"q": ["mưa lũ"], "from": ["2020-01-01"], "to": ["2020-12-31"]}
    assert int(page.locator("[data-total]").get_attribute("data-total")) == expected == 3
    assert {t.get_attribute("datetime")[:4] for t in page.locator("ol.hits time").all()} == {"2020"}

    # and from the results back to the chart of the query, by the link beside the timeline
    page.get_by_role("link", name="Xem theo thời gian").click()
    page.wait_for_url(re.compile(r"/trends\?"))
    expect(page.locator("svg.trends-chart g.series")).to_have_count(1)
    expect(page.locator("input[name=from]")).to_have_value("01/01/2020")


def test_shares_switch_without_javascript_state(site, page):
    page.goto(f"{site}/trends?q=ha+noi&q=kinh+t%E1%BA%BF&by=year")
    page.get_by_role("link", name="tỉ lệ trên tổng số bài").click()
    page.wait_for_url(re.compile(r"as=share"))
    expect(page.locator("figcaption")).to_contain_text("Tỉ lệ trên tổng số bài mỗi năm")
    expect(page.locator("svg.trends-chart text.axis").first).to_have_text(re.compile(r"%$"))
    expect(page.locator("table .share").first).to_have_text(re.compile(r"\(\d+(,\d+)?%\)"))
