"""Point 7's leftovers (issue 14): English messages read like the Vietnamese ones (no raw URL parameter
names), an export refused for a bad date says why in the export's own kind (plain text for CSV, the API's
JSON error for JSON Lines), and /opensearch.xml reaches a real client with its own media type."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from live_app import live_client
from webui import create_app
from webui.i18n import STRINGS
from webui.settings import WebSettings
from webui_corpus import build_archive

# a parameter's name as a word of a sentence: per_page, "the q parameter", or a sentence opening with a
# parameter in lower case ("page must be ...", "sort must be ..."); {placeholders} are left out first
RAW_NAMES = re.compile(r"\bper_page\b|\bq parameter\b|\bparameter\b|^(q|page|sort|year|month|day|from|to|source|"
                       r"loose|lang)\b")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("exports") / "data")


@pytest.fixture(scope="module")
def app(archive):
    app = create_app(store_path=archive.store_path, index_dir=archive.index_dir, web=WebSettings())
    yield app
    app.extensions["khobao.archive"].close()


def test_english_messages_name_no_url_parameters():
    raw = {key: en for key, (_, en) in STRINGS.items()
           if key.startswith("err_") and RAW_NAMES.search(re.sub(r"\{[^}]*\}", "", en))}
    assert raw == {}


def test_the_english_check_sees_a_raw_name():
    assert RAW_NAMES.search("per_page must be a number from 1 to 100")
    assert RAW_NAMES.search("page must be a whole number")
    assert not RAW_NAMES.search("Results per page must be a number from 1 to 100")


@pytest.mark.parametrize("query, english", [
    ({"from": "31/02/2020"}, "From: 31/02/2020 does not exist (Feb 2020 has 29 days)."),
    ({"to": "hôm qua"}, "To: “hôm qua” is not a date; write dd/mm/yyyy or yyyy-mm-dd."),
    ({"per_page": "abc"}, "Results per page must be a number from 1 to 100, got “abc”."),
])
def test_a_csv_export_refused_says_why_in_plain_text(app, query, english):
    response = app.test_client().get("/export.csv", query_string={"q": "hà nội", "lang": "en", **query})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Content-Disposition" not in response.headers          # nothing to save as a file
    assert response.get_data(as_text=True) == english + "\n"


def test_a_csv_export_refused_speaks_vietnamese_by_default(app):
    response = app.test_client().get("/export.csv", query_string={"q": "hà nội", "from": "31/02/2020"})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert "31/02/2020: ngày này không tồn tại (tháng 02/2020 chỉ có 29 ngày)" in response.get_data(as_text=True)


def test_a_json_lines_export_refused_says_why_in_json(app):
    response = app.test_client().get("/export.jsonl", query_string={"q": "hà nội", "to": "31/04/2021"})
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.get_json() == {
        "error": "To: 31/04/2021 does not exist (Apr 2021 has 30 days).",
        "error_vi": "Đến ngày 31/04/2021: ngày này không tồn tại (tháng 04/2021 chỉ có 30 ngày).", "status": 400}


def test_exports_of_an_archive_without_index_say_so_in_their_kind(tmp_path):
    app = create_app(store_path=tmp_path / "articles.sqlite3", index_dir=tmp_path / "index", web=WebSettings())
    try:
        csv = app.test_client().get("/export.csv?q=ha&lang=en")
        jsonl = app.test_client().get("/export.jsonl?q=ha")
    finally:
        app.extensions["khobao.archive"].close()
    assert csv.status_code == 503 and csv.mimetype == "text/plain" and "khobao index" in csv.get_data(as_text=True)
    assert jsonl.status_code == 503 and "khobao index" in jsonl.get_json()["error"]


def test_good_exports_are_unchanged(app):
    csv = app.test_client().get("/export.csv", query_string={"q": "hà nội", "from": "01/01/2019"})
    assert csv.status_code == 200 and csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.get_data(as_text=True).startswith("\ufeffid,published,source")


def test_opensearch_description_over_a_real_server(app):
    with live_client(app) as http:
        response = http.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/opensearchdescription+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    urls = {u.get("type"): u.get("template") for u in root.findall("{http://a9.com/-/spec/opensearch/1.1/}Url")}
    assert urls["text/html"].endswith("/?q={searchTerms}")
