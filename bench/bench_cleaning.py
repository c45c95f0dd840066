"""Cleaning quality and speed on public sets and real Vietnamese pages (reads ../shared; never copies it).

    .venv/bin/python bench/bench_cleaning.py [--only zyte,snippets,dates,vn] [--shared DIR] [--limit N]

- zyte: Zyte article-extraction benchmark, body 4-token shingle precision/recall/F1. The published
  table's F1 is the harmonic mean of the per-page precision and recall averages (pages normalised so a
  long text weighs no more than a short one); the mean of per-page F1 is printed too. The scorer is
  checked first against the published reference outputs (trafilatura there: ~0.96).
- snippets: trafilatura's 990-page evaluation set (mostly German): "with"/"without" snippets found in
  our title + body, beside trafilatura alone with its defaults.
- dates: htmldate's 1,000-page evaluation set, share of pages whose publication day we find exactly,
  beside htmldate alone.
- vn: the real Vietnamese pages in corpus/html, scored against our own readings of them in
  bench/real_pages.json (article or not; the publication day the page shows), and the one page
  with full gold (body F1, title, date, author).
Timings are CPU time per page of this one process (time.process_time), after a warm-up page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.charset import decode_html  # noqa: E402
from crawler.clean import Rejected, extract, published_date  # noqa: E402

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the repository
READINGS = Path(__file__).resolve().parent / "real_pages.json"
TOKEN = re.compile(r"\w+")


# ---- scorer (our own, following the benchmark's published definition) ----

def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def match_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """True positives, false positives, false negatives over shingles, normalised to sum 1."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def body_scores(pairs: list[tuple[str, str]]) -> dict:
    counts = [match_counts(gold, pred) for gold, pred in pairs]
    precisions = [precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    per_page = []
    for c in counts:
        pp, rr = precision(*c), recall(*c)
        per_page.append(2 * pp * rr / (pp + rr) if pp + rr else 0.0)
    return {"f1": 2 * p * r / (p + r), "precision": p, "recall": r, "mean_page_f1": statistics.mean(per_page),
            "pages": len(pairs)}


# ---- sets ----

def _read_gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as handle:
        return handle.read()


def _timed(func, *args):
    """Result and CPU milliseconds of this process (other work on the machine does not inflate it)."""
    start = time.process_time()
    result = func(*args)
    return result, (time.process_time() - start) * 1000


def _ms(values: list[float]) -> str:
    values = sorted(values)
    return (f"mean {statistics.mean(values):.1f} ms, median {statistics.median(values):.1f} ms, "
            f"p90 {values[int(0.9 * (len(values) - 1))]:.1f} ms")


def bench_zyte(shared: Path, limit: int | None) -> dict:
    root = shared / "bench/extraction/zyte-aeb"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    print(f"\n== Zyte article-extraction benchmark ({len(keys)} pages) ==")
    for reference in sorted((root / "reference-output").glob("*.json.gz")):
        predicted = json.loads(_read_gz(reference))
        predicted = predicted.get("output", predicted)  # newer files wrap the predictions
        pairs = [(gold[k]["articleBody"], predicted.get(k, {}).get("articleBody", "")) for k in keys]
        s = body_scores(pairs)
        print(f"  reference {reference.name.split('.')[0]:<15} F1 {s['f1']:.3f}  P {s['precision']:.3f}  "
              f"R {s['recall']:.3f}  (mean page F1 {s['mean_page_f1']:.3f})")
    pages = {k: decode_html(_read_gz(root / "html" / f"{k}.html.gz"), "text/html; charset=utf-8") for k in keys}
    extract(pages[keys[0]], gold[keys[0]]["url"])  # warm-up
    pairs, times, rejected = [], [], Counter()
    for key in keys:
        result, ms = _timed(extract, pages[key], gold[key]["url"])
        times.append(ms)
        if isinstance(result, Rejected):
            rejected[result.reason] += 1
            pairs.append((gold[key]["articleBody"], ""))
        else:
            pairs.append((gold[key]["articleBody"], result.body))
    s = body_scores(pairs)
    print(f"  khobao extract            F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}  "
          f"(mean page F1 {s['mean_page_f1']:.3f})")
    print(f"  rejected: {dict(rejected) or 'none'}")
    print(f"  time per page: {_ms(times)}")
    import trafilatura

    baseline = [_timed(trafilatura.extract, pages[k], gold[k]["url"])[1] for k in keys]
    print(f"  for scale, trafilatura.extract alone on the same pages: {_ms(baseline)}")
    return {**s, "ms_mean": statistics.mean(times), "ms_median": statistics.median(times)}


def bench_snippets(shared: Path, limit: int | None) -> dict:
    """trafilatura's evaluation set: snippets that must / must not be in the text (their own metric:
    true positives = "with" snippets found, true negatives = "without" snippets absent)."""
    import trafilatura

    root = shared / "bench/extraction/trafilatura-eval"
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    items = sorted(data.items())[:limit] if limit else sorted(data.items())
    print(f"\n== trafilatura evaluation set, snippets ({len(items)} pages) ==")
    counts = {"khobao": Counter(), "trafilatura": Counter()}
    missing = 0
    for url, entry in items:
        path = root / "html" / f"{entry['file']}.gz"
        if not path.exists():
            missing += 1
            continue
        html = decode_html(_read_gz(path))
        result = extract(html, url)
        texts = {"khobao": "" if isinstance(result, Rejected) else f"{result.title}\n{result.body}",
                 "trafilatura": trafilatura.extract(html, url=url) or ""}
        for name, text in texts.items():
            found = counts[name]
            for snippet in entry.get("with", []):
                found["tp" if snippet in text else "fn"] += 1
            for snippet in entry.get("without", []):
                found["fp" if snippet in text else "tn"] += 1
    scores = {}
    for name, c in counts.items():
        precision_ = c["tp"] / max(1, c["tp"] + c["fp"])
        recall_ = c["tp"] / max(1, c["tp"] + c["fn"])
        accuracy = (c["tp"] + c["tn"]) / max(1, sum(c.values()))
        f1 = 2 * precision_ * recall_ / (precision_ + recall_) if precision_ + recall_ else 0.0
        scores[name] = f1
        print(f"  {name:<12} F1 {f1:.3f}  precision {precision_:.3f}  recall {recall_:.3f}  accuracy {accuracy:.3f}")
    if missing:
        print(f"  ({missing} page files missing)")
    return scores


def _is_day(value) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))


def bench_dates(shared: Path, limit: int | None) -> dict:
    import htmldate

    root = shared / "bench/dates/htmldate-eval"
    entries = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        entries.update(json.loads((root / name).read_text(encoding="utf-8")))
    items = sorted(entries.items())[:limit] if limit else sorted(entries.items())
    print(f"\n== htmldate date set ({len(items)} entries) ==")
    ours = theirs = missing = total = 0
    times, htmldate_times = [], []
    for url, entry in items:
        path = root / "html" / f"{entry['file']}.gz"
        total += 1
        if not path.exists():
            missing += 1
            continue
        html = decode_html(_read_gz(path))
        when, ms = _timed(published_date, html, url)
        times.append(ms)
        day = when.date().isoformat() if when else None
        gold = entry["date"] if _is_day(entry["date"]) else None  # "nan": the page has no date
        ours += day == gold
        found, ms = _timed(lambda: htmldate.find_date(html, url=url, original_date=True))
        htmldate_times.append(ms)
        theirs += found == gold
    print(f"  khobao published_date  day accuracy {ours / total:.3f} ({ours}/{total}; {missing} files missing)")
    print(f"  htmldate alone         day accuracy {theirs / total:.3f}")
    print(f"  time per page: khobao {_ms(times)}; htmldate {_ms(htmldate_times)}")
    return {"accuracy": ours / total, "htmldate": theirs / total, "ms_mean": statistics.mean(times)}


def load_readings(path: Path = READINGS) -> dict[str, dict]:
    """Our readings of the real pages, by file name: {"article": bool, "day": "YYYY-MM-DD" or None}."""
    return {entry["page"]: entry for entry in json.loads(path.read_text(encoding="utf-8"))["pages"]}


def bench_vietnamese(shared: Path) -> dict:
    root = shared / "corpus/html"
    index = [json.loads(line) for line in (root / "pages.jsonl").read_text(encoding="utf-8").splitlines() if line]
    readings = load_readings()
    print(f"\n== real Vietnamese pages ({len(index)}), against bench/real_pages.json ==")
    results, times = [], []
    correct_kind = dated = day_right = unread = 0
    for page in index:
        html = decode_html((root / page["file"]).read_bytes())
        result, ms = _timed(extract, html, page["url"])
        times.append(ms)
        reading = readings.get(Path(page["file"]).name)
        if reading is None:
            unread += 1
            print(f"  ??? {page['kind']:15} no reading in bench/real_pages.json  [{page['file'][6:46]}]")
            continue
        accepted = not isinstance(result, Rejected)
        correct_kind += accepted == reading["article"]
        found = result.published.date().isoformat() if accepted and result.published else None
        day_note = ""
        if reading["article"] and reading["day"]:
            dated += 1
            day_right += found == reading["day"]
            day_note = " day ok" if found == reading["day"] else f" DAY≠{reading['day']}"
        note = result.reason if not accepted else (
            f"{(result.published.isoformat() if result.published else '-'):25} {len(result.body):6} chars  "
            f"{result.title[:40]}")
        flag = "ok " if accepted == reading["article"] else "BAD"
        print(f"  {flag} {page['kind']:15} {ms:6.1f} ms  {note}{day_note}  [{page['file'][6:46]}]")
        results.append(result)
    article_times = [ms for ms, page in zip(times, index) if page["kind"].startswith("article")]
    print(f"  article/non-article decided right: {correct_kind}/{len(index) - unread}; "
          f"day right: {day_right}/{dated} article pages that show their date"
          f"{f'; {unread} pages without a reading' if unread else ''}")
    print(f"  time per page: {_ms(times)}; articles only: {_ms(article_times)}")
    gold_scores = bench_gold(shared)
    return {"kind_right": correct_kind, "pages": len(index), "day_right": day_right, "dated": dated, **gold_scores}


def bench_gold(shared: Path) -> dict:
    gold_path = shared / "corpus/gold/fundus_vnexpress_4954454.json"
    page = shared / "corpus/html/pages/vnexpress.net__fundus-4954454.html"
    info = shared / "corpus/gold/fundus_vnexpress_4954454.meta.info"
    if not gold_path.exists() or not page.exists():
        return {}
    gold = next(iter(json.loads(gold_path.read_text(encoding="utf-8")).values()))
    url = json.loads(info.read_text(encoding="utf-8")).get("url", "") if info.exists() else ""
    body = gold["body"]
    paragraphs = list(body.get("summary", []))
    for section in body.get("sections", []):
        paragraphs += section.get("headline", []) + section.get("paragraphs", [])
    result = extract(decode_html(page.read_bytes()), url or "https://vnexpress.net/x-4954454.html")
    if isinstance(result, Rejected):
        print(f"  gold page REJECTED: {result.reason}")
        return {"gold_f1": 0.0}
    s = body_scores([("\n".join(paragraphs), result.body)])
    print(f"  gold page (fundus vnexpress): body F1 {s['f1']:.3f} P {s['precision']:.3f} R {s['recall']:.3f}; "
          f"title {'=' if result.title == gold['title'] else '≠'}; published {result.published} "
          f"(gold {gold.get('publishing_date')}); author {result.author!r} (gold {gold.get('authors')}); "
          f"lead kept: {paragraphs[0][:40] in result.body}")
    return {"gold_f1": s["f1"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder (default: ../shared)")
    parser.add_argument("--only", default="zyte,snippets,dates,vn")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set (quick runs)")
    args = parser.parse_args()
    if not (args.shared / "bench").is_dir():
        print(f"skipped: {args.shared}/bench is absent (the public sets are not on this machine)")
        return 0
    wanted = set(args.only.split(","))
    if "zyte" in wanted:
        bench_zyte(args.shared, args.limit)
    if "snippets" in wanted:
        bench_snippets(args.shared, args.limit)
    if "dates" in wanted:
        bench_dates(args.shared, args.limit)
    if "vn" in wanted and (args.shared / "corpus/html/pages.jsonl").exists():
        bench_vietnamese(args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
