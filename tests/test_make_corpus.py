"""bench/make_corpus.py, the scale bench's archive generator, on an invented corpus directory: the same
seed gives the same bytes, lines are valid `khobao import` lines, and lines are streamed one at a time.
No ../shared corpus needed."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import tracemalloc
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from khobao.importing import import_jsonl  # noqa: E402
from make_corpus import Pool, Totals, article_lines, main, make_sources, write_corpus  # noqa: E402
from store import ArticleStore  # noqa: E402

RECORDS = [
    {"id": "a1", "title": "Mưa lớn kéo dài ở xã Đồng Lạc", "date": "2019-08-02T07:30:00+07:00",
     "source": "tinlang.vn", "url": "https://tinlang.vn/mua-lon-1.html", "category": "Thời tiết",
     "body": "Mưa lớn từ đêm qua làm ngập nhiều tuyến đường liên xã. Người dân đã kê cao đồ đạc.\n"
             "Ban chỉ huy phòng chống thiên tai huyện cử lực lượng xuống hỗ trợ. Trường học cho học sinh nghỉ."},
    {"id": "a2", "title": "Hợp tác xã chè Tân Cương được mùa", "date": None, "source": "tinlang.vn", "url": None,
     "category": "Kinh tế", "author": "Lê Văn Bình",
     "body": "Vụ chè xuân năm nay cho năng suất cao hơn năm ngoái. Giá chè búp khô ổn định! "
             "Các hộ xã viên phấn khởi vì thu nhập tăng. Hợp tác xã dự định mở thêm xưởng sao chè?"},
    {"id": "a3", "title": "Đội bóng đá thiếu niên phường Hòa Bình vô địch", "source": "baomau.vn",
     "url": "https://baomau.vn/the-thao/doi-bong-3.html", "category": "Thể thao", "author": "Trần Thị Hoa",
     "body": "Trận chung kết diễn ra sôi nổi trước hàng trăm khán giả. Đội nhà thắng 2-1 ở phút cuối.\n\n"
             "Huấn luyện viên cho biết các em tập luyện đều đặn mỗi chiều sau giờ học."},
]
MORE = [
    {"id": "b1", "title": "Chợ phiên vùng cao đông vui ngày cuối tuần", "source": "vungcao.vn",
     "body": "Từ sáng sớm, bà con các bản đã mang nông sản xuống chợ. Tiếng khèn vang khắp phiên chợ."},
    {"id": "b2", "title": "Cầu treo mới nối hai bờ suối Nậm Khẩu", "source": "vungcao.vn", "date": "2021-03-09",
     "body": "Cây cầu dài 60 mét được khánh thành sau ba tháng thi công. Học sinh không còn phải lội suối."},
    {"id": "b3", "title": "Không có thân bài", "source": "vungcao.vn", "body": ""},
]


def write_corpus_dir(folder: Path) -> Path:
    """An invented corpus directory: one .jsonl and one .jsonl.gz file in the shared corpora's schema."""
    (folder / "tin_lang.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS),
                                           encoding="utf-8")
    with gzip.open(folder / "vung_cao.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in MORE)
    (folder / "README.md").write_text("not a corpus file")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus_dir(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def pool(corpus) -> Pool:
    return Pool(corpus)


def run(corpus: Path, out: Path, *args: str) -> bytes:
    assert main(["--corpus", str(corpus), "--out", str(out), *args]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_the_same_seed_and_size_give_the_same_bytes(corpus, tmp_path, name, capsys):
    first = run(corpus, tmp_path / ("1" + name), "--articles", "300", "--seed", "5")
    second = run(corpus, tmp_path / ("2" + name), "--articles", "300", "--seed", "5")
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    if name.endswith(".gz"):
        assert first[4:8] == bytes(4)          # no time in the gzip header (runs a second apart compare equal)
    other = run(corpus, tmp_path / ("3" + name), "--articles", "300", "--seed", "6")
    assert other != first
    assert "make_corpus: 300 articles" in capsys.readouterr().err


def test_a_run_is_the_start_of_a_longer_one_and_start_continues_it(pool):
    long = list(article_lines(pool, 60, seed=2))
    assert list(article_lines(pool, 25, seed=2)) == long[:25]
    assert list(article_lines(pool, 35, seed=2, start=25)) == long[25:]
    assert len({json.loads(line)["url"] for line in long}) == 60


def test_every_line_imports_cleanly_with_the_promised_sources_dates_and_text(pool, tmp_path):
    totals = Totals()
    lines = list(article_lines(pool, 400, seed=3, sources=7, years=25, marker="mớitinh", totals=totals))
    records = [json.loads(line) for line in lines]
    assert {r["source"] for r in records} == {s.name for s in make_sources(7)}
    years = {datetime.fromisoformat(r["date"]).year for r in records}
    assert min(years) >= 2001 and max(years) <= 2025 and len(years) > 15
    assert all(r["title"].endswith(" · mớitinh") for r in records)
    titles = {r["title"].removesuffix(" · mớitinh") for r in records}
    assert titles == {r["title"] for r in RECORDS + MORE if r["body"]}       # a bodiless record is left out
    assert totals.articles == 400
    assert totals.text_chars == sum(len(r["title"]) + len(r["body"]) for r in records)
    assert totals.text_bytes == sum(len((r["title"] + r["body"]).encode()) for r in records)
    with ArticleStore(tmp_path / "articles.sqlite3") as store:
        summary = import_jsonl(lines, store, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (summary.new, summary.bad, summary.warned) == (400, 0, 0)


def test_sources_have_unique_names_and_vietnamese_labels():
    sources = make_sources(300)
    assert len({s.name for s in sources}) == 300
    assert sources[0].label == "Báo Sông Lam" and sources[0].name == "baosonglam"
    assert all(s.name.isascii() and s.name.isalnum() for s in sources)
    assert sources[0].weight > sources[10].weight > sources[299].weight


class Sink:
    """A file that keeps only the size of what it is given."""

    def __init__(self):
        self.writes = self.total = self.largest = 0

    def write(self, data: bytes) -> None:
        self.writes += 1
        self.total += len(data)
        self.largest = max(self.largest, len(data))


def test_lines_are_made_one_at_a_time_and_written_as_they_come(pool):
    endless = article_lines(pool, 10**12, seed=1)
    assert next(endless).startswith(b'{"url":')          # a trillion planned, the first comes at once
    sink, totals = Sink(), Totals()
    write_corpus(article_lines(pool, 3000, totals=totals), sink, totals, planned=3000)
    assert sink.writes == 3000 and sink.total > 500 * sink.largest       # never more than a line at once


def test_memory_does_not_grow_with_the_number_of_articles(pool):
    def peak(count: int) -> int:
        totals = Totals()
        tracemalloc.start()
        try:
            write_corpus(article_lines(pool, count, totals=totals), Sink(), totals, planned=count)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(300), peak(6000)
    assert large - small < 50_000, (small, large)      # 6000 articles are several MB of output


def test_clear_errors_for_a_missing_corpus_and_a_wrong_output_name(tmp_path):
    result = subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--articles", "5", "--out",
                             str(tmp_path / "x.jsonl"), "--corpus", str(tmp_path / "nowhere")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no corpus directory" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--articles", "5", "--out",
                             str(tmp_path / "x.jsonl"), "--corpus", str(empty)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no .jsonl or .jsonl.gz corpus files" in result.stderr
    result = subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), "--articles", "5", "--out",
                             str(tmp_path / "x.csv")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "--out must end in .jsonl or .jsonl.gz" in result.stderr
