"""Crawl throughput: fetch, clean and store N synthetic article pages from a local server, politeness off.

    .venv/bin/python bench/bench_crawl.py --pages 10000

A server process on 127.0.0.1 generates the pages on the fly from one news-page template (a
sitemap index, sitemaps of 1,000 URLs, article pages of about --kb kilobytes each with navigation,
related links and a comment box around 8-14 paragraphs of Vietnamese-like text). The crawler runs
in this process with its configured cleaning workers; the figures are pages per second over the
whole crawl (seeding to last store) and peak memory (RSS) of the crawl process and of its largest
cleaning worker.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.crawling import crawl  # noqa: E402
from khobao.config import parse_settings  # noqa: E402
from store import ArticleStore  # noqa: E402

SYLLABLES = (
    "người dân tỉnh huyện xã thôn bản công trình dự án kinh tế xã hội văn hóa giáo dục y tế nông nghiệp "
    "sản xuất doanh nghiệp thị trường giá cả hàng hóa năm nay tháng trước vừa qua cho biết theo ông bà anh "
    "chị em học sinh giáo viên bệnh viện đường sá cầu cống mưa lũ nắng nóng mùa vụ lúa ngô chè cà phê hồ tiêu "
    "cao su thủy sản du lịch lễ hội truyền thống đồng bào vùng cao miền núi đồng bằng ven biển thành phố "
    "quận phường chính quyền địa phương cơ quan chức năng kiểm tra xử lý vi phạm hỗ trợ đầu tư phát triển "
    "bền vững môi trường rừng đất nước sạch điện lưới nông thôn mới giảm nghèo việc làm thu nhập ổn định"
).split()
SECTIONS = ("thoi-su", "kinh-te", "xa-hoi", "van-hoa", "the-thao", "giao-duc", "suc-khoe", "du-lich")


def _make_sentences(count: int = 4000) -> tuple[str, ...]:
    rng = random.Random(2026)
    return tuple(" ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(12, 28))).capitalize() + "."
                 for _ in range(count))


SENTENCES = _make_sentences()  # pages are assembled from these, so serving a page costs the server little


def sentence(rng: random.Random) -> str:
    return SENTENCES[rng.randrange(len(SENTENCES))]


def article_page(number: int, kb: int, pages: int) -> bytes:
    rng = random.Random(number)
    title = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(8, 14))).capitalize()
    section = SECTIONS[number % len(SECTIONS)]
    day, month, year = 1 + number % 28, 1 + number % 12, 2015 + number % 11
    nav = "".join(f'<li><a href="/{s}/">{s.replace("-", " ").title()}</a></li>' for s in SECTIONS * 6)
    others = [(number * 7 + k) % pages for k in range(12)]  # links to pages of this same crawl
    related = "".join(f'<li><a href="/{SECTIONS[n % len(SECTIONS)]}/bai-{n}.html">{sentence(rng)[:70]}</a></li>'
                      for n in others)
    paragraphs = []
    target = kb * 1024
    page_so_far = 2500 + len(nav) + len(related)
    while page_so_far < target or len(paragraphs) < 8:
        text = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(f"<p>{text}</p>")
        page_so_far += len(text.encode()) + 7
        if len(paragraphs) >= 60:
            break
    sapo = sentence(rng) + " " + sentence(rng)
    html = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Báo Thử Nghiệm</title>
<link rel="canonical" href="/{section}/bai-{number}.html">
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{year}-{month:02d}-{day:02d}T08:{number % 60:02d}:00+07:00">
<script>window.dataLayer=[];function track(){{return 1}}</script></head>
<body><header><a class="logo" href="/">Báo Thử Nghiệm</a><ul class="menu">{nav}</ul></header>
<main><div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/{section}/">{section}</a></div>
<article><h1>{title}</h1><div class="meta"><span class="date">{day}/{month}/{year} 08:{number % 60:02d}</span></div>
<p class="sapo"><strong>{sapo}</strong></p><div class="content">{''.join(paragraphs)}</div>
<p class="author">Phóng viên {number % 37}</p></article>
<section class="related"><h3>Tin liên quan</h3><ul>{related}</ul></section>
<section class="comments"><h3>Bình luận</h3><form><textarea></textarea><button>Gửi</button></form></section></main>
<footer><p>Báo Thử Nghiệm - trang tin tổng hợp dùng để đo tốc độ (không có thật).</p></footer></body></html>"""
    return html.encode("utf-8")


class BenchHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages = 10_000
    kb = 40

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        base = f"http://{self.headers.get('Host')}"
        if path == "/sitemap.xml":
            count = (self.pages + 999) // 1000
            items = "".join(f"<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>" for i in range(count))
            body = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
            self.reply(body.encode(), "application/xml")
        elif path.startswith("/sitemap-"):
            part = int(path[len("/sitemap-"):-len(".xml")])
            numbers = range(part * 1000, min(self.pages, part * 1000 + 1000))
            items = "".join(f"<url><loc>{base}/{SECTIONS[n % len(SECTIONS)]}/bai-{n}.html</loc></url>" for n in numbers)
            body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
            self.reply(body.encode(), "application/xml")
        elif path.endswith(".html") and "/bai-" in path:
            self.reply(article_page(int(path.rsplit("-", 1)[1][:-5]), self.kb, self.pages), "text/html; charset=utf-8")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(port_queue, pages: int, kb: int) -> None:
    BenchHandler.pages, BenchHandler.kb = pages, kb
    server = ThreadingHTTPServer(("127.0.0.1", 0), BenchHandler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def stage_costs(kb: int, pages: int, count: int = 100) -> str:
    """CPU per page of each step a cleaning worker takes, on the same synthetic pages, in this process."""
    from crawler.charset import decode_html
    from crawler.clean import extract, parse_html
    from crawler.discover import links_in_tree
    from crawler.settings import Source
    from crawler.warc import response_record

    source = Source(name="bench", domains=("127.0.0.1",), follow=(r"/bai-\d+\.html$",))
    bodies = [article_page(n, kb, pages) for n in range(count)]
    urls = [f"http://127.0.0.1:1/{SECTIONS[n % len(SECTIONS)]}/bai-{n}.html" for n in range(count)]
    htmls = [decode_html(b, "text/html; charset=utf-8") for b in bodies]
    trees: list = [None] * count
    extract(htmls[0], urls[0], source)  # warm up
    steps = {  # in the order a worker takes them: the tree is parsed once and shared
        "decode": lambda n: decode_html(bodies[n], "text/html; charset=utf-8"),
        "parse": lambda n: trees.__setitem__(n, parse_html(htmls[n])),
        "links": lambda n: links_in_tree(trees[n], urls[n]),
        "clean (extract on the tree)": lambda n: extract(htmls[n], urls[n], source, tree=trees[n]),
        "WARC record": lambda n: response_record(urls[n], 200, "OK", "HTTP/1.1",
                                                 [("Content-Type", "text/html; charset=utf-8")], bodies[n]),
    }
    parts = []
    for name, step in steps.items():
        started = time.process_time()
        for n in range(count):
            step(n)
        parts.append(f"{name} {1000 * (time.process_time() - started) / count:.1f} ms")
    return ", ".join(parts)


_last_shown = [0.0]
_loads: list[float] = []   # 1-minute load average, sampled every 5 s during the crawl


def show_progress(report) -> None:
    now = time.monotonic()
    if now - _last_shown[0] >= 5:
        _last_shown[0] = now
        _loads.append(os.getloadavg()[0])
        print(f"  {report.visited} visited, {report.new} stored, {report.pages_per_second:.1f} pages/s, "
              f"errors {sum(report.errors.values())}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--kb", type=int, default=40, help="approximate size of an article page (default 40)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    server = context.Process(target=serve, args=(ports, args.pages, args.kb), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=30)}"
    sample = len(article_page(1, args.kb, args.pages))
    workdir = Path(tempfile.mkdtemp(prefix="khobao-bench-crawl-"))
    try:
        settings = parse_settings({
            "data_dir": str(workdir),
            "crawl": {"workers": args.workers, "concurrency": args.concurrency, "timeout": 60.0,
                      "politeness": {"delay": 0.0, "per_host": args.concurrency, "respect_robots": False}},
            "sources": [{"name": "bench", "domains": ["127.0.0.1"], "sitemaps": [f"{base}/sitemap.xml"],
                         "follow": [r"/bai-\d+\.html$"]}],
        })
        print(f"worker steps, CPU per page: {stage_costs(args.kb, args.pages)}", flush=True)
        print(f"crawling {args.pages} pages of about {sample // 1024} kB from {base} with {args.workers} cleaning "
              f"workers, concurrency {args.concurrency} ...", flush=True)
        with ArticleStore(settings.store_path) as store:
            before = resource.getrusage(resource.RUSAGE_SELF)
            cpu_before = before.ru_utime + before.ru_stime
            started = time.perf_counter()
            report = crawl(settings, store, progress=show_progress)
            elapsed = time.perf_counter() - started
            stored = store.count()
        me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        main_rss, worker_rss = me.ru_maxrss / 1024, children.ru_maxrss / 1024
        main_cpu = me.ru_utime + me.ru_stime - cpu_before
        cpu = main_cpu + children.ru_utime + children.ru_stime
        warc_mb = sum(f.stat().st_size for f in settings.warc_dir.glob("*")) / 1e6
        print(f"visited {report.visited} URLs, stored {stored} articles, skipped {sum(report.skipped.values())}, "
              f"errors {sum(report.errors.values())} {dict(report.errors) or ''}")
        print(f"throughput: {report.visited / elapsed:.1f} pages/s ({elapsed:.1f} s wall, fetch + clean + store + WARC)")
        visited = max(report.visited, 1)
        print(f"CPU: {1000 * cpu / visited:.1f} ms per page in the crawler and its workers "
              f"({cpu:.0f} s in all; crawl process {1000 * main_cpu / visited:.1f} ms per page, cleaning workers "
              f"{1000 * (cpu - main_cpu) / visited:.1f} ms; the page server not counted): at most "
              f"{report.visited / cpu * 2:.0f} pages/s on 2 idle cores")
        loads = _loads or [os.getloadavg()[0]]
        print(f"load average during the run: {min(loads):.1f}-{max(loads):.1f}, mean {sum(loads) / len(loads):.1f} "
              f"on {os.cpu_count()} cores (this crawl, its page server and other work on this machine)")
        print(f"peak RSS: crawl process {main_rss:.0f} MB, largest cleaning worker {worker_rss:.0f} MB")
        print(f"store {settings.store_path.stat().st_size / 1e6:.1f} MB, WARC {warc_mb:.1f} MB")
    finally:
        server.terminate()
        server.join(5)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
