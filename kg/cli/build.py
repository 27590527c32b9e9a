"""`kg build`: read articles, extract facts, store the graph."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import err, print_build_report, reports_errors, state


@reports_errors
def build(
    ctx: typer.Context,
    sources: list[Path] = typer.Argument(..., help="Article files or folders (read recursively)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first bad input."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles even when unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines on stderr."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, help="Extract articles in this many processes."
    ),
    infer: bool = typer.Option(
        False, "--infer", help="Also add what the ontology implies (see `kg infer`)."
    ),
) -> None:
    """Build or update the graph from articles (.txt .md .html .jsonl); safe to re-run.

    Exit code 0 when every input was stored, 2 when some inputs were skipped
    (each is listed on stderr), 1 on an error that stopped the build.

    Example: kg build examples/news
    """
    from kg.pipeline import build as run_build

    location = state(ctx).store
    report = run_build(
        [str(s) for s in sources],
        location,
        progress=None if quiet else err,
        strict=strict,
        force=force,
        infer=infer,
        jobs=jobs,
    )
    print_build_report(report, location)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("build")(build)
