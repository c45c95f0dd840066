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
    ("[crawl]\ntimeout = true\n", "[crawl].timeout: expected a number, got True"),
    ("[web]\nport = 80.5\n", "[web].port: expected a whole number, got 80.5"),
    ("[web]\nthreads = 0\n", "[web].threads: must be from 1 to 256, got 0"),
    ("web = 5\n", "[web]: expected a table, got 5"),
    ("crawl = [1]\n", "[crawl]: expected a table, got [1]"),
    ("[crawl]\npoliteness = 1\n", "[crawl].politeness: expected a table, got 1"),
    ("sources = [1, 2]\n", "[[sources]] #1: expected a table, got 1"),
    ("sources = 3\n", "'sources' must be written as [[sources]] tables"),
    ("data_dir = 5\n", "data_dir: expected a path (a string), got 5"),
    ("data_dir = \"a\\u0000b\"\n", "data_dir: a path cannot contain a NUL character"),
    ("[web]\nper_page = 2000\n", "[web].per_page: must be from 1 to 1000, got 2000"),
    ("[web]\nper_page = 200\n", "[web]: per_page (200) must not be more than max_per_page (100)"),
    ("[web]\nport = 70000\n", "[web].port: must be from 0 to 65535, got 70000"),
    ("[web]\nport = -1\n", "[web].port: must be from 0 to 65535, got -1"),
    ("[web]\nworkers = 100000\n", "[web].workers: must be from 0 to 64, got 100000"),
    ("[web]\nhost = \"not a host\"\n", "[web].host: 'not a host' is not an address or a host name"),
    ("[web]\nhost = \"\"\n", "[web].host: '' is not an address or a host name"),
    ("[crawl]\ntimeout = -1\n", "[crawl].timeout: must be from 0.1 to 3600, got -1.0"),
    ("[crawl]\ntimeout = nan\n", "[crawl].timeout: must be a finite number, got nan"),
    ("[crawl]\nmax_wait = inf\n", "[crawl].max_wait: must be a finite number, got inf"),
    ("[crawl]\nretries = -2\n", "[crawl].retries: must be from 0 to 100, got -2"),
    ("[crawl]\nconcurrency = 0\n", "[crawl].concurrency: must be from 1 to 1000, got 0"),
    ("[crawl]\nuser_agent = \"a\\nb\"\n", "[crawl].user_agent: must be one line of printable text"),
    ("[crawl.politeness]\ndelay = -0.5\n", "[crawl].politeness.delay: must be 0 or more, got -0.5"),
    ("[index]\nprocs = 0\n", "[index].procs: must be from 1 to 64, got 0"),
    ("[index]\nmemory_mb = 1\n", "[index].memory_mb: must be from 16 to 1048576, got 1"),
    ("[[sources]]\nname = \"a\"\nlisting_pages = 0\n", "[[sources]] #1.listing_pages: must be from 1 to 100000, got 0"),
    ("[[sources]]\nname = \"a\"\n[sources.politeness]\nper_host = 0\n",
     "[[sources]] #1.politeness.per_host: must be from 1 to 1000, got 0"),
    ("[[sources]]\nname = \"\"\n", "[[sources]] #1.name: must be a short id without spaces"),
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


def test_every_numeric_key_has_a_range_and_its_limits_load(tmp_path):
    """The lowest and highest value of each numeric key's range load; one step beyond does not."""
    from khobao.config import numeric_keys

    keys = list(numeric_keys())
    assert {"[web].port", "[web].per_page", "[web].workers", "[web].threads", "[crawl].timeout",
            "[crawl].politeness.delay", "[index].procs", "[index].memory_mb"} <= {k for k, *_ in keys}
    for key, low, high in keys:
        table, name = key[1:].split("].")
        beyond = [low - 1] + ([high + 1] if high is not None else [])
        for value, ok in [(low, True), (high, True)] + [(v, False) for v in beyond]:
            if value is None:
                continue
            extra = {"per_page": "max_per_page = 1000\n", "max_per_page": "per_page = 1\n"}.get(name, "")
            path = write(tmp_path, f"[{table}]\n{extra}{name} = {value!r}\n")
            if ok:
                load_settings(path)
            else:
                with pytest.raises(ConfigError, match="must be"):
                    load_settings(path)


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


@pytest.mark.parametrize("text", [
    "web = 5\n", "sources = [1, 2]\n", "data_dir = 5\n", "[web]\nper_page = 2000\n", "[web]\nport = 70000\n",
    "[web]\nhost = \"not a host\"\n", "[index]\nprocs = -3\n", "[crawl]\nworkers = 1e3\n",
])
def test_cli_reports_each_config_mistake_in_one_line_with_exit_2(tmp_path, text):
    from click.testing import CliRunner

    from khobao.cli import cli

    path = write(tmp_path, text)
    result = CliRunner().invoke(cli, ["--config", str(path), "--data-dir", str(tmp_path / "data"), "status"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and str(path) in errors[0] and "Traceback" not in result.output
