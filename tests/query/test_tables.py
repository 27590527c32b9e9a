"""Result writers: aligned table, csv, tsv, SPARQL JSON, Turtle."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg.errors import QueryError
from kg.query.tables import OutputFormat, plain, render
from kg.store.base import SelectResult

RESULT = SelectResult(
    variables=["subject", "amount", "date", "evidence"],
    rows=[
        (
            Literal("Orion Labs"),
            Literal("2.0E9", datatype=XSD.double),
            Literal("2024-03", datatype=XSD.gYearMonth),
            Literal('He said "yes",\tthen\nleft.'),
        ),
        (URIRef("https://w3id.org/kg/id/entity/x"), Literal("1.5e6", datatype=XSD.double), None,
         Literal("ok", lang="en")),
    ],
)  # fmt: skip


@pytest.mark.parametrize(
    ("term", "text"),
    [
        (Literal("2000000000.0", datatype=XSD.decimal), "2000000000"),
        (Literal("1.5e6", datatype=XSD.double), "1500000"),
        (Literal("0.90", datatype=XSD.decimal), "0.9"),
        (Literal("13", datatype=XSD.integer), "13"),
        (Literal("1.25E-1", datatype=XSD.double), "0.125"),
        (Literal("INF", datatype=XSD.double), "INF"),
        (Literal("-INF", datatype=XSD.double), "-INF"),
        (Literal("2024", datatype=XSD.gYear), "2024"),
        (Literal("2024-02-26", datatype=XSD.date), "2024-02-26"),
        (None, ""),
    ],
)
def test_plain(term: Literal | None, text: str) -> None:
    assert plain(term) == text


def test_csv() -> None:
    assert render(RESULT, "csv") == (
        "subject,amount,date,evidence\n"
        'Orion Labs,2000000000,2024-03,"He said ""yes"",\tthen\nleft."\n'
        "https://w3id.org/kg/id/entity/x,1500000,,ok\n"
    )


def test_tsv_keeps_each_row_on_one_line() -> None:
    assert render(RESULT, OutputFormat.TSV) == (
        "subject\tamount\tdate\tevidence\n"
        'Orion Labs\t2000000000\t2024-03\t"He said ""yes"", then left."\n'
        "https://w3id.org/kg/id/entity/x\t1500000\t\tok\n"
    )


def test_table_is_aligned() -> None:
    assert render(RESULT, "table") == (
        "subject                          amount      date     evidence\n"
        "-------------------------------  ----------  -------  -------------------------\n"
        'Orion Labs                       2000000000  2024-03  He said "yes", then left.\n'
        "https://w3id.org/kg/id/entity/x  1500000              ok\n"
    )


def test_json_is_sparql_results_json() -> None:
    doc = json.loads(render(RESULT, "json"))
    assert doc["head"] == {"vars": ["subject", "amount", "date", "evidence"]}
    first, second = doc["results"]["bindings"]
    assert first["amount"] == {
        "type": "literal",
        "value": "2000000000.0",  # rdflib's canonical form of "2.0E9"
        "datatype": str(XSD.double),
    }
    assert second["subject"] == {"type": "uri", "value": "https://w3id.org/kg/id/entity/x"}
    assert "date" not in second
    assert second["evidence"] == {"type": "literal", "value": "ok", "xml:lang": "en"}


def test_ask() -> None:
    assert render(SelectResult([], [], boolean=True), "table") == "true\n"
    assert json.loads(render(SelectResult([], [], boolean=False), "json")) == {
        "head": {},
        "boolean": False,
    }


def test_graph_as_turtle() -> None:
    graph = Graph()
    graph.add((URIRef("https://e/x"), SKOS.prefLabel, Literal("X")))
    text = render(graph, "turtle")
    assert Graph().parse(data=text, format="turtle").isomorphic(graph)
    with pytest.raises(QueryError, match="^--format csv: this query returns a graph; use turtle$"):
        render(graph, "csv")


def test_rows_are_not_turtle() -> None:
    with pytest.raises(QueryError, match="^--format turtle: this query returns rows"):
        render(RESULT, "turtle")


def test_unknown_format() -> None:
    with pytest.raises(QueryError) as info:
        OutputFormat.from_name("xml")
    assert (
        str(info.value) == "--format 'xml': unknown format (choose table, csv, tsv, json, turtle)"
    )
