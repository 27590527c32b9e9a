"""The shared entities graph: one copy of each entity's class, label and Wikidata link.

Articles name the same companies again and again; storing an entity's description
once (not once per article) keeps labels from multiplying in queries over the union
of graphs. Descriptions are added before the articles that use them and pruned when
no article uses them any more, so a crash between the two leaves an unused entry,
never a missing one. New articles resolve onto the entities read back from it.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.errors import StoreError
from kg.graph.namespaces import ENTITIES_GRAPH, KGG, KGID
from kg.graph.triples import Triples
from kg.model import Entity
from kg.store.base import Store, one_line

#: Triples per INSERT DATA request.
CHUNK = 5000

_PRUNE = f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }}
WHERE {{
  GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{
    GRAPH ?g {{ {{ ?e ?p2 ?o2 }} UNION {{ ?s2 ?p2 ?e }} }}
    FILTER(STRSTARTS(STR(?g), "{KGG}article/"))
  }}
}}"""


def entity_updates(graph: Graph | Triples) -> list[str]:
    """The SPARQL updates that add ``graph`` to the entities graph, where what is already
    there stays (terms checked, no I/O: the build sends them from its writer thread)."""
    lines = []
    for s, p, o in graph:
        try:
            lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")
        except Exception as exc:  # rdflib raises a bare Exception for unserialisable IRIs
            raise StoreError(f"entities graph: cannot store term ({one_line(exc)})") from None
    return [
        f"INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{\n{body}\n}} }}"
        for body in ("\n".join(lines[i : i + CHUNK]) for i in range(0, len(lines), CHUNK))
    ]


def prune_entities(store: Store) -> None:
    """Drop the descriptions of entities that no stored article mentions any more."""
    store.update(_PRUNE)


def known_entities(store: Store) -> dict[str, Entity]:
    """Entities already stored (key → Entity), so new articles resolve onto them."""
    prefix = str(KGID["entity/"])
    rows = _entity_rows(store, f"GRAPH <{ENTITIES_GRAPH}>", "")
    if not rows:  # a store written before the entities graph: labels are in the articles
        graphs = str(KGG["article/"])
        rows = _entity_rows(store, "GRAPH ?g", f'FILTER(STRSTARTS(STR(?g), "{graphs}"))')
    out: dict[str, Entity] = {}
    for iri, type_, label in rows:
        if not isinstance(iri, URIRef) or label is None or not str(iri).startswith(prefix):
            continue
        key = str(iri)[len(prefix) :]
        local = str(type_).rsplit("#", 1)[-1]
        out[key] = Entity(key, str(label), local)
    return out


def _entity_rows(store: Store, graph: str, where: str) -> list[tuple]:
    result = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?e ?type (MIN(?l) AS ?label) WHERE {\n"
        f"  {graph} {{ ?e skos:prefLabel ?l ; a ?type . }} {where}\n"  # as written, not inferred
        "} GROUP BY ?e ?type"
    )
    return list(getattr(result, "rows", []))
