"""`khobao import FILE`: load articles from JSON Lines or CSV (plain or .gz, or - for stdin), or a WARC
file, then index. Field mapping, source rules and the grouped report live in khobao/import_*.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from store import DEFAULT_TZ, ArticleStore

from ..cli import pass_app
from ..import_fields import TARGETS, FieldMap
from ..import_files import FORMATS, check_encoding, csv_rows, file_format, jsonl_rows, open_bytes, text_stream
from ..import_report import counts_line, problem_lines, sample_lines, sources_line
from ..import_sources import SourceResolver, file_source
from ..importing import ImportOptions, ImportSummary, import_rows, store_problem
from ..progress import progress_bar
from ..warc_import import is_warc
from .index import describe, run_index
from .warcimport import run_warc_import

DRY_RUN_ROWS = 3


def import_file(app, file: str, store: ArticleStore | None, *, fmt: str, options: ImportOptions,
                encoding: str | None) -> ImportSummary:
    """Read FILE in its format and import its rows (store None: a dry run)."""
    try:
        with open_bytes(file) as handle, progress_bar("Importing", quiet=store is None) as update:
            text = text_stream(handle, encoding, always=fmt == "csv")
            rows = csv_rows(text, file) if fmt == "csv" and text else jsonl_rows(text if text is not None else handle)
            try:
                return import_rows(rows, store, ZoneInfo(DEFAULT_TZ), options, progress=lambda n: update(n, 0))
            finally:
                if text is not None:
                    text.detach()           # the file itself is closed by open_bytes
    except OSError as exc:
        raise click.ClickException(f"{file}: cannot read it ({exc.strerror or exc})") from None


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--map", "maps", multiple=True, metavar="TARGET=FIELD",
              help=f"Take TARGET from the file's FIELD (repeatable); targets: {', '.join(TARGETS)}. "
                   "TARGET= takes nothing for it.")
@click.option("--url-template", metavar="TEMPLATE",
              help="The URL of a record without one, from its fields: 'https://tuoitre.vn/{post_id}.htm'.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="jsonl or csv (default: by the file's extension).")
@click.option("--encoding", metavar="NAME",
              help="The file's text encoding when it is not UTF-8 (UTF-16 is found by itself): cp1258, cp1252...")
@click.option("--dry-run", is_flag=True, help="Show how the first rows map, count what would go in; store nothing.")
@click.option("--no-index", is_flag=True, help="Only load the store; index later with `khobao index`.")
@click.option("--source", "source_name", metavar="NAME",
              help="Put every article in this source (default: the configured source of its URL's domain).")
@pass_app
def command(app, file: str, maps: tuple[str, ...], url_template: str | None, fmt: str | None, encoding: str | None,
            dry_run: bool, no_index: bool, source_name: str | None) -> None:
    """Load articles from FILE into the store and the index: JSON Lines (.jsonl, .jsonl.gz, - for stdin),
    CSV with a header row (.csv, .csv.gz), or a .warc / .warc.gz web archive.

    Each record's fields are found by their common names: url or link; id or post_id; title; body,
    text or content; summary, description or sapo (the lead, put before the body); published, date,
    time, created_at or pubDate (ISO 8601, RFC 2822 or seconds since 1970; without an offset the
    source's local time); author; section or category; source. --map TARGET=FIELD names another
    field. A record without a URL gets one from --url-template, else the stable identifier
    urn:khobao:SOURCE:ID.

    An article joins the configured source whose domains hold its URL's host; another domain
    becomes a source named after it (label it in config.toml). Bad lines are grouped by reason with
    the fix; the exit status is 1 when nothing could be imported.

    A WARC file (wget --warc-file, Heritrix, browser archivers): each HTML page with status 200 is
    cleaned like a crawled page; the rest is skipped and counted by reason.

    \b
    Examples:
      khobao import articles.jsonl.gz
      khobao import tuoitre.jsonl --url-template 'https://tuoitre.vn/{post_id}.htm' --dry-run
      khobao import export.csv --map url=link --map section=chuyen_muc
      khobao import site.warc.gz --source baolangson
    """
    if file != "-" and is_warc(file):
        if maps or url_template or fmt or encoding or dry_run:
            raise click.UsageError("--map, --url-template, --format, --encoding and --dry-run apply to JSON Lines "
                                   "and CSV files, not to WARC files")
        run_warc_import(app, file, source_name, no_index)
        return
    kind = file_format(file, fmt)
    if kind is None:
        raise click.UsageError(f"{file}: unknown kind of file; give a .jsonl, .jsonl.gz, .csv, .csv.gz, .warc or "
                               ".warc.gz file, - for stdin, or say which with --format jsonl or --format csv")
    if file != "-" and not Path(file).is_file():
        raise click.UsageError(f"{file}: no such file")
    try:
        fields = FieldMap.parse(maps, url_template)
        encoding = check_encoding(encoding)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    settings = app.settings
    resolver = SourceResolver(settings.sources, forced=source_name, fallback=file_source(file))
    zones = {s.name: ZoneInfo(s.timezone) for s in settings.sources}
    options = ImportOptions(fields=fields, resolver=resolver, tz_for_source=zones.get,
                            max_body_chars=settings.importing.max_body_chars, samples=DRY_RUN_ROWS if dry_run else 0)
    unit = "rows" if kind == "csv" else "lines"
    configured = [s.name for s in settings.sources]
    if dry_run:
        summary = import_file(app, file, None, fmt=kind, options=options, encoding=encoding)
        for line in sample_lines(summary.samples, fields):
            click.echo(line)
        report(summary, fields, configured, resolver.labels(), unit, dry_run=True)
        _check_end(file, summary, dry_run=True)
        return
    try:
        store = ArticleStore(settings.store_path)
    except (sqlite3.OperationalError, OSError) as exc:
        raise click.ClickException(store_problem(str(exc), settings.data_dir)) from None
    with store:
        store.remember_sources(resolver.labels())
        summary = import_file(app, file, store, fmt=kind, options=options, encoding=encoding)
        report(summary, fields, configured, resolver.labels(), unit)
        if summary.store_error:
            raise click.ClickException(
                f"{store_problem(summary.store_error, settings.data_dir)}. Stopped before line {summary.lines + 1}: "
                f"the {summary.imported} articles of the lines before it are stored, nothing of the rest; "
                "import the file again to add it.")
        if not no_index and summary.imported:
            click.echo(describe(run_index(settings, store)))
    _check_end(file, summary)


def _check_end(file: str, summary: ImportSummary, dry_run: bool = False) -> None:
    """Exit status 1 for a file that ended early, or when nothing could be imported."""
    if summary.ended_early:
        raise click.ClickException(
            f"{file}: the file ends early (truncated or damaged) after line {summary.lines}: {summary.ended_early}; "
            f"the {summary.imported} articles read before it are stored. Import the complete file again "
            "(what is already stored is recognised as unchanged).")
    if not summary.imported:
        what = "no line holds an article" if not summary.bad else "every line was skipped (the reasons are above)"
        raise click.ClickException(f"{file}: nothing {'would be' if dry_run else 'was'} imported: {what}")


def report(summary: ImportSummary, fields: FieldMap, configured: list[str], labels: dict[str, str],
           unit: str = "lines", dry_run: bool = False) -> None:
    """Problems grouped by reason (on stderr), then the counts and the sources (on stdout)."""
    for line in problem_lines(summary, fields, configured):
        click.echo(line, err=True)
    click.echo(counts_line(summary, unit, dry_run))
    by_source = sources_line(summary, labels)
    if by_source:
        click.echo(by_source)
