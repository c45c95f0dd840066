"""The sample archive: invented Vietnamese news from three invented sources, 2016-2025.

`sample_archive()` generates it deterministically (a seeded random generator, so every run and
every machine gets the same articles) from the templates, sources and word lists that stories.py
reads from stories.json, sources.json and words.json. The sites in sites.py render these articles as web pages, feeds and sitemaps; tests
use the same objects to know what a crawl of the sample must find.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from store import DEFAULT_TZ

from .stories import PLANS, SPECIAL_ARTICLES, TOPICS, SourcePlan, Topic
from .stories import WORDS as w

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
    given = rng.choice(w.given_female if female else w.given_male)
    middle = rng.choice(w.middle_female if female else w.middle_male)
    full = f"{rng.choice(w.surnames)} {middle} {given}"
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
            xa = f"{rng.choice(w.communes)}, {rng.choice(w.lang_son_districts)}"
            xa2 = f"{rng.choice(w.communes)}, {rng.choice(w.lang_son_districts)}"
        else:
            places = topic.places or self.plan.provinces
            if topic.key in RURAL_TOPICS:  # homestays, harvests and frost belong to the provinces
                places = tuple(p for p in places if p not in w.central_cities)
            tinh = rng.choice(places)
            thanhpho = w.city_of.get(tinh, tinh)
            xa, xa2 = rng.sample(w.communes, 2)
        people = [_person(rng), _person(rng, young=rng.random() < 0.6), _person(rng)]
        year = when.year
        quarter = (when.month - 1) // 3 + 1
        ky = rng.choice((f"quý {'I II III IV'.split()[max(quarter - 2, 0)]}", "6 tháng đầu năm", f"năm {year}",
                         f"{max(when.month - 1, 1)} tháng đầu năm"))
        s = {
            "tinh": tinh, "thanhpho": thanhpho, "xa": xa, "xa2": xa2, "song": w.river_of.get(tinh, w.default_river),
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
            "crop": rng.choice(w.crops), "good": rng.choice(w.goods), "gate": rng.choice(w.border_gates),
            "road": rng.choice(w.lang_son_roads if self.plan.name == "biencuong" else w.roads),
            "pho": rng.choice(w.city_streets), 
            "school": rng.choice(w.schools), "school_thpt": rng.choice(w.high_schools), "subject": rng.choice(w.subjects), "hospital": rng.choice(w.hospitals),
            "disease": rng.choice(w.diseases), "sport": rng.choice(w.sports), "festival": rng.choice(w.festivals),
            "craft": rng.choice(w.crafts), "dish": rng.choice(w.dishes), "dish2": rng.choice(w.dishes),
            "storm": rng.choice(w.storms), "app": rng.choice(w.apps), "company": rng.choice(w.companies),
        }
        s["team"], s["team2"] = rng.sample(w.teams, 2)
        s["vehicle"], s["vehicle2"] = rng.sample(w.vehicles, 2)
        s["sight"], s["sight2"] = rng.sample(w.sights, 2)
        if s["dish2"] == s["dish"]:
            s["dish2"] = w.dishes[(w.dishes.index(s["dish"]) + 1) % len(w.dishes)]
        for i, person in enumerate(people, start=1):
            s[f"p{i}"], s[f"p{i}_ten"] = person["full"], person["given"]
            s[f"p{i}_ong"] = s[f"p{i}_anh"] = person["ong"]
            s[f"P{i}_ong"] = s[f"P{i}_anh"] = person["ong"].capitalize()
        s["tinh_full"] = f"thành phố {tinh}" if tinh in w.central_cities else f"tỉnh {tinh}"
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
            angle = title_template.angles
            title = _sentences(title_template.text.format_map(s))
            if title not in self.titles:
                break
        self.titles.add(title)
        lead = _sentences(rng.choice([x for x in topic.leads if x.fits(angle, when.year)]).text.format_map(s))
        pool = [x for x in topic.paragraphs if x.fits(angle, when.year)]
        chosen = sorted(rng.sample(range(len(pool)), k=min(len(pool), rng.randint(2, 5))))
        paragraphs = [_sentences(pool[i].text.format_map(s)) for i in chosen]
        quotes = [x for x in topic.quotes if x.fits(angle, when.year)]
        if quotes and rng.random() < 0.8:
            paragraphs.insert(rng.randint(1, len(paragraphs)), _sentences(rng.choice(quotes).text.format_map(s)))
        return dict(topic=topic.key, when=when, title=title, lead=lead, paragraphs=tuple(paragraphs))

    def write(self) -> list[SampleArticle]:
        specials = [a for a in SPECIAL_ARTICLES if a.source == self.plan.name]
        drafts = [self.article(i) for i in range(self.plan.count - len(specials))]
        drafts += [dict(topic=a.topic, when=a.published, title=a.title, lead=a.lead, paragraphs=a.paragraphs)
                   for a in specials]
        drafts.sort(key=lambda d: d["when"])
        base = self.plan.first_number
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


CORRECTIONS = (   # one per corrected article, so that the corrections make no two articles alike
    "Thông tin bổ sung: chiều cùng ngày, đại diện cơ quan chức năng cho biết các số liệu nêu trên mới là báo cáo "
    "ban đầu, sẽ tiếp tục được rà soát và công bố chính thức trong tuần tới.",
    "Cập nhật: theo số liệu mới nhất do địa phương gửi lên tối qua, con số thực tế cao hơn so với thông tin "
    "đưa ra buổi sáng.",
    "Đính chính: một số chi tiết trong bản tin trước chưa chính xác; tòa soạn đã sửa lại theo văn bản trả lời "
    "của đơn vị liên quan.",
)
CORRECTION_NOTE = "Bài viết đã được cập nhật."


def correction_of(article: SampleArticle) -> str:
    """The paragraph the site adds when it corrects this article."""
    return CORRECTIONS[article.number % len(CORRECTIONS)]


def corrected(article: SampleArticle) -> SampleArticle:
    """The article as its site corrects it after publication (the sample sites' second edition): a
    paragraph added after the first, the last paragraph's last sentence withdrawn, a note at the end."""
    paragraphs = list(article.paragraphs)
    sentences = re.split(r"(?<=[.!?])\s+", paragraphs[-1])
    if len(sentences) > 1:
        paragraphs[-1] = " ".join(sentences[:-1])
    paragraphs.insert(1, correction_of(article))
    paragraphs.append(CORRECTION_NOTE)
    return replace(article, paragraphs=tuple(paragraphs))


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
