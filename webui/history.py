"""An article's versions side by side: which two to compare (`old`, `new` in the URL), and what changed.

The store keeps every earlier version of a changed article with its text; the current one is the
article itself. The article page compares two of them (by default the newest change: the last
two), word by word (diffs.py), and says what else changed: the published date, author, section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from store import StoredArticle, Version

from .diffs import DiffCache, Labels, TextDiff, text_diff
from .formatting import format_datetime


@dataclass(frozen=True)
class VersionText:
    """One version of an article, earlier or current, as the page and the JSON show it."""

    number: int
    title: str
    body: str
    published: datetime | None
    author: str | None
    section: str | None
    fetched_at: datetime | None
    content_hash: str
    current: bool


def version_texts(stored: StoredArticle, earlier: list[Version]) -> list[VersionText]:
    """Every version, oldest first, the current one last."""
    texts = [VersionText(v.version, v.title, v.body, v.published, v.author, v.section, v.fetched_at,
                         v.content_hash, False) for v in earlier if v.version < stored.version]
    a = stored.article
    texts.append(VersionText(stored.version, a.title, a.body, a.published, a.author, a.section,
                             a.fetched_at or stored.updated_at, a.content_hash, True))
    return texts


@dataclass(frozen=True)
class Choice:
    """The two versions compared, and the message key when the URL asked for something else."""

    old: VersionText
    new: VersionText
    error: str | None = None                  # an i18n key
    values: dict[str, str] = field(default_factory=dict)   # what the message names


def choose(texts: list[VersionText], args: Mapping[str, str]) -> Choice | None:
    """The pair the URL asks for (`old`, `new`: version numbers), else the newest change; None when
    there is only one version. An impossible pair says why and falls back to the newest change."""
    if len(texts) < 2:
        return None
    by_number = {v.number: v for v in texts}
    default = Choice(texts[-2], texts[-1])
    old_arg, new_arg = (args.get("old") or "").strip(), (args.get("new") or "").strip()
    if not old_arg and not new_arg:
        return default
    try:
        new = by_number[int(new_arg)] if new_arg else texts[-1]
        # one of the two alone: the current one after it, or the one before it
        old = by_number[int(old_arg)] if old_arg else texts[max(0, texts.index(new) - 1)]
    except (ValueError, KeyError):
        numbers = ", ".join(str(n) for n in by_number)
        return Choice(default.old, default.new, "versions_bad_choice",
                      {"old": old_arg[:20] or "-", "new": new_arg[:20] or "-", "numbers": numbers})
    if old.number == new.number:
        return Choice(default.old, default.new, "versions_same_choice", {"version": str(old.number)})
    if old.number > new.number:   # compared in time order, whichever way the reader picked them
        old, new = new, old
    return Choice(old, new)


@dataclass(frozen=True)
class Comparison:
    """What changed from one version to another: the title (None when the same), the body, and the
    other fields that changed as (message key, old text, new text)."""

    title: TextDiff | None
    body: TextDiff
    fields: list[tuple[str, str, str]]


_diffs = DiffCache()


def compare(article_id: int, choice: Choice, labels: Labels, lang: str) -> Comparison:
    """The comparison of the chosen pair, kept (two versions' texts never change)."""
    old, new = choice.old, choice.new
    key = (article_id, old.number, old.content_hash, new.number, new.content_hash, lang)
    return _diffs.get(key, lambda: _compare(old, new, labels))   # type: ignore[return-value]


def _compare(old: VersionText, new: VersionText, labels: Labels) -> Comparison:
    title = text_diff(old.title, new.title, labels, inline=True) if old.title != new.title else None
    fields: list[tuple[str, str, str]] = []
    if old.published != new.published:
        fields.append(("published_changed", format_datetime(old.published) or "-", format_datetime(new.published) or "-"))
    if (old.author or "") != (new.author or ""):
        fields.append(("author_changed", old.author or "-", new.author or "-"))
    if (old.section or "") != (new.section or ""):
        fields.append(("section_changed", old.section or "-", new.section or "-"))
    return Comparison(title, text_diff(old.body, new.body, labels), fields)
