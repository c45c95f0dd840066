"""`khobao index [--rebuild]`: bring the search index up to date with the article store."""

from __future__ import annotations

import click

from indexer import DamagedIndexError, IndexDiskFull, IndexReport, open_engine
from store import ArticleStore

from ..cli import pass_app
from ..progress import progress_bar


def run_index(settings, store: ArticleStore, *, rebuild: bool = False, quiet: bool = False) -> IndexReport:
    """Index with a progress bar; shared by `khobao index`, `khobao import` and `khobao crawl`.

    A damaged index, or a disk that fills up, ends the command with one line naming it and the fix."""
    try:
        with progress_bar("Indexing", quiet=quiet) as update, open_engine(settings.index_dir, settings.index) as engine:
            return engine.rebuild(store, progress=update) if rebuild else engine.update(store, progress=update)
    except (DamagedIndexError, IndexDiskFull) as exc:
        raise click.ClickException(str(exc)) from None


def describe(report: IndexReport) -> str:
    how = "rebuilt" if report.rebuilt else "updated"
    recovered = f"left by an interrupted run: {', '.join(report.recovered)}\n" if report.recovered else ""
    return (f"{recovered}index {how}: {report.added} added, {report.updated} changed, {report.deleted} deleted; "
            f"{report.total} articles in the index ({report.seconds:.1f} s)")


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Build the index afresh from the store (after an analyzer change, say).")
@pass_app
def command(app, rebuild: bool) -> None:
    """Bring the search index up to date with the article store.

    \b
    Example:
      khobao index              # index what changed since the last run
      khobao index --rebuild    # build afresh, e.g. after an analyzer change
    """
    settings = app.settings
    if not settings.store_path.exists():
        raise click.ClickException(f"no article store at {settings.store_path}; crawl or import articles first")
    with ArticleStore(settings.store_path) as store:
        report = run_index(settings, store, rebuild=rebuild)
    click.echo(describe(report))
