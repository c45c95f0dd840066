"""The UI's words, Vietnamese first and English one click away (`?lang=en`).

Kept as one table (this module's, and the research pages' in i18n_research.py) so a missing
translation is a test failure, not a blank on a page.
Strings are `str.format` templates; numbers and dates are formatted before they go in.
"""

from __future__ import annotations

from .i18n_research import RESEARCH_STRINGS

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Vietnamese, English)
    "site_name": ("Kho báo", "Kho báo"),
    "tagline": ("Tìm kiếm trong kho lưu trữ báo chí", "Search the news archive"),
    "search_label": ("Tìm trong kho báo", "Search the archive"),
    "search_placeholder": ("Ví dụ: ha noi, \"kinh tế\", thủ tướng -covid",
                           "For example: ha noi, \"kinh tế\", thủ tướng -covid"),
    "search_button": ("Tìm", "Search"),
    "switch_language": ("English", "Tiếng Việt"),
    "switch_language_label": ("Xem bằng tiếng Anh", "View in Vietnamese"),
    "skip_to_results": ("Bỏ qua, tới kết quả", "Skip to results"),
    "results_count": ("{total} kết quả", "{total} results"),
    "results_count_one": ("1 kết quả", "1 result"),
    "took": ("trong {ms} ms", "in {ms} ms"),
    "took_cached": ("lấy lại từ bộ nhớ đệm (lần tìm đầu mất {ms} ms)", "from the cache (first found in {ms} ms)"),
    "page_of": ("Trang {page} / {pages}", "Page {page} of {pages}"),
    "sort_label": ("Sắp xếp", "Sort"),
    "sort_relevance": ("Liên quan nhất", "Most relevant"),
    "sort_newest": ("Mới nhất", "Newest"),
    "sort_oldest": ("Cũ nhất", "Oldest"),
    "apply": ("Áp dụng", "Apply"),
    "filters": ("Bộ lọc", "Filters"),
    "active_filters": ("Đang lọc", "Active filters"),
    "filters_active": ("{count} đang chọn", "{count} chosen"),
    "remove_filter": ("Bỏ lọc {label}", "Remove filter {label}"),
    "clear_all": ("Bỏ tất cả", "Clear all"),
    "facet_year": ("Năm", "Year"),
    "facet_month": ("Tháng trong năm {year}", "Months of {year}"),
    "facet_source": ("Nguồn", "Source"),
    "more_sources": ("Thêm {count} nguồn", "{count} more sources"),
    "facet_dates": ("Khoảng thời gian", "Date range"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "date_hint": ("dd/mm/yyyy", "dd/mm/yyyy"),
    "chip_year": ("Năm {year}", "Year {year}"),
    "chip_month": ("Tháng {month:02d}/{year}", "{month_name} {year}"),
    "chip_day": ("Ngày {day}", "Day {day}"),
    "weekdays_short": ("T2 T3 T4 T5 T6 T7 CN", "Mo Tu We Th Fr Sa Su"),
    "day_count": ("{day}: {count} bài", "{day}: {count} articles"),
    "facet_day": ("Ngày trong tháng {month}", "Days of {month}"),
    "chip_source": ("Nguồn: {source}", "Source: {source}"),
    "chip_from": ("Từ {date}", "From {date}"),
    "chip_to": ("Đến {date}", "To {date}"),
    "selected": ("đã chọn", "selected"),
    "timeline": ("Dòng thời gian", "Timeline"),
    "timeline_years": ("Số bài theo năm", "Articles per year"),
    "timeline_months": ("Số bài theo tháng, năm {year}", "Articles per month, {year}"),
    "timeline_bar": ("{label}: {count} bài", "{label}: {count} articles"),
    "timeline_hint": ("Bấm vào một cột để lọc theo khoảng thời gian đó.", "Click a bar to filter by that period."),
    "month_short": ("T{month}", "{month_name}"),
    "suggestion": ("Có phải bạn muốn tìm:", "Did you mean:"),
    "correction": ("Có thể bạn gõ nhầm; thử:", "Perhaps a typo; try:"),
    "note": ("Lưu ý:", "Note:"),
    "read_as": ("Đọc là các từ:", "Read as the words:"),
    "apart_more": ("thêm {count} bài có các âm tiết này nhưng nằm rời nhau",
                   "{count} more articles have these syllables apart"),
    "apart_more_one": ("thêm 1 bài có các âm tiết này nhưng nằm rời nhau", "1 more article has these syllables apart"),
    "loose_reading": ("Đang hiện mọi bài có các âm tiết này, kể cả khi chúng nằm rời nhau.",
                      "Showing every article with these syllables, also where they stand apart."),
    "words_reading": ("Chỉ tìm theo từ", "Only where they stand together as words"),
    # notes about a query read only in part: "note_" + a key of indexer.query.NOTE_TEXTS (same English)
    "note_not_utf8": ("Các ký tự không hợp lệ (không phải UTF-8) đã được bỏ qua.",
                      "Characters that are not valid text (not UTF-8) were ignored."),
    "note_query_cut": ("Chỉ {limit} ký tự đầu của câu tìm kiếm được dùng.",
                       "Only the first {limit} characters of the query were used."),
    "note_syllables_cut": ("Chỉ {limit} âm tiết đầu của câu tìm kiếm được dùng.",
                           "Only the first {limit} syllables of the query were used."),
    "note_nested_too_deep": ("Ngoặc đơn hoặc NOT lồng sâu quá {limit} mức đã được bỏ bớt.",
                             "Parentheses or NOT nested deeper than {limit} levels were flattened."),
    "note_stray_or": ("Một chữ OR thừa đã được bỏ qua.", "A stray OR was ignored."),
    "note_stray_not": ("Một chữ NOT thừa đã được bỏ qua.", "A stray NOT was ignored."),
    "note_stray_sign": ("Ký hiệu thừa '{sign}' đã được bỏ qua.", "A stray '{sign}' was ignored."),
    "note_unmatched_close": ("Một dấu ')' thừa đã được bỏ qua.", "An unmatched ')' was ignored."),
    "note_missing_close": ("Thiếu dấu ')': đã coi như có ở cuối câu.", "A missing ')' was assumed at the end."),
    "note_field_needs_value": ("'{field}:' cần giá trị phía sau; đã được bỏ qua.",
                               "'{field}:' needs a value; it was ignored."),
    "note_unknown_field": ("Không có trường '{field}'; đã tìm như từ thường.",
                           "There is no field '{field}'; it was searched as words."),
    "note_field_without_words": ("Tên trường không có từ đi kèm đã được bỏ qua.",
                                 "A field name without words after it was ignored."),
    "note_unbalanced_quote": ("Dấu ngoặc kép chưa đóng: đã coi như đóng ở cuối câu.",
                              "An unbalanced quote was closed at the end of the query."),
    "note_nothing_to_search": ("'{text}' không có chữ hay số để tìm; đã được bỏ qua.",
                               "'{text}' has no letters or digits to search for; it was ignored."),
    "note_read_joined": ("'{token}' được đọc là '{words}' (các âm tiết viết liền).",
                         "'{token}' was read as '{words}', syllables written together."),
    "no_results_title": ("Không tìm thấy bài nào cho “{query}”.", "No articles found for “{query}”."),
    "no_results_filtered": ("Không có bài nào khớp với các bộ lọc đang chọn.", "No articles match the filters you chose."),
    "no_results_tips": ("Bạn có thể thử:", "You could try:"),
    "tip_fewer_words": ("Dùng ít từ hơn, hoặc từ khác cùng nghĩa.", "Fewer words, or other words with the same meaning."),
    "tip_no_accents": ("Gõ không dấu (ví dụ: ha noi) để tìm mọi cách viết.",
                       "Typing without accents (for example: ha noi) to match every spelling."),
    "tip_remove_filters": ("Bỏ bớt bộ lọc năm, nguồn hoặc khoảng thời gian.",
                           "Removing the year, source or date filters."),
    "tip_quotes": ("Bỏ dấu ngoặc kép để các từ không buộc phải đứng liền nhau.",
                   "Dropping the quotes, so the words need not stand together."),
    "beyond_last_page": ("Trang này vượt quá số kết quả. Về trang cuối ({pages}).",
                         "This page is past the last result. Go to the last page ({pages})."),
    "welcome": ("Nhập từ khoá để tìm trong {count} bài báo.", "Type a few words to search {count} articles."),
    "welcome_tips": ("Gõ có dấu hay không dấu đều được. Dùng \"ngoặc kép\" cho cụm từ; dấu trừ để loại một từ, "
                     "ví dụ -covid; title: để chỉ tìm trong tiêu đề.",
                     "With or without accents both work. Use \"quotes\" for phrases; a minus to leave a word out, "
                     "as in -covid; title: to search titles only."),
    "archive_span": ("Các bài đăng từ {first} đến {last}.", "Articles published from {first} to {last}."),
    "archive_sources": ("Nguồn trong kho", "Sources in the archive"),
    "source_count": ("{count} bài", "{count} articles"),
    "source_years": ("{first}–{last}", "{first}–{last}"),
    "newest_articles": ("Bài mới nhất", "Newest articles"),
    "examples": ("Thử tìm", "Try"),
    "help": ("Hướng dẫn tìm kiếm", "How to search"),
    "help_intro": ("Câu tìm được đọc thành từ: mọi từ đều phải có trong bài, các âm tiết của mỗi từ đứng liền nhau; "
                   "bài có các từ đứng liền nhau như đã gõ được xếp trên. Bấm một ví dụ để chạy thử.",
                   "The query is read as words: every word must be in the article, the syllables of each word side by "
                   "side; articles where the words also stand together as typed rank first. Click an example to run it."),
    "help_words": ("Đọc thành hai từ, «tai nạn» và «xe máy» (theo một từ điển tiếng Việt và theo chính kho báo: tên "
                   "người, địa danh là một từ), ở đâu trong bài cũng được. Trang kết quả cho biết cách đọc và số bài "
                   "có các âm tiết ấy nhưng nằm rời nhau; bấm vào đó (hoặc thêm loose=1 vào địa chỉ, "
                   "khobao search --loose) để xem cả những bài đó.",
                   "Read as two words, «tai nạn» and «xe máy» (by a Vietnamese word list and by the archive itself: "
                   "a person's or a place's name is one word), anywhere in the article. The results say how the "
                   "query was read and how many more articles have its syllables apart; click that (or add loose=1 "
                   "to the address, khobao search --loose) to see those too."),
    "help_query": ("Bạn gõ", "You type"),
    "help_meaning": ("Nghĩa là", "It means"),
    "help_unaccented": ("Không dấu: khớp mọi cách đặt dấu (Hà Nội, hà nội, cả Hạ Nội); bài dùng cách đọc phổ biến "
                        "nhất lên trước, và trang kết quả gợi ý cách viết có dấu.",
                        "Without accents: matches every accented form (Hà Nội, hà nội, even Hạ Nội); articles with "
                        "the most common reading come first, and the results offer the accented spelling."),
    "help_accented": ("Có dấu: khớp đúng dấu đã gõ. “hoà” và “hòa”, “Uỷ” và “Ủy”, chữ dựng sẵn hay tổ hợp đều là một.",
                      "With accents: exactly those accents. “hoà” and “hòa”, “Uỷ” and “Ủy”, composed or "
                      "decomposed Unicode are all the same."),
    "help_spellings": ("Cách viết i hay y (bác sĩ, bác sỹ; lý do, lí do) và cách viết số (1.500 tỷ và 1500 tỷ; "
                       "2,5% và 2.5%) đều là một.",
                       "Spellings with i or y (bác sĩ, bác sỹ; lý do, lí do) and numbers written with or without "
                       "dots (1.500 tỷ and 1500 tỷ; 2,5% and 2.5%) are the same."),
    "help_phrase": ("Ngoặc kép: các âm tiết phải đứng liền nhau, đúng thứ tự.",
                    "Quotes: the syllables side by side, in that order."),
    "help_exclude": ("Dấu trừ (hoặc NOT): loại các bài có từ hay cụm từ đó.",
                     "Minus (or NOT): leave out the articles with that word or phrase."),
    "help_or": ("OR: bài có một trong hai; AND và ngoặc đơn để ghép nhóm.",
                "OR: articles with either; AND and parentheses group."),
    "help_title": ("Chỉ tìm trong tiêu đề (body: chỉ trong nội dung bài).",
                   "Only in titles (body: only in the text)."),
    "help_field": ("Chỉ một nguồn; section:\"…\" (chuyên mục) và author:\"…\" (tác giả) cũng vậy.",
                   "One source only; section:\"…\" and author:\"…\" likewise."),
    "help_filters": ("Bên cạnh kết quả (trên điện thoại: ở đầu trang, bấm «Bộ lọc» để mở): chọn năm rồi tháng, một hay nhiều nguồn, khoảng ngày (dd/mm/yyyy); bấm "
                     "một cột của biểu đồ thời gian để lọc theo giai đoạn đó. Để trống ô tìm kiếm và chọn bộ lọc "
                     "để xem mọi bài, mới nhất trước.",
                     "Beside the results (on a phone: at the top, tap «Filters» to open them): pick a year then a month, one or more sources, a date range (dd/mm/yyyy); "
                     "click a bar of the timeline to filter to that period. Leave the box empty and pick filters "
                     "to browse every article, newest first."),
    "help_more": ("Mỗi trang kết quả có thể tải về (CSV, JSON Lines), theo dõi qua Atom, hay đọc qua API JSON. "
                  "Mở một bài từ kết quả, các từ đã tìm được tô sáng.",
                  "Every results page can be downloaded (CSV, JSON Lines), followed as an Atom feed or read "
                  "through the JSON API. An article opened from the results has the searched words highlighted."),
    "empty_archive": ("Kho chưa có bài nào được lập chỉ mục. Chạy `khobao index` rồi tải lại trang.",
                      "The archive has no indexed articles yet. Run `khobao index`, then reload."),
    "damaged_archive": ("Chỉ mục của kho bị hỏng. Chạy `khobao index --rebuild` rồi tải lại trang.",
                        "The archive's index is damaged. Run `khobao index --rebuild`, then reload."),
    "pagination": ("Phân trang", "Pagination"),
    "previous": ("‹ Trước", "‹ Previous"),
    "next": ("Sau ›", "Next ›"),
    "first_page": ("Trang đầu", "First page"),
    "last_page": ("Trang cuối", "Last page"),
    "page_n": ("Trang {page}", "Page {page}"),
    "results": ("Kết quả", "Results"),
    "export": ("Tải kết quả", "Download results"),
    "export_csv": ("CSV", "CSV"),
    "export_jsonl": ("JSON Lines", "JSON Lines"),
    "feed": ("Theo dõi (Atom)", "Follow (Atom feed)"),
    "api": ("API JSON", "JSON API"),
    "no_date": ("không rõ ngày", "date unknown"),
    "undated": ("Không rõ ngày", "No date"),
    "no_title": ("(không có tiêu đề)", "(untitled)"),
    # article page
    "back_to_results": ("‹ Quay lại kết quả", "‹ Back to results"),
    "by_author": ("Tác giả: {author}", "By {author}"),
    "section": ("Chuyên mục: {section}", "Section: {section}"),
    "published": ("Ngày đăng", "Published"),
    "source": ("Nguồn", "Source"),
    "read_original": ("Đọc bài gốc ↗", "Read the original ↗"),
    "highlighting": ("Đang tô sáng “{query}”: {count} chỗ khớp", "Highlighting “{query}”: {count} matches"),
    "highlighting_none": ("Không thấy “{query}” trong chữ của bài (bài khớp theo cách khác, ví dụ nguồn hay mục)",
                          "“{query}” is not in the article's text (it matched otherwise, e.g. by source or section)"),
    "first_match": ("Đến chỗ khớp đầu tiên", "Go to the first match"),
    "remove_highlighting": ("Bỏ tô sáng", "Remove highlighting"),
    "provenance": ("Nguồn gốc bản lưu", "Provenance"),
    "original_url": ("Địa chỉ gốc", "Original address"),
    "canonical_url": ("Địa chỉ chuẩn (canonical)", "Canonical address"),
    "fetched_at": ("Thời điểm tải về", "Fetched at"),
    "first_seen": ("Lần đầu thấy", "First seen"),
    "updated_at": ("Cập nhật lần cuối", "Last updated"),
    "http_status": ("Mã trạng thái HTTP", "HTTP status"),
    "archived_in": ("Bản thô lưu trong WARC", "Raw record archived in WARC"),
    "warc_offset": ("vị trí {offset}", "at offset {offset}"),
    "not_archived": ("không có (bài được nhập từ tệp)", "none (article imported from a file)"),
    "content_hash": ("Mã băm nội dung", "Content hash"),
    "version": ("Phiên bản", "Version"),
    "versions": ("Các phiên bản trước", "Earlier versions"),
    "versions_none": ("Bài chưa thay đổi kể từ lần đầu lưu.", "Unchanged since first stored."),
    "version_row": ("Bản {version}: “{title}”, tải về {fetched}", "Version {version}: “{title}”, fetched {fetched}"),
    "current_version": ("Đây là bản thứ {version}.", "This is version {version}."),
    "unknown": ("không rõ", "unknown"),
    "more_like_this": ("Bài tương tự", "More like this"),
    "more_like_this_none": ("Chưa tìm thấy bài tương tự.", "No similar articles found."),
    "article_json": ("Dữ liệu JSON của bài", "This article as JSON"),
    "article_cut": ("Bài rất dài: trang này hiện {shown} ký tự đầu trong tổng số {total}.",
                    "A very long article: this page shows the first {shown} of its {total} characters."),
    "full_text_plain": ("Toàn văn (văn bản thuần)", "Full text (plain text)"),
    "full_text_json": ("Toàn văn (JSON)", "Full text (JSON)"),
    # errors
    "error_title": ("Có lỗi", "Something went wrong"),
    "not_found_title": ("Không tìm thấy trang", "Page not found"),
    "not_found_text": ("Địa chỉ này không có trong kho.", "There is nothing at this address."),
    "article_not_found": ("Không có bài báo số {id} trong kho.", "There is no article number {id} in the archive."),
    "article_deleted": ("Bài báo số {id} đã bị xoá khỏi kho.", "Article number {id} was removed from the archive."),
    "server_error_text": ("Máy chủ gặp sự cố. Hãy thử lại sau giây lát.", "The server ran into a problem. Try again in a moment."),
    "go_home": ("Về trang tìm kiếm", "Back to search"),
    "bad_request_title": ("Yêu cầu chưa hợp lệ", "Invalid request"),
    "err_query_too_long": ("Câu tìm kiếm dài {length} ký tự; tối đa {limit} ký tự.",
                           "The query is {length} characters long; the limit is {limit}."),
    "err_per_page": ("Số kết quả mỗi trang phải là số từ 1 đến {limit}, nhận được “{value}”.",
                     "Results per page must be a number from 1 to {limit}, got “{value}”."),
    "err_page": ("Số trang phải là số nguyên từ 1 trở lên, nhận được “{value}”.",
                 "The page number must be a whole number from 1 up, got “{value}”."),
    "err_sort": ("Cách sắp xếp phải là “liên quan nhất”, “mới nhất” hoặc “cũ nhất”, nhận được “{value}”.",
                 "The order must be “most relevant”, “newest” or “oldest”, got “{value}”."),
    "err_date": ("{field}: “{value}” không phải là ngày; viết dd/mm/yyyy hoặc yyyy-mm-dd.",
                 "{field}: “{value}” is not a date; write dd/mm/yyyy or yyyy-mm-dd."),
    "err_date_days": ("{field} {value}: ngày này không tồn tại (tháng {month:02d}/{year} chỉ có {days} ngày).",
                      "{field}: {value} does not exist ({month_name} {year} has {days} days)."),
    "err_date_month": ("{field} {value}: ngày này không tồn tại (một năm chỉ có 12 tháng).",
                       "{field}: {value} does not exist (a year has 12 months)."),
    "err_dropped": ("Kết quả dưới đây bỏ qua giá trị sai đó.", "The results below leave that value out."),
    "err_year": ("Năm phải là một số năm (ví dụ 2020), nhận được “{value}”.",
                 "The year must be a year number (for example 2020), got “{value}”."),
    "err_month": ("Tháng phải có dạng yyyy-mm (ví dụ 2020-05), nhận được “{value}”.",
                  "The month must be written yyyy-mm (for example 2020-05), got “{value}”."),
    "err_day": ("Ngày phải có dạng yyyy-mm-dd (ví dụ 2020-05-17) và có thật, nhận được “{value}”.",
                "The day must be written yyyy-mm-dd (for example 2020-05-17) and exist, got “{value}”."),
    "err_range": ("Ngày bắt đầu ({start}) sau ngày kết thúc ({end}).", "The start date ({start}) is after the end date ({end})."),
    "err_source": ("Tên nguồn quá dài hoặc quá nhiều nguồn (tối đa {limit}).",
                   "A source name is too long, or too many sources (at most {limit})."),
    "err_no_query": ("Hãy nhập từ khoá tìm kiếm.", "Type some words to search for."),
    "search_failed": ("Không thực hiện được tìm kiếm: {reason}", "The search could not run: {reason}"),
}
SHARED_KEYS = STRINGS.keys() & RESEARCH_STRINGS.keys()   # must stay empty: tests/test_webui.py checks
STRINGS.update(RESEARCH_STRINGS)   # the research pages' words (trends, KWIC, versions, copies)

MONTH_NAMES_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def choose_language(value: str | None) -> str:
    """The language asked for in the URL, or Vietnamese."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def translate(lang: str, key: str, **values) -> str:
    """The string `key` in `lang`, filled with `values`. An unknown key is a programming error."""
    vi, en = STRINGS[key]
    template = en if lang == "en" else vi
    for name, value in list(values.items()):   # "field_key": "date_from" fills {field} with that text
        if name.endswith("_key"):
            values[name[:-4]] = translate(lang, value)
    return template.format(**values) if values else template


def month_year_label(lang: str, year: int, month: int) -> str:
    """A month of a year: "Tháng 01/2021" in Vietnamese, "Jan 2021" in English."""
    return translate(lang, "chip_month", month=month, year=year, month_name=MONTH_NAMES_EN[month - 1])


def month_label(lang: str, month: int) -> str:
    """Short month label for the timeline: "T5" in Vietnamese, "May" in English."""
    return translate(lang, "month_short", month=month, month_name=MONTH_NAMES_EN[month - 1])
