"""Fixture graphs for the explorer tests: hand-written TriG flattened to one graph."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph


@pytest.fixture
def small(view_graph: Callable[[str], Graph]) -> Graph:
    return view_graph("small.trig")


@pytest.fixture
def hostile(view_graph: Callable[[str], Graph]) -> Graph:
    return view_graph("hostile.trig")
