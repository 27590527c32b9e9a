"""Fixture graphs for the explorer tests: hand-written TriG flattened to one graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph


@pytest.fixture
def small(view_graph: Callable[[str], Graph]) -> Graph:
    return view_graph("small.trig")


@pytest.fixture
def hostile(view_graph: Callable[[str], Graph]) -> Graph:
    return view_graph("hostile.trig")


@pytest.fixture
def many_dir(tmp_path: Path) -> Path:
    """An embedded store holding tests/data/view/many_sources.trig (closed again)."""
    from kg.store import open_store
    from tests.conftest import DATA, article_graphs

    st = open_store(tmp_path / "many-store")
    st.replace_articles(article_graphs(DATA / "view" / "many_sources.trig"))
    st.close()
    return tmp_path / "many-store"
