"""The index schema, and how an article becomes an index document.

Text fields hold the terms of indexer.terms (syllables folded and accented, neighbouring pairs);
frequencies only, no positions: adjacency comes from pair terms. Their postings are saved in each
segment's postings file (postings_file.py), not in Whoosh's term table; Whoosh keeps their stored
text and lengths. What search needs per document
for filters, facets and sorting lives in columns, read once per segment by the searcher:

    day        local calendar day of publication as YYYYMMDD (0: undated); year and month derive
               from it, so facets and day filters follow the source's own calendar
    published  UTC seconds since the epoch (sorting newest/oldest)
    source     the source name
    version    the store's version of the article (1: never changed since its first fetch; more:
               edited after publication, the `edited` filter); also stored, for segment rewrites
    minhash    the body's near-duplicate signature (indexer/duplicates.py; zeros: none)
"""

from __future__ import annotations

from datetime import datetime, timezone

from whoosh import columns, fields, formats

from store import Article, in_archive_range

from .duplicates import NO_SIGNATURE, SIGNATURE_BYTES, signature
from .terms import PairTermsTokenizer, SyllableTermsTokenizer

SCHEMA_VERSION = "5"  # 5: a version column (the edited filter) and the minhash column (copies across
                      # sources); 3: text postings in postings files; 2: one i/y spelling, numbers as
                      # one term (an older index is rebuilt by `khobao index`)
TEXT_FIELDS = ("title", "body")
PAIR_FIELDS = {"title": "title_pairs", "body": "body_pairs"}


MAX_VERSION = 65535   # the version column's largest value (a uint16; more edits than that count as that)


class StoredColumn(fields.COLUMN):
    """A per-document column that is also a stored field (read back when a segment is rewritten)."""

    stored = True


def _terms_field(tokenizer, stored: bool) -> fields.FieldType:
    field = fields.TEXT(analyzer=tokenizer, phrase=False, stored=stored)
    field.format = formats.Frequency()
    return field


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        url=fields.ID(stored=True),
        source=fields.ID(stored=True, sortable=True),
        section=fields.ID(stored=True),
        author=fields.ID(stored=True),
        published_iso=fields.STORED(),
        published=fields.COLUMN(columns.NumericColumn("q", default=0)),
        day=fields.COLUMN(columns.NumericColumn("i", default=0)),
        version=StoredColumn(columns.NumericColumn("H", default=1)),
        minhash=fields.COLUMN(columns.FixedBytesColumn(SIGNATURE_BYTES, default=NO_SIGNATURE)),
        title=_terms_field(SyllableTermsTokenizer(), stored=True),
        body=_terms_field(SyllableTermsTokenizer(), stored=True),
        title_pairs=_terms_field(PairTermsTokenizer(), stored=False),
        body_pairs=_terms_field(PairTermsTokenizer(), stored=False),
    )


def local_day(published: datetime | None) -> int:
    """YYYYMMDD in the article's own offset (05:00 on 1 January in Hanoi is the new year); 0 if undated."""
    if published is None:
        return 0
    return published.year * 10000 + published.month * 100 + published.day


def document(article_id: int, article: Article, version: int = 1) -> dict:
    """The fields Whoosh receives for one article (`version`: the store's, see the schema)."""
    return _document(str(article_id), article.url, article.source, article.section, article.author,
                      article.published, article.title, article.body, version)


def document_from_stored(stored: dict) -> dict:
    """The same fields again from what the index stores (to rewrite a segment without the store)."""
    published = stored.get("published_iso")
    return _document(stored["id"], stored.get("url", ""), stored.get("source"), stored.get("section"),
                     stored.get("author"), datetime.fromisoformat(published) if published else None,
                     stored.get("title", ""), stored.get("body", ""), stored.get("version", 1))


def _document(key: str, url: str, source: str | None, section: str | None, author: str | None,
              published: datetime | None, title: str, body: str, version: int) -> dict:
    if published is not None and not in_archive_range(published):
        published = None  # a placeholder like 0001-01-01 (stored before imports checked): indexed undated
    doc = {
        "id": key,
        "url": url,
        "source": source or "",
        "section": section or "",
        "author": author or "",
        "published_iso": published.isoformat() if published else "",
        "published": int(published.astimezone(timezone.utc).timestamp()) if published else 0,
        "day": local_day(published),
        "title": title,
        "body": body,
        "title_pairs": title,
        "body_pairs": body,
        "version": min(max(int(version), 1), MAX_VERSION),
        "minhash": signature(body),
    }
    return {name: value for name, value in doc.items() if value != ""}
