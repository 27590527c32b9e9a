"""A selection as one self-contained rdflib graph: nodes, facts and all their provenance.

This is what exports write: every claim behind every kept fact, with its amount
node and article, so the file stands on its own. (The explorer reads far less;
see :mod:`kg.subgraph.direct`.)
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kg.graph.namespaces import KG, PREFIXES
from kg.store.base import Store
from kg.subgraph import Selection
from kg.subgraph.evidence import fact_evidence
from kg.subgraph.queries import ARTICLE, CLAIM_BY_ID, CLAIM_TRIPLES, DEAL, DETAILS, ROLES
from kg.subgraph.walk import edge_key, rows


def _construct(store: Store, sparql: str, nodes: Iterable[URIRef] | None, into: Graph) -> None:
    """Add the ``?s ?p ?o`` rows of ``sparql`` for ``nodes`` to ``into``."""
    for row in rows(store, sparql, nodes):
        s, p, o = row["s"], row["p"], row["o"]
        if s is not None and p is not None and o is not None:
            into.add((s, p, o))


def assemble(chosen: Selection) -> Graph:
    """Copy the kept nodes, edges, claims, amounts and articles into one graph."""
    walk, kept, edges, whole = chosen.walk, chosen.nodes, chosen.edges, chosen.whole
    store, graph = walk.store, Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    scope = None if whole else sorted(kept, key=str)
    details = Graph()
    _construct(store, DETAILS, scope, details)
    amounts = {o for n in kept for o in details.objects(n, KG.amount)}
    for s, p, o in details:
        if s in kept or s in amounts:
            graph.add((s, p, o))
    for s, p, o in edges:
        graph.add((s, KG[p], o))
    if walk.filters.on_claims:  # the walk read the claims that pass
        wanted = {c for e in edges for c in walk.good_claims.get(edge_key(*e), ())}
    else:
        backing = fact_evidence(walk, edges, None, whole=whole)
        wanted = {c for ev in backing.values() for c in ev.chosen}
    claims = Graph()
    if whole:
        _construct(store, CLAIM_TRIPLES, None, claims)
    else:  # only the claims behind the kept edges
        _construct(store, CLAIM_BY_ID, sorted(wanted, key=str), claims)
    amounts = {o for c in wanted for o in claims.objects(c, KG.amount)}
    for s, p, o in claims:
        if s in wanted or s in amounts:
            graph.add((s, p, o))
    articles = {a for c in wanted for a in claims.objects(c, PROV.wasDerivedFrom)}
    deals = sorted({s for s, p, _ in edges if p in ROLES} & kept, key=str)
    for row in rows(store, DEAL, None if whole else deals):
        deal, art = row["n"], row.get("art")
        if deal in kept and isinstance(art, URIRef):
            if not walk.filters.on_claims or art in walk.articles:
                graph.add((deal, PROV.wasDerivedFrom, art))
                articles.add(art)
    if walk.filters.on_claims:
        articles &= walk.articles
    arts = Graph()
    _construct(store, ARTICLE, None if whole else sorted(articles, key=str), arts)
    for s, p, o in arts:
        if s in articles:
            graph.add((s, p, o))
    return graph
