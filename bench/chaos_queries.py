"""What the chaos bench's clients ask: distinct searches, fixed probes, and hostile input.

Distinct searches are never repeated in a run (the server's cache of recent pages must not answer
them): words and runs of words from the archive's own titles, combined, quoted, excluded, OR-ed,
with source, year, month and date filters, sorts, later pages and page sizes.

Hostile queries come from tests/hostile.py's `hostile_query(rng)` (the suite's generator, issue 9)
taken in turn with the small generator below. `hostile_queries(rng)` is an endless iterator of
query strings. Strings that UTF-8 cannot encode (lone surrogates) are sent as their
surrogatepass bytes, percent-encoded, as a hand-made URL would carry them. Hostile parameters and article ids are the bench's own.
"""

from __future__ import annotations

import importlib
import random
import re
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis import fold  # noqa: E402

PROBES = ("hà nội", "ha noi", "giao thông", "bóng đá", "kinh tế", "công an", "việt nam", "thời tiết")
_WORD = re.compile(r"[^\W_]+")


class DistinctQueries:
    """Search parameters never handed out twice (thread-safe), built from (title, source, published) rows."""

    def __init__(self, rows: list[tuple[str, str, str | None]]):
        self.titles = [_WORD.findall(title) for title, _, _ in rows]
        self.titles = [words for words in self.titles if words]
        self.words = [w.lower() for words in self.titles for w in words]   # by frequency, repeats kept
        self.sources = sorted({source for _, source, _ in rows if source})
        self.years = sorted({datetime.fromisoformat(p).year for _, _, p in rows if p}) or [2017]
        self._seen: set = set()
        self._lock = threading.Lock()

    def _text(self, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.40:                                     # a run of words from one title
            words = rng.choice(self.titles)
            k = min(len(words), rng.choice((1, 2, 2, 3, 3, 4)))
            start = rng.randrange(len(words) - k + 1)
            text = " ".join(words[start:start + k]).lower()
        elif roll < 0.65:                                   # words of different titles combined
            text = " ".join(rng.choice(self.words) for _ in range(rng.choice((2, 2, 3))))
        elif roll < 0.75:
            words = rng.choice(self.titles)
            k = min(len(words), rng.choice((2, 3)))
            start = rng.randrange(len(words) - k + 1)
            text = '"' + " ".join(words[start:start + k]).lower() + '"'
        elif roll < 0.87:
            text = f"{rng.choice(self.words)} -{rng.choice(self.words)}"
        elif roll < 0.95:
            text = f"{rng.choice(self.words)} OR {rng.choice(self.words)}"
        else:
            text = f"title:{rng.choice(self.words)}"
        return fold(text) if rng.random() < 0.4 else text

    def _filters(self, rng: random.Random, params: dict) -> None:
        roll = rng.random()
        year = rng.choice(self.years)
        if roll < 0.15 and self.sources:
            params["source"] = rng.sample(self.sources, k=min(len(self.sources), rng.choice((1, 1, 2))))
        elif roll < 0.30:
            params["year"] = str(year)
        elif roll < 0.38:
            params["month"] = f"{year}-{rng.randint(1, 12):02d}"
        elif roll < 0.45:
            params["from"], params["to"] = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year - 1}", \
                f"31/12/{year}"
        roll = rng.random()
        if roll < 0.12:
            params["sort"] = rng.choice(("newest", "oldest"))
        elif roll < 0.20:
            params["page"] = str(rng.randint(2, 5))
        elif roll < 0.25:
            params["per_page"] = str(rng.choice((20, 50, 100)))

    def next(self, rng: random.Random, *, filters: bool = True) -> dict:
        """A search not handed out before in this run: {"q": ..., and maybe filters}."""
        for _ in range(1000):
            params = {"q": self._text(rng)}
            if filters:
                self._filters(rng, params)
            key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
            with self._lock:
                if key not in self._seen:
                    self._seen.add(key)
                    return params
        raise RuntimeError("no new query found in 1,000 tries: the vocabulary is too small")


# -- hostile input ------------------------------------------------------------------------------------

_ODD = ("(", ")", '"', "-", "*", "?", ":", "^", "~", "[", "]", "{", "}", "\\", "/", "+", "!", "&", "|",
        "（", "）", "“", "”", "\u200b", "\u0301", "\u202e", "\x00", "\t", "\n", "\ud800", "\udfff", "😀", "ı")
_OPERATORS = ("AND", "OR", "NOT", "-", "title:", "source:", "TO", "*", '"')


def fallback_hostile_queries(rng: random.Random) -> Iterator[str]:
    """The bench's own hostile queries: deep nesting, lone operators,
    unbalanced quotes, syntax characters, control and combining characters, surrogates, lengths
    around the 500-character limit."""
    words = ("hà", "nội", "ha", "noi", "bóng", "đá", "x")
    while True:
        roll = rng.random()
        n = rng.choice((1, 2, 10, 100, 327, 499, 500, 501, 1000, rng.randint(1, 600)))
        if roll < 0.15:
            yield "(" * n
        elif roll < 0.25:
            yield "(" * n + rng.choice(words) + ")" * rng.randint(0, n)
        elif roll < 0.32:
            yield "(" * (n // 2) + "-" * (n // 2) + '"' * rng.randint(0, 3)
        elif roll < 0.40:
            yield rng.choice(('"', "-", "--", "- -", '"' * 3, "-(", "NOT", "OR", "AND", "OR OR", "title:",
                              "title:(", ":", "*", "?", "~", "^", "\\", "()", '""', "-\"\"", "-hà", "- nội"))
        elif roll < 0.55:
            yield " ".join(rng.choice(_OPERATORS + words) for _ in range(rng.randint(1, 12)))
        elif roll < 0.75:
            yield "".join(rng.choice(_ODD + words) for _ in range(rng.randint(1, 40)))
        elif roll < 0.85:
            yield (rng.choice(words) + " ") * (n // 3)
        elif roll < 0.92:
            yield rng.choice(words) + rng.choice(_ODD) * n
        else:
            yield "".join(chr(rng.randint(1, 0x10FFFF)) for _ in range(rng.randint(1, 20)))


def hostile_origin() -> tuple[str, object]:
    """(where hostile queries come from, the suite's `hostile_query(rng)` or None for the fallback)."""
    path = ROOT / "tests" / "hostile.py"
    if not path.exists():
        return "bench/chaos_queries.py fallback (tests/hostile.py not found)", None
    if str(path.parent) not in sys.path:
        sys.path.append(str(path.parent))     # the suite's modules import their siblings by bare name
    module = importlib.import_module("hostile")
    generate = getattr(module, "hostile_query", None)
    if not callable(generate):
        return "bench/chaos_queries.py fallback (tests/hostile.py has no hostile_query)", None
    return "tests/hostile.py, mixed with bench/chaos_queries.py's", generate


def hostile_queries(rng: random.Random) -> Iterator[str]:
    """Endless hostile query strings: the suite's generator and the bench's own, taken in turn
    (the bench's leans on deep nesting and lengths around the limits, the suite's on syntax mixes)."""
    _, generate = hostile_origin()
    own = fallback_hostile_queries(rng)
    while True:
        yield next(own)
        if generate is not None:
            yield generate(rng)


def hostile_params(rng: random.Random) -> dict:
    """Search parameters out of range or of the wrong shape (a clear 400 is right, a 500 is not)."""
    choices = (
        {"page": rng.choice(("0", "-1", "abc", "1e9", str(10 ** 30), "9" * 400, " "))},
        {"per_page": rng.choice(("0", "-5", "2000", str(10 ** 12), "x"))},
        {"year": rng.choice(("0", "-5", "10000", "99999", "MMXX", str(10 ** 40)))},
        {"month": rng.choice(("2020-13", "0000-01", "2020-1-1", "9999-12", "2020-00", "-1-1"))},
        {"from": rng.choice(("31/02/2020", "99/99/9999", "0001-01-01", "9999-12-31", "01/01/0000", "x"))},
        {"from": "31/12/2020", "to": "01/01/2020"},
        {"to": rng.choice(("0001-01-01", "9999-12-31", "32/01/2020"))},
        {"sort": rng.choice(("bogus", "newest\x00", "NEWEST", ""))},
        {"source": ["s"] * rng.choice((51, 60, 200))},
        {"source": "x" * rng.choice((200, 201, 5000))},
        {"year": "2020", "month": "2021-05"},
        {"q": "hà nội", "page": str(10 ** 9)},
    )
    params = dict(rng.choice(choices))
    params.setdefault("q", rng.choice(("hà nội", "", "ha noi", "(")))
    return params


def hostile_article_path(rng: random.Random) -> str:
    """Article addresses that name no article, or numbers no database holds."""
    number = rng.choice(("0", str(2 ** 63), str(10 ** 30), "9" * 200, "00000001", str(2 ** 63 - 1)))
    return rng.choice(("/article/", "/api/articles/")) + number
