"""Serve the three sample sites of `khobao demo` on 127.0.0.1, each on its own port, with the fixture server."""

from __future__ import annotations

from .site import Site
from .sites import make_sites
from .siteserver import SiteServer


class SampleSites:
    """The three sample sites on 127.0.0.1, each on its own port (0: any free port).

    Use as a context manager, or call start() and stop(). `base_urls` maps a site's name to its
    address, e.g. {"nhipsong": "http://127.0.0.1:40123", ...}.
    """

    def __init__(self, host: str = "127.0.0.1", ports: dict[str, int] | None = None, seed: str | None = None):
        self.host = host
        self.wanted_ports = dict(ports or {})
        self.sites = make_sites(seed)
        self._servers: dict[str, SiteServer] = {}

    def start(self) -> dict[str, str]:
        try:
            for name, site in self.sites.items():
                server = self._bind(site, name, self.wanted_ports.get(name, 0))
                self._servers[name] = server
                server.start()
        except BaseException:          # the sites already started do not outlive a failed start
            self.stop()
            raise
        return self.base_urls

    def _bind(self, site: Site, name: str, port: int) -> SiteServer:
        """The port asked for, or any free one when it is taken (the caller sees `moved`)."""
        try:
            return SiteServer(site, self.host, port, name=f"sample-{name}")
        except OSError:
            if port == 0:
                raise
            return SiteServer(site, self.host, 0, name=f"sample-{name}")

    @property
    def base_urls(self) -> dict[str, str]:
        return {name: server.site.base for name, server in self._servers.items()}

    @property
    def ports(self) -> dict[str, int]:
        return {name: server.port for name, server in self._servers.items()}

    @property
    def moved(self) -> bool:
        """True when a site could not get the port it asked for."""
        return any(self.wanted_ports.get(n, p) not in (0, p) for n, p in self.ports.items())

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()

    def __enter__(self) -> "SampleSites":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
