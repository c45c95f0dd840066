"""`khobao demo`: the whole pipeline offline, on a sample archive of invented Vietnamese news.

Starts the three sample news sites on 127.0.0.1, crawls them with the real crawler, indexes the
articles and serves the search UI. A second run reuses what is built.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from crawler import CrawlLocked
from webui import create_app, make_server, server_url

from ..cli import pass_app
from ..demo.build import DemoDir, build_demo, demo_settings
from ..demo.server import SampleSites
from ..errors import DemoError
from .serve import reason, serve_until_stopped

DEFAULT_DIR = Path("demo-data")


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="Build the sample archive and its index, then stop (for scripts).")
@click.option("--rebuild", is_flag=True, help="Throw away the previous demo build and crawl the sample sites again.")
@click.option("--host", help="Address the search UI listens on (default: [web] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535),
              help="Port of the search UI (default: [web] port, 8080, or a free one when that is taken).")
@pass_app
def command(app, no_serve: bool, rebuild: bool, host: str | None, port: int | None) -> None:
    """Crawl, index and serve a bundled sample news archive: the whole pipeline, offline.

    Three invented Vietnamese news sites (180 articles, 2016-2025; one modern, one with
    Vietnamese datelines, one old table-based site in windows-1258) are served on 127.0.0.1,
    crawled with the real crawler, indexed, and searched in the browser. The data goes to
    ./demo-data unless --data-dir says otherwise; a second run reuses it.

    \b
    Example:
      khobao demo                              # then open the address it prints
      khobao --data-dir /tmp/kb demo --no-serve
      khobao --data-dir /tmp/kb search "ha noi" --json
    """
    data_dir = app.data_dir or Path(os.environ.get("KHOBAO_DATA_DIR") or DEFAULT_DIR)
    demo_dir = DemoDir(data_dir)
    try:
        demo_dir.check()
    except DemoError as exc:
        raise click.UsageError(str(exc)) from None
    base_settings = app.settings
    sites = SampleSites(ports=None if rebuild else demo_dir.state().get("ports"))
    try:
        sites.start()
    except OSError as exc:
        raise click.ClickException(f"cannot start the sample sites on 127.0.0.1: {exc.strerror or exc}") from None
    try:
        settings = demo_settings(base_settings, data_dir, sites)
        _build(settings, sites, demo_dir, rebuild)
        if not no_serve:
            _serve(settings, host, port)
    finally:
        sites.stop()


def _build(settings, sites: SampleSites, demo_dir: DemoDir, rebuild: bool) -> None:
    echo = click.echo
    echo(f"khobao demo: sample archive in {settings.data_dir}")
    for source in settings.sources:
        echo(f"  {source.label:<16} {sites.base_urls[source.name]}/")
    if demo_dir.built and not rebuild and sites.moved:
        echo("  note: a sample site got a new port; links to the original pages of the stored articles point to the "
             "old one (khobao demo --rebuild crawls again)")
    expected = sum(len(site.articles) for site in sites.sites.values())
    try:
        with _progress("Crawling the sample sites", "Indexing") as (crawl_update, index_update):
            build = build_demo(settings, sites, demo_dir, rebuild=rebuild,
                               crawl_progress=lambda report: crawl_update(report.stored, expected),
                               index_progress=index_update)
    except KeyboardInterrupt:
        echo("interrupted; run khobao demo again to resume", err=True)
        sys.exit(130)
    except CrawlLocked as exc:                      # another demo crawls this directory
        raise click.ClickException(str(exc)) from None
    if build.crawled:
        report = build.crawl_report
        problems = sum(report.errors.values())
        echo(f"crawled {report.visited} pages in {report.elapsed:.1f} s: {report.new} articles stored"
             + (f", {problems} errors ({_reasons(report.errors)})" if problems else ""))
        again = build.recrawl_report
        if again is not None:
            echo(f"visited again after the sites corrected some articles: {again.visited} pages in "
                 f"{again.elapsed:.1f} s, {again.changed} changed articles stored as new versions")
    else:
        echo("reusing the archive built before (khobao demo --rebuild crawls again)")
    per_source = ", ".join(f"{name} {n}" for name, n in sorted(build.counts.items()))
    echo(f"articles: {sum(build.counts.values())} ({per_source})")
    index = build.index_report
    echo(f"index: {index.total} articles ({'built' if index.rebuilt else 'updated'} in {index.seconds:.1f} s)")
    if not build.complete:
        echo("warning: the crawl did not find every sample article; run khobao demo again to resume", err=True)
    echo(f"done in {build.seconds:.1f} s. Try: khobao --data-dir {settings.data_dir} search \"ha noi\"")


@contextmanager
def _progress(*labels: str) -> Iterator[list[Callable[[int, int], None]]]:
    """One rich display with a bar per stage, each shown when its stage starts (terminal only)."""
    if not sys.stderr.isatty():
        yield [lambda done, total: None for _ in labels]
        return
    with Progress(TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as display:
        tasks: dict[str, TaskID] = {}

        def updater(label: str) -> Callable[[int, int], None]:
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = display.add_task(label, total=None)
                display.update(tasks[label], completed=done, total=max(total, done) or None)
            return update

        yield [updater(label) for label in labels]


def _reasons(counter) -> str:
    return ", ".join(f"{reason}: {n}" for reason, n in counter.most_common(3))


def _serve(settings, host: str | None, port: int | None) -> None:
    host = host or settings.web.host
    application = create_app(settings)
    try:
        server = make_server(application, host, settings.web.port if port is None else port,
                             threads=settings.web.threads)
    except OSError as exc:
        if port is not None:
            raise click.ClickException(f"cannot listen on {host}:{port}: {reason(exc)}") from None
        server = make_server(application, host, 0, threads=settings.web.threads)  # the default port is taken
    click.echo(f"\nSearch the sample archive at {server_url(server)}  (Ctrl-C to stop)")
    serve_until_stopped(server, application)
