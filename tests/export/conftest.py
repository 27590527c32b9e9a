"""What the export tests share: the `export` command in an app of its own."""

from __future__ import annotations

import typer

from kg.cli import export as export_cmd


def export_app() -> typer.Typer:
    """A typer app with only ``export``, under a root callback so it stays a subcommand."""
    a = typer.Typer()
    export_cmd.register(a)

    @a.callback()
    def _root() -> None:
        """Test root so ``export`` stays a subcommand."""

    return a
