"""Date parsing: Vietnamese datelines are day first; implausible dates are refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.dates import parse_vietnamese_date

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
ICT = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ sáu, 8/2/2019, 17:08", datetime(2019, 2, 8, 17, 8, tzinfo=ICT)),
        ("29/12/2020 08:15", datetime(2020, 12, 29, 8, 15, tzinfo=ICT)),
        ("05/03/2021", datetime(2021, 3, 5, tzinfo=ICT)),
        ("ngày 29 tháng 12 năm 2020", datetime(2020, 12, 29, tzinfo=ICT)),
        ("2021-03-05T08:15:00+07:00", datetime(2021, 3, 5, 8, 15, tzinfo=ICT)),
    ],
)
def test_parses_day_first(text, expected):
    assert parse_vietnamese_date(text, now=NOW) == expected


def test_garbage_is_none():
    assert parse_vietnamese_date("xin chào", now=NOW) is None
