"""A huge article body costs a bounded amount of page work: `[web] max_article_chars` of it on the
page (highlighting included), the rest one link away as plain text or JSON; snippets and similar
articles read a bounded beginning too."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from indexer import open_engine
from indexer.query import parse
from indexer.search import SIMILAR_SCAN_CHARS
from indexer.settings import IndexSettings
from indexer.snippets import SNIPPET_MAX_CHARS, snippet
from khobao.config import load_settings
from store import Article, ArticleStore
from webui import create_app
from webui.settings import WebSettings

HANOI = timezone(timedelta(hours=7))
LIMIT = 20_000
PARAGRAPH = "Hà Nội khởi công tuyến đường vành đai mới nối các khu dân cư phía tây thành phố. " * 3
TAIL = "Đoạn kết thúc bài viết rất dài nằm ở cuối cùng."


def article(n: int, title: str, body: str) -> Article:
    return Article(url=f"https://baomau.example.vn/bai-{n}.html", source="baomau", title=title, body=body,
                   published=datetime(2024, 3, n, 9, tzinfo=HANOI),
                   fetched_at=datetime(2024, 3, 9, tzinfo=timezone.utc), http_status=200)


LONG_BODY = "\n".join([PARAGRAPH] * 1500 + [TAIL])      # ~370,000 characters


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("long") / "data"
    data.mkdir()
    with ArticleStore(data / "articles.sqlite3") as store:
        ids = {"long": store.upsert(article(1, "Bài viết rất dài về Hà Nội", LONG_BODY)).id,
               "short": store.upsert(article(2, "Tin ngắn", "Hà Nội mưa nhẹ.\nTrời mát.")).id,
               "gone": store.upsert(article(3, "Bài đã gỡ", "Nội dung đã gỡ.")).id}
        store.delete(article(3, "", "").url)
        with open_engine(data / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    app = create_app(store_path=data / "articles.sqlite3", index_dir=data / "index",
                     web=WebSettings(max_article_chars=LIMIT), test_config={"TESTING": False})
    yield app, ids
    app.extensions["khobao.archive"].close()


def get(app, path, **args):
    response = app.test_client().get(path, query_string=args)
    try:
        return response.status_code, response.get_data(as_text=True), response.mimetype
    finally:
        response.close()


def test_a_long_article_shows_its_beginning_with_a_note_and_links(site):
    app, ids = site
    status, html, _ = get(app, f"/article/{ids['long']}", lang="en")
    assert status == 200
    assert len(html) < LIMIT * 2 + 20_000               # the page, not the 370,000 characters
    assert TAIL not in html and PARAGRAPH.strip() in html
    assert "this page shows the first" in html and f"{len(LONG_BODY):,}" in html
    assert f'href="/article/{ids["long"]}.txt' in html and f'href="/api/articles/{ids["long"]}"' in html
    shown = html.count(PARAGRAPH.strip())
    assert 0.8 * LIMIT <= shown * (len(PARAGRAPH) + 1) <= LIMIT   # cut at a paragraph end near the cap


def test_highlighting_stays_within_the_cap(site):
    app, ids = site
    status, html, _ = get(app, f"/article/{ids['long']}", q="ha noi")
    assert status == 200
    marks = html.count("<mark>")
    assert 3 <= marks <= LIMIT // len(PARAGRAPH) * 3 + 3    # title + shown paragraphs, not all 4,500
    assert len(html) < LIMIT * 3 + 20_000


def test_the_full_text_is_one_link_away(site):
    app, ids = site
    status, text, mimetype = get(app, f"/article/{ids['long']}.txt")
    assert status == 200 and mimetype == "text/plain"
    assert text == f"Bài viết rất dài về Hà Nội\n\n{LONG_BODY}\n"
    status, body, _ = get(app, f"/api/articles/{ids['long']}")
    assert status == 200 and TAIL in body
    assert get(app, "/article/999999.txt")[0] == 404
    assert get(app, f"/article/{ids['gone']}.txt")[0] == 410


def test_a_short_article_is_shown_whole_without_a_note(site):
    app, ids = site
    status, html, _ = get(app, f"/article/{ids['short']}", lang="en")
    assert status == 200 and "Trời mát." in html and "this page shows the first" not in html


def test_the_cap_is_a_config_key(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[web]\nmax_article_chars = 1234\n", encoding="utf-8")
    assert load_settings(config, data_dir=tmp_path).web.max_article_chars == 1234
    assert WebSettings().max_article_chars == 200_000
    with pytest.raises(ValueError, match="max_article_chars"):
        WebSettings(max_article_chars=0)


def test_snippets_read_a_bounded_beginning():
    terms = tuple(parse("hải phòng").terms)
    filler = "mưa nhẹ khắp nơi. " * (SNIPPET_MAX_CHARS // 18 + 10)
    assert "<mark>" in snippet(filler[:SNIPPET_MAX_CHARS // 2] + " Hải Phòng", terms)
    beyond = snippet(filler + " Hải Phòng", terms)
    assert "<mark>" not in beyond and beyond.startswith("mưa nhẹ")


def test_similar_articles_read_a_bounded_beginning(tmp_path):
    """Words only past SIMILAR_SCAN_CHARS of a long body do not make another article similar."""
    late = "Đội đua thuyền rồng làng Vạn Phúc giành cúp vô địch giải bơi chải truyền thống."
    filler = "\n".join(["Thời tiết nắng ráo, gió nhẹ, nhiệt độ cao nhất ba mươi độ."] * (SIMILAR_SCAN_CHARS // 50))
    with ArticleStore(tmp_path / "a.sqlite3") as store:
        long_id = store.upsert(article(1, "Bản tin dài", filler + "\n" + late * 3)).id
        early_id = store.upsert(article(2, "Bản tin ngắn", late * 3 + "\n" + filler[:2000])).id
        store.upsert(article(3, "Thuyền rồng", late * 2))
        store.upsert_many([article(5 + n % 20, f"Tin khác {n}", f"Giá vàng phiên thứ {n} đi ngang, thị trường trầm lắng.")
                           .replace(url=f"https://baomau.example.vn/khac-{n}.html") for n in range(40)])
        with open_engine(tmp_path / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    with open_engine(tmp_path / "index") as searcher:
        assert "Thuyền rồng" in [h.title for h in searcher.more_like_this(early_id)]
        assert "Thuyền rồng" not in [h.title for h in searcher.more_like_this(long_id)]
