"""A file of the index that is damaged where only a query reads it (the postings): every search
surface answers 503 with the fix (`khobao index --rebuild`), never a 500; articles stay readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.generations import live_dir
from khobao.config import load_settings
from tests.vn_articles import ARTICLES, article, build, filler
from webui import create_app


@pytest.fixture
def damaged(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store, index_dir, ids = build(data_dir, [article(k) for k in ARTICLES] + filler(30))
    store.close()
    postings = next(live_dir(index_dir).glob("*.pst"))
    data = postings.read_bytes()
    postings.write_bytes(data[: len(data) // 3] + b"\0" * (len(data) - len(data) // 3))
    settings = load_settings(path=Path(__file__).parent / "empty-config.toml", data_dir=data_dir)
    app = create_app(settings)
    try:
        yield app.test_client(), ids
    finally:
        app.extensions["khobao.archive"].close()


@pytest.mark.parametrize("path", ["/?q=nắng", "/?q=đà+nẵng&sort=newest", "/api/search?q=nắng",
                                  "/export.csv?q=nắng", "/export.jsonl?q=nắng", "/feed.atom?q=nắng"])
def test_search_surfaces_say_the_index_is_damaged_and_how_to_fix_it(damaged, path):
    client, _ = damaged
    response = client.get(path)
    assert response.status_code == 503
    assert "khobao index --rebuild" in response.get_data(as_text=True)


def test_an_article_page_still_reads_from_the_store(damaged):
    client, ids = damaged
    url, article_id = next(iter(ids.items()))
    response = client.get(f"/article/{article_id}")
    assert response.status_code == 200
