""""Báo Đồi Chè": an invented provincial paper in an older style: table layout, windows-1258 pages
(charset only in a <meta>), text datelines written day first, an Atom feed, numbered listing pages.
No robots.txt (a 404: everything allowed).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from khobao.demo.cp1258 import encode_windows_1258
from khobao.demo.site import WEEKDAYS
from khobao.demo.siteserver import Reply, ServedSite
from sites.news import DOICHE, Story

NAME = "Báo Đồi Chè"


def path_of(story: Story) -> str:
    return f"/tin-tuc/{story.id}-{story.slug}.htm"


def dateline(story: Story) -> str:
    when = story.published
    return f"{WEEKDAYS[when.weekday()]}, {when.day}/{when.month}/{when.year}, {when.strftime('%H:%M')}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class DoiChe(ServedSite):
    PER_PAGE = 2

    def __init__(self) -> None:
        super().__init__()
        self.stories = {path_of(s): s for s in DOICHE}

    def page(self, title: str, content: str) -> bytes:
        text = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>{_e(title)} :: {NAME}</title>
</head>
<body bgcolor="#ffffff">
<table width="980" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="banner"><a href="/">{NAME}</a> - Cơ quan ngôn luận (không có thật)</td></tr>
<tr><td colspan="2" class="menu"><a href="/">Trang chủ</a> | <a href="/tin-tuc/trang-1.html">Tin tức</a> | <a href="/lien-he.htm">Liên hệ</a></td></tr>
<tr>
<td width="200" valign="top" class="left"><b>Chuyên mục</b><br><a href="/tin-tuc/trang-1.html">Tin tức</a><br><a href="/lien-he.htm">Liên hệ</a></td>
<td width="780" valign="top">
{content}
</td></tr>
<tr><td colspan="2" class="footer">Bản quyền thuộc {NAME}. Ghi rõ nguồn khi phát hành lại.</td></tr>
</table>
</body>
</html>
"""
        return encode_windows_1258(text)

    def article(self, story: Story) -> bytes:
        paragraphs = "\n".join(f"<p>{_e(p)}</p>" for p in story.paragraphs)
        others = "".join(f'<li><a href="{path_of(s)}">{_e(s.title)}</a></li>' for s in DOICHE if s.id != story.id)
        content = f"""<table width="100%"><tr><td class="title"><h1>{_e(story.title)}</h1></td></tr>
<tr><td class="dateline">{dateline(story)}</td></tr>
<tr><td class="lead"><b>{_e(story.sapo)}</b></td></tr>
<tr><td class="content">
{paragraphs}
<p align="right"><b>{_e(story.author)}</b></p>
</td></tr>
<tr><td class="other"><b>Các tin khác:</b><ul>{others}</ul></td></tr>
</table>"""
        return self.page(story.title, content)

    def listing(self, number: int) -> bytes | None:
        start = (number - 1) * self.PER_PAGE
        stories = DOICHE[start:start + self.PER_PAGE]
        if not stories:
            return None
        rows = "\n".join(f'<tr><td><a href="{path_of(s)}"><b>{_e(s.title)}</b></a><br>{dateline(s)}<br>{_e(s.sapo)}</td></tr>'
                         for s in stories)
        pages = (len(DOICHE) + self.PER_PAGE - 1) // self.PER_PAGE
        pager = " ".join(f'<a href="/tin-tuc/trang-{n}.html">{n}</a>' for n in range(1, pages + 1))
        if number < pages:
            pager += f' <a href="/tin-tuc/trang-{number + 1}.html">Trang sau &raquo;</a>'
        return self.page(f"Tin tức - Trang {number}", f"<table>{rows}</table><div class=\"pager\">{pager}</div>")

    def atom(self) -> bytes:
        entries = "\n".join(f"""  <entry>
    <title>{_e(s.title)}</title>
    <link rel="alternate" type="text/html" href="{self.base}{path_of(s)}"/>
    <id>tag:doiche.example,2019:{s.id}</id>
    <updated>{s.published.isoformat()}</updated>
    <summary>{_e(s.sapo)}</summary>
  </entry>""" for s in DOICHE[:3])
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{NAME}</title>
  <link href="{self.base}/"/>
  <id>tag:doiche.example,2019:feed</id>
  <updated>{DOICHE[2].published.isoformat()}</updated>
{entries}
</feed>
""".encode("utf-8")

    def respond(self, path: str, headers: dict[str, str]) -> Reply:
        route = urlsplit(path).path
        if route == "/atom.xml":
            return Reply(body=self.atom(), content_type="application/atom+xml")
        if route.startswith("/tin-tuc/trang-") and route.endswith(".html"):
            number = route[len("/tin-tuc/trang-"):-len(".html")]
            body = self.listing(int(number)) if number.isdigit() else None
            if body is not None:
                return Reply(body=body, content_type="text/html")
        if route in self.stories:
            return Reply(body=self.article(self.stories[route]), content_type="text/html")
        return Reply(404, b"<html><body>404</body></html>", content_type="text/html")
