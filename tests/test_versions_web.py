"""What changed, through the real app on a real server: the article page's diff and its chooser,
the article JSON with every version's text, and the edited filter on the search page, the JSON
API and the exports."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest

from live_app import live_client
from versions_corpus import FIRE, LONG_PARAGRAPH, MARKET, build_versions_archive
from webui import create_app


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("versions-web")
    return build_versions_archive(data)


@pytest.fixture(scope="module")
def client(built):
    store_path, index_dir, _ = built
    app = create_app(store_path=store_path, index_dir=index_dir)
    try:
        with live_client(app) as client:
            yield client
    finally:
        app.extensions["khobao.archive"].close()


@pytest.fixture(scope="module")
def ids(built):
    return built[2]


def changes(html: str) -> str:
    """The page's "what changed" section."""
    start = html.index('<section class="changes"')
    return html[start:html.index("</section>", start)]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def marked(html: str, tag: str) -> list[str]:
    """The words in each <ins> or <del>, without the hidden label."""
    return [text(re.sub(r'<span class="visually-hidden">.*?</span>', "", m)) for m in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)]


def test_the_newest_change_is_shown_by_default(client, ids):
    response = client.get(f"/article/{ids['fire']}?lang=en")
    assert response.status_code == 200
    section = changes(response.text)
    assert "Version 2 compared with version 3" in section
    # each version's fetch time (in Vietnamese time) and the published date where it changed
    assert "Version 2: fetched 14/03/2023 13:00" in section and "Version 3: fetched 15/03/2023 09:00" in section
    assert "Published: 14/03/2023 09:00 → 14/03/2023 09:30" in section
    assert re.search(r'class="new">Version 3: fetched 15/03/2023 09:00 · published date 14/03/2023 09:30', section)
    title = section.split('class="diff-title"', 1)[1].split("</p>", 1)[0]
    assert marked(title, "del") == ["quận", "Mai"] and marked(title, "ins") == ["lớn", "Mai, ba người bị thương"]
    body = section.split('class="diff-body"', 1)[1]
    assert marked(body, "del") == ["Nguyên nhân vụ cháy đang được điều tra."]
    assert marked(body, "ins") == []
    # the long unchanged paragraph is folded, with its count
    assert "words unchanged …" in body and LONG_PARAGRAPH not in text(body)
    assert '<span class="visually-hidden">removed: </span>' in body     # read out, not only struck through
    assert '<a class="article-edited" href="#changes">edited after publication (3 versions): see what changed</a>' \
        in response.text


def test_another_pair_is_chosen_by_links_or_the_form(client, ids):
    html = client.get(f"/article/{ids['fire']}?lang=en").text
    links = re.findall(r'class="compare-pair" href="([^"]+)"', html)
    assert [unescape(link) for link in links] == [f"/article/{ids['fire']}?old=1&new=2&lang=en#changes"]
    assert '<select id="compare-old" name="old">' in html and '<option value="2" selected>' in html
    first = changes(client.get(f"/article/{ids['fire']}?old=1&new=2&lang=en").text)
    assert "Version 1 compared with version 2" in first and "Published:" not in first
    body = first.split('class="diff-body"', 1)[1]
    assert marked(body, "del") == ["Hai"] and "Ba" in marked(body, "ins")
    assert "Lực lượng cứu hỏa mất hai giờ mới khống chế được đám cháy." in " ".join(marked(body, "ins"))
    whole = changes(client.get(f"/article/{ids['fire']}?old=3&new=1&lang=en").text)
    assert "Version 1 compared with version 3" in whole
    assert "Hai" in marked(whole.split('class="diff-body"', 1)[1], "del")


def test_a_query_stays_with_the_chooser(client, ids):
    html = client.get(f"/article/{ids['fire']}?q=nha+kho").text
    assert '<input type="hidden" name="q" value="nha kho">' in changes(html)
    assert "q=nha%20kho" in changes(html) or "q=nha+kho" in changes(html)


def test_an_impossible_pair_says_so_and_shows_the_newest_change(client, ids):
    response = client.get(f"/article/{ids['fire']}?old=9&new=x&lang=en")
    assert response.status_code == 200
    section = changes(response.text)
    assert "There is no version “9” / “x” to compare; this article has versions 1, 2, 3." in text(section)
    assert "Version 2 compared with version 3" in section
    same = changes(client.get(f"/article/{ids['fire']}?old=2&new=2").text)
    assert "Hãy chọn hai bản khác nhau" in same


def test_other_field_changes_and_an_unedited_article(client, ids):
    section = changes(client.get(f"/article/{ids['market']}").text)
    assert "Chuyên mục: Kinh tế → Thị trường" in section and "So sánh bản 1 với bản 2" in section
    assert marked(section, "ins") == ["gần"]
    plain = client.get(f"/article/{ids['weather']}").text
    assert 'class="changes"' not in plain and "diff-body" not in plain and "article-edited" not in plain


def test_the_article_json_carries_every_version_with_its_text(client, ids):
    data = client.get(f"/api/articles/{ids['fire']}").json()
    assert data["version"] == 3 and data["edited"] is True and data["body"] == FIRE[2]["body"]
    assert [v["version"] for v in data["versions"]] == [1, 2]
    for stored, fetched in zip(data["versions"], FIRE):
        assert stored["title"] == fetched["title"] and stored["body"] == fetched["body"]
        assert stored["published"] == fetched["published"].isoformat()
        assert stored["fetched_at"] == fetched["fetched_at"].isoformat()
        assert stored["author"] == "Lan Hương" and stored["section"] == "Xã hội"
        assert {"content_hash", "http_status", "warc_file", "warc_offset"} <= set(stored)
    market = client.get(f"/api/articles/{ids['market']}").json()
    assert market["versions"][0]["section"] == MARKET[0]["section"]
    weather = client.get(f"/api/articles/{ids['weather']}").json()
    assert weather["versions"] == [] and weather["edited"] is False


def test_the_edited_filter_on_the_page_in_the_api_and_the_exports(client, ids):
    everything = client.get("/api/search?q=").json()
    assert everything["total"] == 6
    edited = client.get("/api/search?q=&edited=1").json()
    assert sorted(h["id"] for h in edited["hits"]) == sorted([ids["fire"], ids["market"]])
    assert edited["total"] == 2 and sum(edited["facets"]["source"].values()) == 2
    assert client.get("/api/search?q=nha+kho&edited=1").json()["total"] == 1
    assert client.get("/api/search?q=kh%C3%B4ng+kh%C3%AD+l%E1%BA%A1nh&edited=1").json()["total"] == 0

    page = client.get("/?q=&source=tinmoi&lang=en").text
    panel = page.split('id="facet-edited"', 1)[1].split("</section>", 1)[0]
    assert "Only articles edited after publication" in panel and ">2</span>" in panel
    link = unescape(re.search(r'href="([^"]+)"', panel).group(1))
    assert "edited=1" in link and "source=tinmoi" in link
    chosen = client.get(link).text
    assert re.search(r'data-total="2"', chosen)
    chip = re.search(r'<a class="chip" href="([^"]+)" aria-label="Remove filter Edited after publication"', chosen)
    assert chip and "edited" not in unescape(chip.group(1)) and "source=tinmoi" in unescape(chip.group(1))
    assert re.search(r'data-total="\d+"', client.get(unescape(chip.group(1))).text)

    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv?q=&edited=1").text)))
    assert sorted(r["title"] for r in rows) == sorted([FIRE[2]["title"], MARKET[1]["title"]])
    lines = client.get("/export.jsonl?edited=1&q=rau").text.splitlines()
    assert [json.loads(line)["title"] for line in lines] == [MARKET[1]["title"]]


def test_no_edited_article_no_panel_entry(client):
    html = client.get("/?q=&source=baosang").text
    assert 'id="facet-edited"' not in html
