"""The sample archive's raw material, read from the JSON files beside this module.

stories.json holds one story template per topic (titles, leads, paragraphs and quotes with {slots},
each with the angles and years it fits) and the hand-written articles that pin behaviour the tests
check; sources.json the three invented sources; words.json the word lists the slots are filled from.
sample.py turns them into articles. Everything here is invented for khobao, except place names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from store import DEFAULT_TZ


@dataclass(frozen=True)
class Template:
    """One sentence or paragraph with {slots}, and the articles it may be used in."""

    text: str
    angles: str = ""                        # letters of the story angles it fits; "" fits every angle
    years: tuple[int, int] | None = None    # first and last year it may be used in; None for any year

    def fits(self, angle: str, year: int) -> bool:
        """May this lead, paragraph or quote go into an article of this angle (a title's angles) and year?"""
        if self.years and not self.years[0] <= year <= self.years[1]:
            return False
        return not self.angles or not angle or bool(set(self.angles) & set(angle))


@dataclass(frozen=True)
class Topic:
    key: str
    months: tuple[int, ...]            # months when such news happens; () for any month
    titles: tuple[Template, ...]       # a title's angles choose the lead, paragraphs and quotes
    leads: tuple[Template, ...]
    paragraphs: tuple[Template, ...]
    quotes: tuple[Template, ...]
    roles: tuple[str, ...]             # what the official quoted (p1) does
    places: tuple[str, ...] = ()       # provinces this kind of news comes from; () for the source's own


@dataclass(frozen=True)
class SpecialArticle:
    """A hand-written article placed among the generated ones; `why` says what it pins."""

    source: str
    topic: str
    published: datetime                # aware, local time
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class SourcePlan:
    """How one invented source writes: its years, topics, places, sections and tone-mark style."""

    name: str
    label: str
    years: tuple[int, int]                   # first and last year, inclusive
    count: int
    first_number: int                        # the first article id on the site
    topics: dict[str, int]                   # topic key -> weight
    sections: dict[str, str]                 # topic key -> section name on the site
    provinces: tuple[str, ...]
    tone_style: str                          # "old" (hòa), "new" (hoà) or "mixed" (new until 2019)
    authors: tuple[str, ...]


@lru_cache(maxsize=None)
def _read(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _templates(items: list[dict]) -> tuple[Template, ...]:
    return tuple(Template(t["text"], t.get("angles", ""), tuple(t["years"]) if "years" in t else None)
                 for t in items)


def _topic(t: dict) -> Topic:
    return Topic(key=t["key"], months=tuple(t["months"]), titles=_templates(t["titles"]),
                 leads=_templates(t["leads"]), paragraphs=_templates(t["paragraphs"]),
                 quotes=_templates(t["quotes"]), roles=tuple(t["roles"]), places=tuple(t["places"]))


def _special(a: dict) -> SpecialArticle:
    published = datetime.fromisoformat(a["published"]).replace(tzinfo=ZoneInfo(DEFAULT_TZ))
    return SpecialArticle(source=a["source"], topic=a["topic"], published=published, title=a["title"],
                          lead=a["lead"], paragraphs=tuple(a["paragraphs"]), why=a["why"])


def _plan(p: dict) -> SourcePlan:
    return SourcePlan(name=p["name"], label=p["label"], years=tuple(p["years"]), count=p["count"],
                      first_number=p["first_number"], topics=dict(p["topics"]), sections=dict(p["sections"]),
                      provinces=tuple(p["provinces"]), tone_style=p["tone_style"], authors=tuple(p["authors"]))


def _words(lists: dict) -> SimpleNamespace:
    return SimpleNamespace(**{k: tuple(v) if isinstance(v, list) else v for k, v in lists.items() if k != "about"})


TOPICS: dict[str, Topic] = {t["key"]: _topic(t) for t in _read("stories.json")["topics"]}
SPECIAL_ARTICLES: tuple[SpecialArticle, ...] = tuple(_special(a) for a in _read("stories.json")["special_articles"])
PLANS: tuple[SourcePlan, ...] = tuple(_plan(p) for p in _read("sources.json")["sources"])
WORDS = _words(_read("words.json"))  # word lists by name: WORDS.communes, WORDS.city_of, ...
