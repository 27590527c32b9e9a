"""`kg explain`: an entity's facts, each with the sentence and article it came from."""

from __future__ import annotations

import typer

from kg.cli.context import reports_errors, state


@reports_errors
def explain(
    ctx: typer.Context,
    entity: str = typer.Argument(..., help='Entity label or alias, e.g. "Mistral AI".'),
) -> None:
    """Print every fact about an entity with its evidence, source, confidence and rule.

    Example: kg explain "Mistral AI"
    """
    from kg.query import run_query

    result = run_query(state(ctx).store, "explain", {"entity": entity})
    cols = result.variables
    for row in result.rows:
        r = {k: ("" if v is None else str(v)) for k, v in zip(cols, row, strict=True)}
        money = f" {float(r['amount']):,.0f} {r['currency']}".rstrip() if r["amount"] else ""
        when = f" ({r['date']})" if r["date"] else ""
        typer.echo(f"{r['subject']} —{r['predicate']}→ {r['object']}{money}{when}")
        typer.echo(f"    “{r['evidence']}”")
        typer.echo(f"    {r['source']} · confidence {r['confidence']} · {r['rule']}")
    if not result.rows:
        typer.echo(f"no facts about {entity}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("explain")(explain)
