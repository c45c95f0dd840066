"""The timeline: matching articles per year (or per month inside a chosen year), drawn as SVG.

Drawn on the server so it works without JavaScript; every bar is a link that applies its period
as a filter. `build_timeline` is the pure view-model, `render_svg` the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from indexer import Facets

from .formatting import format_number
from .i18n import month_label, translate
from .params import SearchParams

MAX_FILLED_YEARS = 80      # fill empty years between the first and last only for a span this long
MIN_SLOTS = 8              # a chart of fewer bars keeps the width of this many, its bars in the middle: scaled
                           # to the page's width, one bar alone was drawn a whole screen tall


@dataclass(frozen=True)
class Bar:
    key: str        # "2020" or "2020-05"
    label: str      # "2020", or "T5" / "May"
    count: int
    selected: bool
    args: dict      # URL arguments that apply this period


@dataclass(frozen=True)
class Timeline:
    title: str
    bars: list[Bar]

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def build_timeline(facets: Facets, params: SearchParams, lang: str) -> Timeline | None:
    """Bars per year, or per month of the chosen year; None when there is nothing to draw."""
    if params.year is None:
        counts = {year: n for year, n in facets.years.items() if year is not None and n > 0}
        if not counts:
            return None
        first, last = min(counts), max(counts)
        years = range(first, last + 1) if last - first < MAX_FILLED_YEARS else sorted(counts)
        bars = [Bar(str(y), str(y), counts.get(y, 0), False, params.args(year=y, month=None, day=None)) for y in years]
        return Timeline(translate(lang, "timeline_years"), bars)
    counts = {key[1]: n for key, n in facets.months.items() if key is not None and key[0] == params.year}
    if not any(counts.values()):
        return None
    prefix = f"{params.year:04d}-"
    bars = [Bar(f"{prefix}{m:02d}", month_label(lang, m), counts.get(m, 0), params.month == m,
                params.args(month=m, day=None)) for m in range(1, 13)]
    return Timeline(translate(lang, "timeline_months", year=params.year), bars)


def render_svg(timeline: Timeline, href: Callable[[dict], str], lang: str, *, slot: int = 40,
               bar_height: int = 90) -> Markup:
    """The bars as an inline SVG; each bar with articles is a keyboard-reachable link with a label."""
    bars = timeline.bars
    top = max((b.count for b in bars), default=0) or 1
    label_every = max(1, -(-len(bars) // 16))   # at most ~16 axis labels, so they never overlap
    labelled = set(range(len(bars) - 1, -1, -label_every))   # counted back from the newest bar, always labelled
    show_counts = len(bars) <= 16
    pad_top, pad_bottom = 16, 22
    width, height = slot * max(len(bars), MIN_SLOTS), pad_top + bar_height + pad_bottom
    first_x = (width - slot * len(bars)) // 2
    css_class = "timeline-chart wide" if len(bars) > 16 else "timeline-chart"   # phones let a wide one scroll
    parts = [f'<svg class="{css_class}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="group" aria-label="{escape(timeline.title)}" xmlns="http://www.w3.org/2000/svg">']
    for i, bar in enumerate(bars):
        x = first_x + i * slot
        h = max(2, round(bar_height * bar.count / top)) if bar.count else 1
        y = pad_top + bar_height - h
        label = translate(lang, "timeline_bar", label=bar.label, count=format_number(bar.count, lang))
        css = "bar selected" if bar.selected else ("bar" if bar.count else "bar empty")
        rect = (f'<rect class="{css}" x="{x + 4}" y="{y}" width="{slot - 8}" height="{h}" rx="2"/>'
                f'<rect class="hit" x="{x}" y="0" width="{slot}" height="{height}"/>')
        count_text = ""
        if show_counts and bar.count:
            count_text = (f'<text class="count" x="{x + slot / 2}" y="{y - 4}" text-anchor="middle">'
                          f'{escape(format_number(bar.count, lang))}</text>')
        axis = ""
        if i in labelled or bar.selected:
            axis = (f'<text class="axis" x="{x + slot / 2}" y="{height - 6}" text-anchor="middle">'
                    f'{escape(bar.label)}</text>')
        inner = f"<title>{escape(label)}</title>{rect}{count_text}{axis}"
        if bar.count:
            current = ' aria-current="true"' if bar.selected else ""
            parts.append(f'<a href="{escape(href(bar.args))}" aria-label="{escape(label)}"{current}>{inner}</a>')
        else:
            parts.append(f'<g aria-hidden="true">{inner}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
