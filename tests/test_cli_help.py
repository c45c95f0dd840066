"""Every command answers --help with an example, and `khobao --version` names the version."""

from __future__ import annotations

from click.testing import CliRunner

from khobao import __version__
from khobao.cli import COMMAND_MODULES, cli


def test_every_command_module_is_a_command():
    assert len(cli.commands) == len(COMMAND_MODULES)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output and f"khobao {name}" in result.output.replace("khobao --data-dir", "khobao"), name


def test_root_help_and_version():
    runner = CliRunner()
    root = runner.invoke(cli, ["--help"])
    assert root.exit_code == 0 and "Example" in root.output
    assert all(name in root.output for name in cli.commands)
    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and version.output.strip() == f"khobao, version {__version__}"
