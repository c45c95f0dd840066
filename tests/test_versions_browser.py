"""The version diff in a real browser (Debian's Chromium via Playwright, the app served by waitress):
an article stored three times shows its newest change with <ins>/<del>; choosing another pair in
the form, or by a link, shows that pair's changes instead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browserkit import chromium_page
from versions_corpus import build_versions_archive
from webui import create_app
from webui.server import BackgroundServer


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("versions-browser")
    store_path, index_dir, ids = build_versions_archive(data)
    app = create_app(store_path=store_path, index_dir=index_dir)
    try:
        with BackgroundServer(app) as url:
            yield url, ids
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def page(site):
    with chromium_page() as page:
        yield page


def words_in(locator) -> list[str]:
    """The visible words of each <ins> or <del> (the hidden "added:" label left out)."""
    return [" ".join(text.split()) for text in locator.evaluate_all(
        "els => els.map(e => Array.from(e.childNodes).filter(n => !(n.classList && n.classList.contains('visually-hidden')))"
        ".map(n => n.textContent).join(''))")]


def test_the_diff_of_three_versions_and_another_pair_chosen(site, page):
    url, ids = site
    page.goto(f"{url}/article/{ids['fire']}?lang=en")
    changes = page.locator("section#changes")
    expect(changes.locator(".changes-pair")).to_have_text("Version 2 compared with version 3")
    body = changes.locator(".diff-body")
    assert words_in(body.locator("del")) == ["Nguyên nhân vụ cháy đang được điều tra."]
    expect(body.locator("ins")).to_have_count(0)
    expect(changes.locator(".diff-title ins")).to_have_count(2)
    expect(body.locator(".diff-fold")).to_have_count(1)
    expect(body.locator(".diff-fold")).to_have_text(re.compile(r"… \d+ words unchanged …"))
    # struck through and underlined, not told by colour alone
    assert "line-through" in body.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in changes.locator(".diff-title ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")

    # the form: versions 1 and 3
    page.select_option("#compare-old", "1")
    page.select_option("#compare-new", "3")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"old=1&new=3"))
    expect(changes.locator(".changes-pair")).to_have_text("Version 1 compared with version 3")
    assert "Hai" in words_in(body.locator("del")) and "Ba" in words_in(body.locator("ins"))
    assert "Lực lượng cứu hỏa mất hai giờ mới khống chế" in words_in(body.locator("ins"))   # "được" stayed
    expect(page.locator("#compare-old")).to_have_value("1")

    # a link: versions 1 and 2, where the title did not change
    changes.get_by_role("link", name="compare version 1 with 2").click()
    page.wait_for_url(re.compile(r"old=1&new=2"))
    expect(changes.locator(".changes-pair")).to_have_text("Version 1 compared with version 2")
    expect(changes.locator(".diff-title")).to_have_count(0)
    assert words_in(body.locator("del")) == ["Hai"]
    assert "Nguyên nhân vụ cháy đang được điều tra." not in words_in(body.locator("del"))


def test_an_article_with_one_version_says_nothing_of_versions(site, page):
    url, ids = site
    page.goto(f"{url}/article/{ids['weather']}")
    expect(page.locator("h1")).to_have_text("Hà Nội đón đợt không khí lạnh đầu mùa")
    expect(page.locator("section#changes")).to_have_count(0)
