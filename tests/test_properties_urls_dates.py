"""Property tests (hypothesis): URL normalisation is total and idempotent; date parsing never raises
and answers a timezone-aware datetime or None."""

from __future__ import annotations

import string
from datetime import datetime, timezone

import lxml.html
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crawler.datefind import datelines, find_published
from crawler.dates import parse_vietnamese_date
from crawler.metadata import PageMeta
from store import normalize_url

URL_ALPHABET = string.ascii_letters + string.digits + ":/?#[]@!$&'()*+,;=%-._~ \t\\" + "đĐàẢ\u0130\ud800\x00"
NOW = datetime(2024, 6, 1, tzinfo=timezone.utc)


def url_like() -> st.SearchStrategy[str]:
    """Mostly URL-shaped text (scheme, host, port, path, query), sometimes any text at all."""
    parts = st.tuples(st.sampled_from(["http://", "https://", "HTTP://", "", "//", "ftp:", "http:"]),
                      st.text(URL_ALPHABET, max_size=20),
                      st.sampled_from(["", ":80", ":443", ":8080", ":99999", ":abc", ":", ":-1", ":0"]),
                      st.text(URL_ALPHABET, max_size=30))
    return st.one_of(parts.map("".join), st.text(max_size=60))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url_like())
@example("http://[::1/x")
@example("https://a.vn:99999/1")
@example("HTTP://[::1]:8080/a?b=1&utm_source=x#f")
@example("https://a.vn/\ud800")
def test_normalize_url_is_total_and_idempotent(url):
    try:
        normal = normalize_url(url)
    except ValueError:
        return
    assert isinstance(normal, str)
    assert normalize_url(normal) == normal
    normal.encode("utf-8")  # storable as text


DATE_ALPHABET = string.digits + "-/.:T +Zz,年" + "ngàythángnămGMTUTCAPMSCH" + "\ud800\x00"


def _formatted(y, m, d, hh, mm, ss, offset, form):
    return form.format(y=y, m=m, d=d, H=hh, M=mm, S=ss, z=offset)


FORMS = ["{y:04d}-{m:02d}-{d:02d}T{H:02d}:{M:02d}:{S:02d}{z}", "{y}-{m}-{d} {H}:{M}", "{d}/{m}/{y} {H}:{M}:{S}",
         "Thứ sáu, {d}/{m}/{y}, {H}:{M:02d} (GMT{z})", "ngày {d} tháng {m} năm {y}", "{y}/{m}/{d}",
         "Mon, {d} Mar {y} {H:02d}:{M:02d}:{S:02d} {z}", "{d} March {y}", "{H}h{M:02d} {d}-{m}-{y}"]
structured_dates = st.builds(
    _formatted, st.one_of(st.integers(1, 9999), st.integers(1985, 2030)), st.integers(0, 13), st.integers(0, 32),
    st.integers(0, 25), st.integers(0, 61), st.integers(0, 61),
    st.sampled_from(["", "Z", "+07:00", "-12:00", "+14:00", "+0700", "-2359", "+99:99", "+7"]), st.sampled_from(FORMS))


def date_like() -> st.SearchStrategy[str]:
    numbers = st.integers(min_value=-1, max_value=10**6).map(str)
    shaped = st.lists(st.one_of(numbers, st.sampled_from(["-", "/", ":", "T", " ", "+", "Z", "GMT+", "tháng",
                                                           "năm", "ngày", "Mar", "PM", ".", ",", "0001", "9999"])),
                      max_size=14).map("".join)
    return st.one_of(structured_dates, shaped, st.text(DATE_ALPHABET, max_size=40), st.text(max_size=40))


def _aware_or_none(when):
    assert when is None or (isinstance(when, datetime) and when.tzinfo is not None
                            and when.utcoffset() is not None), when


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date_like(), st.sampled_from(["Asia/Ho_Chi_Minh", "UTC", "Pacific/Kiritimati", "America/Adak", "Nope/Zone", ""]))
@example("Mon, 01 Jan 0001 00:00:00 +0700", "Asia/Ho_Chi_Minh")
@example("Fri, 31 Dec 9999 23:59:59 -1200", "UTC")
@example("0000000000", "UTC")
@example("9999999999999", "UTC")
def test_parse_vietnamese_date_never_raises_and_is_aware(text, tz):
    _aware_or_none(parse_vietnamese_date(text, tz, now=NOW))
    _aware_or_none(parse_vietnamese_date(text, tz))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date_like(), date_like(), st.text(URL_ALPHABET, max_size=30), st.booleans())
def test_find_published_never_raises_and_is_aware(meta_date, shown, path, vietnamese):
    html = (f"<html><head><title>t</title></head><body><h1>Tin</h1><time datetime='{_attr(shown)}'>"
            f"{_attr(shown)}</time><p>{_attr(meta_date)}</p></body></html>")
    tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
    meta = PageMeta(published=[meta_date, shown], modified=shown)
    url = "https://tinmau.vn/" + path
    _aware_or_none(find_published(tree, url, meta, date_texts=[shown, meta_date], page_text=meta_date + shown,
                                  vietnamese=vietnamese, now=NOW))
    for line in datelines(meta_date + " " + shown):
        assert isinstance(line, str)


def _attr(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8").replace("'", "").replace("<", "").replace("&", "")


def test_normalize_url_examples():
    assert normalize_url("HTTP://[::1]:8080/a?b=1&utm_source=x#f") == "http://[::1]:8080/a?b=1"
    assert normalize_url("https://Tinmau.VN.:443?z=2&a=1") == "https://tinmau.vn/?a=1&z=2"
    for bad in ("https://a.vn:99999/1", "https://a.vn:abc/1", "http://[::1/x", "https://a.vn/\ud800"):
        try:
            normalize_url(bad)
        except ValueError as exc:
            assert "not a valid URL" in str(exc)
        else:
            raise AssertionError(f"{bad!r} was accepted")
