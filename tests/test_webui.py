"""The web UI through Flask's test client, over a real store and a real Whoosh index (built once)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer import open_engine
from indexer.api import SearchRequest
from webui import create_app
from webui.settings import WebSettings
from webui_corpus import BuiltArchive, build_archive

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> BuiltArchive:
    return build_archive(tmp_path_factory.mktemp("webui") / "data")


@pytest.fixture(scope="session")
def app(archive):
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir,
                     web=WebSettings(max_query_length=120), test_config={"TESTING": True})
    yield app
    app.extensions["khobao.archive"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def searcher(archive):
    with open_engine(archive.index_dir) as searcher:
        yield searcher


class Page(HTMLParser):
    """Just enough HTML reading for assertions: links, inputs, labels, text by class."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, dict]] = []
        self.inputs: list[dict] = []
        self.labels: set[str] = set()
        self.ids: set[str] = set()
        self.html = html
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs))
        if tag in ("input", "select", "textarea"):
            self.inputs.append(attrs)
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])

    def hrefs(self, contains: str = "") -> list[str]:
        return [h for h, _ in self.links if contains in h]


def args_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def total_of(html: str) -> int:
    return int(re.search(r'data-total="(\d+)"', html).group(1))


def ids_of(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/article/(\d+)(?:\?[^"]*)?"', html)]


# -- search page ----------------------------------------------------------------------------------

def test_home_page_welcomes_with_the_archive_size(client, archive):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert f"{archive.live_count} bài báo" in html
    page = Page(html)
    assert "q" in page.labels and any(i.get("id") == "q" for i in page.inputs)


def test_results_show_total_dates_and_highlighted_snippets(client, searcher):
    html = client.get("/?q=ha+noi").get_data(as_text=True)
    expected = searcher.search(SearchRequest("ha noi"))
    assert total_of(html) == expected.total > 10
    assert ids_of(html)[:10] == [h.id for h in expected.hits]
    first = expected.hits[0]
    assert f'datetime="{first.published.isoformat()}">{first.published:%d/%m/%Y}</time>' in html
    assert "<mark>Hà Nội</mark>" in html
    assert re.search(r"\d+ ms", html)


def test_pagination_walks_every_result_once(client, searcher):
    total = searcher.search(SearchRequest("ha noi")).total
    seen: list[int] = []
    url = "/?q=ha+noi"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += ids_of(html)[:10]
        nexts = re.findall(r'<a class="next" rel="next" href="([^"]+)"', html)
        url = nexts[0].replace("&amp;", "&") if nexts else None
    assert len(seen) == total == len(set(seen))


def test_a_page_past_the_end_offers_the_last_page(client):
    html = client.get("/?q=ha+noi&page=40").get_data(as_text=True)
    page = Page(html)
    assert ids_of(html) == []
    assert any(args_of(h).get("page") == ["2"] for h in page.hrefs("q=ha"))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date(client, sort):
    data = client.get(f"/api/search?q=ha+noi&sort={sort}&per_page=100").get_json()
    dates = [h["published"] for h in data["hits"]]
    assert dates == sorted(dates, reverse=(sort == "newest"))
    html = client.get(f"/?q=ha+noi&sort={sort}").get_data(as_text=True)
    assert '<strong aria-current="true">' in html


def test_year_then_month_narrow_and_counts_agree(client, searcher):
    unfiltered = searcher.search(SearchRequest("ha noi"))
    year, year_count = next(iter(unfiltered.facets.to_json()["year"].items()))
    html = client.get(f"/?q=ha+noi&year={year}").get_data(as_text=True)
    assert total_of(html) == year_count
    months = {k: v for k, v in unfiltered.facets.to_json()["month"].items() if k.startswith(year)}
    month, month_count = next(iter(months.items()))
    month_links = [h for h in Page(html).hrefs() if args_of(h).get("month") == [month]]
    assert month_links, "the chosen year lists its months"
    html = client.get(month_links[0]).get_data(as_text=True)
    assert total_of(html) == month_count
    assert f"Tháng {month[5:]}/{year}" in html          # the chip, removable
    chip = re.search(r'<a class="chip" href="([^"]+)" aria-label="Bỏ lọc Tháng', html).group(1).replace("&amp;", "&")
    assert "month" not in args_of(chip) and args_of(chip)["year"] == [year]


def test_facet_counts_sum_to_the_total(client):
    data = client.get("/api/search?q=ha+noi").get_json()
    for name in ("year", "source"):
        assert sum(data["facets"][name].values()) == data["total"]


def test_several_sources_can_be_chosen_and_others_stay_offered(client, searcher):
    counts = searcher.search(SearchRequest("ha noi")).facets.to_json()["source"]
    first, second, third = sorted(counts)
    html = client.get(f"/?q=ha+noi&source={first}").get_data(as_text=True)
    assert total_of(html) == counts[first]
    add_second = [h for h in Page(html).hrefs() if sorted(args_of(h).get("source", [])) == sorted([first, second])]
    assert add_second, "another source can be added with one click"
    html = client.get(add_second[0]).get_data(as_text=True)
    assert total_of(html) == counts[first] + counts[second]
    assert f">{third}</span>" in html                    # still offered, with its count
    assert html.count('aria-current="true"') >= 2


def test_date_range_in_both_formats(client, searcher):
    from datetime import date
    expected = searcher.search(SearchRequest("ha noi", date_from=date(2018, 1, 1), date_to=date(2020, 12, 31))).total
    for start, end in [("01/01/2018", "31/12/2020"), ("2018-01-01", "2020-12-31"), ("1/1/2018", "31-12-2020")]:
        html = client.get("/", query_string={"q": "ha noi", "from": start, "to": end}).get_data(as_text=True)
        assert total_of(html) == expected
        assert "Từ 01/01/2018" in html and "Đến 31/12/2020" in html
        assert 'value="01/01/2018"' in html


def test_timeline_bars_link_to_their_period(client, searcher):
    facets = searcher.search(SearchRequest("ha noi")).facets.to_json()["year"]
    html = client.get("/?q=ha+noi").get_data(as_text=True)
    svg = re.search(r"<svg class=\"timeline-chart\".*?</svg>", html, re.S).group(0)
    for year, count in facets.items():
        assert re.search(rf'<a href="[^"]*year={year}[^"]*" aria-label="{year}: {count} bài">', svg)
    html = client.get(f"/?q=ha+noi&year={next(iter(facets))}").get_data(as_text=True)
    assert "Số bài theo tháng" in html and "month=" in re.search(r"<svg.*?</svg>", html, re.S).group(0)


def test_accent_suggestion_is_a_link(client):
    html = client.get("/?q=dien+bien+phu").get_data(as_text=True)
    assert "Có phải bạn muốn tìm:" in html
    link = re.search(r'Có phải bạn muốn tìm: <a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert args_of(link)["q"] == ["điện biên phủ"]
    assert total_of(client.get(link).get_data(as_text=True)) >= 1


def test_zero_results_say_what_to_try(client):
    html = client.get("/?q=qwxz+zzvv&source=thoidai").get_data(as_text=True)
    assert total_of(html) == 0
    assert "Không tìm thấy bài nào cho “qwxz zzvv”." in html
    assert "Gõ không dấu" in html and "Bỏ bớt bộ lọc" in html


def test_unparseable_query_shows_results_and_a_translated_note(client):
    response = client.get('/?q="ha+noi')
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and total_of(html) > 0
    assert "Dấu ngoặc kép chưa đóng" in html
    for weird in ["(((", "OR", "title:", "-", ")ha noi", "source:", "*?", "\"\"\"", "AND AND"]:
        assert client.get("/", query_string={"q": weird}).status_code == 200, weird


def test_query_notes_are_worded_in_the_page_language(client):
    html = client.get("/", query_string={"q": "ha noi source:"}).get_data(as_text=True)
    assert "&#39;source:&#39; cần giá trị phía sau; đã được bỏ qua." in html      # once left in English
    assert "needs a value" not in html
    english = client.get("/", query_string={"q": "ha noi source:", "lang": "en"}).get_data(as_text=True)
    assert "&#39;source:&#39; needs a value; it was ignored." in english
    api = client.get("/api/search", query_string={"q": "ha noi source:"}).get_json()
    assert api["note"] == "'source:' needs a value; it was ignored."
    assert api["notes"] == [{"key": "field_needs_value", "values": {"field": "source"}}]


# -- bad parameters ---------------------------------------------------------------------------------

@pytest.mark.parametrize("query, message", [
    ({"q": "a" * 121}, "Câu tìm kiếm dài 121 ký tự; tối đa 120 ký tự."),
    ({"q": "ha", "per_page": "101"}, "Số kết quả mỗi trang phải là số từ 1 đến 100"),
    ({"q": "ha", "per_page": "0"}, "Số kết quả mỗi trang phải là số từ 1 đến 100"),
    ({"q": "ha", "page": "abc"}, "Số trang phải là số nguyên"),
    ({"q": "ha", "page": "0"}, "Số trang phải là số nguyên"),
    ({"q": "ha", "sort": "best"}, "Cách sắp xếp phải là “liên quan nhất”, “mới nhất” hoặc “cũ nhất”"),
    ({"q": "ha", "from": "31/02/2020"}, "Từ ngày 31/02/2020: ngày này không tồn tại (tháng 02/2020 chỉ có 29 ngày)."),
    ({"q": "ha", "from": "2020-02-30"}, "Từ ngày 2020-02-30: ngày này không tồn tại (tháng 02/2020 chỉ có 29 ngày)."),
    ({"q": "ha", "to": "01/13/2020"}, "Đến ngày 01/13/2020: ngày này không tồn tại (một năm chỉ có 12 tháng)."),
    ({"q": "ha", "to": "hôm qua"}, "Đến ngày: “hôm qua” không phải là ngày"),
    ({"q": "ha", "from": "2021-01-01", "to": "2020-01-01"}, "Ngày bắt đầu (01/01/2021) sau ngày kết thúc (01/01/2020)."),
    ({"q": "ha", "year": "20x0"}, "Năm phải là một số năm"),
    ({"q": "ha", "month": "2020-13"}, "Tháng phải có dạng yyyy-mm"),
])
def test_bad_parameters_get_a_clear_message(client, query, message):
    response = client.get("/", query_string=query)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    api = client.get("/api/search", query_string=query)
    assert api.status_code == 400 and message in api.get_json()["error_vi"] and api.get_json()["error"]


def test_bad_parameters_in_english(client):
    response = client.get("/?q=ha&per_page=500&lang=en")
    assert "Results per page must be a number from 1 to 100, got “500”." in response.get_data(as_text=True)
    response = client.get("/?q=ha&from=31/02/2020&lang=en")
    assert "From: 31/02/2020 does not exist (Feb 2020 has 29 days)." in response.get_data(as_text=True)


PARAMETER_NAMES = re.compile(r"\b(q|page|per_page|sort|year|month|from|to|source|loose|lang)\b")


def test_no_key_of_the_research_pages_words_hides_one_of_the_main_table():
    from webui.i18n import SHARED_KEYS
    assert SHARED_KEYS == set()


def test_vietnamese_messages_name_no_url_parameters():
    from webui.i18n import STRINGS
    raw = {key: vi for key, (vi, _) in STRINGS.items() if key.startswith("err_") and PARAMETER_NAMES.search(re.sub(r"\{[^}]*\}", "", vi))}
    assert raw == {}
    assert "tham số" not in " ".join(vi for key, (vi, _) in STRINGS.items() if key.startswith("err_"))


def test_a_bad_date_keeps_the_results_facets_and_form_around_its_message(client):
    good = client.get("/?q=ha+noi&source=langque").get_data(as_text=True)
    response = client.get("/?q=ha+noi&source=langque&from=31/02/2020")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'role="alert"' in html and "31/02/2020: ngày này không tồn tại" in html
    assert total_of(html) == total_of(good) > 0 and ids_of(html) == ids_of(good)
    assert 'id="facet-source"' in html and 'id="facet-year"' in html
    values = {field.get("name"): field.get("value") for field in Page(html).inputs}
    assert values["from"] == "31/02/2020" and values["q"] == "ha noi" and values["source"] == "langque"


# -- article page -----------------------------------------------------------------------------------

def test_article_page_text_provenance_and_versions(client, archive):
    html = client.get(f"/article/{archive.ids['changed']}").get_data(as_text=True)
    assert "<h1>Giá xăng giảm nhẹ từ chiều nay</h1>" in html
    assert "<p>Liên bộ điều chỉnh giá xăng giảm nhẹ từ 15 giờ chiều nay.</p>" in html
    assert "<p>Cập nhật: giá dầu diesel cũng giảm 300 đồng mỗi lít.</p>" in html
    assert "21/06/2022 15:15" in html                       # published, the source's local time
    assert "21/06/2024 19:30" in html                       # fetched 12:30 UTC, shown in Vietnamese time
    assert "thoidai-20240621.warc.gz</code> vị trí 9216" in html
    assert "Bản 1: “Giá xăng giảm nhẹ từ chiều nay”, tải về 21/06/2024 16:00" in html
    assert "Đây là bản thứ 2." in html
    assert 'href="https://thoidai.example.vn/kinh-te/gia-xang.html" rel="noopener noreferrer external"' in html


def test_more_like_this_lists_the_index_s_similar_articles(client, archive, searcher):
    html = client.get(f"/article/{archive.ids['flood1']}").get_data(as_text=True)
    similar = html.split("Bài tương tự", 1)[1]
    expected = [h.id for h in searcher.more_like_this(archive.ids["flood1"], limit=5)]
    assert ids_of(similar) == expected
    assert {archive.ids["flood2"], archive.ids["flood3"]} & set(expected)     # a related flood story


def test_back_to_results_only_for_our_own_search_page(client, archive):
    path = f"/article/{archive.ids['dbp']}"
    html = client.get(path, headers={"Referer": "http://localhost/?q=dien+bien"}).get_data(as_text=True)
    assert 'href="/?q=dien+bien">‹ Quay lại kết quả' in html
    html = client.get(path, headers={"Referer": "https://evil.example/?q=x"}).get_data(as_text=True)
    assert "evil.example" not in html


def test_missing_and_deleted_articles(client, archive):
    assert client.get("/article/987654").status_code == 404
    deleted = client.get(f"/article/{archive.ids['deleted']}")
    assert deleted.status_code == 410 and "đã bị xoá" in deleted.get_data(as_text=True)
    assert client.get("/article/abc").status_code == 404
    assert client.get("/article/99999999999999999999").status_code == 404
    assert client.get("/api/articles/99999999999999999999").get_json()["status"] == 404
    assert client.get("/no/such/page").status_code == 404


# -- escaping and headers -----------------------------------------------------------------------------

def test_article_from_a_search_highlights_its_words_and_stays_escaped(client, archive):
    results = client.get("/?q=ma+doc").get_data(as_text=True)
    article_id = archive.ids["markup"]
    assert f'href="/article/{article_id}?q=ma+doc"' in results  # the result link carries the words
    html = client.get(f"/article/{article_id}?q=ma+doc").get_data(as_text=True)
    assert "<h1>Cảnh báo <mark>mã độc</mark> &lt;script&gt;alert(" in html
    # "ma doc" is read as the word "mã độc": the body's lone "mã" is not it (issue 11)
    assert "<p>Chuyên gia bảo mật phát hiện đoạn mã &lt;img src=x" in html and "1 chỗ khớp" in html
    one_word = client.get(f"/article/{article_id}?q=ma").get_data(as_text=True)
    assert '<p id="first-match">Chuyên gia bảo mật phát hiện đoạn <mark>mã</mark> &lt;img src=x' in one_word
    assert "2 chỗ khớp" in one_word and 'href="#first-match"' in one_word
    assert f'<link rel="canonical" href="/article/{article_id}">' in html
    assert 'value="ma doc"' in html                           # the search box keeps the words
    assert "<script>alert" not in html and "<img src=x" not in html
    plain = client.get(f"/article/{article_id}").get_data(as_text=True)
    assert "<mark>" not in plain and "first-match" not in plain and 'rel="canonical"' not in plain
    nowhere = client.get(f"/article/{article_id}?q=source:songmoi").get_data(as_text=True)
    assert "<mark>" not in nowhere and "không có trong chữ của bài" not in nowhere  # a filter has no words
    absent = client.get(f"/article/{article_id}?q=b%C3%A3o+l%C5%A9").get_data(as_text=True)
    assert "Không thấy “bão lũ” trong chữ của bài" in absent


def test_article_text_is_escaped_everywhere(client, archive):
    pages = [client.get("/?q=ma+doc").get_data(as_text=True),
             client.get(f"/article/{archive.ids['markup']}").get_data(as_text=True),
             client.get("/feed.atom?q=ma+doc").get_data(as_text=True)]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Nhóm" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in pages[1]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]
    assert "&lt;b&gt;Nhóm phóng viên&lt;/b&gt;" in pages[1]


def test_untrusted_snippet_shapes_are_escaped():
    from webui.common import trusted_marks
    assert str(trusted_marks("Hà <mark>Nội</mark> &amp; x")) == "Hà <mark>Nội</mark> &amp; x"
    assert str(trusted_marks("<mark>a</mark><script>x</script>")) == \
        "&lt;mark&gt;a&lt;/mark&gt;&lt;script&gt;x&lt;/script&gt;"


@pytest.mark.parametrize("path", ["/", "/?q=ha+noi", "/article/1", "/api/search?q=ha", "/feed.atom?q=ha",
                                  "/export.csv?q=ha", "/opensearch.xml", "/nope", "/?q=ha&page=x"])
def test_security_headers_everywhere(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_nothing_loads_from_other_hosts_and_nothing_inline(client):
    html = client.get("/?q=ha+noi").get_data(as_text=True)
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)
    assert "<style" not in html and " style=" not in html and "onclick" not in html
    assert re.findall(r"<script[^>]*>(.*?)</script>", html, re.S) == [""]


def test_every_visible_input_has_a_label(client):
    for path in ["/", "/?q=ha+noi&year=2016&source=thoidai", "/article/1"]:
        page = Page(client.get(path).get_data(as_text=True))
        for attrs in page.inputs:
            if attrs.get("type") != "hidden":
                assert attrs.get("id") in page.labels, (path, attrs)


# -- language --------------------------------------------------------------------------------------------

def test_english_is_one_click_away_and_sticks(client):
    html = client.get("/?q=ha+noi&year=2016").get_data(as_text=True)
    switch = re.search(r'<a class="lang-switch" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert args_of(switch) == {"q": ["ha noi"], "year": ["2016"], "lang": ["en"]}
    english = client.get(switch).get_data(as_text=True)
    assert '<html lang="en">' in english and "Did you mean:" in english and "results" in english
    links = [h for h, attrs in Page(english).links if attrs.get("class") != "lang-switch"
             and (h.startswith("/?") or h.startswith("/article/"))]
    assert len(links) > 10 and all("lang=en" in h for h in links)
    assert '<input type="hidden" name="lang" value="en">' in english
    back = re.search(r'<a class="lang-switch" href="([^"]+)"', english).group(1).replace("&amp;", "&")
    assert "lang" not in args_of(back)


def test_every_string_has_both_languages():
    from webui.i18n import STRINGS
    for key, (vi, en) in STRINGS.items():
        assert vi.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", vi)) <= set(re.findall(r"{(\w+)}", en)) | {"month"}, key


# -- JSON API ------------------------------------------------------------------------------------------

def test_api_search_is_the_cli_json_object(client, searcher):
    data = client.get("/api/search?q=ha+noi&source=thoidai&source=songmoi&from=2016-01-01&sort=newest&page=2&per_page=3").get_json()
    from datetime import date
    expected = searcher.search(SearchRequest("ha noi", sources=("thoidai", "songmoi"), date_from=date(2016, 1, 1),
                                             sort="newest", page=2, per_page=3)).to_json()
    data.pop("took_ms"), expected.pop("took_ms")
    assert data == expected
    assert {"query", "total", "hits", "facets", "suggestion"} <= set(data)
    assert len(data["hits"]) == 3 and data["page"] == 2


def test_api_article(client, archive):
    data = client.get(f"/api/articles/{archive.ids['changed']}").get_json()
    assert data["title"] == "Giá xăng giảm nhẹ từ chiều nay" and data["version"] == 2
    assert data["published"] == "2022-06-21T15:15:00+07:00" and data["warc_offset"] == 9216
    assert [v["version"] for v in data["versions"]] == [1] and data["versions"][0]["warc_offset"] == 4096
    missing = client.get("/api/articles/987654")
    assert missing.status_code == 404 and "987654" in missing.get_json()["error"]
    assert client.get(f"/api/articles/{archive.ids['deleted']}").status_code == 410
    assert client.get("/api/nothing").get_json()["status"] == 404


# -- exports, feed, OpenSearch ---------------------------------------------------------------------------

def test_csv_export_streams_every_hit(client, searcher):
    expected = searcher.search(SearchRequest("ha noi", sort="newest", per_page=100))
    response = client.get("/export.csv?q=ha+noi&sort=newest")
    assert response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"   # one charset, not two
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == expected.total == int(response.headers["X-Total-Count"])
    assert [int(r["id"]) for r in rows] == [h.id for h in expected.hits]
    assert rows[0]["title"] == expected.hits[0].title


def test_jsonl_export_with_filters(client, searcher):
    expected = searcher.search(SearchRequest("ha noi", sources=("langque",), per_page=100))
    response = client.get("/export.jsonl?q=ha+noi&source=langque")
    assert response.is_streamed and response.headers["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert "filename*=UTF-8''khobao-ha-noi.jsonl" in response.headers["Content-Disposition"]
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == expected.total > 0
    assert {line["source"] for line in lines} == {"langque"}
    assert set(lines[0]) == {"id", "published", "source", "source_label", "title", "url", "author", "section", "score"}


def test_spreadsheet_formulas_are_defused():
    from webui.views.feeds import spreadsheet_safe
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("Hà Nội") == "Hà Nội" and spreadsheet_safe(3.5) == 3.5


def test_atom_feed_newest_first(client, searcher):
    response = client.get("/feed.atom?q=ha+noi")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    entries = feed.findall(f"{ATOM}entry")
    expected = searcher.search(SearchRequest("ha noi", sort="newest", per_page=20))
    assert [e.find(f"{ATOM}id").text for e in entries] == [h.url for h in expected.hits]
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    assert "<mark>" in entries[0].find(f"{ATOM}summary").text
    assert feed.find(f"{ATOM}updated").text == published[0]


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.get_data())
    templates = [u.get("template") for u in root.findall("{http://a9.com/-/spec/opensearch/1.1/}Url")]
    assert "http://localhost/?q={searchTerms}" in templates
    html = client.get("/").get_data(as_text=True)
    assert 'rel="search" type="application/opensearchdescription+xml"' in html


def test_export_and_feed_refuse_bad_parameters(client):
    for path in ["/export.csv?q=ha&per_page=abc", "/export.jsonl?q=ha&from=x", "/feed.atom?q=ha&sort=no"]:
        assert client.get(path).status_code == 400


def facet_counts(html: str, heading_id: str) -> dict[str, int]:
    """label -> count of one facet list in the side panel."""
    section = html.split(f'id="{heading_id}"', 1)[1].split("</ul>", 1)[0]
    return {label: int(count.replace(".", "")) for label, count in re.findall(
        r'<span class="facet-label">([^<]+)</span>.*?<span class="facet-count">([\d.]+)</span>', section, re.S)}


def test_a_chosen_year_or_month_keeps_the_others_offered(client, searcher):
    from datetime import date
    years = searcher.search(SearchRequest("ha noi")).facets.to_json()["year"]
    year = max(years, key=years.get)
    html = client.get(f"/?q=ha+noi&year={year}").get_data(as_text=True)
    assert facet_counts(html, "facet-year") == years
    months = searcher.search(SearchRequest("ha noi", date_from=date(int(year), 1, 1),
                                           date_to=date(int(year), 12, 31))).facets.to_json()["month"]
    month = min(months)
    html = client.get(f"/?q=ha+noi&month={month}").get_data(as_text=True)
    assert total_of(html) == months[month]
    assert facet_counts(html, "facet-month") == {f"Tháng {m[5:]}/{year}": c for m, c in months.items()}
    svg = re.search(r"<svg class=\"timeline-chart\".*?</svg>", html, re.S).group(0)
    assert svg.count("<a ") == len(months) and svg.count('aria-current="true"') == 1


def test_welcome_page_describes_the_archive(client, archive):
    html = client.get("/").get_data(as_text=True)
    from store import ArticleStore
    with ArticleStore(archive.store_path) as store:
        counts = store.counts_by_source()
    assert "Các bài đăng từ 01/01/2015 đến 22/12/2024." in html        # the corpus's first and last days
    overview = html.split('class="source-overview"', 1)[1].split("</ul>", 1)[0]
    shown = re.findall(r'facet-label">(\w+)</span> <span class="facet-count">(\d+) bài', overview)
    assert shown == sorted(((k, str(v)) for k, v in counts.items()), key=lambda kv: -int(kv[1]))
    assert sum(counts.values()) == archive.live_count
    assert 'href="/?q=ha+noi"' in html


def test_fast_links_match_url_for(app):
    from flask import g, url_for

    from webui.common import url
    with app.test_request_context("/"):
        g.lang = "en"
        for endpoint, values in [("search.index", {"q": "hà nội & co", "source": ["a b", "c"], "page": "2"}),
                                 ("search.index", {}), ("article.show", {"article_id": 7})]:
            assert url(endpoint, **values) == url_for(endpoint, **values, lang="en")


@pytest.mark.parametrize("path", ["/?q=%FF%FE", "/?q=%00", "/?q=a%00b&source=%00", "/?q=ha&page=%20", "/?q=ha&year=+2020+",
                                  "/?q=ha&to=9999-12-31", "/?q=ha&from=0001-01-01", "/api/search?q=%FF", "/export.csv?q=%00",
                                  "/feed.atom?q=%FF%FE&lang=en", "/?q=ha&lang=fr", "/?q=ha&per_page=100&page=999999999",
                                  "/api/search?q=ha&sort=newest&per_page=100&page=999999999", "/?q=ha&month=2020-00"])
def test_odd_input_never_breaks_a_page(client, path):
    response = client.get(path)
    assert response.status_code in (200, 400)
    assert "Traceback" not in response.get_data(as_text=True)


# -- counts-only searches, browsing by filters -----------------------------------------------------


def test_filters_without_words_list_the_matching_articles_newest_first(client, searcher):
    from datetime import date
    expected = searcher.search(SearchRequest("", sources=("songmoi",), date_from=date(2018, 1, 1)))
    assert 0 < expected.total < searcher.doc_count()
    html = client.get("/?source=songmoi&from=01/01/2018").get_data(as_text=True)
    assert 'class="source-overview"' not in html                      # not the welcome page
    assert '<strong aria-current="true">Mới nhất</strong>' in html     # the order shown is the order used
    assert total_of(html) == expected.total
    assert ids_of(html)[:10] == [h.id for h in expected.hits]
    dates = [h.published for h in expected.hits]
    assert dates == sorted(dates, reverse=True)
    year = next(iter(searcher.search(SearchRequest("")).facets.to_json()["year"]))
    html = client.get(f"/?year={year}").get_data(as_text=True)
    assert total_of(html) == searcher.search(SearchRequest("")).facets.to_json()["year"][year]
    data = client.get("/api/search?source=songmoi&from=2018-01-01").get_json()
    assert data["total"] == expected.total and [h["id"] for h in data["hits"]] == [h.id for h in expected.hits]


def test_side_panel_counts_come_from_counts_only_searches(app, client, searcher):
    sources = searcher.search(SearchRequest("ha noi")).facets.to_json()["source"]
    source = max(sources, key=sources.get)
    years = searcher.search(SearchRequest("ha noi", sources=(source,))).facets.to_json()["year"]
    year = max(years, key=years.get)
    archive = app.extensions["khobao.archive"]
    asked: list[SearchRequest] = []
    real = archive.search

    def spy(request, **kw):
        asked.append(request)
        return real(request, **kw)

    archive.search = spy
    try:
        html = client.get(f"/?q=ha+noi&source={source}&year={year}").get_data(as_text=True)
    finally:
        del archive.search
    assert total_of(html) == years[year]
    main, *panel = asked
    assert not main.facets_only and len(panel) == 2 and all(r.facets_only for r in panel)
    assert facet_counts(html, "facet-year") == years          # the years as if no year were chosen
    counts_only = searcher.search(SearchRequest("ha noi", sources=(source,), facets_only=True))
    assert counts_only.hits == [] and counts_only.suggestion is None
    assert counts_only.total == sum(years.values()) and counts_only.facets.to_json()["year"] == years


def test_help_page_explains_the_query_language_with_examples_that_run(client):
    html = client.get("/help").get_data(as_text=True)
    assert "<h1>Hướng dẫn tìm kiếm</h1>" in html and "Ngoặc kép" in html
    examples = re.findall(r'<a class="chip" href="(/\?q=[^"]+)">', html)
    assert len(examples) == 9
    for href in examples:
        assert client.get(href.replace("&amp;", "&")).status_code == 200
    assert any("source%3A" in href for href in examples)        # a source of this archive, as written
    english = client.get("/help?lang=en").get_data(as_text=True)
    assert "<h1>How to search</h1>" in english and "lang=en" in english
    assert 'href="/help"' in client.get("/").get_data(as_text=True)


def test_a_cached_answer_says_so_with_the_first_search_s_time(client):
    first = client.get("/?q=kinh+t%E1%BA%BF+th%C3%A0nh+ph%E1%BB%91&sort=oldest").get_data(as_text=True)
    again = client.get("/?q=kinh+t%E1%BA%BF+th%C3%A0nh+ph%E1%BB%91&sort=oldest").get_data(as_text=True)
    took = re.search(r'class="took">trong ([\d.]+) ms<', first)
    assert took, "the first answer shows its own search time"
    cached = re.search(r'class="took">lấy lại từ bộ nhớ đệm \(lần tìm đầu mất ([\d.]+) ms\)<', again)
    assert cached and cached.group(1) == took.group(1)
    first_api = client.get("/api/search?q=l%E1%BB%85+h%E1%BB%99i+hoa&sort=oldest").get_json()
    again_api = client.get("/api/search?q=l%E1%BB%85+h%E1%BB%99i+hoa&sort=oldest").get_json()
    assert "cached" not in first_api and again_api["cached"] is True
    assert again_api["took_ms"] == first_api["took_ms"] > 0


def test_favicon_ico_is_our_own_icon(client):
    import struct
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/vnd.microsoft.icon"
    data = response.get_data()
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 1)
    width, height, _, _, _, bits, size, offset = struct.unpack("<BBBBHHII", data[6:22])
    assert (width, height, bits) == (32, 32, 32) and offset + size == len(data)
    svg = client.get("/static/favicon.svg")
    svg.close()
    assert svg.mimetype == "image/svg+xml"
