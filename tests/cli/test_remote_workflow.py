"""The whole job against a real SPARQL 1.1 server: build, query, view, export, validate.

The `store` fixture (tests/conftest.py) gives an embedded store and a real
`oxigraph serve` on 127.0.0.1; every command must behave the same on both.
"""

from pathlib import Path

import rdflib
from typer.testing import CliRunner

from kg.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples" / "news"
runner = CliRunner()


def _location(store) -> str:
    return store.location


def test_build_query_view_export_on_every_backend(store, tmp_path: Path) -> None:
    loc = _location(store)
    store.close()  # the CLI opens the store itself
    built = runner.invoke(app, ["--store", loc, "build", "-q", str(EXAMPLES)])
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith("5 added")

    facts = runner.invoke(app, ["--store", loc, "query", "facts", "--format", "csv"])
    assert facts.exit_code == 0, facts.output
    assert "Microsoft,investsIn,OpenAI,13000000000" in facts.stdout

    again = runner.invoke(app, ["--store", loc, "build", "-q", str(EXAMPLES)])
    assert again.stdout.startswith("0 added, 0 replaced, 5 unchanged")

    page = tmp_path / "graph.html"
    view = runner.invoke(
        app,
        ["--store", loc, "view", "--around", "Mistral AI", "--hops", "1", "--output", str(page)],
    )
    assert view.exit_code == 0, view.output
    assert "Mistral AI" in page.read_text(encoding="utf-8")

    out = tmp_path / "mistral.ttl"
    export = runner.invoke(
        app,
        ["--store", loc, "export", "--around", "Mistral AI", "--hops", "1", "--format", "ttl",
         "--output", str(out)],
    )  # fmt: skip
    assert export.exit_code == 0, export.output
    graph = rdflib.Graph().parse(out, format="turtle")
    labels = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)}
    assert {"Mistral AI", "Microsoft"} <= labels

    valid = runner.invoke(app, ["--store", loc, "validate"])
    assert valid.exit_code == 0, valid.output
