"""AMP copies: the same article again under an /amp/ path, ?amp=1, an amp. host or a .amp.html name.

Fetching them costs a request and risks a second, differently cleaned copy of the article; so a
link to one is read as a link to the article it copies. A page that announces its AMP copy
(`<link rel="amphtml">`) has that URL recorded as an alias; an AMP page fetched all the same is
folded into its canonical article by the canonical link, as every duplicate is.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_AMP_PARAMS = {"amp": ("", "1", "true", "yes"), "outputtype": ("amp",), "output": ("amp",), "view": ("amp",)}
_AMP_SUFFIX = re.compile(r"\.amp(\.html?)?$|/amp(/?)$", re.IGNORECASE)   # x.amp.html → x.html, x/amp/ → x/
_AMP_SEGMENT = re.compile(r"^/amp(?=/.)", re.IGNORECASE)                # /amp/section/x.html


def original_of_amp(url: str) -> str | None:
    """The URL of the article an AMP URL copies, or None when the URL is no AMP copy we recognise."""
    try:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return None
    host, path = parts.netloc, parts.path
    kept = [(k, v) for k, v in query if v.lower() not in _AMP_PARAMS.get(k.lower(), ())]
    if host.lower().startswith("amp.") and host.count(".") >= 2:
        host = host[4:]
    path = _AMP_SEGMENT.sub("", path)
    path = _AMP_SUFFIX.sub(lambda m: m.group(1) or m.group(2) or "", path)
    if (host, path, kept) == (parts.netloc, parts.path, query):
        return None
    return urlunsplit((parts.scheme, host, path or "/", urlencode(kept), ""))


def is_amp_page(html_head: str) -> bool:
    """`<html amp>` or `<html ⚡>`: the page is itself an AMP copy."""
    match = re.search(r"<html\b[^>]*>", html_head[:4096], re.IGNORECASE)
    return bool(match and re.search(r"\s(amp|⚡)(\s|=|>|/)", match.group(0), re.IGNORECASE))
