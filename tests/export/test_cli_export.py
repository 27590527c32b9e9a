"""``kg export`` through typer, on a real embedded store loaded with the fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.graph.namespaces import doc_id_of_graph
from kg.store import open_store
from tests.conftest import export_app

DATA = Path(__file__).parent.parent / "data" / "view"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    dataset = Dataset()
    dataset.parse(DATA / "small.trig", format="trig")
    st = open_store(tmp_path / "store")
    for g in dataset.graphs():
        doc_id = doc_id_of_graph(g.identifier)
        if doc_id is not None:
            st.replace_article(doc_id, Graph() + g)
    st.close()
    return tmp_path / "store"


def test_export_turtle_to_stdout(store_dir: Path) -> None:
    result = CliRunner().invoke(
        export_app(),
        ["export", "--around", "Quasar Fund", "--hops", "1", "--format", "ttl"],
        env={"KG_STORE": str(store_dir)},
    )
    assert result.exit_code == 0, result.output
    g = Graph().parse(data=result.stdout, format="turtle")
    labels = {str(o) for o in g.objects(None, g.namespace_manager.expand_curie("skos:prefLabel"))}
    assert labels == {"Quasar Fund", "Helix Partners"}


def test_export_graphml_file(tmp_path: Path, store_dir: Path) -> None:
    out = tmp_path / "all.graphml"
    result = CliRunner().invoke(
        export_app(), ["export", "--output", str(out)], env={"KG_STORE": str(store_dir)}
    )
    assert result.exit_code == 0, result.output
    import networkx as nx

    g = nx.read_graphml(out)
    assert g.number_of_nodes() == 13  # 11 entities, 1 deal, 1 valuation
    aurora = g.nodes["https://w3id.org/kg/id/entity/aurora-robotics"]
    assert aurora["degree"] == 9  # 8 facts in small.trig + the deal's investee edge
    ranks = {n: a["pagerank"] for n, a in g.nodes(data=True)}
    assert max(ranks, key=ranks.__getitem__) == "https://w3id.org/kg/id/entity/aurora-robotics"


def test_export_unknown_format(store_dir: Path) -> None:
    result = CliRunner().invoke(
        export_app(), ["export", "--format", "xlsx"], env={"KG_STORE": str(store_dir)}
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: xlsx: unknown export format"
        " (known: ttl, nt, nq, trig, jsonld, graphml, gexf, csv, html)\n"
    )
