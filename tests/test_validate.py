"""SHACL validation of kg graphs: a conforming fixture and hand-broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from typer.testing import CliRunner

from kg.errors import InputError
from kg.validate import ValidationReport, Violation, validate

DATA = Path(__file__).parent / "data" / "validate"
KG = Namespace("https://w3id.org/kg/ontology#")
KGID = Namespace("https://w3id.org/kg/id/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def problems(report: ValidationReport) -> set[tuple[str, str | None]]:
    return {(v.focus, v.path) for v in report.violations}


def conforming_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(DATA / "conforming.trig", format="trig")
    return dataset


def test_conforming_file_is_valid() -> None:
    report = validate(str(DATA / "conforming.trig"))
    assert report.conforms
    assert report.violations == []
    assert report.triples == len({(s, p, o) for s, p, o, _ in conforming_dataset().quads()})
    assert report.text() == f"valid: {report.triples} triples conform to the kg shapes"


def test_named_graphs_are_validated_as_their_union() -> None:
    dataset = conforming_dataset()
    assert validate(dataset).conforms
    # the claim's article is typed in another graph than the one we break
    graph_a2 = URIRef("https://w3id.org/kg/graph/article/a2")
    dataset.graph(graph_a2).remove((KGID["article/a2"], None, None))
    report = validate(dataset)
    assert not report.conforms
    assert (str(KGID["claim/c2"]), str(PROV.wasDerivedFrom)) in problems(report)


def test_investment_without_investee() -> None:
    report = validate(DATA / "investment_without_investee.ttl")
    assert not report.conforms
    assert problems(report) == {(str(KGID["deal/northwind"]), str(KG.investee))}
    assert report.violations[0].severity == "Violation"


def test_lowercase_currency() -> None:
    report = validate(DATA / "currency_lowercase.ttl")
    assert problems(report) == {(str(KGID["claim/c9/amount"]), str(SCHEMA.currency))}
    assert report.violations[0].value == "usd"


def test_claim_without_source() -> None:
    report = validate(DATA / "claim_without_source.ttl")
    assert problems(report) == {(str(KGID["claim/c4"]), str(PROV.wasDerivedFrom))}


def test_every_other_shape_catches_its_problem() -> None:
    report = validate(DATA / "several_problems.ttl")
    assert problems(report) == {
        (str(KGID["article/nameless"]), None),
        (str(KGID["entity/unnamed-authority"]), str(SKOS.prefLabel)),
        (str(KGID["claim/c5"]), str(RDF.predicate)),
        (str(KGID["claim/c5"]), str(KG.confidence)),
        (str(KGID["claim/c5"]), str(KG.evidence)),
        (str(KGID["valuation/v9"]), str(KG.amount)),
        (str(KGID["valuation/v9"]), str(KG.date)),
        (str(KGID["amount/m9"]), str(SCHEMA.value)),
        (str(KGID["amount/m9"]), str(SCHEMA.currency)),
    }


def test_plain_graph_and_subclass_targets() -> None:
    graph = Graph()
    graph.parse(DATA / "conforming.trig", format="trig")  # a Graph keeps no named graphs
    assert len(graph) == 0 and validate(graph).conforms
    org = KGID["entity/x"]
    graph.add((org, RDF.type, KG.InvestmentFirm))
    assert problems(validate(graph)) == {(str(org), str(SKOS.prefLabel))}
    graph.add((org, SKOS.prefLabel, Literal("X Capital")))
    assert validate(graph).conforms


def test_report_text_lists_one_line_per_violation() -> None:
    report = validate(DATA / "several_problems.ttl")
    lines = report.text().splitlines()
    assert len(lines) == len(report.violations) == 9
    assert "kgid:amount/m9 schema:value:" in report.text()
    assert all("\n" not in v.message for v in report.violations)


def test_violation_is_a_value() -> None:
    a = Violation(focus="x", path=None, message="m")
    assert a == Violation(focus="x", path=None, message="m", severity="Violation")


def test_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.ttl"
    with pytest.raises(InputError) as info:
        validate(missing)
    assert str(info.value) == f"{missing}: no such file"


def test_broken_turtle_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/kg/ontology#> .\nkg:a kg:b .\n")
    with pytest.raises(InputError) as info:
        validate(broken)
    message = str(info.value)
    assert message.startswith(f"{broken}: not valid turtle")
    assert "\n" not in message


def test_store_is_validated_over_all_article_graphs(tmp_path: Path) -> None:
    from kg.store import open_store

    dataset = conforming_dataset()
    store = open_store(str(tmp_path / "store"))
    try:
        for context in dataset.graphs():
            if str(context.identifier).startswith("https://w3id.org/kg/graph/article/"):
                doc_id = str(context.identifier).rsplit("/", 1)[-1]
                graph = Graph()
                for triple in context:
                    graph.add(triple)
                store.replace_article(doc_id, graph)
                if doc_id == "a2":
                    without_article_node = Graph()
                    for triple in graph.triples((None, None, None)):
                        if triple[0] != KGID["article/a2"]:
                            without_article_node.add(triple)
        report = validate(store)
        assert report.conforms, report.text()
        store.replace_article("a2", without_article_node)
        report = validate(store)
        assert not report.conforms
        assert (str(KGID["claim/c3"]), str(PROV.wasDerivedFrom)) in problems(report)
    finally:
        store.close()


def test_cli_prints_violations_and_exits_1() -> None:
    from kg.cli import validate as command

    app = typer.Typer()
    command.register(app)
    app.command("noop")(lambda: None)  # keep "validate" a named sub-command
    runner = CliRunner()

    good = runner.invoke(app, ["validate", str(DATA / "conforming.trig")])
    assert good.exit_code == 0, good.output
    assert good.stdout.startswith("valid: ") and good.stdout.endswith(" kg shapes\n")

    bad = runner.invoke(app, ["validate", str(DATA / "currency_lowercase.ttl")])
    assert bad.exit_code == 1
    assert bad.stdout.count("\n") == 1
    assert "kgid:claim/c9/amount schema:currency" in bad.stdout

    missing = runner.invoke(app, ["validate", "no/such/file.ttl"])
    assert missing.exit_code == 1
    assert "Error: no/such/file.ttl: no such file\n" in missing.stderr
