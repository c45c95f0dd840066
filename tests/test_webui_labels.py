"""Sources are shown by their labels, whether the server's config knows them or only the store does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.settings import Source
from indexer import open_engine
from indexer.settings import IndexSettings
from store import Article, ArticleStore
from webui import create_app
from webui.settings import WebSettings

HANOI = timezone(timedelta(hours=7))


@dataclass
class FakeSettings:  # the three attributes create_app reads, plus the sources of a config
    store_path: Path
    index_dir: Path
    web: WebSettings
    sources: tuple[Source, ...] = ()


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("labels")
    with ArticleStore(data_dir / "articles.sqlite3") as store:
        store.remember_sources({"ducanh": "Báo Đức Anh"})
        store.upsert(Article(url="https://ducanh.example.vn/a-1.html", source="ducanh",
                             title="Mưa lớn ở Hà Giang", body="Mưa lớn kéo dài ba ngày ở Hà Giang.",
                             published=datetime(2023, 7, 2, 9, 0, tzinfo=HANOI)))
        with open_engine(data_dir / "index", IndexSettings(procs=1)) as engine:
            engine.update(store)
    return data_dir


@pytest.fixture
def apps():
    """Apps made by a test, their archives (index files, store) closed after it."""
    made = []
    yield lambda *args, **kwargs: made.append(create_app(*args, **kwargs)) or made[-1]
    for app in made:
        app.extensions["khobao.archive"].close()


def get(app, path: str) -> str:
    response = app.test_client().get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_labels_come_from_the_store_when_the_config_does_not_know_the_source(data, apps):
    app = apps(store_path=data / "articles.sqlite3", index_dir=data / "index")
    results = get(app, "/?q=mua+lon")
    assert "Báo Đức Anh" in results and ">ducanh<" not in results
    assert "Báo Đức Anh" in get(app, "/")            # the welcome page's list of sources
    assert "Báo Đức Anh" in get(app, "/article/1")
    assert "Nguồn: Báo Đức Anh" in get(app, "/?q=mua+lon&source=ducanh")   # the removable filter chip


def test_the_servers_config_wins(data, apps):
    settings = FakeSettings(data / "articles.sqlite3", data / "index", WebSettings(),
                            (Source(name="ducanh", label="Đức Anh (cấu hình)"),))
    app = apps(settings)
    assert "Đức Anh (cấu hình)" in get(app, "/?q=mua+lon")


def test_exports_and_feed_give_people_the_label_and_programs_the_name(data, apps):
    import csv
    import io
    import json
    app = apps(store_path=data / "articles.sqlite3", index_dir=data / "index")
    row = next(csv.DictReader(io.StringIO(get(app, "/export.csv?q=mua+lon").lstrip("\ufeff"))))
    assert (row["source"], row["source_label"]) == ("ducanh", "Báo Đức Anh")
    line = json.loads(get(app, "/export.jsonl?q=mua+lon").splitlines()[0])
    assert (line["source"], line["source_label"]) == ("ducanh", "Báo Đức Anh")
    assert "<name>Báo Đức Anh</name>" in get(app, "/feed.atom?q=mua+lon")   # no author: the paper's name


def test_the_json_api_names_every_source_with_its_label(data, apps):
    import json
    app = apps(store_path=data / "articles.sqlite3", index_dir=data / "index")
    page = json.loads(get(app, "/api/search?q=mua+lon"))
    assert page["hits"][0]["source"] == "ducanh"
    assert page["source_labels"] == {"ducanh": "Báo Đức Anh"}
