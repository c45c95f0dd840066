"""Hostile search queries: what a careless or malicious user could type into the search box.

Used by the property tests (tests/test_search_properties.py) and by the chaos bench
(bench/bench_chaos.py). Plain `random`, no hypothesis, so a bench can import it:

    sys.path.insert(0, str(REPO / "tests"))
    from hostile import hostile_query, hostile_queries

    rng = random.Random(7)
    hostile_query(rng)                          # one query, may hold lone surrogates
    hostile_query(rng, surrogates=False)        # one that an HTTP query string can carry
    list(hostile_queries(seed=7, count=1000, surrogates=False))   # the same 1000 every run
    hostile_search_args(rng)                    # {"q": ..., "page": ..., "from": ...} for a URL

A query is a random mix of pieces: words (Vietnamese, accented or not, NFC or NFD), quotes,
parentheses (a few or hundreds deep), the operators AND/OR/NOT/&&/||, field prefixes with and
without values (title: source: section: author: body: and unknown ones), dashes and pluses,
stars, combining marks alone, right-to-left and zero-width marks, control characters, lone
surrogates (only with `surrogates=True`), and now and then a very long run of one of them.
`surrogates=False` is for surfaces that cannot carry them (URLs, HTTP): a lone surrogate
cannot be encoded in UTF-8.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Iterator

WORDS = ("hà", "nội", "ha", "noi", "kinh", "tế", "thủ", "tướng", "covid", "Điện", "Biên", "Phủ", "bão", "lũ",
         "hoà", "hòa", "bình", "Đà", "Nẵng", "giáo", "dục", "2024", "x", "a1", "ĐẠI", "ngoc", "nguyễn")
OPERATORS = ("AND", "OR", "NOT", "&&", "||", "and", "or", "not")
FIELDS = ("title:", "body:", "source:", "section:", "author:", "url:", "Title:", "SOURCE:", "x:", "123:", ":")
PUNCTUATION = ('"', "(", ")", "-", "+", "*", "?", ":", "'", "\\", "/", "--", "-(", '-"', "+(", "~", "^", "!", "%",
               "&", "|", "<", ">", "{", "}", "[", "]", "#", ";", "=", ",", ".")
ODD = ("\u0301", "\u0300\u0323", "\u0303", "\u200f", "\u200e", "\u202e", "\u200b", "\u200d", "\ufeff",
       "\u00a0", "\u3000", "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u0085", "\u2028", "\ufffd",
       "\U0001f600", "漢字", "עברית", "العربية", "ﬁ", "Ⅻ", "①", "ß", "İ", "\u0130\u0307")
SURROGATES = ("\ud800", "\udfff", "\udc80", "\udcff", "\ud83d")


def _word(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    roll = rng.random()
    if roll < 0.15:
        word = unicodedata.normalize("NFD", word)
    elif roll < 0.25:
        word = word.upper()
    elif roll < 0.3:
        word = word + rng.choice(ODD) + rng.choice(WORDS)
    return word


def _piece(rng: random.Random, surrogates: bool) -> str:
    kind = rng.random()
    if kind < 0.35:
        return _word(rng)
    if kind < 0.5:
        return rng.choice(PUNCTUATION)
    if kind < 0.6:
        return rng.choice(OPERATORS)
    if kind < 0.72:
        field = rng.choice(FIELDS)
        return field + (rng.choice(("", _word(rng), '"' + _word(rng), '"' + _word(rng) + '"'))
                        if rng.random() < 0.7 else "")
    if kind < 0.8:
        return '"' + " ".join(_word(rng) for _ in range(rng.randint(0, 3))) + rng.choice(('"', ""))
    if kind < 0.9:
        return rng.choice(ODD)
    if kind < 0.93 and surrogates:
        return rng.choice(SURROGATES)
    if kind < 0.97:  # a long run: deep nesting, operator chains, dash chains
        unit = rng.choice(("(", ")", "((", "NOT ", "- (", "-", '"', "OR ", "title: ", "\u0301", "a ", "-(", "((a OR "))
        return unit * rng.randint(10, 600)
    return _word(rng) * rng.randint(50, 3000)  # a very long word


def hostile_query(rng: random.Random, *, surrogates: bool = True, max_pieces: int = 12) -> str:
    """One hostile query drawn from `rng`."""
    pieces = [_piece(rng, surrogates) for _ in range(rng.randint(0, max_pieces))]
    glue = rng.choice((" ", "", " ", "  "))
    return glue.join(pieces)


def hostile_queries(seed: int = 0, count: int = 1000, *, surrogates: bool = True) -> Iterator[str]:
    """`count` hostile queries, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield hostile_query(rng, surrogates=surrogates)


ODD_VALUES = ("", "0", "-1", "1e3", " 2 ", "٣", "99999999999999999999", "nan", "2020-13", "2020-02-30",
              "31/02/2020", "0000-01", "9999-12", "01/01/0001", "newest", "RELEVANCE", "\x00", "%", "..", "ℌ")
SEARCH_PARAMS = ("page", "per_page", "sort", "from", "to", "source", "year", "month", "lang")


def hostile_search_args(rng: random.Random, *, max_query_chars: int = 500) -> dict[str, object]:
    """URL arguments of the search surfaces (/, /api/search, exports, feed): a hostile query and a
    few other parameters with odd values (a list value repeats the parameter). No surrogates."""
    args: dict[str, object] = {"q": hostile_query(rng, surrogates=False)[:max_query_chars]}
    for name in rng.sample(SEARCH_PARAMS, rng.randint(0, 4)):
        values = [rng.choice(ODD_VALUES) if rng.random() < 0.7 else _piece(rng, False)[:40]
                  for _ in range(rng.choice((1, 1, 2)))]
        args[name] = values if len(values) > 1 else values[0]
    return args


# Queries that broke something once: every surface must answer them with 200 or 400.
KNOWN_BAD = (
    "(" * 327, "(" * 2000, "- (" * 400 + "x", "NOT " * 300 + "x", "-(" * 600 + "x", "a OR ) " * 200,
    '"' * 999, "title:" * 300, "source:" * 300, "\u0301" * 1000, "a" * 100_000, "((a OR " * 150,
)


def query_depth(node) -> int:
    """How deep a query tree is, counted without recursion (the test must not hit the limit itself)."""
    from indexer.query import (  # imported here: the generators above need nothing of the package
        And,
        Not,
        Or,
    )

    deepest, stack = 0, [(node, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node.children if isinstance(node, (And, Or)) else [node.child] if isinstance(node, Not) else []
        stack += [(child, level + 1) for child in children]
    return deepest
