"""The query parser's notes are records (key + values) worded by each reader: English in the CLI
and the JSON API, the i18n table in the web UI. Every key the parser can write must be in
NOTE_TEXTS and in the i18n table in both languages, with the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import indexer.query as query
from indexer.api import Facets, SearchPage
from indexer.query import NOTE_TEXTS, Note, parse
from webui.i18n import STRINGS
from webui.notes import PREFIX, note_text


def written_keys() -> set[str]:
    """The note keys in the indexer's source: the first argument of every `self.note(...)` call of
    the parser and of every `Note(...)` made elsewhere (the searcher's reading of joined syllables)."""
    keys = set()
    for path in sorted(Path(query.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            by_parser = (isinstance(node.func, ast.Attribute) and node.func.attr == "note"
                         and isinstance(node.func.value, ast.Name) and node.func.value.id == "self")
            made = (isinstance(node.func, ast.Name) and node.func.id == "Note"
                    and not (node.args and isinstance(node.args[0], ast.Name)))   # the parser's own note()
            if by_parser or made:
                assert node.args and isinstance(node.args[0], ast.Constant), ast.unparse(node)
                keys.add(node.args[0].value)
    return keys


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_note_the_parser_writes_is_registered():
    keys = written_keys()
    assert len(keys) >= 10                      # the scan finds the calls
    assert keys <= set(NOTE_TEXTS), keys - set(NOTE_TEXTS)
    assert set(NOTE_TEXTS) <= keys, set(NOTE_TEXTS) - keys   # no registered note that nothing writes


@pytest.mark.parametrize("key", sorted(NOTE_TEXTS))
def test_every_note_is_in_the_i18n_table_in_both_languages(key):
    assert PREFIX + key in STRINGS, f"add {PREFIX + key!r} to webui/i18n.py"
    vi, en = STRINGS[PREFIX + key]
    assert en == NOTE_TEXTS[key]                # the English page says what the CLI and the JSON say
    assert placeholders(vi) == placeholders(en) == placeholders(NOTE_TEXTS[key])
    assert vi != en


def test_an_unknown_note_key_is_refused():
    with pytest.raises(ValueError, match="NOTE_TEXTS"):
        Note("no_such_note")


@pytest.mark.parametrize("text, key, values", [
    ("\udcff hà", "not_utf8", {}),
    ("a" * 1001, "query_cut", {"limit": 1000}),
    (" ".join(["x"] * 70), "syllables_cut", {"limit": 64}),
    ("(" * 30 + "x", "nested_too_deep", {"limit": 20}),
    ("a OR", "stray_or", {}),
    ("a NOT", "stray_not", {}),
    ("a - b", "stray_sign", {"sign": "-"}),
    ("a )", "unmatched_close", {}),
    ("(a", "missing_close", {}),
    ("source:", "field_needs_value", {"field": "source"}),
    ("tieude:ha", "unknown_field", {"field": "tieude"}),
    ("title:", "field_without_words", {}),
    ('"ha noi', "unbalanced_quote", {}),
    ("**", "nothing_to_search", {"text": "**"}),
])
def test_each_note_is_written_with_its_values_and_worded_in_vietnamese(text, key, values):
    notes = parse(text).notes
    assert Note(key, values) in notes, notes
    vietnamese = note_text([Note(key, values)], "vi")
    assert vietnamese == STRINGS[PREFIX + key][0].format(**values)
    assert vietnamese != Note(key, values).text


def test_the_json_keeps_note_as_english_text_and_adds_the_records():
    notes = tuple(parse("(source:").notes)
    page = SearchPage(query="(source:", total=0, took_ms=1.0, hits=[], facets=Facets(), notes=notes)
    data = page.to_json()
    assert data["note"] == "'source:' needs a value; it was ignored. A missing ')' was assumed at the end."
    assert data["notes"] == [{"key": "field_needs_value", "values": {"field": "source"}},
                             {"key": "missing_close", "values": {}}]
    assert SearchPage(query="x", total=0, took_ms=1.0, hits=[], facets=Facets()).to_json()["note"] is None


def test_facets_are_typed_and_become_strings_only_in_the_json():
    facets = Facets(years={2021: 3, None: 2, 2019: 1}, months={(2021, 5): 3, (2019, 12): 1, None: 2},
                    sources={"b": 1, "a": 4, "c": 1}, days={(2021, 5, 3): 1, (2021, 5, 17): 2})
    assert facets.to_json() == {"year": {"2021": 3, "2019": 1, "unknown": 2},
                                "month": {"2021-05": 3, "2019-12": 1, "unknown": 2},
                                "day": {"2021-05-17": 2, "2021-05-03": 1},
                                "source": {"a": 4, "b": 1, "c": 1}}
    # the order of the wire form is today's: keys newest first ("unknown" before the years), sources by count
    assert list(facets.to_json()["year"]) == ["unknown", "2021", "2019"]
    assert list(facets.to_json()["month"]) == ["unknown", "2021-05", "2019-12"]
    assert list(facets.to_json()["source"]) == ["a", "b", "c"]
    assert list(facets.to_json()["day"]) == ["2021-05-17", "2021-05-03"]
    assert facets.years[2021] == 3 and facets.months[None] == 2 and not isinstance(facets, dict)
    assert Facets().to_json() == {"year": {}, "month": {}, "day": {}, "source": {}}
