"""`kg eval`: score the extractor against gold articles."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import reports_errors


@reports_errors
def evaluate(
    gold_dir: Path = typer.Argument(
        ..., help="Folder of gold .json articles (shared/eval format)."
    ),
    errors: bool = typer.Option(
        True, "--errors/--no-errors", help="List misses and spurious facts."
    ),
    min_f1: float = typer.Option(0.0, "--min-f1", help="Exit 1 when F1 is below this."),
) -> None:
    """Build gold articles in a temporary store and print precision, recall and F1 per property.

    Example: kg eval ../shared/eval/dev --min-f1 0.7
    """
    from kg.evaluate import evaluate as run

    result = run(gold_dir)
    typer.echo(result.text(errors=errors))
    if result.f1 < min_f1:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("eval")(evaluate)
