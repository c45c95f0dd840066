"""robots.txt rules for one host, read with protego (wildcards, Allow/Disallow precedence, Crawl-delay).

RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be reached
(5xx, network error) means "do not crawl this host for now".
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched on: "khobao/0.1 (+url)" -> "khobao"."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


@dataclass
class RobotsRules:
    parser: Protego | None = None
    allow_all: bool = True
    reason: str = ""          # why everything is disallowed, when it is

    @classmethod
    def from_response(cls, status: int | None, text: str | None) -> "RobotsRules":
        if status is None or status >= 500:
            return cls(allow_all=False, reason="robots.txt unreachable")
        if status >= 400 or text is None:
            return cls(allow_all=True)
        return cls(parser=Protego.parse(text), allow_all=True)

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, agent_token(user_agent))

    @property
    def sitemaps(self) -> tuple[str, ...]:
        """The `Sitemap:` lines: where the site itself says its sitemaps are."""
        return tuple(self.parser.sitemaps) if self.parser is not None else ()

    def crawl_delay(self, user_agent: str) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(agent_token(user_agent))
        return float(delay) if delay else 0.0
