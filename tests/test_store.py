"""The article store: upsert by normalised URL, change detection, versions, change sequence, deletions."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from store import Article, ArticleStore

HANOI = timezone(timedelta(hours=7))


def make(url="https://baomau.vn/a-1.html", **kw) -> Article:
    defaults = dict(title="Hà Nội mở rộng đường vành đai", body="Sáng nay, thành phố khởi công.",
                    source="baomau", published=datetime(2021, 3, 5, 8, 15, tzinfo=HANOI))
    return Article(url=url, **{**defaults, **kw})


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        yield store


def test_new_then_unchanged_then_changed(store):
    first = store.upsert(make())
    assert first.status == "new"
    assert store.upsert(make(etag='"v1"')).status == "unchanged"
    assert store.get(first.id).article.etag == '"v1"'  # validators refreshed by the unchanged revisit
    seq_before = store.last_seq()
    changed = store.upsert(make(body="Sáng nay, thành phố khởi công. Cập nhật lúc 10 giờ."))
    assert changed == type(changed)(first.id, "changed")
    assert store.last_seq() == seq_before + 1
    stored = store.get(first.id)
    assert stored.version == 2 and "Cập nhật" in stored.article.body
    assert [v.version for v in store.versions(first.id)] == [1]


def test_tracking_parameters_and_host_case_are_one_article(store):
    a = store.upsert(make("https://BaoMau.vn:443/a-1.html?utm_source=fb&fbclid=x#top"))
    b = store.upsert(make("https://baomau.vn/a-1.html"))
    assert a.id == b.id and b.status == "unchanged"
    assert store.count() == 1


def test_text_is_stored_as_nfc_with_d_bar(store):
    nfd = unicodedata.normalize("NFD", "Ðiện Biên Phủ")
    result = store.upsert(make(title=nfd))
    assert store.get(result.id).article.title == "Điện Biên Phủ"


def test_changes_since_and_deletion_tombstone(store):
    ids = [store.upsert(make(f"https://baomau.vn/a-{i}.html", title=f"Tin số {i}")).id for i in range(5)]
    mark = store.last_seq()
    store.upsert(make("https://baomau.vn/a-2.html", title="Tin số 2 (sửa)"))
    assert store.delete("https://baomau.vn/a-4.html")
    assert not store.delete("https://baomau.vn/a-4.html")
    changed = list(store.changes_since(mark))
    assert [(c.id, c.deleted) for c in changed] == [(ids[2], False), (ids[4], True)]
    assert store.count() == 4
    assert len(list(store.all_articles())) == 4


def test_naive_published_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        make(published=datetime(2021, 3, 5, 8, 15))


def test_store_reopens_with_its_data(tmp_path):
    path = tmp_path / "s.sqlite3"
    with ArticleStore(path) as store:
        store.upsert(make())
    with ArticleStore(path) as store:
        assert store.count() == 1 and store.last_seq() == 1
        assert store.counts_by_source() == {"baomau": 1}


def test_source_labels_are_remembered_and_merged(store):
    store.remember_sources({"baomau": "Báo Mẫu", "tinnhanh": ""})
    store.remember_sources({"langque": "Tin Làng Quê"})
    assert store.source_labels() == {"baomau": "Báo Mẫu", "langque": "Tin Làng Quê"}
