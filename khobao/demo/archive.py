"""The sample archive: invented Vietnamese news from three invented sources, 2016-2025.

`sample_archive()` generates it deterministically from the templates in stories.py and the word
lists in words.py (a seeded random generator, so every run and every machine gets the same
articles). The sites in sites.py render these articles as web pages, feeds and sitemaps; tests
use the same objects to know what a crawl of the sample must find.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from store import DEFAULT_TZ

from . import words as w
from .stories import TOPICS, Topic

LOCAL = ZoneInfo(DEFAULT_TZ)
SEED = "khobao-demo-1"
RURAL_TOPICS = frozenset({"du-lich", "nong-nghiep", "ret-dam"})


@dataclass(frozen=True)
class SampleArticle:
    source: str                 # the source's name
    number: int                 # the article's id on its site
    topic: str
    section: str                # section name as the site writes it
    title: str
    lead: str                   # the sapo
    paragraphs: tuple[str, ...]
    author: str
    published: datetime         # aware, Asia/Ho_Chi_Minh

    @property
    def body(self) -> str:
        """What a good cleaner should extract: the lead and the paragraphs, one a line."""
        return "\n".join((self.lead, *self.paragraphs))

    @property
    def slug(self) -> str:
        return slugify(self.title)


@dataclass(frozen=True)
class SourcePlan:
    """How one invented source writes: its years, topics, places, sections and tone-mark style."""

    name: str
    label: str
    years: tuple[int, int]                   # first and last year, inclusive
    count: int
    topics: dict[str, int]                   # topic key -> weight
    sections: dict[str, str]                 # topic key -> section name on the site
    provinces: tuple[str, ...]
    tone_style: str                          # "old" (hòa), "new" (hoà) or "mixed" (new until 2019)
    authors: tuple[str, ...] = field(default=())


SECTIONS_MODERN = {"kinh-te": "Kinh tế", "nong-nghiep": "Kinh tế", "cua-khau": "Kinh tế", "giao-thong": "Thời sự",
                   "mua-lu": "Thời sự", "ret-dam": "Thời sự", "van-hoa": "Văn hóa", "du-lich": "Du lịch",
                   "the-thao": "Thể thao", "giao-duc": "Giáo dục", "y-te": "Sức khỏe", "do-thi": "Thời sự",
                   "cong-nghe": "Số hóa"}
SECTIONS_RIVER = {"kinh-te": "Kinh doanh", "nong-nghiep": "Nông nghiệp", "cua-khau": "Kinh doanh",
                  "giao-thong": "Giao thông", "mua-lu": "Xã hội", "ret-dam": "Xã hội", "van-hoa": "Văn hóa",
                  "du-lich": "Văn hóa", "the-thao": "Thể thao", "giao-duc": "Giáo dục", "y-te": "Y tế",
                  "do-thi": "Đô thị", "cong-nghe": "Kinh doanh"}
SECTIONS_PROVINCIAL = {"kinh-te": "Kinh tế", "nong-nghiep": "Nông nghiệp - Nông thôn", "cua-khau": "Kinh tế cửa khẩu",
                       "giao-thong": "Xã hội", "mua-lu": "Xã hội", "ret-dam": "Xã hội", "van-hoa": "Văn hóa - Du lịch",
                       "du-lich": "Văn hóa - Du lịch", "the-thao": "Thể thao", "giao-duc": "Giáo dục",
                       "y-te": "Y tế", "do-thi": "Xã hội", "cong-nghe": "Kinh tế"}

PLANS = (
    SourcePlan(
        name="nhipsong", label="Nhịp Sống Việt", years=(2018, 2025), count=64,
        topics={"kinh-te": 6, "nong-nghiep": 3, "giao-thong": 4, "mua-lu": 3, "ret-dam": 1, "van-hoa": 3,
                "du-lich": 4, "the-thao": 5, "giao-duc": 4, "y-te": 5, "do-thi": 3, "cong-nghe": 5},
        sections=SECTIONS_MODERN, provinces=w.PROVINCES_NATIONAL, tone_style="new",
        authors=("Minh Châu", "Hoàng Anh", "Thu Trang", "Đức Huy", "Lê Phương", "Bảo Ngọc"),
    ),
    SourcePlan(
        name="songhong", label="Tin Sông Hồng", years=(2016, 2025), count=60,
        topics={"kinh-te": 4, "nong-nghiep": 4, "giao-thong": 6, "mua-lu": 4, "ret-dam": 2, "van-hoa": 3,
                "du-lich": 2, "the-thao": 3, "giao-duc": 4, "y-te": 4, "do-thi": 5, "cong-nghe": 2},
        sections=SECTIONS_RIVER, provinces=w.PROVINCES_NORTH, tone_style="old",
        authors=("Nguyễn Hà", "Trần Quân", "Phạm Thủy", "Vũ Long", "Đỗ Hằng"),
    ),
    SourcePlan(
        name="biencuong", label="Báo Biên Cương", years=(2016, 2023), count=56,
        topics={"kinh-te": 3, "nong-nghiep": 5, "cua-khau": 6, "giao-thong": 3, "mua-lu": 2, "ret-dam": 3,
                "van-hoa": 4, "du-lich": 3, "the-thao": 2, "giao-duc": 3, "y-te": 3, "do-thi": 2, "cong-nghe": 2},
        sections=SECTIONS_PROVINCIAL, provinces=("Lạng Sơn",), tone_style="mixed",
        authors=("Nông Thị Hạnh", "Hoàng Văn Tú", "Lục Minh Đức", "Vi Thị Mai"),
    ),
)

TITLE_SPECIAL = {  # hand-written articles that pin behaviour the tests check
    "songhong": [
        # 00:15 on 1 January local time is still 31 December in UTC: must count in the new year.
        dict(topic="do-thi", when=(2021, 1, 1, 0, 15),
             title="Pháo hoa rực rỡ đón năm mới 2021 trên bầu trời Hà Nội",
             lead="Đúng 0 giờ ngày 1/1/2021, màn pháo hoa tầm thấp kéo dài mười lăm phút đã thắp sáng bầu trời "
                  "Hà Nội, hàng vạn người dân đổ về bờ hồ chào đón năm mới.",
             paragraphs=("Từ chiều tối 31/12, các tuyến phố đi bộ quanh hồ đã đông kín người. Lực lượng công an, "
                         "thanh niên tình nguyện được bố trí để phân luồng và giữ gìn trật tự.",
                         "Nhiều gia đình đưa con nhỏ đi xem, các bạn trẻ chụp ảnh, gửi lời chúc mừng năm mới tới "
                         "người thân. Sau màn bắn pháo hoa, người dân về nhà trong trật tự.")),
    ],
    "biencuong": [
        # "Hạ Nội" (a village) without "Hà Nội": an accented search for one must not find the other.
        dict(topic="nong-nghiep", when=(2018, 9, 14, 15, 20),
             title="Thôn Hạ Nội vào mùa thu hoạch hồi",
             lead="Những ngày giữa tháng 9, người dân thôn Hạ Nội, xã Hoàng Đồng, thành phố Lạng Sơn, tất bật lên đồi "
                  "thu hái hoa hồi vụ chính. Năm nay hồi được mùa, giá bán ổn định.",
             paragraphs=("Cả thôn có gần tám mươi héc-ta hồi, phần lớn đã cho thu hoạch nhiều năm. Hồi tươi được các "
                         "cơ sở trong vùng thu mua ngay tại nhà, một phần đem phơi khô để bán dần.",
                         "Ông Hoàng Văn Lâm, trưởng thôn, cho biết nhiều hộ đã làm lò sấy để giữ màu hồi đẹp hơn, "
                         "bán được giá cao hơn so với phơi nắng.")),
        # A day-first date that a month-first parser would read as 3 May.
        dict(topic="cua-khau", when=(2021, 3, 5, 8, 30),
             title="Lạng Sơn thông quan trở lại cho xe chở thanh long",
             lead="Sáng 5/3/2021, hoạt động thông quan hàng hóa qua cửa khẩu Tân Thanh đã trở lại bình thường sau "
                  "nhiều ngày ùn ứ, hàng trăm xe thanh long được làm thủ tục xuất khẩu.",
             paragraphs=("Trong đêm, lực lượng hải quan và biên phòng làm việc xuyên ca để giải phóng bãi chờ. "
                         "Các lái xe vui mừng vì hàng không bị hỏng sau nhiều ngày nằm chờ.",)),
    ],
}


# -- helpers ------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = re.compile(rf"(?<![qQ])([oO])([{_TONES}])([aAeE])(?![^\W_]|[\u0300-\u036f])"
                        rf"|(?<![qQ])([uU])([{_TONES}])([yY])(?![^\W_]|[\u0300-\u036f])")


def new_tone_style(text: str) -> str:
    """hòa → hoà, thủy → thuỷ, Ủy → Uỷ, khỏe → khoẻ: the mark on the second vowel of open oa/oe/uy."""
    def move(m: re.Match) -> str:
        if m.group(1):
            return m.group(1) + m.group(3) + m.group(2)
        return m.group(4) + m.group(6) + m.group(5)
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(move, unicodedata.normalize("NFD", text)))


def slugify(text: str) -> str:
    """A Vietnamese title as a URL slug: "Hà Nội mở đường" → "ha-noi-mo-duong"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].rstrip("-")


def vn_number(value: float, decimals: int = 0) -> str:
    """Vietnamese number format: 1.250 and 7,4."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _person(rng: random.Random, young: bool = False) -> dict[str, str]:
    female = rng.random() < 0.45
    given = rng.choice(w.GIVEN_FEMALE if female else w.GIVEN_MALE)
    middle = rng.choice(w.MIDDLE_FEMALE if female else w.MIDDLE_MALE)
    full = f"{rng.choice(w.SURNAMES)} {middle} {given}"
    ong = ("chị" if female else "anh") if young else ("bà" if female else "ông")
    return {"full": full, "given": given, "ong": ong}


# -- the generator ------------------------------------------------------------------------------


class _Writer:
    """Writes the articles of one source, deterministically from the seed."""

    def __init__(self, plan: SourcePlan, seed: str, titles: set[str]):
        self.plan = plan
        self.rng = random.Random(f"{seed}:{plan.name}")
        self.titles = titles  # shared by all sources: every headline in the archive is unique

    def slots(self, topic: Topic, when: datetime) -> dict[str, str]:
        rng = self.rng
        if self.plan.name == "biencuong":
            tinh, thanhpho = "Lạng Sơn", "thành phố Lạng Sơn"
            xa = f"{rng.choice(w.COMMUNES)}, {rng.choice(w.LANG_SON_DISTRICTS)}"
            xa2 = f"{rng.choice(w.COMMUNES)}, {rng.choice(w.LANG_SON_DISTRICTS)}"
        else:
            places = topic.places or self.plan.provinces
            if topic.key in RURAL_TOPICS:  # homestays, harvests and frost belong to the provinces
                places = tuple(p for p in places if p not in w.CENTRAL_CITIES)
            tinh = rng.choice(places)
            thanhpho = w.CITY_OF.get(tinh, tinh)
            xa, xa2 = rng.sample(w.COMMUNES, 2)
        people = [_person(rng), _person(rng, young=rng.random() < 0.6), _person(rng)]
        year = when.year
        quarter = (when.month - 1) // 3 + 1
        ky = rng.choice((f"quý {'I II III IV'.split()[max(quarter - 2, 0)]}", "6 tháng đầu năm", f"năm {year}",
                         f"{max(when.month - 1, 1)} tháng đầu năm"))
        s = {
            "tinh": tinh, "thanhpho": thanhpho, "xa": xa, "xa2": xa2, "song": w.RIVER_OF.get(tinh, w.DEFAULT_RIVER),
            "nam": str(year), "namtruoc": str(year - 1), "namsau": str(year + 1), "thang": str(when.month),
            "ngay": str(max(when.day - 1, 1)), "ngay2": str(min(when.day + 2, 28)), "quy": "I II III IV".split()[quarter - 1],
            "ky": ky, "gio": str(rng.randint(5, 10)),
            "pct": vn_number(rng.uniform(2.5, 9.8), 1), "pct2": str(rng.randint(25, 45)), "pct3": str(rng.randint(38, 92)),
            "ty": vn_number(rng.randint(45, 2400)), "ty2": vn_number(rng.randint(1500, 60000)),
            "so": str(rng.randint(11, 96)), "so_nho": str(rng.randint(2, 9)), "so_nguoi": str(rng.randint(40, 650)),
            "songay": str(rng.randint(3, 15)), "km": vn_number(rng.uniform(2, 45), 1), "mm": str(rng.randint(120, 260)),
            "mm2": str(rng.randint(280, 650)), "nhiet": str(rng.randint(1, 7)), "ha": vn_number(rng.randint(60, 4800)),
            "tan": vn_number(rng.randint(300, 90000)), "tan2": vn_number(rng.randint(100, 4000)),
            "gia": vn_number(rng.randint(5, 60) * 1000), "gia2": vn_number(rng.randint(61, 120) * 1000),
            "gia_tour": vn_number(rng.randint(9, 35) * 100_000),
            "so_xe": vn_number(rng.randint(250, 1800)), "nghin": vn_number(rng.randint(3, 190)),
            "thi_sinh": vn_number(rng.randint(35, 240) * 100),
            "so_ca": vn_number(rng.randint(120, 2600)), "ban1": str(rng.randint(2, 3)), "ban2": "1",
            "crop": rng.choice(w.CROPS), "good": rng.choice(w.GOODS), "gate": rng.choice(w.BORDER_GATES),
            "road": rng.choice(w.LANG_SON_ROADS if self.plan.name == "biencuong" else w.ROADS),
            "pho": rng.choice(w.CITY_STREETS), 
            "school": rng.choice(w.SCHOOLS), "school_thpt": rng.choice(w.HIGH_SCHOOLS), "subject": rng.choice(w.SUBJECTS), "hospital": rng.choice(w.HOSPITALS),
            "disease": rng.choice(w.DISEASES), "sport": rng.choice(w.SPORTS), "festival": rng.choice(w.FESTIVALS),
            "craft": rng.choice(w.CRAFTS), "dish": rng.choice(w.DISHES), "dish2": rng.choice(w.DISHES),
            "storm": rng.choice(w.STORMS), "app": rng.choice(w.APPS), "company": rng.choice(w.COMPANIES),
        }
        s["team"], s["team2"] = rng.sample(w.TEAMS, 2)
        s["vehicle"], s["vehicle2"] = rng.sample(w.VEHICLES, 2)
        s["sight"], s["sight2"] = rng.sample(w.SIGHTS, 2)
        if s["dish2"] == s["dish"]:
            s["dish2"] = w.DISHES[(w.DISHES.index(s["dish"]) + 1) % len(w.DISHES)]
        for i, person in enumerate(people, start=1):
            s[f"p{i}"], s[f"p{i}_ten"] = person["full"], person["given"]
            s[f"p{i}_ong"] = s[f"p{i}_anh"] = person["ong"]
            s[f"P{i}_ong"] = s[f"P{i}_anh"] = person["ong"].capitalize()
        s["tinh_full"] = f"thành phố {tinh}" if tinh in w.CENTRAL_CITIES else f"tỉnh {tinh}"
        s["role1"] = rng.choice(topic.roles).format_map(s)
        return s

    def when(self, index: int, topic: Topic) -> datetime:
        first, last = self.plan.years
        span = last - first + 1
        year = first + (index * span) // self.plan.count
        month = self.rng.choice(topic.months or tuple(range(1, 13)))
        return datetime(year, month, self.rng.randint(1, 28), self.rng.randint(5, 22), self.rng.choice((0, 5, 15, 30, 42, 50)),
                         tzinfo=LOCAL)

    def style(self, text: str, year: int) -> str:
        if self.plan.tone_style == "new" or (self.plan.tone_style == "mixed" and year <= 2019):
            return new_tone_style(text)
        return text

    def article(self, index: int) -> dict:
        rng = self.rng
        keys = list(self.plan.topics)
        topic = TOPICS[rng.choices(keys, weights=[self.plan.topics[k] for k in keys])[0]]
        when = self.when(index, topic)
        for _ in range(20):
            s = self.slots(topic, when)
            title_template = rng.choice(topic.titles)
            angle = _angle(title_template)
            title = _sentences(_text(title_template).format_map(s))
            if title not in self.titles:
                break
        self.titles.add(title)
        lead = _sentences(_text(rng.choice([x for x in topic.leads if _fits(x, angle, when.year)])).format_map(s))
        pool = [x for x in topic.paragraphs if _fits(x, angle, when.year)]
        chosen = sorted(rng.sample(range(len(pool)), k=min(len(pool), rng.randint(2, 5))))
        paragraphs = [_sentences(_text(pool[i]).format_map(s)) for i in chosen]
        quotes = [x for x in topic.quotes if _fits(x, angle, when.year)]
        if quotes and rng.random() < 0.8:
            paragraphs.insert(rng.randint(1, len(paragraphs)), _sentences(_text(rng.choice(quotes)).format_map(s)))
        return dict(topic=topic.key, when=when, title=title, lead=lead, paragraphs=tuple(paragraphs))

    def write(self) -> list[SampleArticle]:
        drafts = [self.article(i) for i in range(self.plan.count - len(TITLE_SPECIAL.get(self.plan.name, ())))]
        for special in TITLE_SPECIAL.get(self.plan.name, ()):
            drafts.append({**special, "when": datetime(*special["when"], tzinfo=LOCAL)})
        drafts.sort(key=lambda d: d["when"])
        base = {"nhipsong": 4_100_000, "songhong": 20_160_000, "biencuong": 1_000}[self.plan.name]
        articles = []
        for i, d in enumerate(drafts):
            year = d["when"].year
            articles.append(SampleArticle(
                source=self.plan.name, number=base + i * 7 + self.rng.randint(0, 6), topic=d["topic"],
                section=self.style(self.plan.sections[d["topic"]], year),
                title=self.style(d["title"], year), lead=self.style(d["lead"], year),
                paragraphs=tuple(self.style(p, year) for p in d["paragraphs"]),
                author=self.rng.choice(self.plan.authors), published=d["when"],
            ))
        return articles


def _angle(template: str) -> str:
    m = re.match(r"(?:@\d{4}-\d{4} )?([a-e]+)\|", template)
    return m.group(1) if m else ""


def _fits(template: str, angle: str, year: int) -> bool:
    """Does a lead, paragraph or quote fit an article of this angle and year?"""
    m = re.match(r"@(\d{4})-(\d{4}) ", template)
    if m and not int(m.group(1)) <= year <= int(m.group(2)):
        return False
    own = _angle(template)
    return not own or not angle or bool(set(own) & set(angle))


def _text(template: str) -> str:
    return re.sub(r"^(?:@\d{4}-\d{4} )?(?:[a-e]+\|)?", "", template)


def _sentences(text: str) -> str:
    """Capitalise a sentence that starts with a slot ("{app} cũng..." → "Ứng dụng... cũng...")."""
    return re.sub(r"(^|[.!?]\s+|^“)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), text)


@lru_cache(maxsize=4)
def sample_archive(seed: str = SEED) -> dict[str, tuple[SampleArticle, ...]]:
    """Every source's articles, oldest first. Deterministic: same seed, same archive."""
    titles: set[str] = set()
    return {plan.name: tuple(_Writer(plan, seed, titles).write()) for plan in PLANS}


def plan(name: str) -> SourcePlan:
    return next(p for p in PLANS if p.name == name)
