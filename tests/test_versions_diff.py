"""The word diff (webui/diffs.py) and the choice of versions (webui/history.py), as units."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webui.diffs import CONTEXT, FOLD_AT, PARAGRAPH, Labels, Op, apply, changed_words, diff, render, text_diff, words
from webui.history import VersionText, choose

LABELS = Labels("added:", "removed:", lambda n: f"… {n} words unchanged …")


def visible(html: str, drop: str) -> list[str]:
    """The words a reader sees with the <drop> elements (ins or del) taken out, paragraph breaks kept."""
    html = re.sub(rf"<{drop}>.*?</{drop}>", " ", html, flags=re.S)
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    html = html.replace("</p>\n<p>", f" {PARAGRAPH} ")
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


def test_words_are_syllables_with_paragraph_breaks():
    assert words("Hà Nội  mưa to.\n\n Nhiều phố ngập.\n") == ["Hà", "Nội", "mưa", "to.", PARAGRAPH,
                                                            "Nhiều", "phố", "ngập."]
    assert words("") == [] and words("\n \n") == []


def test_diff_marks_what_went_and_what_came():
    old, new = words("Hai người bị thương nhẹ."), words("Ba người bị thương nhẹ.")
    ops = diff(old, new)
    assert ops == [Op("replace", ("Hai",), ("Ba",)), Op("equal", tuple(new[1:]), tuple(new[1:]))]
    html = render(ops, LABELS)
    assert html == ('<p><del><span class="visually-hidden">removed: </span>Hai</del> '
                    '<ins><span class="visually-hidden">added: </span>Ba</ins> người bị thương nhẹ.</p>')
    assert changed_words(ops) == (1, 1)


def test_html_in_the_text_comes_out_escaped():
    html = str(render(diff(words("a <b>"), words("a <script>x</script>")), LABELS))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html and "&lt;b&gt;" in html


def test_long_unchanged_stretches_fold_with_their_count():
    same = [f"chữ{i}" for i in range(100)]
    ops = diff(["đầu", *same, "cũ", *same], ["đầu", *same, "mới", *same])
    html = str(render(ops, LABELS))
    # before the change: the first word starts the text, so 100 + 1 - CONTEXT are folded; after it,
    # the stretch runs to the end: 100 - CONTEXT folded
    assert f"… {101 - CONTEXT} words unchanged …" in html and f"… {100 - CONTEXT} words unchanged …" in html
    assert "chữ99" in html and f"chữ{CONTEXT - 1} " not in html and html.count("diff-fold") == 2
    assert "chữ88" in html and "chữ87 " not in html.split("<del>")[0]   # the CONTEXT words before the change
    unfolded = str(render(ops, LABELS, fold=False))
    assert "diff-fold" not in unfolded and visible(unfolded, "del") == ["đầu", *same, "mới", *same]


def test_a_short_stretch_between_changes_is_not_folded():
    middle = [f"w{i}" for i in range(FOLD_AT)]
    html = str(render(diff(["a", *middle, "b"], ["x", *middle, "y"]), LABELS))
    assert "diff-fold" not in html and all(w in html for w in middle)


def test_paragraphs_added_split_and_joined():
    added = str(render(diff(words("Một.\nHai."), words("Một.\nHai.\nBa bốn.")), LABELS))
    assert added.endswith('<p><ins><span class="visually-hidden">added: </span>Ba bốn.</ins></p>')
    assert "¶" not in added   # a new paragraph shows itself
    split = str(render(diff(words("Một hai."), words("Một\nhai.")), LABELS))
    assert "¶</ins></p>\n<p>hai.</p>" in split   # a split alone is marked where it happened
    joined = str(render(diff(words("Một\nhai."), words("Một hai.")), LABELS))
    assert "<del>" in joined and "¶</del>" in joined and joined.count("<p>") == 1


def test_text_diff_counts_and_cuts(monkeypatch):
    result = text_diff("Giá xăng giảm.", "Giá xăng giảm nhẹ.", LABELS)   # "giảm." went, "giảm nhẹ." came
    assert (result.added, result.removed, result.cut) == (2, 1, False)
    title = text_diff("Tiêu đề cũ", "Tiêu đề mới", LABELS, inline=True)
    assert not str(title.html).startswith("<p>") and "<ins>" in title.html
    monkeypatch.setattr("webui.diffs.MAX_WORDS", 3)
    assert text_diff("a b c d e", "a b c d f", LABELS).cut


def test_apply_refuses_operations_of_another_text():
    ops = diff(["a", "b"], ["a", "c"])
    with pytest.raises(ValueError):
        apply(["x", "b"], ops)
    with pytest.raises(ValueError):
        apply(["a", "b", "extra"], ops)


vocabulary = st.sampled_from(["Hà", "Nội", "mưa", "to", "của", "và", "là", "<b>", "&", PARAGRAPH, "người", "ba"])
texts = st.lists(vocabulary, max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_applying_the_operations_to_the_old_words_gives_the_new(old, new):
    ops = diff(old, new)
    assert apply(old, ops) == new
    assert [w for op in ops for w in op.old] == old          # the old side, covered once, in order
    assert all(op.old == op.new for op in ops if op.tag == "equal")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Hà", "Nội", "mưa", "to", "của", "<b>", "&"]), max_size=40),
       st.lists(st.sampled_from(["Hà", "Nội", "mưa", "to", "của", "<b>", "&"]), max_size=40))
def test_the_markup_reads_as_the_new_text_without_del_and_the_old_without_ins(old, new):
    html = str(render(diff(old, new), LABELS, fold=False))
    assert visible(html, "del") == new and visible(html, "ins") == old


# -- which two versions -------------------------------------------------------------------------

def version(n: int, current: bool = False) -> VersionText:
    return VersionText(n, f"T{n}", f"B{n}", None, None, None, datetime(2024, 1, n, tzinfo=timezone.utc), f"h{n}", current)


THREE = [version(1), version(2), version(3, current=True)]


def test_the_newest_change_by_default_and_nothing_for_one_version():
    assert choose([version(1, current=True)], {}) is None
    chosen = choose(THREE, {})
    assert (chosen.old.number, chosen.new.number, chosen.error) == (2, 3, None)


@pytest.mark.parametrize(("args", "pair"), [({"old": "1", "new": "3"}, (1, 3)), ({"old": "3", "new": "1"}, (1, 3)),
                                           ({"old": "1"}, (1, 3)), ({"new": "2"}, (1, 2))])
def test_any_two_versions_in_time_order(args, pair):
    chosen = choose(THREE, args)
    assert (chosen.old.number, chosen.new.number) == pair and chosen.error is None


@pytest.mark.parametrize(("args", "error"), [({"old": "7", "new": "3"}, "versions_bad_choice"),
                                            ({"old": "một"}, "versions_bad_choice"),
                                            ({"old": "2", "new": "2"}, "versions_same_choice"),
                                            ({"new": "1"}, "versions_same_choice")])
def test_an_impossible_pair_says_why_and_shows_the_newest_change(args, error):
    chosen = choose(THREE, args)
    assert chosen.error == error and (chosen.old.number, chosen.new.number) == (2, 3)


def test_a_long_bad_choice_is_not_echoed_whole():
    chosen = choose(THREE, {"old": "9" * 5000})
    assert chosen.error == "versions_bad_choice" and len(chosen.values["old"]) == 20
