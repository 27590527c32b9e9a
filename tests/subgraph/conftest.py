"""Stores of every backend holding the hand-written fixtures of tests/data/view."""

from __future__ import annotations

import pytest

from kg.store.base import Store
from tests.conftest import DATA, article_graphs


@pytest.fixture
def many(store: Store) -> Store:
    """One investment reported by seven articles, and other facts (see the file's header)."""
    store.replace_articles(article_graphs(DATA / "view" / "many_sources.trig"))
    return store


@pytest.fixture
def small_store(store: Store) -> Store:
    """The explorer's small fixture: no fact has more than two claims."""
    store.replace_articles(article_graphs(DATA / "view" / "small.trig"))
    return store
