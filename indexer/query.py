"""The search box language, parsed forgivingly into a small tree. Never raises.

    hà nội            every syllable required; documents where they stand together rank higher
    "kinh tế"         the syllables next to each other
    thủ tướng -covid  `-word` / `-"phrase"` / NOT word: exclude
    a OR b, a AND b, ( ... )
    title:lạng sơn    the words that follow (up to an operator, quote or another field) in the title
    body:...          in the body only
    source:vnexpress  only that source; section:"thời sự", author:"Minh Anh" likewise

A syllable typed with diacritics matches exactly (accented form); without, it matches the folded
form, per syllable ("Ha Nội": `ha` folded, `nội` exact). What cannot be read (a stray operator, an
unbalanced quote or parenthesis, an unknown field, `*`) is dropped or read as plain words, and
`notes` says so. Hostile input is bounded: the first MAX_QUERY_CHARS characters, MAX_SYLLABLES
syllables, parentheses and NOTs nested MAX_DEPTH deep (deeper ones are flattened), lone surrogates
(undecodable bytes from a terminal) replaced; the parser is a recursive descent whose depth is
bounded by MAX_DEPTH, so no input reaches Python's recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import fold, has_diacritics, tokenize

MAX_QUERY_CHARS = 1000
MAX_SYLLABLES = 64
MAX_DEPTH = 20           # parentheses / NOT / -( nested deeper are flattened (a note says so)
FIELDS = {"title": ("title",), "body": ("body",)}
FILTER_FIELDS = ("source", "section", "author")
ALL_FIELDS = ("title", "body")
OPERATORS = {"AND", "OR", "NOT", "&&", "||"}

_LEXER = re.compile(r'"[^"]*"?|\(|\)|[^\s"()]+')
_FIELD = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)
_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> tuple[str, bool]:
    """`text` with what cannot be UTF-8 (lone surrogates) as U+FFFD, and whether there was any.

    Undecodable bytes of a command line arrive as surrogates (Python's surrogateescape): they
    are decoded again as UTF-8 where they form valid sequences, else replaced."""
    if not _SURROGATE.search(text):
        return text, False
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that were not escaped bytes
        pass
    return _SURROGATE.sub("\ufffd", text), True


# Every note the parser can write: key → English text (a `str.format` template over the note's
# values). The CLI and the JSON API show the English; the web UI translates by key through its
# i18n table ("note_" + key), where a missing key fails a test.
NOTE_TEXTS: dict[str, str] = {
    "not_utf8": "Characters that are not valid text (not UTF-8) were ignored.",
    "query_cut": "Only the first {limit} characters of the query were used.",
    "syllables_cut": "Only the first {limit} syllables of the query were used.",
    "nested_too_deep": "Parentheses or NOT nested deeper than {limit} levels were flattened.",
    "stray_or": "A stray OR was ignored.",
    "stray_not": "A stray NOT was ignored.",
    "stray_sign": "A stray '{sign}' was ignored.",
    "unmatched_close": "An unmatched ')' was ignored.",
    "missing_close": "A missing ')' was assumed at the end.",
    "field_needs_value": "'{field}:' needs a value; it was ignored.",
    "unknown_field": "There is no field '{field}'; it was searched as words.",
    "field_without_words": "A field name without words after it was ignored.",
    "unbalanced_quote": "An unbalanced quote was closed at the end of the query.",
    "nothing_to_search": "'{text}' has no letters or digits to search for; it was ignored.",
    "read_joined": "'{token}' was read as '{words}', syllables written together.",
}


@dataclass(frozen=True)
class Note:
    """What the parser dropped or read otherwise: a key of NOTE_TEXTS and the values its text names.

    A record rather than a sentence, so that each reader words it in its own language."""
    key: str
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in NOTE_TEXTS:
            raise ValueError(f"unknown note key {self.key!r}: add it to NOTE_TEXTS (and the web UI's i18n table)")

    @property
    def text(self) -> str:
        """The note in English, as the CLI and the JSON API show it."""
        return NOTE_TEXTS[self.key].format(**self.values)

    def to_json(self) -> dict:
        return {"key": self.key, "values": dict(self.values)}


@dataclass(frozen=True)
class Term:
    text: str        # the term looked up: accented when typed with diacritics, else folded
    folded: str
    accented: bool


@dataclass
class Words:
    """Syllables that must all occur; `phrase`: next to each other. `bounds`: the syllables read as
    words (each word's length, indexer/words.py), whose syllables must stand together; None: not
    read (every syllable a word of its own, the loose reading)."""
    terms: list[Term]
    fields: tuple[str, ...] = ALL_FIELDS
    phrase: bool = False
    joinable: bool = True  # False after a field prefix: its words stay a group of their own
    bounds: tuple[int, ...] | None = None
    fixed: list[tuple[int, int]] = field(default_factory=list)  # (start, end): one word whatever the reading


@dataclass
class FieldIs:
    """A filter on a keyword field: source, section or author (case and accents as typed do not matter)."""
    field: str
    value: str


@dataclass
class And:
    children: list = field(default_factory=list)


@dataclass
class Or:
    children: list = field(default_factory=list)


@dataclass
class Not:
    child: object


@dataclass
class ParsedQuery:
    root: object | None            # None: nothing searchable
    notes: list[Note]              # what could not be read as typed, in the order met
    terms: list[Term]              # positive syllables, for highlighting and suggestions
    words: list[str]               # the readable positive words as typed, in order (for suggestions)


def make_terms(text: str) -> list[Term]:
    out = []
    for syllable in tokenize(text):
        folded = fold(syllable.text)
        accented = has_diacritics(syllable.text)
        out.append(Term(syllable.text if accented else folded, folded, accented))
    return out


def _percent_with_its_number(tokens: list[str]) -> list[str]:
    """A lone "%" after a number belongs to it: "20 %" reads as "20%", "2.5 %" as "2.5%" (no note)."""
    out: list[str] = []
    for token in tokens:
        if token == "%" and out and out[-1][-1:].isdigit():
            out[-1] += token
        else:
            out.append(token)
    return out


class _Parser:
    def __init__(self, text: str):
        self.notes: list[Note] = []
        text, repaired = readable(text)
        if repaired:
            self.note("not_utf8")
        if len(text) > MAX_QUERY_CHARS:
            text = text[:MAX_QUERY_CHARS]
            self.note("query_cut", limit=MAX_QUERY_CHARS)
        self.tokens = _percent_with_its_number(_LEXER.findall(text))
        self.pos = 0
        self.depth = 0         # open parentheses
        self.nesting = 0       # parse_unary calls in progress: parentheses, NOT, -( and +(
        self.flattened = 0     # parentheses opened beyond MAX_DEPTH and read as plain grouping
        self.syllables = 0
        self.positive_terms: list[Term] = []
        self.words: list[str] = []

    def note(self, key: str, **values) -> None:
        """Say what was dropped or read otherwise (once per kind and values)."""
        note = Note(key, values)
        if note not in self.notes:
            self.notes.append(note)

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    # or := and ("OR" and)*
    def parse_or(self):
        children = [self.parse_and()]
        while self.peek() in ("OR", "||"):
            self.take()
            if self.peek() is None or self.peek() in ("OR", "||", ")"):
                self.note("stray_or")
                continue
            children.append(self.parse_and())
        children = [c for c in children if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else Or(children)

    # and := unary*   (AND is implied; the word AND is allowed)
    def parse_and(self):
        children = []
        while True:
            token = self.peek()
            if token is None or token in ("OR", "||"):
                break
            if token == ")":
                if self.flattened > 0:  # closes a parenthesis that was flattened
                    self.take()
                    self.flattened -= 1
                    continue
                if self.depth > 0:
                    break
                self.take()
                self.note("unmatched_close")
                continue
            if token in ("AND", "&&"):
                self.take()
                continue
            node = self.parse_unary(negated=False)
            if node is not None:
                self._append(children, node)
        if not children:
            return None
        return children[0] if len(children) == 1 else And(children)

    def _append(self, children: list, node) -> None:
        """Neighbouring plain words of the same field form one group (their syllables rank by adjacency)."""
        if (isinstance(node, Words) and not node.phrase and children and isinstance(children[-1], Words)
                and not children[-1].phrase and children[-1].fields == node.fields and node.joinable
                and children[-1].joinable):
            children[-1].terms.extend(node.terms)
        else:
            children.append(node)

    def parse_unary(self, negated: bool):
        if self.nesting >= MAX_DEPTH:
            return self.parse_flat()
        self.nesting += 1
        try:
            return self._parse_unary(negated)
        finally:
            self.nesting -= 1

    def parse_flat(self):
        """At MAX_DEPTH: a parenthesis, NOT, - or + is read as nothing (their words stay, one level up)."""
        token = self.peek()
        if token in ("(", "NOT", "-", "+"):
            self.take()
            if token == "(":
                self.flattened += 1
            self.note("nested_too_deep", limit=MAX_DEPTH)
            return None
        return self._parse_unary(negated=False)

    def _parse_unary(self, negated: bool):
        token = self.take()
        if token == "NOT":
            if self.peek() is None or self.peek() in OPERATORS or self.peek() == ")":
                self.note("stray_not")
                return None
            inner = self.parse_unary(negated=True)
            return Not(inner) if inner is not None else None
        if token == "(":
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            if self.peek() == ")":
                self.take()
            else:
                self.note("missing_close")
            return inner   # under NOT or "-", the caller negates it (once)
        if token.startswith('"'):
            return self.phrase(token, ALL_FIELDS, negated)
        if token in ("-", "+"):
            nxt = self.peek()
            if nxt is not None and (nxt.startswith('"') or nxt == "("):
                if token == "+":
                    return self.parse_unary(negated)
                inner = self.parse_unary(negated=True)
                return Not(inner) if inner is not None and not negated else inner
            self.note("stray_sign", sign=token)
            return None
        sign = ""
        while token[:1] in ("-", "+") and len(token) > 1:
            sign, token = token[0], token[1:]
        if sign == "-" and not negated:
            inner = self.parse_word_token(token, negated=True)
            return Not(inner) if inner is not None else None
        return self.parse_word_token(token, negated)

    def parse_word_token(self, token: str, negated: bool):
        match = _FIELD.match(token)
        if match:
            name, rest = match.group(1).lower(), match.group(2)
            if name in FILTER_FIELDS:
                if not rest and self.peek() and self.peek() not in OPERATORS and self.peek() not in "()":
                    rest = self.take()
                rest = rest.strip('"').strip()
                if not rest:
                    self.note("field_needs_value", field=name)
                    return None
                return FieldIs(name, rest)
            if name in FIELDS:
                return self.fielded(FIELDS[name], rest, negated)
            if not match.group(1).isdigit():
                self.note("unknown_field", field=match.group(1))
            token = f"{match.group(1)} {rest}"
        return self.words_node(token, ALL_FIELDS, phrase=negated, negated=negated)

    def fielded(self, fields: tuple[str, ...], rest: str, negated: bool):
        if not rest:
            nxt = self.peek()
            if nxt is None or nxt in OPERATORS or nxt in "()":
                self.note("field_without_words")
                return None
            rest = self.take()
        if rest.startswith('"'):
            return self.phrase(rest, fields, negated)
        text = rest
        if not negated:  # the field covers the plain words that follow
            while self.peek() is not None and self.peek() not in OPERATORS and self.peek() not in "()" \
                    and not self.peek().startswith(('"', "-", "+")) and not _FIELD.match(self.peek()):
                text += " " + self.take()
        node = self.words_node(text, fields, phrase=negated, negated=negated)
        if node is not None:
            node.joinable = False
        return node

    def phrase(self, token: str, fields: tuple[str, ...], negated: bool):
        if not token.endswith('"') or len(token) == 1:
            self.note("unbalanced_quote")
        return self.words_node(token.strip('"'), fields, phrase=True, negated=negated)

    def words_node(self, text: str, fields: tuple[str, ...], phrase: bool, negated: bool = False):
        terms = make_terms(text)
        if not terms:
            if text.strip():
                self.note("nothing_to_search", text=text.strip()[:40])
            return None
        room = MAX_SYLLABLES - self.syllables
        if room <= 0:
            self.note("syllables_cut", limit=MAX_SYLLABLES)
            return None
        if len(terms) > room:
            terms = terms[:room]
            self.note("syllables_cut", limit=MAX_SYLLABLES)
        self.syllables += len(terms)
        if not negated:
            self.positive_terms.extend(terms)
            self.words.append(text)
        return Words(terms, fields, phrase)


def parse(text: str) -> ParsedQuery:
    parser = _Parser(text or "")
    root = parse_root(parser)
    return ParsedQuery(root, parser.notes, parser.positive_terms, parser.words)


def parse_root(parser: _Parser):
    """The whole query's tree, read by `parser` (a _Parser, or a subclass that notes more)."""
    root = None
    while parser.peek() is not None:
        node = parser.parse_or()
        if node is not None:
            if root is None:
                root = node
            elif isinstance(root, And):  # flat, however many stray ')'
                root.children.append(node)
            else:
                root = And([root, node])
        if parser.peek() is not None:  # only a stray closing parenthesis stops parse_or early
            parser.take()
    return root
