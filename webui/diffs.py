"""What changed between two versions of an article: a word-level diff, folded and marked up.

Words are what a reader compares (in Vietnamese each syllable is written apart, and each counts
as a word here); a paragraph break is a word of its own (PARAGRAPH), so a split or joined
paragraph shows as one. The operations are difflib's over those words: `apply` replays them on
the old words and gives the new ones (the tests' property). `render` turns them into HTML with
<ins> and <del> (each with a hidden "added:" / "removed:" for screen readers; underline and
strike-through, not colour alone, for the eye), long unchanged stretches folded.

A diff is bounded (MAX_WORDS a side) so one request costs at most a few milliseconds of difflib,
and rendered diffs are kept (versions never change: a key of content hashes names one for good).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

PARAGRAPH = "\n"      # the word that stands for a paragraph break
CONTEXT = 12          # unchanged words shown either side of a change
FOLD_AT = 2 * CONTEXT + 16   # an unchanged stretch longer than this is folded
MAX_WORDS = 8_000     # words of each side compared (beyond: said, not compared)
KEPT = 256            # rendered diffs kept


@dataclass(frozen=True)
class Op:
    """One step from old to new: `tag` is equal, insert, delete or replace; `old` and `new` are the
    words it spans on each side (equal: the same words)."""

    tag: str
    old: tuple[str, ...]
    new: tuple[str, ...]


def words(text: str) -> list[str]:
    """The words of a text, with PARAGRAPH between its paragraphs (one paragraph a line)."""
    out: list[str] = []
    for line in text.split("\n"):
        parts = line.split()
        if not parts:
            continue
        if out:
            out.append(PARAGRAPH)
        out.extend(parts)
    return out


def diff(old: list[str], new: list[str]) -> list[Op]:
    """The operations that turn `old` into `new`: the common start and end set aside (an edit is
    usually local), difflib's longest matching blocks over the rest, with no junk heuristic
    (common syllables like "của" must still match)."""
    shorter = min(len(old), len(new))
    start = 0
    while start < shorter and old[start] == new[start]:
        start += 1
    end = 0
    while end < shorter - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_mid, new_mid = old[start:len(old) - end], new[start:len(new) - end]
    matcher = SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    ops = [Op(tag, tuple(old_mid[i1:i2]), tuple(new_mid[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
           if i1 < i2 or j1 < j2]
    if start:
        ops.insert(0, Op("equal", tuple(old[:start]), tuple(old[:start])))
    if end:
        ops.append(Op("equal", tuple(old[len(old) - end:]), tuple(old[len(old) - end:])))
    return ops


def apply(old: list[str], ops: list[Op]) -> list[str]:
    """Replay `ops` on `old`; raises ValueError if they do not fit it (the check of a diff)."""
    out: list[str] = []
    at = 0
    for op in ops:
        if tuple(old[at:at + len(op.old)]) != op.old:
            raise ValueError(f"operation {op.tag} at word {at} does not match the old text")
        at += len(op.old)
        out.extend(op.new)
    if at != len(old):
        raise ValueError(f"the operations cover {at} of {len(old)} old words")
    return out


def changed_words(ops: list[Op]) -> tuple[int, int]:
    """(words added, words removed), paragraph breaks not counted."""
    added = sum(1 for op in ops if op.tag != "equal" for w in op.new if w != PARAGRAPH)
    removed = sum(1 for op in ops if op.tag != "equal" for w in op.old if w != PARAGRAPH)
    return added, removed


@dataclass(frozen=True)
class Labels:
    """The words the markup needs, in the page's language."""

    added: str                          # "added:" (hidden, for screen readers)
    removed: str                        # "removed:"
    folded: Callable[[int], str]        # n → "… 240 words unchanged …"


class _Writer:
    """Paragraphs of words, each run of added or removed words in one <ins> or <del>."""

    TAGS = {"ins": "added", "del": "removed"}

    def __init__(self, labels: Labels):
        self.labels = labels
        self.html: list[str] = []
        self.paragraph: list[str] = []
        self.open: str | None = None   # "ins", "del" or None
        self.count = 0                 # words in the paragraph so far

    def _close(self) -> None:
        if self.open:
            self.paragraph.append(f"</{self.open}>")
            self.open = None

    def word(self, word: str, kind: str | None) -> None:
        if word == PARAGRAPH:
            if kind == "del":   # a paragraph break that went: marked where it stood, no break
                self.word("¶", kind)
            else:
                if kind == "ins":
                    self.word("¶", kind)
                self.end_paragraph()
            return
        changing = kind != self.open
        if changing:
            self._close()
        if self.count:
            self.paragraph.append(" ")
        if changing and kind:
            label = getattr(self.labels, self.TAGS[kind])
            self.paragraph.append(f'<{kind}><span class="visually-hidden">{escape(label)} </span>')
            self.open = kind
        self.paragraph.append(str(escape(word)))
        self.count += 1

    def end_paragraph(self) -> None:
        self._close()
        text = "".join(self.paragraph).strip()
        if text:
            self.html.append(f"<p>{text}</p>")
        self.paragraph = []
        self.count = 0

    def fold(self, count: int) -> None:
        self.end_paragraph()
        self.html.append(f'<p class="diff-fold">{escape(self.labels.folded(count))}</p>')

    def result(self) -> Markup:
        self.end_paragraph()
        return Markup("\n".join(self.html))


def render(ops: list[Op], labels: Labels, *, fold: bool = True) -> Markup:
    """The new text as HTML paragraphs with what was removed in <del> and what was added in <ins>;
    with `fold`, an unchanged stretch of more than FOLD_AT words keeps CONTEXT words either side."""
    out = _Writer(labels)
    for index, op in enumerate(ops):
        if op.tag != "equal":
            # a paragraph that came or went shows itself as one; a break alone (a paragraph split
            # or two joined) is marked ¶ where it stood
            for side, kind in ((op.old, "del"), (op.new, "ins")):
                break_only = all(word == PARAGRAPH for word in side)
                for word in side:
                    if word == PARAGRAPH and not break_only:
                        out.end_paragraph()
                    else:
                        out.word(word, kind)
            continue
        run = op.new
        head = 0 if index == 0 else CONTEXT            # no context before the first change
        tail = 0 if index == len(ops) - 1 else CONTEXT  # nor after the last
        if not fold or len(run) <= max(FOLD_AT, head + tail + 1):
            for word in run:
                out.word(word, None)
            continue
        for word in run[:head]:
            out.word(word, None)
        hidden = run[head:len(run) - tail]
        out.fold(sum(1 for w in hidden if w != PARAGRAPH))
        for word in run[len(run) - tail:]:
            out.word(word, None)
    return out.result()


def render_inline(ops: list[Op], labels: Labels) -> Markup:
    """A short text (a title) as one line, nothing folded."""
    html = render(ops, labels, fold=False)
    return Markup(html.removeprefix("<p>").removesuffix("</p>").replace("</p>\n<p>", " "))


@dataclass(frozen=True)
class TextDiff:
    """A rendered diff of two texts: the markup, words added and removed, and whether the texts
    were cut at MAX_WORDS before comparing."""

    html: Markup
    added: int
    removed: int
    cut: bool


def text_diff(old: str, new: str, labels: Labels, *, inline: bool = False) -> TextDiff:
    old_words, new_words = words(old), words(new)
    cut = len(old_words) > MAX_WORDS or len(new_words) > MAX_WORDS
    ops = diff(old_words[:MAX_WORDS], new_words[:MAX_WORDS])
    added, removed = changed_words(ops)
    html = render_inline(ops, labels) if inline else render(ops, labels)
    return TextDiff(html, added, removed, cut)


class DiffCache:
    """Rendered diffs by a key that names both texts for good (article, versions, content hashes, language)."""

    def __init__(self, size: int = KEPT):
        self.size = size
        self._kept: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], object]) -> object:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = make()
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
