"""The ``kg`` command: a thin layer over the library.

Each command lives in its own module, parses its options, calls one library
function and prints the result. Heavy imports happen inside the commands so
``kg --help`` stays fast.
"""

from __future__ import annotations

import os

import typer

from kg.cli import (
    build,
    evaluate,
    explain,
    export,
    extract,
    infer,
    load,
    network,
    query,
    remove,
    serve,
    stats,
    validate,
    view,
)
from kg.cli.context import DEFAULT_STORE, CliState

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="kg: turn business news into a source-backed knowledge graph.\n\n"
    "Example: kg build examples/news && kg query facts && kg view --output graph.html",
)


@app.callback()
def _main(
    ctx: typer.Context,
    store: str = typer.Option(
        DEFAULT_STORE,
        "--store",
        envvar="KG_STORE",
        help="Directory of the embedded store, or http(s) URL of a SPARQL 1.1 endpoint.",
        show_default=True,
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for expected errors."),
) -> None:
    """kg: turn business news into a source-backed knowledge graph."""
    ctx.obj = CliState(store=store or os.environ.get("KG_STORE", DEFAULT_STORE), debug=debug)


for _module in (
    build,
    extract,
    load,
    remove,
    query,
    view,
    export,
    network,
    stats,
    validate,
    explain,
    evaluate,
    serve,
    infer,
):
    _module.register(app)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()
