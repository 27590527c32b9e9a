"""``kg view`` through typer, on a real embedded store loaded with the fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from rdflib import Dataset, Graph
from typer.testing import CliRunner, Result

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


def run_view(tmp_path: Path, store_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(
        app(),
        ["view", "--output", str(tmp_path / "x.html"), *args],
        env={"KG_STORE": str(store_dir)},
    )


@pytest.mark.parametrize(
    ("args", "counts"),
    [
        # deal role edges (investor/investee) stay with the investsIn facts
        (["--properties", "investsIn"], "6 nodes, 5 edges"),
        (["--types", "Company,Person", "--types", "Place"], "5 nodes, 5 edges"),
        (["--since", "2024-01"], "10 nodes, 11 edges"),
        (["--until", "2023-12"], "5 nodes, 4 edges"),
        (["--since", "2023-11", "--until", "2023-11"], "5 nodes, 4 edges"),
        (["--min-confidence", "0.8"], "12 nodes, 13 edges"),
        (["--source", "a2.txt"], "5 nodes, 4 edges"),
        (["--around", "Aurora", "--hops", "1", "--properties", "investsIn"], "3 nodes, 3 edges"),
    ],
)
def test_view_filters(tmp_path: Path, store_dir: Path, args: list[str], counts: str) -> None:
    result = run_view(tmp_path, store_dir, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'x.html'} ({counts})\n"


def test_view_states_its_filters_in_the_page(tmp_path: Path, store_dir: Path) -> None:
    result = run_view(tmp_path, store_dir, "--since", "2024-01", "--types", "Company")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert data["notes"] == ["types: Company", "facts since 2024-01"]


def test_view_max_nodes_keeps_the_most_central(tmp_path: Path, store_dir: Path) -> None:
    result = run_view(tmp_path, store_dir, "--max-nodes", "5")
    assert result.exit_code == 0, result.output
    note = (
        "showing the 5 most central of 13 nodes (by PageRank); 8 left out"
        " — narrow with --around/--types or raise --max-nodes"
    )
    assert result.stdout == f"wrote {tmp_path / 'x.html'} (5 nodes, 4 edges)\nnote: {note}\n"
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert data["notes"] == [note]
    assert "Aurora Robotics" in {n["label"] for n in data["nodes"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "yesterday"],
            "subgraph: since must be YYYY, YYYY-MM or YYYY-MM-DD, got 'yesterday'",
        ),
        (
            ["--until", "2024-13"],
            "subgraph: until must be YYYY, YYYY-MM or YYYY-MM-DD, got '2024-13'",
        ),
        (["--properties", "investsInto"], "subgraph: unknown fact properties: investsInto"),
    ],
)
def test_view_bad_filter(tmp_path: Path, store_dir: Path, args: list[str], message: str) -> None:
    result = run_view(tmp_path, store_dir, *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert not (tmp_path / "x.html").exists()


def test_view_help_names_every_filter() -> None:
    result = CliRunner().invoke(app(), ["view", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--types", "--properties", "--since", "--until", "--min-confidence",
                   "--source", "--max-nodes", "--evidence"):  # fmt: skip
        assert option in result.stdout


def test_view_fold_deals_and_size(tmp_path: Path, store_dir: Path) -> None:
    result = run_view(tmp_path, store_dir, "--fold-deals", "--size", "pagerank")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'x.html'} (12 nodes, 14 edges)\n"
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert "Deal" not in {n["kgClass"] for n in data["nodes"]}
    assert data["sizeBy"] == "pagerank"
    assert data["notes"] == ["deals folded into direct edges", "node size by pagerank"]


def test_view_unknown_size(tmp_path: Path, store_dir: Path) -> None:
    result = run_view(tmp_path, store_dir, "--size", "closeness")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown measure 'closeness' (choose degree, pagerank, betweenness)\n"
    )
    assert not (tmp_path / "x.html").exists()


def test_a_huge_max_nodes_is_held_to_the_page_limit(
    tmp_path: Path, store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.view as view

    monkeypatch.setattr(view, "PAGE_LIMIT", 4)  # the fixture stands in for a 50k-node store
    result = run_view(tmp_path, store_dir, "--max-nodes", "50000")
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'x.html'} (4 nodes," in result.stdout
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert "at most 4 nodes are drawn on one page" in data["notes"]
    assert len(data["nodes"]) == 4


INVESTS = ("investsIn", "https://w3id.org/kg/id/entity/orla-ventures")


@pytest.mark.parametrize(
    ("args", "carried"),
    [([], 5), (["--evidence", "2"], 2), (["--evidence", "0"], 8)],  # 0 = every claim
)
def test_view_carries_a_few_claims_per_fact(
    tmp_path: Path, many_dir: Path, args: list[str], carried: int
) -> None:
    result = run_view(tmp_path, many_dir, "--around", "Nimbus Foods", *args)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    (invest,) = [f for f in data["facts"] if (f["property"], f["subject"]) == INVESTS]
    assert len(invest["claims"]) == carried
    assert (invest["claimCount"], invest["sources"]) == (8, 7)  # eight claims, seven articles


def test_the_cli_default_is_the_library_default() -> None:
    from kg.cli.view import EVIDENCE_PER_FACT as shown_in_help
    from kg.subgraph.evidence import EVIDENCE_PER_FACT

    assert shown_in_help == EVIDENCE_PER_FACT
