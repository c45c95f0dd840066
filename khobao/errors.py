"""What the khobao command raises on purpose; the command line prints each as one line.

    KhobaoError                 anything the command layer raises on purpose
    ├── ConfigError             config.toml (or a setting given on the command line) is wrong: exit 2
    ├── BadLine (ValueError)    why one line of an import cannot be stored (reported, then skipped)
    └── DemoError               a problem the person running the demo can fix

The packages below keep their own trees (store's standard errors, crawler.CrawlerError,
indexer.IndexerError, webui.WebError); the commands turn those into one line too.
"""

from __future__ import annotations


class KhobaoError(Exception):
    """Anything the command layer raises on purpose."""


class ConfigError(KhobaoError):
    """A configuration problem, worded for the person who edits config.toml."""


class BadLine(KhobaoError, ValueError):
    """Why one line cannot be imported. `kind` groups lines in the summary (the message may name the
    line's own value); `fix` says what the user can do about the whole group."""

    def __init__(self, message: str, kind: str | None = None, fix: str | None = None):
        super().__init__(message)
        self.kind = kind or message
        self.fix = fix


class DemoError(KhobaoError):
    """A problem the person running the demo can fix, in one sentence."""
