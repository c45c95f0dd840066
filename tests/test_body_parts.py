"""The body keeps the lead (sapo) and the image captions that stand inside the article, in reading
order (issue 13), and still leaves out slideshows, teasers, boxes and comments. Invented pages only."""

from __future__ import annotations

from pathlib import Path

from crawler.clean import extract
from store import Article

PAGES = Path(__file__).parent / "pages"
URL = "https://baosonghong.example.vn/moi-truong/ho-tay-ngap-rac.html"
LEAD = "Hàng tấn rác và bèo tây dạt vào bờ Hồ Tây"
BEFORE = "Ông Nguyễn Văn Tùng, đội trưởng đội vệ sinh mặt nước"
CAPTION = "Công nhân vớt rác trên mặt hồ đoạn đường Thanh Niên sáng 20/12. Ảnh: Minh Hà"
AFTER = "Theo cơ quan quản lý, rác chủ yếu theo các cửa xả"


def _body(html: str) -> list[str]:
    article = extract(html, URL)
    assert isinstance(article, Article), article
    return article.body.split("\n")


def _page() -> str:
    return (PAGES / "marquee_article.html").read_text(encoding="utf-8")


def test_lead_first_and_caption_between_its_paragraphs():
    lines = _body(_page())
    assert lines[0].startswith(LEAD)
    assert CAPTION in lines
    at = lines.index(CAPTION)
    assert lines[at - 1].startswith(BEFORE) and lines[at + 1].startswith(AFTER)


def test_teasers_boxes_and_comments_stay_out_of_the_body():
    body = "\n".join(_body(_page()))
    for snippet in ("Cầu Long Biên", "Sông Tô Lịch", "mong có thêm thùng rác", "Kẹt xe kéo dài", "Giấy phép số"):
        assert snippet not in body, snippet


def test_two_figures_in_a_row_keep_their_order():
    second = ('<figure><img src="/anh/2.jpg"><figcaption>Thuyền máy chở bèo tây vào bờ để xe chuyên dụng '
              'chở đi xử lý.</figcaption></figure>')
    html = _page().replace("</figure>", "</figure>" + second, 1)
    lines = _body(html)
    at = lines.index(CAPTION)
    assert lines[at + 1].startswith("Thuyền máy chở bèo tây") and lines[at + 2].startswith(AFTER)


def test_slideshow_captions_are_not_running_text():
    html = _page().replace('<figure class="tplCaption">', '<div class="photo-gallery"><figure class="slide">', 1)
    html = html.replace("</figure>", "</figure></div>", 1)
    assert CAPTION not in _body(html)


def test_a_caption_outside_the_article_is_not_taken_in():
    html = _page().replace('<div class="sidebar">', '<div class="sidebar"><figure><img src="/qc.jpg">'
                           '<figcaption>Khuyến mại lớn cuối năm tại hệ thống siêu thị điện máy.</figcaption></figure>', 1)
    assert not any("Khuyến mại lớn" in line for line in _body(html))


def test_a_lead_with_a_label_is_kept_when_the_description_opens_with_keywords():
    """The sapo block has no telling class and opens with a label; the meta description opens with
    keywords. A good stretch of the block stands in the description: it is the lead, kept first."""
    lead = ("(Giáo dục) - Ký túc xá tư nhân gần các trung tâm luyện thi chật kín sinh viên ôn tập "
            "trước kỳ thi tuyển công chức đầu năm.")
    paragraph = ("Mỗi phòng chỉ rộng chừng sáu mét vuông, đủ kê một chiếc giường đơn và một bàn học nhỏ. "
                 "Nhiều sinh viên ở đây suốt hai năm, mỗi ngày học hơn mười tiếng. ")
    html = ('<html><head><meta charset="utf-8"><title>Ký túc xá luyện thi chật kín</title>'
            '<meta name="description" content="ky tuc xa luyen thi - Ký túc xá tư nhân gần các trung tâm luyện thi '
            'chật kín sinh viên ôn tập trước kỳ thi tuyển công chức đầu năm."></head><body>'
            '<div class="top-content"><h1 class="baiviet-title">Ký túc xá luyện thi chật kín sinh viên</h1>'
            '<div class="publication_date">Thứ Hai, 24/12/2012, 09:04 AM (GMT+7)</div>'
            f'<div class="head-noidung">{lead}</div></div>'
            f'<div class="text-conent"><p>{paragraph * 2}</p><p>{paragraph}</p><p>{paragraph * 3}</p></div>'
            '</body></html>')
    article = extract(html, "https://giaoduc.example.vn/ky-tuc-xa-luyen-thi-c216a5081.html")
    assert isinstance(article, Article), article
    assert article.body.split("\n")[0] == lead


def test_an_illustration_placeholder_caption_is_no_sentence_of_the_article():
    html = _page().replace(CAPTION, "Ảnh minh họa: Minh Hà")
    assert not any(line.startswith("Ảnh minh họa") for line in _body(html))
