"""The cleaner on pages we wrote in the shapes Vietnamese news sites use (tests/pages/).

Each page has snippets the article must contain and snippets it must not (related links, comments,
captions, share bars, menus, the header's "today" date).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.clean import REJECT_LISTING, Rejected, extract, published_date
from crawler.settings import Selectors, Source
from store import Article

PAGES = Path(__file__).parent / "pages"
ICT = timezone(timedelta(hours=7))


def clean(name: str, url: str = "", source: Source | None = None) -> Article | Rejected:
    html = (PAGES / name).read_text(encoding="utf-8")
    return extract(html, url or f"https://bao.example.vn/tin/{name}", source)


CASES = {
    "jsonld_graph.html": dict(
        title="Lạng Sơn mở thêm tuyến xe buýt nối cửa khẩu Hữu Nghị",
        published=datetime(2024, 3, 28, 7, 45, tzinfo=ICT),
        author="Hoàng Thị Mai",
        section="Giao thông",
        first="Từ ngày 1/4, tuyến xe buýt số 9",  # the sapo stays, first
        contains=["đi qua các phường Chi Lăng", "thiết bị giám sát hành trình", "mua vé tháng",
                  "Xe buýt số 9 chạy thử nghiệm hôm 27/3"],  # the figure's caption inside the article (issue 13)
        absent=["Tin liên quan", "Cao tốc Đồng Đăng", "Bình luận", "mong có thêm chuyến", "Chia sẻ Facebook",
                "Giấy phép số", "Từ khóa", "Trang chủ"],
    ),
    "opengraph_only.html": dict(
        title="Giá lúa tăng, nông dân Đồng Tháp phấn khởi vào vụ",
        published=datetime(2023, 11, 5, 16, 20, tzinfo=ICT),
        author="Trần Quốc Việt",
        section="Thị trường",
        first="Giá lúa tươi tại ruộng ở Đồng Tháp",
        contains=["mỗi ha ông lãi hơn 30 triệu đồng", "Philippines và Indonesia"],
        absent=["Đọc nhiều nhất", "phòng bệnh đạo ôn", "Chia sẻ", "Trang nhất", "05/11/2023 16:20"],
    ),
    "old_table_layout.html": dict(
        title="Chợ phiên Kỳ Lừa tấp nập ngày giáp Tết",
        published=datetime(2019, 2, 8, 17, 8, tzinfo=ICT),  # not the header's "Thứ Hai, 30/11/2026"
        author="Minh Đức",
        section="Văn hóa - Xã hội",
        first="Những ngày giáp Tết Kỷ Hợi",
        contains=["30.000 đồng một bó", "cây đào ưng ý", "vệ sinh an toàn thực phẩm"],
        absent=["Các tin khác", "Lễ hội đền Bắc Lệ", "Hội nghị tổng kết", "Bản quyền thuộc", "Thứ sáu, 8/2/2019"],
    ),
    "noisy_article.html": dict(
        title="Đà Nẵng khai trương tuyến phố đi bộ ven sông Hàn",
        published=datetime(2022, 5, 28, 19, 30, tzinfo=ICT),
        author=None,
        section=None,
        first="Tuyến phố đi bộ dài 1,2 km",  # the sapo, kept
        contains=["từ cầu Rồng đến cầu sông Hàn", "phân luồng sang đường Trần Phú", "chi tiêu về đêm"],
        absent=["Xem thêm", "Đà Nẵng đón khách quốc tế trở lại", "múa lân", "Người dân dạo bước", "50 gian hàng",
                "Tin cùng chuyên mục", "Hội An thí điểm", "Ước gì Huế", "mong đừng mưa", "Lưu bài", "Zalo"],
    ),
    "dateline_only.html": dict(
        title="Trường học vùng cao đón học sinh trở lại sau lũ",
        published=datetime(2021, 3, 5, 8, 15, tzinfo=ICT),  # "05/03/2021" is 5 March, never 3 May
        author=None,
        section=None,
        first="Sau gần hai tuần nghỉ học vì lũ quét",
        contains=["300 bộ sách giáo khoa", "bữa ăn trưa miễn phí"],
        absent=["Cập nhật lúc", "Tin Miền Núi", "30/11/2026"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_article_fields(name):
    case = CASES[name]
    article = clean(name)
    assert isinstance(article, Article), article
    assert article.title == case["title"]
    assert article.published == case["published"]
    assert article.published.utcoffset() == timedelta(hours=7)
    assert article.author == case["author"]
    assert article.section == case["section"]
    assert article.language == "vi"


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_keeps_text_and_drops_boilerplate(name):
    case = CASES[name]
    article = clean(name)
    assert article.body.startswith(case["first"]), article.body[:200]
    for snippet in case["contains"]:
        assert snippet in article.body
    for snippet in case["absent"]:
        assert snippet not in article.body, snippet
    assert "\n" in article.body  # paragraphs, one a line
    assert all(line == line.strip() and line for line in article.body.split("\n"))


def test_signature_under_the_text_is_the_author_not_body():
    article = clean("jsonld_graph.html")
    assert not article.body.endswith("Hoàng Thị Mai")
    assert clean("old_table_layout.html").body.endswith("trong dịp cao điểm.")


def test_canonical_link_is_resolved_to_absolute():
    article = clean("jsonld_graph.html", url="https://baobiencuong.example.vn/tin/123?utm_source=zalo")
    assert article.canonical_url == (
        "https://baobiencuong.example.vn/giao-thong/lang-son-mo-them-tuyen-xe-buyt-noi-cua-khau-huu-nghi-20240328.html")
    assert article.url == "https://baobiencuong.example.vn/tin/123?utm_source=zalo"


def test_listing_page_is_rejected():
    result = clean("listing.html", url="https://baosonghong.example.vn/thoi-su/")
    assert result == Rejected("https://baosonghong.example.vn/thoi-su/", REJECT_LISTING)


def test_front_page_is_rejected_whatever_its_text():
    result = clean("old_table_layout.html", url="https://baoxulang.example.vn/")
    assert isinstance(result, Rejected) and result.reason == REJECT_LISTING


def test_source_selectors_pick_title_body_date_author_section():
    source = Source(name="caobang", timezone="Asia/Ho_Chi_Minh", selectors=Selectors(
        title=".tieu-de-bai", body=".noi-dung", date=".ngay-dang", author=".nguoi-viet", section=".muc"))
    article = clean("selectors_site.html", source=source)
    assert isinstance(article, Article)
    assert article.title == "Thác Bản Giốc đón 10.000 lượt khách trong kỳ nghỉ lễ"
    assert article.published == datetime(2023, 9, 2, tzinfo=ICT)
    assert article.author == "Nông Thị Hằng"
    assert article.section == "Du lịch"
    assert article.source == "caobang"
    assert article.body.split("\n")[0].startswith("Trong bốn ngày nghỉ lễ Quốc khánh")
    assert "Đặt tour Bản Giốc giá rẻ" not in article.body  # an ad block inside the selected body
    assert "check-in" not in article.body
    assert article.body.endswith("trong mùa cao điểm.")


def test_source_selectors_win_over_misleading_metadata():
    # the site's og:title carries a campaign prefix, its author meta names the newsroom and its
    # published_time is the last update: the selectors written for it must win
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="og:title" content="', '<meta property="og:title" content="[Mùa vàng] ')
    html = html.replace('content="Trần Quốc Việt"', 'content="Ban Kinh tế"').replace("2023-11-05T16:20", "2023-11-07T09:00")
    html = html.replace('<p class="time">', '<p class="byline">Trần Quốc Việt</p><p class="muc">Lúa gạo</p><p class="time">')
    url = "https://nongnghiep.example.vn/a.html"
    unruled = extract(html, url)
    assert unruled.title.startswith("[Mùa vàng]") and unruled.author == "Ban Kinh tế"
    source = Source(name="nongnghiep", selectors=Selectors(title="h1", author=".byline", date=".time", section=".muc"))
    ruled = extract(html, url, source=source)
    assert ruled.title == "Giá lúa tăng, nông dân Đồng Tháp phấn khởi vào vụ"
    assert ruled.author == "Trần Quốc Việt" and ruled.section == "Lúa gạo"
    assert ruled.published == datetime(2023, 11, 5, 16, 20, tzinfo=ICT)
    nothing_found = extract(html, url, source=Source(name="x", selectors=Selectors(title=".no-such", author=".none")))
    assert nothing_found.title == unruled.title and nothing_found.author == unruled.author


def test_source_timezone_applies_to_naive_datelines():
    source = Source(name="saigon-times", timezone="Asia/Bangkok")
    article = clean("dateline_only.html", source=source)
    assert article.published.isoformat() == "2021-03-05T08:15:00+07:00"
    tokyo = clean("dateline_only.html", source=Source(name="jp", timezone="Asia/Tokyo"))
    assert tokyo.published.isoformat() == "2021-03-05T08:15:00+09:00"


def test_structured_date_wins_over_visible_text():
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8").replace(
        '<p class="time">05/11/2023 16:20</p>', '<p class="time">Thứ ba, 01/01/2019 09:00</p>')
    article = extract(html, "https://nongnghiep.example.vn/a.html")
    assert article.published == datetime(2023, 11, 5, 16, 20, tzinfo=ICT)


def test_published_date_alone_matches_extract():
    html = (PAGES / "old_table_layout.html").read_text(encoding="utf-8")
    assert published_date(html, "https://x.example.vn/a.html") == datetime(2019, 2, 8, 17, 8, tzinfo=ICT)


def test_nfd_page_becomes_nfc_article():
    import unicodedata

    html = unicodedata.normalize("NFD", (PAGES / "dateline_only.html").read_text(encoding="utf-8"))
    article = extract(html, "https://x.example.vn/a.html")
    assert article.title == "Trường học vùng cao đón học sinh trở lại sau lũ"
    assert unicodedata.is_normalized("NFC", article.body)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "not an article: no html"),
        ("   \n ", "not an article: no html"),
        ("%PDF-1.7 binary \x00\x01 junk", "not an article: no html"),
        ("<html><body><h1>Tiêu đề bài viết khá dài</h1><p>Ngắn.</p></body></html>", "body too short"),
        ("<html><body><div></div></body></html>", "no body"),
    ],
)
def test_pages_without_an_article_are_rejected_with_a_reason(html, reason):
    result = extract(html, "https://x.example.vn/bai.html")
    assert isinstance(result, Rejected)
    assert result.reason == reason


def test_garbled_text_is_rejected():
    paragraph = "Ng\ufffd\ufffdi d\ufffdn \ufffd\ufffdn T\ufffdt v\ufffd qu\ufffd h\ufffd\ufffdng " * 8
    html = f"<html><body><h1>Tin \ufffd\ufffdc bi\ufffdt h\ufffdm nay</h1><p>{paragraph}</p><p>{paragraph}</p></body></html>"
    result = extract(html, "https://x.example.vn/bai.html")
    assert result == Rejected("https://x.example.vn/bai.html", "garbled text: wrong charset")


def test_bad_selector_in_config_rejects_with_reason_not_exception():
    source = Source(name="broken", selectors=Selectors(body="div[[[unclosed"))
    result = clean("opengraph_only.html", source=source)
    assert isinstance(result, Rejected) and result.reason == "bad selector in source config"


def test_utc_metadata_on_a_vietnamese_page_is_shown_on_the_hanoi_day():
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8").replace(
        "2023-11-05T16:20:00+07:00", "2023-11-04T20:30:00Z")
    article = extract(html, "https://nongnghiep.example.vn/a.html")
    assert article.published == datetime(2023, 11, 5, 3, 30, tzinfo=ICT)  # the same instant
    assert article.published.utcoffset() == timedelta(hours=7)
    assert article.published.date().isoformat() == "2023-11-05"


def test_utc_metadata_takes_the_day_of_a_naive_local_copy():
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8").replace(
        '<meta property="article:published_time" content="2023-11-05T16:20:00+07:00">',
        '<meta property="article:published_time" content="2023-11-05T02:20:00Z">'
        '<meta name="pubdate" content="2023-11-04 21:20:00">')
    article = extract(html.replace('lang="vi"', ""), "https://news.example.com/story.html")
    assert article.published == datetime(2023, 11, 5, 2, 20, tzinfo=timezone.utc)
    assert article.published.utcoffset() == timedelta(hours=-5)


def test_front_page_claiming_og_article_is_still_a_listing():
    html = (PAGES / "listing.html").read_text(encoding="utf-8").replace(
        '<meta property="og:type" content="website">', '<meta property="og:type" content="article">')
    result = extract(html, "https://baosonghong.example.vn/")
    assert isinstance(result, Rejected) and result.reason == REJECT_LISTING


def test_paper_named_as_author_gives_way_to_the_signature():
    html = (PAGES / "jsonld_graph.html").read_text(encoding="utf-8").replace(
        '"author": [{"@type": "Person", "name": "Hoàng Thị Mai"}]', '"author": {"@type": "Organization", "name": "Biên Cương"}')
    article = extract(html, "https://baobiencuong.example.vn/a.html")
    assert article.author == "Hoàng Thị Mai"


def test_unclassed_lead_is_found_by_the_meta_description():
    from crawler.clean import parse_html
    from crawler.pagescan import scan_page

    lead = "(BTN) - Cho rằng chủ hụi kể chuyện nợ nần với gia đình vợ, một thanh niên cầm dao đến nhà chủ nợ."
    html = (f'<html><head><meta name="description" content="{lead}"></head><body>'
            f'<h1>Thiếu tiền hụi, cầm dao đi gặp chủ nợ</h1><p class="time">Thứ Tư, 26/12/2012 17:14</p>'
            f'<h3>{lead}</h3><p>Chiều 26/12, công an phường cho biết đã tạm giữ hình sự một thanh niên.</p></body></html>')
    clues = scan_page(parse_html(html), lead)
    assert clues.lead == lead
    assert scan_page(parse_html(html)).lead == ""  # without the description, an <h3> is not a lead


CARD_STORIES = [
    ("Nông dân Bắc Giang trúng mùa vải thiều sớm", "Vụ vải sớm năm nay cho năng suất cao, giá bán tại vườn từ 25.000 đến 30.000 đồng mỗi kg, thương lái về tận nơi thu mua."),
    ("Mở rộng tuyến xe buýt nối trung tâm với khu công nghiệp", "Từ đầu tháng sau, ba tuyến xe buýt mới sẽ chạy từ bến xe trung tâm tới các khu công nghiệp phía nam thành phố."),
    ("Trường vùng cao khai giảng trong phòng học mới xây", "Hơn hai trăm học sinh người Dao và người Tày đã đón năm học mới trong dãy phòng học kiên cố do tỉnh đầu tư."),
    ("Lễ hội đua thuyền truyền thống thu hút đông du khách", "Mười hai đội thuyền của các xã ven sông đã tranh tài trong tiếng trống hội, thu hút hàng nghìn người dân và du khách."),
    ("Cảnh báo lốc sét và mưa đá ở các tỉnh miền núi", "Trung tâm dự báo khí tượng thủy văn cho biết chiều tối nay các tỉnh miền núi phía bắc có thể xảy ra lốc, sét và mưa đá."),
]


def card_listing(style: str) -> str:
    if style == "cards":
        rows = "".join(f'<div class="story"><h3><a href="/tin/{i}-bai.html">{t}</a></h3><span class="time">0{i}/05/2024</span>'
                       f'<p class="sapo">{teaser}</p></div>' for i, (t, teaser) in enumerate(CARD_STORIES, 1))
        main = f'<h1 class="section-title">Xã hội</h1><div class="list">{rows}</div>'
    else:  # an old table layout: headline, date and teaser in one cell
        rows = "".join(f'<tr><td class="tieude_list"><a href="tin-tuc/chi-tiet.asp?id={i}">{t}</a> '
                       f'<font size="1">(0{i}/05/2024)</font><br>{teaser}</td></tr>' for i, (t, teaser) in enumerate(CARD_STORIES, 1))
        main = f'<table><tr><td class="cattitle">Xã hội</td></tr>{rows}</table>'
    return f"<html><head><title>Xã hội - Báo Mẫu</title></head><body><div class=\"menu\"><a href=\"/\">Trang chủ</a></div>{main}</body></html>"


@pytest.mark.parametrize("style", ["cards", "table"])
def test_section_page_of_headlines_and_teasers_is_a_listing(style):
    result = extract(card_listing(style), "https://baomau.example.vn/xa-hoi/")
    assert result == Rejected("https://baomau.example.vn/xa-hoi/", REJECT_LISTING)


def test_article_with_related_story_cards_stays_an_article():
    html = (PAGES / "opengraph_only.html").read_text(encoding="utf-8").replace('<meta property="og:type" content="article">', "")
    cards = "".join(f'<div class="story"><h3><a href="/tin/{i}-bai.html">{t}</a></h3><p>{teaser}</p></div>'
                    for i, (t, teaser) in enumerate(CARD_STORIES[:3], 1))
    html = html.replace('<div class="share-bar">', f'<div class="related"><h2>Tin liên quan</h2>{cards}</div><div class="share-bar">')
    article = extract(html, "https://nongnghiep.example.vn/a.html")
    assert isinstance(article, Article) and article.title.startswith("Giá lúa tăng")


@pytest.mark.parametrize("url", ["https://[::1/thoi-su/bai.html", "https://bao.vn:99999/bai.html"])
def test_a_page_whose_own_url_does_not_parse_is_rejected_not_raised(url):
    html = (PAGES / "noisy_article.html").read_text(encoding="utf-8")
    result = extract(html, url)
    assert isinstance(result, Rejected) and result.reason.startswith("not an address")
