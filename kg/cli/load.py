"""`kg load`: claims files written by `kg extract` → the store."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import err, print_build_report, reports_errors, state


@reports_errors
def load(
    ctx: typer.Context,
    claims: list[Path] = typer.Argument(..., help="Claims files written by `kg extract`."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first bad line."),
    force: bool = typer.Option(False, "--force", help="Replace articles even when unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines on stderr."),
    infer: bool = typer.Option(
        False, "--infer", help="Also add what the ontology implies (see `kg infer`)."
    ),
) -> None:
    """Resolve and store extracted claims, as `kg build` does after extraction.

    Load every shard in one call: entities are resolved across all of them, so the
    graph is the same as one `kg build` over all the articles. Exit code 0 when every
    line was stored, 2 when some lines were skipped (each listed on stderr).

    Example: kg load shard-1.jsonl shard-2.jsonl
    """
    from kg.pipeline import load as run_load

    location = state(ctx).store
    report = run_load(
        [str(c) for c in claims],
        location,
        progress=None if quiet else err,
        strict=strict,
        force=force,
        infer=infer,
    )
    print_build_report(report, location)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("load")(load)
