"""kg.export: every RDF format parses back to the same triples; graph formats keep counts."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from kg.errors import KgError
from kg.export import ExportFormat, export, to_networkx

FIXTURE = Path(__file__).parent.parent / "data" / "export" / "neighbourhood.ttl"
RDF_FORMATS = [
    ExportFormat.ttl,
    ExportFormat.nt,
    ExportFormat.nq,
    ExportFormat.trig,
    ExportFormat.jsonld,
]
# hand-counted from the fixture: 6 entities + 1 deal + 1 valuation; 6 facts + 2 deal roles
NODES, EDGES = 8, 8


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    g.parse(FIXTURE, format="turtle")
    return g


def parse_back(text: str, fmt: ExportFormat) -> Graph:
    name = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
    dataset = Dataset()
    dataset.parse(data=text, format=name[fmt.value])
    flat = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.value)
def test_rdf_round_trip(graph: Graph, fmt: ExportFormat) -> None:
    text = export(graph, fmt)
    assert isinstance(text, str)
    back = parse_back(text, fmt)
    if not isomorphic(back, graph):
        _, missing, extra = graph_diff(graph, back)
        pytest.fail(f"{fmt.value}: missing {sorted(missing)[:3]} extra {sorted(extra)[:3]}")


def test_jsonld_uses_kg_prefixes(graph: Graph) -> None:
    text = export(graph, ExportFormat.jsonld)
    assert '"kg": "https://w3id.org/kg/ontology#"' in text
    assert '"kgid": "https://w3id.org/kg/id/"' in text


def test_dataset_round_trip(tmp_path: Path) -> None:
    dataset = Dataset()
    dataset.parse(Path(__file__).parent.parent / "data" / "view" / "small.trig", format="trig")
    path = export(dataset, ExportFormat.trig, tmp_path / "out.trig")
    assert path == tmp_path / "out.trig"
    back = Dataset()
    back.parse(path, format="trig")
    assert {(s, p, o) for s, p, o, _ in back.quads()} == {
        (s, p, o) for s, p, o, _ in dataset.quads()
    }


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.gexf], ids=lambda f: f.value)
def test_property_graph_formats(tmp_path: Path, graph: Graph, fmt: ExportFormat) -> None:
    path = export(graph, fmt, tmp_path / f"g.{fmt.value}")
    read = nx.read_graphml if fmt is ExportFormat.graphml else nx.read_gexf
    g = read(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    labels = {attrs["label"] for _, attrs in g.nodes(data=True)}
    assert "Tern Analytics" in labels
    amounts = {attrs.get("amount") for _, _, attrs in g.edges(data=True)}
    assert "12,000,000 EUR" in amounts


def test_networkx_attributes(graph: Graph) -> None:
    g = to_networkx(graph)
    tern = "https://w3id.org/kg/id/entity/tern-analytics"
    assert g.nodes[tern] == {
        "label": "Tern Analytics", "kgClass": "Company", "aliases": "Tern; Tèrn Analytique",
    }  # fmt: skip
    props = sorted(a["property"] for _, _, a in g.edges(data=True))
    assert props == sorted(
        ["investsIn", "acquires", "headquarteredIn", "ceoOf", "reviews", "valuedAt",
         "acquirer", "target"]
    )  # fmt: skip


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.gexf], ids=lambda f: f.value)
def test_property_graph_formats_carry_degree_and_pagerank(
    tmp_path: Path, graph: Graph, fmt: ExportFormat
) -> None:
    path = export(graph, fmt, tmp_path / f"g.{fmt.value}")
    read = nx.read_graphml if fmt is ExportFormat.graphml else nx.read_gexf
    g = read(path)
    tern = "https://w3id.org/kg/id/entity/tern-analytics"
    # hand-counted: investsIn, acquires, headquarteredIn, ceoOf, valuedAt, deal acquirer
    assert int(g.nodes[tern]["degree"]) == 6
    assert all(int(a["degree"]) == g.degree(n) for n, a in g.nodes(data=True))
    ranks = {n: float(a["pagerank"]) for n, a in g.nodes(data=True)}
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert max(ranks, key=ranks.__getitem__) == tern  # the hub


def test_csv_writes_nodes_and_edges(tmp_path: Path, graph: Graph) -> None:
    path = export(graph, "csv", tmp_path / "g.csv")
    nodes = path.read_text(encoding="utf-8").splitlines()
    edges = (tmp_path / "g.edges.csv").read_text(encoding="utf-8").splitlines()
    assert nodes[0] == "id,label,class" and len(nodes) == 1 + NODES
    assert edges[0] == "source,target,property,label,amount,date,sources"
    assert len(edges) == 1 + EDGES


def test_html_export(graph: Graph) -> None:
    text = export(graph, ExportFormat.html)
    assert text.startswith("<!DOCTYPE html>") and "Tern Analytics" in text


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("g.TTL", ExportFormat.ttl), ("x.jsonld", ExportFormat.jsonld), ("nquads", ExportFormat.nq),
     ("turtle", ExportFormat.ttl), ("a.b.graphml", ExportFormat.graphml)],
)  # fmt: skip
def test_from_suffix(name: str, fmt: ExportFormat) -> None:
    assert ExportFormat.from_suffix(name) is fmt


def test_unknown_format() -> None:
    with pytest.raises(KgError) as err:
        ExportFormat.from_suffix("graph.xlsx")
    assert str(err.value) == (
        "graph.xlsx: unknown export format"
        " (known: ttl, nt, nq, trig, jsonld, graphml, gexf, csv, html)"
    )
