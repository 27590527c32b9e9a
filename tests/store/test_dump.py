"""Store.dump on both backends: every quad, streamed, and the store left as it was."""

from __future__ import annotations

import io

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.graph.namespaces import KG, KGID
from kg.graph.ontology import ontology_graph
from kg.store.base import SelectResult, Store

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

Quad = tuple[URIRef | BNode | Literal, URIRef, URIRef | BNode | Literal, URIRef]


def awkward_article() -> Graph:
    """Literals that TSV results must escape: tab, newline, quotes, backslash, accents."""
    article = KGID["article/awkward"]
    graph = Graph()
    graph.add((article, KG.contentHash, Literal("hash-awkward")))
    graph.add((article, KG.title, Literal('tab\there, "quoted"\nnew line \\ back', lang="fr")))
    graph.add((article, KG.title, Literal("Zürich — ünïcödé 🚀")))
    graph.add((article, KG.confidence, Literal("0.85", datatype=XSD.decimal)))
    graph.add((article, KG.wordCount, Literal(312)))
    graph.add((article, KG.published, Literal("2024-02", datatype=XSD.gYearMonth)))
    return graph


@pytest.fixture
def full(loaded: Store) -> Store:
    """The three news articles, an awkward one and the ontology graph."""
    loaded.replace_article("awkward", awkward_article())
    loaded.set_ontology(ontology_graph())
    return loaded


def stored_quads(store: Store) -> set[Quad]:
    result = store.query(ALL_QUADS)
    assert isinstance(result, SelectResult)
    return set(result.rows)  # type: ignore[arg-type]


def parsed_quads(data: bytes, fmt: str) -> set[Quad]:
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format={"nq": "nquads", "trig": "trig"}[fmt])
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads()}


def assert_same_quads(dumped: set[Quad], stored: set[Quad]) -> None:
    """Ground quads compared as sets; those with blank nodes graph by graph, up to renaming."""

    def ground(quads: set[Quad]) -> set[Quad]:
        return {q for q in quads if not any(isinstance(t, BNode) for t in q)}

    def blank(quads: set[Quad]) -> dict[URIRef, Graph]:
        graphs: dict[URIRef, Graph] = {}
        for quad in quads - ground(quads):
            graphs.setdefault(quad[3], Graph()).add(quad[:3])
        return graphs

    assert len(dumped) == len(stored)
    assert ground(dumped) == ground(stored)
    with_blanks, expected = blank(dumped), blank(stored)
    assert with_blanks.keys() == expected.keys()
    for name, graph in expected.items():
        assert isomorphic(with_blanks[name], graph), name


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_dump_writes_exactly_the_stored_quads(full: Store, fmt: str) -> None:
    before = stored_quads(full)
    assert len(before) > 286  # articles and ontology
    output = io.BytesIO()
    assert full.dump(output, fmt) == len(before)
    assert_same_quads(parsed_quads(output.getvalue(), fmt), before)
    assert stored_quads(full) == before  # reading changed nothing


def test_nquads_dump_is_one_quad_per_line(full: Store) -> None:
    output = io.BytesIO()
    count = full.dump(output)
    lines = output.getvalue().decode("utf-8").splitlines()
    assert len(lines) == count
    assert all(line.endswith(" .") for line in lines)


def test_dump_of_an_empty_store(store: Store) -> None:
    output = io.BytesIO()
    assert store.dump(output, "nq") == 0
    assert output.getvalue() == b""


def test_dump_refuses_a_triple_format(loaded: Store) -> None:
    with pytest.raises(StoreError) as info:
        loaded.dump(io.BytesIO(), "ttl")
    assert str(info.value) == "ttl: cannot dump a store in this format (use one of nq, trig)"
