"""``kg stats``: counts of what the store holds."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

runner = CliRunner()


def test_stats_text(tmp_path: Path, news: list[tuple[str, Graph]]) -> None:
    store = open_store(tmp_path / "store")
    store.replace_articles(news)
    store.close()
    result = runner.invoke(app, ["--store", str(tmp_path / "store"), "stats"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "articles  3\n"
        "triples   286\n"
        "entities by class (9)\n"
        "  Company         2\n"
        "  InvestmentFirm  2\n"
        "  Person          2\n"
        "  Product         2\n"
        "  Regulator       1\n"
        "facts by property (14)\n"
        "  availableOn   1\n"
        "  ceoOf         1\n"
        "  competesWith  1\n"
        "  develops      1\n"
        "  employedBy    1\n"
        "  foundedBy     1\n"
        "  investsIn     3\n"
        "  partnersWith  1\n"
        "  raises        1\n"
        "  reviews       1\n"
        "  valuedAt      2\n"
    )


def test_stats_json_on_a_remote_store(sparql_server: str) -> None:
    result = runner.invoke(app, ["--store", sparql_server, "stats", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"articles", "triples", "entities_by_class", "facts_by_property"}


def test_stats_of_an_unreachable_endpoint() -> None:
    result = runner.invoke(app, ["--store", "http://127.0.0.1:9/query", "stats"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: http://127.0.0.1:9/query: cannot reach the SPARQL endpoint ("
    )
