"""Which field of an imported record is which part of an article (`khobao import --map TARGET=FIELD`).

Archives name their fields their own way ("link", "category", "sapo", "pubDate"). For each part of an
article (TARGETS) a record's value is taken from the field the user chose with --map, else from the
first of the common names in DEFAULT_NAMES that the record holds with a value (letter case ignored).
`--map TARGET=` (nothing after "=") takes nothing for that part.

A record without a URL gets one from `--url-template 'https://tuoitre.vn/{post_id}.htm'` (each
{FIELD} filled from the record, URL-quoted), else a stable identifier `urn:khobao:SOURCE:ID` from its
source and its id (both percent-encoded): importing the same file again finds the same articles, and
two sources never collide. The lead (summary, description, sapo) is put before the body as its first
paragraph unless the body already begins with it: the Article has no field of its own for it, and the
crawler keeps a page's sapo the same way.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

from .errors import BadLine

TARGETS = ("url", "id", "title", "lead", "body", "published", "source", "author", "section")
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "href"),
    "id": ("id", "post_id", "article_id", "guid"),
    "title": ("title", "headline"),
    "lead": ("lead", "sapo", "summary", "description"),
    "body": ("body", "text", "content"),
    "published": ("published", "date", "time", "created_at", "pubDate", "published_at", "datetime"),
    "source": ("source",),
    "author": ("author", "authors", "byline"),
    "section": ("section", "category"),
}
JOINED = {"body": "\n", "lead": "\n", "author": ", ", "section": ", "}  # a list of strings is read as one text


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"[:60]
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def parse_template(template: str) -> tuple[str, ...]:
    """The {FIELD} names of a --url-template; ValueError saying what is wrong with it."""
    if not template.lower().startswith(("http://", "https://")):
        raise ValueError(f"--url-template {template!r} must start with http:// or https://")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"--url-template {template!r}: {exc} (write a field as {{post_id}})") from None
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.strip():
            raise ValueError(f"--url-template {template!r}: name a field inside the braces, like {{post_id}}")
        if spec or conversion:
            raise ValueError(f"--url-template {template!r}: write a field as {{{name}}}, without ':' or '!'")
        names.append(name)
    if not names:
        raise ValueError(f"--url-template {template!r} names no field; put one in braces, like {{post_id}}")
    return tuple(names)


@dataclass(frozen=True)
class FieldMap:
    """What the user said on the command line: --map choices and the --url-template."""

    chosen: dict[str, str] = field(default_factory=dict)     # target -> field ("" = take nothing)
    url_template: str | None = None

    @classmethod
    def parse(cls, maps: Iterable[str] = (), url_template: str | None = None) -> FieldMap:
        """From `--map TARGET=FIELD` options; ValueError (a usage error) for a malformed one."""
        chosen: dict[str, str] = {}
        for item in maps:
            target, equals, name = item.partition("=")
            target = target.strip().lower()
            if not equals:
                raise ValueError(f"--map {item!r}: write it as TARGET=FIELD, like --map url=link")
            if target not in TARGETS:
                raise ValueError(f"--map {item!r}: unknown target {target!r}; targets: {', '.join(TARGETS)}")
            chosen[target] = name.strip()
        if url_template is not None:
            parse_template(url_template)
        return cls(chosen, url_template)

    def names(self, target: str) -> tuple[str, ...]:
        if target in self.chosen:
            return (self.chosen[target],) if self.chosen[target] else ()
        return DEFAULT_NAMES[target]

    @property
    def template_fields(self) -> tuple[str, ...]:
        return parse_template(self.url_template) if self.url_template else ()


def _lookup(record: dict, name: str, lowered: dict[str, str]) -> tuple[str, Any]:
    if name in record:
        return name, record[name]
    actual = lowered.get(name.lower())
    return (actual, record[actual]) if actual is not None else (name, None)


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip()) and value != []


@dataclass
class Picked:
    """The values taken from one record, and the field each came from (shown by --dry-run)."""

    values: dict[str, Any] = field(default_factory=dict)   # target -> value (text, or the raw date)
    fields: dict[str, str] = field(default_factory=dict)   # target -> field it came from
    id_error: BadLine | None = None                         # why the id field cannot serve as an id


def pick(record: dict, fields: FieldMap) -> Picked:
    """Each target's value from `record`, checked to be text (BadLine if a field holds another kind)."""
    lowered = {key.lower(): key for key in record}
    picked = Picked()
    for target in TARGETS:
        for name in fields.names(target):
            actual, value = _lookup(record, name, lowered)
            if not _present(value):
                continue
            try:
                picked.values[target] = _checked(target, actual, value)
            except BadLine as exc:
                if target != "id":
                    raise
                picked.id_error = exc       # an id is needed only without a URL: refused only then
            picked.fields[target] = actual
            break
    return picked


def _checked(target: str, name: str, value: Any) -> Any:
    if target == "published" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # seconds since 1970, read by the date parser
    if target == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and target in JOINED and all(isinstance(v, str) for v in value):
        value = JOINED[target].join(v.strip() for v in value if v.strip())
    if not isinstance(value, str):
        raise BadLine(f"'{name}' must be a string, got {_kind_of(value)}", kind=f"'{name}' is not text",
                      fix=f"take {target} from another field with --map {target}=FIELD, or from none with "
                          f"--map {target}=")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadLine(f"'{name}' holds an unpaired surrogate ({value[exc.start]!r} at character {exc.start}), "
                      "which is no text", kind=f"'{name}' holds an unpaired surrogate (a broken \\u escape)") from None
    return value


def fill_template(template: str, record: dict) -> str:
    """The URL for a record from --url-template; BadLine naming a field the record lacks."""
    lowered = {key.lower(): key for key in record}
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        actual, value = _lookup(record, name, lowered)
        if not _present(value):
            raise BadLine(f"--url-template needs {{{name}}}, which this line lacks",
                          kind=f"--url-template field {{{name}}} is missing",
                          fix="name a field every line has in --url-template")
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise BadLine(f"--url-template field {{{name}}} holds {_kind_of(value)}, not text or a whole number",
                          kind=f"--url-template field {{{name}}} is not text")
        out.append(quote(str(value).strip(), safe="/"))
    return "".join(out)


def urn_for(source: str, record_id: str) -> str:
    """The stable identifier of an article that has no URL: its source and its id in that source."""
    return f"urn:khobao:{quote(source or 'import', safe='')}:{quote(record_id.strip(), safe='')}"


def with_lead(body: str, lead: str | None) -> str:
    """The body with the lead as its first paragraph, unless the body already begins with it."""
    lead = (lead or "").strip()
    if not lead:
        return body
    if not body.strip():
        return lead
    key = " ".join(lead.split())[:80].casefold()
    head = " ".join(body[: len(lead) + 400].split()).casefold()
    return body if key in head else f"{lead}\n{body}"
