"""Copies across sources in a real browser (Debian's Chromium via Playwright, the app served by
waitress): the grouping line on a result leads to the article's list of copies, first published
first, and the collapse toggle counts each story once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browserkit import chromium_page
from indexer import open_engine
from indexer.settings import IndexSettings
from store import ArticleStore
from tests.test_duplicates import flood_copies
from webui import create_app
from webui.server import BackgroundServer


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("copies-browser") / "data"
    data.mkdir()
    with ArticleStore(data / "articles.sqlite3") as store:
        store.upsert_many(flood_copies())
        with open_engine(data / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    app = create_app(store_path=data / "articles.sqlite3", index_dir=data / "index")
    with BackgroundServer(app) as url:
        yield url
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def page(site):
    with chromium_page() as page:
        yield page


def test_from_the_grouping_line_on_a_result_to_the_copies(site, page):
    page.goto(f"{site}/?q=di+dời+hai+nghìn&sort=newest")
    copy = page.locator("li.hit", has=page.locator(".hit-source", has_text="diendan"))
    line = copy.locator(".copies-link")
    expect(line).to_have_text("Cũng được 2 nguồn khác đăng; đăng đầu tiên: baomau lúc 10/09/2024 07:00")
    line.click()
    page.wait_for_url(re.compile(r"/article/\d+#copies$"))
    copies = page.locator("#copies li")
    expect(copies).to_have_count(4)
    expect(copies.locator(".hit-source")).to_have_text(["baomau", "tinnhanh", "diendan", "baomau"])
    expect(copies.nth(2)).to_have_attribute("aria-current", "true")     # the article being read
    expect(copies.first.locator(".copies-first")).to_be_visible()
    assert page.locator("#copies").is_visible()

    copies.first.locator("a").click()                                    # to the first published
    expect(page.locator("h1")).to_have_text("Lũ lên nhanh ở Tuyên Hóa")
    expect(page.locator("#copies li.this .hit-source")).to_have_text("baomau")


def test_the_collapse_toggle_counts_each_story_once(site, page):
    page.goto(f"{site}/?q=&year=2024&lang=en")
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "6")
    page.get_by_role("link", name="Count each story once").click()
    page.wait_for_url(re.compile(r"collapse=1"))
    expect(page.locator("[data-total]")).to_have_text("Counting each story once: 3 stories in 6 articles")
    expect(page.locator("li.hit")).to_have_count(3)
    page.get_by_role("link", name="Show every copy").click()
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "6")
