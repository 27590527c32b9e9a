"""Big writes of new articles: bulk-loaded under a journal, whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import StoreError
from kg.graph.namespaces import KG, KGID, PENDING_GRAPH, article_graph
from kg.graph.triples import Triples
from kg.store.embedded import BULK_AFTER, EmbeddedStore, to_rdflib

ODD_TEXTS = [
    'He said "yes"\nand left',
    "back\\slash and tab\tinside",
    "Zürich, Genève, 北京, emoji 🚀",
    "",
]


def article(n: int, claims: int) -> Triples:
    """An article graph of ``claims`` invented claims, with awkward literals among them."""
    g = Triples()
    art = KGID[f"article/{n:016x}"]
    g.add((art, RDF.type, KG.Article))
    for i in range(claims):
        claim = KGID[f"claim/{n:08x}{i:08x}"]
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, KG.evidence, Literal(ODD_TEXTS[i % len(ODD_TEXTS)] + f" #{i}")))
        g.add((claim, KG.evidenceStart, Literal(i)))
        g.add((claim, KG.confidence, Literal("0.8", datatype=XSD.decimal)))
        g.add((claim, KG.language, Literal("Société", lang="fr")))
    return g


def stored(location: Path) -> dict[str, set[tuple]]:
    """Every quad of the store, by graph name, as rdflib terms (read with pyoxigraph alone)."""
    db = ox.Store(str(location))
    try:
        out: dict[str, set[tuple]] = {}
        for q in db:
            triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            out.setdefault(q.graph_name.value, set()).add(triple)
        return out
    finally:
        del db


def test_a_big_write_stores_every_triple_and_leaves_no_journal(tmp_path: Path) -> None:
    graphs = [(f"{n:016x}", article(n, 40)) for n in range(60)]
    assert sum(len(g) for _, g in graphs) >= BULK_AFTER  # the bulk path, not a transaction
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_articles(graphs)
    found = stored(tmp_path / "store")
    assert str(PENDING_GRAPH) not in found
    assert len(found) == len(graphs)
    for doc_id, g in graphs:
        assert found[str(article_graph(doc_id))] == set(g)


def test_a_small_write_of_the_same_shape_is_stored_the_same(tmp_path: Path) -> None:
    g = article(7, 3)
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_articles([("0000000000000007", g)])
    assert stored(tmp_path / "store") == {str(article_graph("0000000000000007")): set(g)}


def test_an_interrupted_bulk_write_is_undone_when_the_store_is_next_opened(
    tmp_path: Path,
) -> None:
    location = tmp_path / "store"
    kept = article(1, 5)
    with EmbeddedStore(location) as store:
        store.replace_articles([("0000000000000001", kept)])
    # What a process killed inside a bulk load leaves: the journal names the graphs it was
    # writing, and some of their quads are already in.
    db = ox.Store(str(location))
    journal = ox.NamedNode(str(PENDING_GRAPH))
    for n in (2, 3):
        name = ox.NamedNode(str(article_graph(f"{n:016x}")))
        db.add(ox.Quad(name, ox.NamedNode(str(KG.writing)), ox.Literal("true"), journal))
    half = ox.NamedNode(str(article_graph(f"{2:016x}")))
    db.add(
        ox.Quad(
            ox.NamedNode(str(KGID["claim/half"])),
            ox.NamedNode(str(RDF.type)),
            ox.NamedNode(str(KG.Claim)),
            half,
        )
    )
    del db
    with EmbeddedStore(location) as store:
        assert store.recovered == 2
    assert stored(location) == {str(article_graph("0000000000000001")): set(kept)}
    with EmbeddedStore(location) as store:  # nothing left to undo
        assert store.recovered == 0


def test_a_bad_term_in_a_big_write_names_the_article_and_writes_nothing(tmp_path: Path) -> None:
    graphs = [(f"{n:016x}", article(n, 40)) for n in range(60)]
    graphs[30][1].add((URIRef("http://example.org/a b"), RDF.type, KG.Claim))
    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(StoreError, match=f"{30:016x}: cannot store term"):
            store.replace_articles(graphs)
    assert stored(tmp_path / "store") == {}
