"""Vietnamese wording for the search API's notes about a query it could only partly read.

The API writes its notes in English sentences (`SearchPage.note`); the UI is Vietnamese first, so
the known sentences are translated here. An unknown sentence is shown as it is, never dropped.
"""

from __future__ import annotations

import re

_PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p), vi) for p, vi in [
    (r"Only the first (\d+) characters of the query were used\.", r"Chỉ \1 ký tự đầu của câu tìm kiếm được dùng."),
    (r"Only the first (\d+) syllables of the query were used\.", r"Chỉ \1 âm tiết đầu của câu tìm kiếm được dùng."),
    (r"A stray OR was ignored\.", "Một chữ OR thừa đã được bỏ qua."),
    (r"A stray NOT was ignored\.", "Một chữ NOT thừa đã được bỏ qua."),
    (r"An unmatched '\)' was ignored\.", "Một dấu ')' thừa đã được bỏ qua."),
    (r"A missing '\)' was assumed at the end\.", "Thiếu dấu ')': đã coi như có ở cuối câu."),
    (r"A stray '(.{1,40}?)' was ignored\.", r"Ký hiệu thừa '\1' đã được bỏ qua."),
    (r"'source:' needs a source name; it was ignored\.", "'source:' cần tên nguồn phía sau; đã được bỏ qua."),
    (r"There is no field '(.{1,40}?)'; it was searched as words\.",
     r"Không có trường '\1'; đã tìm như từ thường."),
    (r"A field name without words after it was ignored\.", "Tên trường không có từ đi kèm đã được bỏ qua."),
    (r"An unbalanced quote was closed at the end of the query\.",
     "Dấu ngoặc kép chưa đóng: đã coi như đóng ở cuối câu."),
    (r"'(.{1,40}?)' has no letters or digits to search for; it was ignored\.",
     r"'\1' không có chữ hay số để tìm; đã được bỏ qua."),
    (r"Type a word to search for\.", "Hãy gõ ít nhất một từ để tìm."),
    (r"'(\w{1,20}):' needs a value; it was ignored\.", r"'\1:' cần giá trị phía sau; đã được bỏ qua."),
    (r"Parentheses or NOT nested deeper than (\d+) levels were flattened\.",
     r"Ngoặc đơn hoặc NOT lồng sâu quá \1 mức đã được bỏ bớt."),
    (r"Characters that are not valid text \(not UTF-8\) were ignored\.",
     "Các ký tự không hợp lệ (không phải UTF-8) đã được bỏ qua."),
]]


def translate_note(note: str | None, lang: str) -> str | None:
    if not note or lang != "vi":
        return note
    for pattern, vietnamese in _PATTERNS:
        note = pattern.sub(vietnamese, note)
    return note
