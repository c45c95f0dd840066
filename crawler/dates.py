"""Publication dates: PARSING one date string (Vietnamese datelines are day first) and VALIDATING it.

Where a date sits in a page (JSON-LD, meta tags, `<time>`, a dateline) is found by crawler/datefind.py;
this module only turns one string into a timezone-aware datetime, or None.

Vietnamese sites write the day first: "05/03/2021" is 5 March, never 3 May. A general parser with
default settings gets this wrong, so numeric dates are read here by our own patterns, never guessed.
Some pages write the month first (American pages, forum software left in its English settings);
`numeric_order` reads which order a page proves, and `month_first=True` reads its dates so (a first
field over 12 is still the day there). Day first, "12/13/2021" is no date: a page that writes month
first proves it elsewhere, or says so by its language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from store import DEFAULT_TZ

EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)   # no Vietnamese news site published before this
FUTURE_SLACK = timedelta(days=1)                      # clocks and time zones: allow one day ahead

_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}(?!\d))?",
    re.IGNORECASE,
)
# 2021/03/05 (year first with slashes or dots: unambiguous)
_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?!\d)")
# 05/03/2021, 5-3-2021, 05.03.2021, 24/12/12 — always day first
_DMY = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?![\d/])")
# ngày 29 tháng 12 năm 2020 / ngày 29 tháng 12, 2020 / 29 tháng 12 năm 2020
_WORDS = re.compile(
    r"(?:ngày\s*)?(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*(?:năm|,)?\s*(?P<y>\d{4})(?!\d)", re.IGNORECASE
)
# 14:05, 14:05:33, 14h05, 14 giờ 05, 2:05 PM, 08:15 SA/CH
_TIME = re.compile(
    r"(?<![\d/.-])(?P<H>\d{1,2})\s*(?::|h|giờ)\s*(?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)"
    r"(?:\s*(?P<ampm>am|pm|sa|ch)\b)?",
    re.IGNORECASE,
)
_OFFSET = re.compile(
    r"\b(?:gmt|utc)(?:\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?(?![\w+-])", re.IGNORECASE)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")

# Month names of the languages foreign news pages come in most (English, German, French, Spanish,
# Italian, Portuguese, Dutch), for "8 November 2023", "20. März 2021", "Mar 12, 2020", "6 de mayo de 2020".
# Vietnamese months are numbers ("tháng 12"), read by _WORDS above; these never make "05/03" ambiguous.
_MONTH_NAMES = {
    1: "january jan januar jän jänner janvier janv enero ene gennaio genn gen janeiro januari",
    2: "february feb februar février févr fevrier febrero febbraio fevereiro fev februari",
    3: "march mar märz maerz mär mars marzo março maart mrt",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet juil julio luglio julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre settembre set setembro",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro",
}
_MONTH = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH_RE = "|".join(sorted(_MONTH, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?P<mon>{_MONTH_RE})\b\.?,?\s*(?:de\s+)?"
    rf"(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\b\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d),?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE)


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The named time zone; an unknown name falls back to Asia/Ho_Chi_Minh rather than failing a page."""
    try:
        return ZoneInfo(name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def is_plausible(when: datetime, now: datetime | None = None) -> bool:
    """A publication date is after 1990 and not more than a day in the future."""
    now = now or datetime.now(timezone.utc)
    return EARLIEST <= when <= now + FUTURE_SLACK


def _year(text: str, now: datetime) -> int:
    year = int(text)
    if len(text) == 2:  # "24/12/12": 2012; a two-digit year beyond next year is last century
        year += 2000 if year <= (now.year % 100) + 1 else 1900
    return year


def _offset(match: re.Match | None, text: str | None = None) -> tzinfo | None:
    if text is not None:
        if text.upper() == "Z":
            return timezone.utc
        sign = -1 if text[0] == "-" else 1
        digits = text[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes >= 60:  # "+99:99": no place on Earth
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    if match is None:
        return None
    if match["h"] is None:  # "GMT" or "UTC" alone
        return timezone.utc
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if match["sign"] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(y: int, m: int, d: int, hh: int, mm: int, ss: int, tz: tzinfo) -> datetime | None:
    try:
        return datetime(y, m, d, hh, mm, ss, tzinfo=tz)
    except ValueError:  # 31/02, 25:00 ...
        return None


def _time_near(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """The time of day written just after the date, or else just before it ("08:15 05/03/2021")."""
    after = _TIME.search(text, end, min(len(text), end + 30))
    before = None
    for candidate in _TIME.finditer(text, max(0, start - 30), start):
        before = candidate
    match = after or before
    if match is None:
        return None
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm in ("pm", "ch") and hour < 12:
        hour += 12
    elif ampm in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(?:19|20)?\d\d(?![\d/])")


def numeric_order(text: str) -> str | None:
    """"dmy" or "mdy" when the page's own unambiguous numeric dates prove it (a field over 12: "27/12/2012"
    is day first, "12-27-2012" month first), by majority; None when nothing, or a tie, proves it."""
    day_first = month_first = 0
    for match in _NUMERIC.finditer(text):
        first, second = int(match[1]), int(match[3])
        if 12 < first <= 31 and 1 <= second <= 12:
            day_first += 1
        elif 12 < second <= 31 and 1 <= first <= 12:
            month_first += 1
    if day_first == month_first:
        return None
    return "dmy" if day_first > month_first else "mdy"


def parse_vietnamese_date(text: str, tz: str = DEFAULT_TZ, *, now: datetime | None = None,
                          month_first: bool = False) -> datetime | None:
    """One date string → timezone-aware datetime, or None when there is none or it is implausible.

    Reads ISO 8601 (with or without offset), RFC 2822, Unix epochs, and Vietnamese datelines, always
    day first: "Thứ sáu, 8/2/2019, 17:08", "Chủ nhật, 24/01/2021", "Thứ hai, 12/3/2024, 14:05 (GMT+7)",
    "ngày 29 tháng 12 năm 2020", "24/12/12". A dateline without an offset is local time in `tz`.
    `now` is the reference for "not in the future" (tests pass a fixed one). `month_first`: the page
    writes numeric dates month first ("11/8/2023" is 8 November); unambiguous dates read either way.
    """
    if not text or not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFC", text).strip()[:300]
    if not text:
        return None
    now = now or datetime.now(timezone.utc)
    local = zone(tz)
    result = _parse(text, local, now, month_first)
    if result is None or not is_plausible(result, now):
        return None
    return result


def _first_match(text: str, *patterns: re.Pattern) -> re.Match | None:
    """The earliest match of any of the patterns in the text."""
    found = [m for m in (p.search(text) for p in patterns) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _parse(text: str, local: tzinfo, now: datetime, month_first: bool = False) -> datetime | None:
    if _EPOCH.match(text):
        seconds = int(text[:10])
        return datetime.fromtimestamp(seconds, timezone.utc)
    iso = _ISO.search(text)
    if iso:
        tz = _offset(None, iso["tz"]) if iso["tz"] else (_offset(_OFFSET.search(text)) or local)
        if tz is None:
            return None
        return _build(int(iso["y"]), int(iso["m"]), int(iso["d"]),
                      int(iso["H"] or 0), int(iso["M"] or 0), int(iso["S"] or 0), tz)
    if re.search(r"[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}", text):  # RFC 2822, as in feeds and HTTP
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            return when if when.tzinfo else when.replace(tzinfo=local)
    match = _WORDS.search(text) or _YMD.search(text)
    numeric = match is None and _DMY.search(text)
    if numeric:
        match = numeric
    if match is None:
        match = _first_match(text, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
        if match is None:
            return None
        month = _MONTH[match["mon"].lower()]
    else:
        month = int(match["m"])
    day, year = int(match["d"]), _year(match["y"], now)
    if numeric and month_first and day <= 12:
        day, month = month, day  # the page writes month first ("21/12/2012" there still has one reading)
    hms = _time_near(text, match.start(), match.end()) or (0, 0, 0)
    tz = _offset(_OFFSET.search(text)) or local
    return _build(year, month, day, *hms, tz)
