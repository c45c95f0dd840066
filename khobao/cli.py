"""The `khobao` command: the composition root. Reads config.toml into settings and wires the stages.

Each verb lives in its own module under khobao/commands/ and is a thin skin over a Python API.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from . import __version__
from .config import Settings, load_settings
from .errors import ConfigError

# command -> its module under khobao/commands/, imported only when that command runs (or for --help):
# `khobao status` need not load the crawler, the web server and the cleaner first
COMMANDS = {"crawl": "crawl", "index": "index", "import": "importer", "search": "search", "serve": "serve",
            "extract": "extract", "status": "status", "demo": "demo"}
COMMAND_MODULES = tuple(COMMANDS.values())


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(f"khobao.commands.{COMMANDS[name]}").command
        return command


class AppContext:
    """What every command receives: the global options, and settings loaded on first use."""

    def __init__(self, config: Path | None, data_dir: Path | None):
        self.config_path = config
        self.data_dir = data_dir
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(self.config_path, self.data_dir)
            except ConfigError as exc:
                raise click.UsageError(str(exc)) from exc
        return self._settings


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="khobao")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help="Path of config.toml (default: ./config.toml, or $KHOBAO_CONFIG).")
@click.option("--data-dir", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Data directory; overrides data_dir in the config (or $KHOBAO_DATA_DIR).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, data_dir: Path | None) -> None:
    """khobao: search news archives, Vietnamese first.

    \b
    Example:
      khobao demo                      # sample archive: crawl, index, serve
      khobao --data-dir ./data search "hà nội" --json
    """
    ctx.obj = AppContext(config, data_dir)


def main() -> None:
    """Run the command; every error the user can fix is one line on stderr, never a traceback.

    Exit codes: 0 done, 1 failed (a ClickException), 2 usage or configuration error, 130 interrupted.
    """
    try:
        result = cli.main(prog_name="khobao", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "khobao"
        click.echo(f"Error: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)
