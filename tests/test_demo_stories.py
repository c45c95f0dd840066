"""The sample stories as data (khobao/demo/stories.json, sources.json, words.json): every field explicit and usable."""

from __future__ import annotations

import string
from datetime import datetime

from khobao.demo.sample import LOCAL, _Writer
from khobao.demo.stories import PLANS, SPECIAL_ARTICLES, TOPICS, WORDS


def slot_names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_template_slot_is_one_the_archive_fills():
    for plan in PLANS:
        writer = _Writer(plan, "slot-check", set())
        for key in plan.topics:
            topic = TOPICS[key]
            filled = writer.slots(topic, datetime(2020, 6, 1, 8, 0, tzinfo=LOCAL))
            for template in (*topic.titles, *topic.leads, *topic.paragraphs, *topic.quotes):
                missing = slot_names(template.text) - set(filled)
                assert not missing, f"{key}: {template.text[:60]!r} uses unknown slots {missing}"
            for role in topic.roles:
                assert slot_names(role) <= set(filled), role


def test_angles_and_years_are_explicit_fields_not_text_prefixes():
    for topic in TOPICS.values():
        for template in (*topic.titles, *topic.leads, *topic.paragraphs, *topic.quotes):
            assert set(template.angles) <= set("abcde")
            assert not template.text.startswith("@") and "|" not in template.text[:4]
            if template.years:
                assert 2016 <= template.years[0] <= template.years[1] <= 2025
        assert topic.titles and topic.leads and topic.paragraphs
        for title in topic.titles:  # every title's angle finds a lead in every year
            assert all(any(lead.fits(title.angles, year) for lead in topic.leads) for year in range(2016, 2026))


def test_sources_name_known_topics_and_sections_and_special_articles_fit_their_source():
    for plan in PLANS:
        assert set(plan.topics) <= set(TOPICS) and set(plan.topics) <= set(plan.sections)
        assert plan.provinces and plan.authors and plan.count > 0
    by_name = {p.name: p for p in PLANS}
    for article in SPECIAL_ARTICLES:
        plan = by_name[article.source]
        assert article.topic in plan.topics and article.why
        assert plan.years[0] <= article.published.year <= plan.years[1]
        assert article.published.utcoffset() is not None
    assert WORDS.communes and WORDS.city_of["Lạng Sơn"] == "Lạng Sơn" and isinstance(WORDS.default_river, str)
