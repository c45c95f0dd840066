"""URL normalisation: one article, one key, whatever tracking junk, session id or case the link carried."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "zarsrc", "zalo_share",
     "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "icid", "ito", "vn_source", "vn_medium", "vn_campaign",
     "gbraid", "wbraid", "gad_source", "srsltid", "twclid", "ttclid", "li_fat_id", "mkt_tok", "_hsenc", "_hsmi",
     "oly_enc_id", "oly_anon_id", "rb_clickid", "s_cid", "sc_cid", "ncid", "ocid", "sr_share", "spm", "scm",
     "fb_action_ids", "fb_action_types", "fb_source", "fb_ref", "action_object_map", "action_type_map",
     "action_ref_map", "at_medium", "at_campaign", "share", "trk"}
)
# Session ids: a server that cannot rely on cookies writes one into every link it serves.
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "aspsessionid", "sessionid", "cfid", "cftoken"})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#;]*", re.IGNORECASE)  # /a.html;jsessionid=X
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """A query parameter that says who sent the reader (or which session), never which page."""
    name = name.lower()
    return name in TRACKING_PARAMS or name in SESSION_PARAMS or name.startswith(("utm_", "aspsessionid"))


def has_tracking(url: str) -> bool:
    """Does the URL carry a tracking parameter or a session id that normalisation drops?"""
    try:
        parts = urlsplit(url)
        return bool(_PATH_SESSION.search(parts.path)) or any(
            is_tracking_param(k) for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    except ValueError:
        return False


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment, tracking parameters and session ids
    (`?PHPSESSID=`, `;jsessionid=` in the path), sort the rest.

    The path keeps its case (servers are case-sensitive there); an empty path becomes "/".
    Total and idempotent: any text gives a URL that normalises to itself, or a ValueError saying
    why it is no URL (a port out of range, a broken IPv6 host, text that is not Unicode).
    """
    if not isinstance(url, str):
        raise ValueError(f"not a URL: {type(url).__name__}")
    normal = _normalize(url)
    if _normalize(normal) != normal:  # a few odd forms (a host of stray brackets...) have no normal form
        raise ValueError(f"not a valid URL (it has no single normal form): {url[:80]!r}")
    return normal


def _normalize(url: str) -> str:
    try:
        url.encode("utf-8")
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    except UnicodeEncodeError:
        raise ValueError(f"not a valid URL (it holds an unpaired surrogate): {url[:80]!r}") from None
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc}): {url[:80]!r}") from None
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query.sort()
    path = parts.path
    while _PATH_SESSION.search(path):  # until none is left: removing one may join the text around it into another
        path = _PATH_SESSION.sub("", path)
    path = path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def join_url(base: str, href: str) -> str:
    """urljoin, or "" for a link it cannot read (a broken IPv6 host): one bad link never breaks a page."""
    try:
        return urljoin(base, href)
    except ValueError:
        return ""


def well_formed_url(url: str | None) -> str | None:
    """`url` when it normalises, else None (a canonical link with port 99999 is no canonical)."""
    if not url:
        return None
    try:
        normalize_url(url)
    except ValueError:
        return None
    return url
