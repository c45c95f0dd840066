"""Pages with text that are still no news article: a forum thread, a page of data tables.

A forum thread is a run of posts by different members (XenForo, vBulletin, phpBB, Discourse
markup, or schema.org's DiscussionForumPosting); main-text extraction happily returns the posts as
"paragraphs". A financial-statement or price-table page returns rows of figures. Neither belongs in
a news archive's search results as an article.
"""

from __future__ import annotations

import re

REJECT_FORUM = "not an article: forum thread"
REJECT_DATA_TABLE = "not an article: data tables"

# Classes and attributes forum software gives each post.
POST_CLASS = re.compile(r"(?:^|\s)(?:message|postbit|postbitlegacy|postcontainer|post-message|forumpost|topic-post)"
                        r"(?:\s|$)", re.IGNORECASE)
MIN_POSTS = 3
MIN_AUTHORS = 2
TABLE_SHARE = 0.5   # share of the body's characters in table rows
DIGIT_SHARE = 0.3   # share of digits among the body's visible characters


def is_forum_thread(tree, types: set[str]) -> bool:
    """Three posts or more by at least two members, or a page that says it is a forum posting."""
    if "discussionforumposting" in types and not types & {"newsarticle", "article", "blogposting"}:
        return True
    authors: list[str] = []
    for element in tree.iter("li", "div", "article"):
        names = element.get("class") or ""
        if not POST_CLASS.search(names) or not (element.get("data-author") or (element.get("id") or "").startswith("post")):
            continue
        author = element.get("data-author") or element.get("data-username")
        if author is None:
            named = element.xpath(".//*[contains(@class,'username') or contains(@class,'author')][1]")
            author = " ".join(named[0].text_content().split()) if named else ""
        authors.append(author)
    return len(authors) >= MIN_POSTS and len({a for a in authors if a}) >= MIN_AUTHORS


def is_data_tables(lines: list[str]) -> bool:
    """Most of the text is table rows ("a | b | c") and much of it figures: a page of data, not prose."""
    total = sum(map(len, lines))
    if not total:
        return False
    in_rows = sum(len(line) for line in lines if " | " in line)
    text = "".join(lines).replace(" ", "")
    digits = sum(c.isdigit() for c in text)
    return in_rows >= TABLE_SHARE * total and digits >= DIGIT_SHARE * len(text)
