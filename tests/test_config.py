"""config.toml → settings: good files load, every mistake names the file, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from khobao.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_loads():
    settings = load_settings(ROOT / "config.toml")
    assert settings.data_dir == ROOT / "data"
    assert settings.crawl.politeness.respect_robots is True


def test_relative_data_dir_is_relative_to_the_file_and_overridable(tmp_path):
    path = write(tmp_path, 'data_dir = "archive"\n')
    assert load_settings(path).data_dir == tmp_path / "archive"
    assert load_settings(path, data_dir=tmp_path / "other").data_dir == tmp_path / "other"


@pytest.mark.parametrize("text, message", [
    ("[crawl]\ntimout = 3\n", "[crawl]: unknown key 'timout'; did you mean 'timeout'?"),
    ("[crawl]\ntimeout = \"fast\"\n", "[crawl].timeout: expected a number, got 'fast'"),
    ("[web]\nport = 80.5\n", "[web].port: expected a whole number, got 80.5"),
    ("[web]\nthreads = 0\n", "[web]: threads must be 1 or more, got 0"),
    ("[crawl.politeness]\nrespect_robots = \"yes\"\n", "respect_robots: expected true or false"),
    ("[[sources]]\nlabel = \"Báo\"\n", "[[sources]] #1: missing required key(s) name"),
    ("[[sources]]\nname = \"a\"\nfeeds = 3\n", "[[sources]] #1.feeds: expected a list of strings"),
    ("[[sources]]\nname = \"a\"\n[[sources]]\nname = \"a\"\n", "two [[sources]] are named 'a'"),
    ("sorces = []\n", "unknown top-level key 'sorces'; did you mean 'sources'?"),
    ("[crawl\n", "not valid TOML"),
])
def test_mistakes_are_reported_with_file_key_and_fix(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path)
    assert str(path) in str(excinfo.value)
    assert message in str(excinfo.value)


def test_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "nope.toml")


def test_cli_reports_a_broken_config_in_one_line_with_exit_2(tmp_path):
    from click.testing import CliRunner

    from khobao.cli import cli

    path = write(tmp_path, "[web]\nprot = 1\n")
    result = CliRunner().invoke(cli, ["--config", str(path), "status"])
    assert result.exit_code == 2
    assert "unknown key 'prot'; did you mean 'port'?" in result.output
    assert "Traceback" not in result.output


def test_source_politeness_overrides_crawl_politeness_key_by_key(tmp_path):
    path = write(tmp_path, "[crawl.politeness]\ndelay = 3.0\nper_host = 1\n"
                           "[[sources]]\nname = \"a\"\n[sources.politeness]\ndelay = 0.5\n"
                           "[[sources]]\nname = \"b\"\n")
    settings = load_settings(path)
    a, b = settings.sources
    assert (a.politeness.delay, a.politeness.per_host) == (0.5, 1)
    assert b.politeness is None and settings.crawl.politeness_for(b).delay == 3.0
