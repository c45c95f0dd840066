"""Attention over time: the engine's matches per day gathered into days, ISO weeks, months or years.

The engine counts matching articles per day (`Engine.day_counts`); this module is the arithmetic
of the trends page and its exports, with no Flask in it: the periods between the first and last
day of the archive within the filters (zero-filled), each query's count per period, and each
period's total of all articles (the share's denominator). Weeks are ISO weeks, from Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

from .i18n import MONTH_NAMES_EN, translate

BY = ("day", "week", "month", "year")
AS = ("count", "share")
AUTO_MAX_POINTS = 150       # the finest unit with at most this many periods is chosen for a range
PAGE_MAX_POINTS = 1000      # a chart and table longer than this is unreadable (and slow): narrow or coarsen
EXPORT_MAX_POINTS = 50_000  # CSV and JSON: 130 years of days

DayCounts = Mapping[date | None, int]   # what Engine.day_counts returns; None: undated


def period_start(day: date, by: str) -> date:
    """The first day of the period holding `day`."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())   # ISO weeks start on Monday
    if by == "month":
        return day.replace(day=1)
    return date(day.year, 1, 1)


def next_start(start: date, by: str) -> date:
    """The first day of the period after the one starting at `start`."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_count(first: date, last: date, by: str) -> int:
    """How many periods the days first..last touch (without listing them)."""
    a, b = period_start(first, by), period_start(last, by)
    if by == "day":
        return (b - a).days + 1
    if by == "week":
        return (b - a).days // 7 + 1
    if by == "month":
        return (b.year - a.year) * 12 + b.month - a.month + 1
    return b.year - a.year + 1


def choose_by(first: date, last: date) -> str:
    """The finest unit that draws the range in at most AUTO_MAX_POINTS periods."""
    for by in BY[:-1]:
        if period_count(first, last, by) <= AUTO_MAX_POINTS:
            return by
    return "year"


def period_key(start: date, by: str) -> str:
    """The period as data: 2020-05-17, 2020-W20 (ISO year and week), 2020-05 or 2020."""
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


def period_label(start: date, by: str, lang: str) -> str:
    """The period for people: 17/05/2020 or 17 May 2020; "Tuần 20/2020" or "Week 20, 2020"; a month; a year."""
    if by == "day":
        return translate(lang, "trends_day", day=start.day, month=start.month, year=start.year,
                         month_name=MONTH_NAMES_EN[start.month - 1])
    if by == "week":
        year, week, _ = start.isocalendar()
        return translate(lang, "trends_week", week=week, year=year)
    if by == "month":
        return translate(lang, "chip_month", month=start.month, year=start.year,
                         month_name=MONTH_NAMES_EN[start.month - 1])
    return str(start.year)


def axis_label(start: date, by: str, lang: str) -> str:
    """The period under the chart, short: a month is 03/2016 or Mar 2016; the rest as `period_label`."""
    if by == "month":
        return (f"{MONTH_NAMES_EN[start.month - 1]} {start.year}" if lang == "en"
                else f"{start.month:02d}/{start.year}")
    return period_label(start, by, lang)


@dataclass(frozen=True)
class Series:
    query: str
    counts: list[int]    # per period
    undated: int         # matching articles without a date (on no period)

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Trends:
    """Periods (zero-filled) with every series' counts and the period totals of all articles."""
    by: str
    starts: list[date]
    totals: list[int]        # all articles within the filters, per period: the share's denominator
    series: list[Series]
    undated_total: int = 0

    @property
    def ends(self) -> list[date]:
        return [next_start(start, self.by) - timedelta(days=1) for start in self.starts]

    def shares(self, series: Series) -> list[float | None]:
        """The series' share of each period's articles (None where the period has none)."""
        return [count / total if total else None for count, total in zip(series.counts, self.totals)]

    def values(self, series: Series, as_: str) -> list[float]:
        """What the chart draws: counts, or shares in per cent (0 where a period has no articles)."""
        if as_ == "share":
            return [100 * s if s is not None else 0.0 for s in self.shares(series)]
        return [float(c) for c in series.counts]


def span(all_days: DayCounts) -> tuple[date, date] | None:
    """The first and last day with any article (within the filters); None when there is none."""
    days = [day for day, n in all_days.items() if day is not None and n]
    return (min(days), max(days)) if days else None


def chart_range(filtered: DayCounts, archive: DayCounts, date_from: date | None,
                date_to: date | None) -> tuple[date, date] | None:
    """The days a chart spans: the filters' dates where given (a year chosen is the whole year, even
    where it has no articles), else the first or last article within the filters; never beyond the
    archive's first and last article (from=1900 must not ask for a century of empty periods)."""
    within, whole = span(filtered), span(archive)
    if within is None or whole is None:
        return None
    first = max(date_from, whole[0]) if date_from else within[0]
    last = min(date_to, whole[1]) if date_to else within[1]
    return min(first, within[0]), max(last, within[1])


def bucket(days: DayCounts, first: date, by: str, length: int) -> list[int]:
    """Counts per period: `length` periods from the one holding `first`; days outside are left out."""
    out = [0] * length
    origin = period_start(first, by)
    for day, n in days.items():
        if day is None:
            continue
        at = _index(origin, period_start(day, by), by)
        if 0 <= at < length:
            out[at] += n
    return out


def _index(origin: date, start: date, by: str) -> int:
    if by == "day":
        return (start - origin).days
    if by == "week":
        return (start - origin).days // 7
    if by == "month":
        return (start.year - origin.year) * 12 + start.month - origin.month
    return start.year - origin.year


def build_trends(all_days: DayCounts, series_days: Mapping[str, DayCounts], by: str | None = None,
                 bounds: tuple[date, date] | None = None) -> Trends | None:
    """Zero-filled periods over `bounds` (by default the span of `all_days`, every article within the
    filters), by the given unit or the one `choose_by` picks; None when the filters hold no dated article."""
    if span(all_days) is None:
        return None
    first, last = bounds or span(all_days)
    by = by or choose_by(first, last)
    length = period_count(first, last, by)
    starts, start = [], period_start(first, by)
    for _ in range(length):
        starts.append(start)
        start = next_start(start, by)
    series = [Series(query, bucket(days, first, by, length), int(days.get(None, 0)))
              for query, days in series_days.items()]
    return Trends(by, starts, _bucket_all(all_days, first, by, length), series, int(all_days.get(None, 0)))


_all_bucketed: list = []   # [(all_days, first, by, length, totals)]: the newest few


def _bucket_all(all_days: DayCounts, first: date, by: str, length: int) -> list[int]:
    """`bucket` of every article's days, kept for the same counts object (the web UI remembers it
    until the index changes): it holds a day of nearly every date, and each new pair of queries
    would otherwise go through them all again. Callers must not change the list."""
    for days, at, unit, size, totals in _all_bucketed:
        if days is all_days and (at, unit, size) == (first, by, length):
            return totals
    totals = bucket(all_days, first, by, length)
    _all_bucketed.insert(0, (all_days, first, by, length, totals))
    del _all_bucketed[8:]
    return totals
