"""`khobao crawl`: discover and fetch articles from the configured sources, then bring the index up to date."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import click
from rich.console import Console, Group
from rich.live import Live
from rich.table import Table

from crawler import CrawlReport, ReextractReport, crawl, crawl_lock, reextract
from store import ArticleStore

from ..cli import pass_app
from .index import describe, run_index

TOP_REASONS = 5


def _reasons(counter) -> str:
    items = counter.most_common(TOP_REASONS)
    text = ", ".join(f"{reason} {count}" for reason, count in items)
    more = sum(counter.values()) - sum(c for _, c in items)
    return text + (f", other {more}" if more else "") if text else "none"


def progress_table(report: CrawlReport) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("pages", f"{report.visited} visited, {report.pages_per_second:.1f}/s, {report.queued} queued")
    table.add_row("stored", f"{report.new} new, {report.changed} changed, {report.unchanged} unchanged, "
                            f"{report.not_modified} not modified")
    table.add_row("skipped", f"{sum(report.skipped.values())}: {_reasons(report.skipped)}")
    table.add_row("errors", f"{sum(report.errors.values())}: {_reasons(report.errors)}")
    return table


def summary(report: CrawlReport) -> str:
    head = {"finished": "crawl finished", "max-pages": "crawl stopped at --max-pages",
            "interrupted": "crawl interrupted (run `khobao crawl` again to resume)"}.get(report.outcome,
                                                                                        f"crawl {report.outcome}")
    lines = [
        f"{head}: {report.visited} pages in {report.elapsed:.1f} s ({report.pages_per_second:.1f} pages/s); "
        f"{report.queued} still queued",
        f"articles: {report.new} new, {report.changed} changed, {report.unchanged} unchanged, "
        f"{report.not_modified} not modified; {report.discovered} new URLs found"
        + (f", {report.updated} re-fetched because a sitemap says they changed" if report.updated else ""),
        f"skipped {sum(report.skipped.values())}: {_reasons(report.skipped)}",
        f"errors {sum(report.errors.values())}: {_reasons(report.errors)}",
    ]
    return "\n".join(lines + _real_site_lines(report))


def _real_site_lines(report: CrawlReport) -> list[str]:
    """What real sites threw at the crawl, one line each, shown only when it happened."""
    lines = []
    if report.folded:
        lines.append(f"folded {sum(report.folded.values())} URL copies into their articles: {_reasons(report.folded)}")
    if report.traps:
        lines.append(f"trap links not followed {sum(report.traps.values())}: {_reasons(report.traps)}")
    if report.compressed or report.charset_overruled:
        coded = ", ".join(f"{name} {count}" for name, count in sorted(report.compressed.items())) or "none"
        lines.append(f"compressed responses: {coded}; charset header overruled by the page: {report.charset_overruled}")
    if report.hosts_down:
        lines.append(f"hosts not answering, their URLs left for the next crawl: {_reasons(report.hosts_down)}")
    return lines


def describe_reextract(report: ReextractReport) -> str:
    return (f"re-extracted {report.read} archived pages: {report.changed} changed, {report.unchanged} unchanged, "
            f"{report.rejected} rejected, {report.missing} without a readable WARC record")


def _index(settings, store: ArticleStore, quiet: bool) -> None:
    """New articles reach the index at the end of the run."""
    click.echo(describe(run_index(settings, store, quiet=quiet)))


@click.command("crawl")
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="Crawl only this source (repeatable); default: every [[sources]] in config.toml.")
@click.option("--max-pages", type=click.IntRange(min=1), metavar="N", help="Visit at most N URLs in this run.")
@click.option("--refresh", is_flag=True,
              help="Revisit feeds, sitemaps and listings, and re-check stored articles that are due.")
@click.option("--reextract", is_flag=True,
              help="Clean the archived pages (WARC) again with the current rules, without fetching.")
@click.option("--no-index", is_flag=True, help="Do not update the search index at the end.")
@click.option("--quiet", "-q", is_flag=True, help="No live progress display.")
@pass_app
def command(app, sources: tuple[str, ...], max_pages: int | None, refresh: bool, reextract: bool, no_index: bool,
            quiet: bool) -> None:
    """Crawl the configured news sources into the article store, then update the index.

    A stopped crawl (Ctrl-C, a crash) resumes where it stopped at the next `khobao crawl`.

    \b
    Examples:
      khobao crawl --source baolangson --max-pages 200
      khobao crawl --refresh                # daily: new articles, changed ones
      khobao crawl --reextract              # after changing a source's selectors
    """
    settings = app.settings
    known = {s.name for s in settings.sources}
    if not settings.sources:
        raise click.UsageError("no sources configured; add [[sources]] tables to config.toml")
    for name in sources:
        if name not in known:
            raise click.UsageError(f"unknown source '{name}'; configured sources: {', '.join(sorted(known))}")
    if reextract and (refresh or max_pages):
        raise click.UsageError("--reextract works on the archive alone; do not combine it with --refresh or --max-pages")
    console = Console(stderr=True)
    live_wanted = not quiet and sys.stderr.isatty()
    with ArticleStore(settings.store_path) as store:
        store.remember_sources({s.name: s.label for s in settings.sources})
        if reextract:
            report = reextract_command(settings, store, sources)
            click.echo(describe_reextract(report))
        else:
            live = Live(console=console, transient=True, refresh_per_second=4) if live_wanted else nullcontext()
            with live:
                def show(progress: CrawlReport) -> None:
                    if live_wanted:
                        live.update(Group(progress_table(progress)))

                try:
                    report = crawl(settings, store, sources=list(sources) or None, max_pages=max_pages,
                                   refresh=refresh, progress=show)
                except RuntimeError as exc:
                    raise click.ClickException(str(exc)) from None
            click.echo(summary(report))
        if not no_index:
            _index(settings, store, quiet)
    if not reextract and report.outcome == "interrupted":
        sys.exit(130)


def reextract_command(settings, store: ArticleStore, sources: tuple[str, ...]) -> ReextractReport:
    try:
        with crawl_lock(settings.data_dir):      # not while a crawl writes the same articles
            return reextract(settings, store, sources=list(sources) or None)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
