"""``kg network``: rankings, relation chains, communities and common investors."""

from __future__ import annotations

import typer

from kg.cli.context import reports_errors, state

network_app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="Network analysis of the graph (deals folded into direct edges).\n\n"
    "Example: kg network rank --measure pagerank --top 5\n\n"
    'Example: kg network chains "European Commission" "OpenAI"',
)

_FORMAT_HELP = "Output format: table, csv, tsv or json."


def _print(result: object, fmt: str, empty: str) -> None:
    """Print a table in ``fmt``; an empty table in table format prints ``empty`` instead."""
    from kg.query.tables import OutputFormat, render
    from kg.store.base import SelectResult

    assert isinstance(result, SelectResult)
    chosen = OutputFormat.from_name(fmt)
    if not result.rows and chosen is OutputFormat.TABLE:
        typer.echo(empty)
        return
    typer.echo(render(result, chosen), nl=False)


@network_app.command("rank")
@reports_errors
def rank(
    ctx: typer.Context,
    measure: str = typer.Option(
        "pagerank", "--measure", "-m", help="degree, pagerank or betweenness.", show_default=True
    ),
    top: int = typer.Option(
        10, "--top", min=1, help="Entities listed per class.", show_default=True
    ),
    overall: bool = typer.Option(
        False, "--overall", help="One ranking of all entities instead of one per class."
    ),
    fmt: str = typer.Option("table", "--format", "-f", help=_FORMAT_HELP, show_default=True),
) -> None:
    """Rank entities by centrality, per class (degree, PageRank or betweenness).

    Example: kg network rank --measure pagerank --top 10
    """
    from kg.network import rank as rank_entities

    result = rank_entities(state(ctx).store, measure, by_class=not overall, top=top)
    _print(result, fmt, "no entities in the graph")


@network_app.command("chains")
@reports_errors
def chains(
    ctx: typer.Context,
    a: str = typer.Argument(..., metavar="FROM", help="First entity (label or alias)."),
    b: str = typer.Argument(..., metavar="TO", help="Second entity (label or alias)."),
    max_hops: int = typer.Option(
        4, "--max-hops", min=1, help="Longest chain, in facts.", show_default=True
    ),
    limit: int = typer.Option(10, "--limit", min=1, help="Most chains listed.", show_default=True),
    fmt: str = typer.Option("table", "--format", "-f", help=_FORMAT_HELP, show_default=True),
) -> None:
    """The shortest relation chains between two entities, with the facts along them.

    Each row is one hop's fact with its source and evidence sentence.

    Example: kg network chains "European Commission" "OpenAI"
    """
    from kg.network import chains as find_chains
    from kg.network import chains_table

    found = find_chains(state(ctx).store, a, b, max_hops=max_hops, limit=limit)
    _print(chains_table(found), fmt, f"no chain between {a} and {b} within {max_hops} hops")


@network_app.command("communities")
@reports_errors
def communities(
    ctx: typer.Context,
    min_size: int = typer.Option(
        2, "--min-size", min=1, help="Smallest group listed.", show_default=True
    ),
    fmt: str = typer.Option("table", "--format", "-f", help=_FORMAT_HELP, show_default=True),
) -> None:
    """Groups of entities linked more to each other than to the rest (greedy modularity).

    Example: kg network communities --min-size 3
    """
    from kg.network import communities as find_communities
    from kg.network import communities_table

    groups = find_communities(state(ctx).store, min_size=min_size)
    _print(communities_table(groups), fmt, f"no communities of {min_size} or more entities")


@network_app.command("investors")
@reports_errors
def investors(
    ctx: typer.Context,
    a: str = typer.Argument(..., metavar="A", help="First entity (label or alias)."),
    b: str = typer.Argument(..., metavar="B", help="Second entity (label or alias)."),
    fmt: str = typer.Option("table", "--format", "-f", help=_FORMAT_HELP, show_default=True),
) -> None:
    """Investors two entities have in common, with the facts and their sources.

    Example: kg network investors "Mistral AI" "OpenAI"
    """
    from kg.network import common_investors, investors_table

    found = common_investors(state(ctx).store, a, b)
    _print(investors_table(found), fmt, f"no common investors of {a} and {b}")


def register(app: typer.Typer) -> None:
    """Add ``kg network`` and its subcommands to the app."""
    app.add_typer(network_app, name="network")
