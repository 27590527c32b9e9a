"""What every command shares: the store location chosen once in the callback."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kg.pipeline import BuildReport

DEFAULT_STORE = "kg-store"


@dataclass
class CliState:
    """Options of the top-level callback, passed to commands on ``ctx.obj``."""

    store: str = DEFAULT_STORE
    debug: bool = False


def state(ctx: typer.Context) -> CliState:
    """Return the shared state, creating a default one for commands run in isolation."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState(store=os.environ.get("KG_STORE", DEFAULT_STORE))
    return root.obj


def err(message: str) -> None:
    """Write a line to stderr (progress, warnings, skipped inputs)."""
    typer.echo(message, err=True)


def reports_errors(fn):  # type: ignore[no-untyped-def]
    """Decorate a command: a KgError becomes ``Error: …`` on stderr and exit code 1.

    Anything else is a bug and keeps its traceback. ``kg --debug`` re-raises.
    """
    import functools

    from kg.errors import KgError

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except KgError as exc:
            ctx = kwargs.get("ctx") or next(
                (a for a in args if isinstance(a, typer.Context)), click_context()
            )
            if ctx is not None and state(ctx).debug:
                raise
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def click_context() -> typer.Context | None:
    """The context of the running command, if any."""
    import click

    return click.get_current_context(silent=True)


def print_build_report(report: BuildReport, location: str) -> None:
    """What `kg build` and `kg load` print: skipped inputs on stderr, the summary on stdout.

    Exits with 2 when some inputs were skipped.
    """
    for problem in report.skipped:
        err(f"skipped: {problem}")
    typer.echo(f"{report.summary()} → store {location}")
    if report.inferred is not None:
        typer.echo(f"inferred graph: {report.inferred} triples")
    if report.skipped:
        raise typer.Exit(2)
