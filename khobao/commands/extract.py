"""`khobao extract`: clean a saved page (or JSON Lines of pages) and print the article as JSON.

How people debug a site's rules: save a page, run `khobao extract page.html --url URL --source NAME`,
adjust the source's selectors in config.toml, run it again.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..cli import pass_app
from ..extracting import ExtractSummary, clean_file, clean_requests


def _source(app, name: str | None):
    if not name:
        return None
    source = app.settings.source(name)
    if source is None:
        known = ", ".join(s.name for s in app.settings.sources) or "none configured"
        raise click.UsageError(f"unknown source '{name}' (known: {known})")
    return source


@click.command("extract")
@click.argument("file", metavar="FILE")
@click.option("--url", help="The page's address (for relative links and dates in the URL). "
                            "Default: the file's file:// URI.")
@click.option("--source", "source_name", metavar="NAME", help="Use this configured source's selectors and time zone.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Processes for `extract -` (default: [crawl] workers, at most one per core).")
@pass_app
def command(app, file: str, url: str | None, source_name: str | None, jobs: int | None) -> None:
    """Clean FILE (a saved HTML page) and print the article as one JSON object.

    \b
    With FILE '-', read JSON Lines from stdin, each {"url": ..., "html": ...} or
    {"url": ..., "file": ...}, and print one JSON line per input line, in order:
    url, title, published (ISO 8601 or null), author, section, body (paragraphs
    separated by newlines), or "rejected" with the reason, or "error" for a bad line.

    \b
    Examples:
      khobao extract saved.html --url https://baolangson.vn/some-article-123.html
      jq -c '{url, file}' pages.jsonl | khobao extract - > articles.jsonl
    """
    source = _source(app, source_name)
    if file == "-":
        if url:
            raise click.UsageError("--url is for a single FILE; with '-' each line carries its own url")
        workers = jobs or max(1, min(os.cpu_count() or 1, app.settings.crawl.workers))
        summary = ExtractSummary()
        out = sys.stdout
        for answer in clean_requests(sys.stdin.buffer, source, workers=workers,
                                     max_bytes=app.settings.crawl.max_bytes):
            summary.count(answer)
            out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
        click.echo(f"extract: {summary.describe()}", err=True)
        return
    path = Path(file)
    if not path.is_file():
        raise click.UsageError(f"{file}: no such file")
    try:
        answer = clean_file(path, url or path.resolve().as_uri(), source, app.settings.crawl.max_bytes)
    except OSError as exc:
        raise click.ClickException(f"{file}: cannot read it ({exc.strerror or exc})") from None
    click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
