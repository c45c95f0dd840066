"""Imported articles line up with the configured papers (issue 13, point 3): an article whose URL's host
is in a source's `domains` (subdomains too) joins it and takes its label; another domain becomes a
source named after it that config.toml can label; `khobao status`, the facets, the exports and the
JSON API show both alike. A real config.toml, a real import, a real index and the real web app."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khobao.cli import cli
from khobao.config import load_settings
from store import ArticleStore
from webui import create_app

CONFIG = """
[index]
procs = 1

[[sources]]
name = "tinmau"
label = "Tin Mẫu"
domains = ["tinmau.vn"]
feeds = ["https://tinmau.vn/rss.xml"]

# a source for imported articles only: a label and its domains
[[sources]]
name = "baokhac.vn"
label = "Báo Khác"
domains = ["baokhac.vn"]
"""

RECORDS = [
    {"url": "https://www.tinmau.vn/lu-quang-binh-3001.html", "title": "Lũ ở Quảng Bình",
     "body": "Nước lũ dâng cao ở Lệ Thủy.", "source": "tinmau.vn", "date": "2020-10-18"},
    {"url": "https://thethao.tinmau.vn/bong-da-3002.html", "title": "Bóng đá Quảng Bình thắng",
     "body": "Đội bóng Quảng Bình thắng trận mở màn.", "date": "2020-10-19"},
    {"url": "https://baokhac.vn/lu-ha-tinh-3003.html", "title": "Lũ ở Hà Tĩnh",
     "body": "Nước lũ ở Hương Khê.", "source": "baokhac.vn", "date": "2020-10-20"},
    {"url": "https://www.tinla.vn/lu-quang-tri-3004.html", "title": "Lũ ở Quảng Trị",
     "body": "Nước lũ ở Hải Lăng.", "date": "2020-10-21"},
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sources")
    config = root / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    source = root / "lu.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "--data-dir", str(root / "data"), "import", str(source)])
    assert result.exit_code == 0, result.output
    assert "by source: tinmau (Tin Mẫu) 2, baokhac.vn (Báo Khác) 1, tinla.vn 1" in result.output
    assert "1 source not in config.toml (tinla.vn)" in result.output
    return root


def test_articles_join_the_source_of_their_domain_subdomains_too(imported):
    with ArticleStore(imported / "data" / "articles.sqlite3") as store:
        assert store.counts_by_source() == {"tinmau": 2, "baokhac.vn": 1, "tinla.vn": 1}
        assert store.source_labels() == {"tinmau": "Tin Mẫu", "baokhac.vn": "Báo Khác"}


def test_status_lists_configured_and_imported_sources_with_their_labels(imported):
    result = CliRunner().invoke(cli, ["--config", str(imported / "config.toml"), "--data-dir",
                                      str(imported / "data"), "status", "--json"])
    sources = json.loads(result.output)["sources"]
    assert {name: (s["label"], s["articles"]) for name, s in sources.items()} == {
        "tinmau": ("Tin Mẫu", 2), "baokhac.vn": ("Báo Khác", 1), "tinla.vn": ("tinla.vn", 1)}


@pytest.fixture
def app(imported):
    app = create_app(load_settings(imported / "config.toml", data_dir=imported / "data"))
    yield app
    app.extensions["khobao.archive"].close()


def get(app, path: str) -> str:
    response = app.test_client().get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_facets_api_and_exports_show_imported_sources_alike(app):
    page = json.loads(get(app, "/api/search?q=l%C5%A9"))
    assert page["facets"]["source"] == {"tinmau": 1, "baokhac.vn": 1, "tinla.vn": 1}
    assert page["source_labels"] == {"tinmau": "Tin Mẫu", "baokhac.vn": "Báo Khác", "tinla.vn": "tinla.vn"}
    results = get(app, "/?q=l%C5%A9")
    assert "Tin Mẫu" in results and "Báo Khác" in results and "tinla.vn" in results
    rows = list(csv.DictReader(io.StringIO(get(app, "/export.csv?q=l%C5%A9").lstrip("\ufeff"))))
    assert {(r["source"], r["source_label"]) for r in rows} == {
        ("tinmau", "Tin Mẫu"), ("baokhac.vn", "Báo Khác"), ("tinla.vn", "tinla.vn")}


def test_a_record_without_url_or_source_goes_to_the_file_source_and_is_shown_unlinked(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    source = tmp_path / "kho_cu.jsonl.gz"
    import gzip
    source.write_bytes(gzip.compress((json.dumps({"id": "k-1", "title": "Chuyện làng nghề", "body": "Làng gốm Bát "
                                                  "Tràng đỏ lửa."}, ensure_ascii=False) + "\n").encode()))
    data = tmp_path / "data"
    result = CliRunner().invoke(cli, ["--config", str(config), "--data-dir", str(data), "import", str(source)])
    assert result.exit_code == 0, result.output
    with ArticleStore(data / "articles.sqlite3") as store:
        stored = store.get_by_url("urn:khobao:kho_cu:k-1")
        assert stored is not None and stored.article.source == "kho_cu"
    app = create_app(load_settings(config, data_dir=data))
    try:
        page = get(app, f"/article/{stored.id}")
        assert "urn:khobao:kho_cu:k-1" in page and 'href="urn:' not in page
    finally:
        app.extensions["khobao.archive"].close()
