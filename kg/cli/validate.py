"""``kg validate``: check the store (or an RDF file) against the kg SHACL shapes."""

from __future__ import annotations

import typer

from kg.cli.context import reports_errors, state


@reports_errors
def validate_command(
    ctx: typer.Context,
    source: str | None = typer.Argument(
        None,
        help="RDF file to check instead of the store (.ttl, .trig, .nt, .nq, .jsonld, .rdf).",
        show_default=False,
    ),
) -> None:
    """Check every graph in the store against the kg shapes; exit 1 when something does not conform.

    Example: kg --store kg-store validate
    """
    from kg.validate import validate

    report = validate(source if source is not None else state(ctx).store)
    typer.echo(report.text())
    if not report.conforms:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``kg validate`` to the application."""
    app.command("validate")(validate_command)
