"""``kg export``: write the graph or one entity's neighbourhood in an RDF or graph format."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import reports_errors, state

FORMATS = "ttl, nt, nq, trig, jsonld, graphml, gexf, csv, html"


@reports_errors
def export(
    ctx: typer.Context,
    fmt: str | None = typer.Option(
        None, "--format", "-f", help=f"One of {FORMATS}; default: from --output's suffix."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="File to write; default: standard output. Without --around, nq and trig "
        "stream every quad of the store (all named graphs) as it is read.",
    ),
    around: str | None = typer.Option(
        None, "--around", help="Entity to centre on (name or alias); default: the whole graph."
    ),
    hops: int = typer.Option(2, "--hops", min=0, help="How many hops from --around to include."),
) -> None:
    """Export the knowledge graph (or a neighbourhood of it) for other tools.

    Example: kg export --around "Mistral AI" --hops 1 --format ttl --output mistral.ttl
    """
    import click

    from kg.errors import KgError
    from kg.export import ExportFormat, export_store
    from kg.store import open_store

    if fmt is None and output is None:
        raise KgError(f"--format: give one of {FORMATS} (or an --output file with a suffix)")
    chosen = ExportFormat.from_suffix(fmt if fmt is not None else str(output))
    store = open_store(state(ctx).store)
    target = output if output is not None else click.get_binary_stream("stdout")
    try:
        export_store(store, chosen, target, around=around, hops=hops)
    finally:
        store.close()
    if output is not None:
        typer.echo(f"wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``kg export`` to the app."""
    app.command("export")(export)
