"""``kg view``: write the HTML explorer of the graph or of one entity's neighbourhood."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.context import reports_errors, state

#: Default of --evidence; the same number as kg.subgraph.evidence.EVIDENCE_PER_FACT,
#: written out so that `kg --help` does not import the subgraph code (a test checks
#: that the two agree).
EVIDENCE_PER_FACT = 5

_LIST_HELP = "Comma-separated or repeated."


def _names(values: list[str] | None) -> list[str] | None:
    """``["Company,Person", "Place"]`` → ``["Company", "Person", "Place"]``; None when unset."""
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@reports_errors
def view(
    ctx: typer.Context,
    around: str | None = typer.Option(
        None, "--around", help="Entity to centre on (name or alias); default: the whole graph."
    ),
    hops: int = typer.Option(2, "--hops", min=0, help="How many hops from --around to include."),
    output: Path = typer.Option(
        Path("graph.html"), "--output", "-o", help="HTML file to write.", show_default=True
    ),
    lang: str = typer.Option("en", "--lang", help="Language of edge labels: en, it or fr."),
    types: list[str] | None = typer.Option(
        None,
        "--types",
        help=f"Keep only these entity classes (Company, Person, Organization, …). {_LIST_HELP}",
    ),
    properties: list[str] | None = typer.Option(
        None,
        "--properties",
        help=f"Keep only these fact properties (investsIn, acquires, …). {_LIST_HELP}",
    ),
    since: str | None = typer.Option(
        None, "--since", help="Keep facts dated on or after this day, month or year (2024-01)."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Keep facts dated on or before this day, month or year (2024-06)."
    ),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0, help="Keep facts with a claim this confident."
    ),
    source: str | None = typer.Option(
        None, "--source", help="Keep facts reported by this article (URL, file name or id)."
    ),
    max_nodes: int = typer.Option(
        1500,
        "--max-nodes",
        min=1,
        help="Above this many nodes keep only the most central ones (PageRank; on stores"
        " too big to read whole, those with most facts). A page draws 5000 at most.",
        show_default=True,
    ),
    size: str = typer.Option(
        "degree",
        "--size",
        help="Size nodes by this measure: degree, pagerank or betweenness.",
        show_default=True,
    ),
    fold_deals: bool = typer.Option(
        False, "--fold-deals", help="Draw deals as direct edges between their parties."
    ),
    evidence: int = typer.Option(
        EVIDENCE_PER_FACT,
        "--evidence",
        min=0,
        help="Claims carried per fact, most confident then newest (0 = all); the page"
        " still shows how many claims and sources each fact has.",
        show_default=True,
    ),
) -> None:
    """Write a self-contained HTML explorer (open it offline in any browser).

    Example: kg view --around "Mistral AI" --hops 2 --since 2024-01 --output mistral.html

    Example: kg view --size pagerank --fold-deals --output graph.html
    """
    from kg.store import open_store
    from kg.view import build_view

    store = open_store(state(ctx).store)
    try:
        report = build_view(
            store,
            output,
            around=around,
            hops=hops,
            lang=lang,
            types=_names(types),
            properties=_names(properties),
            since=since,
            until=until,
            min_confidence=min_confidence,
            source=source,
            max_nodes=max_nodes,
            size=size,
            fold_deals=fold_deals,
            evidence=evidence or None,
        )
    finally:
        store.close()
    typer.echo(f"wrote {report.path} ({report.nodes} nodes, {report.edges} edges)")
    if report.note is not None:
        typer.echo(f"note: {report.note}")


def register(app: typer.Typer) -> None:
    """Add ``kg view`` to the app."""
    app.command("view")(view)
