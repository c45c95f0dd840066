"""Debian's Chromium driven by Playwright, for the browser tests: one place for how it is started
and for the rule that a page must report no errors (CSP violations, script errors)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is needed: apt-get install chromium (.ci/run installs it)")


@contextmanager
def chromium_page(viewport: dict = DESKTOP) -> Iterator[Page]:
    """A page of its own browser (Vietnamese locale, 20 s timeouts), closed at the end; fails the
    test when the page reported an error on the console or a script error meanwhile."""
    need_chromium()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            yield page
            context.close()
        finally:
            browser.close()
    assert problems == [], f"the browser reported errors: {problems}"
