"""Date parsing: Vietnamese datelines are day first; ISO and RFC forms too; implausible dates refused.

`now` is fixed so that "in the future" means the same thing whenever the tests run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.clean import published_date
from crawler.datefind import datelines
from crawler.dates import parse_vietnamese_date

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
ICT = timezone(timedelta(hours=7))
UTC = timezone.utc


def ict(*args) -> datetime:
    return datetime(*args, tzinfo=ICT)


TABLE = [
    # datelines as Vietnamese sites print them: day first, always
    ("Thứ sáu, 8/2/2019, 17:08", ict(2019, 2, 8, 17, 8)),
    ("Thứ sáu, 8/2/2019, 17:08 (GMT+7)", ict(2019, 2, 8, 17, 8)),
    ("29/12/2020 08:15", ict(2020, 12, 29, 8, 15)),
    ("Chủ nhật, 24/01/2021", ict(2021, 1, 24)),
    ("Thứ hai, 12/3/2024, 14:05 (GMT+7)", ict(2024, 3, 12, 14, 5)),
    ("Thứ Hai, 12/03/2024 - 14:05", ict(2024, 3, 12, 14, 5)),
    ("ngày 29 tháng 12 năm 2020", ict(2020, 12, 29)),
    ("Ngày 5 tháng 3 năm 2021", ict(2021, 3, 5)),
    ("Cập nhật: 10:32 ngày 5 tháng 3 năm 2021", ict(2021, 3, 5, 10, 32)),
    ("05/03/2021", ict(2021, 3, 5)),  # 5 March, never 3 May
    ("03/05/2021", ict(2021, 5, 3)),  # and this one is 3 May
    ("12/11/2025 07:00", ict(2025, 11, 12, 7, 0)),  # 12 November, not 11 December
    ("1/2/2020", ict(2020, 2, 1)),
    ("24/12/12", ict(2012, 12, 24)),  # two-digit year
    ("Thứ ba, 24/12/12, 09:30", ict(2012, 12, 24, 9, 30)),
    ("15/06/99", ict(1999, 6, 15)),  # two-digit year of the last century
    ("05.03.2021", ict(2021, 3, 5)),
    ("05-03-2021 08:15", ict(2021, 3, 5, 8, 15)),
    ("08:15 05/03/2021", ict(2021, 3, 5, 8, 15)),  # time before the date
    ("08:15:42 - 05/03/2021", ict(2021, 3, 5, 8, 15, 42)),
    ("14h05 ngày 12/3/2024", ict(2024, 3, 12, 14, 5)),
    ("Đăng lúc 14 giờ 05, 12/3/2024", ict(2024, 3, 12, 14, 5)),
    ("12/03/2024 2:05 PM", ict(2024, 3, 12, 14, 5)),
    ("12/03/2024 12:30 AM", ict(2024, 3, 12, 0, 30)),
    ("Thứ năm, 20/12/2012, 10:18 GMT+7", ict(2012, 12, 20, 10, 18)),
    ("Thứ năm, 20/12/2012 10:18 (UTC+07:00)", ict(2012, 12, 20, 10, 18)),
    ("20/12/2012 03:18 GMT", datetime(2012, 12, 20, 3, 18, tzinfo=UTC)),  # bare GMT is UTC
    ("Thứ Năm, 20/12/2012 | 10:18", ict(2012, 12, 20, 10, 18)),
    ("(Dân trí) - Thứ bảy, 22/12/2012 - 07:23", ict(2012, 12, 22, 7, 23)),
    # ISO 8601, with and without offset
    ("2021-03-05T08:15:00+07:00", ict(2021, 3, 5, 8, 15)),
    ("2021-03-05T08:15:00+0700", ict(2021, 3, 5, 8, 15)),
    ("2021-03-05T01:15:00Z", datetime(2021, 3, 5, 1, 15, tzinfo=UTC)),
    ("2021-03-05T01:15:00.123Z", datetime(2021, 3, 5, 1, 15, tzinfo=UTC)),
    ("2021-03-05T08:15:00", ict(2021, 3, 5, 8, 15)),
    ("2021-03-05 08:15", ict(2021, 3, 5, 8, 15)),
    ("2021-03-05", ict(2021, 3, 5)),
    ("2012-12-23T14:02+07:00", ict(2012, 12, 23, 14, 2)),
    ("2019-02-18T17:34:20+08:00", datetime(2019, 2, 18, 17, 34, 20, tzinfo=timezone(timedelta(hours=8)))),
    ("2021/03/05", ict(2021, 3, 5)),  # year first with slashes: unambiguous
    # feeds and HTTP
    ("Fri, 05 Mar 2021 08:15:00 +0700", ict(2021, 3, 5, 8, 15)),
    ("Fri, 05 Mar 2021 01:15:00 GMT", datetime(2021, 3, 5, 1, 15, tzinfo=UTC)),
    ("1614906900", datetime(2021, 3, 5, 1, 15, tzinfo=UTC)),
    # month names, as foreign news pages write them (never used for Vietnamese numeric dates)
    ("20. März 2021 - 15:00 Uhr", ict(2021, 3, 20, 15, 0)),
    ("Aktualisiert am 06. Mär. 2023", ict(2023, 3, 6)),
    ("Updated Mar 12, 2020 @ 10:42 am", ict(2020, 3, 12, 10, 42)),
    ("Published November 9, 2023 3:02am", ict(2023, 11, 9, 3, 2)),
    ("Par Jeanne Martin | 30 septembre 2018", ict(2018, 9, 30)),
    ("6 de mayo de 2020", ict(2020, 5, 6)),
    ("Domenica 06 Dicembre 2020 | 00:36", ict(2020, 12, 6, 0, 36)),
    ("Updated 2010 GMT March 14, 2021", datetime(2021, 3, 14, tzinfo=UTC)),
    ("May 2020", None),  # a month is no day
    ("Thứ hai, 3/5/2021", ict(2021, 5, 3)),  # still day first beside the month names
    # decomposed (NFD) text
    ("Chu\u0309 nhâ\u0323t, 24/01/2021", ict(2021, 1, 24)),
    # traps: impossible, implausible, future, garbage
    ("31/02/2021", None),
    ("32/01/2021", None),
    ("12/13/2021", None),  # month 13: not read as 13 December
    ("29/02/2021", None),
    ("29/02/2020", ict(2020, 2, 29)),
    ("25:61 05/03/2021", ict(2021, 3, 5)),  # a broken time does not break the date
    ("05/03/2099", None),  # the future
    ("2026-12-05T08:00:00+07:00", None),  # five days ahead of NOW
    ("2026-11-30T20:00:00+07:00", ict(2026, 11, 30, 20, 0)),  # later today: within a day
    ("01/01/1970", None),  # before any Vietnamese news site
    ("Xem thêm 24 bình luận", None),
    ("Số 12/2021/NĐ-CP", None),
    ("", None),
    ("   ", None),
    ("Hôm qua", None),
    ("2021", None),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[t for t, _ in TABLE])
def test_parse(text, expected):
    assert parse_vietnamese_date(text, now=NOW) == expected


def test_table_is_large():
    assert len(TABLE) >= 40


def test_results_are_timezone_aware_in_the_source_zone():
    when = parse_vietnamese_date("29/12/2020 08:15", "Asia/Tokyo", now=NOW)
    assert when.utcoffset() == timedelta(hours=9)
    assert parse_vietnamese_date("29/12/2020 08:15", now=NOW).utcoffset() == timedelta(hours=7)


def test_explicit_offset_beats_source_zone():
    when = parse_vietnamese_date("Thứ hai, 12/3/2024, 14:05 (GMT+7)", "Europe/Paris", now=NOW)
    assert when.utcoffset() == timedelta(hours=7)


def test_unknown_zone_name_falls_back_to_hanoi():
    assert parse_vietnamese_date("29/12/2020", "Mars/Olympus", now=NOW).utcoffset() == timedelta(hours=7)


def test_day_first_for_every_ambiguous_day():
    for day in range(1, 13):
        for month in range(1, 13):
            when = parse_vietnamese_date(f"{day:02d}/{month:02d}/2021", now=NOW)
            assert (when.day, when.month) == (day, month)


def test_without_now_uses_the_clock():
    assert parse_vietnamese_date("05/03/2021") == ict(2021, 3, 5)
    assert parse_vietnamese_date("05/03/2999") is None


def test_datelines_are_found_in_running_text():
    text = "Trang chủ Thời sự Hà Nội mưa lớn Thứ năm, 20/12/2012, 10:18 GMT+7 Mưa lớn kéo dài từ đêm qua."
    found = list(datelines(text))
    assert found and parse_vietnamese_date(found[0], now=NOW) == ict(2012, 12, 20, 10, 18)


def test_non_string_input_is_none():
    assert parse_vietnamese_date(None, now=NOW) is None  # type: ignore[arg-type]


def _page(head: str, body: str, lang: str = "en") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title>{head}</head>'
            f"<body><header><nav><a href='/'>Home</a></nav></header><article>{body}</article>"
            "<footer><p>Contact us</p></footer></body></html>")


_STORY = "<p>" + "The council met on Monday to discuss the new bridge over the river. " * 6 + "</p>"
_HEADLINE = "<h1>Council approves the new bridge over the river</h1>"
_VI_STORY = "<p>" + "Sáng nay, thành phố đã khánh thành cây cầu mới sau hai năm thi công. " * 6 + "</p>"

# Which date a whole page gets: (what the page is like, html, url, expected day or None). Invented pages.
PAGES = [
    ("metadata values disagree: the one the page shows",
     _page('<meta property="article:published_time" content="2023-11-09T02:11:03Z">'
           '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves",'
           ' "datePublished": "2023-11-08T21:11:03-05:00"}</script>',
           _HEADLINE + '<p class="byline-date">By Jane Doe, November 8, 2023</p>' + _STORY),
     "https://news.example.com/council-bridge", "2023-11-08"),
    ("a modified date shown to readers wins over the hidden published one",
     _page('<meta property="article:published_time" content="2019-10-15T16:59:59Z">'
           '<meta property="article:modified_time" content="2020-03-12T14:42:17Z">',
           _HEADLINE + '<div class="article-date">Updated Mar 12, 2020 @ 10:42 am</div>' + _STORY),
     "https://news.example.com/bridge-update", "2020-03-12"),
    ("a modified date nobody sees leaves the published one",
     _page('<meta property="article:published_time" content="2019-10-15T16:59:59+02:00">'
           '<meta property="article:modified_time" content="2020-03-12T14:42:17+02:00">',
           _HEADLINE + _STORY),
     "https://news.example.com/bridge-quiet", "2019-10-15"),
    ("no metadata: a labelled byline date beats dates elsewhere on the page",
     _page("", _HEADLINE + '<p class="meta">Von Anna Berg 4. 2. 2022</p>' + _STORY
           + '<ul class="related"><li><span class="date">03.04.2022</span> Other story</li></ul>'
           + "<p>Zuletzt gesehen 2021-06-01</p>", lang="de"),
     "https://zeitung.example.de/brueckenbau", "2022-02-04"),
    ("a modified date as the only metadata gives way to the day the page shows",
     _page('<meta property="article:modified_time" content="2020-06-02T11:57:06+02:00">',
           _HEADLINE + '<span class="article-date">31.03.2020</span>' + _STORY, lang="de"),
     "https://magazin.example.de/bruecke", "2020-03-31"),
    ("a year alone (the copyright line) is no publication day",
     _page("", _HEADLINE + _STORY + "<p>Copyright © 2020 Example Media. All rights reserved.</p>"),
     "https://radio.example.ie/bridge", None),
    ("a URL day well before the metadata one: metadata dates a republication",
     _page('<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">', _HEADLINE + _STORY),
     "https://blog.example.de/home/2017/7/12/bridge-trip", "2017-07-12"),
    ("a URL day one day off stays a time zone matter: metadata kept",
     _page('<meta property="article:published_time" content="2020-07-09T10:04:04-04:00">', _HEADLINE + _STORY),
     "https://news.example.com/politics/2020/07/08/bridge", "2020-07-09"),
    ("Vietnamese page: structured metadata wins over a shown modified date and an older URL day",
     _page('<meta property="article:published_time" content="2021-03-05T08:15:00+07:00">'
           '<meta property="article:modified_time" content="2021-03-07T09:00:00+07:00">',
           "<h1>Hà Nội khánh thành cây cầu mới bắc qua sông Hồng</h1>"
           '<p class="date">Cập nhật: 07/03/2021 09:00</p>'
           + _VI_STORY, lang="vi"),
     "https://baomoi.example.vn/2019/01/02/cau-moi.html", "2021-03-05"),
    ("a URL day no calendar has (30 February) is ignored, not a crash",
     _page('<meta property="article:published_time" content="2023-03-09T02:11:03Z">', _HEADLINE + _STORY,
           lang="vi"),
     "https://baomoi.example.vn/2023/02/30/cau-moi.html", "2023-03-09"),
    ("Vietnamese page without metadata: the dateline is day first",
     _page("", "<h1>Hà Nội khánh thành cây cầu mới bắc qua sông Hồng</h1>"
           '<p class="time">Thứ sáu, 05/03/2021, 08:15 (GMT+7)</p>'
           + _VI_STORY, lang="vi"),
     "https://baomoi.example.vn/cau-moi.html", "2021-03-05"),
]


@pytest.mark.parametrize(("html", "url", "expected"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_page_date(html, url, expected):
    when = published_date(html, url)
    assert (when.date().isoformat() if when else None) == expected

