""""Tin Sông Thương": an invented news site with what real sites send a crawler: compressed pages, a
charset header that contradicts the page, session ids and tracking links, AMP copies, calendar and
filter traps, ever-deeper paths, and "not found" or error pages sent with status 200.

The home page links what a test puts in `links`; every article serves at /tin/<slug>-<id>.html (with
any ;jsessionid= or query), at its AMP copies (/amp/tin/..., ?amp=1) and compressed as `coded` says.
"""

from __future__ import annotations

import gzip
import html
import zlib
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import brotli

from khobao.demo.cp1258 import encode_windows_1258
from khobao.demo.siteserver import Reply, ServedSite
from sites.news import ICT, Story

NAME = "Tin Sông Thương"

STORIES = (
    Story(3001, "cho-phien-vung-cao-dong-vui-ngay-cuoi-nam", "doi-song", "Đời sống",
          "Chợ phiên vùng cao đông vui những ngày cuối năm",
          "Từ tờ mờ sáng, người dân các bản đã gùi hàng xuống chợ phiên, mang theo gà, rau rừng và vải thổ cẩm.",
          ("Chợ phiên họp mỗi tuần một lần ở xã biên giới, nhưng những ngày giáp Tết thì đông gấp ba ngày thường. "
           "Những gian hàng bán quần áo, bánh kẹo và đồ gia dụng kéo dài tới tận cổng trường tiểu học.",
           "Bà Sùng Thị Dua, người bản Khe Lìm, cho biết năm nay bà mang xuống chợ mười hai con gà và bán hết "
           "trước giờ trưa. Số tiền bán được bà dành mua áo mới cho các cháu.",
           "Ban quản lý chợ bố trí thêm bãi giữ xe máy và cử người hướng dẫn xe tải đi đường vòng để tránh "
           "ùn tắc trên con dốc dẫn vào trung tâm xã."),
          "Lò Văn Sáng", datetime(2023, 1, 14, 7, 30, tzinfo=ICT)),
    Story(3002, "hop-tac-xa-che-mo-rong-vung-nguyen-lieu", "kinh-te", "Kinh tế",
          "Hợp tác xã chè mở rộng vùng nguyên liệu sạch",
          "Hợp tác xã chè ở xã ven sông vừa ký hợp đồng bao tiêu với hơn tám mươi hộ trồng chè theo hướng hữu cơ.",
          ("Theo giám đốc hợp tác xã, diện tích chè hữu cơ năm nay tăng thêm ba mươi héc ta. Các hộ tham gia được "
           "cấp phân bón vi sinh và được cán bộ kỹ thuật hướng dẫn ghi nhật ký đồng ruộng.",
           "Giá chè búp tươi hữu cơ được thu mua cao hơn chè thường khoảng hai nghìn đồng mỗi cân. Nhiều hộ trẻ "
           "đã bỏ thuốc diệt cỏ, chuyển sang làm cỏ bằng tay và phủ rơm quanh gốc.",
           "Sản phẩm của hợp tác xã đã có mặt ở một số cửa hàng đặc sản trong tỉnh và đang chuẩn bị hồ sơ để "
           "đưa lên các sàn thương mại điện tử vào đầu năm sau."),
          "Nguyễn Thị Lan", datetime(2023, 2, 3, 15, 0, tzinfo=ICT)),
    Story(3003, "truong-hoc-moi-cho-hoc-sinh-xa-dao", "giao-duc", "Giáo dục",
          "Trường học mới cho học sinh xã đảo",
          "Ngôi trường hai tầng với mười phòng học vừa được bàn giao, học sinh xã đảo không còn phải học ca ba.",
          ("Trước đây, trường cũ chỉ có sáu phòng học xuống cấp, mùa mưa bão nhiều lớp phải nghỉ học vì mái "
           "tôn bị tốc. Giáo viên phải xếp lịch học ca ba để đủ chỗ cho hơn bốn trăm học sinh.",
           "Công trình có thư viện, phòng tin học và một sân chơi lát gạch. Nguồn vốn gồm ngân sách tỉnh và "
           "tiền đóng góp của những người con xa quê.",
           "Cô hiệu trưởng cho biết nhà trường sẽ mở câu lạc bộ đọc sách vào chiều thứ bảy, mời phụ huynh "
           "cùng tham gia để khuyến khích các em đọc sách ở nhà."),
          "Trần Văn Hưng", datetime(2023, 3, 9, 10, 15, tzinfo=ICT)),
    Story(3004, "mua-vai-thieu-som-nong-dan-lai-lon", "kinh-te", "Kinh tế",
          "Mùa vải thiều sớm, nông dân lãi lớn",
          "Vải thiều chín sớm được thương lái thu mua ngay tại vườn với giá cao hơn năm trước.",
          ("Tại các xã vùng đồi, từ bốn giờ sáng nhà nhà đã ra vườn hái vải để kịp bán cho các điểm cân. "
           "Những xe tải lạnh xếp hàng dọc đường liên xã chờ chở vải đi các tỉnh phía nam.",
           "Ông Hoàng Văn Tâm có hơn hai trăm gốc vải, cho biết năm nay thu về gần trăm triệu đồng sau khi trừ "
           "chi phí. Ông dự định dùng tiền lãi để lắp hệ thống tưới nhỏ giọt cho cả vườn.",
           "Phòng nông nghiệp huyện khuyến cáo người trồng không nên hái vải non để bán giá cao, vì như vậy sẽ "
           "làm mất uy tín của vải thiều địa phương trên thị trường."),
          "Đặng Thu Hiền", datetime(2023, 6, 2, 6, 45, tzinfo=ICT)),
)
NOT_FOUND_VI = "/tin/bai-da-bi-go-3404.html"      # 200: "Không tìm thấy trang"
NOT_FOUND_EN = "/tin/missing-story-3405.html"     # 200: "Page not found"
ERROR_PAGE = "/tin/loi-he-thong-3500.html"         # 200: a database error page
REMOVED = "/tin/bai-cu-da-xoa-3406.html"           # 302 to the home page
BOMB = "/tin/bom-nen-3999.html"                    # 5 kB of gzip that expands to 5 MB


def path_of(story: Story) -> str:
    return f"/tin/{story.slug}-{story.id}.html"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def encode(body: bytes, coding: str) -> bytes:
    if coding == "gzip":
        return gzip.compress(body, mtime=0)
    if coding == "deflate":
        return zlib.compress(body)
    if coding == "deflate-raw":   # raw deflate, as some servers send for "deflate"
        engine = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        return engine.compress(body) + engine.flush()
    return brotli.compress(body)


class SongThuong(ServedSite):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = [path_of(s) for s in STORIES]   # what the home page links
        self.coded: dict[int, str] = {}          # story id -> gzip, deflate, deflate-raw, br
        self.legacy: dict[int, str] = {}         # story id -> the charset header sent with a windows-1258 page
        self.by_path = {path_of(s): s for s in STORIES}

    def page(self, title: str, body: str, head: str = "", html_attrs: str = 'lang="vi"', meta: str = "utf-8") -> str:
        return f"""<!DOCTYPE html>
<html {html_attrs}>
<head><meta http-equiv="Content-Type" content="text/html; charset={meta}"><title>{_e(title)} - {NAME}</title>{head}</head>
<body><header><a href="/">{NAME}</a> <nav><a href="/tin/">Tin tức</a></nav></header>
{body}
<footer>© {NAME}, báo điện tử không có thật.</footer></body></html>
"""

    def article(self, story: Story, amp: bool = False, meta: str = "utf-8") -> str:
        canonical = self.base + path_of(story)
        head = f'<link rel="canonical" href="{canonical}">'
        if not amp:
            head += f'<link rel="amphtml" href="{self.base}/amp{path_of(story)}">'
        head += f'<meta property="article:published_time" content="{story.published.isoformat()}">'
        paragraphs = "\n".join(f"<p>{_e(p)}</p>" for p in story.paragraphs)
        others = "".join(f'<li><a href="{path_of(s)}">{_e(s.title)}</a></li>' for s in STORIES if s is not story)
        body = f"""<main><article>
<h1>{_e(story.title)}</h1>
<div class="meta"><span class="date">{story.published.strftime('%d/%m/%Y %H:%M')}</span></div>
<p class="sapo"><strong>{_e(story.sapo)}</strong></p>
{paragraphs}
<p class="author">{_e(story.author)}</p>
</article><aside><h2>Tin khác</h2><ul>{others}</ul></aside></main>"""
        return self.page(story.title, body, head, 'amp lang="vi"' if amp else 'lang="vi"', meta)

    def home(self) -> str:
        items = "\n".join(f'<li><a href="{_e(link)}">Tin {i + 1}</a></li>' for i, link in enumerate(self.links))
        return self.page("Trang chủ", f"<main><h1>Tin mới</h1><ul>{items}</ul></main>")

    def not_found(self, english: bool = False) -> str:
        teasers = "".join(f'<li><a href="{path_of(s)}">{_e(s.title)}</a><p>{_e(s.sapo)} {_e(s.paragraphs[0])}</p></li>'
                          for s in STORIES)
        if english:
            return self.page("Page not found", f"<main><h1>Page not found</h1><p>Sorry, we could not find that "
                                               f"page.</p><h2>Latest news</h2><ul>{teasers}</ul></main>")
        return self.page("Không tìm thấy trang", "<main><h1>Không tìm thấy trang bạn yêu cầu</h1><p>Đường dẫn "
                         f"có thể đã bị thay đổi.</p><h2>Tin mới nhất</h2><ul>{teasers}</ul></main>")

    def error_page(self) -> str:
        return self.page("Lỗi kết nối cơ sở dữ liệu", "<main><h1>Lỗi kết nối cơ sở dữ liệu</h1>"
                         "<p>Xin vui lòng thử lại sau ít phút.</p></main>")

    def calendar(self, day: str) -> str:
        when = datetime.strptime(day, "%Y-%m-%d")
        before = when.fromordinal(when.toordinal() - 1).strftime("%Y-%m-%d")
        after = when.fromordinal(when.toordinal() + 1).strftime("%Y-%m-%d")
        return self.page(f"Lịch ngày {day}", f'<main><h1>Lịch {day}</h1><a href="/lich/?date={before}">Hôm trước</a>'
                         f' <a href="/lich/?date={after}">Hôm sau</a> <a href="/tin/?page=999999">Trang cuối</a>'
                         f' <a href="chuyen-muc/">Chuyên mục</a></main>')

    # -- routing -------------------------------------------------------------------------------

    def respond(self, path: str, headers: dict[str, str]) -> Reply:
        parts = urlsplit(path)
        route = parts.path.split(";", 1)[0]          # ;jsessionid=... is the server's own business
        query = parse_qs(parts.query, keep_blank_values=True)
        if route == "/robots.txt":
            return Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
        if route == "/":
            return Reply(body=self.home().encode())
        if route == "/lich/":
            return Reply(body=self.calendar(query.get("date", ["2023-01-01"])[0]).encode())
        if route.startswith("/lich/") and route.endswith("chuyen-muc/"):   # each relative link one level deeper
            return Reply(body=self.page("Chuyên mục", '<main><a href="chuyen-muc/">Chuyên mục con</a></main>').encode())
        if route in (NOT_FOUND_VI, NOT_FOUND_EN):
            return Reply(body=self.not_found(english=route == NOT_FOUND_EN).encode())
        if route == ERROR_PAGE:
            return Reply(body=self.error_page().encode())
        if route == BOMB:
            return Reply(body=gzip.compress(b" " * 5_000_000, mtime=0), headers={"Content-Encoding": "gzip"})
        if route == REMOVED:
            return Reply(302, b"", headers={"Location": "/"})
        amp = route.startswith("/amp/") or "amp" in query
        story = self.by_path.get(route.removeprefix("/amp"))
        if story is None:
            return Reply(404, self.page("404", "<h1>404</h1>").encode())
        if story.id in self.legacy:
            page = encode_windows_1258(self.article(story, amp, meta="windows-1258"))
            return Reply(body=page, content_type=f"text/html; charset={self.legacy[story.id]}")
        body = self.article(story, amp).encode()
        coding = self.coded.get(story.id)
        if coding and coding.split("-")[0] in headers.get("accept-encoding", ""):
            return Reply(body=encode(body, coding), headers={"Content-Encoding": coding.split("-")[0], "Vary": "Accept-Encoding"})
        return Reply(body=body)
