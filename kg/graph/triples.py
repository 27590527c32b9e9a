"""A plain set of triples with the part of rdflib's Graph API the graph stage uses.

An article becomes ~160 triples and a build writes hundreds of thousands; adding
them to an rdflib ``Graph`` (indexes, events, contexts) cost more than extracting
the facts. The store only iterates over an article's triples, so a set will do.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class Triples:
    """Triples in insertion order, without duplicates; ``add``, ``len``, ``in``, iteration."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: dict[Triple, None] = {}

    def add(self, triple: Triple) -> Triples:
        """Add one triple (again is a no-op), like ``Graph.add``."""
        self._items[triple] = None
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, triple: object) -> bool:
        return triple in self._items

    def graph(self) -> Graph:
        """The same triples as an rdflib Graph (for inspection, SPARQL or serialisation)."""
        g = Graph()
        for triple in self._items:
            g.add(triple)
        return g
