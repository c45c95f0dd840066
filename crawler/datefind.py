"""FINDING the publication date in a page; crawler/dates.py parses and validates each candidate.

Order: structured metadata (JSON-LD datePublished, article:published_time and other meta,
itemprop), the source's date selector, `<time datetime>`, elements whose class or id speaks of a
date (after the headline first: many Vietnamese sites show today's date in their header), a date in
the URL, then the first Vietnamese dateline in the page's text after the headline. The first candidate
that parses to a plausible date wins. On Vietnamese pages structured metadata always wins.

Pages in other languages (measured on htmldate's 1,000-page set, see bench/RESULTS.md) add checks:
metadata values that disagree on the day (the modified date included) are settled by the day the
page shows its readers; a URL day more than a day earlier beats a metadata day nobody sees (a
republication); without metadata, a short byline/"Published" text comes first, then htmldate's
search, whose year-only answer (1 January, from a copyright line) is no publication day."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Iterable, Iterator

from .dates import DEFAULT_TZ, parse_vietnamese_date, zone
from .metadata import PageMeta

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d])")
_URL_DATE_UNPADDED = re.compile(r"/((?:19|20)\d\d)/([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/")  # /2017/7/12/
_DATELINE = re.compile(
    r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|cn)\s*[,-]?\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|(?:19|20)\d\d-\d\d-\d\d",
    re.IGNORECASE,
)
_SHOWN_TEXTS = 8  # date-classed texts looked at for the day a page shows
# Words that introduce a publication date or a byline, in the languages dates.py has month names for
# (and Vietnamese, for pages whose language could not be told).
_LABELLED = re.compile(
    r"\b(?:published|posted|written|updated|last updated|by|veröffentlicht|erschienen|erscheinungsdatum|"
    r"aktualisiert|stand|von|publié|publiée|mis à jour|par|publicado|actualizado|por|pubblicato|aggiornato|di|"
    r"gepubliceerd|bijgewerkt|door|đăng|ngày đăng|cập nhật|xuất bản)\b\s*:?",
    re.IGNORECASE)
_LABELLED_MAX = 80  # longer texts are teasers of other articles that happen to say "updated"
_NEAR = 40  # characters of context kept after a dateline (its time and "(GMT+7)")


# A numeric date whose order matters: both fields could be the month ("03-08-2011", "11/8/2023").
_AMBIGUOUS = re.compile(r"(?<![\d/.-])(?:0?[1-9]|1[0-2])\s*([/.-])\s*(?:0?[1-9]|1[0-2])\s*\1\s*\d{2,4}(?![\d/])")
MonthFirst = bool | Callable[[], bool]


def _first(candidates: Iterable[str], tz: str, now: datetime | None, month_first: MonthFirst = False) -> datetime | None:
    for text in candidates:
        if callable(month_first):  # the page's order is read only for a date it changes
            order = month_first() if text and _AMBIGUOUS.search(text) else False
        else:
            order = month_first
        when = parse_vietnamese_date(text, tz, now=now, month_first=order)
        if when is not None:
            return when
    return None


def _labelled(date_texts: Iterable[str]) -> Iterator[str]:
    """Short date-classed texts that say what their date is: "Published ...", "By ... | 30 septembre 2018"."""
    for text in list(date_texts)[:_SHOWN_TEXTS]:
        if len(text) <= _LABELLED_MAX and _LABELLED.search(text):
            yield text


def _time_elements(tree, keep: Callable[[object], bool] | None = None) -> Iterator[str]:
    times = [t for t in tree.xpath("//time[@datetime]") if keep is None or keep(t)]
    preferred = [t for t in times if t.get("pubdate") is not None or "publish" in (t.get("class") or "").lower()]
    for element in preferred + times:
        yield element.get("datetime")


def _url_date(url: str) -> Iterator[str]:
    match = _URL_DATE.search(url) or _URL_DATE_UNPADDED.search(url)
    if match:
        yield f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"


def _url_day(url: str) -> date | None:
    """The day the URL carries (/2023/11/08/), or None: none, or one no calendar has (/2023/02/30/)."""
    text = next(_url_date(url), None)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def datelines(text: str) -> Iterator[str]:
    """Date-like snippets of running text, each with a little context after it for the time."""
    for match in _DATELINE.finditer(text):
        yield text[max(0, match.start() - 12):match.end() + _NEAR]


def _lazy_datelines(page_text: str | Callable[[], str]) -> Iterator[str]:
    text = page_text() if callable(page_text) else page_text
    yield from datelines(text[:20000])


def _selected(tree, selector: str) -> Iterator[str]:
    if not selector:
        return
    from .selectors import (
        select_all,  # lazy: cssselect is only needed for sources with selectors
    )

    for element in select_all(tree, selector):
        yield element.get("datetime") or element.get("content") or element.text_content()


def find_published(tree, url: str, meta: PageMeta, tz: str = DEFAULT_TZ, *, date_selector: str = "",
                   date_texts: Iterable[str] = (), page_text: str | Callable[[], str] = "",
                   vietnamese: bool = True, now: datetime | None = None,
                   dateline: Iterable[str] | Callable[[], Iterable[str]] = (),
                   month_first: MonthFirst = False, guess: bool = True,
                   keep_time: Callable[[object], bool] | None = None) -> datetime | None:
    """The publication date of a parsed page, timezone-aware, or None.

    `date_texts` are short texts of elements whose class speaks of a date (crawler/pagescan.py),
    `page_text` the page's text from the headline on (or a function giving it: it is needed only when
    everything else failed). Our text patterns read Vietnamese datelines; on pages in other languages
    a labelled date text ("Published 4 February 2022") and then htmldate's search (month names,
    layouts) come before them. `dateline`: the article's own dateline texts (crawler/dateline.py), or
    a function giving them; on Vietnamese pages they come right after metadata, before any other
    date the page shows (teasers, marquees, boxes). `month_first`: the page writes numeric dates
    month first (crawler/dates.py numeric_order), or a function telling it (called only for a date whose
    reading depends on it). `guess=False`: no htmldate guess at the end on a
    Vietnamese page (the caller already ruled out the page's other dates: teasers, boxes, comments);
    `keep_time`: which `<time>` elements may count (not those of teasers).
    """
    publisher_zone = tz if vietnamese else None  # other languages: a UTC day scored better than guessing
    shown_cache: list[list[date]] = []

    def shown() -> list[date]:
        if not shown_cache:
            shown_cache.append(_shown_days(tree, date_texts, tz, now))
        return shown_cache[0]

    when = _first(_selected(tree, date_selector), tz, now, month_first)  # the source's own rule, when it finds a date
    if when is not None:
        return when
    when = _from_metadata(tree, url, meta, tz, now, publisher_zone, shown, vietnamese)
    if when is not None:
        return when
    if vietnamese:
        when = _first(dateline() if callable(dateline) else dateline, tz, now, month_first)
        if when is not None:
            return when
    if not vietnamese:
        when = _first(_labelled(date_texts), tz, now, month_first)
        if when is not None:
            return when
        when = _htmldate(tree, url, tz, now)
        if when is not None and not _year_only(when):
            return _unless_last_update(when, meta, tz, now, shown)
    for candidates in (_time_elements(tree, keep_time), date_texts, _url_date(url), _lazy_datelines(page_text)):
        when = _first(candidates, tz, now, month_first)
        if when is not None:
            if when.utcoffset() == timedelta(0):
                when = _as_published_locally(when, [], url, publisher_zone)
            return when
    return _htmldate(tree, url, tz, now) if vietnamese and guess else None


def _unless_last_update(when: datetime, meta: PageMeta, tz: str, now: datetime | None,
                        shown: Callable[[], list[date]]) -> datetime:
    """htmldate's answer, unless it is the page's dateModified (its only metadata date) while the page
    shows its readers another day first: then that day."""
    modified = parse_vietnamese_date(meta.modified, tz, now=now)
    if modified is None or modified.date() != when.date() or not shown() or shown()[0] == when.date():
        return when
    return datetime.combine(shown()[0], time(0), when.tzinfo)


def _year_only(when: datetime) -> bool:
    """htmldate's answer for a page where it found only a year (often the copyright line): 1 January,
    midnight. A year is no publication day: our own candidates come first, and else there is none."""
    return when.month == 1 and when.day == 1 and when.timetz().replace(tzinfo=None) == time(0)


def _shown_days(tree, date_texts: Iterable[str], tz: str, now: datetime | None) -> list[date]:
    """The days a reader sees near the article: dates in elements classed like a date (after the
    headline first), then `<time>` elements, in page order, each day once."""
    days: list[date] = []
    texts = list(date_texts)[:_SHOWN_TEXTS] + [t.get("datetime") for t in tree.xpath("//time[@datetime]")[:5]]
    for text in texts:
        when = parse_vietnamese_date(text, tz, now=now)
        if when is not None and when.date() not in days:
            days.append(when.date())
    return days


def _from_metadata(tree, url: str, meta: PageMeta, tz: str, now: datetime | None, publisher_zone: str | None,
                   shown: Callable[[], list[date]], vietnamese: bool) -> datetime | None:
    """The first plausible metadata date, checked against what else the page says.

    On pages in other languages: when metadata values disagree on the day (the modified date
    included), the one the page shows its readers first; failing that, a day in the URL more than a
    day earlier than the first value (the metadata dates a republication). Then, and on Vietnamese pages, when published
    values disagree, the one htmldate's cross-checks (original date, not the last update) agree with.
    """
    found = []
    for text in meta.published[:6]:
        when = parse_vietnamese_date(text, tz, now=now)
        if when is not None:
            found.append(when)
    if not found:
        return None
    best = None
    if not vietnamese:
        modified = parse_vietnamese_date(meta.modified, tz, now=now)
        dated = found + [modified] if modified is not None else found
        if len({w.date() for w in dated}) > 1:
            best = _shown_among(dated, shown)
        if best is None:
            best = _url_day_if_earlier(found[0], url)
    if best is None:
        best = found[0]
        if len({w.date() for w in found}) > 1:
            checked = _htmldate(tree, url, tz, now)
            best = next((w for w in found if checked is not None and w.date() == checked.date()), found[0])
    if best.utcoffset() == timedelta(0):
        best = _as_published_locally(best, meta.published, url, publisher_zone)
    return best


def _url_day_if_earlier(best: datetime, url: str) -> datetime | None:
    """The day in the URL (/2017/7/12/) when metadata says a later day by more than a day: the
    metadata then dates a republication or a template change, the URL kept the first one."""
    day = _url_day(url)
    if day is None:
        return None
    return datetime.combine(day, time(0), best.tzinfo) if (best.date() - day).days > 1 else None


def _shown_among(found: list[datetime], shown: Callable[[], list[date]]) -> datetime | None:
    """The metadata value whose day the page shows first."""
    for day in shown():
        for when in found:
            if when.date() == day:
                return when
    return None


def _has_offset(text: str) -> bool:
    return bool(re.search(r"(?:Z|[+-]\d\d:?\d\d|GMT|UTC)\s*\)?\s*$", text.strip(), re.IGNORECASE))


def _as_published_locally(when: datetime, candidates: list[str], url: str, zone_name: str | None) -> datetime:
    """A UTC instant shown in the publisher's own offset, when the page tells it.

    The instant does not change; its calendar day does. Either another metadata value writes the
    same minute as naive local time ("2023-11-08 22:35:29" beside "2023-11-09T06:35:29Z"), or the
    URL carries the day (/2023/11/08/) one day off the UTC one; else, on a Vietnamese page, the
    source's zone (a UTC instant from a Hanoi newsroom belongs to the Hanoi day).
    """
    for text in candidates:
        if _has_offset(text) or not re.search(r"\d:\d\d", text):  # a naive local time of day only
            continue
        local = parse_vietnamese_date(text, "UTC")
        if local is None:
            continue
        shift = local.replace(tzinfo=timezone.utc) - when
        quarter_hours = round(shift.total_seconds() / 900)
        if shift and abs(shift.total_seconds() - quarter_hours * 900) < 60 and abs(shift) <= timedelta(hours=14):
            return when.astimezone(timezone(timedelta(minutes=15 * quarter_hours)))
    day = _url_day(url)
    if day is not None:
        for hours in (-4, -5, -6, -7, -8, -3, 1, 2, 3, 5, 7, 8, 9, 10):
            shifted = when.astimezone(timezone(timedelta(hours=hours)))
            if shifted.date() == day:
                return shifted
    return when.astimezone(zone(zone_name)) if zone_name else when


def _htmldate(tree, url: str, tz: str, now: datetime | None) -> datetime | None:
    """htmldate's answer (a day), as midnight in the source's zone; None when it finds nothing."""
    import htmldate  # lazy: most Vietnamese pages never need it

    try:
        found = htmldate.find_date(tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None
    return parse_vietnamese_date(found, tz, now=now) if found else None
