"""Whole-store exports in N-Quads and TriG stream ``Store.dump``, on both backends."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner, Result

from kg.export import export_store
from kg.store import open_store
from kg.store.base import SelectResult, Store
from tests.conftest import export_app

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def stored(store: Store) -> set[tuple[object, ...]]:
    result = store.query(ALL_QUADS)
    assert isinstance(result, SelectResult)
    return set(result.rows)


def parsed(data: bytes, fmt: str) -> set[tuple[object, ...]]:
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format={"nq": "nquads", "trig": "trig"}[fmt])
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads()}


def run_cli(store: Store, args: list[str]) -> tuple[Result, set[tuple[object, ...]]]:
    """Run ``kg export`` on the store's location (released first) and read its quads after."""
    store.close()  # the embedded store admits one process, or one opening, at a time
    result = CliRunner().invoke(export_app(), ["export", *args], env={"KG_STORE": store.location})
    after = open_store(store.location)
    try:
        return result, stored(after)
    finally:
        after.close()


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_whole_store_export_holds_every_quad(loaded: Store, tmp_path: Path, fmt: str) -> None:
    before = stored(loaded)
    path = export_store(loaded, fmt, tmp_path / f"all.{fmt}")
    assert path == tmp_path / f"all.{fmt}"
    assert parsed((tmp_path / f"all.{fmt}").read_bytes(), fmt) == before
    assert stored(loaded) == before


def test_whole_store_export_to_a_stream_and_as_text(loaded: Store) -> None:
    stream = io.BytesIO()
    assert export_store(loaded, "nq", stream) is stream
    text = export_store(loaded, "nq")
    assert isinstance(text, str)
    assert parsed(stream.getvalue(), "nq") == parsed(text.encode(), "nq") == stored(loaded)


def test_neighbourhood_in_nquads_still_uses_the_subgraph(loaded: Store) -> None:
    text = export_store(loaded, "nq", around="Orion Labs", hops=1)
    assert isinstance(text, str)
    quads = parsed(text.encode(), "nq")
    assert quads and len(quads) < len(stored(loaded))


def test_cli_streams_nquads_to_a_file(loaded: Store, tmp_path: Path) -> None:
    before = stored(loaded)
    out = tmp_path / "all.nq"
    result, after = run_cli(loaded, ["-f", "nq", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}\n"
    assert parsed(out.read_bytes(), "nq") == before == after


def test_cli_streams_nquads_to_stdout(loaded: Store) -> None:
    before = stored(loaded)
    result, after = run_cli(loaded, ["--format", "nq"])
    assert result.exit_code == 0, result.output
    assert parsed(result.stdout_bytes, "nq") == before == after


def test_cli_missing_directory_is_one_line_naming_the_path(loaded: Store, tmp_path: Path) -> None:
    before = stored(loaded)
    out = tmp_path / "no" / "such" / "dir" / "all.nq"
    result, after = run_cli(loaded, ["-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write the export (No such file or directory)\n"
    assert not (tmp_path / "no").exists()
    assert after == before


def test_cli_output_below_a_file_is_one_line_naming_the_path(loaded: Store, tmp_path: Path) -> None:
    """A path no user can write (its parent is a file), so the test runs as root too."""
    before = stored(loaded)
    plain = tmp_path / "notes.txt"
    plain.write_text("not a folder")
    out = plain / "all.trig"
    result, after = run_cli(loaded, ["-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write the export (Not a directory)\n"
    assert plain.read_text() == "not a folder" and after == before


def test_ttl_of_the_whole_store_is_unchanged(loaded: Store) -> None:
    """Triple formats keep the subgraph path: entities, facts and provenance, no graph names."""
    text = export_store(loaded, "ttl")
    assert isinstance(text, str)
    graph = Graph().parse(data=text, format="turtle")
    assert 0 < len(graph) <= len({row[:3] for row in stored(loaded)})
