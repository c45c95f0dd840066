"""The trends chart: one line per query over the periods, drawn as SVG on the server.

Works without JavaScript; every point with articles links to that query's results in that period.
The chart is a picture for the eye (aria-hidden, its links out of the tab order): the page's table
carries the same numbers and links for screen readers and keyboards.
"""

from __future__ import annotations

import math
from typing import Callable

from markupsafe import Markup, escape

from .formatting import format_number
from .i18n import translate
from .trends import Trends, axis_label, period_key, period_label

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 40
MAX_AXIS_LABELS = 7


def format_share(percent: float, lang: str) -> str:
    """A share in per cent with the digits it needs: 12%, 1.5%, 0.04% (Vietnamese: 1,5%)."""
    if percent == 0:
        text = "0"
    else:
        digits = 0 if percent >= 10 else 1 if percent >= 1 else 2
        text = f"{percent:.{digits}f}"
    return (text.replace(".", ",") if lang == "vi" else text) + "%"


def format_value(value: float, as_: str, lang: str) -> str:
    return format_share(value, lang) if as_ == "share" else format_number(int(round(value)), lang)


def nice_top(highest: float, whole: bool = False) -> tuple[float, float]:
    """The axis' top and gridline step: 1, 2 or 5 times a power of ten, four steps or so (`whole`:
    a step of at least 1, for counts)."""
    if highest <= 0:
        return (1.0, 1.0) if whole else (1.0, 0.25)
    rough = highest / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if whole:
        step = max(step, 1)
    return step * math.ceil(highest / step - 1e-9), step


def render_chart(trends: Trends, as_: str, lang: str, href: Callable[[int, int], str]) -> Markup:
    """The SVG: gridlines, one polyline per series and a point per period; `href(series, period)`
    is the results link of a point."""
    n = len(trends.starts)
    values = [trends.values(series, as_) for series in trends.series]
    top, step = nice_top(max((max(v) for v in values if v), default=0), whole=as_ == "count")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(n, 1)
    x = lambda i: LEFT + (i + 0.5) * slot
    y = lambda v: TOP + plot_h - plot_h * v / top
    parts = [f'<svg class="trends-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">']
    for k in range(int(round(top / step)) + 1):   # gridlines with their values
        level = k * step
        gy = y(level)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}"/>'
                     f'<text class="axis" x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">'
                     f'{escape(format_value(level, as_, lang))}</text>')
    every = max(1, -(-n // MAX_AXIS_LABELS))
    for i in range(n - 1, -1, -every):   # counted back from the newest period, always labelled
        text = axis_label(trends.starts[i], trends.by, lang)
        half = 3.5 * len(text)           # about half its width at 12px: kept inside the picture
        at, anchor = (WIDTH - 2, "end") if x(i) + half > WIDTH else (x(i), "middle")
        parts.append(f'<text class="axis" x="{at:.1f}" y="{HEIGHT - 14}" text-anchor="{anchor}">'
                     f'{escape(text)}</text>')
    radius = 3.5 if slot >= 6 else 2.5
    hit = max(radius + 2, min(9.0, slot / 2))
    for s, (series, points) in enumerate(zip(trends.series, values)):
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(points))
        parts.append(f'<g class="series s{s}" data-query="{escape(series.query)}">'
                     f'<polyline class="line" points="{path}"/>')
        for i, v in enumerate(points):
            count = series.counts[i]
            if not count:
                continue
            label = translate(lang, "trends_point", query=series.query,
                              period=period_label(trends.starts[i], trends.by, lang),
                              value=format_value(v, as_, lang))
            parts.append(f'<a href="{escape(href(s, i))}" tabindex="-1" data-period="{i}">'
                         f'<title>{escape(label)}</title>'
                         f'<circle class="hit" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{hit:.1f}"/>'
                         f'<circle class="point" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{radius}"/></a>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def render_table_rows(trends: Trends, links: list[list[str]], lang: str) -> Markup:
    """The table's body: a row per period, a cell per query (its count, linked, and share) and the
    period's total. Written here rather than in the template: a five-query chart by week has
    hundreds of rows, and the template's loop took most of the page's time."""
    shares = [trends.shares(series) for series in trends.series]
    rows = []
    for i, (start, total) in enumerate(zip(trends.starts, trends.totals)):
        cells = []
        for s, series in enumerate(trends.series):
            count = series.counts[i]
            cell = f'<a href="{escape(links[s][i])}">{format_number(count, lang)}</a>' if count else "0"
            if shares[s][i] is not None:
                cell += f' <span class="share">({format_share(100 * shares[s][i], lang)})</span>'
            cells.append(f"<td>{cell}</td>")
        rows.append(f'<tr data-period="{escape(period_key(start, trends.by))}"><th scope="row">'
                    f'{escape(period_label(start, trends.by, lang))}</th>{"".join(cells)}'
                    f"<td>{format_number(total, lang)}</td></tr>")
    return Markup("\n".join(rows))
