"""``kg view``: write the HTML explorer of the graph or of one entity's neighbourhood."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import reports_errors, state


@reports_errors
def view(
    ctx: typer.Context,
    around: str | None = typer.Option(
        None, "--around", help="Entity to centre on (name or alias); default: the whole graph."
    ),
    hops: int = typer.Option(2, "--hops", min=0, help="How many hops from --around to include."),
    output: Path = typer.Option(
        Path("graph.html"), "--output", "-o", help="HTML file to write.", show_default=True
    ),
    lang: str = typer.Option("en", "--lang", help="Language of edge labels: en, it or fr."),
) -> None:
    """Write a self-contained HTML explorer (open it offline in any browser).

    Example: kg view --around "Mistral AI" --hops 2 --output mistral.html
    """
    from kg.store import open_store
    from kg.view import build_view

    store = open_store(state(ctx).store)
    try:
        report = build_view(store, output, around=around, hops=hops, lang=lang)
    finally:
        store.close()
    typer.echo(f"wrote {report.path} ({report.nodes} nodes, {report.edges} edges)")


def register(app: typer.Typer) -> None:
    """Add ``kg view`` to the app."""
    app.command("view")(view)
