"""Config files of any shape load or fail with a ConfigError naming the file, never another exception."""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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
    st.integers(min_value=-2, max_value=70_000), st.integers(), st.integers(min_value=10**308, max_value=10**400),
    st.floats(min_value=-1, max_value=5000), st.floats(),
    st.text(max_size=12),
    st.sampled_from(["127.0.0.1", "::1", "localhost", "not a host", "Asia/Ho_Chi_Minh", "Mars/Olympus", "Asia", "a" * 300,
                     "data", "", "[", "(a|", ".*", "a\nb", "baomau", "https://baomau.example.vn/"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(ALL_KEYS), inner, max_size=3), max_leaves=8)


STRINGS = st.one_of(st.text(max_size=12), st.sampled_from([
    "127.0.0.1", "::1", "localhost", "not a host", "Asia/Ho_Chi_Minh", "Mars/Olympus", "Asia", "a" * 300, "UTC/..",
    "data", "", "[", "(a|", ".*", "a\nb", "baomau", "https://baomau.example.vn/", "td.title h1", "p::"]))
NUMBERS = st.one_of(st.integers(min_value=-2, max_value=70_000), st.integers(),
                    st.integers(min_value=10**308, max_value=10**400), st.floats(min_value=-1, max_value=5000),
                    st.floats())


def typed(tp, default):
    """Values of the type a key expects: its default, often something out of range or malformed, now and
    then a value of any type. (Mostly valid tables reach the checks that only run once the types are right.)"""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        right = table(tp)
    elif origin is tuple:
        right = st.lists(STRINGS, max_size=3)
    elif tp in (int, float):
        right = NUMBERS
    elif tp is bool:
        right = st.booleans()
    else:
        right = STRINGS
    usual = [] if default is None else [st.just(default)] * 2
    return st.one_of(*usual, right, values)


def _default(field: dataclasses.Field):
    if field.default is not dataclasses.MISSING:
        return field.default
    return "baomau" if field.name == "name" else None


def table(cls):
    """A table of `cls`'s own keys with values mostly of the right type, and now and then a stray key."""
    hints = typing.get_type_hints(cls)
    own = {f.name: st.deferred(lambda tp=hints[f.name], d=_default(f): typed(tp, d))
           for f in dataclasses.fields(cls)}
    stray = st.one_of(st.just({}), st.just({}), st.just({}), st.dictionaries(st.text(max_size=4), values, max_size=1))
    return st.builds(lambda a, b: {**a, **b}, st.fixed_dictionaries({}, optional=own), stray)


documents = st.fixed_dictionaries({}, optional={
    "data_dir": st.one_of(st.sampled_from(["data", "archive/x", "/tmp/khobao-x", "a\0b"]), values),
    "crawl": st.one_of(table(CrawlSettings), values),
    "index": st.one_of(table(IndexSettings), values),
    "web": st.one_of(table(WebSettings), values),
    "sources": st.one_of(st.lists(table(Source), max_size=3), values),
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
    if isinstance(value, (list, tuple)):
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
@example(document={"sources": [{"name": "a", "timezone": "Asia"}]})      # a folder of the time zone database
@example(document={"crawl": {"timeout": 10**400}})                        # too large for a float
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
