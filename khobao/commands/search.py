"""`khobao search QUERY`: search the index from the terminal; `--json` prints the API's object."""

from __future__ import annotations

import json
import re
from datetime import date

import click

from crawler.store import ArticleStore
from indexer.api import SORTS, SearchRequest
from indexer.search import SearchError, Searcher

from ..cli import pass_app


def _day(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date like 2021-01-31")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a real date") from None


@click.command("search")
@click.argument("query")
@click.option("--source", "sources", multiple=True, help="Only this source (repeat for several).")
@click.option("--from", "date_from", callback=_day, metavar="YYYY-MM-DD", help="Published on or after this day.")
@click.option("--to", "date_to", callback=_day, metavar="YYYY-MM-DD", help="Published on or before this day.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Results per page.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: total, hits, facets, suggestion.")
@pass_app
def command(app, query, sources, date_from, date_to, sort, limit, page, as_json) -> None:
    """Search the archive. QUERY may use "phrases", -word, OR, title:, source:.

    \b
    Example:
      khobao search "ha noi" --from 2020-01-01 --sort newest
      khobao search '"kinh tế" -covid' --source baolangson --json
    """
    if date_from and date_to and date_from > date_to:
        raise click.UsageError("--from is after --to")
    request = SearchRequest(query=query, sources=tuple(sources), date_from=date_from, date_to=date_to,
                            sort=sort, page=page, per_page=limit)
    try:
        with Searcher(app.settings.index_dir) as searcher:
            result = searcher.search(request)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.to_json(_labels(app.settings)), ensure_ascii=False))
        return
    _print_page(result)


def _plain(html_text: str) -> str:
    import html
    return html.unescape(re.sub(r"</?mark>", "", html_text))


def _print_page(result) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    first = (result.page - 1) * result.per_page
    console.print(f"[bold]{result.total}[/bold] results ({result.took_ms:.0f} ms)"
                  + (f", page {result.page} of {result.pages}" if result.pages > 1 else ""))
    if result.suggestion:
        console.print(f"Có phải bạn muốn tìm: [bold]{escape(result.suggestion)}[/bold]?")
    if result.correction:
        console.print(f"Did you mean: [bold]{escape(result.correction)}[/bold]?")
    if result.note:
        console.print(f"[yellow]{escape(result.note)}[/yellow]")
    for n, hit in enumerate(result.hits, start=first + 1):
        when = hit.published.strftime("%Y-%m-%d") if hit.published else "undated"
        console.print(f"\n[bold]{n}. {escape(hit.title or hit.url)}[/bold]")
        console.print(f"   [dim]{escape(hit.source)} · {when} · {escape(hit.url)}[/dim]")
        snippet = re.sub(r"<mark>(.*?)</mark>", lambda m: f"\x00{m.group(1)}\x01", hit.snippet)
        text = escape(_plain(snippet)).replace("\x00", "[reverse]").replace("\x01", "[/reverse]")
        console.print(f"   {text}")


def _labels(settings) -> dict[str, str]:
    """The sources' display labels, as the web UI shows them."""
    if not settings.store_path.exists():
        return settings.source_labels({})
    with ArticleStore(settings.store_path, read_only=True) as store:
        return settings.source_labels(store.source_labels())
