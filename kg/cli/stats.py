"""``kg stats``: what the store holds."""

from __future__ import annotations

import typer

from kg.cli.context import reports_errors, state


@reports_errors
def stats_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
) -> None:
    """Print the number of articles and triples, entities by class and facts by property.

    Example: kg --store kg-store stats
    """
    from kg.store import store_stats

    stats = store_stats(state(ctx).store)
    if as_json:
        import dataclasses
        import json

        typer.echo(json.dumps(dataclasses.asdict(stats), indent=2))
    else:
        typer.echo(stats.text(), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``kg stats`` to the application."""
    app.command("stats")(stats_command)
