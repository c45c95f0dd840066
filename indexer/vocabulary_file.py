"""The vocabulary file (`.vocab`) saved with each segment: its syllables and their document frequencies.

Suggestions need "which accented forms of `noi` exist, how often": the postings file keeps terms
only as hashes, so this file is the segment's list of syllables, and loads in milliseconds. It is named
after the segment, so Whoosh deletes it with the segment. The writer saves it
(`write_vocabulary`), the suggestions read it (`read_vocabulary`).
"""

from __future__ import annotations

import pickle

from .analysis import fold

VOCABULARY_EXT = ".vocab"


def write_vocabulary(segment, storage, df: dict[str, int]) -> None:
    """Save syllable → document frequency as (folded → {accented form: df}, plain folded → df)."""
    forms: dict[str, dict[str, int]] = {}
    folded_df: dict[str, int] = {}
    for term, count in df.items():
        folded = fold(term)
        if folded == term:
            folded_df[term] = count
        else:
            forms.setdefault(folded, {})[term] = count
    with segment.create_file(storage, VOCABULARY_EXT) as handle:
        handle.write(pickle.dumps((forms, folded_df), protocol=pickle.HIGHEST_PROTOCOL))


def read_vocabulary(reader) -> tuple[dict[str, dict[str, int]], dict[str, int]] | None:
    """(forms, folded_df) of a segment's reader, or None when it has no readable file."""
    try:
        segment = reader.segment()
        with segment.open_file(reader.storage(), VOCABULARY_EXT) as handle:
            forms, folded_df = pickle.loads(handle.read())
        return forms, folded_df
    except (OSError, AttributeError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
