"""`khobao serve [--host H] [--port P]`: the web UI under waitress."""

from __future__ import annotations

import os
import signal
import socket

import click

from indexer import open_engine
from webui import (
    REUSE_PORT,
    GracefulServer,
    create_app,
    effective_workers,
    host_problem,
    listen,
    make_server,
    reserve_port,
    serve_workers,
    server_url,
)

from ..cli import pass_app


def _check_host(ctx, param, value: str | None) -> str | None:
    problem = value is not None and host_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


@click.command("serve")
@click.option("--host", callback=_check_host,
              help="Address to listen on (default: [web] host in config.toml, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535),
              help="Port to listen on (default: [web] port, 8080; 0 picks a free port).")
@click.option("--workers", type=click.IntRange(1, 64),
              help="Server processes sharing the port (default: [web] workers; 0 there means one per CPU "
                   "core). Several processes need Linux or macOS.")
@pass_app
def command(app, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the search UI and the JSON API with a production WSGI server.

    A search is CPU work and Python runs one thread at a time in a process, so the server runs one
    process per core, each answering one request at a time ([web] threads = 1) while waitress reads
    and writes every connection in the background.

    \b
    Example:
      khobao serve --port 8080       # then open http://127.0.0.1:8080/
    """
    settings = app.settings
    web = settings.web
    host = host or web.host
    port = web.port if port is None else port
    workers = effective_workers(web.workers if workers is None else workers)
    index = open_engine(settings.index_dir).status()
    if not index.exists:
        click.echo(f"note: no index in {settings.index_dir} yet; run `khobao index` (or `khobao import FILE`). "
                   "The server picks it up without a restart.", err=True)
    elif index.damaged:  # damaged, or built by another version: searches fail until `khobao index` has run
        click.echo(f"note: {index.damaged}", err=True)
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason(exc)}") from None
    if workers > 1 and hasattr(os, "fork"):
        try:
            sock = reserve_port(host, port) if REUSE_PORT else listen(host, port)
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: {reason(exc)}") from None
        address = sock.getsockname()
        shown = f"[{address[0]}]" if ":" in address[0] else address[0]

        def announce(pids: list[int]) -> None:
            click.echo(f"khobao: serving {settings.data_dir} at http://{shown}:{address[1]}/  "
                       f"({len(pids)} processes: pids {', '.join(map(str, pids))}; Ctrl-C to stop)")
        try:
            started = serve_workers(lambda: create_app(settings), sock, workers=workers, threads=web.threads,
                                    announce=announce)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        if not started:
            raise click.ClickException("no server process could start (see the errors above)")
        click.echo("stopped")
        return
    application = create_app(settings)
    try:
        server = make_server(application, host, port, threads=web.threads)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason(exc)}") from None
    click.echo(f"khobao: serving {settings.data_dir} at {server_url(server)}  "
               f"(1 process: pid {os.getpid()}; Ctrl-C to stop)")
    serve_until_stopped(server, application)


def reason(exc: OSError | UnicodeError) -> str:
    """"Address already in use", without the socket module's "(while attempting to bind ...)"."""
    if isinstance(exc, (socket.gaierror, UnicodeError)):
        return "the host name does not resolve to an address"
    return os.strerror(exc.errno) if exc.errno else str(exc)


def serve_until_stopped(server, application) -> None:
    """Serve until Ctrl-C or SIGTERM, stop gracefully (requests under way finish), then close the app's
    index and store."""
    graceful = GracefulServer(server)
    previous = {sig: signal.signal(sig, graceful.handle_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        graceful.serve()
        click.echo("stopped")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        application.extensions["khobao.archive"].close()
