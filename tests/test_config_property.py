"""Config files of any shape load or fail with a ConfigError naming the file, never another exception."""

from __future__ import annotations

import dataclasses
import json
import math

from hypothesis import HealthCheck, given, settings, strategies as st

from crawler.settings import CrawlSettings, Politeness, Selectors, Source
from indexer.settings import IndexSettings
from khobao.config import TOP_LEVEL, ConfigError, load_settings
from webui.settings import WebSettings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def names(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


ALL_KEYS = sorted({*TOP_LEVEL, *names(CrawlSettings), *names(Politeness), *names(Selectors), *names(Source),
                   *names(IndexSettings), *names(WebSettings), "nope", ""})

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-2, max_value=70_000), st.integers(),
    st.floats(min_value=-1, max_value=5000), st.floats(),
    st.text(max_size=12),
    st.sampled_from(["127.0.0.1", "::1", "localhost", "not a host", "Asia/Ho_Chi_Minh", "Mars/Olympus",
                     "data", "", "[", "(a|", ".*", "a\nb", "baomau", "https://baomau.example.vn/"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(ALL_KEYS), inner, max_size=3), max_leaves=8)


def table(cls, extra=None):
    """Mostly the class's own keys, with values of any type."""
    keys = st.sampled_from(names(cls) + ["nope"])
    inner = values if extra is None else st.one_of(values, extra)
    return st.dictionaries(keys, inner, max_size=6)


crawl = table(CrawlSettings, table(Politeness))
source = table(Source, st.one_of(table(Politeness), table(Selectors)))
documents = st.fixed_dictionaries({}, optional={
    "data_dir": st.one_of(st.sampled_from(["data", "archive/x", "/tmp/khobao-x", "a\0b"]), values),
    "crawl": st.one_of(crawl, values),
    "index": st.one_of(table(IndexSettings), values),
    "web": st.one_of(table(WebSettings), values),
    "sources": st.one_of(st.lists(source, max_size=3), values),
    "nope": values,
})


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_key(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_key(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_document(document: dict) -> str:
    return "".join(f"{toml_key(key)} = {toml_value(value)}\n" for key, value in document.items())


def loads_or_says_why(path) -> None:
    try:
        load_settings(path)
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message.strip(), message


@FAST
@given(document=documents)
def test_any_toml_document_loads_or_is_a_config_error(tmp_path, document):
    path = tmp_path / "config.toml"
    path.write_text(toml_document(document), encoding="utf-8")
    loads_or_says_why(path)


@FAST
@given(data=st.one_of(st.binary(max_size=200),
                      st.builds(lambda text, junk: text.encode() + junk,
                                st.sampled_from(["[web]\nport = ", "[[sources]]\nname = \"a\"\n", "data_dir = \""]),
                                st.binary(max_size=20))))
def test_any_bytes_load_or_are_a_config_error(tmp_path, data):
    path = tmp_path / "config.toml"
    path.write_bytes(data)
    loads_or_says_why(path)


def test_the_generator_reaches_both_outcomes(tmp_path):
    """A property test that only ever sees errors proves little: check good documents come out too."""
    path = tmp_path / "config.toml"
    path.write_text(toml_document({"web": {"port": 0, "host": "::1"}, "sources": [{"name": "baomau"}]}),
                    encoding="utf-8")
    assert load_settings(path).web.host == "::1"
