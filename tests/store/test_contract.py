"""The Store contract, run against the embedded store and a real Oxigraph server."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import SKOS

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import KG, KGID
from kg.store.base import SelectResult, Store

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX kgid: <https://w3id.org/kg/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def select(store: Store, sparql: str, **bindings: URIRef | Literal) -> list[tuple[str, ...]]:
    result = store.query(PREFIXES + sparql, bindings)
    assert isinstance(result, SelectResult)
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def count(store: Store) -> int:
    return store.stats().triples


def test_replace_articles_loads_every_graph(loaded: Store) -> None:
    assert loaded.article_hashes() == {"a1": "hash-a1", "b2": "hash-b2", "c3": "hash-c3"}
    assert count(loaded) == 286


def test_replace_is_idempotent(loaded: Store, news: list[tuple[str, Graph]]) -> None:
    loaded.replace_article("a1", news[0][1])
    loaded.replace_articles(news)
    assert count(loaded) == 286


def test_replace_replaces_the_whole_article(loaded: Store) -> None:
    article = KGID["article/a1"]
    smaller = Graph()
    smaller.add((article, KG.contentHash, Literal("hash-a1-v2")))
    smaller.add((article, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KG.Article))
    loaded.replace_article("a1", smaller)
    assert loaded.article_hashes()["a1"] == "hash-a1-v2"
    assert count(loaded) == 286 - 112 + 2
    # Lena Varga was only in a1.
    assert select(loaded, "SELECT ?l WHERE { kgid:entity\\/lena-varga skos:prefLabel ?l }") == []


def test_remove_removes_only_that_article(loaded: Store) -> None:
    assert loaded.remove_article("b2") is True
    assert loaded.remove_article("b2") is False
    assert loaded.article_hashes() == {"a1": "hash-a1", "c3": "hash-c3"}
    assert count(loaded) == 286 - 88
    # Orion Labs is still labelled by a1 and c3; the regulator only came from b2.
    rows = select(loaded, "SELECT DISTINCT ?l WHERE { ?e skos:prefLabel ?l } ")
    assert ("Orion Labs",) in rows
    assert ("Office Fédéral de la Concurrence Numérique",) not in rows


def test_query_sees_the_union_of_article_graphs(loaded: Store) -> None:
    # Lena Varga is only in a1 and the regulator only in b2: one pattern joins both graphs.
    rows = select(
        loaded,
        """SELECT ?a ?b WHERE {
             kgid:entity\\/lena-varga skos:prefLabel ?a .
             kgid:entity\\/office-federal skos:prefLabel ?b }""",
    )
    assert rows == [("Lena Varga", "Office Fédéral de la Concurrence Numérique")]


def test_query_with_bindings(loaded: Store) -> None:
    sparql = "SELECT DISTINCT ?label ?e WHERE { ?e skos:prefLabel ?label }"
    rows = select(loaded, sparql, e=KGID["entity/kestrel-systems"])
    assert rows == [
        ("Kestrel Systems", str(KGID["entity/kestrel-systems"])),
        ("Kestrel Systems AG", str(KGID["entity/kestrel-systems"])),
    ]
    rows = select(loaded, "SELECT DISTINCT ?e ?label WHERE { ?e skos:altLabel ?label }",
                  label=Literal("Orión"))  # fmt: skip
    assert rows == [(str(KGID["entity/orion-labs"]), "Orión")]


def test_ask(loaded: Store) -> None:
    result = loaded.query(PREFIXES + "ASK { ?e skos:prefLabel ?l }", {"l": Literal("Orion Labs")})
    assert isinstance(result, SelectResult) and result.boolean is True
    result = loaded.query(PREFIXES + "ASK { ?e skos:prefLabel ?l }", {"l": Literal("Nobody")})
    assert isinstance(result, SelectResult) and result.boolean is False


def test_construct_returns_a_graph(loaded: Store) -> None:
    result = loaded.query(
        PREFIXES
        + "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e a kg:Product ; skos:prefLabel ?l }"
    )
    expected = Graph()
    expected.add((KGID["entity/kestrel-vision"], SKOS.prefLabel, Literal("Kestrel Vision")))
    expected.add((KGID["entity/nimbus-cloud"], SKOS.prefLabel, Literal("Nimbus Cloud")))
    assert isinstance(result, Graph)
    _, only_result, only_expected = graph_diff(result, expected)
    assert isomorphic(result, expected), (sorted(only_result), sorted(only_expected))


def test_stats(loaded: Store) -> None:
    stats = loaded.stats()
    assert (stats.articles, stats.triples) == (3, 286)
    assert stats.entities_by_class == {
        "Company": 2,
        "InvestmentFirm": 2,
        "Person": 2,
        "Product": 2,
        "Regulator": 1,
    }
    assert stats.facts_by_property == {
        "availableOn": 1,
        "ceoOf": 1,
        "competesWith": 1,
        "develops": 1,
        "employedBy": 1,
        "foundedBy": 1,
        "investsIn": 3,
        "partnersWith": 1,
        "raises": 1,
        "reviews": 1,
        "valuedAt": 2,
    }


def test_empty_store(store: Store) -> None:
    assert store.article_hashes() == {}
    assert store.remove_article("nothing") is False
    stats = store.stats()
    assert (stats.articles, stats.triples, stats.entities_by_class) == (0, 0, {})


def test_set_ontology_replaces_the_previous_version(store: Store) -> None:
    first = Graph()
    first.add((KG.Company, SKOS.prefLabel, Literal("Company")))
    first.add((KG.Person, SKOS.prefLabel, Literal("Person")))
    store.set_ontology(first)
    second = Graph()
    second.add((KG.Company, SKOS.prefLabel, Literal("Company (v2)")))
    store.set_ontology(second)
    assert select(store, "SELECT ?l WHERE { ?c skos:prefLabel ?l }") == [("Company (v2)",)]
    assert store.stats().articles == 0


INJECTION = 'x" } ; DROP ALL ; #'


def test_injection_in_a_binding_changes_nothing(loaded: Store) -> None:
    before = count(loaded)
    rows = select(loaded, "SELECT ?e WHERE { ?e skos:prefLabel ?label }", label=Literal(INJECTION))
    assert rows == []
    assert count(loaded) == before


def test_unsafe_iri_binding_is_refused(loaded: Store) -> None:
    with pytest.raises(QueryError, match="^binding 'e': "):
        loaded.query("SELECT * WHERE { ?e ?p ?o }", {"e": URIRef("http://x> } ; DROP ALL ; #")})
    assert count(loaded) == 286


def test_bad_variable_name_is_refused(loaded: Store) -> None:
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        loaded.query("SELECT * WHERE { ?e ?p ?o }", {"e } DROP ALL": Literal("x")})


def test_updates_are_not_queries(loaded: Store) -> None:
    with pytest.raises(QueryError, match="^invalid SPARQL: "):
        loaded.query("DROP ALL")
    assert count(loaded) == 286


def test_invalid_sparql_names_line_and_column(store: Store) -> None:
    with pytest.raises(QueryError) as info:
        store.query("SELECT ?s WHERE {\n  ?s ?p }")
    message = str(info.value)
    assert message.startswith("invalid SPARQL: error at 2:")
    assert "\n" not in message


def test_a_bad_article_writes_nothing(store: Store, news: list[tuple[str, Graph]]) -> None:
    bad = Graph()
    bad.add((URIRef("http://example.org/a b"), SKOS.prefLabel, Literal("broken")))
    with pytest.raises(StoreError, match="^zz: cannot store term"):
        store.replace_articles([news[0], ("zz", bad)])
    assert store.article_hashes() == {}
    assert count(store) == 0


def test_unsafe_article_id_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="^article id 'a> b': not usable in a graph name$"):
        store.replace_article("a> b", Graph())


def test_a_prepared_write_touches_nothing_until_written(
    store: Store, news: list[tuple[str, Graph]]
) -> None:
    prepared = store.prepare_articles(news)
    assert count(store) == 0  # preparing serialises and checks, it does not write
    store.write_prepared(prepared)
    assert count(store) == 286
    store.write_prepared(store.prepare_articles(news[:1]))  # replacing: nothing doubles
    assert count(store) == 286


def test_a_bad_term_fails_while_preparing(store: Store, news: list[tuple[str, Graph]]) -> None:
    bad = Graph()
    bad.add((URIRef("http://example.org/a b"), SKOS.prefLabel, Literal("broken")))
    with pytest.raises(StoreError, match="^zz: cannot store term"):
        store.prepare_articles([news[0], ("zz", bad)])
    assert count(store) == 0
