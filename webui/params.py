"""The search state, read from and written back to the URL.

All state lives in the query string, so every page is a permalink and the back button works:
`q`, `source` (repeatable), `from`, `to` (dd/mm/yyyy or yyyy-mm-dd), `year`, `month` (yyyy-mm),
`day` (yyyy-mm-dd), `sort`, `page`, `per_page`, `loose`, `edited` (1: only articles edited after
publication), `collapse` (1: each story once). A year, month or day is a date range that narrows
`from`/`to` (the drill-down: year → month → day).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Callable, Mapping, TypeVar

from indexer import SORTS, SearchRequest

from .errors import ParamError
from .formatting import parse_day
from .i18n import MONTH_NAMES_EN

State = TypeVar("State")

MAX_SOURCES = 50
MAX_SOURCE_LENGTH = 200
MAX_PAGE = 10**9  # "no cap" in practice; keeps absurd numbers out of the engine


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    sources: tuple[str, ...] = ()
    date_from: date | None = None   # as the user gave it
    date_to: date | None = None
    year: int | None = None
    month: int | None = None        # 1-12, always with a year
    day: int | None = None          # 1-31, always with a year and month
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    default_per_page: int = 10      # not in the URL when per_page equals it
    loose: bool = False             # each syllable anywhere, not the words read from the query
    edited: bool = False            # only articles whose text changed after their first fetch
    collapse: bool = False          # one article per group of copies (the first published): each story once

    @property
    def has_filters(self) -> bool:
        return bool(self.sources or self.date_from or self.date_to or self.year or self.edited)

    def effective_range(self) -> tuple[date | None, date | None]:
        """The date range searched: from/to narrowed by the chosen year or month (inclusive days)."""
        start, end = self.date_from, self.date_to
        if self.year is not None:
            if self.day is not None and self.month is not None:
                period = (date(self.year, self.month, self.day),) * 2
            elif self.month is not None:
                period = (date(self.year, self.month, 1),
                          date(self.year, self.month, calendar.monthrange(self.year, self.month)[1]))
            else:
                period = (date(self.year, 1, 1), date(self.year, 12, 31))
            start = max(start, period[0]) if start else period[0]
            end = min(end, period[1]) if end else period[1]
        return start, end

    def to_request(self, **changes) -> SearchRequest:
        start, end = self.effective_range()
        values = dict(query=self.q, sources=self.sources, date_from=start, date_to=end, sort=self.sort,
                      page=self.page, per_page=self.per_page, loose=self.loose, edited=self.edited,
                      collapse=self.collapse)
        values.update(changes)
        return SearchRequest(**values)

    def args(self, **changes) -> dict[str, object]:
        """URL arguments for this state with `changes` applied. Any change but `page` goes back to page 1."""
        state = {**vars(self), "page": 1, **changes}   # a plain dict: pages build dozens of links
        unknown = state.keys() - vars(self).keys()
        if unknown:
            raise TypeError(f"unknown search parameter(s): {', '.join(sorted(unknown))}")
        year, month, day = state["year"], state["month"], state["day"]
        out: dict[str, object] = {}
        if state["q"]:
            out["q"] = state["q"]
        if state["sources"]:
            out["source"] = list(state["sources"])
        if state["date_from"]:
            out["from"] = state["date_from"].isoformat()
        if state["date_to"]:
            out["to"] = state["date_to"].isoformat()
        if day is not None and month is not None and year is not None:
            out["day"] = f"{year:04d}-{month:02d}-{day:02d}"
        elif month is not None and year is not None:
            out["month"] = f"{year:04d}-{month:02d}"
        elif year is not None:
            out["year"] = str(year)
        if state["sort"] != "relevance":
            out["sort"] = state["sort"]
        if state["per_page"] != state["default_per_page"]:
            out["per_page"] = str(state["per_page"])
        if state["page"] != 1:
            out["page"] = str(state["page"])
        if state["loose"]:
            out["loose"] = "1"
        if state["edited"]:
            out["edited"] = "1"
        if state["collapse"]:
            out["collapse"] = "1"
        return out

    def toggle_source(self, source: str) -> tuple[str, ...]:
        if source in self.sources:
            return tuple(s for s in self.sources if s != source)
        return self.sources + (source,)


def _int(text: str, key: str, minimum: int, maximum: int | None = None, *, name: str, **extra) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ParamError(key, value=text, at_fault=(name,), **extra) from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ParamError(key, value=text, at_fault=(name,), **extra)
    return value


def _impossible_day(text: str) -> ParamError | None:
    """What is wrong with a well-formed day that is not in the calendar (31/02/2020), or None."""
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or 4 not in (len(parts[0]), len(parts[2])):
        return None
    numbers = [int(p) for p in parts]
    year, month, day = numbers if len(parts[0]) == 4 else numbers[::-1]
    if year < 1 or day < 1 or month < 1:
        return None
    if month > 12:
        return ParamError("err_date_month", value=text)
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return ParamError("err_date_days", value=text, year=year, month=month, days=days,
                          month_name=MONTH_NAMES_EN[month - 1])
    return None


def _day(args: Mapping, name: str, label_key: str) -> date | None:
    text = (args.get(name) or "").strip()
    if not text:
        return None
    try:
        return parse_day(text)
    except ValueError:
        impossible = _impossible_day(text)
        if impossible is not None:
            raise ParamError(impossible.key, field_key=label_key, at_fault=(name,), **impossible.values) from None
        raise ParamError("err_date", field_key=label_key, value=text, at_fault=(name,)) from None


def parse_search_args(args, *, default_per_page: int, max_per_page: int, max_query_length: int) -> SearchParams:
    """Read the search state from request arguments (a werkzeug MultiDict). Raises ParamError."""
    q = (args.get("q") or "").strip()
    if len(q) > max_query_length:
        raise ParamError("err_query_too_long", length=len(q), limit=max_query_length)
    sources = tuple(dict.fromkeys(s.strip() for s in args.getlist("source") if s.strip()))
    if len(sources) > MAX_SOURCES or any(len(s) > MAX_SOURCE_LENGTH for s in sources):
        raise ParamError("err_source", limit=MAX_SOURCES, at_fault=("source",))
    date_from = _day(args, "from", "date_from")
    date_to = _day(args, "to", "date_to")
    if date_from and date_to and date_from > date_to:
        raise ParamError("err_range", start=date_from.strftime("%d/%m/%Y"), end=date_to.strftime("%d/%m/%Y"),
                         at_fault=("from", "to"))
    year = month = None
    if args.get("year", "").strip():
        year = _int(args["year"], "err_year", 1, 9999, name="year")
    if args.get("month", "").strip():
        text = args["month"].strip()
        parts = text.split("-")
        if len(parts) != 2 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts) \
                or not 1 <= int(parts[1]) <= 12 or int(parts[0]) < 1:
            raise ParamError("err_month", value=text, at_fault=("month",))
        year, month = int(parts[0]), int(parts[1])
    day = None
    if args.get("day", "").strip():
        text = args["day"].strip()
        try:
            chosen = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            chosen = None
        if chosen is None:
            raise ParamError("err_day", value=text)
        year, month, day = chosen.year, chosen.month, chosen.day
    sort = (args.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise ParamError("err_sort", value=sort, at_fault=("sort",))
    page = _int(args["page"], "err_page", 1, MAX_PAGE, name="page") if args.get("page", "").strip() else 1
    per_page = default_per_page
    if args.get("per_page", "").strip():
        per_page = _int(args["per_page"], "err_per_page", 1, max_per_page, name="per_page", limit=max_per_page)
    loose = (args.get("loose") or "").strip().lower() in ("1", "true", "yes", "on")
    edited = (args.get("edited") or "").strip().lower() in ("1", "true", "yes", "on")
    collapse = (args.get("collapse") or "").strip().lower() in ("1", "true", "yes", "on")
    return SearchParams(q=q, sources=sources, date_from=date_from, date_to=date_to, year=year, month=month, day=day,
                        sort=sort, page=page, per_page=per_page, default_per_page=default_per_page, loose=loose,
                        edited=edited, collapse=collapse)


def read_leniently(args, first: ParamError, read: Callable[..., State]) -> tuple[State, set[str]] | None:
    """`read(args)` again without the parameters at fault (and their names), so a bad date keeps the
    page around its message (results and facets, or the trends chart); None when what is left does
    not read. `args` is a MultiDict (request.args); it is not changed."""
    args, error, dropped = args.copy(), first, set()
    for _ in range(8):   # each round drops at least one parameter
        if not error.at_fault or not any(name in args for name in error.at_fault):
            return None
        for name in error.at_fault:
            args.poplist(name)
            dropped.add(name)
        try:
            return read(args), dropped
        except ParamError as exc:
            error = exc
    return None
