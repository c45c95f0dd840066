"""One imported record → its Article, or BadLine saying why it cannot be one.

Dates: ISO 8601 (a date without time, or a datetime without offset, is the local time of the
source), RFC 2822 as RSS writes them ("Tue, 05 Mar 2021 08:15:00 +0700"), or a number: seconds
since 1970 (milliseconds when it is too large to be seconds). A date outside the archive's years
(store.ARCHIVE_YEARS: a placeholder such as 0001-01-01) is stored as no date, with a warning; so is
a body longer than [import] max_body_chars, cut at the last paragraph (or sentence) end.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any, Callable

from store import ARCHIVE_YEARS, Article, in_archive_range, normalize_url

from .errors import BadLine
from .import_fields import FieldMap, Picked, fill_template, pick, urn_for, with_lead
from .import_sources import SourceResolver

DEFAULT_FIELDS = FieldMap()
DATE_FIX = ("dates are read as ISO 8601 (2021-01-24T08:15:00+07:00), RFC 2822 or seconds since 1970; "
            "take them from another field with --map published=FIELD, or from none with --map published=")
URL_FIX = ("give each article an address with --map url=FIELD or --url-template 'https://SITE/{FIELD}.htm', "
           "or an id with --map id=FIELD (it becomes a urn: identifier)")

JSON_FIX = ("JSON Lines hold one JSON object a line; a file holding one JSON array of objects becomes "
            "JSON Lines with: jq -c '.[]' FILE > FILE.jsonl")

_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*\s")


def cap_body(body: str, limit: int) -> tuple[str, str | None]:
    """The body cut to at most `limit` characters at the last paragraph end (else sentence end, else
    space) in its second half, and a warning; the body itself and None when it fits."""
    if len(body) <= limit:
        return body, None
    head = body[:limit + 1]
    cut, where = head.rfind("\n"), "paragraph"
    if cut < limit // 2:
        ends = [m.end() for m in _SENTENCE_END.finditer(head, limit // 2)]
        cut, where = (ends[-1] - 1, "sentence") if ends else (head.rfind(" "), "word")
    if cut < limit // 2:
        cut, where = limit, "character"
    kept = body[:cut].rstrip()
    return kept, (f"body of {len(body):,} characters cut to {len(kept):,} at a {where} end "
                  f"(the cap is [import] max_body_chars = {limit:,})")


def parse_published(value: str | int | float, local: tzinfo) -> datetime:
    """ISO 8601, RFC 2822 or seconds since 1970; without an offset it is the source's local time."""
    if isinstance(value, (int, float)):
        seconds = value / 1000 if abs(value) >= 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise BadLine(f"date {value!r} is no time in seconds since 1970", kind="date not readable",
                          fix=DATE_FIX) from None
    value = value.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(0), local)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise BadLine(f"date {value[:40]!r} is not ISO 8601 (like 2021-01-24 or 2021-01-24T08:15:00+07:00) "
                          "nor RFC 2822", kind="date not readable", fix=DATE_FIX) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=local)


def json_record(line: str) -> dict:
    """One JSON Lines line → its object; BadLine when it is none."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})", kind="not valid JSON",
                      fix=JSON_FIX) from None
    except RecursionError:
        raise BadLine("not valid JSON for an article (nested too deeply)", kind="not valid JSON") from None
    if not isinstance(record, dict):
        raise BadLine("not a JSON object", kind="not a JSON object (one {...} a line)", fix=JSON_FIX)
    return record


@dataclass
class Built:
    article: Article
    warnings: list[tuple[str, str]]     # (kind, message)
    picked: Picked
    urn: bool                           # the URL is a urn: made from the source and the id


def _address(picked: Picked, record: dict, fields: FieldMap) -> str | None:
    """The record's http(s) URL, checked, from its field or the template; None when it has neither."""
    url = picked.values.get("url")
    name = picked.fields.get("url", "url")
    if url is None and fields.url_template:
        url, name = fill_template(fields.url_template, record), "--url-template"
    if url is None:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise BadLine(f"'{name}' {url[:80]!r} is not an http(s) URL", kind="URL is not http(s)",
                      fix="take the article's address from another field with --map url=FIELD")
    try:
        normalize_url(url)
    except ValueError as exc:
        raise BadLine(f"'url': {exc}", kind="URL is not valid") from None
    return url


def build_article(record: dict, default_tz: tzinfo, *, fields: FieldMap = DEFAULT_FIELDS,
                  resolver: SourceResolver | None = None,
                  tz_for_source: Callable[[str], tzinfo | None] | None = None, max_body_chars: int = 0) -> Built:
    """One record → its Article. Raises BadLine for anything the store could not take."""
    picked = pick(record, fields)
    values: dict[str, Any] = picked.values
    url = _address(picked, record, fields)
    given = values.get("source")
    urn = False
    if url is not None:
        source = resolver.name_for(url, given) if resolver else (given or "")
    else:
        record_id = values.get("id")
        if picked.id_error is not None:
            raise picked.id_error
        if not record_id:
            chosen = fields.chosen.get("url")
            missing = f"'{chosen}' (--map url={chosen}) is missing" if chosen else "'url' is missing"
            raise BadLine(f"{missing}, and there is no id to make an identifier from", kind="no URL and no id",
                          fix=URL_FIX)
        source = resolver.name_for(None, given) if resolver else (given or "")
        url, urn = urn_for(source, record_id), True
    local = (tz_for_source(source) if tz_for_source else None) or default_tz
    raw_date = values.get("published")
    published = parse_published(raw_date, local) if raw_date is not None else None
    warnings = []
    if published is not None and not in_archive_range(published):
        low, high = ARCHIVE_YEARS
        warnings.append(("date outside the archive's years; stored with no date",
                         f"date {str(raw_date).strip()[:40]!r} is outside the years {low}-{high}; stored with no date"))
        published = None
    body = with_lead(values.get("body") or "", values.get("lead"))
    if max_body_chars:
        body, cut = cap_body(body, max_body_chars)
        if cut:
            warnings.append(("body cut to [import] max_body_chars", cut))
    article = Article(url=url, title=values.get("title") or "", body=body, source=source,
                      author=values.get("author"), section=values.get("section"), published=published)
    return Built(article, warnings, picked, urn)


def read_line(line: str, default_tz: tzinfo, tz_for_source: Callable[[str], tzinfo | None] | None = None,
              max_body_chars: int = 0) -> tuple[Article, list[str]]:
    """One JSON line → its Article and warnings (the default field names). Raises BadLine."""
    built = build_article(json_record(line), default_tz, tz_for_source=tz_for_source, max_body_chars=max_body_chars)
    return built.article, [message for _, message in built.warnings]


def parse_line(line: str, default_tz: tzinfo, tz_for_source: Callable[[str], tzinfo | None] | None = None) -> Article:
    """One line → its Article (an out-of-range date dropped silently; read_line says so)."""
    return read_line(line, default_tz, tz_for_source)[0]
