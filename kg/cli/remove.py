"""`kg remove`: delete articles and every fact only they supported."""

from __future__ import annotations

import typer

from kg.cli.context import err, reports_errors, state


@reports_errors
def remove(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(
        ..., help="Article files or folders (read as build reads them), doc ids or URLs."
    ),
) -> None:
    """Remove articles from the graph; facts another article also reports stay.

    Exit code 0 when every source named a stored article, 2 when some did not
    (each is listed on stderr), 1 on an error that stopped the removal.

    Example: kg remove news/old-story.txt https://news.example.org/retracted
    """
    from kg.remove import remove as run_remove

    location = state(ctx).store
    report = run_remove(sources, location)
    for problem in report.not_found:
        err(f"not removed: {problem}")
    typer.echo(f"{report.summary()} → store {location}")
    if report.not_found:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add ``kg remove`` to the app."""
    app.command("remove")(remove)
