"""`khobao status`: what is in the archive, when it was last crawled, and whether the index is current.

`collect_status(settings)` returns plain data (the `--json` output); the command prints it. It
only reads: a data directory that does not exist yet is reported as empty, not created.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from crawler import crawl_holder, last_run
from indexer import human_size, open_engine
from store import ArticleStore

from ..cli import pass_app


def collect_status(settings) -> dict:
    """Articles per source with their date ranges, the last crawl, and the index's size and lag."""
    status: dict = {"data_dir": str(settings.data_dir), "articles": 0, "first_published": None,
                    "last_published": None, "sources": {}, "last_crawl": None, "index": None}
    store_seq = 0
    store = ArticleStore(settings.store_path, read_only=True) if settings.store_path.exists() else None
    try:
        counts = store.counts_by_source() if store else {}
        labels = settings.source_labels(store.source_labels() if store else {})
        configured = [s.name for s in settings.sources]
        for name in configured + [n for n in counts if n not in configured]:
            first, last = store.date_range(name) if store and name in counts else (None, None)
            status["sources"][name] = {"label": labels.get(name, name), "articles": counts.get(name, 0),
                                       "first_published": first, "last_published": last}
        if store:
            status["articles"] = sum(counts.values())      # the counts by source cover every live article
            ranges = [(s["first_published"], s["last_published"]) for s in status["sources"].values()
                      if s["first_published"]]
            if ranges:
                status["first_published"] = min(first for first, _ in ranges)
                status["last_published"] = max(last for _, last in ranges)
            store_seq = store.last_seq()
        status["last_crawl"] = last_run(settings)
        status["crawl_running"] = crawl_holder(settings.data_dir)
        status["index"] = _index_status(settings.index_dir, store, store_seq)
    finally:
        if store:
            store.close()
    return status


def _index_status(index_dir: Path, store: ArticleStore | None, store_seq: int) -> dict:
    with open_engine(index_dir) as engine:
        index = engine.status()
    info = {"path": str(index_dir), "exists": index.exists, "bytes": index.bytes,
            "articles": index.documents, "indexed_seq": index.indexed_seq, "store_seq": store_seq, "behind": 0,
            "damaged": index.damaged,
            "leftovers": [{"path": str(f.path), "bytes": f.bytes, "action": f.action, "note": f.describe()}
                          for f in index.leftovers]}
    if store is not None:
        info["behind"] = store.count_changes_since(info["indexed_seq"])
    return info


def _day(iso: str | None) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "-"


def describe_crawl(run: dict | None) -> str:
    if not run:
        return "never"
    counts = run.get("counts") or {}
    when = run.get("ended_at") or run.get("started_at") or "?"
    try:
        when = datetime.fromisoformat(when).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        pass
    errors = sum((counts.get("errors") or {}).values())
    kind = "refresh" if run.get("refresh") else "crawl"
    detail = (f"{counts.get('visited', 0)} pages, {counts.get('new', 0)} new, {counts.get('changed', 0)} changed, "
              f"{errors} errors") if counts else "no counts"
    return f"{when}, {kind} of {', '.join(run.get('sources') or []) or 'no sources'}: {run.get('outcome')} ({detail})"


def print_status(status: dict) -> None:
    echo = click.echo
    echo(f"data directory: {status['data_dir']}")
    echo(f"articles: {status['articles']}, published {_day(status['first_published'])} to "
         f"{_day(status['last_published'])}")
    if status["sources"]:
        width = max(len(name) for name in status["sources"])
        for name, s in status["sources"].items():
            echo(f"  {name:<{width}}  {s['articles']:>7}  {_day(s['first_published']):>10} to "
                 f"{_day(s['last_published']):<10}  {s['label'] if s['label'] != name else ''}".rstrip())
    else:
        echo("  no sources configured and no articles yet: see config.toml, or try `khobao demo`")
    echo(f"last crawl: {describe_crawl(status['last_crawl'])}")
    if status.get("crawl_running"):
        echo(f"crawl running: {status['crawl_running']}")
    index = status["index"]
    if index["damaged"]:
        echo(f"index: {index['damaged']}")
    elif not index["exists"]:
        waiting = index["behind"]
        behind = f"; {waiting} article{'s' if waiting != 1 else ''} waiting" if waiting else ""
        echo(f"index: none yet{behind} (run `khobao index`)")
    else:
        lag = "up to date" if not index["behind"] else f"{index['behind']} changes behind the store (run `khobao index`)"
        echo(f"index: {index['articles']} articles, {human_size(index['bytes'])} on disk, {lag}")
    for leftover in index["leftovers"]:
        kind = "in use" if leftover["action"] == "busy" else "left by an interrupted run"
        echo(f"  {kind}: {leftover['note']}")


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@pass_app
def command(app, as_json: bool) -> None:
    """Show articles per source, their date range, the last crawl, and the index's size and lag.

    \b
    Example:
      khobao status
      khobao --data-dir ./demo-data status --json
    """
    status = collect_status(app.settings)
    if as_json:
        click.echo(json.dumps(status, ensure_ascii=False, indent=1))
    else:
        print_status(status)
