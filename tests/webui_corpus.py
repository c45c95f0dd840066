"""A small invented Vietnamese news archive for the web UI tests, built into a real store and index.

Every article is written here (places, events and figures are made up). The mix is chosen so the
UI has something to show: "Hà Nội" in more articles than fit on one page, three sources, ten
years, both tone spellings of "hoà bình", an article that changed (versions), one deleted, one with
markup-like text that must come out escaped, and a cluster of related flood stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from indexer import open_engine
from indexer.settings import IndexSettings
from store import Article, ArticleStore

HANOI = timezone(timedelta(hours=7))
SOURCES = ("thoidai", "songmoi", "langque")
PLACES = ("Hà Nội", "Đà Nẵng", "Hà Nội", "Cần Thơ", "Hải Phòng", "Hà Nội", "Lạng Sơn", "Quảng Ninh")

TOPICS = [
    ("{place} khởi công tuyến đường vành đai số {n}",
     "Sáng nay, {place} khởi công tuyến đường vành đai số {n} dài {km} km, nối các khu dân cư phía tây.",
     "Theo ban quản lý dự án, công trình dự kiến hoàn thành sau {m} tháng thi công.",
     "Người dân ven tuyến cho biết họ mong con đường sớm thông xe để bớt cảnh ùn tắc giờ cao điểm.",
     "Giao thông"),
    ("Kinh tế {place} tăng trưởng {n}% trong năm {year}",
     "Báo cáo của sở kế hoạch cho thấy kinh tế {place} tăng trưởng {n}% trong năm {year}.",
     "Xuất khẩu nông sản và dịch vụ du lịch là hai động lực chính của thành phố.",
     "Các chuyên gia cho rằng cần đầu tư thêm cho hạ tầng số và đào tạo nghề.",
     "Kinh tế"),
    ("Học sinh {place} bước vào kỳ thi tốt nghiệp năm {year}",
     "Hơn {n} nghìn thí sinh tại {place} làm thủ tục dự thi tốt nghiệp trung học phổ thông.",
     "Sở giáo dục bố trí lực lượng hỗ trợ tại các điểm thi xa trung tâm.",
     "Nhiều phụ huynh đưa con đến điểm thi từ sáng sớm để tránh ùn tắc.",
     "Giáo dục"),
    ("Lễ hội hoa xuân {place} thu hút du khách",
     "Lễ hội hoa xuân {place} năm {year} mở cửa với hàng trăm loài hoa từ các làng nghề.",
     "Ban tổ chức ước tính có khoảng {n} nghìn lượt khách trong ba ngày đầu.",
     "Nghệ nhân trồng hoa chia sẻ kinh nghiệm giữ hoa tươi lâu trong tiết trời nồm ẩm.",
     "Văn hoá"),
    ("Bệnh viện đa khoa {place} tiếp nhận thiết bị chụp cắt lớp",
     "Bệnh viện đa khoa {place} vừa đưa vào sử dụng máy chụp cắt lớp {n} dãy.",
     "Lãnh đạo bệnh viện cho biết thiết bị giúp rút ngắn thời gian chẩn đoán cho người bệnh.",
     "Trước đây nhiều ca bệnh phải chuyển lên tuyến trên để chụp chiếu.",
     "Y tế"),
    ("Thủ tướng làm việc với lãnh đạo {place} về quy hoạch",
     "Chiều qua, Thủ tướng có buổi làm việc với lãnh đạo {place} về quy hoạch vùng đến năm {later}.",
     "Thủ tướng đề nghị địa phương chú trọng phát triển đô thị xanh và giao thông công cộng.",
     "Lãnh đạo {place} kiến nghị cơ chế đặc thù để thu hút đầu tư.",
     "Thời sự"),
]


@dataclass(frozen=True)
class Special:
    """Articles tests refer to by a name."""
    key: str
    article: Article


def _when(year: int, month: int, day: int, hour: int = 8) -> datetime:
    return datetime(year, month, day, hour, 15, tzinfo=HANOI)


def generated_articles() -> list[Article]:
    """48 articles: 6 topics × 8 places, spread over 2015-2024, three sources."""
    out = []
    for i in range(48):
        title, *paragraphs, section = TOPICS[i % len(TOPICS)]
        place = PLACES[(i // len(TOPICS)) % len(PLACES)]
        year = 2015 + (i * 7) % 10
        values = dict(place=place, n=3 + i % 9, km=10 + i, m=12 + i % 24, year=year, later=year + 15)
        out.append(Article(
            url=f"https://{SOURCES[i % 3]}.example.vn/{section.lower().replace(' ', '-')}/bai-{i + 1}.html",
            source=SOURCES[i % 3], section=section, author=["Minh Anh", "Thu Trang", "Quốc Bảo"][i % 3],
            title=title.format(**values), body="\n".join(p.format(**values) for p in paragraphs),
            published=_when(year, 1 + (i * 5) % 12, 1 + (i * 7) % 28),
            fetched_at=datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc), http_status=200,
        ))
    return out


def special_articles() -> list[Special]:
    fetched = datetime(2025, 2, 3, 4, 5, tzinfo=timezone.utc)
    flood = [
        ("Mưa lũ miền Trung gây ngập sâu nhiều xã ven sông",
         "Mưa lũ miền Trung kéo dài ba ngày khiến nước sông dâng cao, nhiều xã ven sông ngập sâu.\n"
         "Lực lượng cứu hộ đã sơ tán hàng nghìn hộ dân đến nơi an toàn.\n"
         "Chính quyền địa phương cấp phát lương thực và nước sạch cho bà con vùng lũ."),
        ("Khắc phục hậu quả mưa lũ miền Trung sau đợt ngập sâu",
         "Sau đợt mưa lũ miền Trung, các xã ven sông bắt đầu dọn dẹp bùn đất.\n"
         "Lực lượng cứu hộ tiếp tục hỗ trợ bà con vùng lũ sửa lại nhà cửa.\n"
         "Ngành y tế phun thuốc khử trùng để phòng dịch bệnh sau ngập sâu."),
        ("Cảnh báo mưa lũ miền Trung trong tuần tới",
         "Trung tâm dự báo cảnh báo mưa lũ miền Trung có thể tiếp diễn trong tuần tới.\n"
         "Các xã ven sông được yêu cầu chuẩn bị phương án sơ tán bà con vùng lũ.\n"
         "Lực lượng cứu hộ trực sẵn sàng tại những nơi thường ngập sâu."),
    ]
    specials = [
        Special("dbp", Article(
            url="https://thoidai.example.vn/thoi-su/ky-niem-dien-bien-phu.html", source="thoidai", section="Thời sự",
            author="Quốc Bảo", title="Kỷ niệm 70 năm chiến thắng Điện Biên Phủ",
            body="Hàng nghìn người dân về thành phố Điện Biên Phủ dự lễ kỷ niệm.\n"
                 "Các cựu chiến binh kể lại ký ức về những ngày chiến đấu năm xưa.",
            published=_when(2024, 5, 7), fetched_at=fetched, http_status=200)),
        Special("hoa_binh_new", Article(
            url="https://songmoi.example.vn/the-gioi/hoa-binh-khu-vuc.html", source="songmoi", section="Thế giới",
            title="Hội nghị bàn về hoà bình và hợp tác khu vực",
            body="Các đại biểu nhấn mạnh vai trò của đối thoại trong việc giữ gìn hoà bình.",
            published=_when(2019, 9, 12), fetched_at=fetched, http_status=200)),
        Special("hoa_binh_old", Article(
            url="https://langque.example.vn/the-gioi/giu-gin-hoa-binh.html", source="langque", section="Thế giới",
            title="Thanh niên chung tay giữ gìn hòa bình",
            body="Diễn đàn thanh niên bàn cách lan toả thông điệp hòa bình tới các trường học.",
            published=_when(2021, 3, 2), fetched_at=fetched, http_status=200)),
        Special("markup", Article(
            url="https://songmoi.example.vn/cong-nghe/ma-doc.html", source="songmoi", section="Công nghệ",
            author="<b>Nhóm phóng viên</b>",
            title="Cảnh báo mã độc <script>alert('xss')</script> lây qua thư điện tử",
            body="Chuyên gia bảo mật phát hiện đoạn mã <img src=x onerror=alert(1)> giả dạng hoá đơn.\n"
                 "Người dùng nên cảnh giác với tệp đính kèm lạ & không mở liên kết không rõ nguồn.",
            published=_when(2023, 11, 20), fetched_at=fetched, http_status=200)),
        Special("changed", Article(
            url="https://thoidai.example.vn/kinh-te/gia-xang.html", source="thoidai", section="Kinh tế",
            title="Giá xăng giảm nhẹ từ chiều nay",
            body="Liên bộ điều chỉnh giá xăng giảm nhẹ từ 15 giờ chiều nay.",
            published=_when(2022, 6, 21, 15), fetched_at=datetime(2024, 6, 21, 9, 0, tzinfo=timezone.utc),
            http_status=200, warc_file="thoidai-20240621.warc.gz", warc_offset=4096)),
        Special("deleted", Article(
            url="https://langque.example.vn/xa-hoi/bai-da-go.html", source="langque", title="Bài viết đã gỡ",
            body="Nội dung này đã bị gỡ theo yêu cầu của tác giả.", published=_when(2020, 2, 2),
            fetched_at=fetched, http_status=200)),
    ]
    for i, (title, body) in enumerate(flood):
        specials.append(Special(f"flood{i + 1}", Article(
            url=f"https://langque.example.vn/thoi-su/mua-lu-{i + 1}.html", source="langque", section="Thời sự",
            title=title, body=body, published=_when(2020, 10, 10 + i * 3), fetched_at=fetched, http_status=200)))
    return specials


@dataclass(frozen=True)
class BuiltArchive:
    data_dir: Path
    store_path: Path
    index_dir: Path
    ids: dict[str, int]          # special key -> article id
    live_count: int


def build_archive(data_dir: Path) -> BuiltArchive:
    """Write every article into a fresh store, make one of them change and one disappear, index it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store_path, index_dir = data_dir / "articles.sqlite3", data_dir / "index"
    specials = special_articles()
    with ArticleStore(store_path) as store:
        store.upsert_many(generated_articles())
        ids = {s.key: store.upsert(s.article).id for s in specials}
        changed = next(s.article for s in specials if s.key == "changed")
        store.upsert(changed.replace(
            body=changed.body + "\nCập nhật: giá dầu diesel cũng giảm 300 đồng mỗi lít.",
            fetched_at=datetime(2024, 6, 21, 12, 30, tzinfo=timezone.utc),
            warc_file="thoidai-20240621.warc.gz", warc_offset=9216))
        store.delete(next(s.article for s in specials if s.key == "deleted").url)
        with open_engine(index_dir, IndexSettings(procs=1)) as engine:
            engine.update(store)
        live = store.count()
    return BuiltArchive(data_dir, store_path, index_dir, ids, live)
