"""Keyword in context in a real browser (Debian's Chromium via Playwright, the app served by waitress):
the matches stand in one column, the sort by the word to the left reorders the lines, and a line
leads to its article with the query's words highlighted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browserkit import chromium_page
from webui import create_app
from webui.kwic_lines import fold_word
from webui.server import BackgroundServer
from webui_corpus import build_archive


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    archive = build_archive(tmp_path_factory.mktemp("kwic-browser") / "data")
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir)
    with BackgroundServer(app) as url:
        yield url
    app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module", params=[{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                ids=["desktop", "phone"])
def page(request):
    with chromium_page(request.param) as page:
        yield page


def match_lefts(page) -> list[float]:
    return [box["x"] for box in (mark.bounding_box() for mark in page.locator("td.kwic-match mark").all())]


def test_lines_align_on_the_match_sort_by_the_left_word_and_lead_to_the_article(site, page):
    page.goto(site + "/?q=ha+noi")
    page.locator("a.kwic-link").click()
    page.wait_for_url(re.compile(r"/kwic\?q=ha\+noi"))
    rows = page.locator("table.kwic tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() > 10
    xs = match_lefts(page)
    assert len(xs) == rows.count() and max(xs) - min(xs) < 1, xs   # one column, whatever the context's length
    widths = {round(box["width"]) for box in (c.bounding_box() for c in page.locator("td.kwic-left span").all())}
    assert len(widths) > 3   # the left contexts do differ in length: the alignment is not a coincidence

    page.locator("nav.sort a[data-sort='left']").click()
    page.wait_for_url(re.compile(r"sort=left"))
    expect(page.locator("nav.sort strong")).to_have_text("Từ bên trái")
    lefts = page.locator("td.kwic-left").all_inner_texts()
    nearest = [fold_word(re.findall(r"\w+", text)[-1]) if re.findall(r"\w+", text) else "\uffff" for text in lefts]
    assert nearest == sorted(nearest) and len(set(nearest)) > 2
    xs = match_lefts(page)
    assert max(xs) - min(xs) < 1, xs

    row = page.locator("table.kwic tbody tr").nth(2)
    article_id = row.get_attribute("data-article")
    row.locator("td.kwic-match a").click()
    page.wait_for_url(re.compile(rf"/article/{article_id}\?q=ha\+noi"))
    expect(page.locator("mark", has_text="Hà Nội").first).to_be_visible()
