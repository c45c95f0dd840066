"""Real-browser tests: Debian's Chromium driven by Playwright against the app served by waitress.

A person's path through the archive: type a query, narrow by year then month, pick a source,
page forward and back, open an article, follow a suggestion, switch language; also without
JavaScript and on a phone. Screenshots of the main pages go to test-artifacts/ for a human look.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from browserkit import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, need_chromium
from webui import create_app
from webui.server import BackgroundServer
from webui_corpus import build_archive

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    archive = build_archive(tmp_path_factory.mktemp("browser") / "data")
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir)
    with BackgroundServer(app) as url:
        yield url, archive
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> list[str]:
    """What the browser reported as errors: CSP violations, script errors, failed loads."""
    return []


@pytest.fixture
def new_context(browser):
    """browser.new_context(...), closed after the test even when it fails."""
    contexts = []

    def make(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser, problems):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    context.close()
    assert problems == [], f"the browser reported errors (CSP violations or script errors): {problems}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def url_args(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def total(page: Page) -> int:
    return int(page.locator("[data-total]").get_attribute("data-total"))


def facet_count(page: Page, heading: str, label: str) -> tuple[int, object]:
    link = page.locator(f"section.facet:has(h3:text-is('{heading}')) a:has(.facet-label:text-is('{label}'))")
    return int(link.locator(".facet-count").inner_text().replace(".", "")), link


def test_search_narrow_by_year_then_month_then_source(site, page):
    url, _ = site
    page.goto(url)
    shot(page, "home-desktop")
    page.get_by_label("Tìm trong kho báo").fill("ha noi")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=ha\+noi"))
    everything = total(page)
    assert everything > 10
    expect(page.locator("ol.hits > li")).to_have_count(10)
    shot(page, "results-desktop")

    # a year from the timeline: the bar's label says how many articles it holds
    bar = page.locator("svg.timeline-chart a").first
    year, count = re.match(r"(\d{4}): (\d+) bài", bar.get_attribute("aria-label")).groups()
    bar.click()
    page.wait_for_url(re.compile(rf"year={year}"))
    assert total(page) == int(count)
    expect(page.locator(".chip", has_text=f"Năm {year}")).to_be_visible()

    # then a month of that year, from the side panel
    month_link = page.locator("ul.months a").first
    month_count = int(month_link.locator(".facet-count").inner_text())
    month_link.click()
    page.wait_for_url(re.compile(rf"month={year}-\d\d"))
    assert total(page) == month_count
    shot(page, "year-month-desktop")

    # remove the filters one click each, back to everything
    page.locator(".chip", has_text="Tháng").click()
    page.wait_for_url(re.compile(rf"year={year}"))
    page.locator(".chip", has_text=f"Năm {year}").click()
    page.wait_for_function("() => !location.search.includes('year=')")
    assert total(page) == everything

    # a source: its count in the panel is the number of results it leaves
    count, link = facet_count(page, "Nguồn", "langque")
    link.click()
    page.wait_for_url(re.compile(r"source=langque"))
    assert total(page) == count
    sources = page.locator(".hit-source").all_inner_texts()
    assert sources and set(sources) == {"langque"}
    # and a second one on top
    second, link = facet_count(page, "Nguồn", "thoidai")
    link.click()
    page.wait_for_url(re.compile(r"source=langque.*source=thoidai|source=thoidai.*source=langque"))
    assert total(page) == count + second


def test_page_forward_back_and_open_an_article(site, page):
    url, _ = site
    page.goto(url + "?q=ha+noi")
    links = lambda: [a.get_attribute("href") for a in page.locator(".hit-title a").all()]
    first_page = links()
    page.locator("nav.pagination a.next").click()
    page.wait_for_url(re.compile(r"page=2"))
    second_page = links()
    assert second_page and not set(second_page) & set(first_page)
    assert page.locator("ol.hits").get_attribute("start") == "11"
    page.go_back()
    page.wait_for_url(re.compile(r"q=ha\+noi$"))
    assert links() == first_page

    title = page.locator(".hit-title a").first.inner_text()
    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile(r"/article/\d+\?q=ha\+noi"))
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".provenance")).to_contain_text("Thời điểm tải về")
    expect(page.locator(".article-body mark").first).to_be_visible()   # the searched words, highlighted
    page.get_by_role("link", name="Đến chỗ khớp đầu tiên").click()
    expect(page.locator("#first-match mark").first).to_be_in_viewport()
    shot(page, "article-desktop")
    page.get_by_role("link", name="‹ Quay lại kết quả").click()
    page.wait_for_url(re.compile(r"\?q=ha\+noi"))


def test_follow_the_accent_suggestion(site, page):
    url, _ = site
    page.goto(url + "?q=dien+bien+phu")
    suggestion = page.locator("p.suggestion a")
    expect(suggestion).to_have_text("điện biên phủ")
    suggestion.click()
    page.wait_for_url(re.compile(r"q=%C4%91i%E1%BB%87n"))
    expect(page.get_by_label("Tìm trong kho báo")).to_have_value("điện biên phủ")
    assert total(page) >= 1
    expect(page.locator(".hit-title").first).to_contain_text("Điện Biên Phủ")


def test_zero_results_and_a_bad_query(site, page, problems):
    url, _ = site
    page.goto(url + "?q=qqxw+vvzz")
    expect(page.locator(".no-results h2")).to_contain_text("Không tìm thấy bài nào")
    shot(page, "zero-results-desktop")
    response = page.goto(url + "?q=" + "a" * 600)
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("tối đa 500 ký tự")
    assert problems == ["Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"]
    problems.clear()


def test_keyboard_only(site, page):
    url, _ = site
    page.goto(url + "?q=ha+noi")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("Tab")     # the search button
    page.keyboard.press("Tab")     # then into the page
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    # the timeline's bars are reachable by keyboard and open their period
    page.locator("svg.timeline-chart a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"year=\d{4}"))


def test_english_one_click_away(site, page):
    url, _ = site
    page.goto(url + "?q=ha+noi&year=2016")
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator(".summary")).to_contain_text("results")
    assert url_args(page)["year"] == ["2016"]
    page.locator(".hit-title a").first.click()
    expect(page.locator(".provenance h2")).to_have_text("Provenance")
    shot(page, "article-english-desktop")


def test_works_without_javascript(site, new_context):
    url, _ = site
    context = new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    page.fill("#q", "hoà bình")
    page.click("form.search-form button")
    page.wait_for_url(re.compile(r"q="))
    assert total(page) == 2            # both tone spellings
    page.fill("#from", "01/01/2020")
    page.click("form.date-range button")
    page.wait_for_url(re.compile(r"from=01%2F01%2F2020"))
    assert total(page) == 1
    expect(page.locator(".chip", has_text="Từ 01/01/2020")).to_be_visible()


def test_phone_layout(site, new_context):
    url, archive = site
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name, path in [("home", ""), ("results", "?q=ha+noi"), ("year-month", "?q=ha+noi&month=2016-04"),
                       ("article", f"article/{archive.ids['changed']}"), ("help", "help")]:
        page.goto(url + path)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{name}: the page scrolls sideways on a phone ({wide}px)"
        shot(page, f"{name}-phone")


def test_help_examples_run(site, page):
    url, _ = site
    page.goto(url + "help")
    page.get_by_role("link", name='"kinh tế"').click()
    page.wait_for_url(re.compile(r"q=%22kinh"))
    expect(page.get_by_label("Tìm trong kho báo")).to_have_value('"kinh tế"')
    assert total(page) >= 1


def test_phone_filters_are_reachable_from_the_top(site, new_context):
    url, _ = site
    for scripts in (True, False):
        context = new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(url + "?q=ha+noi")
        summary = page.locator("details.filters-panel > summary")
        top = summary.bounding_box()
        assert top["y"] + top["height"] <= PHONE["height"], f"the filters start at {top['y']}px on a phone"
        years = page.locator("#facet-year")
        if scripts:   # folded to one line above the results, opened with a tap
            expect(years).to_be_hidden()
            assert page.locator("[data-total]").bounding_box()["y"] < PHONE["height"]
            summary.tap()
        expect(years).to_be_visible()
        assert years.bounding_box()["y"] < PHONE["height"], "the year facet opens within the first screenful"
        page.locator("section.facet:has(#facet-year) a").first.tap()
        page.wait_for_url(re.compile(r"year=\d{4}"))
        assert total(page) >= 1
        shot(page, f"filters-phone-{'js' if scripts else 'nojs'}")


def test_phone_timeline_is_readable(site, new_context):
    url, _ = site
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    for path in ("?q=ha+noi", "?q=ha+noi&year=2016&lang=en"):
        page.goto(url + path)
        heights = page.eval_on_selector_all(".timeline-chart .axis", "els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 11, f"{path}: axis labels {min(heights):.1f}px tall at 390px"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_favicon_decodes_in_a_browser(site, page):
    url, _ = site
    page.goto(url)
    sizes = page.evaluate("""async () => Promise.all(['favicon.ico', 'static/favicon.svg'].map(async (path) => {
        const image = new Image(); image.src = '/' + path; await image.decode(); return image.naturalWidth; }))""")
    assert sizes[0] == 32 and sizes[1] > 0


def test_facet_mini_bars_line_up_whatever_the_counts(site, page):
    url, _ = site
    page.goto(url + "?q=ha+noi&year=2016")
    # real archives have counts of every width (7, 1.234, 35.439): give the rows different ones
    page.eval_on_selector_all("#facet-year ~ .facet-list .facet-count",
                              "els => els.forEach((e, i) => { e.textContent = ['7', '35.439', '1.234', '12'][i % 4]; })")
    lefts = page.eval_on_selector_all("#facet-year ~ .facet-list .mini-bar",
                                      "els => els.map(e => e.getBoundingClientRect().left)")
    assert len(lefts) >= 3 and max(lefts) - min(lefts) < 1, f"mini-bars start at {lefts}"


@pytest.fixture(scope="module")
def decades_site(tmp_path_factory):
    """An archive whose articles span 35 years, so the year timeline has 35 bars."""
    from datetime import datetime, timezone

    from indexer import open_engine
    from indexer.settings import IndexSettings
    from store import Article, ArticleStore
    data = tmp_path_factory.mktemp("decades")
    store_path, index_dir = data / "articles.sqlite3", data / "index"
    with ArticleStore(store_path) as store:
        store.upsert_many([Article(url=f"https://thoidai.example.vn/bai-{year}.html", source="thoidai",
                                   title=f"Mùa lúa năm {year} ở đồng bằng", body=f"Nông dân thu hoạch lúa vụ mùa năm {year}.",
                                   published=datetime(year, 6, 1, tzinfo=timezone.utc), http_status=200,
                                   fetched_at=datetime(2025, 1, 2, tzinfo=timezone.utc))
                           for year in range(1990, 2025)])
        with open_engine(index_dir, IndexSettings(procs=1)) as engine:
            engine.update(store)
    app = create_app(store_path=store_path, index_dir=index_dir)
    with BackgroundServer(app) as url:
        yield url
    app.extensions["khobao.archive"].close()


def test_phone_timeline_of_decades_scrolls_inside_and_stays_readable(decades_site, new_context):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(decades_site + "?q=lua")
    assert page.locator(".timeline-chart a").count() == 35
    heights = page.eval_on_selector_all(".timeline-chart .axis", "els => els.map(e => e.getBoundingClientRect().height)")
    assert min(heights) >= 11, f"axis labels {min(heights):.1f}px tall at 390px"
    assert page.locator(".timeline-chart .axis").last.text_content() == "2024"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    newest = page.locator(".timeline-chart a").last.bounding_box()
    assert 0 <= newest["x"] and newest["x"] + newest["width"] <= PHONE["width"], "it opens at the newest bars"
    shot(page, "timeline-decades-phone")
