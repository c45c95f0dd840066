"""Screenshots of the UI's pages at a desktop and a phone width, to look at after a change.

    .venv/bin/python bench/screenshots.py [--data-dir /tmp/khobao-shots] [--out bench/screenshots]

Builds the bundled demo archive (`khobao demo --no-serve`, offline) into --data-dir once, serves it
with `khobao serve` on 127.0.0.1, and has Debian's Chromium (through Playwright) open each page of
PAGES at 1280 and 390 px, writing NAME-desktop.png and NAME-phone.png (the whole page) into --out.
Pages that need an article (the version diff, the copies of a story) take the first the archive's
JSON API names. The pictures are for people: nothing is asserted here (tests/ do that).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGES = {   # name: path (ARTICLE is replaced by an article id)
    "home": "/",
    "results": "/?q=ha+noi",
    "year-month": "/?q=kinh+te&year=2020&month=5",
    "zero-results": "/?q=xyzzyqwv",
    "article": "/article/ARTICLE?q=ha+noi",
    "article-english": "/article/ARTICLE?q=ha+noi&lang=en",
    "help": "/help",
    "trends": "/trends?q=b%C3%A3o&q=l%C5%A9",
    "trends-share": "/trends?q=b%C3%A3o&q=l%C5%A9&as=share",
    "kwic": "/kwic?q=ha+noi",
    "collapsed": "/?q=ha+noi&collapse=1",
    "edited": "/?edited=1",
    "copies": "/?q=l%C5%A9+qu%C3%A9t+k%E1%BB%B3+s%C6%A1n",
}


def khobao(data_dir: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=ROOT, **popen)


def first_article(url: str, **params: str) -> int | None:
    answer = httpx.get(url + "api/search", params={"q": "", **params}, timeout=30).json()
    return answer["hits"][0]["id"] if answer.get("hits") else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/khobao-shots"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "screenshots")
    parser.add_argument("--only", nargs="*", help="names of PAGES to take (default: all)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if khobao(args.data_dir, "demo", "--no-serve").wait(timeout=900) != 0:
        sys.exit("screenshots: building the demo archive failed; see above")
    server = khobao(args.data_dir, "serve", "--host", "127.0.0.1", "--port", "0", stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if not match:
            sys.exit(f"screenshots: the server did not start: {line!r}")
        url = match.group(1)
        article = first_article(url, q="ha noi")
        edited = first_article(url, edited="1")
        pages = {name: path for name, path in PAGES.items() if not args.only or name in args.only}
        wire = first_article(url, q="lũ quét kỳ sơn", sort="oldest")   # the demo's one story in three sources
        if edited is not None:
            pages["article-versions"] = f"/article/{edited}"
        if wire is not None:
            pages["article-copies"] = f"/article/{wire}"
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"])
            try:
                for width_name, (width, height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(url.rstrip("/") + path.replace("ARTICLE", str(article)), timeout=30_000)
                        shot = args.out / f"{name}-{width_name}.png"
                        page.screenshot(path=str(shot), full_page=True)
                        print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}: {path}")
                    context.close()
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
