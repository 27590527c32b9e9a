"""Fixture graphs for the explorer tests: hand-written TriG flattened to one graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

DATA = Path(__file__).parent.parent / "data" / "view"


def load_graph(name: str) -> Graph:
    """All triples of ``tests/data/view/<name>`` in one graph (as subgraph() returns)."""
    dataset = Dataset()
    dataset.parse(DATA / name, format="trig")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture
def small() -> Graph:
    return load_graph("small.trig")


@pytest.fixture
def hostile() -> Graph:
    return load_graph("hostile.trig")
