"""Which source an imported article belongs to, so that imports line up with the configured papers.

In order: `--source NAME` puts every article in that source. Otherwise an article whose URL's host is
in a configured source's `domains` (subdomains included: www., sohoa.) joins that source, whatever
its own "source" field says. Else a "source" field naming a configured source, or one of its
domains ("tuoitre.vn"), joins it too; any other "source" field is kept as it is. Else the URL's
domain (its host without "www.") names the source. config.toml can label such a source with a
[[sources]] table of that name (see the comments there). A record with no URL and no source is put
in the source named after the file (its name without extensions).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from crawler import Source, host_in_domains, source_domains

_FILE_SUFFIXES = re.compile(r"(\.(jsonl|ndjson|json|csv|tsv|txt|gz))+$", re.I)


def domain_name(host: str) -> str:
    """The source name for a host of no configured source: lower case, without "www." and a final dot."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def file_source(file: str) -> str:
    """The source of records that name none: the file's name without extensions ("stdin" for -)."""
    if file == "-":
        return "stdin"
    name = _FILE_SUFFIXES.sub("", Path(file).name) or "import"
    return re.sub(r"\s+", "-", name.strip()) or "import"


class SourceResolver:
    """Source names for imported articles (the rules in the module docstring)."""

    def __init__(self, sources: Iterable[Source], *, forced: str | None = None, fallback: str = "import"):
        self.sources = tuple(sources)
        self.forced = forced
        self.fallback = fallback
        self._domains = [(domain, source.name) for source in self.sources for domain in source_domains(source)]
        self._domains.sort(key=lambda pair: -len(pair[0]))     # the most specific domain wins
        self._names = {source.name for source in self.sources}
        self._by_host: dict[str, str | None] = {}

    def configured_for_host(self, host: str) -> str | None:
        """The configured source whose domains hold `host`, or None."""
        host = host.lower().rstrip(".")
        if host not in self._by_host:
            if len(self._by_host) > 10_000:
                self._by_host.clear()
            self._by_host[host] = next((name for domain, name in self._domains
                                        if host_in_domains(host, (domain,))), None)
        return self._by_host[host]

    def name_for(self, url: str | None, given: str | None) -> str:
        """The source of an article with this URL (None or a urn: when it has none) and "source" field."""
        if self.forced:
            return self.forced
        host = (urlsplit(url).hostname or "") if url and url.lower().startswith(("http://", "https://")) else ""
        configured = self.configured_for_host(host) if host else None
        if configured:
            return configured
        given = (given or "").strip()
        if given:
            if given in self._names:
                return given
            return self.configured_for_host(given) or given
        return domain_name(host) if host else self.fallback

    def labels(self) -> dict[str, str]:
        """Display labels of the configured sources, for the store to remember (the web pages read them there)."""
        return {source.name: source.label for source in self.sources if source.label}
