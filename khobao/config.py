"""config.toml → typed settings. The only place that reads the TOML file.

Each stage declares its settings as a frozen dataclass (crawler/settings.py, indexer/settings.py,
webui/settings.py); this module fills them from the file's tables and checks every key and value,
so a typo is reported with the file, the key and what would be right.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from crawler import CrawlSettings, Politeness, Source
from indexer import IndexSettings
from khobao.importing import ImportSettings
from store import DEFAULT_DATA_DIR, DataDir
from webui import WebSettings

from .errors import ConfigError

DEFAULT_CONFIG = "config.toml"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    web: WebSettings = field(default_factory=WebSettings)
    importing: ImportSettings = field(default_factory=ImportSettings)  # [import]
    sources: tuple[Source, ...] = ()
    config_path: Path | None = None

    @property
    def layout(self) -> DataDir:
        """Every file name under the data directory (store/layout.py)."""
        return DataDir(self.data_dir)

    @property
    def store_path(self) -> Path:
        return self.layout.store

    @property
    def index_dir(self) -> Path:
        return self.layout.index

    @property
    def warc_dir(self) -> Path:
        return self.layout.warc

    @property
    def frontier_path(self) -> Path:
        return self.layout.frontier

    def source_labels(self, stored: dict[str, str]) -> dict[str, str]:
        """Display labels by source name: config.toml's over `stored`, those the store remembers."""
        return {**stored, **{s.name: s.label for s in self.sources if s.label}}

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)


TOP_LEVEL = {"data_dir": "path", "crawl": "table", "index": "table", "web": "table", "import": "table",
             "sources": "array of tables"}


def _describe(tp) -> str:
    origin = typing.get_origin(tp)
    if tp is str:
        return "a string"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if origin is tuple:
        return "a list of strings"
    if origin is dict:
        return "a table of strings"
    if dataclasses.is_dataclass(tp):
        return "a table"
    return str(tp)


def _convert(value, tp, where: str):
    """Check `value` against the annotation `tp`; return it converted (lists → tuples, tables → dataclasses)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(value, options[0], where)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected {_describe(tp)}, got {_shown(value)}")
        return build(tp, value, where)
    if origin is tuple:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, like [\"a\", \"b\"], got {_shown(value)}")
        return tuple(value)
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f"{where}: expected a table of strings, got {_shown(value)}")
        return dict(value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > 1e300:
            raise ConfigError(f"{where}: must be a finite number, got {_shown(value)}")
        return float(value)
    if tp is Path:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a path (a string), got {_shown(value)}")
        if "\0" in value:
            raise ConfigError(f"{where}: a path cannot contain a NUL character")
        return Path(value)
    if tp in (str, int, float, bool) and (type(value) is not tp):
        raise ConfigError(f"{where}: expected {_describe(tp)}, got {_shown(value)}")
    return value


def _shown(value) -> str:
    """`value` as a message shows it: repr, on one line, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 80 else text[:60] + f"... ({len(text)} characters)"


def _unknown_key(where: str, kind: str, key: str, known: list[str]) -> ConfigError:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
    shown = f"'{key}'" if key.isprintable() and "'" not in key and len(key) < 60 else _shown(key)
    return ConfigError(f"{where}: unknown {kind} {shown}; {hint}")


def _number(value):
    """A bound as written in a message: 0, 0.1, 3600 (not 3600.0)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _check_range(value, limits: tuple, where: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: must be a finite number, got {_shown(value)}")
    least, most = limits
    if most is None and value < least:
        raise ConfigError(f"{where}: must be {_number(least)} or more, got {_shown(value)}")
    if most is not None and not least <= value <= most:
        raise ConfigError(f"{where}: must be from {_number(least)} to {_number(most)}, got {_shown(value)}")


def _limits(cls, name: str, tp) -> tuple | None:
    """(lowest, highest) for a numeric field: the class's LIMITS, else 0 or more. None if not numeric."""
    if tp not in (int, float):
        return None
    return getattr(cls, "LIMITS", {}).get(name, (0, None))


def build(cls, table, where: str):
    """Make a `cls` dataclass from a TOML table, refusing unknown keys with a suggestion and numbers
    outside the ranges the class declares (its LIMITS)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table, got {_shown(table)}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    values = {}
    for key, value in table.items():
        if key not in names:
            raise _unknown_key(where, "key", key, names)
        values[key] = _convert(value, hints[key], f"{where}.{key}")
        limits = _limits(cls, key, hints[key])
        if limits is not None:
            _check_range(values[key], limits, f"{where}.{key}")
    try:
        return cls(**values)
    except TypeError as exc:
        missing = [f.name for f in dataclasses.fields(cls)
                   if f.init and f.name not in values and f.default is dataclasses.MISSING
                   and f.default_factory is dataclasses.MISSING]
        raise ConfigError(f"{where}: missing required key(s) {', '.join(missing)}") from exc
    except ValueError as exc:
        key, colon, problem = str(exc).partition(": ")
        if colon and key in names:              # "host: ..." from the class → "[web].host: ..."
            raise ConfigError(f"{where}.{key}: {problem}") from exc
        raise ConfigError(f"{where}: {exc}") from exc


def numeric_keys():
    """(key, lowest, highest) for every numeric key of [crawl], [crawl].politeness, [index] and [web]."""
    tables = (("[crawl]", CrawlSettings), ("[crawl].politeness", Politeness), ("[index]", IndexSettings),
              ("[web]", WebSettings))
    for where, cls in tables:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            limits = _limits(cls, f.name, hints[f.name])
            if limits is not None:
                yield (f"{where}.{f.name}", *limits)


def _inherit_politeness(table, crawl: CrawlSettings):
    """A source's [sources.politeness] overrides [crawl.politeness] key by key, not wholesale."""
    if not isinstance(table, dict):
        return table                            # build() says what is wrong with it
    override = table.get("politeness")
    if not isinstance(override, dict):
        return table
    return {**table, "politeness": {**dataclasses.asdict(crawl.politeness), **override}}


def parse_settings(data: dict, *, origin: str = DEFAULT_CONFIG, base_dir: Path | None = None) -> Settings:
    for key in data:
        if key not in TOP_LEVEL:
            raise _unknown_key(origin, "top-level key", key, list(TOP_LEVEL))
    sources_data = data.get("sources", [])
    if not isinstance(sources_data, list):
        raise ConfigError(f"{origin}: 'sources' must be written as [[sources]] tables")
    crawl = build(CrawlSettings, data.get("crawl", {}), f"{origin}: [crawl]")
    sources = tuple(build(Source, _inherit_politeness(table, crawl), f"{origin}: [[sources]] #{i + 1}")
                    for i, table in enumerate(sources_data))
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise ConfigError(f"{origin}: two [[sources]] are named '{source.name}'; names must be unique")
        seen.add(source.name)
    data_dir = Path(_convert(data.get("data_dir", str(DEFAULT_DATA_DIR)), Path, f"{origin}: data_dir"))
    if base_dir is not None and not data_dir.is_absolute():
        data_dir = base_dir / data_dir
    return Settings(
        data_dir=data_dir,
        crawl=crawl,
        index=build(IndexSettings, data.get("index", {}), f"{origin}: [index]"),
        web=build(WebSettings, data.get("web", {}), f"{origin}: [web]"),
        importing=build(ImportSettings, data.get("import", {}), f"{origin}: [import]"),
        sources=sources,
    )


def load_settings(path: str | Path | None = None, data_dir: str | Path | None = None) -> Settings:
    """Read config.toml (or `path`). A missing default config means built-in defaults.

    `data_dir` (the --data-dir option or KHOBAO_DATA_DIR) overrides the file's data directory.
    A relative data_dir in the file is relative to the file's folder.
    """
    explicit = path is not None
    path = Path(path or os.environ.get("KHOBAO_CONFIG") or DEFAULT_CONFIG)
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8") from exc
        settings = parse_settings(data, origin=str(path), base_dir=path.resolve().parent)
        settings = dataclasses.replace(settings, config_path=path)
    elif explicit:
        raise ConfigError(f"{path}: no such file; give --config the path of a config.toml")
    else:
        settings = Settings()
    override = data_dir or os.environ.get("KHOBAO_DATA_DIR")
    if override:
        settings = dataclasses.replace(settings, data_dir=Path(override))
    return settings
