"""Dates and numbers written the way Vietnamese readers expect: 24/01/2021, 35.439."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")   # no daylight saving: a fixed offset is exact


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, in the value's own time zone (the source's local calendar)."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_local(value: datetime | None) -> str:
    """A machine timestamp (fetch time, stored in UTC) shown in Vietnamese time: dd/mm/yyyy HH:MM."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM)
    return format_datetime(value)


def format_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM with the UTC offset when it is not the Vietnamese one (+07:00)."""
    if value is None:
        return ""
    text = f"{format_date(value)} {value.hour:02d}:{value.minute:02d}"
    offset = value.utcoffset() if value.tzinfo else None
    if offset is not None and offset.total_seconds() != 7 * 3600:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        minutes = abs(minutes)
        text += f" (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"
    return text


def format_number(value: int, lang: str = "vi") -> str:
    """Thousands grouped with a dot in Vietnamese (35.439) and a comma in English (35,439)."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped


def parse_day(text: str) -> date:
    """A day typed by a person or a program: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy) or yyyy-mm-dd.

    Raises ValueError for anything else, including impossible dates (31/02/2020).
    """
    text = text.strip()
    if len(text) >= 8 and text[4] == "-" and text[:4].isdigit():
        return date.fromisoformat(text)
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        raise ValueError(f"not a date: {text!r}")
    day, month, year = (int(p) for p in parts)
    return date(year, month, day)
