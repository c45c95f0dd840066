"""Match-set precision, recall and F1 of word queries (issue 11), with SQLite FTS5 as peers,
known-item MRR@10 and uncached query latency, over the real corpora in ../shared/corpus/text.

    .venv/bin/python bench/bench_matching.py [--work DIR [--reuse]] [--queries SPEC] [--json FILE]
                                             [--scale 35000 [--scale-work DIR]] [--mrr 100] [--compare OLD.json]

The queries (bench/matching_queries.json) are words of one or more syllables, each typed with
diacritics and folded. An article is gold for a query form when each word's syllables stand
together in its title or body (bench/matching_gold.py: the bench's own tokenizer and keys, not
khobao's). khobao's match set is read whole through the engine seam (indexer.engine), page by page
as the exports read it. Everything but the summary goes to stderr while it builds.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matching_khobao as kb  # noqa: E402
from corpus import corpus_dir  # noqa: E402
from matching_fts import Fts  # noqa: E402
from matching_gold import article_text, fold_text, forms, gold, score, syllables  # noqa: E402

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "matching_queries.json"
CORPUS = "news_crawler_quancq.jsonl.gz"
# --scale: the base corpus first, then these in order until the wanted number of articles
SCALE_FILES = ("vietnews_detok_test.jsonl.gz", "tuoitre_kitsunehivern.jsonl", "vnexpress_bongda_senult.jsonl",
               "baomoi_2025_khoaihps.jsonl", "baomoi_magizbox.jsonl.gz")
FORMS = ("unaccented", "accented")
WARM = ["thời sự", "ket qua", "người dân", "tin tuc moi"]   # untimed, to open everything first


def load_queries(spec: str | None) -> list[dict]:
    """The query set, or the subset `spec` names: 1-based numbers and ranges ("1-10,15") or
    query texts ("Hà Nội,bóng đá"; words joined by " / " for several words), comma-separated."""
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    for number, query in enumerate(queries, start=1):
        query["n"], query["name"] = number, " / ".join(query["words"])
    if not spec:
        return queries
    picked: list[dict] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if part.replace("-", "").isdigit():
            low, _, high = part.partition("-")
            picked += queries[int(low) - 1:int(high or low)]
        else:
            found = [q for q in queries if q["name"].lower() == part.lower() or fold_text(q["name"]) == fold_text(part)]
            if not found:
                raise SystemExit(f"--queries: no query {part!r} in {QUERIES.name}; give its words or its number")
            picked += found
    return picked


def count_files(base: Path, scale: int) -> list[tuple[Path, int | None]]:
    """The corpus files (and record limits) that make `scale` articles: the base corpus, then SCALE_FILES."""
    files, left = [], scale
    for name in (CORPUS,) + SCALE_FILES:
        path = base / name
        if left <= 0 or not path.exists():
            continue
        records = sum(1 for _ in kb.import_lines(path))
        files.append((path, min(records, left)))
        left -= min(records, left)
    return files


def measure_sets(opened, fts: Fts, texts: dict, queries: list[dict]) -> list[dict]:
    """Per query and form: gold, khobao's match set, FTS5's two, and their scores."""
    rows = []
    for number, query in enumerate(queries, start=1):
        row = {"n": query["n"], "words": query["words"], "kind": query["kind"]}
        for form in FORMS:
            accented = form == "accented"
            typed = forms(query["words"])[form]
            wanted = gold(texts, query["words"], accented)
            found, total = kb.match_set(opened, typed)
            mine = score(found, wanted)
            fts_and = score(fts.matches(query["words"], accented, phrases=False), wanted)
            fts_phrase = score(fts.matches(query["words"], accented, phrases=True), wanted)
            row[form] = {"query": typed, "gold": len(wanted), "khobao": len(found), "total": total,
                         "p": mine.precision, "r": mine.recall, "f1": mine.f1,
                         "fts_and_f1": fts_and.f1, "fts_phrase_f1": fts_phrase.f1}
        rows.append(row)
        if number % 10 == 0:
            kb.say(f"  {number}/{len(queries)} queries measured")
    return rows


def known_items(opened, articles: dict[int, tuple[str, str]], count: int, seed: int) -> dict:
    """MRR@10 of `count` seeded-random articles, each searched by a 4-syllable window of its title."""
    rng = random.Random(seed)
    candidates = sorted(i for i, (title, _) in articles.items() if len(syllables(title)) >= 4)
    picked = rng.sample(candidates, min(count, len(candidates)))
    result = {}
    for form in FORMS:
        reciprocal = []
        window_rng = random.Random(seed + 1)
        for article_id in picked:
            words = syllables(articles[article_id][0])
            start = window_rng.randrange(len(words) - 3)
            typed = " ".join(words[start:start + 4])
            if form == "unaccented":
                typed = fold_text(typed)
            top = kb.top_ids(opened, typed)
            reciprocal.append(1 / (top.index(article_id) + 1) if article_id in top else 0.0)
        result[form] = {"mrr": sum(reciprocal) / len(reciprocal) if reciprocal else 0.0,
                        "found": sum(1 for r in reciprocal if r), "queries": len(reciprocal)}
    return result


def timed(opened, queries: list[dict], rounds: int) -> dict:
    typed = [forms(q["words"])[form] for q in queries for form in FORMS]
    times, cpu, emptied = kb.latency(opened, typed, WARM, rounds)
    return {"queries": len(times), "rounds": rounds, "p50_ms": kb.percentile(times, 0.5),
            "p95_ms": kb.percentile(times, 0.95), "mean_ms": statistics.fmean(times) if times else 0.0,
            "cpu_p50_ms": kb.percentile(cpu, 0.5), "cpu_p95_ms": kb.percentile(cpu, 0.95), "caches_emptied": emptied}


def means(rows: list[dict]) -> dict:
    result = {}
    for form in FORMS:
        result[form] = {name: statistics.fmean(r[form][name] for r in rows) if rows else 0.0
                        for name in ("p", "r", "f1", "fts_and_f1", "fts_phrase_f1")}
        result[form]["by_kind"] = {kind: statistics.fmean(r[form]["f1"] for r in rows if r["kind"] == kind)
                                   for kind in sorted({r["kind"] for r in rows})}
    return result


def table(rows: list[dict]) -> str:
    head = ("| # | query | kind | U gold | U khobao | U P | U R | U F1 | U FTS and | U FTS phrase "
            "| A gold | A khobao | A P | A R | A F1 | A FTS and | A FTS phrase |")
    lines = [head, "|" + " --- |" * 17]
    for r in rows:
        cells = [str(r["n"]), " / ".join(r["words"]), r["kind"]]
        for form in FORMS:
            f = r[form]
            cells += [str(f["gold"]), str(f["khobao"])] + [f"{f[k]:.2f}" for k in
                                                           ("p", "r", "f1", "fts_and_f1", "fts_phrase_f1")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(report: dict) -> str:
    out = []
    m = report["means"]
    out.append(f"\nMeans over {len(report['queries'])} queries, {report['articles']} articles:")
    out.append("| form | khobao P | khobao R | khobao F1 | FTS5 AND F1 | FTS5 phrase F1 |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for form in FORMS:
        f = m[form]
        out.append(f"| {form} | {f['p']:.3f} | {f['r']:.3f} | **{f['f1']:.3f}** | {f['fts_and_f1']:.3f} "
                   f"| {f['fts_phrase_f1']:.3f} |")
    for form in FORMS:
        kinds = ", ".join(f"{k} {v:.3f}" for k, v in m[form]["by_kind"].items())
        out.append(f"khobao F1 by kind, {form}: {kinds}")
    if report.get("mrr"):
        for form, v in report["mrr"].items():
            out.append(f"known-item MRR@10, {form}: {v['mrr']:.3f} ({v['found']}/{v['queries']} in the top 10)")
    for size, lat in report.get("latency", {}).items():
        out.append(f"latency at {size} articles ({lat['queries']} queries, median of {lat.get('rounds', 1)} uncached runs): p50 {lat['p50_ms']:.1f} ms, "
                   f"p95 {lat['p95_ms']:.1f} ms, mean {lat['mean_ms']:.1f} ms; CPU p50 {lat['cpu_p50_ms']:.1f} ms, "
                   f"p95 {lat['cpu_p95_ms']:.1f} ms")
    worst = sorted(((r[form]["f1"], form, r) for r in report["queries"] for form in FORMS), key=lambda x: x[0])[:10]
    out.append("\nWorst 10 (khobao F1): " + "; ".join(
        f"{r[form]['query']!r} {f1:.2f} (gold {r[form]['gold']}, khobao {r[form]['khobao']})" for f1, form, r in worst))
    return "\n".join(out)


def compared(report: dict, earlier: dict) -> str:
    """The change against an earlier run's --json: means, MRR, latency, and the queries that moved most."""
    out = [f"\nAgainst {earlier.get('date', 'the earlier run')}:"]
    asked = {tuple(r["words"]) for r in report["queries"]}
    same = [r for r in earlier["queries"] if tuple(r["words"]) in asked]   # the means over the same queries
    out.append(f"{len(same)} of this run's {len(asked)} queries are in the earlier run")
    for form in FORMS:
        before, now = means(same)[form]["f1"], report["means"][form]["f1"]
        out.append(f"mean F1 {form}: {before:.3f} -> {now:.3f}")
    for form, v in report.get("mrr", {}).items():
        if earlier.get("mrr", {}).get(form, {}).get("queries") == v["queries"]:   # the same sample
            out.append(f"MRR@10 {form}: {earlier['mrr'][form]['mrr']:.3f} -> {v['mrr']:.3f}")
    for size, lat in report.get("latency", {}).items():
        if earlier.get("latency", {}).get(size, {}).get("queries") == lat["queries"]:   # the same queries
            old = earlier["latency"][size]
            out.append(f"latency at {size}: p50 {old['p50_ms']:.1f} -> {lat['p50_ms']:.1f} ms, "
                       f"p95 {old['p95_ms']:.1f} -> {lat['p95_ms']:.1f} ms ({lat['p95_ms'] / old['p95_ms']:.2f}x), "
                       f"CPU p95 {old.get('cpu_p95_ms', 0):.1f} -> {lat['cpu_p95_ms']:.1f} ms")
    before = {(tuple(r["words"]), form): r[form]["f1"] for r in earlier["queries"] for form in FORMS}
    moved = sorted(((r[form]["f1"] - before[(tuple(r["words"]), form)], r[form]["query"]) for r in report["queries"]
                    for form in FORMS if (tuple(r["words"]), form) in before), key=lambda x: x[0])
    if moved:
        out.append("most worse: " + (", ".join(f"{q!r} {d:+.2f}" for d, q in moved[:5] if d < 0) or "none"))
        out.append("most better: " + (", ".join(f"{q!r} {d:+.2f}" for d, q in moved[::-1][:5] if d > 0) or "none"))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", type=Path, help="the corpora (default: ../shared/corpus/text)")
    parser.add_argument("--work", type=Path, help="data directory to build (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="reuse --work / --scale-work when already built")
    parser.add_argument("--queries", help="a subset: numbers, ranges or query texts, comma-separated")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--compare", type=Path, help="an earlier run's --json file: print the changes")
    parser.add_argument("--mrr", type=int, default=100, help="known-item queries (0: skip)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes per query (the median is kept)")
    parser.add_argument("--scale", type=int, default=0, help="also time the queries over this many articles")
    parser.add_argument("--scale-work", type=Path, help="data directory for --scale (default: temporary)")
    args = parser.parse_args()

    base = corpus_dir(args.corpus_dir)
    if base is None or not (base / CORPUS).exists():
        print(f"skipped: no {CORPUS} in ../shared/corpus/text (give --corpus-dir DIR)")
        return 0
    queries = load_queries(args.queries)
    temporary = []
    try:
        work = args.work or Path(tempfile.mkdtemp(prefix="khobao-matching-"))
        if args.work is None:
            temporary.append(work)
        kb.build(work, [(base / CORPUS, None)], args.reuse)
        articles = kb.articles(work)
        kb.say(f"gold: reading {len(articles)} articles ...")
        texts = {i: article_text(t, b) for i, (t, b) in articles.items()}
        kb.say("FTS5: building ...")
        fts = Fts(articles)
        report = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
                             f"SQLite {__import__('sqlite3').sqlite_version}",
                  "command": " ".join(sys.argv[1:]), "corpus": f"../shared/corpus/text/{CORPUS}",
                  "articles": len(articles), "latency": {}}
        with kb.engine(work) as opened:
            kb.say(f"match sets of {len(queries)} queries, both forms ...")
            started = time.perf_counter()
            report["queries"] = measure_sets(opened, fts, texts, queries)
            kb.say(f"  in {time.perf_counter() - started:.0f} s")
            fts.close()
            report["means"] = means(report["queries"])
            if args.mrr:
                kb.say(f"known items: {args.mrr} titles ...")
                report["mrr"] = known_items(opened, articles, args.mrr, args.seed)
            if not args.no_latency:
                kb.say("latency ...")
                report["latency"][str(len(articles))] = timed(opened, queries, args.rounds)
        if args.scale:
            scale_work = args.scale_work or Path(tempfile.mkdtemp(prefix="khobao-matching-scale-"))
            if args.scale_work is None:
                temporary.append(scale_work)
            kb.build(scale_work, count_files(base, args.scale), args.reuse)
            with kb.engine(scale_work) as opened:
                size = opened.doc_count()
                kb.say(f"latency at {size} articles ...")
                report["latency"][str(size)] = timed(opened, queries, args.rounds)
    finally:
        for path in temporary:
            shutil.rmtree(path, ignore_errors=True)
    print(table(report["queries"]))
    print(summary(report))
    if args.compare:
        print(compared(report, json.loads(args.compare.read_text(encoding="utf-8"))))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        kb.say(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
