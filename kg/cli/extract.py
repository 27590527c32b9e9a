"""`kg extract`: articles → claims JSON Lines, with no store (for sharded extraction)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg.cli.context import err, reports_errors


@reports_errors
def extract(
    sources: list[Path] = typer.Argument(..., help="Article files or folders (read recursively)."),
    output: str = typer.Option(
        "-", "--output", "-o", help="Claims file to write (JSON Lines); '-' for stdout."
    ),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, help="Extract articles in this many processes."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first bad input."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines on stderr."),
) -> None:
    """Extract claims from articles without touching a store; `kg load` stores them.

    Extraction is a pure function of each article, so shards can run anywhere and one
    `kg load` of every shard gives the same graph as one `kg build`. Exit code 0 when
    every input was read, 2 when some were skipped (each listed on stderr).

    Example: kg extract news/2024-*/ -o shard-2024.jsonl && kg load shard-*.jsonl
    """
    from kg.errors import InputError
    from kg.pipeline import extract_to

    progress = None if quiet else err
    paths = [str(s) for s in sources]
    if output == "-":
        report = extract_to(paths, sys.stdout, jobs=jobs, strict=strict, progress=progress)
    else:
        target = Path(output)
        partial = target.with_name(target.name + ".partial")
        try:
            handle = open(partial, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(output, f"cannot write ({exc.strerror or exc})") from None
        try:
            with handle:
                report = extract_to(paths, handle, jobs=jobs, strict=strict, progress=progress)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)  # readers never see half a file
    for problem in report.skipped:
        err(f"skipped: {problem}")
    err(f"{report.summary()} → {output if output != '-' else 'stdout'}")
    if report.skipped:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("extract")(extract)
