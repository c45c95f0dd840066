"""Invented Vietnamese news that changes after publication, for the version tests.

`fire` is stored three times: the second fetch corrects a number and adds a paragraph, the third
rewrites the title, moves the published time and drops a sentence; a long paragraph never changes
(the page folds it). `market` changes once (its section and a word). `weather` is fetched twice
with the same text: never edited. The rest are one-version articles around them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from indexer import open_engine
from indexer.settings import IndexSettings
from store import Article, ArticleStore

HANOI = timezone(timedelta(hours=7))

LONG_PARAGRAPH = (
    "Theo người dân sống gần đó, khu nhà kho vốn là xưởng may cũ, được cho thuê lại làm nơi chứa "
    "hàng tiêu dùng từ nhiều năm nay. Mỗi sáng có hàng chục xe tải ra vào bốc dỡ hàng, con ngõ nhỏ "
    "thường xuyên ùn tắc vào giờ cao điểm. Nhiều hộ gia đình từng kiến nghị chính quyền phường kiểm "
    "tra việc phòng cháy ở khu vực này, nhất là vào mùa hanh khô khi gió thổi mạnh từ phía bờ sông.")

FIRE = [
    dict(title="Cháy nhà kho ở quận Hoàng Mai",
         body="Khoảng 7 giờ sáng nay, một nhà kho ở phường Lĩnh Nam bốc cháy dữ dội.\n"
              "Hai người bị thương được đưa đi cấp cứu.\n" + LONG_PARAGRAPH + "\n"
              "Nguyên nhân vụ cháy đang được điều tra.",
         published=datetime(2023, 3, 14, 9, 0, tzinfo=HANOI),
         fetched_at=datetime(2023, 3, 14, 3, 0, tzinfo=timezone.utc)),
    dict(title="Cháy nhà kho ở quận Hoàng Mai",
         body="Khoảng 7 giờ sáng nay, một nhà kho ở phường Lĩnh Nam bốc cháy dữ dội.\n"
              "Ba người bị thương được đưa đi cấp cứu.\n" + LONG_PARAGRAPH + "\n"
              "Nguyên nhân vụ cháy đang được điều tra.\n"
              "Lực lượng cứu hỏa mất hai giờ mới khống chế được đám cháy.",
         published=datetime(2023, 3, 14, 9, 0, tzinfo=HANOI),
         fetched_at=datetime(2023, 3, 14, 6, 0, tzinfo=timezone.utc)),
    dict(title="Cháy lớn nhà kho ở Hoàng Mai, ba người bị thương",
         body="Khoảng 7 giờ sáng nay, một nhà kho ở phường Lĩnh Nam bốc cháy dữ dội.\n"
              "Ba người bị thương được đưa đi cấp cứu.\n" + LONG_PARAGRAPH + "\n"
              "Lực lượng cứu hỏa mất hai giờ mới khống chế được đám cháy.",
         published=datetime(2023, 3, 14, 9, 30, tzinfo=HANOI),
         fetched_at=datetime(2023, 3, 15, 2, 0, tzinfo=timezone.utc)),
]

MARKET = [
    dict(title="Giá rau xanh tăng mạnh sau mưa lớn", section="Kinh tế",
         body="Sau ba ngày mưa lớn, giá rau xanh ở các chợ dân sinh tăng gấp đôi.",
         fetched_at=datetime(2023, 6, 2, 1, 0, tzinfo=timezone.utc)),
    dict(title="Giá rau xanh tăng mạnh sau mưa lớn", section="Thị trường",
         body="Sau ba ngày mưa lớn, giá rau xanh ở các chợ dân sinh tăng gần gấp đôi.",
         fetched_at=datetime(2023, 6, 2, 8, 0, tzinfo=timezone.utc)),
]

WEATHER = dict(title="Hà Nội đón đợt không khí lạnh đầu mùa",
               body="Đợt không khí lạnh đầu mùa khiến nhiệt độ ở Hà Nội giảm xuống còn 18 độ.",
               fetched_at=datetime(2023, 10, 20, 1, 0, tzinfo=timezone.utc))

OTHERS = [
    ("Khai trương thư viện mới ở Thanh Hóa", "Thư viện mới có hơn hai vạn đầu sách cho thiếu nhi."),
    ("Nông dân Đồng Tháp vào vụ lúa đông xuân", "Nông dân gieo sạ sớm để tránh hạn mặn cuối vụ."),
    ("Cầu mới nối hai bờ sông Hậu thông xe", "Cây cầu rút ngắn thời gian đi lại giữa hai tỉnh còn mười phút."),
]


def fire(n: int) -> Article:
    """The fire story as fetched the n-th time (1-3)."""
    return Article(url="https://tinmoi.example.vn/xa-hoi/chay-nha-kho.html", source="tinmoi", section="Xã hội",
                   author="Lan Hương", http_status=200, **FIRE[n - 1])


def market(n: int) -> Article:
    return Article(url="https://tinmoi.example.vn/kinh-te/gia-rau.html", source="tinmoi",
                   published=datetime(2023, 6, 2, 7, 0, tzinfo=HANOI), http_status=200, **MARKET[n - 1])


def weather(fetched_at: datetime | None = None) -> Article:
    values = dict(WEATHER, fetched_at=fetched_at or WEATHER["fetched_at"])
    return Article(url="https://baosang.example.vn/thoi-tiet/khong-khi-lanh.html", source="baosang",
                   published=datetime(2023, 10, 20, 6, 0, tzinfo=HANOI), http_status=200, **values)


def others() -> list[Article]:
    return [Article(url=f"https://baosang.example.vn/tin/{i}.html", source="baosang", title=title, body=body,
                    published=datetime(2023, 1 + i, 5, 8, 0, tzinfo=HANOI), http_status=200)
            for i, (title, body) in enumerate(OTHERS)]


def first_fetch(store_path: Path) -> dict[str, int]:
    """Every article as first fetched; their ids by name."""
    with ArticleStore(store_path) as store:
        ids = {"fire": store.upsert(fire(1)).id, "market": store.upsert(market(1)).id,
               "weather": store.upsert(weather()).id}
        store.upsert_many(others())
    return ids


def later_fetches(store_path: Path) -> None:
    """The re-fetches: fire twice changed, market once, weather unchanged."""
    with ArticleStore(store_path) as store:
        assert store.upsert(fire(2)).status == "changed"
        assert store.upsert(fire(3)).status == "changed"
        assert store.upsert(market(2)).status == "changed"
        assert store.upsert(weather(datetime(2023, 10, 21, 1, 0, tzinfo=timezone.utc))).status == "unchanged"


def build_versions_archive(data: Path) -> tuple[Path, Path, dict[str, int]]:
    """Every fetch stored in `data`, then indexed: (store path, index directory, ids by name)."""
    store_path, index_dir = data / "articles.sqlite3", data / "index"
    ids = first_fetch(store_path)
    later_fetches(store_path)
    with ArticleStore(store_path, read_only=True) as store, open_engine(index_dir, IndexSettings(procs=1)) as engine:
        engine.update(store)
    return store_path, index_dir, ids
