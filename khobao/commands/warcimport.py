"""The WARC half of `khobao import FILE.warc[.gz]`: store the archive's articles, print what was skipped, index.

Called by khobao/commands/importer.py when the file is a WARC file (not a verb of its own).
"""

from __future__ import annotations

from pathlib import Path

import click

from crawler import Source, make_pool
from store import ArticleStore

from ..progress import progress_bar
from ..warc_import import WarcImportSummary, import_warc
from .index import describe, run_index


def pick_source(settings, name: str | None) -> Source | None:
    """The source named on the command line: a configured one, or a bare one with default rules."""
    if not name:
        return None
    return settings.source(name) or Source(name=name)


def run_warc_import(app, file: str, source_name: str | None, no_index: bool) -> WarcImportSummary:
    settings = app.settings
    path = Path(file)
    if not path.is_file():
        raise click.UsageError(f"{file}: no such file")
    source = pick_source(settings, source_name)
    if source is None and not settings.sources:
        raise click.UsageError(f"{file}: no [[sources]] in the config to assign pages to by domain; "
                               "name one with --source NAME")
    with ArticleStore(settings.store_path) as store:
        pool = make_pool(settings.crawl.workers)
        try:
            with progress_bar(f"Importing {path.name}") as update:
                summary = import_warc([path], store, settings.sources, source=source, pool=pool, progress=update,
                                      max_body_chars=settings.importing.max_body_chars)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        print_summary(summary)
        if not no_index and summary.new + summary.changed:
            click.echo(describe(run_index(settings, store)))
    return summary


def print_summary(summary: WarcImportSummary) -> None:
    for line in summary.damaged:
        click.echo(f"warning: {line}", err=True)
    for url in summary.cut:
        click.echo(f"warning: {url}: body cut to [import] max_body_chars", err=True)
    click.echo(f"imported {summary.imported} articles from {summary.pages} captured pages "
               f"({summary.records} WARC records): {summary.new} new, {summary.changed} changed, "
               f"{summary.unchanged} unchanged")
    if summary.skipped:
        click.echo(f"skipped {sum(summary.skipped.values())} pages:")
        for reason, count in summary.skipped.most_common():
            click.echo(f"  {count:>6}  {reason}")
