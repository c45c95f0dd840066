"""End to end: `khobao demo --no-serve` into a fresh data directory, then search it through the CLI
and through the HTTP API of a running `khobao serve`. Real processes, real servers, real index.

The expected answers are computed from the sample archive itself (the same generator the demo
serves), so a crawl that loses, duplicates or misreads an article makes these tests fail.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from indexer.analysis import fold, tokenize
from khobao.demo.sample import CORRECTIONS, PLANS
from khobao.demo.sites import make_sites

SITES = make_sites()
CORRECTED = [a for site in SITES.values() for a in site.publish_corrections()]   # the demo's second edition
ARTICLES = [a for site in SITES.values() for a in site.articles]                 # as the archive ends up holding them


def khobao(*args: str, data_dir: Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHOBAO_")}
    return subprocess.run([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def syllables(text: str, folded: bool = False) -> list[str]:
    words = [s.text for s in tokenize(text)]
    return [fold(w) for w in words] if folded else words


def has_phrase(text: str, phrase: str, folded: bool = False) -> bool:
    words, wanted = syllables(text, folded), syllables(phrase, folded)
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words)))


def expected(phrase: str, folded: bool = False) -> list:
    """Sample articles whose title or body holds the phrase."""
    return [a for a in ARTICLES if has_phrase(a.title, phrase, folded) or has_phrase(a.body, phrase, folded)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One real demo build for the whole module: (data_dir, cwd, stdout of the first run)."""
    cwd = tmp_path_factory.mktemp("demo-cwd")
    data_dir = cwd / "data"
    result = khobao("demo", "--no-serve", data_dir=data_dir, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return data_dir, cwd, result.stdout


_searches: dict[tuple, dict] = {}


def search_json(demo, *args: str) -> dict:
    """`khobao search ARGS --json` on the demo data (each distinct search runs once: a process costs seconds)."""
    data_dir, cwd, _ = demo
    if (data_dir, args) not in _searches:
        result = khobao("search", *args, "--json", data_dir=data_dir, cwd=cwd, timeout=120)
        assert result.returncode == 0, result.stderr
        _searches[data_dir, args] = json.loads(result.stdout)
    return _searches[data_dir, args]


def test_demo_builds_the_whole_sample(demo):
    data_dir, cwd, stdout = demo
    assert "articles: 180 (biencuong 56, nhipsong 64, songhong 60)" in stdout
    assert "index: 180 articles" in stdout
    status = json.loads(khobao("status", "--json", data_dir=data_dir, cwd=cwd).stdout)
    per_source = Counter(a.source for a in ARTICLES)
    assert {name: s["articles"] for name, s in status["sources"].items()} == dict(per_source)
    assert status["last_crawl"]["outcome"] == "finished"
    assert status["index"]["articles"] == 180 and status["index"]["behind"] == 0
    assert status["first_published"] == min(a.published for a in ARTICLES).isoformat()
    assert status["last_published"] == max(a.published for a in ARTICLES).isoformat()


def test_the_refresh_after_the_sites_corrections_stores_them_as_new_versions(demo):
    data_dir, _, stdout = demo
    assert f"{len(CORRECTED)} changed articles stored as new versions" in stdout
    assert len(CORRECTED) == sum(site.corrections for site in SITES.values()) > 0
    db = sqlite3.connect(f"file:{data_dir / 'articles.sqlite3'}?mode=ro", uri=True)
    try:
        edited = db.execute("SELECT a.title, a.body, v.body FROM articles a JOIN versions v ON v.article_id = a.id"
                            " WHERE a.version = 2 AND v.version = 1").fetchall()
    finally:
        db.close()
    assert sorted(title for title, _, _ in edited) == sorted(a.title for a in CORRECTED)
    for _, now, before in edited:
        assert any(c in now for c in CORRECTIONS) and not any(c in before for c in CORRECTIONS)


def test_a_second_run_reuses_the_build(demo):
    data_dir, cwd, _ = demo
    result = khobao("demo", "--no-serve", data_dir=data_dir, cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert "reusing the archive built before" in result.stdout
    assert "articles: 180" in result.stdout


def test_demo_refuses_a_directory_it_did_not_make(tmp_path):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    result = khobao("demo", "--no-serve", data_dir=other, cwd=tmp_path)
    assert result.returncode == 2
    assert "did not make" in result.stderr and "Traceback" not in result.stderr
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_cli_phrase_search_finds_exactly_the_articles_holding_it(demo):
    want = expected("Điện Biên Phủ")
    assert len(want) >= 5
    page = search_json(demo, '"Điện Biên Phủ"', "--limit", "100")
    assert page["total"] == len(want)
    assert {h["title"] for h in page["hits"]} == {a.title for a in want}
    assert page["facets"]["source"] == dict(Counter(a.source for a in want))
    assert page["facets"]["year"] == {str(y): n for y, n in Counter(a.published.year for a in want).items()}
    assert all("<mark>" in h["snippet"] for h in page["hits"])
    labels = {plan.name: plan.label for plan in PLANS}
    assert page["source_labels"] == {name: labels[name] for name in page["facets"]["source"]}


def test_cli_unaccented_query_finds_the_accented_text(demo):
    accented = search_json(demo, '"Điện Biên Phủ"', "--limit", "100")
    unaccented = search_json(demo, "dien bien phu", "--limit", "100")
    assert unaccented["total"] >= accented["total"]
    assert {h["url"] for h in accented["hits"]} <= {h["url"] for h in unaccented["hits"]}
    top = unaccented["hits"][0]
    assert "Điện Biên Phủ" in top["title"] + top["snippet"].replace("<mark>", "").replace("</mark>", "")
    assert unaccented["suggestion"] == "điện biên phủ"  # the accented form, in the case the query was typed


def test_cli_accented_query_does_not_find_other_tones(demo):
    ha_noi = search_json(demo, '"Hà Nội"', "--limit", "200")
    assert ha_noi["total"] == len(expected("Hà Nội"))
    only_ha_noi_with_dot = [a for a in expected("Hạ Nội") if a not in expected("Hà Nội")]
    assert only_ha_noi_with_dot, "the sample has 'thôn Hạ Nội' in articles without 'Hà Nội'"
    assert not {a.title for a in only_ha_noi_with_dot} & {h["title"] for h in ha_noi["hits"]}


def test_dates_follow_the_sources_local_calendar(demo):
    # Published at 00:15 on 1 January 2021 in Hanoi (still 2020 in UTC): a 2021 article.
    fireworks = search_json(demo, '"pháo hoa"', "--source", "songhong")
    assert fireworks["total"] == 1
    assert fireworks["hits"][0]["published"] == "2021-01-01T00:15:00+07:00"
    assert fireworks["facets"]["year"] == {"2021": 1}
    # "Sáng 5/3/2021" on the windows-1258 site: 5 March, not 3 May.
    border = search_json(demo, '"thông quan trở lại"', "--source", "biencuong", "--from", "2021-03-01",
                         "--to", "2021-03-31")
    assert border["total"] == 1
    assert border["hits"][0]["published"] == "2021-03-05T08:30:00+07:00"
    assert border["facets"]["month"] == {"2021-03": 1}


@pytest.fixture(scope="module")
def served(demo):
    """`khobao serve --port 0` on the demo data, as a real process; yields its base URL."""
    data_dir, cwd, _ = demo
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHOBAO_")}
    process = subprocess.Popen([sys.executable, "-m", "khobao", "--data-dir", str(data_dir), "serve", "--port", "0"],
                               cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               stdin=subprocess.DEVNULL)
    # A reader thread, since select() cannot see lines already buffered; it ends at the process's end of output.
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)
    reader.start()
    try:
        url = _wait_for_url(process, lines, deadline=time.monotonic() + 60)
        yield url.rstrip("/")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        reader.join(timeout=10)        # closing stdout under a reader still iterating it raises in that thread
        process.stdout.close()


def _wait_for_url(process: subprocess.Popen, lines: queue.Queue, deadline: float) -> str:
    """The address `khobao serve` prints."""
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        for word in line.split():
            if word.startswith("http://127.0.0.1:"):
                return word
    raise AssertionError("khobao serve did not print its address: " + "".join(seen))


def test_http_api_answers_like_the_cli(demo, served):
    cli = search_json(demo, '"Điện Biên Phủ"', "--limit", "100")
    api = httpx.get(f"{served}/api/search", params={"q": '"Điện Biên Phủ"', "per_page": 10}, timeout=30).json()
    assert api["total"] == cli["total"]
    assert [h["url"] for h in api["hits"]] == [h["url"] for h in cli["hits"][:10]]
    assert api["facets"] == cli["facets"]


def test_http_api_filters_by_source_and_folds_tone_styles(served):
    want = expected("Điện Biên Phủ")
    by_source = Counter(a.source for a in want)
    for source, count in by_source.items():
        page = httpx.get(f"{served}/api/search", params={"q": '"dien bien phu"', "source": source}, timeout=30).json()
        assert page["total"] == len([a for a in expected("dien bien phu", folded=True) if a.source == source])
        assert page["total"] >= count
        assert set(page["facets"]["source"]) == {source}
    new_style = httpx.get(f"{served}/api/search", params={"q": "hoà bình"}, timeout=30).json()
    old_style = httpx.get(f"{served}/api/search", params={"q": "hòa bình"}, timeout=30).json()
    assert new_style["total"] == old_style["total"] > 0
    assert new_style["facets"] == old_style["facets"]


def test_http_search_page_and_article_page(served):
    page = httpx.get(f"{served}/", params={"q": "lạng sơn"}, timeout=30)
    assert page.status_code == 200 and 'lang="vi"' in page.text
    hits = httpx.get(f"{served}/api/search", params={"q": "title:lạng sơn"}, timeout=30).json()
    assert hits["total"] == len([a for a in ARTICLES if has_phrase(a.title, "Lạng Sơn")
                                 or {"lạng", "sơn"} <= set(syllables(a.title))])
    article = httpx.get(f"{served}/api/articles/{hits['hits'][0]['id']}", timeout=30)
    assert article.status_code == 200
    assert "Lạng Sơn" in json.dumps(article.json(), ensure_ascii=False)
