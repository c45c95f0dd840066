"""What `khobao status` and the home page ask the store (counts per source, date ranges) is answered
from covering indexes, not by reading every article's row and body: a million-article store stays quick."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from store import Article, ArticleStore

TZ = timezone(timedelta(hours=7))


def plan(store: ArticleStore, sql: str, *args) -> str:
    return " | ".join(row[-1] for row in store._db.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall())


def test_counts_and_date_ranges_come_from_covering_indexes_and_are_right(tmp_path):
    with ArticleStore(tmp_path / "a.sqlite3") as store:
        store.upsert_many([Article(url=f"https://tin.example.vn/{s}-{i}.html", title=f"Tin {i}", body="Nội dung " * 50,
                                   source=s, published=datetime(2010 + i, 3, 1, 8, 0, tzinfo=TZ))
                           for s in ("baomau", "tinnhanh") for i in range(5)])
        store.delete("https://tin.example.vn/baomau-4.html")
        assert store.count() == 9
        assert store.counts_by_source() == {"baomau": 4, "tinnhanh": 5}
        assert store.date_range("baomau")[1].startswith("2013-03-01")
        assert store.date_range()[0].startswith("2010") and store.date_range()[1].startswith("2014")
        queries = [q for method in (ArticleStore.count, ArticleStore.counts_by_source)   # the methods' own SQL
                   for q in method.__code__.co_consts if isinstance(q, str) and q.startswith("SELECT")]
        assert len(queries) == 2
        for query in queries:
            assert "COVERING INDEX" in plan(store, query), (query, plan(store, query))
        ranged = ("SELECT MIN(published), MAX(published) FROM articles WHERE deleted = 0 AND published IS NOT NULL"
                  " AND published >= '1600' AND published < '2201'")
        assert "COVERING INDEX articles_live_source" in plan(store, ranged + " AND source=?", "baomau")
        assert "COVERING INDEX" in plan(store, ranged)
