"""kg.network and ``kg network``: the RDF → networkx bridge, rankings, chains, communities.

Expectations are hand-derived from ``tests/data/view/two_clusters.trig`` (see its
header for the degrees). The CLI tests live here too: ``tests/cli/test_network.py``
would share this module's name, which pytest's default import mode refuses.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
import typer
from rdflib import Dataset, Graph
from typer.testing import CliRunner, Result

from kg.cli import network as network_cmd
from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import doc_id_of_graph
from kg.network import (
    centrality,
    chains,
    common_investors,
    communities,
    pagerank,
    rank,
    to_networkx,
)
from kg.query.tables import plain
from kg.store import open_store
from kg.subgraph.facts import fold, records

DATA = Path(__file__).parent / "data" / "view"
ID = "https://w3id.org/kg/id/"
LYNX, KESTREL, TERN = (
    ID + "entity/lynx-pay",
    ID + "entity/kestrel-ventures",
    ID + "entity/tern-authority",
)
DEAL = ID + "deal/kestrel-ventures+lynx-pay"


@pytest.fixture(scope="module")
def clusters(view_graph: Callable[[str], Graph]) -> Graph:
    return view_graph("two_clusters.trig")


def rows(result) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [tuple(plain(t) for t in row) for row in result.rows]


# --- the bridge -------------------------------------------------------------------------


def test_to_networkx_keeps_deals_unless_folded(clusters: Graph) -> None:
    g = to_networkx(clusters)
    assert (g.number_of_nodes(), g.number_of_edges()) == (10, 14)  # 9 entities + the deal
    assert g.nodes[LYNX] == {"label": "Lynx Pay", "kgClass": "Company", "aliases": "Lynx"}
    assert g.nodes[DEAL]["kgClass"] == "Deal"
    (edge,) = g.get_edge_data(KESTREL, LYNX).values()
    assert edge == {
        "label": "invests in", "property": "investsIn", "amount": "20,000,000 EUR",
        "date": "2024-04", "sources": 1, "confidence": 0.9,
    }  # fmt: skip

    folded = to_networkx(clusters, fold_deals=True)
    assert (folded.number_of_nodes(), folded.number_of_edges()) == (9, 13)
    assert DEAL not in folded
    for party in (LYNX, KESTREL):
        (review,) = folded.get_edge_data(TERN, party).values()
        assert review["property"] == "reviews"
        assert review["via"] == "Kestrel Ventures – Lynx Pay"
        assert review["sources"] == 1
    # the deal's own record (same article) adds no second source to the direct fact
    (edge,) = folded.get_edge_data(KESTREL, LYNX).values()
    assert edge["sources"] == 1 and "via" not in edge


def test_measures_as_node_attributes(clusters: Graph) -> None:
    g = to_networkx(clusters, fold_deals=True, measures=("degree", "pagerank"))
    assert g.nodes[LYNX]["degree"] == 4
    assert sum(a["pagerank"] for _, a in g.nodes(data=True)) == pytest.approx(1.0)


def test_folding_does_not_change_the_records_it_reads(
    view_graph: Callable[[str], Graph],
) -> None:
    before = records(view_graph("small.trig"))
    kept = copy.deepcopy(before)
    folded = fold(before)
    assert before == kept
    assert "Deal" in {n["kgClass"] for n in before.nodes}
    assert "Deal" not in {n["kgClass"] for n in folded.nodes}
    assert all(f["via"] is None for f in before.facts)
    assert {f["property"] for f in before.facts} >= {"investor", "investee"}
    assert not {f["property"] for f in folded.facts} & {"investor", "investee"}


ROUND = """
@prefix kg: <https://w3id.org/kg/ontology#> . @prefix kgid: <https://w3id.org/kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
kgid:entity\\/wren a kg:Company ; skos:prefLabel "Wren Labs" .
kgid:entity\\/yak a kg:InvestmentFirm ; skos:prefLabel "Yak Partners" .
kgid:entity\\/wren kg:raises kgid:round\\/r1, kgid:round\\/r2 .
kgid:round\\/r1 a kg:FundingRound, kg:Deal ; kg:investee kgid:entity\\/wren ;
    kg:investor kgid:entity\\/yak ; kg:amount kgid:claim\\/r\\/amount .
kgid:claim\\/r\\/amount schema:value 5000000 ; schema:currency "EUR" .
kgid:round\\/r2 a kg:FundingRound, kg:Deal ; kg:investee kgid:entity\\/wren .
kgid:claim\\/r a kg:Claim ; rdf:subject kgid:entity\\/wren ; rdf:predicate kg:raises ;
    rdf:object kgid:round\\/r1 ; kg:evidence "Wren Labs raised 5 million euros from Yak." ;
    kg:amount kgid:claim\\/r\\/amount ; prov:wasDerivedFrom kgid:article\\/w .
kgid:article\\/w a kg:Article ; kg:sourceName "w.txt" .
"""


def test_a_funding_round_folds_into_an_investment_with_its_evidence() -> None:
    g = to_networkx(Graph().parse(data=ROUND, format="turtle"), fold_deals=True, evidence=True)
    wren, yak = ID + "entity/wren", ID + "entity/yak"
    (edge,) = g.get_edge_data(yak, wren).values()
    assert edge["property"] == "investsIn" and edge["amount"] == "5,000,000 EUR"
    assert [c["evidence"] for c in edge["claims"] if c["evidence"]] == [
        "Wren Labs raised 5 million euros from Yak."
    ]
    assert ID + "round/r1" not in g
    # a round whose investors are not named keeps its node: nothing could replace it
    assert g.nodes[ID + "round/r2"]["kgClass"] == "Deal"


# --- measures and rankings --------------------------------------------------------------


def test_pagerank_of_a_star_by_hand() -> None:
    # centre c, three leaves l: c = 0.0375 + 2.55 l, l = 0.0375 + 0.85 c / 3
    score = pagerank(nx.star_graph(3))
    assert score[0] == pytest.approx(0.133125 / 0.2775)
    assert score[1] == pytest.approx((1 - 0.133125 / 0.2775) / 3)


def test_pagerank_shares_an_isolated_node_fairly() -> None:
    g = nx.Graph([("a", "b")])
    g.add_node("z")
    score = pagerank(g)
    assert sum(score.values()) == pytest.approx(1.0)
    assert score["a"] == pytest.approx(score["b"]) and score["z"] < score["a"]


def test_rank_by_degree_overall(clusters: Graph) -> None:
    result = rank(clusters, "degree", by_class=False, top=4)
    assert result.variables == ["rank", "entity", "class", "degree"]
    assert rows(result) == [
        ("1", "Lynx Pay", "Company", "4"),
        ("2", "Kestrel Ventures", "InvestmentFirm", "3"),  # ties by label
        ("3", "Marten Bank", "Company", "3"),
        ("4", "Otter Capital", "InvestmentFirm", "3"),
    ]


def test_rank_by_degree_per_class(clusters: Graph) -> None:
    assert rows(rank(clusters, "degree", top=2)) == [
        ("1", "Tern Authority", "Regulator", "2"),
        ("1", "Kestrel Ventures", "InvestmentFirm", "3"),
        ("2", "Otter Capital", "InvestmentFirm", "3"),
        ("1", "Lynx Pay", "Company", "4"),
        ("2", "Marten Bank", "Company", "3"),
    ]


def test_betweenness_puts_the_bridge_first(clusters: Graph) -> None:
    top = [r[1] for r in rows(rank(clusters, "betweenness", by_class=False, top=2))]
    assert top == ["Otter Capital", "Raven Grid"]  # every cross-cluster path uses both


def test_pagerank_ranks_the_best_connected_first(clusters: Graph) -> None:
    result = rows(rank(clusters, "pagerank", by_class=False, top=9))
    assert result[0][1] == "Lynx Pay"
    assert [r[1] for r in result[-2:]] == ["Sable Fund", "Tern Authority"]  # degree 2


def test_unknown_measure(clusters: Graph) -> None:
    with pytest.raises(QueryError) as err:
        rank(clusters, "closeness")
    assert str(err.value) == "unknown measure 'closeness' (choose degree, pagerank, betweenness)"
    with pytest.raises(QueryError):
        centrality(to_networkx(clusters), "closeness")


# --- chains ----------------------------------------------------------------------------


def test_chain_through_a_folded_deal_carries_its_facts(clusters: Graph) -> None:
    (chain,) = chains(clusters, "Tern Authority", "Otter Capital")
    assert [e.label for e in chain.entities] == ["Tern Authority", "Lynx Pay", "Otter Capital"]
    (review,), (invest,) = chain.hops
    assert (review.subject.label, review.property, review.object.label) == (
        "Tern Authority", "reviews", "Lynx Pay",
    )  # fmt: skip
    assert review.via == "Kestrel Ventures – Lynx Pay"
    (ev,) = review.evidence
    assert ev.text == "The Tern Authority is reviewing Kestrel's stake in Lynx Pay."
    assert (ev.source, ev.url, ev.published) == ("n1.txt", "https://news.example/n1", "2024-04-02")
    assert (invest.subject.label, invest.property, invest.object.label) == (
        "Otter Capital", "investsIn", "Lynx Pay",
    )  # fmt: skip
    assert invest.evidence[0].text == "Otter Capital joined the Lynx Pay round."


def test_every_shortest_chain_is_listed(clusters: Graph) -> None:
    found = chains(clusters, "Kestrel", "Raven Grid")
    assert [[e.label for e in c.entities] for c in found] == [
        ["Kestrel Ventures", "Lynx Pay", "Otter Capital", "Raven Grid"],
        ["Kestrel Ventures", "Marten Bank", "Otter Capital", "Raven Grid"],
    ]
    assert found[0].hops[0][0].amount == "20,000,000 EUR"


def test_chains_respect_max_hops_and_avoided_classes(clusters: Graph) -> None:
    assert chains(clusters, "Tern Authority", "Sable Fund") == []  # 5 hops away
    assert len(chains(clusters, "Tern Authority", "Sable Fund", max_hops=5)) == 2
    assert chains(clusters, "Kestrel", "Raven Grid", avoid=["Company"]) == []


def test_chain_errors_name_the_entity(clusters: Graph) -> None:
    with pytest.raises(EntityNotFound) as err:
        chains(clusters, "Otter Capitl", "Lynx Pay")
    assert str(err.value) == (
        "entity 'Otter Capitl' not found in the graph; did you mean: Otter Capital"
    )
    with pytest.raises(QueryError) as same:
        chains(clusters, "Lynx", "lynx pay")
    assert str(same.value) == "network: 'Lynx' and 'lynx pay' are the same entity"


# --- communities and common investors -----------------------------------------------------


def test_two_clusters_make_two_communities(clusters: Graph) -> None:
    groups = [[e.label for e in group] for group in communities(clusters)]
    assert groups == [
        ["Kestrel Ventures", "Lynx Pay", "Marten Bank", "Otter Capital", "Tern Authority"],
        ["Pike Energy", "Quill Solar", "Raven Grid", "Sable Fund"],
    ]
    assert len(communities(clusters, min_size=5)) == 1


def test_common_investors_with_their_facts(clusters: Graph) -> None:
    found = common_investors(clusters, "Lynx Pay", "Marten Bank")
    assert [r.investor.label for r in found] == ["Kestrel Ventures", "Otter Capital"]
    otter = found[1]
    assert [(f.object.label, f.evidence[0].text) for f in otter.facts] == [
        ("Lynx Pay", "Otter Capital joined the Lynx Pay round."),
        ("Marten Bank", "Otter Capital holds shares bought in Marten Bank last year."),
    ]
    assert [r.investor.label for r in common_investors(clusters, "Lynx", "Raven Grid")] == [
        "Otter Capital"
    ]
    assert common_investors(clusters, "Pike Energy", "Lynx Pay") == []


# --- kg network ---------------------------------------------------------------------------


def app() -> typer.Typer:
    a = typer.Typer()
    network_cmd.register(a)

    @a.callback()
    def _root() -> None:
        """Test root so ``network`` stays a subcommand."""

    return a


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("network") / "store"
    dataset = Dataset()
    dataset.parse(DATA / "two_clusters.trig", format="trig")
    st = open_store(path)
    for g in dataset.graphs():
        doc_id = doc_id_of_graph(g.identifier)
        if doc_id is not None:
            st.replace_article(doc_id, Graph() + g)
    st.close()
    return path


def run(store_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(app(), ["network", *args], env={"KG_STORE": str(store_dir)})


def test_cli_rank_table(store_dir: Path) -> None:
    result = run(store_dir, "rank", "--measure", "degree", "--top", "3", "--overall")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "rank  entity            class           degree\n"
        "----  ----------------  --------------  ------\n"
        "1     Lynx Pay          Company         4\n"
        "2     Kestrel Ventures  InvestmentFirm  3\n"
        "3     Marten Bank       Company         3\n"
    )


def test_cli_chains_csv(store_dir: Path) -> None:
    result = run(store_dir, "chains", "Tern Authority", "Otter Capital", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "chain,hop,subject,property,object,amount,date,source,evidence",
        "1,1,Tern Authority,reviews,Lynx Pay,,,n1.txt,The Tern Authority is reviewing"
        " Kestrel's stake in Lynx Pay.",
        "1,2,Otter Capital,investsIn,Lynx Pay,,,n1.txt,Otter Capital joined the Lynx Pay round.",
    ]


def test_cli_no_chain(store_dir: Path) -> None:
    result = run(store_dir, "chains", "Tern Authority", "Sable Fund", "--max-hops", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout == "no chain between Tern Authority and Sable Fund within 3 hops\n"


def test_cli_communities_json(store_dir: Path) -> None:
    result = run(store_dir, "communities", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["community", "entity", "class"]
    members = {b["entity"]["value"]: b["community"]["value"] for b in data["results"]["bindings"]}
    assert members["Raven Grid"] == members["Sable Fund"] == "2"
    assert members["Otter Capital"] == members["Tern Authority"] == "1"


def test_cli_investors(store_dir: Path) -> None:
    result = run(store_dir, "investors", "Lynx", "Raven Grid")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "investor", "class", "property", "object", "amount", "date", "source", "evidence",
    ]  # fmt: skip
    assert len(lines) == 4 and all(line.startswith("Otter Capital") for line in lines[2:])
    assert run(store_dir, "investors", "Pike Energy", "Lynx Pay").stdout == (
        "no common investors of Pike Energy and Lynx Pay\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["chains", "Otter Capitl", "Lynx Pay"],
            "entity 'Otter Capitl' not found in the graph; did you mean: Otter Capital",
        ),
        (
            ["rank", "--measure", "closeness"],
            "unknown measure 'closeness' (choose degree, pagerank, betweenness)",
        ),
        (
            ["investors", "Lynx", "Lynx Pay"],
            "network: 'Lynx' and 'Lynx Pay' are the same entity",
        ),
        (
            ["communities", "--format", "xml"],
            "--format 'xml': unknown format (choose table, csv, tsv, json, turtle)",
        ),
    ],
)
def test_cli_errors(store_dir: Path, args: list[str], message: str) -> None:
    result = run(store_dir, *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["rank", "chains", "communities", "investors"])
def test_cli_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(app(), ["network", command, "--help"])
    assert result.exit_code == 0
    assert f"Example: kg network {command}" in result.stdout


def test_cli_without_a_subcommand_shows_help() -> None:
    result = CliRunner().invoke(app(), ["network"])
    assert "rank" in result.stdout and "chains" in result.stdout
