"""Soft 404s: "not found" and error pages a site sends with status 200, which are not articles.

Many news sites answer a removed or mistyped article with a 200 page that says "Không tìm thấy
trang" or "Bài viết không tồn tại" beside the site's menus and teasers, or send their error page
with 200; and some redirect a removed article to the home page. The cleaner could take the
teasers for a story, so these pages are recognised first, by their title and headings (a clear
phrase always, a weaker one only when the page holds little running text: a real article titled
"... not found" has paragraphs), by a "not found" mark on the page itself (WordPress's
`<body class="error404">`), or by a clear phrase in the text of a page with little running text.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

NOT_FOUND = "soft 404: a 'not found' page sent with status 200"
ERROR_PAGE = "soft 404: an error page sent with status 200"
HOME_REDIRECT = "soft 404: an article URL redirected to the home page"

_CLEAR_NOT_FOUND = re.compile(
    r"^\W*404\W*(?:$|[-|:–])|\b(?:lỗi|error|trang|page|mã lỗi)\W*404\b|\b404\W+(?:not found|error|page)"
    r"|không tìm thấy (?:trang|bài viết|đường dẫn|tin bài|liên kết)"
    r"|(?:trang|bài viết|nội dung|đường dẫn|tin bài|liên kết)(?: (?:này|bạn (?:tìm|yêu cầu|truy cập)[^.]{0,30}))?"
    r" (?:không|chưa) (?:còn )?tồn tại"
    r"|page (?:was |is )?not found|page (?:does not|doesn't|no longer) exists?|(?:page|article|story) cannot be found"
    r"|we (?:couldn't|could not|can't|cannot) find (?:the|this|that) page")
_WEAK_NOT_FOUND = re.compile(
    r"\bnot found\b|không tồn tại|đã bị (?:xóa|gỡ)|no longer available|không tìm thấy$")
_ERROR = re.compile(
    r"internal server error|service (?:temporarily )?unavailable|bad gateway|gateway time-?out"
    r"|database (?:connection )?error|error establishing a database connection|\b50[0-4] (?:error|lỗi)"
    r"|lỗi (?:hệ thống|máy chủ|kết nối cơ sở dữ liệu|cơ sở dữ liệu)|(?:hệ thống|trang|website) đang (?:được )?bảo trì"
    r"|under maintenance|đã xảy ra lỗi|an error (?:has )?occurred")
RUNNING_TEXT = 600   # characters in long paragraphs: past this a page is an article, whatever its title says
_MARKED = re.compile(r"(?:^|[\s_-])(?:error-?404|page-?404|404-?page|not-?found|page-not-found)(?:$|[\s_-])", re.IGNORECASE)
_MARKS = "//body/@class | //body/@id | //html/@class | //main/@class | //main/@id"   # WordPress: <body class="error404">


def _headings(tree) -> list[str]:
    texts = [t for t in tree.xpath("//title/text()")[:1]]
    texts += [h.text_content() for h in tree.xpath("//h1 | //h2")[:4]]
    texts += tree.xpath("//meta[@property='og:title']/@content")[:1]
    return [unicodedata.normalize("NFC", " ".join(t.split())).lower() for t in texts if t and t.strip()]


def _running_text(tree) -> int:
    """Characters in paragraphs long enough to be prose (menus and teaser titles are shorter), counted
    up to RUNNING_TEXT (an article gets there in its first paragraphs)."""
    total = 0
    for p in tree.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text) >= 80:
            total += len(text)
            if total >= RUNNING_TEXT:
                break
    return total


def soft_404(tree, url: str, asked_url: str = "") -> str | None:
    """Why this 200 page is no article (one of the reasons above), or None when it may be one."""
    if asked_url and urlsplit(asked_url).path.strip("/") and not urlsplit(url).path.strip("/"):
        return HOME_REDIRECT
    if tree is None:
        return None
    headings = _headings(tree)
    if any(_CLEAR_NOT_FOUND.search(h) for h in headings) or any(_MARKED.search(m) for m in tree.xpath(_MARKS)):
        return NOT_FOUND
    weak_error = any(_ERROR.search(h) for h in headings)
    weak_missing = any(_WEAK_NOT_FOUND.search(h) for h in headings)
    if _running_text(tree) >= RUNNING_TEXT:
        return None
    if weak_error or weak_missing or _CLEAR_NOT_FOUND.search(_body_start(tree)):   # the message in a plain <p>
        return ERROR_PAGE if weak_error else NOT_FOUND
    return None


def _body_start(tree) -> str:
    """The first 3,000 characters of the page's text: where a short page says what it is."""
    body = tree.find("body") if tree.tag == "html" else tree
    text = body.text_content() if body is not None else ""
    return unicodedata.normalize("NFC", " ".join(text[:3000].split())).lower()
