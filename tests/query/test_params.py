"""Parameters: key=value text → validated terms; entities found by label."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import KGID
from kg.query import run_query
from kg.query.params import find_entity, parse_assignments, to_term
from kg.store.base import Store


def test_assignments() -> None:
    assert parse_assignments(["company=Mistral AI", "x==y"]) == {"company": "Mistral AI", "x": "=y"}
    with pytest.raises(QueryError, match=r"^--param 'company': expected key=value$"):
        parse_assignments(["company"])


@pytest.mark.parametrize(
    ("kind", "raw", "term"),
    [
        ("string", 'x" } ; DROP ALL ; #', Literal('x" } ; DROP ALL ; #')),
        ("int", "42", Literal(42)),
        ("decimal", "2.5", Literal("2.5", datatype=XSD.decimal)),
        ("date", "2024", Literal("2024", datatype=XSD.gYear)),
        ("date", "2024-02", Literal("2024-02", datatype=XSD.gYearMonth)),
        ("date", "2024-02-26", Literal("2024-02-26", datatype=XSD.date)),
        ("iri", "https://example.org/x", URIRef("https://example.org/x")),
    ],
)
def test_typed_terms(kind: str, raw: str, term: URIRef | Literal) -> None:
    assert to_term(kind, raw) == term


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("int", "4.2", "p: '4.2' is not an integer"),
        ("decimal", "lots", "p: 'lots' is not a number"),
        ("date", "2024-13", "p: '2024-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("iri", "http://x> } DROP ALL", "p: 'http://x> } DROP ALL' is not an absolute IRI"),
        ("iri", "relative/path", "p: 'relative/path' is not an absolute IRI"),
    ],
)
def test_bad_values(kind: str, raw: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        to_term(kind, raw, "p")
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Orion Labs", "orion-labs"),
        ("  orion   LABS ", "orion-labs"),
        ("Orion", "orion-labs"),  # altLabel "Orión", accent ignored
        ("office federal de la concurrence numerique", "office-federal"),
        ("Northwind", "northwind-capital"),
        ("kestrel systems ag", "kestrel-systems"),
        (str(KGID["entity/lena-varga"]), "lena-varga"),
    ],
)
def test_find_entity(loaded: Store, name: str, key: str) -> None:
    assert find_entity(loaded, name) == KGID[f"entity/{key}"]


def test_unknown_entity_suggests_close_labels(loaded: Store) -> None:
    with pytest.raises(EntityNotFound) as info:
        find_entity(loaded, "Orion Lab")
    assert str(info.value) == "entity 'Orion Lab' not found in the graph; did you mean: Orion Labs"
    with pytest.raises(EntityNotFound) as info:
        find_entity(loaded, "Zzyzx")
    assert str(info.value) == "entity 'Zzyzx' not found in the graph"


def test_unknown_parameter_lists_the_expected_ones(loaded: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(loaded, "investors", {"firm": "Orion Labs"})
    assert str(info.value) == (
        "investors: unknown parameter firm (expected: company (entity, required))"
    )


def test_missing_parameter(loaded: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(loaded, "shared-investors", {"company": "Orion Labs"})
    assert str(info.value) == (
        "shared-investors: missing parameter other "
        "(expected: company (entity, required), other (entity, required))"
    )


def test_queries_without_parameters_refuse_them(loaded: Store) -> None:
    with pytest.raises(QueryError, match=r"^facts: unknown parameter x \(expected: none\)$"):
        run_query(loaded, "facts", {"x": "1"})
