"""Invented Vietnamese news articles for the search tests (written for khobao; not real news).

Each article is there for a row of DESIGN.md's behaviour table or a ranking rule; the key
names say which.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

from indexer import open_engine
from indexer.settings import IndexSettings
from store import Article, ArticleStore

HANOI = timezone(timedelta(hours=7))


def at(y, m, d, hh=8, mm=0, tz=HANOI) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


# key: (title, body, source, published)
ARTICLES: dict[str, tuple[str, str, str, datetime | None]] = {
    "hanoi_adjacent": (
        "Hà Nội khởi công đường vành đai bốn",
        "Sáng nay, thành phố Hà Nội khởi công dự án đường vành đai bốn, dài gần một trăm cây số.",
        "baomau", at(2021, 3, 5, 8, 15)),
    "hanoi_apart": (
        "Thời tiết miền Bắc chuyển rét",
        "Bà con ở làng hà thôn cho biết đêm qua trời rét đậm; khu nội trú của trường đóng cửa sớm.",
        "tinnhanh", at(2021, 3, 6, 6, 0)),
    "hanoi_upper": (
        "HÀ NỘI ĐÓN KHÁCH DU LỊCH QUỐC TẾ",
        "Lượng khách quốc tế đến thủ đô tăng mạnh trong quý một.",
        "baomau", at(2022, 4, 1, 9, 30)),
    "hanoi_unaccented": (
        "Ban doc viet ve ha noi",
        "Bai viet khong dau cua ban doc ve pho co ha noi va am thuc duong pho.",
        "diendan", at(2022, 5, 2, 21, 0)),
    "ha_noi_lower": (
        "Mùa thu ở hà nội",
        "Những con phố hà nội vào thu rợp lá vàng, người đi bộ đông vui.",
        "tinnhanh", at(2023, 9, 20, 7, 0)),
    "ha_noi_other_tone": (
        "Làng Hạ Nội mở hội",
        "Người dân làng Hạ Nội tổ chức hội làng truyền thống vào đầu xuân.",
        "tinnhanh", at(2023, 2, 10, 10, 0)),
    "ha_noi_typo": (
        "Tin gõ sai dấu",
        "Bản tin này viết nhầm thành hà nọi trong câu mở đầu.",
        "diendan", at(2023, 2, 11, 10, 0)),
    "hoa_binh_new_style": (
        "Hoà Bình phát triển du lịch hồ",
        "Tỉnh Hoà Bình đầu tư hạ tầng quanh lòng hồ thủy điện.",
        "baomau", at(2020, 6, 1, 8, 0)),
    "hoa_binh_old_style": (
        "Hòa Bình thu hút nhà đầu tư",
        "Lãnh đạo tỉnh Hòa Bình gặp gỡ doanh nghiệp Nhật Bản.",
        "tinnhanh", at(2020, 6, 2, 8, 0)),
    "dien_bien_phu": (
        "Kỷ niệm chiến thắng Điện Biên Phủ",
        "Nhiều hoạt động văn hoá diễn ra tại thành phố Điện Biên Phủ trong tháng Năm.",
        "baomau", at(2024, 5, 7, 8, 0)),
    "kinh_te_adjacent": (
        "Triển vọng tăng trưởng năm mới",
        "Các chuyên gia dự báo nền kinh tế sẽ phục hồi nhờ xuất khẩu và đầu tư công.",
        "baomau", at(2021, 1, 1, 5, 0)),
    "kinh_te_apart": (
        "Chuyện nghề của người lái xe",
        "Anh Tâm đi kinh doanh vận tải đã mười năm, nay chuyển sang làm cho một trạm y tế xã.",
        "tinnhanh", at(2020, 12, 31, 23, 0)),
    "thu_tuong_covid": (
        "Thủ tướng họp về phòng chống Covid-19",
        "Thủ tướng yêu cầu các địa phương không lơ là trước dịch covid.",
        "baomau", at(2021, 7, 15, 14, 0)),
    "thu_tuong_other": (
        "Thủ tướng tiếp đoàn doanh nghiệp Hàn Quốc",
        "Thủ tướng đề nghị doanh nghiệp mở rộng đầu tư vào công nghiệp bán dẫn.",
        "tinnhanh", at(2021, 7, 16, 9, 0)),
    "lang_son_title": (
        "Lạng Sơn mở lại cửa khẩu",
        "Hàng trăm xe nông sản đã thông quan trong buổi sáng đầu tiên.",
        "baomau", at(2022, 2, 14, 8, 0)),
    "lang_son_body": (
        "Xe nông sản ùn ứ ở biên giới",
        "Tại tỉnh Lạng Sơn, hàng trăm xe chở thanh long vẫn xếp hàng chờ thông quan.",
        "tinnhanh", at(2022, 2, 13, 8, 0)),
    "escaping": (
        "Lập trình viên & bảo mật",
        "Một chuỗi <script>alert('hà nội')</script> bị chặn; chuyên gia nói \"an toàn & nhanh\".",
        "diendan", at(2024, 8, 8, 8, 0)),
    "undated": (
        "Bài không ghi ngày",
        "Bài này về Hà Nội nhưng không có ngày đăng.",
        "diendan", None),
}


def article(key: str, url_prefix: str = "https://tin.example.vn/") -> Article:
    title, body, source, published = ARTICLES[key]
    return Article(url=f"{url_prefix}{key}.html", title=title, body=body, source=source, published=published)


def filler(n: int, start: int = 0) -> list[Article]:
    """Plain articles about the weather in Đà Nẵng: bulk for pagination and facets."""
    return [Article(url=f"https://tin.example.vn/filler-{i}.html", title=f"Đà Nẵng nắng đẹp ngày {i}",
                    body=f"Bản tin số {i}: trời Đà Nẵng nắng đẹp, biển êm, du khách đông.",
                    source=("baomau", "tinnhanh", "diendan")[i % 3],
                    published=at(2019 + i % 4, 1 + i % 12, 1 + i % 28, 12, 0))
            for i in range(start, start + n)]


def build(data_dir: Path, articles: list[Article], procs: int = 1) -> tuple[ArticleStore, Path, dict[str, int]]:
    """Store the articles and index them; returns the store, index dir and url → article id."""
    store = ArticleStore(data_dir / "articles.sqlite3")
    results = store.upsert_many(articles)
    index_dir = data_dir / "index"
    with open_engine(index_dir, IndexSettings(procs=procs)) as engine:
        engine.update(store)
    return store, index_dir, {a.url: r.id for a, r in zip(articles, results)}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)
