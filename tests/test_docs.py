"""The README and config.toml tell the truth: every command and every setting is documented."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import click

from crawler.settings import CrawlSettings, Politeness, Selectors, Source
from indexer.settings import IndexSettings
from khobao.cli import cli
from khobao.importing import ImportSettings
from webui.settings import WebSettings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIG_TEXT = (ROOT / "config.toml").read_text(encoding="utf-8")
SETTINGS_CLASSES = (CrawlSettings, Politeness, Selectors, Source, IndexSettings, WebSettings, ImportSettings)


def keys_of(table: dict) -> set[str]:
    keys = set()
    for key, value in table.items():
        keys.add(key)
        if isinstance(value, dict):
            keys |= keys_of(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                keys |= keys_of(item)
    return keys


def test_every_command_is_in_the_readme():
    names = cli.list_commands(click.Context(cli))
    assert len(names) >= 8
    missing = [name for name in names if f"`khobao {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_key_of_config_toml_is_in_the_readme():
    keys = keys_of(tomllib.loads(CONFIG_TEXT))
    missing = sorted(k for k in keys if f"`{k}`" not in README and f"[{k}]" not in README
                     and f"[[{k}]]" not in README and f"[crawl.{k}]" not in README and f"[sources.{k}]" not in README)
    assert not missing, f"config.toml keys missing from README.md: {missing}"


def test_every_setting_is_in_config_toml_and_the_readme():
    for cls in SETTINGS_CLASSES:
        for field in dataclasses.fields(cls):
            assert re.search(rf"^\s*{field.name}\s*=|\[(sources|crawl)\.{field.name}\]", CONFIG_TEXT, re.M), \
                f"{cls.__name__}.{field.name} is not shown in config.toml"
            assert f"`{field.name}`" in README or f".{field.name}]" in README, \
                f"{cls.__name__}.{field.name} is not documented in README.md"


def test_every_key_in_config_toml_has_a_comment():
    previous_kind = None
    for number, line in enumerate(CONFIG_TEXT.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            previous_kind = "comment"
        elif re.match(r"^[a-z_]+\s*=", stripped):
            assert previous_kind in ("comment", "key"), f"config.toml line {number}: '{stripped}' has no comment above"
            previous_kind = "key"
        elif stripped.startswith("["):
            previous_kind = "table"
        else:
            previous_kind = None if not stripped else previous_kind


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "khobao demo" in commands[0] and "pip install" in commands[0]
    assert commands[1] == "bash .ci/run"
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
