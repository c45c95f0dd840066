"""The shared real corpora (../shared/corpus/text beside the repository), read as `khobao import` lines.

The corpora are never copied into the repository. They sit in `shared/corpus` beside the checkout
(../shared/corpus from the repository root); a worktree one level deeper finds it one level up,
so every ancestor of the repository is looked at. Their records vary: `category` is our `section`,
and a record without `url` gets one made from its `id` (under the reserved .invalid domain, so it
never names a real page), since `khobao import` needs a URL per article.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir(override: Path | None = None) -> Path | None:
    """shared/corpus/text in the closest ancestor of the repository that has one (or `override`)."""
    if override is not None:
        return override if override.is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpus" / "text"
        if candidate.is_dir():
            return candidate
    return None


def shown(path: Path) -> str:
    """`path` relative to the repository root when it can be (../shared/...), for reports."""
    for up, parent in enumerate(ROOT.parents, start=1):
        try:
            return "../" * up + path.resolve().relative_to(parent.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def read_records(path: Path, limit: int | None = None) -> Iterator[dict]:
    """The JSON objects of one corpus file (.jsonl or .jsonl.gz), at most `limit`."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            if line.strip():
                yield json.loads(line)


def import_line(record: dict, corpus_name: str) -> dict:
    """One corpus record as a `khobao import` object: url (made from the id when absent), section."""
    url = record.get("url")
    if not isinstance(url, str) or not url.strip():
        stem = corpus_name.split(".")[0].replace("_", "-").lower()
        url = f"https://{stem}.invalid/article/{record.get('id') or record.get('post_id')}"
    line = {"url": url}
    for ours, theirs in (("title", "title"), ("body", "body"), ("date", "date"), ("source", "source"),
                         ("author", "author"), ("section", "category")):
        value = record.get(theirs)
        if isinstance(value, str) and value:
            line[ours] = value
    return line


def import_lines(path: Path, limit: int | None = None) -> Iterator[dict]:
    """Every record of a corpus file as a `khobao import` object."""
    for record in read_records(path, limit):
        yield import_line(record, path.name)


def write_jsonl(lines, path: Path) -> int:
    """Write objects one a line; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count
