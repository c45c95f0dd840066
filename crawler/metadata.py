"""Structured metadata of a page: JSON-LD (NewsArticle, also inside @graph), OpenGraph, article:* and other meta.

Read from an lxml tree parsed once by the cleaner. Values are raw strings; dates are parsed and
validated later (crawler/dates.py), so a bad value here only means "no value".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from store import join_url, well_formed_url

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "scholarlyarticle", "techarticle", "report", "posting",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "website"}

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
    "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article.published", "article_date_original", "date", "created", "publication_date",
    "cxenseparse:recs:publishtime", "og:updated_time", "article:modified_time", "datemodified", "lastmod",
)
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "dcterms.creator")
SECTION_META = ("article:section", "section", "parsely-section", "category", "cxenseparse:recs:category")


@dataclass
class PageMeta:
    """What structured metadata says about a page; every field may be empty."""

    title: str = ""
    og_title: str = ""
    html_title: str = ""
    site_name: str = ""
    publisher: str = ""
    canonical_url: str | None = None
    description: str = ""
    authors: list[str] = field(default_factory=list)
    section: str = ""
    published: list[str] = field(default_factory=list)   # candidate strings, best first
    modified: str = ""
    language: str = ""
    og_type: str = ""
    jsonld_types: set[str] = field(default_factory=set)
    article_body: str = ""                                 # JSON-LD articleBody when given

    @property
    def says_article(self) -> bool:
        return self.structured_article or self.og_type == "article"

    @property
    def structured_article(self) -> bool:
        """JSON-LD says article: stronger than og:type, which some sites put on their home page."""
        return bool(self.jsonld_types & ARTICLE_TYPES)

    @property
    def says_listing(self) -> bool:
        return not self.says_article and bool(self.jsonld_types & (LISTING_TYPES - {"website"}))


def _text(value) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _names(value) -> list[str]:
    """Author(s) from JSON-LD: a string, a Person/Organization object, or a list of those."""
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    if isinstance(value, dict):
        name = _text(value.get("name"))
        return [name] if name else []
    name = _text(value)
    return [name] if name and not name.startswith("http") else []


def _types(obj: dict) -> set[str]:
    value = obj.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values if v}


def _walk(data):
    """Every JSON-LD object, flattening lists and @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk(main)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _load_json(text: str):
    text = (text or "").strip()
    if text.startswith("<!--"):
        text = text.strip("<!->")
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _read_jsonld(tree, meta: PageMeta, url: str) -> None:
    article = None
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for obj in _walk(_load_json(script.text or "")):
            types = _types(obj)
            meta.jsonld_types |= types
            if types & ARTICLE_TYPES and article is None:
                article = obj
            elif "breadcrumblist" in types and not meta.section:
                meta.section = _breadcrumb_section(obj)
    if article is None:
        return
    meta.title = _text(article.get("headline")) or _text(article.get("name"))
    date = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
    if date:
        meta.published.append(date)
    meta.modified = _text(article.get("dateModified"))
    meta.authors = _names(article.get("author")) or _names(article.get("creator"))
    publisher = _names(article.get("publisher"))
    meta.publisher = publisher[0] if publisher else ""
    section = article.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else ""
    meta.section = _text(section) or meta.section
    meta.description = _text(article.get("description"))
    body = article.get("articleBody")
    meta.article_body = body.strip() if isinstance(body, str) else ""
    language = article.get("inLanguage")
    meta.language = _text(language) if isinstance(language, str) else ""
    entity = article.get("mainEntityOfPage")
    entity_url = entity.get("@id") if isinstance(entity, dict) else entity
    if isinstance(entity_url, str) and entity_url.startswith("http") and not meta.canonical_url:
        meta.canonical_url = well_formed_url(entity_url)


def _breadcrumb_section(obj: dict) -> str:
    """The first crumb after the home page: the section a news site files the article under."""
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return ""
    crumbs = sorted((i for i in items if isinstance(i, dict)), key=lambda i: i.get("position") or 0)
    names = []
    for crumb in crumbs:
        item = crumb.get("item")
        name = _text(crumb.get("name")) or (_text(item.get("name")) if isinstance(item, dict) else "")
        if name:
            names.append(name)
    names = [n for n in names if n.lower() not in ("trang chủ", "home", "trang chu", "homepage")]
    return names[0] if names else ""


def read_metadata(tree, url: str) -> PageMeta:
    """All structured metadata of a parsed page (an lxml.html document)."""
    meta = PageMeta()
    _read_jsonld(tree, meta, url)
    named: dict[str, str] = {}
    for tag in tree.iterfind(".//meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = tag.get("content")
        if key and content and key not in named:
            named[key] = " ".join(content.split())
    meta.og_title = named.get("og:title", "") or named.get("twitter:title", "")
    meta.site_name = named.get("og:site_name", "")
    meta.og_type = named.get("og:type", "").lower()
    meta.description = meta.description or named.get("og:description", "") or named.get("description", "")
    meta.title = meta.title or meta.og_title
    for key in PUBLISHED_META:
        if key in named and key not in ("og:updated_time", "article:modified_time", "datemodified", "lastmod"):
            meta.published.append(named[key])
    for key in ("og:updated_time", "article:modified_time", "datemodified", "lastmod"):
        if key in named:
            meta.modified = meta.modified or named[key]
    for element in tree.xpath('.//*[@itemprop="datePublished"][not(self::meta)]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            meta.published.append(value.strip())
    if not meta.authors:
        for key in AUTHOR_META:
            value = named.get(key, "")
            if value and not value.startswith("http") and "facebook.com" not in value:
                meta.authors = [value]
                break
    if not meta.section:
        meta.section = next((named[k] for k in SECTION_META if named.get(k)), "")
    title = tree.find(".//title")
    meta.html_title = " ".join((title.text_content() if title is not None else "").split())
    for link in tree.iterfind(".//link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.canonical_url = well_formed_url(join_url(url, link.get("href").strip()))
            break
    root = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    meta.language = meta.language or lang or named.get("og:locale", "") or named.get("content-language", "")
    return meta
