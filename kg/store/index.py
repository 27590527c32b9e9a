"""The shared entities graph: one copy of each entity's class, label and Wikidata link.

Articles name the same companies again and again; storing an entity's description
once (not once per article) keeps labels from multiplying in queries over the union
of graphs. Descriptions are added before the articles that use them and pruned when
no article uses them any more, so a crash between the two leaves an unused entry,
never a missing one.
"""

from __future__ import annotations

from rdflib import Graph

from kg.errors import StoreError
from kg.graph.namespaces import ENTITIES_GRAPH, KGG
from kg.graph.triples import Triples
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


def add_entities(store: Store, graph: Graph | Triples) -> None:
    """Add entity descriptions to the entities graph; what is already there stays."""
    lines = []
    for s, p, o in graph:
        try:
            lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")
        except Exception as exc:  # rdflib raises a bare Exception for unserialisable IRIs
            raise StoreError(f"entities graph: cannot store term ({one_line(exc)})") from None
    for start in range(0, len(lines), CHUNK):
        body = "\n".join(lines[start : start + CHUNK])
        store.update(f"INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{\n{body}\n}} }}")


def prune_entities(store: Store) -> None:
    """Drop the descriptions of entities that no stored article mentions any more."""
    store.update(_PRUNE)
