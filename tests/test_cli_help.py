"""Every command answers --help with an example, and `khobao --version` names the version."""

from __future__ import annotations

import click
from click.testing import CliRunner

from khobao import __version__
from khobao.cli import COMMANDS, cli

NAMES = cli.list_commands(click.Context(cli))


def test_every_command_module_is_a_command_of_its_name():
    assert NAMES == sorted(COMMANDS) and len(NAMES) == 8
    for name in NAMES:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name
    assert cli.get_command(click.Context(cli), "nosuch") is None


def test_the_command_line_starts_without_loading_every_stage():
    import subprocess
    import sys
    code = ("import sys, khobao.cli; heavy = [m for m in ('crawler.crawling', 'trafilatura', 'flask', 'whoosh') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in NAMES:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output and f"khobao {name}" in result.output.replace("khobao --data-dir", "khobao"), name


def test_root_help_and_version():
    runner = CliRunner()
    root = runner.invoke(cli, ["--help"])
    assert root.exit_code == 0 and "Example" in root.output
    assert all(name in root.output for name in NAMES)
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and version.output.strip() == f"khobao, version {__version__}"
