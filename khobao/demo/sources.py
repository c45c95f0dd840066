"""The sample sites as crawler sources: what a user would write in config.toml for them.

The ports change from run to run, so the sources are built in code from the running servers'
addresses. Politeness stays on (robots.txt is obeyed) but without delay: the sites are local.
"""

from __future__ import annotations

from crawler import Politeness, Selectors, Source

from .sample import PLANS
from .site import Site

LOCAL_POLITENESS = Politeness(delay=0.0, per_host=4, respect_robots=True)


def demo_sources(base_urls: dict[str, str], sites: dict[str, Site]) -> tuple[Source, ...]:
    """One `Source` per sample site served at `base_urls[name]`."""
    labels = {p.name: p.label for p in PLANS}

    def section_pages(name: str, pattern: str) -> tuple[str, ...]:
        site = sites[name]
        return tuple(base_urls[name] + pattern.format(slug=slug, cat=i + 1) for i, slug in enumerate(site.sections))

    modern, dated, legacy = base_urls["nhipsong"], base_urls["songhong"], base_urls["biencuong"]
    return (
        Source(
            name="nhipsong", label=labels["nhipsong"],
            feeds=(modern + "/rss/tin-moi-nhat.rss",),
            sitemaps=(modern + "/sitemap.xml",),
            listings=section_pages("nhipsong", "/{slug}/"),
            follow=(r"/[a-z0-9-]+/[a-z0-9-]+-\d{5,}\.html$",),
            pagination=(r"/[a-z0-9-]+/trang-\d+$",),
            politeness=LOCAL_POLITENESS,
        ),
        Source(
            name="songhong", label=labels["songhong"],
            feeds=(dated + "/feed.atom",),
            sitemaps=(dated + "/sitemap.xml",),
            listings=section_pages("songhong", "/chuyen-muc/{slug}.htm"),
            follow=(r"/[a-z0-9-]+/[a-z0-9-]+-\d{5,}\.htm$",),
            selectors=Selectors(section="div.cate-link a", author="p.tacgia"),
            skip=(r"[?&]print=",),
            pagination=(r"/chuyen-muc/[a-z0-9-]+/trang-\d+\.htm$",),
            politeness=LOCAL_POLITENESS,
        ),
        Source(
            name="biencuong", label=labels["biencuong"],
            feeds=(legacy + "/rss.xml",),
            sitemaps=(legacy + "/sitemap.xml",),
            listings=section_pages("biencuong", "/default.asp?cat={cat}"),
            follow=(r"/tin-tuc/chi-tiet\.asp\?id=\d+$",),
            pagination=(r"/default\.asp\?cat=\d+&page=\d+$",),
            selectors=Selectors(title="td.tieude", body="td.noidung", date="td.ngaydang", section="td.cattitle",
                                author="td.tacgia"),
            politeness=LOCAL_POLITENESS,
        ),
    )
