"""``kg query``: run a question of the library, a query file or inline SPARQL."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.context import reports_errors, state

FORMATS = "table, csv, tsv, json or turtle (CONSTRUCT/DESCRIBE)"


@reports_errors
def query_command(
    ctx: typer.Context,
    query: str | None = typer.Argument(
        None, help="Name of a library query (see --list) or path of a .rq file.", show_default=False
    ),
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter as key=value; repeat for several."),
    ] = None,
    fmt: str = typer.Option("table", "--format", "-f", help=f"Output format: {FORMATS}."),
    list_queries: bool = typer.Option(
        False, "--list", help="List the query library: name, title and parameters."
    ),
    sparql: str | None = typer.Option(
        None, "--execute", "-e", help="Run this SPARQL text instead of a named query."
    ),
) -> None:
    """Answer a question over the graph and print the rows (or the graph) to stdout.

    Example: kg query investors --param company="Mistral AI" --format csv
    """
    from kg.errors import QueryError

    if list_queries:
        from kg.query import list_queries as library

        typer.echo(_listing(library()), nl=False)
        return
    if (query is None) == (sparql is None):
        raise QueryError("give a query name or file, or -e 'SPARQL' (see kg query --list)")
    from kg.query import OutputFormat, parse_assignments, render, run_query

    output = OutputFormat.from_name(fmt)
    text = sparql if sparql is not None else query
    result = run_query(
        state(ctx).store, text or "", parse_assignments(param or []), inline=sparql is not None
    )
    typer.echo(render(result, output), nl=False)


def _listing(queries: list) -> str:  # type: ignore[type-arg]
    width = max((len(q.name) for q in queries), default=0)
    lines = []
    for q in queries:
        params = ", ".join(p.usage() for p in q.params)
        lines.append(f"{q.name.ljust(width)}  {q.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``kg query`` to the application."""
    app.command("query")(query_command)
