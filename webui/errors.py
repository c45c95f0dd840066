"""What the web UI raises on purpose; the pages turn each into a friendly page or JSON error.

    WebError                              anything the web UI raises on purpose
    ├── ParamError (ValueError)           a request parameter a person can fix (400, in their language)
    ├── IndexUnavailable (RuntimeError)   no index to search yet, or a damaged one (503)
    └── ServersExited (RuntimeError)      `khobao serve --workers`: every server process died and none restarted

Each also derives from the built-in error in brackets, so callers that catch that still do.
Settings that break a rule (webui/settings.py) raise plain ValueError, which khobao's config
reader turns into one line naming the key.
"""

from __future__ import annotations


class WebError(Exception):
    """Anything the web UI raises on purpose."""


class ParamError(WebError, ValueError):
    """A parameter a person can fix: `key` names the message in webui.i18n, `values` fill it.
    `at_fault` names the URL parameters to leave out so the page can still show results."""

    def __init__(self, key: str, *, at_fault: tuple[str, ...] = (), **values):
        super().__init__(key)
        self.key = key
        self.values = values
        self.at_fault = at_fault


class IndexUnavailable(WebError, RuntimeError):
    """No index to search: none yet (`khobao index` has not been run), or a damaged one. `key` names
    the message for readers: "empty_archive" or "damaged_archive"."""

    def __init__(self, where: str, key: str = "empty_archive"):
        super().__init__(where)
        self.key = key


class ServersExited(WebError, RuntimeError):
    """Every server process exited and none could be started again."""
