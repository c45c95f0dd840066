"""Property tests (hypothesis): JSON Lines of any shape through the real `khobao import` never end the
import, and every line is accounted for: imported + reported bad + blank = lines."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khobao.cli import cli
from khobao.importing import import_jsonl
from store import ArticleStore

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SUMMARY = re.compile(r"imported (\d+) articles from (\d+) lines: \d+ new, \d+ changed, \d+ unchanged; "
                     r"(\d+) bad lines skipped(?:, \d+ imported with a warning)?(?:, (\d+) blank)?")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
field_values = st.one_of(
    st.text(max_size=30), json_values,
    st.sampled_from(["0001-01-01", "9999-12-31T23:59:59-12:00", "2021-03-05", "2021-03-05T08:15:00Z",
                     "2021-02-30", "\ud800", "", "   "]))
urls = st.one_of(
    st.sampled_from(["https://tinmau.vn/a.html", "https://tinmau.vn:99999/b", "https://tinmau.vn:abc/c",
                     "http://[::1/x", "http://[::1]:8080/d", "https://tinmau.vn/\ud800", "ftp://x/y", "", 5]),
    st.text(max_size=30).map(lambda t: "https://tinmau.vn/" + t))
articles = st.fixed_dictionaries(
    {"url": urls},
    optional={name: field_values for name in ("title", "body", "text", "published", "date", "source",
                                              "author", "section")})


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=bool(value is None)).encode("utf-8", "surrogatepass")


line_bytes = st.one_of(
    articles.map(_dump),
    articles.map(lambda a: json.dumps(a).encode()),  # ASCII escapes: "\ud800" arrives as an escape
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=40),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.sampled_from([b"", b"  ", b"\xef\xbb\xbf{}", b"{\"url\": \"https://a.vn/1\"", b"\r"]),
).map(lambda raw: raw.replace(b"\n", b" "))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(line_bytes, min_size=1, max_size=12))
def test_any_lines_through_import_jsonl_are_all_accounted_for(lines):
    with tempfile.TemporaryDirectory() as tmp, ArticleStore(Path(tmp) / "articles.sqlite3") as store:
        summary = import_jsonl(lines, store, HCM)
        assert summary.ended_early is None
        assert summary.imported + summary.bad + summary.blank == summary.lines == len(lines)
        assert store.count() <= summary.imported


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(line_bytes, min_size=1, max_size=12))
def test_any_file_through_the_import_command_is_all_accounted_for(lines):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "lines.jsonl"
        source.write_bytes(b"\n".join(lines) + b"\n")
        result = CliRunner().invoke(cli, ["--data-dir", str(Path(tmp) / "data"), "import", str(source), "--no-index"])
        assert "Traceback" not in result.output
        found = SUMMARY.search(result.output)
        assert found, result.output
        imported, total, bad, blank = (int(g or 0) for g in found.groups())
        assert result.exit_code == (0 if imported else 1), result.output   # 1: nothing could be imported
        assert total == len(lines) and imported + bad + blank == total
        grouped = re.findall(r"^skipped ([\d,]+) lines? \(lines? [\d, ]+(?:and [\d,]+ more)?\): ", result.output,
                             re.MULTILINE)
        assert sum(int(n.replace(",", "")) for n in grouped) == bad, result.output


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("Hà Nội.!?\n …\"”ab"), max_size=3000),
       st.integers(min_value=1000, max_value=2500))
def test_cap_body_keeps_a_prefix_within_the_cap(body, limit):
    from khobao.importing import cap_body

    kept, warning = cap_body(body, limit)
    assert len(kept) <= limit and body.startswith(kept)
    assert (warning is None) == (len(body) <= limit)
