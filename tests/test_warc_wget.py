"""Interoperability: a WARC written by a real `wget --warc-file` crawl of the sample sites imports exactly.

wget stores responses as they came over the wire (chunked, gzip-encoded when asked, windows-1258),
with request and metadata records beside them: the format people will bring to `khobao import`.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from crawler.settings import Source
from khobao.demo.server import SampleSites
from khobao.warc_import import import_warc
from store import ArticleStore

WGET = shutil.which("wget")


@pytest.fixture(autouse=True)
def _needs_wget():
    # .ci/run installs wget; a missing one is a broken test machine, not a reason to skip
    assert WGET, "these tests need GNU wget: apt-get install wget (bash .ci/run does it)"


def wget_warc(start_url: str, prefix, *extra: str) -> None:
    subprocess.run([WGET, "-q", f"--warc-file={prefix}", "--recursive", "--level=1", "--no-parent", "--delete-after",
                    "--no-directories", "--tries=1", "--timeout=10", *extra, start_url],
                   cwd=prefix.parent, check=False, timeout=120, stdin=subprocess.DEVNULL)
    assert prefix.with_suffix(".warc.gz").exists()


def test_wget_warcs_of_the_sample_sites_import_exactly(tmp_path):
    with SampleSites() as sites:
        legacy, modern = sites.sites["biencuong"], sites.sites["nhipsong"]
        wget_warc(sites.base_urls["biencuong"] + "/default.asp?cat=1", tmp_path / "legacy")
        wget_warc(sites.base_urls["nhipsong"] + "/kinh-te/", tmp_path / "modern", "--header=Accept-Encoding: gzip")
        legacy_base, modern_base = sites.base_urls["biencuong"], sites.base_urls["nhipsong"]
    sources = (Source(name="biencuong", domains=("127.0.0.1",), follow=(r"chi-tiet\.asp\?id=\d+$",)),)
    with ArticleStore(tmp_path / "store.sqlite3") as store:
        summary = import_warc([tmp_path / "legacy.warc.gz"], store, sources)
        assert summary.new >= 5 and not summary.damaged
        assert summary.skipped["not an article URL by the source's follow/skip patterns"] >= 1  # listing pages
        for article in legacy.articles:
            stored = store.get_by_url(legacy_base + legacy.article_path(article))
            if stored is None:
                continue
            got = stored.article
            assert (got.title, got.body, got.published) == (article.title, article.body, article.published)
            assert unicodedata.is_normalized("NFC", got.body)
        modern_summary = import_warc([tmp_path / "modern.warc.gz"], store, (), source=Source(name="nhipsong"))
        assert modern_summary.new >= 5
        section = [a for a in modern.newest_first if a.section == "Kinh tế"][:5]  # page 1 of the section
        for article in section:
            got = store.get_by_url(modern_base + modern.article_path(article)).article
            assert (got.title, got.body, got.published) == (article.title, article.body, article.published)
