"""Property: the cleaner never raises on a damaged page; it returns an article or a rejection.

The pages are ours (tests/pages/ and the two fixture sites, UTF-8 and windows-1258), damaged the ways
saved pages are: byte ranges cut out, repeated or the file cut short, stray or unclosed tags, a
charset declaration that lies, NUL and random bytes; and, for JSON Lines input to `khobao extract -`,
text with lone surrogates and control characters.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.charset import decode_html
from crawler.clean import Rejected, extract
from crawler.settings import Selectors, Source
from sites import doiche, songcau
from sites.news import DOICHE, SONGCAU
from store import Article

PAGES = Path(__file__).parent / "pages"


def _seed_pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of every invented page we have: hand-written shapes, articles and listings."""
    pages = [(f"https://bao.example.vn/tin/{p.stem}-{n}.html", p.read_bytes())
             for n, p in enumerate(sorted(PAGES.glob("*.html")))]
    hong, che = songcau.SongCau(), doiche.DoiChe()
    pages += [(f"https://tinsongcau.example.vn{songcau.path_of(s)}", hong.article(s).encode("utf-8"))
              for s in SONGCAU[:3]]
    pages.append(("https://tinsongcau.example.vn/thoi-su/", hong.listing("thoi-su", 1).encode("utf-8")))
    pages += [(f"http://doiche.example.vn{doiche.path_of(s)}", che.article(s)) for s in DOICHE[:3]]
    pages.append(("http://doiche.example.vn/tin-tuc/trang-1.html", che.listing(1)))
    return pages


SEEDS = _seed_pages()
SOURCES = [None,
           Source(name="songcau", domains=("tinsongcau.example.vn",), timezone="Asia/Ho_Chi_Minh"),
           Source(name="chon", domains=("bao.example.vn",),
                  selectors=Selectors(title="h1", body="article p, .noi-dung p", date="time", author=".tac-gia"))]
# Addresses as `khobao extract` may be given them (the crawler's own are normalised). One urlsplit() refuses
# ("https://[::1") is a bad request line, which `khobao extract -` answers with an error: not this property.
URLS = ["", "not a url", "http://bao.example.vn:99999/a.html", "http://bao.example.vn:abc/a.html",
        "https://bao.example.vn/\ud800.html", "file:///tmp/trang.html", "https://bao.example.vn/2024/02/30/bai-123.html"]
CHARSETS = ["utf-8", "utf-16", "utf-32", "windows-1258", "iso-8859-1", "x-user-defined", "bogus-charset", "", "utf-7"]
TAGS = ["<div>", "</div>", "<p>", "</p>", "</body>", "<body>", "<html>", "</html>", "<head>", "<script>", "</script>",
        "<style>", "<table><tr><td>", "<article>", "<h1>", "<!--", "-->", "<![CDATA[", "<?xml version='1.0'?>",
        "<svg><text>", "<template>", "<noscript>", "<br/>", "<meta property=\"og:type\" content=\"article\">",
        '<time datetime="0001-01-01T00:00:00Z">', '<time datetime="9999-12-31T23:59:59-12:00">',
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0000-00-00"}</script>',
        "<p>" + "Tin nóng " * 40 + "</p>", "<a href='http://[::1'>x</a>", '<link rel="canonical" href="http://[::1/bai.html">',
        '<meta property="og:url" content="https://[fe80::1%eth0/x">', '<link rel="canonical" href="">', "&#0;", "&#xD800;", "&#99999999;"]


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """`data` with a few random injuries."""
    for _ in range(draw(st.integers(1, 6))):
        size = len(data)
        at = draw(st.integers(0, size))
        length = draw(st.integers(0, max(0, size - at)))
        kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "tag", "charset", "nul", "bytes"]))
        if kind == "delete":
            data = data[:at] + data[at + length:]
        elif kind == "duplicate":
            data = data[:at + length] + data[at:at + length] * draw(st.integers(1, 3)) + data[at + length:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "tag":
            data = data[:at] + draw(st.sampled_from(TAGS)).encode("utf-8") + data[at:]
        elif kind == "charset":
            charset = draw(st.sampled_from(CHARSETS))
            declaration = draw(st.sampled_from([f'<meta charset="{charset}">',
                                                f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
                                                f'<?xml version="1.0" encoding="{charset}"?>']))
            data = data[:at] + declaration.encode("ascii") + data[at:]
        elif kind == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 8)) + data[at:]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
    return data


odd_characters = st.one_of(st.integers(0xD800, 0xDFFF).map(chr), st.integers(0, 0x1F).map(chr),
                           st.sampled_from(["\ufeff", "\ufffe", "\uffff", "\u202e", "\U0010ffff", "\x7f"]))


@st.composite
def damaged_page(draw) -> tuple[str, str, Source | None]:
    """(html as str, url, source): decoded as the crawler decodes, or as JSON Lines text may arrive."""
    url, data = draw(st.sampled_from(SEEDS))
    data = draw(damaged(data))
    content_type = draw(st.sampled_from([None, "text/html", "text/html; charset=utf-8",
                                         "text/html; charset=windows-1258", "text/html; charset=nonsense"]))
    html = decode_html(data, content_type)
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(html)))
            html = html[:at] + draw(st.text(odd_characters, min_size=1, max_size=5)) + html[at:]
    if draw(st.integers(0, 3)) == 0:
        url = draw(st.sampled_from(URLS))
    return html, url, draw(st.sampled_from(SOURCES))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_page())
def test_extract_never_raises_on_a_damaged_page(page):
    html, url, source = page
    result = extract(html, url, source)
    assert isinstance(result, (Article, Rejected))
    if isinstance(result, Rejected):
        assert result.reason
    else:
        assert result.body.strip() and result.title.strip()


def test_the_seeds_are_articles_and_listings_as_written():
    """The property starts from real pages: undamaged, the article pages clean to articles."""
    results = [extract(decode_html(data), url) for url, data in SEEDS]
    assert sum(isinstance(r, Article) for r in results) >= len(SEEDS) - 4   # listing pages are rejected
    assert any(isinstance(r, Rejected) for r in results)


def test_a_canonical_link_that_is_no_address_is_ignored():
    """urljoin() raises on "http://[::1": the page is still an article, without that canonical URL."""
    html = (PAGES / "noisy_article.html").read_text(encoding="utf-8")
    html = html.replace("<head>", '<head><link rel="canonical" href="http://[::1/bai.html">', 1)
    result = extract(html, "https://bao.example.vn/tin/bai-1.html")
    assert isinstance(result, Article) and "[::1" not in (result.canonical_url or "")


def test_a_tree_readability_cannot_read_leaves_the_other_opinions():
    """readability asserts "too many bodies" on this damaged listing (a stray <tml> element); the cleaner goes on."""
    html = ('<meta charset=""><!DOCTYPE html>\n<tml lang="vi">\n<head>\n<meta charset="utf-8">\n'
            '<title>Thời sự - Tin tức thời sự mới nhất hôm nay | Báo Sông Hồng</title>\n'
            '<meta property="og:type" content="website">\n'
            '<meta property="og:title" content="Thời sự - Tin tức thời sự mới nhất hôm nay">\n'
            '<meta name="description" content="Tin tức thời sự trong nước mới nhất, cập nhật liên tục 24 giờ.">\n'
            '</head>\n<body>')
    assert isinstance(extract(html, "https://bao.example.vn/tin/listing-2.html"), (Article, Rejected))


def test_a_control_character_next_to_a_script_does_not_stop_the_cleaner():
    """lxml parses "a\\x01" but will not write it back when dropping the <script> beside it."""
    data = b"a\x01<script>var x = 1</script>" + (PAGES / "dateline_only.html").read_bytes()
    assert isinstance(extract(decode_html(data), "https://bao.example.vn/tin/bai-2.html"), Article)
