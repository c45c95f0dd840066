"""Copies across sources on the web and the command line (issue 14, point 6), through a real server.

The app runs under waitress on 127.0.0.1 over a real store and index of the invented flood story
(first by baomau, copied by tinnhanh and diendan, republished by baomau) and two other stories
that share only a boilerplate paragraph; `khobao search` runs as a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from indexer import open_engine
from indexer.settings import IndexSettings
from store import ArticleStore
from tests.live_app import live_client
from tests.test_duplicates import flood_copies
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    data = tmp_path_factory.mktemp("copies") / "data"
    data.mkdir()
    articles = flood_copies()
    with ArticleStore(data / "articles.sqlite3") as store:
        ids = {a.url.rsplit("/", 1)[1][:-5]: r.id for a, r in zip(articles, store.upsert_many(articles))}
        with open_engine(data / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    return data, ids


@pytest.fixture(scope="module")
def web(data_dir):
    data, _ = data_dir
    app = create_app(store_path=data / "articles.sqlite3", index_dir=data / "index", test_config={"TESTING": True})
    try:
        with live_client(app) as client:
            yield client
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture
def ids(data_dir) -> dict[str, int]:
    return data_dir[1]


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def hit_blocks(html: str) -> dict[int, str]:
    """Each hit's HTML by article id."""
    blocks = re.findall(r'<li class="hit">(.*?)</li>', html, re.S)
    return {int(re.search(r'href="/article/(\d+)', block).group(1)): block for block in blocks}


def test_results_say_who_else_published_and_who_first_and_link_to_the_copies(web, ids):
    page = web.get("/", params={"q": "sông Gianh"})
    assert page.status_code == 200
    hits = hit_blocks(page.text)
    line = text_of(hits[ids["lu-tinnhanh"]])
    assert "Cũng được 2 nguồn khác đăng; đăng đầu tiên: baomau lúc 10/09/2024 07:00" in line
    assert f'href="/article/{ids["lu-tinnhanh"]}#copies"' in hits[ids["lu-tinnhanh"]]
    english = hit_blocks(web.get("/", params={"q": "sông Gianh", "lang": "en"}).text)
    assert "Also published by 2 other sources; first by baomau at 10/09/2024 07:00" in text_of(english[ids["lu-goc"]])
    plain = hit_blocks(web.get("/", params={"q": "đường dây nóng"}).text)   # shared boilerplate only: no line
    assert set(plain) == {ids["lua"], ids["cho"]} and not any("copies-line" in block for block in plain.values())


def test_the_article_page_lists_the_copies_first_published_first(web, ids):
    page = web.get(f"/article/{ids['lu-diendan']}")
    assert page.status_code == 200
    section = page.text.split('id="copies"', 1)[1].split("</section>", 1)[0]
    listed = [int(i) for i in re.findall(r'href="/article/(\d+)"', section)]
    assert listed == [ids["lu-goc"], ids["lu-tinnhanh"], ids["lu-baomau-lai"]]   # itself shown, not linked
    order = re.findall(r"<li( class=\"this\")?", section)
    assert len(order) == 4 and order[2]                     # diendan's own copy is third
    assert "Các bản đăng gần giống nhau (4)" in text_of(section) and "đăng đầu tiên" in text_of(section)
    assert 'href="#copies"' in page.text.split('class="article-body"', 1)[0]
    alone = web.get(f"/article/{ids['lua']}").text
    assert 'id="copies"' not in alone and "copies-line" not in alone


def test_the_json_api_carries_the_copies_and_says_how_it_counts(web, ids):
    data = web.get("/api/search", params={"q": "Gianh", "per_page": 20}).json()
    assert (data["counting"], data["collapse"], data["total"], data["articles"]) == ("articles", False, 4, 4)
    by_id = {hit["id"]: hit for hit in data["hits"]}
    assert by_id[ids["lu-diendan"]]["copies"] == {
        "articles": 4, "other_sources": 2,
        "first": {"id": ids["lu-goc"], "source": "baomau", "published": "2024-09-10T07:00:00+07:00"}}
    only_diendan = web.get("/api/search", params={"q": "Gianh", "source": "diendan"}).json()
    assert "baomau" in only_diendan["source_labels"]    # the first publisher named in a hit has its label too
    collapsed = web.get("/api/search", params={"q": "", "source": ["baomau", "tinnhanh", "diendan"],
                                               "collapse": "1"}).json()
    assert (collapsed["counting"], collapsed["total"], collapsed["articles"]) == ("stories", 3, 6)
    assert collapsed["facets"]["source"] == {"baomau": 1, "diendan": 1, "tinnhanh": 1}
    assert sum(collapsed["facets"]["year"].values()) == 3
    article = web.get(f"/api/articles/{ids['lu-tinnhanh']}").json()
    assert [copy["id"] for copy in article["copies"]] == [ids[k] for k in ("lu-goc", "lu-tinnhanh", "lu-diendan",
                                                                              "lu-baomau-lai")]
    assert web.get(f"/api/articles/{ids['cho']}").json()["copies"] == []


def test_collapsing_on_the_search_page_counts_each_story_once(web, ids):
    full = web.get("/", params={"source": "baomau"}).text
    assert 'data-total="2"' in full and "Mỗi tin tính một lần" in full    # the toggle
    toggle = re.search(r'<p class="collapse-toggle"><a href="([^"]+)"', full).group(1)
    collapsed = web.get(unescape(toggle)).text
    assert "collapse=1" in toggle
    assert 'data-total="1" data-counting="stories"' in collapsed
    assert "Mỗi tin tính một lần: 1 tin trong 2 bài" in text_of(collapsed)
    assert list(hit_blocks(collapsed)) == [ids["lu-goc"]]
    everything = text_of(web.get("/", params={"q": "", "year": "2024", "collapse": "1", "lang": "en"}).text)
    assert "Counting each story once: 3 stories in 6 articles" in everything
    assert "Show every copy" in everything and "(each story counted once)" in everything   # the timeline too


def test_collapsed_exports_have_one_row_a_story_and_say_so(web, ids):
    response = web.get("/export.csv", params={"q": "Gianh", "collapse": "1"})
    assert response.status_code == 200
    assert (response.headers["X-Counting"], response.headers["X-Total-Count"],
            response.headers["X-Article-Count"]) == ("stories", "1", "4")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(int(r["id"]), r["copies"], r["other_sources"]) for r in rows] == [(ids["lu-goc"], "4", "2")]
    lines = web.get("/export.jsonl", params={"q": "Gianh"})
    assert lines.headers["X-Counting"] == "articles" and lines.headers["X-Article-Count"] == "4"
    records = [json.loads(line) for line in lines.text.splitlines()]
    assert len(records) == 4 and "copies" not in records[0]   # uncollapsed: the columns as before


def test_khobao_search_collapse(data_dir, ids):
    data, _ = data_dir

    def search(*args):
        done = subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data), "search", "Gianh", *args],
                              capture_output=True, timeout=120, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    answer = json.loads(search("--collapse", "--json"))
    assert (answer["counting"], answer["total"], answer["articles"]) == ("stories", 1, 4)
    assert [hit["id"] for hit in answer["hits"]] == [ids["lu-goc"]]
    printed = search("--collapse")
    assert "counting each story once: 1 story in 4 articles" in printed
    assert "also published by 2 other source(s); first by baomau at 2024-09-10 07:00" in printed
