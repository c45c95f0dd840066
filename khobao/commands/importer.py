"""`khobao import FILE`: load articles from JSON Lines (.jsonl, .jsonl.gz, or - for stdin), then index."""

from __future__ import annotations

import gzip
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from zoneinfo import ZoneInfo

import click

from store import DEFAULT_TZ, ArticleStore

from ..cli import pass_app
from ..importing import ImportSummary, import_jsonl, store_problem
from ..progress import progress_bar
from ..warc_import import is_warc
from .index import describe, run_index
from .warcimport import run_warc_import

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".ndjson", ".ndjson.gz", ".json.gz")


@contextmanager
def open_lines(file: str) -> Iterator[Iterator[bytes]]:
    """Lines of a JSON Lines file, gzip'd or not, or of standard input for '-'."""
    if file == "-":
        yield iter(sys.stdin.buffer)
        return
    path = Path(file)
    if not path.is_file():
        raise click.UsageError(f"{file}: no such file")
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    try:
        with opener(path, "rb") as handle:
            yield handle
    except (OSError, EOFError) as exc:
        raise click.ClickException(f"{file}: cannot read it ({exc})") from None


def import_file(app, file: str, store: ArticleStore) -> ImportSummary:
    settings = app.settings
    zones = {s.name: ZoneInfo(s.timezone) for s in settings.sources}
    with open_lines(file) as lines, progress_bar("Importing") as update:
        return import_jsonl(lines, store, ZoneInfo(DEFAULT_TZ), tz_for_source=zones.get,
                            progress=lambda n: update(n, 0), max_body_chars=settings.importing.max_body_chars)


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--no-index", is_flag=True, help="Only load the store; index later with `khobao index`.")
@click.option("--source", "source_name", metavar="NAME",
              help="WARC files: put every page in this source (default: the configured source of its domain).")
@pass_app
def command(app, file: str, no_index: bool, source_name: str | None) -> None:
    """Load articles from FILE (.jsonl, .jsonl.gz, - for stdin, or a .warc / .warc.gz web archive)
    into the store and the index.

    One JSON object a line: url (required), title, body or text, published or date (ISO 8601;
    without an offset it is the source's local time), source, author, section.

    A WARC file (wget --warc-file, Heritrix, browser archivers): each HTML page with status 200 is
    cleaned like a crawled page; the rest is skipped and counted by reason.

    \b
    Example:
      khobao import articles.jsonl.gz
      khobao import site.warc.gz --source baolangson
    """
    if file != "-" and is_warc(file):
        run_warc_import(app, file, source_name, no_index)
        return
    if source_name:
        raise click.UsageError("--source applies to WARC files; in JSON Lines give each line a \"source\"")
    if file != "-" and not file.lower().endswith(JSONL_SUFFIXES):
        raise click.UsageError(f"{file}: unknown kind of file; give a .jsonl, .jsonl.gz, .warc or .warc.gz file, "
                               "or - for stdin")
    settings = app.settings
    try:
        store = ArticleStore(settings.store_path)
    except (sqlite3.OperationalError, OSError) as exc:
        raise click.ClickException(store_problem(str(exc), settings.data_dir)) from None
    with store:
        summary = import_file(app, file, store)
        report(summary)
        if summary.store_error:
            raise click.ClickException(
                f"{store_problem(summary.store_error, settings.data_dir)}. Stopped before line {summary.lines + 1}: "
                f"the {summary.imported} articles of the lines before it are stored, nothing of the rest; "
                "import the file again to add it.")
        if not no_index:
            click.echo(describe(run_index(settings, store)))
    if summary.ended_early:
        raise click.ClickException(
            f"{file}: the file ends early (truncated or damaged) after line {summary.lines}: {summary.ended_early}; "
            f"the {summary.imported} articles read before it are stored. Import the complete file again "
            "(what is already stored is recognised as unchanged).")


def report(summary: ImportSummary) -> None:
    """Bad lines and warnings with their line numbers (on stderr), then the counts."""
    for number, reason in summary.errors:
        click.echo(f"line {number}: {reason}; skipped", err=True)
    if summary.bad > len(summary.errors):
        click.echo(f"... and {summary.bad - len(summary.errors)} more bad lines", err=True)
    for number, warning in summary.warnings:
        click.echo(f"line {number}: {warning}", err=True)
    if summary.warned > len(summary.warnings):
        click.echo(f"... and {summary.warned - len(summary.warnings)} more warnings", err=True)
    warned = f", {summary.warned} imported with a warning" if summary.warned else ""
    click.echo(f"imported {summary.imported} articles from {summary.lines} lines: {summary.new} new, "
               f"{summary.changed} changed, {summary.unchanged} unchanged; {summary.bad} bad lines skipped"
               f"{warned}" + (f", {summary.blank} blank" if summary.blank else ""))
