"""What `khobao import` prints: bad lines grouped by reason (count, first line numbers, the fix), the
same for warnings, notes on identifiers and sources, and --dry-run's field-by-field view of the
first rows. Plain text, one problem a line: 1,000 lines with one reason are one line of output.
"""

from __future__ import annotations

from typing import Iterable

from .import_fields import TARGETS, FieldMap
from .importing import Group, ImportSummary, Sample

SHOWN_FIELDS = 25      # field names listed in a fix
SHOWN_SOURCES = 8


def _short(value: object, width: int = 70) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _numbers(group: Group) -> str:
    shown = ", ".join(str(n) for n in group.lines)
    more = group.count - len(group.lines)
    return f"line{'s' if group.count > 1 else ''} {shown}" + (f" and {more:,} more" if more > 0 else "")


def file_fields(summary: ImportSummary) -> str:
    names = [name for name, _ in sorted(summary.fields.items(), key=lambda item: (-item[1], item[0]))]
    shown = ", ".join(_short(name, 40) for name in names[:SHOWN_FIELDS])
    more = f" and {len(names) - SHOWN_FIELDS} more" if len(names) > SHOWN_FIELDS else ""
    return f"fields in this file: {shown}{more}" if names else "no record was read, so no fields are known"


def _group_line(verb: str, kind: str, group: Group, summary: ImportSummary) -> str:
    lines = "line" if group.count == 1 else "lines"
    text = f"{verb} {group.count:,} {lines} ({_numbers(group)}): {kind}"
    if group.count == 1:
        text = f"{verb} 1 line ({_numbers(group)}): {_short(group.example, 200)}"
    elif group.example != kind:
        text += f"; first, line {group.lines[0]}: {_short(group.example, 200)}"
    if group.fix:
        text += f". Fix: {group.fix}"
        if "FIELD" in group.fix or "field" in group.fix:
            text += f" ({file_fields(summary)})"
    return text


def problem_lines(summary: ImportSummary, fields: FieldMap, configured: Iterable[str]) -> list[str]:
    """Bad lines and warnings by kind, then notes: a --map field no line has, urn: identifiers."""
    out = [_group_line("skipped", kind, group, summary)
           for kind, group in sorted(summary.bad_groups.items(), key=lambda item: -item[1].count)]
    out += [_group_line("changed", kind, group, summary)
            for kind, group in sorted(summary.warning_groups.items(), key=lambda item: -item[1].count)]
    if summary.fields:
        lowered = {name.lower() for name in summary.fields}
        for target, name in fields.chosen.items():
            if name and name.lower() not in lowered:
                out.append(f"--map {target}={name}: no line has a field {name!r} ({file_fields(summary)})")
    if summary.urns:
        out.append(f"note: {summary.urns:,} articles have no URL, so each got a stable identifier "
                   "urn:khobao:SOURCE:ID (the same again on the next import); to link them to their site, import "
                   f"again with --url-template 'https://SITE/{{FIELD}}.htm' ({file_fields(summary)})")
    unknown = [name for name in summary.sources if name not in set(configured)]
    if unknown:
        out.append(f"note: {len(unknown)} source{'s' if len(unknown) > 1 else ''} not in config.toml "
                   f"({', '.join(_short(n, 40) for n in sorted(unknown)[:SHOWN_SOURCES])}"
                   f"{', ...' if len(unknown) > SHOWN_SOURCES else ''}): to label one, add a [[sources]] table "
                   "with that name and a label (see the comments in config.toml)")
    return out


def counts_line(summary: ImportSummary, unit: str = "lines", dry_run: bool = False) -> str:
    """The counts; `rows` (CSV) counts rows, `lines` (JSON Lines) the file's lines."""
    total = summary.rows if unit == "rows" else summary.lines
    warned = f", {summary.warned} imported with a warning" if summary.warned else ""
    blank = f", {summary.blank} blank" if summary.blank else ""
    if dry_run:
        return (f"dry run: {summary.imported} of {total} {unit} would be imported; "
                f"{summary.bad} bad {unit} would be skipped{warned}{blank}; nothing was stored")
    return (f"imported {summary.imported} articles from {total} {unit}: {summary.new} new, "
            f"{summary.changed} changed, {summary.unchanged} unchanged; {summary.bad} bad {unit} skipped"
            f"{warned}{blank}")


def sources_line(summary: ImportSummary, labels: dict[str, str]) -> str | None:
    if not summary.sources:
        return None
    items = summary.sources.most_common(SHOWN_SOURCES)
    shown = ", ".join(f"{name}{f' ({labels[name]})' if labels.get(name) else ''} {count:,}" for name, count in items)
    more = len(summary.sources) - len(items)
    return f"by source: {shown}" + (f" and {more} more sources" if more > 0 else "")


def sample_lines(samples: list[Sample], fields: FieldMap) -> list[str]:
    """--dry-run: how each of the first rows maps, field by field."""
    out: list[str] = []
    for sample in samples:
        out.append(f"line {sample.number}:")
        if sample.built is None:
            out.append(f"  skipped: {sample.error}")
            out.append(f"  its fields: {', '.join(_short(k, 40) for k in sample.record) or 'none'}")
            continue
        article, picked = sample.built.article, sample.built.picked
        for target in TARGETS:
            if target == "url":
                origin = ("urn (no URL: made from the source and the id)" if sample.built.urn else
                          picked.fields.get("url") and f"'{picked.fields['url']}'" or "--url-template")
                out.append(f"  {'url':<10}← {origin}: {_short(article.url)}")
            elif target == "source":
                origin = f"'{picked.fields['source']}' {_short(picked.values['source'], 30)!r}, " \
                    if "source" in picked.fields else ""
                out.append(f"  {'source':<10}← {origin}decided: {article.source}")
            elif target == "published":
                shown = article.published.isoformat() if article.published else "none"
                origin = f"'{picked.fields['published']}'" if "published" in picked.fields else "no field"
                out.append(f"  {'published':<10}← {origin}: {shown}")
            elif target in picked.fields:
                note = " (put before the body as its first paragraph)" if target == "lead" else ""
                out.append(f"  {target:<10}← '{picked.fields[target]}'{note}: {_short(picked.values[target])}")
            else:
                mapped = fields.chosen.get(target)
                out.append(f"  {target:<10}← " + (f"'{mapped}' (not in this line)" if mapped else "nothing"))
        used = set(picked.fields.values()) | {name.lower() for name in fields.template_fields}
        unused = [k for k, v in sample.record.items() if k not in used and k.lower() not in used
                  and v not in (None, "", [])]
        if unused:
            out.append(f"  not used: {', '.join(_short(k, 40) for k in unused)}")
    return out
