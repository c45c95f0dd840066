"""Copies across sources (issue 14, point 6): what the signatures cost at index time and the groups at view open.

    .venv/bin/python bench/bench_dups.py [--articles 100000] [--copies 0.05] [--pad-to 1000000]
        [--real] [--seed 1] [--corpus ../shared/corpus/text]

1. `--articles` articles from bench/make_corpus.py (real paragraphs remixed, so hardly any two are
   alike), of which a `--copies` share are made copies of an earlier article of another source (its
   body with a byline added, published later), as aggregators do; then per article its MinHash
   signature (indexer/duplicates.py), timed on its own: the cost the index build adds, per article
   and extrapolated to 1,000,000 articles on one core.
2. The groups over all of them (indexer/duplicate_groups.py: what each view does when it opens,
   after a build or a catch-up), timed; how many groups and grouped articles; how many of the made
   copies joined their original's group (recall) and how many groups hold articles of two different
   originals (false merges).
3. `--pad-to N`: the same grouping with random signatures added up to N documents (they group with
   nothing, as most articles): the view-open cost at a million articles, measured, not extrapolated.
4. `--real`: the signatures and groups of the real corpora's articles themselves (../shared/corpus/text),
   with a few grouped titles printed to look at.

Prints one markdown table; the lead copies it into RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import corpus_dir, import_lines, shown  # noqa: E402
from indexer.duplicate_groups import find_groups  # noqa: E402
from indexer.duplicates import SIGNATURE_VALUES, shingle_hashes, signature, signatures_array  # noqa: E402
from make_corpus import Pool, article_lines  # noqa: E402


def made_articles(pool: Pool, count: int, copies: float, seed: int):
    """(body, source, published seconds, original index or -1) of `count` generated articles, a share
    `copies` of them copies of one of the last 2,000 articles from another source."""
    rng = random.Random(seed)
    recent: list[tuple[str, str, int, int]] = []
    for i, line in enumerate(article_lines(pool, count, seed=seed)):
        record = json.loads(line)
        body, source = record["body"], record["source"]
        published = int(time.mktime(time.strptime(record["date"][:19], "%Y-%m-%dT%H:%M:%S")))
        original = -1
        if recent and rng.random() < copies:
            k = rng.randrange(len(recent))
            body0, source0, published0, root = recent[k]
            if source0 != source:
                body, published, original = body0 + f"\n\nTheo {source0}.", published0 + rng.randrange(60, 86400), root
        if original < 0:
            recent.append((body, source, published, i))
            if len(recent) > 2000:
                recent.pop(rng.randrange(len(recent)))
        yield body, source, published, original


def signatures_of(items, timings: dict, bodies: list[str] | None = None):
    """(signatures, sources, times, originals); the bodies kept in `bodies` if given."""
    sigs, sources, times, originals, spent, chars = [], [], [], [], 0.0, 0
    for body, source, published, original in items:
        if bodies is not None:
            bodies.append(body)
        started = time.process_time()
        sigs.append(signature(body))
        spent += time.process_time() - started
        chars += len(body)
        sources.append(source)
        times.append(published)
        originals.append(original)
    timings["signature_cpu_s"] = spent
    timings["chars"] = chars
    return signatures_array(b"".join(sigs), len(sigs)), sources, times, originals


def grouped(signatures: np.ndarray, sources: list[str], times: list[int]):
    codes = {name: n for n, name in enumerate(sorted(set(sources)))}
    source = np.array([codes[s] for s in sources], dtype=np.int32)
    published = np.array(times, dtype=np.int64)
    live = np.ones(len(sources), dtype=bool)
    times_taken = []
    for _ in range(3):   # the first run also pays for first touches of memory: (first, best) are both shown
        started = time.perf_counter()
        groups = find_groups(signatures, live, source, published)
        times_taken.append(time.perf_counter() - started)
    return groups, (times_taken[0], min(times_taken))


def padded_groups(signatures: np.ndarray, pad_to: int, seed: int) -> tuple[int, tuple[float, float]]:
    """The grouping time over `signatures` plus random ones up to `pad_to` documents."""
    extra = max(0, pad_to - signatures.shape[0])
    rng = np.random.default_rng(seed)
    padding = rng.integers(1, 1 << 16, (extra, SIGNATURE_VALUES), dtype=np.uint16)
    everything = np.concatenate([signatures, padding])
    n = everything.shape[0]
    live, source, published = np.ones(n, dtype=bool), rng.integers(0, 40, n).astype(np.int32), rng.integers(1, 1 << 30, n)
    taken = []
    for _ in range(3):
        started = time.perf_counter()
        groups = find_groups(everything, live, source, published)
        taken.append(time.perf_counter() - started)
    return groups.count, (taken[0], min(taken))


def quality(groups, originals: list[int], bodies: list[str]) -> tuple[float, list[float]]:
    """(share of made copies in their original's group, the true Jaccard similarity of the two
    generated originals of each group that holds more than one: the remix's own near-duplicates,
    or a false merge when low)."""
    family = np.array([o if o >= 0 else i for i, o in enumerate(originals)])
    made = [i for i, o in enumerate(originals) if o >= 0]
    joined = sum(1 for i in made if groups.group[i] >= 0 and groups.group[i] == groups.group[originals[i]])
    merged = []
    for g in range(groups.count):
        roots = np.unique(family[groups.members[groups.starts[g]:groups.starts[g + 1]]])
        if roots.size > 1:
            a, b = (set(shingle_hashes(bodies[int(r)]).tolist()) for r in roots[:2])
            merged.append(len(a & b) / max(1, len(a | b)))
    return (joined / len(made) if made else 1.0), merged


def real_corpus(corpus: Path) -> list[str]:
    bodies, titles, sources, times = [], [], [], []
    for path in sorted(p for p in corpus.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz"))):
        for line in import_lines(path):
            if line.get("body"):
                bodies.append(line["body"])
                titles.append(line.get("title", ""))
                sources.append(path.name.split(".")[0])
                times.append(len(times))
    timings: dict = {}
    sigs, _, _, _ = signatures_of(((b, s, t, -1) for b, s, t in zip(bodies, sources, times)), timings)
    groups, seconds = grouped(sigs, sources, times)
    sizes = np.diff(groups.starts)
    rows = [f"| real corpora ({shown(corpus)}) | {len(bodies):,} articles, {timings['chars'] / 1e6:,.0f} M chars |",
            f"| real: signatures, CPU | {timings['signature_cpu_s']:.1f} s ({timings['signature_cpu_s'] / len(bodies) * 1e6:.0f} µs an article) |",
            f"| real: groups, grouped articles, largest group | {groups.count:,}, {int(sizes.sum()):,}, {int(sizes.max()) if sizes.size else 0} |",
            f"| real: groups spanning corpora (sources) | {int((groups.sources > 1).sum()):,} |",
            f"| real: grouping time, first / best of 3 | {seconds[0] * 1000:.0f} / {seconds[1] * 1000:.0f} ms |"]
    print("\nsome real groups (titles):", file=sys.stderr)
    for g in range(min(groups.count, 8)):
        members = groups.members[groups.starts[g]:groups.starts[g + 1]][:3]
        print("  -", " | ".join(f"{sources[m]}: {titles[m][:60]}" for m in members), file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--copies", type=float, default=0.05, help="share of articles made copies (default 0.05)")
    parser.add_argument("--pad-to", type=int, default=1_000_000, help="also time the grouping at this many documents")
    parser.add_argument("--real", action="store_true", help="also group the real corpora's own articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    if corpus is None:
        parser.error("no corpus: give --corpus DIR (../shared/corpus/text)")
    pool = Pool(corpus)
    timings: dict = {}
    bodies: list[str] = []
    sigs, sources, times, originals = signatures_of(made_articles(pool, args.articles, args.copies, args.seed), timings,
                                                    bodies)
    n = len(sources)
    per_article = timings["signature_cpu_s"] / n
    groups, seconds = grouped(sigs, sources, times)
    recall, merged = quality(groups, originals, bodies)
    del bodies
    sizes = np.diff(groups.starts)
    pad_count, pad_seconds = padded_groups(sigs, args.pad_to, args.seed) if args.pad_to > n else (0, None)
    rows = [
        "| | value |", "| --- | --- |",
        f"| articles (make_corpus.py, seed {args.seed}) | {n:,}, {timings['chars'] / 1e6:,.0f} M chars of body |",
        f"| made copies (another source, a byline added) | {sum(o >= 0 for o in originals):,} ({args.copies:.0%}) |",
        f"| signatures: CPU, per article | {timings['signature_cpu_s']:.1f} s, {per_article * 1e6:.0f} µs |",
        f"| signatures at 1,000,000 articles (one core; the build has 2) | {per_article * 1e6:.0f} s CPU |",
        f"| groups at view open ({n:,} documents), first / best of 3 | {seconds[0] * 1000:.0f} / {seconds[1] * 1000:.0f} ms |",
        f"| groups, grouped articles, largest group | {groups.count:,}, {int(sizes.sum()):,}, {int(sizes.max()) if sizes.size else 0} |",
        f"| made copies that joined their original's group | {recall:.2%} |",
        f"| groups joining two generated originals (the remix's own near-duplicates) | {len(merged)}"
        + (f", true Jaccard of their bodies {min(merged):.2f}–{max(merged):.2f} |" if merged else " |"),
    ]
    if pad_seconds:
        rows.append(f"| groups at view open, {args.pad_to:,} documents (padded with random signatures), first / best "
                    f"of 3 | {pad_seconds[0] * 1000:.0f} / {pad_seconds[1] * 1000:.0f} ms ({pad_count:,} groups) |")
    if args.real:
        rows += real_corpus(corpus)
    load = os.getloadavg()[0]
    print(f"\nbench_dups, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load:.2f}, "
          f"{os.cpu_count()} cores\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
