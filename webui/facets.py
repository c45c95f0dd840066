"""View-models for the side panel: facet lists, active-filter chips and pagination.

Small pure functions over plain data (the typed counts of `SearchPage.facets`, a `SearchParams`),
so they are tested without a server. Templates turn `args` into links; `FacetItem.value` is the
string the page shows and styles by ("2020", "2020-05", "unknown", a source name).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass

from .formatting import format_date
from .i18n import month_year_label, translate
from .params import SearchParams


@dataclass(frozen=True)
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool
    args: dict          # URL arguments that choose (or, when selected, un-choose) this value


@dataclass(frozen=True)
class Chip:
    label: str
    args: dict          # URL arguments with this filter removed


def year_items(year_counts: Mapping[int | None, int], params: SearchParams, lang: str = "vi") -> list[FacetItem]:
    """Years with their counts, newest first. Choosing a year narrows to it; choosing it again clears it.
    Articles without a date (the year None) come last, as an item that cannot be chosen (args is
    None), so that the counts shown still add up to the total."""
    items = []
    undated = year_counts.get(None, 0)
    for year, count in sorted(((y, n) for y, n in year_counts.items() if y is not None), reverse=True):
        if count <= 0:
            continue
        selected = params.year == year
        args = params.args(year=None, month=None, day=None) if selected else params.args(year=year, month=None, day=None)
        items.append(FacetItem(str(year), str(year), count, selected, args))
    if undated and params.year is None:
        items.append(FacetItem("unknown", translate(lang, "undated"), undated, False, None))
    return items


def month_items(month_counts: Mapping[tuple[int, int] | None, int], params: SearchParams,
                lang: str) -> list[FacetItem]:
    """The chosen year's months that have articles, in calendar order."""
    if params.year is None:
        return []
    items = []
    for (year, month), count in sorted((key, n) for key, n in month_counts.items() if key is not None):
        if year != params.year or count <= 0:
            continue
        selected = params.month == month
        args = params.args(month=None, day=None) if selected else params.args(month=month, day=None)
        label = month_year_label(lang, params.year, month)
        items.append(FacetItem(f"{year:04d}-{month:02d}", label, count, selected, args))
    return items


def day_items(day_counts: Mapping[tuple[int, int, int], int], params: SearchParams) -> list[FacetItem]:
    """Every day of the chosen month, zero-filled, in calendar order: the drill-down's third level,
    drawn as a month calendar (a day without articles is shown but cannot be chosen: args None).
    `label` is the day of the month; `value` the ISO date. Empty until a month is chosen."""
    if params.year is None or params.month is None:
        return []
    year, month = params.year, params.month
    items = []
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        count = day_counts.get((year, month, day), 0)
        selected = params.day == day
        args = params.args(day=None) if selected else (params.args(day=day) if count > 0 else None)
        items.append(FacetItem(f"{year:04d}-{month:02d}-{day:02d}", str(day), count, selected, args))
    return items


def first_weekday(params: SearchParams) -> int:
    """Where the chosen month's first day sits in a week that starts on Monday (0-6)."""
    return calendar.weekday(params.year, params.month, 1) if params.year and params.month else 0


def source_items(source_counts: Mapping[str, int], params: SearchParams) -> list[FacetItem]:
    """Sources by count (most first), chosen ones first; several can be chosen at once."""
    counts = dict(source_counts)
    for chosen in params.sources:
        counts.setdefault(chosen, 0)
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] not in params.sources, -kv[1], kv[0]))
    return [FacetItem(name, name, count, name in params.sources,
                      params.args(sources=params.toggle_source(name)))
            for name, count in ordered if count > 0 or name in params.sources]


def chips(params: SearchParams, lang: str, source_label=lambda name: name) -> list[Chip]:
    """One removable chip per active filter, in the order a person reads the filters."""
    out = []
    if params.year is not None:
        out.append(Chip(translate(lang, "chip_year", year=params.year), params.args(year=None, month=None, day=None)))
    if params.month is not None:
        out.append(Chip(month_year_label(lang, params.year, params.month),
                        params.args(month=None, day=None)))
    if params.day is not None:
        out.append(Chip(translate(lang, "chip_day", day=f"{params.day:02d}/{params.month:02d}/{params.year}"),
                        params.args(day=None)))
    for name in params.sources:
        out.append(Chip(translate(lang, "chip_source", source=source_label(name)), params.args(sources=params.toggle_source(name))))
    if params.date_from:
        out.append(Chip(translate(lang, "chip_from", date=format_date(params.date_from)), params.args(date_from=None)))
    if params.date_to:
        out.append(Chip(translate(lang, "chip_to", date=format_date(params.date_to)), params.args(date_to=None)))
    if params.edited:
        out.append(Chip(translate(lang, "chip_edited"), params.args(edited=False)))
    return out


def clear_filters_args(params: SearchParams) -> dict:
    return params.args(sources=(), date_from=None, date_to=None, year=None, month=None, day=None, edited=False)


def page_numbers(page: int, pages: int, window: int = 2) -> list[int | None]:
    """Page numbers to show: the first, the last, and `window` either side of the current; None is a gap."""
    if pages <= 1:
        return [1]
    shown = {1, pages} | {p for p in range(page - window, page + window + 1) if 1 <= p <= pages}
    out: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            out.append(number - 1)      # a gap of one page: show the page, not an ellipsis
        elif number - previous > 2:
            out.append(None)
        out.append(number)
        previous = number
    return out
