"""SQLite FTS5 as the matching bench's peer: the same articles, an AND query of the syllables and a
query of one phrase per word, for both forms.

Two in-memory tables of title + body:

- unaccented: the text lower-cased with đ read as d (unicode61 does not fold đ, which has no
  decomposition), tokenizer `unicode61 remove_diacritics 2`; the query is the folded syllables.
- accented: unicode61 with remove_diacritics 0 (case folded, diacritics kept), over the text with
  each syllable's tone placement made one (matching_gold.one_placement), so that "hoà" and "hòa"
  meet as they do in the gold and in khobao; nothing else is normalised (i/y variants stay apart).

FTS5 reads any non-alphanumeric character as a separator, so its phrase also matches across a
comma or a full stop ("Hà, Nội"), which the gold does not: that is the peer as it is.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from matching_gold import fold_text, one_placement, syllables

_SYLLABLE = re.compile(r"[^\W_]+")


def _canonical(text: str) -> str:
    """The text with every syllable replaced by its accented key (lower case, one tone placement)."""
    return _SYLLABLE.sub(lambda m: one_placement(m.group()), unicodedata.normalize("NFC", text).lower())


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("ð", "đ").replace("đ", "d")


class Fts:
    """Both FTS5 tables over {id: (title, body)}."""

    def __init__(self, articles: dict[int, tuple[str, str]]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE folded USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
        self.db.execute("CREATE VIRTUAL TABLE accented USING fts5(text, tokenize='unicode61 remove_diacritics 0')")
        # title and body apart by a full stop: FTS5 ignores it, so a phrase may span them (as it
        # spans any punctuation)
        self.db.executemany("INSERT INTO folded(rowid, text) VALUES (?, ?)",
                            ((i, _plain(t + " .\n" + b)) for i, (t, b) in articles.items()))
        self.db.executemany("INSERT INTO accented(rowid, text) VALUES (?, ?)",
                            ((i, _canonical(t + " .\n" + b)) for i, (t, b) in articles.items()))

    def close(self) -> None:
        self.db.close()

    def _terms(self, word: str, accented: bool) -> list[str]:
        if accented:
            return [one_placement(s) for s in syllables(word)]
        return syllables(fold_text(word))

    def query_text(self, words: list[str], accented: bool, phrases: bool) -> str:
        """The MATCH expression: every syllable (AND), or every word as a "phrase"."""
        quoted = ['"' + " ".join(self._terms(w, accented)) + '"' for w in words]
        if phrases:
            return " AND ".join(quoted)
        return " AND ".join(f'"{term}"' for w in words for term in self._terms(w, accented))

    def matches(self, words: list[str], accented: bool, phrases: bool) -> set[int]:
        table = "accented" if accented else "folded"
        expression = self.query_text(words, accented, phrases)
        return {row[0] for row in self.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,))}
