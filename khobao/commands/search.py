"""`khobao search QUERY`: search the index from the terminal; `--json` prints the API's object."""

from __future__ import annotations

import json
import re
from datetime import date
from difflib import get_close_matches

import click

from indexer import SORTS, SearchError, SearchRequest, open_engine, readable
from store import ArticleStore

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


class _QueryCommand(click.Command):
    """A command whose QUERY may start with '-', the query language's exclusion ("-covid thu tuong").

    An argument that starts with a single '-' and is not one of the command's options is query
    text, not an unknown option: it is moved after a '--' before click reads the arguments.
    `--` itself keeps working, and so does a mistyped long option (`--limt`: an error)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not (param.is_flag or param.count)
        options, texts, rest = [], [], list(args)
        while rest:
            arg = rest.pop(0)
            if arg == "--":
                texts += rest
                break
            name = arg.split("=", 1)[0] if arg.startswith("--") else arg
            if name in takes_value:
                options.append(arg)
                if takes_value[name] and "=" not in arg and rest:
                    options.append(rest.pop(0))
            elif arg.startswith("--") and get_close_matches(name, list(takes_value), n=1):
                options.append(arg)  # a mistyped option: click says so and names the right one
            elif arg.startswith("--"):
                raise click.UsageError(f"No such option '{name}'; to search for text that starts with '--', "
                                       f"put it after '--': khobao search -- '{arg}'", ctx)
            else:
                texts.append(arg)
        return super().parse_args(ctx, options + (["--", *texts] if texts else []))


@click.command("search", cls=_QueryCommand)
@click.argument("query")
@click.option("--source", "sources", multiple=True, help="Only this source (repeat for several).")
@click.option("--from", "date_from", callback=_day, metavar="YYYY-MM-DD", help="Published on or after this day.")
@click.option("--to", "date_to", callback=_day, metavar="YYYY-MM-DD", help="Published on or before this day.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Results per page.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--loose", is_flag=True,
              help="Each syllable anywhere: also the articles where a word's syllables stand apart.")
@click.option("--edited", is_flag=True,
              help="Only articles edited after publication (their text changed after the first fetch).")
@click.option("--collapse", is_flag=True,
              help="Each story once: of near-identical copies across sources, only the first published.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: total, hits, facets, suggestion.")
@pass_app
def command(app, query, sources, date_from, date_to, sort, limit, page, loose, edited, collapse, as_json) -> None:
    """Search the archive. QUERY may use "phrases", -word, OR, title:, source:.

    \b
    Example:
      khobao search "ha noi" --from 2020-01-01 --sort newest
      khobao search '"kinh tế" -covid' --source baolangson --json
      khobao search "-covid thu tuong"      # a query may start with -
      khobao search "tai nan xe may" --loose  # also where the syllables stand apart
      khobao search "gia xang" --edited       # only articles changed after publication
      khobao search "bão" --collapse        # each story once, not each source's copy

    The query's syllables are read as words ("tai nạn", "xe máy"): an article matches when the
    syllables of each word stand together in it; --loose drops that.
    """
    if date_from and date_to and date_from > date_to:
        raise click.UsageError("--from is after --to")
    # bytes the terminal sent that are not UTF-8 arrive as lone surrogates: never echo them back
    query, repaired = readable(query)
    if repaired:
        click.echo("Note: the query was not valid UTF-8 (check the terminal's encoding); "
                   "the bytes that could not be read were replaced by \ufffd.", err=True)
    sources = [readable(source)[0] for source in sources]
    request = SearchRequest(query=query, sources=tuple(sources), date_from=date_from, date_to=date_to,
                            sort=sort, page=page, per_page=limit, loose=loose, edited=edited,
                            collapse=collapse)
    try:
        with open_engine(app.settings.index_dir, app.settings.index) as engine:
            result = engine.search(request)
    except SearchError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.to_json(_labels(app.settings)), ensure_ascii=False))
        return
    _print_page(result, edited)


def _plain(html_text: str) -> str:
    import html
    return html.unescape(re.sub(r"</?mark>", "", html_text))


def _print_page(result, edited: bool = False) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    first = (result.page - 1) * result.per_page
    stories = "story" if result.total == 1 else "stories"
    counted = (f"counting each story once: [bold]{result.total}[/bold] {stories} in {result.articles} articles"
               if result.collapse else f"[bold]{result.total}[/bold] results")
    console.print(f"{counted} ({result.took_ms:.0f} ms)"
                  + (", only articles edited after publication" if edited else "")
                  + (f", page {result.page} of {result.pages}" if result.pages > 1 else ""))
    if any(" " in word for word in result.read_as) or result.apart:
        words = " · ".join(f"«{escape(word)}»" for word in result.read_as)
        more = "1 more article has" if result.apart == 1 else f"{result.apart} more articles have"
        apart = f"; {more} these syllables apart (--loose shows them)" if result.apart else ""
        console.print(f"read as: {words}{apart}", soft_wrap=True)
    elif result.loose:
        console.print("every article with these syllables, also where they stand apart (--loose)")
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
        if hit.copies and hit.copies.other_sources:
            first = hit.copies.first_published.strftime("%Y-%m-%d %H:%M") if hit.copies.first_published else "undated"
            console.print(f"   [dim]also published by {hit.copies.other_sources} other source(s); first by "
                          f"{escape(hit.copies.first_source)} at {first}[/dim]")
        snippet = re.sub(r"<mark>(.*?)</mark>", lambda m: f"\x00{m.group(1)}\x01", hit.snippet)
        text = escape(_plain(snippet)).replace("\x00", "[reverse]").replace("\x01", "[/reverse]")
        console.print(f"   {text}")


def _labels(settings) -> dict[str, str]:
    """The sources' display labels, as the web UI shows them."""
    if not settings.store_path.exists():
        return settings.source_labels({})
    with ArticleStore(settings.store_path, read_only=True) as store:
        return settings.source_labels(store.source_labels())
