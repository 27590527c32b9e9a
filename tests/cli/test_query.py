"""``kg query``: listing, running, formats and the exact error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

runner = CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path, news: list[tuple[str, Graph]]) -> str:
    location = tmp_path / "store"
    store = open_store(location)
    store.replace_articles(news)
    store.close()
    return str(location)


def kg(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_list() -> None:
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    investors = next(line for line in lines if line.startswith("investors "))
    assert investors.split() == [
        "investors", "Investors", "of", "a", "company", "[company", "(entity,", "required)]",
    ]  # fmt: skip
    assert any(line.startswith("facts ") for line in lines)


def test_csv_with_param(store_dir: str) -> None:
    result = runner.invoke(
        app,
        ["--store", store_dir, "query", "investors", "--param", "company=orion labs", "-f", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "investor,amount,currency,date,source,evidence",
        "Bluepeak Ventures,120000000,EUR,2024-03,https://news.example/a1,"
        "Orion Labs raised 120 million euros from Northwind Capital and Bluepeak Ventures.",
    ]


def test_store_from_environment(store_dir: str) -> None:
    result = runner.invoke(app, ["query", "facts", "--format", "json"], env={"KG_STORE": store_dir})
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"][:3] == ["subject", "predicate", "object"]
    assert len(doc["results"]["bindings"]) == 16


def test_table_is_the_default(store_dir: str) -> None:
    result = runner.invoke(app, ["--store", store_dir, "query", "products"])
    assert result.exit_code == 0
    assert result.stdout == (
        "product         developers       available_on\n"
        "--------------  ---------------  ------------\n"
        "Kestrel Vision  Kestrel Systems  Nimbus Cloud\n"
        "Nimbus Cloud\n"
    )


def test_inline_sparql(store_dir: str) -> None:
    result = runner.invoke(
        app,
        [
            "--store", store_dir, "query", "-e",
            "PREFIX kg: <https://w3id.org/kg/ontology#> "
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }",
            "--format", "tsv",
        ],
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == "n\n3\n"


def test_construct_as_turtle(store_dir: str, tmp_path: Path) -> None:
    query = tmp_path / "labels.rq"
    query.write_text(
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e a kg:Regulator ; skos:prefLabel ?l }\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--store", store_dir, "query", str(query), "-f", "turtle"])
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) == 1


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["query", "investorz"], "Error: investorz: no such query or file (library: "),
        (
            ["query", "investors", "--param", "firm=x"],
            "Error: investors: unknown parameter firm (expected: company (entity, required))\n",
        ),
        (
            ["query", "investors"],
            "Error: investors: missing parameter company (expected: company (entity, required))\n",
        ),
        (
            ["query", "investors", "--param", "company=Orion Lab"],
            "Error: entity 'Orion Lab' not found in the graph; did you mean: Orion Labs\n",
        ),
        (
            ["query", "investors", "--param", 'company=x" } ; DROP ALL ; #'],
            "Error: entity 'x\" } ; DROP ALL ; #' not found in the graph\n",
        ),
        (["query", "facts", "--param", "x"], "Error: --param 'x': expected key=value\n"),
        (
            ["query", "facts", "--format", "xml"],
            "Error: --format 'xml': unknown format (choose table, csv, tsv, json, turtle)\n",
        ),
        (
            ["query", "facts", "--format", "turtle"],
            "Error: --format turtle: this query returns rows; use table, csv, tsv or json\n",
        ),
        (["query"], "Error: give a query name or file, or -e 'SPARQL' (see kg query --list)\n"),
        (
            ["query", "-e", "SELECT ?x WHERE { ?x "],
            "Error: inline query: invalid SPARQL: error at 1:",
        ),
        (["query", "-e", "DROP ALL"], "Error: inline query: invalid SPARQL: error at 1:"),
    ],
)
def test_errors(store_dir: str, args: list[str], error: str) -> None:
    result = runner.invoke(app, ["--store", store_dir, *args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(error)
    assert result.stderr.count("\n") == 1
    if error.endswith("\n"):
        assert result.stderr == error
    # nothing was lost, whatever the error
    assert open_store(store_dir).stats().triples == 286


def test_locked_store(store_dir: str) -> None:
    holder = open_store(store_dir)
    try:
        result = runner.invoke(app, ["--store", store_dir, "query", "facts"])
    finally:
        holder.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {store_dir}: store in use by another kg process "
        "(wait for it to finish or choose another --store)\n"
    )


def test_unreachable_endpoint() -> None:
    result = runner.invoke(app, ["--store", "http://127.0.0.1:9/query", "query", "facts"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: http://127.0.0.1:9/query: cannot reach the SPARQL endpoint ("
    )
