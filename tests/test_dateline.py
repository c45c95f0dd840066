"""Dates on real-shaped pages (issue 13): the article's own dateline wins over the dates around it,
numeric dates are read in the order the page proves, and what is not a news article is rejected.

Every page here is invented (tests/pages/marquee_article.html, tests/pages/cms_month_first.html and
the inline pages below), in the shapes of old and new Vietnamese templates and one English page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.clean import Rejected, extract, published_date
from crawler.dates import numeric_order, parse_vietnamese_date
from store import Article

PAGES = Path(__file__).parent / "pages"
ICT = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_own_dateline_beats_marquee_most_read_teasers_and_comments():
    """Above the headline; a marquee of dated teaser links, today's date in the header, a dated
    "other news" list, comments and a "most read" box all around it."""
    html = page("marquee_article.html")
    url = "https://baosonghong.example.vn/moi-truong/ho-tay-ngap-rac.html"
    article = extract(html, url)
    assert isinstance(article, Article), article
    assert article.published == datetime(2012, 12, 20, 10, 18, tzinfo=ICT)
    assert published_date(html, url) == article.published


def test_dateline_below_the_headline_beats_a_teaser_list_of_another_day():
    html = page("marquee_article.html").replace(
        '<div class="email-print"><span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span> <a href="#">In bài</a></div>',
        "").replace('<h2 class="Lead">', '<div class="meta">Môi trường | 19/12/2012 17:41</div><h2 class="Lead">', 1)
    article = extract(html, "https://baosonghong.example.vn/a.html")
    assert article.published == datetime(2012, 12, 19, 17, 41, tzinfo=ICT)


def test_a_dateline_written_by_a_script_into_the_article_header_is_read():
    html = page("marquee_article.html").replace(
        '<span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span>', '<span class="spanTime" id="pDateTime"></span>'
    ).replace("</body>", '<script>document.getElementById("pDateTime").innerHTML='
                         '"Th&#7913; ba, 18/12/2012, 16:10 GMT+7";</script></body>')
    assert extract(html, "https://baosonghong.example.vn/a.html").published == datetime(2012, 12, 18, 16, 10, tzinfo=ICT)


def test_without_a_dateline_teaser_dates_are_no_publication_date():
    """Only teasers, marquees, boxes and comments carry dates: none of them is the article's."""
    html = page("marquee_article.html").replace(
        '<span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span>', "")
    article = extract(html, "https://baosonghong.example.vn/moi-truong/2012/12/ho-tay-ngap-rac.html")
    assert article.published is None or article.published.date() not in {
        date(2012, 12, d) for d in (17, 18, 19, 21, 22, 23, 24, 25, 26)}


def test_a_page_that_proves_month_first_is_read_month_first():
    """ "Published on 03-08-2011" beside "12-27-2012": the page writes the month first."""
    article = extract(page("cms_month_first.html"), "https://teenbep.example.vn/bai-viet/banh-quy-bo-690.html")
    assert isinstance(article, Article), article
    assert article.published == datetime(2011, 3, 8, 1, 0, tzinfo=ICT)


def test_a_vietnamese_page_without_proof_stays_day_first():
    html = page("cms_month_first.html").replace("12-27-2012", "").replace("12-24-2012", "")
    assert extract(html, "https://teenbep.example.vn/a.html").published == datetime(2011, 8, 3, 1, 0, tzinfo=ICT)


def _english(extra: str = "") -> str:
    paragraph = ("The city council voted on Tuesday to extend the riverside bike lane by two miles, "
                 "linking the old market district with the new ferry terminal. ")
    return (f'<html lang="en"><head><title>Council extends riverside bike lane</title></head><body>'
            f"<h1>Council extends riverside bike lane to the ferry terminal</h1>"
            f'<p class="byline">By Jane Porter | 11/8/2023</p>'
            f"<p>{paragraph * 3}</p><p>{paragraph * 2}</p>{extra}</body></html>")


def test_an_english_page_reads_numeric_dates_month_first():
    assert published_date(_english(), "https://news.example.com/story.html").date() == date(2023, 11, 8)


def test_an_english_page_that_proves_day_first_is_read_day_first():
    extra = '<div class="comments"><p class="c">Posted 25/12/2023 by a reader: great news.</p></div>'
    assert published_date(_english(extra), "https://news.example.co.uk/story.html").date() == date(2023, 8, 11)


@pytest.mark.parametrize(("text", "order"), [
    ("Published on 03-08-2011 … 12-27-2012 … 12-24-2012", "mdy"),
    ("Thứ năm, 20/12/2012 … (19/12/2012) … 5/3/2021", "dmy"),
    ("03-08-2011 and 05/03/2021", None),           # nothing over 12: no proof
    ("(08/23/2011) and 21/12/2012", None),          # one of each: a tie proves nothing
    ("Điện thoại 84-8-3930.6262, 0985.57.88.55", None),  # phone numbers are no dates
])
def test_numeric_order_is_what_the_page_proves(text, order):
    assert numeric_order(text) == order


def test_month_first_reading_keeps_unambiguous_dates():
    assert parse_vietnamese_date("03-08-2011", now=NOW, month_first=True).date() == date(2011, 3, 8)
    assert parse_vietnamese_date("21/12/2012", now=NOW, month_first=True).date() == date(2012, 12, 21)
    assert parse_vietnamese_date("03-08-2011", now=NOW).date() == date(2011, 8, 3)


FORUM = """<html><head><meta charset="utf-8"><title>[Hỏi đáp] Nên mua máy giặt cửa trước hay cửa trên? | Diễn đàn Nhà Sạch</title></head>
<body><h1>[Hỏi đáp] Nên mua máy giặt cửa trước hay cửa trên?</h1>
<p class="meta">Thảo luận trong 'Điện máy gia dụng' bắt đầu bởi thanhtam, 14/12/12.</p>
<ol id="messageList">
<li id="post-101" class="message" data-author="thanhtam"><div class="messageContent"><p>Nhà mình bốn người, giặt mỗi ngày một mẻ, đang phân vân giữa máy giặt cửa trước và cửa trên. Mọi người dùng loại nào thấy bền và tiết kiệm điện hơn?</p></div><span class="DateTime">14/12/12</span></li>
<li id="post-102" class="message" data-author="minhquan88"><div class="messageContent"><p>Cửa trước giặt sạch hơn và ít tốn nước, nhưng giá cao hơn và phải cúi người khi lấy đồ. Nhà mình dùng năm năm rồi chưa hỏng gì.</p></div><span class="DateTime">14/12/12</span></li>
<li id="post-103" class="message" data-author="huongly"><div class="messageContent"><p>Cửa trên rẻ, giặt nhanh, hợp với nhà có người lớn tuổi. Nếu không gian chật thì cửa trên cũng dễ đặt hơn.</p></div><span class="DateTime">15/12/12</span></li>
<li id="post-104" class="message" data-author="thanhtam"><div class="messageContent"><p>Cảm ơn mọi người, chắc mình sẽ chọn cửa trước loại tám ký vì nhà có chỗ đặt máy rộng rãi.</p></div><span class="DateTime">15/12/12</span></li>
</ol></body></html>"""


def test_a_forum_thread_is_not_an_article():
    result = extract(FORUM, "https://nhasach.example.vn/threads/may-giat.1739/")
    assert isinstance(result, Rejected) and result.reason == "not an article: forum thread"


def test_one_post_by_the_paper_is_still_an_article():
    """One post block (a blog's article marked up as a post) is no forum thread."""
    start, end = FORUM.index('<li id="post-102"'), FORUM.index("</ol>")
    one_post = FORUM[:start] + FORUM[end:]
    result = extract(one_post.replace("Thảo luận trong", "Chuyên mục"), "https://nhasach.example.vn/bai/may-giat.html")
    assert not (isinstance(result, Rejected) and result.reason == "not an article: forum thread")


def test_a_page_of_financial_tables_is_not_an_article():
    rows = "".join(f"<tr><td>{i}. Khoản mục số {i}</td><td>{i * 1234567:,}</td><td>{i * 7654321:,}</td>"
                   f"<td>{i * 1111111:,}</td></tr>" for i in range(1, 25))
    html = (f'<html><head><meta charset="utf-8"><title>ABC : Kết quả kinh doanh | Chứng khoán</title></head><body>'
            f"<div class='title'>Kết quả hoạt động kinh doanh / Công ty Cổ phần Thực phẩm ABC</div>"
            f"<p>Đơn vị: tỷ đồng</p><table>{rows}</table></body></html>")
    result = extract(html, "https://s.chungkhoan.example.vn/bao-cao-tai-chinh/ABC/2017/3.chn")
    assert isinstance(result, Rejected) and result.reason == "not an article: data tables"


def test_own_dateline_is_the_date_nearest_the_headline_outside_boxes():
    from crawler.clean import parse_html
    from crawler.dateline import own_dateline
    from crawler.pagescan import find_headline

    tree = parse_html(page("marquee_article.html"))
    body = tree.find(".//body")
    found = own_dateline(body, find_headline(body))
    assert found and found[0] == "Thứ năm, 20/12/2012, 10:18 GMT+7"
    assert not any("26/12/2012" in text or "23/12/2012" in text for text in found)  # marquee, most read


def test_own_dateline_beats_dated_teaser_times_after_the_article():
    teasers = "".join(f'<li><a href="/t{d}.html">Tin ngắn về môi trường thủ đô số {d} trong tuần</a> '
                      f'<time datetime="2012-12-{d}T08:00:00+07:00">{d}/12</time></li>' for d in (23, 24, 25))
    html = page("marquee_article.html").replace('<div class="box-tin-khac">', f"<ul>{teasers}</ul><div class=\"box-tin-khac\">")
    assert extract(html, "https://baosonghong.example.vn/a.html").published == datetime(2012, 12, 20, 10, 18, tzinfo=ICT)


def test_a_news_article_with_comments_marked_up_as_posts_stays_an_article():
    html = FORUM.replace("<head>", '<head><script type="application/ld+json">{"@context": "https://schema.org", '
                         '"@type": "NewsArticle", "headline": "Nên mua máy giặt cửa trước hay cửa trên?"}</script>')
    result = extract(html, "https://nhasach.example.vn/tu-van/may-giat.html")
    assert not (isinstance(result, Rejected) and result.reason == "not an article: forum thread")


def test_a_date_in_the_sapo_gives_way_to_the_dateline_above_the_headline():
    html = page("marquee_article.html").replace(
        '<h2 class="Lead">Hàng tấn rác', '<h2 class="Lead">Đúng 6 giờ sáng 19/12/2012, hàng tấn rác', 1)
    assert extract(html, "https://baosonghong.example.vn/a.html").published == datetime(2012, 12, 20, 10, 18, tzinfo=ICT)


def test_without_a_dateline_teaser_times_are_no_publication_date():
    teasers = "".join(f'<li><a href="/t{d}.html">Tin ngắn về môi trường thủ đô số {d} trong tuần</a> '
                      f'<time datetime="2012-12-{d}T08:00:00+07:00">{d}/12</time></li>' for d in (23, 24, 25))
    html = page("marquee_article.html").replace(
        '<span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span>', "").replace(
        '<div class="box-tin-khac">', f'<ul>{teasers}</ul><div class="box-tin-khac">')
    published = extract(html, "https://baosonghong.example.vn/a.html").published
    assert published is None or published.date() not in {date(2012, 12, d) for d in (23, 24, 25)}


def test_a_time_element_in_the_article_header_still_counts():
    html = page("marquee_article.html").replace(
        '<span class="spanTime">Thứ năm, 20/12/2012, 10:18 GMT+7</span>',
        '<time datetime="2012-12-20T10:18:00+07:00">hôm qua</time>')
    assert extract(html, "https://baosonghong.example.vn/a.html").published == datetime(2012, 12, 20, 10, 18, tzinfo=ICT)
