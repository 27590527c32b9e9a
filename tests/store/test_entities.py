"""Finding an entity by the name a user types."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import KGID
from kg.graph.triples import Triples
from kg.store import open_store
from kg.store.entities import find_entity

NORD = KGID["entity/nordlicht"]
NORD_CAPS = KGID["entity/nordlicht-2"]
VELA = KGID["entity/vela-sistemi"]


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    st = open_store(tmp_path / "store")
    g = Triples()
    g.add((NORD, SKOS.prefLabel, Literal("Nordlicht")))
    g.add((NORD_CAPS, SKOS.prefLabel, Literal("NORDLICHT")))
    g.add((VELA, SKOS.prefLabel, Literal("Vela Sistemi S.p.A.")))
    g.add((VELA, SKOS.altLabel, Literal("Vela")))
    st.replace_article("00000000000000aa", g)
    yield st
    st.close()


def test_a_label_typed_exactly_wins_over_labels_equal_but_for_case(store) -> None:  # type: ignore[no-untyped-def]
    assert find_entity(store, "Nordlicht") == NORD
    assert find_entity(store, " NORDLICHT ") == NORD_CAPS


def test_a_name_matching_two_entities_only_loosely_is_ambiguous(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="ambiguous"):
        find_entity(store, "nordlicht")


def test_aliases_accents_and_short_names(store) -> None:  # type: ignore[no-untyped-def]
    assert find_entity(store, "Vela") == VELA
    assert find_entity(store, "vela sistemi s.p.a.") == VELA
    with pytest.raises(EntityNotFound):
        find_entity(store, "Orsa Minore")
