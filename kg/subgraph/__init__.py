"""The neighbourhood of an entity, with the provenance of every fact kept.

A request is answered in two steps. :func:`select` walks the store and decides
which nodes and fact edges are in: the entities within N hops of a focus entity
(or every entity), the deal nodes between them, within the filters and size
limit. The selection is then read out either as a small self-contained rdflib
graph with every claim, amount and article behind the facts (:func:`subgraph`,
for exports) or as plain records carrying a few claims per fact and the true
counts (:func:`kg.subgraph.direct.read_records`, for the explorer). Only
``store.query`` is used, and every value that comes from the user is bound as
an RDF term, never spliced into SPARQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef

from kg.errors import QueryError
from kg.graph.namespaces import KG
from kg.model import DEAL_TYPES, ENTITY_TYPES
from kg.store.base import Store
from kg.store.entities import find_entity as resolve_entity
from kg.store.entities import fold as normalize
from kg.subgraph.filters import Filters, make_filters
from kg.subgraph.queries import RANKED, TYPED, iri_list
from kg.subgraph.walk import Edge, Walk, rows

#: Whole-graph requests on stores with up to this many nodes read everything.
READ_WHOLE_BELOW = 2000


@dataclass(frozen=True)
class Cut:
    """How a size limit shortened a subgraph: nodes kept of those there were, and how chosen."""

    kept: int
    total: int
    by: str


@dataclass
class Selection:
    """The nodes and fact edges a request keeps, and the walk that found them."""

    walk: Walk
    nodes: set[URIRef]
    edges: list[Edge]
    cut: Cut | None
    #: The resolved ``around`` entity (None: the whole graph).
    focus: URIRef | None
    #: True when the whole store is the subgraph: read it without VALUES blocks.
    whole: bool


def subgraph(
    store: Store,
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
) -> Graph:
    """Entities within ``hops`` of ``around`` (None = all) with their facts and provenance.

    ``types`` and ``properties`` take ontology local names (``Company``,
    ``investsIn``); ``since``/``until`` are ISO dates compared with the claim's
    date (else its article's); ``source`` matches an article's URL, file name or
    id. A hop through a deal node (``reviews`` or a party role) counts as one.
    """
    return limited_subgraph(
        store,
        around=around,
        hops=hops,
        types=types,
        properties=properties,
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
    )[0]


def limited_subgraph(
    store: Store,
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
    limit: int | None = None,
) -> tuple[Graph, Cut | None]:
    """:func:`subgraph` with at most about ``limit`` nodes, fetched without reading the rest.

    See :func:`select` for how the limit is applied. The Cut says what was left
    out (None: nothing).
    """
    from kg.subgraph.assemble import assemble

    chosen = select(
        store,
        around=around,
        hops=hops,
        types=types,
        properties=properties,
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
        limit=limit,
    )
    return assemble(chosen), chosen.cut


def select(
    store: Store,
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
    limit: int | None = None,
) -> Selection:
    """The nodes and edges of a subgraph request (filters as :func:`subgraph`), nothing more.

    A whole-graph request on a store with more than ``max(limit, READ_WHOLE_BELOW)``
    nodes keeps the ``limit`` nodes backed by the most claims (smaller stores are read
    whole, so a view can rank by PageRank instead); a neighbourhood stops growing at
    the ring that would pass the limit, keeping that ring's best-connected nodes.
    """
    if hops < 0:
        raise QueryError(f"subgraph: hops must be 0 or more, got {hops}")
    if limit is not None and limit < 1:
        raise QueryError(f"subgraph: the node limit must be 1 or more, got {limit}")
    filters = make_filters(
        types=types,
        properties=properties,
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
    )
    walk = Walk(store, filters)
    cut: Cut | None = None
    focus: URIRef | None = None
    if around is None:
        ranked = _ranked_nodes(store, filters) if limit is not None else []
        if limit is not None and len(ranked) > max(limit, READ_WHOLE_BELOW):
            kept = set(ranked[:limit])
            cut = Cut(limit, len(ranked), "number of facts")
            edges = walk.look(sorted(kept, key=str), within=kept)
        else:
            edges = walk.look(None)
            if filters.on_claims or filters.properties is not None:
                kept = {n for e in edges for n in (e[0], e[2])}
            else:  # every entity, connected or not
                kept = set(_typed_nodes(store))
                for node in kept:
                    walk.classes.setdefault(node, set())
                kept |= {n for e in edges for n in (e[0], e[2])}
        kept = {n for n in kept if walk.keeps(n)}
    else:
        focus = resolve_entity(store, around)
        kept, frontier, edges = {focus}, [focus], []
        for _ in range(hops):
            found = walk.look(frontier)
            edges.extend(found)
            ring = {n for e in found for n in (e[0], e[2])} - kept
            frontier = sorted((n for n in ring if walk.keeps(n)), key=str)
            if limit is not None and len(kept) + len(frontier) > limit:
                links = Counter(n for e in found for n in (e[0], e[2]) if n in ring)
                best = sorted(frontier, key=lambda n: (-links[n], str(n)))
                room = max(0, limit - len(kept))
                cut = Cut(len(kept) + room, len(kept) + len(frontier), "links to the nodes kept")
                frontier = sorted(best[:room], key=str)
                kept.update(frontier)
                break
            kept.update(frontier)
        edges.extend(walk.look(frontier, within=kept))  # edges among the outermost ring
    edges = [e for e in dict.fromkeys(edges) if e[0] in kept and e[2] in kept]
    whole = around is None and cut is None
    return Selection(walk, kept, edges, cut, focus, whole)


def _ranked_nodes(store: Store, filters: Filters) -> list[URIRef]:
    """Nodes that take part in facts, most claims first, then by IRI (one aggregate query)."""
    types = filters.types
    classes = "" if types is None else iri_list(KG[t] for t in sorted(types))
    check = "" if not classes else f"?n a ?cls . FILTER(?cls IN ({classes}))"
    counts = [
        (int(row["claims"]), row["n"])
        for row in rows(store, RANKED.replace("#TYPES#", check), None)
        if isinstance(row["n"], URIRef)
    ]
    return [n for _, n in sorted(counts, key=lambda c: (-c[0], str(c[1])))]


def _typed_nodes(store: Store) -> Iterator[URIRef]:
    """Every node whose class is an entity, deal or valuation class."""
    kinds = {str(KG[k]) for k in (*ENTITY_TYPES, *DEAL_TYPES, "Valuation")}
    for row in rows(store, TYPED, None):
        if isinstance(row["n"], URIRef) and str(row["cls"]) in kinds:
            yield row["n"]


__all__ = [
    "Cut",
    "Filters",
    "Selection",
    "limited_subgraph",
    "normalize",
    "resolve_entity",
    "select",
    "subgraph",
]
