"""Ask the graph questions: the query library, parameter binding and result writers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph

from kg.errors import QueryError
from kg.query.library import ParamSpec, QueryInfo, find_query, list_queries, parse_query
from kg.query.params import bind_params, parse_assignments
from kg.query.tables import OutputFormat, render
from kg.store import open_store
from kg.store.base import SelectResult, Store

INLINE_NAME = "inline query"


def resolve_query(name_or_path_or_sparql: str, *, inline: bool = False) -> QueryInfo:
    """A library name or a ``.rq`` path; SPARQL text when ``inline`` or it contains ``{``."""
    text = name_or_path_or_sparql
    if inline or "{" in text:
        return parse_query(text, INLINE_NAME)
    return find_query(text)


def run_query(
    store: Store | str | Path,
    name_or_path_or_sparql: str,
    params: Mapping[str, str] | None = None,
    *,
    inline: bool = False,
) -> SelectResult | Graph:
    """Run a library query, a query file or SPARQL text with ``key=value`` parameters.

    Parameters are checked against the query's header and bound as RDF terms;
    ``inline=True`` takes the text as SPARQL (``kg query -e``).
    Errors name the query: ``investors: missing parameter company (expected: …)``.
    """
    query = resolve_query(name_or_path_or_sparql, inline=inline)
    owned = not isinstance(store, Store)
    opened = open_store(store)
    try:
        bindings = bind_params(opened, query, params or {})
        try:
            result = opened.query(query.sparql, bindings)
        except QueryError as exc:
            raise QueryError(f"{query.name}: {exc}") from None
        return _without(result, set(bindings))
    finally:
        if owned:
            opened.close()


def _without(result: SelectResult | Graph, names: set[str]) -> SelectResult | Graph:
    """Drop the columns that only echo a bound parameter.

    Queries project their parameters so the embedded store can substitute them.
    """
    if not isinstance(result, SelectResult) or not names & set(result.variables):
        return result
    keep = [i for i, name in enumerate(result.variables) if name not in names]
    return SelectResult(
        variables=[result.variables[i] for i in keep],
        rows=[tuple(row[i] for i in keep) for row in result.rows],
        boolean=result.boolean,
    )


__all__ = [
    "OutputFormat",
    "ParamSpec",
    "QueryInfo",
    "list_queries",
    "parse_assignments",
    "render",
    "resolve_query",
    "run_query",
]
