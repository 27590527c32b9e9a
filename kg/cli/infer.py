"""``kg infer``: materialise the ontology's consequences in the inferred graph."""

from __future__ import annotations

import typer

from kg.cli.context import reports_errors, state


@reports_errors
def infer_command(
    ctx: typer.Context,
    clear: bool = typer.Option(
        False, "--clear", help="Drop the inferred graph instead of recomputing it."
    ),
    engine: str = typer.Option(
        "rules", "--engine", help="rules (fast, default) or owlrl (full OWL-RL closure, slow)."
    ),
) -> None:
    """Add what the ontology implies (Organizations, symmetric partnersWith, …) as its own graph.

    Re-run after build or remove: the inferred graph is recomputed from the articles.

    Example: kg infer && kg query -e 'SELECT ?x WHERE { ?x a kg:Organization }'
    """
    from kg.infer import INFERRED_GRAPH, clear_inferred, infer

    if clear:
        dropped = clear_inferred(state(ctx).store)
        typer.echo(f"dropped <{INFERRED_GRAPH}> ({dropped} triples)")
        return
    report = infer(state(ctx).store, engine=engine)  # type: ignore[arg-type]
    typer.echo(report.text(), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``kg infer`` to the application."""
    app.command("infer")(infer_command)
