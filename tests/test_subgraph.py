"""kg.subgraph on a small hand-written fixture, through the real embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import RDF, SKOS

from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import KG, KGID, SCHEMA, doc_id_of_graph
from kg.store import open_store
from kg.subgraph import subgraph

FIXTURE = Path(__file__).parent / "data" / "view" / "small.trig"
HOP1 = {
    "Aurora Robotics",
    "Borealis Capital",
    "Cobalt Systems",
    "Dana Okafor",
    "Lumen City",
    "Vega-1",
    "Ruritanian Ministry of Industry",
    "Borealis Capital – Aurora Robotics",
    "valuation/v1",
}
HOP2 = HOP1 | {"Competition Authority of Ruritania", "Helix Partners", "Cobalt Cloud"}
EVERYTHING = HOP2 | {"Quasar Fund"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """The fixture's two article graphs loaded into a real embedded store."""
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    st = open_store(tmp_path_factory.mktemp("store"))
    for g in dataset.graphs():
        doc_id = doc_id_of_graph(g.identifier)
        if doc_id is not None:
            st.replace_article(doc_id, Graph() + g)
    yield st
    st.close()


def nodes(graph: Graph) -> set[str]:
    """Names of the entity, deal and valuation nodes of a subgraph."""
    kinds = {KG[k] for k in ("Company", "InvestmentFirm", "Regulator", "GovernmentBody")}
    kinds |= {KG[k] for k in ("Person", "Place", "Product", "Deal", "Valuation")}
    found = set()
    for node in {s for s, o in graph.subject_objects(RDF.type) if o in kinds}:
        label = graph.value(node, SKOS.prefLabel)
        found.add(str(label) if label is not None else str(node).split("/id/")[1])
    return found


def test_one_hop_around_an_alias(store) -> None:
    assert nodes(subgraph(store, around="aurora", hops=1)) == HOP1


def test_two_hops_reach_through_the_deal(store) -> None:
    assert nodes(subgraph(store, around="Aurora Robotics", hops=2)) == HOP2


def test_accents_and_case_do_not_matter(store) -> None:
    graph = subgraph(store, around="AUTORITE DE LA CONCURRENCE DE RURITANIE", hops=1)
    assert nodes(graph) == {
        "Competition Authority of Ruritania",
        "Borealis Capital – Aurora Robotics",
    }


def test_whole_graph(store) -> None:
    graph = subgraph(store)
    assert nodes(graph) == EVERYTHING
    expected = Graph()
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p != SCHEMA.mentions:
            expected.add((s, p, o))
    if not isomorphic(graph, expected):
        _, missing, extra = graph_diff(expected, graph)
        pytest.fail(f"missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}")


def test_facts_keep_claims_amounts_and_articles(store) -> None:
    graph = subgraph(store, around="Borealis Capital", hops=1)
    claim = KGID["claim/c1"]
    assert (claim, KG.evidence, None) in graph
    assert (KGID["claim/c1/amount"], SCHEMA.currency, None) in graph
    assert (KGID["article/a1"], SCHEMA.url, None) in graph
    # facts outside the neighbourhood stay out, and so do their claims
    assert (KGID["claim/d4"], None, None) not in graph
    assert (None, SCHEMA.mentions, None) not in graph


def test_min_confidence_drops_weak_facts(store) -> None:
    graph = subgraph(store, around="Aurora Robotics", hops=2, min_confidence=0.8)
    assert nodes(graph) == HOP2 - {"Ruritanian Ministry of Industry", "Helix Partners"}


def test_since_keeps_recent_facts(store) -> None:
    graph = subgraph(store, around="Aurora Robotics", hops=3, since="2024-01")
    assert nodes(graph) == HOP2 - {"Helix Partners", "Cobalt Cloud"}


def test_source_and_types(store) -> None:
    graph = subgraph(store, source="a2.txt")
    assert nodes(graph) == {
        "Cobalt Systems",
        "Cobalt Cloud",
        "Vega-1",
        "Helix Partners",
        "Quasar Fund",
    }
    graph = subgraph(store, around="Aurora Robotics", hops=1, types=["Organization"])
    assert nodes(graph) == {
        "Aurora Robotics",
        "Borealis Capital",
        "Cobalt Systems",
        "Ruritanian Ministry of Industry",
        "valuation/v1",  # amount nodes stay with the entity they value
    }


def test_properties(store) -> None:
    graph = subgraph(store, around="Cobalt Systems", hops=2, properties=["investsIn"])
    assert nodes(graph) == {"Cobalt Systems", "Helix Partners", "Quasar Fund"}


def test_unknown_entity_lists_close_matches(store) -> None:
    with pytest.raises(EntityNotFound) as err:
        subgraph(store, around="Aurora Robotix")
    assert str(err.value) == (
        "entity 'Aurora Robotix' not found in the graph; did you mean: Aurora Robotics"
    )


def test_hostile_name_is_bound_not_spliced(store) -> None:
    with pytest.raises(EntityNotFound):
        subgraph(store, around='x" } ; DROP ALL ; SELECT * { "')
    assert nodes(subgraph(store)) == EVERYTHING


def test_bad_arguments(store) -> None:
    with pytest.raises(QueryError, match="hops"):
        subgraph(store, around="Aurora", hops=-1)
    with pytest.raises(QueryError, match="investsInto"):
        subgraph(store, properties=["investsInto"])


def test_unknown_type_and_bad_dates(store) -> None:
    with pytest.raises(QueryError, match=r"unknown types: Compny \(known: Acquisition, Company"):
        subgraph(store, types=["Compny"])
    with pytest.raises(QueryError, match="since must be YYYY, YYYY-MM or YYYY-MM-DD"):
        subgraph(store, since="March 2024")
    assert nodes(subgraph(store, types=["Company"], until="2024")) == {
        "Aurora Robotics",
        "Cobalt Systems",
        "valuation/v1",
    }


def claim_counts(store) -> dict[str, int]:
    """Claims per node, counted here with rdflib over the fixture (not with kg's query)."""
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    counts: dict[str, set] = {}
    for g in dataset.graphs():
        for claim in g.subjects(RDF.type, KG.Claim):
            for prop in (RDF.subject, RDF.object):
                for node in g.objects(claim, prop):
                    counts.setdefault(str(node), set()).add(claim)
    return {node: len(claims) for node, claims in counts.items()}


def test_a_big_whole_graph_request_keeps_the_nodes_with_most_facts(store, monkeypatch) -> None:
    import kg.subgraph as module

    monkeypatch.setattr(module, "READ_WHOLE_BELOW", 0)  # treat the fixture as a big store
    counts = claim_counts(store)
    graph, cut = module.limited_subgraph(store, limit=3)
    assert cut is not None and (cut.kept, cut.total) == (3, len(counts))
    kept = {str(n) for n in graph.subjects(SKOS.prefLabel, None)} | {
        str(s) for s in graph.subjects(RDF.type, KG.Valuation)
    }
    best = sorted(counts, key=lambda n: (-counts[n], n))[:3]
    assert kept == set(best)
    facts = {(str(s), str(o)) for s, p, o in graph if str(p).startswith(str(KG)) and p != KG.amount}
    assert all(s in kept and o in kept for s, o in facts if o.startswith(str(KGID)))


def test_a_small_store_is_read_whole_whatever_the_limit(store) -> None:
    from kg.subgraph import limited_subgraph

    graph, cut = limited_subgraph(store, limit=3)
    assert cut is None and nodes(graph) == EVERYTHING


def test_a_neighbourhood_over_the_limit_keeps_the_focus_and_its_best_linked(store) -> None:
    from kg.subgraph import limited_subgraph

    graph, cut = limited_subgraph(store, around="Aurora Robotics", hops=2, limit=4)
    assert cut is not None and cut.kept == 4 and cut.total == len(HOP1)
    found = nodes(graph)
    assert len(found) == 4 and "Aurora Robotics" in found and found <= HOP1


def test_a_limit_below_one_is_refused(store) -> None:
    from kg.subgraph import limited_subgraph

    with pytest.raises(QueryError, match="node limit must be 1 or more, got 0"):
        limited_subgraph(store, limit=0)
