"""kg infer: ontology consequences in their own graph, recomputed from the articles."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import infer as infer_cli
from kg.graph.ontology import ontology_graph
from kg.infer import INFERRED_GRAPH, clear_inferred, count_inferred, entail, infer, rules_from
from kg.store.base import SelectResult, Store
from tests.conftest import DATA, article_graphs

FIXTURE = DATA / "serve" / "companies.trig"
KGID = "https://w3id.org/kg/id/entity/"
PREFIX = "PREFIX kg: <https://w3id.org/kg/ontology#>\n"


@pytest.fixture
def companies(store: Store) -> Store:
    """A store of each backend holding the two articles of companies.trig."""
    store.replace_articles(article_graphs(FIXTURE))
    return store


def _column(store: Store, sparql: str) -> set[str]:
    result = store.query(PREFIX + sparql)
    assert isinstance(result, SelectResult)
    return {str(row[0]).removeprefix(KGID) for row in result.rows}


def _triples(store: Store) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    return int(result.rows[0][0].toPython())  # type: ignore[union-attr]


def test_organizations_include_regulators_and_companies(companies: Store) -> None:
    organizations = "SELECT ?x WHERE { ?x a kg:Organization }"
    assert _column(companies, organizations) == set()
    report = infer(companies)
    assert _column(companies, organizations) == {
        "harbor-robotics",
        "tessel-analytics",
        "nordic-data-authority",
        "quillfield-partners",
    }
    assert report.by_class["kg:Organization"] == 4
    assert report.triples == count_inferred(companies) > 0


def test_partners_with_answers_both_directions(companies: Store) -> None:
    partners_of_tessel = f"SELECT ?x WHERE {{ <{KGID}tessel-analytics> kg:partnersWith ?x }}"
    assert _column(companies, partners_of_tessel) == set()
    infer(companies)
    assert _column(companies, partners_of_tessel) == {"harbor-robotics"}
    partners_of_harbor = f"SELECT ?x WHERE {{ <{KGID}harbor-robotics> kg:partnersWith ?x }}"
    assert _column(companies, partners_of_harbor) == {"tessel-analytics"}


def test_inferred_triples_live_in_their_own_graph_and_are_new(companies: Store) -> None:
    infer(companies)
    in_graph = _column(
        companies,
        f"SELECT ?x WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?x a kg:Organization }} }}",
    )
    assert "harbor-robotics" in in_graph
    restated = companies.query(
        f"""ASK {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}
        GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED_GRAPH}>) }}"""
    )
    assert isinstance(restated, SelectResult) and restated.boolean is False
    noise = companies.query(
        f"""ASK {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}
        FILTER(?o IN (<http://www.w3.org/2000/01/rdf-schema#Resource>,
                      <http://www.w3.org/2002/07/owl#Thing>)
               || STRSTARTS(STR(?s), "https://w3id.org/kg/ontology#")
               || isBlank(?s) || isBlank(?o)) }}"""
    )
    assert isinstance(noise, SelectResult) and noise.boolean is False


def test_running_again_does_not_grow_the_store(companies: Store) -> None:
    first = infer(companies)
    size = _triples(companies)
    second = infer(companies)
    assert _triples(companies) == size
    assert second.triples == first.triples == second.previous


def test_removing_an_article_removes_what_only_it_supported(companies: Store) -> None:
    infer(companies)
    assert "quillfield-partners" in _column(companies, "SELECT ?x WHERE { ?x a kg:Organization }")
    assert companies.remove_article("p2")
    infer(companies)
    organizations = _column(companies, "SELECT ?x WHERE { ?x a kg:Organization }")
    assert organizations == {"harbor-robotics", "tessel-analytics", "nordic-data-authority"}
    about_quillfield = companies.query(
        f"ASK {{ GRAPH ?g {{ <{KGID}quillfield-partners> ?p ?o }} }}"
    )
    assert isinstance(about_quillfield, SelectResult) and about_quillfield.boolean is False


def test_clear_drops_the_inferred_graph(companies: Store) -> None:
    report = infer(companies)
    assert clear_inferred(companies) == report.triples
    assert count_inferred(companies) == 0
    assert _column(companies, "SELECT ?x WHERE { ?x a kg:Organization }") == set()


def test_rules_agree_with_owlrl_on_the_fixture() -> None:
    data = Graph()
    for _, graph in article_graphs(FIXTURE):
        data += graph
    rules = rules_from(ontology_graph())
    from kg.infer import _owlrl_entail

    assert entail(data, rules) == _owlrl_entail(data, rules)


def test_cli_infer_prints_the_report(tmp_path: Path) -> None:
    from kg.store import open_store

    location = tmp_path / "store"
    opened = open_store(location)
    opened.replace_articles(article_graphs(FIXTURE))
    opened.close()
    app = typer.Typer()
    app.callback()(lambda: None)
    infer_cli.register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["infer"], env={"KG_STORE": str(location)})
    assert result.exit_code == 0, result.output
    assert "inferred triples in <https://w3id.org/kg/graph/inferred>" in result.stdout
    assert "kg:Organization" in result.stdout
    help_text = runner.invoke(app, ["infer", "--help"])
    assert help_text.exit_code == 0 and "Example" in help_text.stdout
