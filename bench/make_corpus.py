"""A big archive for the scale bench: N articles remixed from the real corpora, as JSON Lines.

    .venv/bin/python bench/make_corpus.py --articles 1000000 --out /tmp/big.jsonl.gz [--seed 1]
        [--sources 40] [--years 25] [--start 0] [--marker WORD] [--corpus ../shared/corpus/text]

Titles and paragraphs are those of the real articles in ../shared/corpus/text (read with
bench/corpus.py), so the vocabulary, the word frequencies and the mixed NFC/NFD and tone styles are
real; only their combination is invented. A real body is cut into paragraphs (its lines, and runs of
sentences of about 300 characters), and each generated article takes a real title, as many random
paragraphs as a randomly chosen real article has, a date spread evenly over `--years` years ending
with 2025, and one of `--sources` invented sources (uneven shares, as real archives have), with a
real section and sometimes a real author.

Article i is a function of (seed, i) alone: the same seed and N give byte-identical output (the .gz
too: no time or name in its header), N articles are the first N of any larger run, and `--start K`
continues a run with articles K, K+1...: new URLs, for adding to an archive built from the first K.
`--marker WORD` puts WORD in every title, so a search for it finds exactly these articles.

Memory is bounded by the corpora, never by N: the pool holds each paragraph once, as its
JSON-escaped UTF-8 bytes in one buffer, and every line is written as soon as it is made. Progress
goes to stderr every few seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from random import Random
from typing import BinaryIO, Iterator

from corpus import corpus_dir, import_lines, shown

TZ = timezone(timedelta(hours=7))
LAST_YEAR = 2025
PARAGRAPH_CHARS = 300          # a paragraph made of sentences is about this long
MAX_AUTHORS = 2000
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
PREFIXES = ("Báo", "Tin tức", "Thời báo", "Nhật báo", "Tạp chí", "Người lao động", "Tiếng nói", "Điểm tin")
PLACES = ("Sông Lam", "Núi Ngự", "Phố Hiến", "Cửa Biển", "Cao Nguyên", "Miền Tây", "Bến Nghé", "Hồ Gươm",
          "Trường Sơn", "Cửu Long", "Đồng Nai Thượng", "Vịnh Xanh", "Đất Mũi", "Hà Tiên", "Sơn Trà",
          "Biển Đông")


def _escaped(text: str) -> bytes:
    """`text` as it stands between the quotes of a JSON string (UTF-8, not ASCII-escaped)."""
    return json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")


def paragraphs(body: str) -> list[str]:
    """A body cut into paragraphs: its lines, long lines further into runs of sentences."""
    out = []
    for line in body.splitlines():
        current = ""
        for sentence in _SENTENCE_END.split(line.strip()):
            current = f"{current} {sentence}" if current else sentence
            if len(current) >= PARAGRAPH_CHARS:
                out.append(current)
                current = ""
        if current.strip():
            out.append(current)
    return out


class Pool:
    """Every title and paragraph of the corpora once (JSON-escaped UTF-8 in one buffer), the paragraph
    count of every real body, the real sections and up to MAX_AUTHORS authors."""

    def __init__(self, corpus: Path, limit: int | None = None):
        self.files = sorted(p for p in corpus.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))
        if not self.files:
            raise ValueError(f"{corpus}: no .jsonl or .jsonl.gz corpus files in it")
        self.blob, self.ends = bytearray(), array("Q")       # paragraph k is blob[ends[k-1]:ends[k]]
        self.titles: list[bytes] = []
        self.counts = array("H")                              # paragraphs per real body
        self.chars, self.sizes = array("I"), array("I")       # characters, UTF-8 bytes per paragraph
        self.title_chars, self.title_sizes = array("I"), array("I")
        sections: set[str] = set()
        authors: set[str] = set()
        for path in self.files:
            for line in import_lines(path, limit):
                parts = paragraphs(line.get("body", ""))
                title = line.get("title", "").strip()
                if not parts or not title:
                    continue
                self.titles.append(_escaped(title))
                self.title_chars.append(len(title))
                self.title_sizes.append(len(title.encode("utf-8")))
                self.counts.append(min(len(parts), 65535))
                for part in parts:
                    self.blob += _escaped(part)
                    self.ends.append(len(self.blob))
                    self.chars.append(len(part))
                    self.sizes.append(len(part.encode("utf-8")))
                if line.get("section"):
                    sections.add(line["section"])
                if line.get("author") and len(authors) < MAX_AUTHORS:
                    authors.add(line["author"])
        if not self.titles:
            raise ValueError(f"{corpus}: no article with a title and a body in its files")
        self.sections = [_escaped(s) for s in sorted(sections)]
        self.authors = [_escaped(a) for a in sorted(authors)]

    def paragraph(self, k: int) -> bytes:
        return bytes(self.blob[self.ends[k - 1] if k else 0:self.ends[k]])


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    weight: float


def make_sources(count: int) -> list[Source]:
    """`count` invented sources with Vietnamese labels; the k-th has the share 1/(k+1)^0.8."""
    sources = []
    for k in range(count):
        label = f"{PREFIXES[k % len(PREFIXES)]} {PLACES[(k // len(PREFIXES)) % len(PLACES)]}"
        rounds = k // (len(PREFIXES) * len(PLACES))
        label += f" {rounds + 1}" if rounds else ""
        plain = unicodedata.normalize("NFD", label.lower().replace("đ", "d"))
        name = re.sub(r"[^a-z0-9]", "", "".join(c for c in plain if not unicodedata.combining(c)))
        sources.append(Source(name, label, 1 / (k + 1) ** 0.8))
    return sources


def sources_toml(sources: list[Source]) -> str:
    """[[sources]] tables naming and labelling the sources, for a bench's config.toml."""
    return "".join(f'\n[[sources]]\nname = "{s.name}"\nlabel = "{s.label}"\n' for s in sources)


@dataclass
class Totals:
    """What was written: articles, the characters and UTF-8 bytes of their titles and bodies, the file's bytes."""

    articles: int = 0
    text_chars: int = 0
    text_bytes: int = 0
    file_bytes: int = 0


def article_lines(pool: Pool, count: int, *, seed: int = 1, start: int = 0, sources: int = 40, years: int = 25,
                  marker: str = "", totals: Totals | None = None) -> Iterator[bytes]:
    """Articles start..start+count-1 as JSON Lines (bytes, newline included), one at a time."""
    table = make_sources(sources)
    names = [_escaped(s.name) for s in table]
    cumulative, running = [], 0.0
    for source in table:
        running += source.weight
        cumulative.append(running)
    first = datetime(LAST_YEAR - years + 1, 1, 1, tzinfo=TZ)
    span = int((datetime(LAST_YEAR + 1, 1, 1, tzinfo=TZ) - first).total_seconds())
    tag_text = f" · {marker}" if marker else ""
    tag = _escaped(tag_text)
    paragraph_total = len(pool.ends)
    for i in range(start, start + count):
        rng = Random(seed * 1_000_000_007 + i)
        t = rng.randrange(len(pool.titles))
        picks = [rng.randrange(paragraph_total) for _ in range(pool.counts[rng.randrange(len(pool.counts))])]
        source = rng.choices(range(len(table)), cum_weights=cumulative)[0]
        published = first + timedelta(seconds=rng.randrange(span))
        line = [b'{"url":"https://', names[source], b'.invalid/', f"{published:%Y/%m}/{seed}-{i}.html".encode(),
                b'","title":"', pool.titles[t], tag, b'","body":"',
                b"\\n\\n".join(pool.paragraph(k) for k in picks),
                b'","date":"', published.isoformat().encode(), b'","source":"', names[source], b'"']
        if pool.sections and rng.random() < 0.8:
            line += [b',"section":"', pool.sections[rng.randrange(len(pool.sections))], b'"']
        if pool.authors and rng.random() < 0.3:
            line += [b',"author":"', pool.authors[rng.randrange(len(pool.authors))], b'"']
        line.append(b"}\n")
        data = b"".join(line)
        if totals is not None:           # "\n\n" between paragraphs: 2 characters, 2 bytes
            totals.articles += 1
            totals.text_chars += pool.title_chars[t] + len(tag_text) + sum(pool.chars[k] for k in picks) \
                + 2 * (len(picks) - 1)
            totals.text_bytes += pool.title_sizes[t] + len(tag_text.encode()) + sum(pool.sizes[k] for k in picks) \
                + 2 * (len(picks) - 1)
        yield data


@contextmanager
def open_output(path: Path) -> Iterator[BinaryIO]:
    """The output file; .gz compressed fast (level 1) with no time or file name in its header, so runs
    compare equal byte for byte."""
    with open(path, "wb") as raw:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=1) as packed:
                yield packed
        else:
            yield raw


def write_corpus(lines: Iterator[bytes], out: BinaryIO, totals: Totals, *, every: float = 5.0,
                 planned: int = 0, label: str = "make_corpus") -> Totals:
    """Write each line as it comes; a progress line on stderr every `every` seconds and at the end."""
    started = last = time.monotonic()
    for line in lines:
        out.write(line)
        totals.file_bytes += len(line)
        now = time.monotonic()
        if now - last >= every:
            last = now
            print(f"{label}: {totals.articles:,}/{planned:,} articles, {totals.file_bytes / 1e6:,.0f} MB, "
                  f"{now - started:.0f} s", file=sys.stderr, flush=True)
    print(f"{label}: {totals.articles:,} articles, {totals.text_chars:,} characters ({totals.text_bytes:,} bytes) of text, "
          f"{totals.file_bytes / 1e6:,.1f} MB of JSON Lines, {time.monotonic() - started:.1f} s",
          file=sys.stderr, flush=True)
    return totals


def make_corpus(pool: Pool, out_path: Path, count: int, **options) -> Totals:
    """Write `count` articles to `out_path` (options as for article_lines); returns the totals."""
    totals = Totals()
    with open_output(out_path) as handle:
        return write_corpus(article_lines(pool, count, totals=totals, **options), handle, totals, planned=count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="the output file (.jsonl, or .jsonl.gz compressed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="number of the first article (to continue a run)")
    parser.add_argument("--sources", type=int, default=40, help="how many invented sources (default 40)")
    parser.add_argument("--years", type=int, default=25, help=f"dates spread over this many years up to {LAST_YEAR}")
    parser.add_argument("--marker", default="", help="a word put in every title")
    parser.add_argument("--corpus", type=Path, help="the corpus text directory (default ../shared/corpus/text)")
    parser.add_argument("--sources-toml", type=Path, help="also write the sources as [[sources]] tables here")
    args = parser.parse_args(argv)
    problem = next((text for bad, text in (
        (args.articles < 0, "--articles must be 0 or more"), (args.start < 0, "--start must be 0 or more"),
        (not 1 <= args.sources <= 10_000, "--sources must be 1 to 10000"),
        (not 1 <= args.years <= 100, "--years must be 1 to 100"),
        (not args.out.name.endswith((".jsonl", ".jsonl.gz")), "--out must end in .jsonl or .jsonl.gz")) if bad), None)
    if problem:
        parser.error(problem)
    corpus = corpus_dir(args.corpus)
    if corpus is None:
        print(f"make_corpus: no corpus directory at {args.corpus or '../shared/corpus/text'}; give one with --corpus",
              file=sys.stderr)
        return 2
    try:
        pool = Pool(corpus)
    except (ValueError, OSError) as exc:
        print(f"make_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"make_corpus: pool of {len(pool.titles):,} titles and {len(pool.ends):,} paragraphs "
          f"({len(pool.blob) / 1e6:.0f} MB) from {len(pool.files)} files in {shown(corpus)}", file=sys.stderr)
    if args.sources_toml:
        args.sources_toml.write_text(sources_toml(make_sources(args.sources)), encoding="utf-8")
    make_corpus(pool, args.out, args.articles, seed=args.seed, start=args.start, sources=args.sources,
                years=args.years, marker=args.marker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
