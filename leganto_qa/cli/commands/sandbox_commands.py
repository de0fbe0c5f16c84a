"""``leganto-qa sandbox serve``: the built-in stand-in Leganto, to browse by hand."""

from __future__ import annotations

import click

from leganto_qa.cli.shared_options import echo, guard


@click.group()
def sandbox() -> None:
    """The built-in stand-in Leganto sandbox."""


@sandbox.command("serve")
@click.option("--release", default=None, help="Release to serve (default: the newest).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free).")
def sandbox_serve(release: str | None, port: int) -> None:
    """Serve the stand-in on loopback to browse it by hand (Ctrl-C stops it)."""
    from leganto_qa.standins.sandbox_standin import serve_forever

    guard(lambda: serve_forever(release, port, echo))
