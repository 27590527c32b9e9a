"""``kg view`` through typer, on a real embedded store loaded with the fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import view as view_cmd
from kg.graph.namespaces import doc_id_of_graph
from kg.store import open_store

DATA = Path(__file__).parent.parent / "data" / "view"


def app() -> typer.Typer:
    a = typer.Typer()
    view_cmd.register(a)

    @a.callback()
    def _root() -> None:
        """Test root so ``view`` stays a subcommand."""

    return a


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


def test_view_around(tmp_path: Path, store_dir: Path) -> None:
    out = tmp_path / "aurora.html"
    result = CliRunner().invoke(
        app(),
        ["view", "--around", "Aurora", "--hops", "1", "--output", str(out)],
        env={"KG_STORE": str(store_dir)},
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (9 nodes, 10 edges)\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_view_unknown_entity(tmp_path: Path, store_dir: Path) -> None:
    result = CliRunner().invoke(
        app(),
        ["view", "--around", "Borealis Capitl", "--output", str(tmp_path / "x.html")],
        env={"KG_STORE": str(store_dir)},
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entity 'Borealis Capitl' not found in the graph;"
        " did you mean: Borealis Capital, Borealis Capital – Aurora Robotics\n"
    )
    assert not (tmp_path / "x.html").exists()
