"""The store keeps every earlier version of a changed article with its text (title, body, dates, author, section)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from store import ArticleStore
from versions_corpus import FIRE, MARKET, first_fetch, later_fetches


def test_earlier_versions_carry_their_text_oldest_first(tmp_path):
    path = tmp_path / "articles.sqlite3"
    ids = first_fetch(path)
    later_fetches(path)
    with ArticleStore(path, read_only=True) as store:
        current = store.get(ids["fire"])
        versions = store.versions(ids["fire"])
        assert current.version == 3 and current.article.title == FIRE[2]["title"]
        assert [v.version for v in versions] == [1, 2]
        for stored, fetched in zip(versions, FIRE):
            assert stored.title == fetched["title"] and stored.body == fetched["body"]
            assert stored.published == fetched["published"] and stored.fetched_at == fetched["fetched_at"]
            assert stored.author == "Lan Hương" and stored.section == "Xã hội"
        assert versions[0].published.utcoffset() == timedelta(hours=7)   # the source's own offset, kept
        (market,) = store.versions(ids["market"])
        assert market.section == MARKET[0]["section"] and market.body == MARKET[0]["body"]
        assert store.versions(ids["weather"]) == []   # fetched twice, never changed
        assert store.get(ids["weather"]).version == 1


def test_a_version_without_optional_fields_reads_as_none(tmp_path):
    from store import Article
    with ArticleStore(tmp_path / "a.sqlite3") as store:
        first = Article(url="https://x.example.vn/a.html", source="x", title="Tin ngắn", body="Một câu.")
        article_id = store.upsert(first).id
        store.upsert(first.replace(body="Một câu khác.", fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))
        (version,) = store.versions(article_id)
        assert (version.body, version.published, version.author, version.section, version.fetched_at) == \
            ("Một câu.", None, None, None, None)
