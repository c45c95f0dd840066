"""The frontier: normalised unique URLs, claiming and settling, crash recovery, refresh scheduling, runs."""

from __future__ import annotations

import time

import pytest

from crawler.frontier import Frontier


@pytest.fixture
def frontier(tmp_path):
    with Frontier(tmp_path / "frontier.sqlite3") as frontier:
        yield frontier


def test_urls_are_normalised_and_deduplicated(frontier):
    added = frontier.add([
        "https://Bao.Example.vn:443/thoi-su/bai-1.html?utm_source=rss&utm_medium=feed",
        "https://bao.example.vn/thoi-su/bai-1.html#binh-luan",
        "https://bao.example.vn/thoi-su/bai-1.html?fbclid=abc",
        "https://bao.example.vn/thoi-su/bai-2.html?b=2&a=1",
        "https://bao.example.vn/thoi-su/bai-2.html?a=1&b=2",
    ], "bao", "article")
    assert added == 2
    assert frontier.get("https://bao.example.vn/thoi-su/bai-1.html")["state"] == "queued"
    assert frontier.add(["https://bao.example.vn/thoi-su/bai-1.html"], "bao", "article") == 0


def test_hubs_are_claimed_before_articles_and_claims_are_per_host(frontier):
    frontier.add(["https://a.vn/bai-1.html", "https://a.vn/bai-2.html"], "a", "article")
    frontier.add(["https://a.vn/rss"], "a", "feed")
    frontier.add(["http://127.0.0.1:8001/x-1.html"], "b", "article")
    frontier.add(["http://127.0.0.1:8002/y-1.html"], "b", "article")
    assert sorted(frontier.queued_hosts(["a", "b"])) == ["127.0.0.1:8001", "127.0.0.1:8002", "a.vn"]
    claimed = frontier.claim_host("a.vn", ["a", "b"], 10)
    assert [e.url for e in claimed] == ["https://a.vn/rss", "https://a.vn/bai-1.html", "https://a.vn/bai-2.html"]
    assert claimed[0].kind == "feed" and claimed[1].kind == "article"
    assert frontier.claim_host("a.vn", ["a", "b"], 10) == []  # active now
    assert frontier.claim_host("127.0.0.1:8001", ["a"], 10) == []  # another source's URLs


def test_a_crash_leaves_active_urls_that_go_back_to_the_queue(tmp_path):
    path = tmp_path / "frontier.sqlite3"
    with Frontier(path) as frontier:
        frontier.add(["https://a.vn/bai-1.html", "https://a.vn/bai-2.html"], "a", "article")
        first, second = frontier.claim_host("a.vn", ["a"], 10)
        frontier.settle(first, "done", http_status=200)
        # the process dies here, with `second` claimed but not settled
    with Frontier(path) as frontier:
        assert frontier.counts() == {"done": 1, "active": 1}
        assert frontier.recover() == 1
        again = frontier.claim_host("a.vn", ["a"], 10)
        assert [e.url for e in again] == [second.url]


def test_released_entries_are_queued_again(frontier):
    frontier.add(["https://a.vn/bai-1.html"], "a", "article")
    entries = frontier.claim_host("a.vn", ["a"], 10)
    frontier.release(entries)
    assert frontier.counts() == {"queued": 1}


def test_settle_keeps_validators_and_problems_are_listed(frontier):
    frontier.add(["https://a.vn/bai-1.html", "https://a.vn/bai-2.html"], "a", "article")
    ok, gone = frontier.claim_host("a.vn", ["a"], 10)
    frontier.settle(ok, "done", http_status=200, etag='"v1"', last_modified="Mon, 01 Dec 2025 08:00:00 GMT",
                    interval=60.0, next_due=time.time() + 60)
    frontier.settle(gone, "skipped", reason="HTTP 404", http_status=404)
    row = frontier.get(ok.url)
    assert (row["etag"], row["last_modified"], row["interval"], row["attempts"]) == (
        '"v1"', "Mon, 01 Dec 2025 08:00:00 GMT", 60.0, 1)
    assert frontier.problems() == [("https://a.vn/bai-2.html", "skipped", "HTTP 404")]


def test_refresh_requeues_hubs_and_only_the_articles_that_are_due(frontier):
    frontier.add(["https://a.vn/rss"], "a", "feed")
    frontier.add(["https://a.vn/bai-1.html", "https://a.vn/bai-2.html", "https://a.vn/bai-3.html"], "a", "article")
    feed, due, later, skipped = frontier.claim_host("a.vn", ["a"], 10)
    now = time.time()
    frontier.settle(feed, "done")
    frontier.settle(due, "done", interval=10, next_due=now - 1)
    frontier.settle(later, "done", interval=10, next_due=now + 3600)
    frontier.settle(skipped, "skipped", reason="disallowed by robots.txt")
    assert frontier.requeue_due(["a"], now=now) == {"hubs": 1, "articles": 1}
    assert [e.url for e in frontier.claim_host("a.vn", ["a"], 10)] == [feed.url, due.url]
    assert frontier.requeue_due(["other"], now=now) == {"hubs": 0, "articles": 0}


def test_an_alias_is_never_fetched_separately(frontier):
    frontier.add(["https://a.vn/bai-1.html"], "a", "article")
    frontier.mark_alias("https://a.vn/bai-1.html", "a", "article")   # queued: now settled
    frontier.mark_alias("https://a.vn/bai-9.html", "a", "article")   # unknown: recorded as done
    assert frontier.counts() == {"done": 2}
    assert frontier.claim_host("a.vn", ["a"], 10) == []


def test_runs_are_recorded(frontier):
    assert frontier.last_run() is None
    run = frontier.start_run("2026-01-01T00:00:00+00:00", ["a"], refresh=True)
    assert frontier.last_run()["outcome"] == "running"
    frontier.end_run(run, "2026-01-01T00:05:00+00:00", "finished", {"new": 3, "skipped": {"HTTP 404": 1}})
    assert frontier.last_run() == {"id": run, "started_at": "2026-01-01T00:00:00+00:00",
                                   "ended_at": "2026-01-01T00:05:00+00:00", "outcome": "finished",
                                   "sources": ["a"], "refresh": True,
                                   "counts": {"new": 3, "skipped": {"HTTP 404": 1}}}


def test_a_sitemap_that_dates_everything_now_queues_nothing(tmp_path):
    import time as clock

    from crawler.frontier import Frontier
    with Frontier(tmp_path / "frontier.sqlite3") as frontier:
        urls = [f"https://bao.vn/bai-{i}.html" for i in range(30)]
        frontier.add(urls, "bao", "article")
        for entry in frontier.claim_host("bao.vn", ["bao"], 100):
            frontier.settle(entry, "done")
        later = clock.time() + 60
        assert frontier.queue_if_changed({urls[0]: later, urls[1]: 0.0}) == 1     # one correction: fetched again
        assert frontier.queue_if_changed({url: later for url in urls}) == 0     # every entry "changed": no news
        assert frontier.queue_if_changed({"https://bao.vn/chua-biet.html": later}) == 0   # unknown: not ours to queue
