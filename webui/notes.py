"""The search API's notes about a query it could only partly read, in the reader's language.

The parser writes each note as a record (`indexer.query.Note`: a key and its values); the words
are in the i18n table under "note_" + key, in Vietnamese and English, so a note the parser can
write and the table lacks is a test failure, not an English sentence on a Vietnamese page.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer import Note

from .i18n import translate

PREFIX = "note_"   # the i18n keys of the notes


def note_text(notes: Iterable[Note], lang: str) -> str | None:
    """The notes in `lang`, one line; None when there are none."""
    return " ".join(translate(lang, PREFIX + note.key, **note.values) for note in notes) or None
