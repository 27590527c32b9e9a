"""Embedded Oxigraph store: opening, locking and closing a directory."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.store.base import SelectResult
from kg.store.embedded import EmbeddedStore, to_oxigraph, to_rdflib
from tests.conftest import DATA, article_graphs

HOLD_LOCK = """
import sys
from kg.store.embedded import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def test_creates_missing_parent_directories(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "a" / "b" / "store")
    store.close()
    assert (tmp_path / "a" / "b" / "store").is_dir()


def test_directory_locked_by_another_process(tmp_path: Path) -> None:
    location = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(location)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(Path(__file__).parents[2]), "PATH": ""},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(StoreError) as info:
            EmbeddedStore(location)
        assert str(info.value) == (
            f"{location}: store in use by another kg process "
            "(wait for it to finish or choose another --store)"
        )
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    EmbeddedStore(location).close()  # free again once the other process is done


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StoreError, match=f"^{path}: cannot open store"):
        EmbeddedStore(path)


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="store is closed$"):
        store.query("ASK {}")


def test_data_survives_reopening(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((URIRef("https://w3id.org/kg/id/article/x"), URIRef("http://e/p"), Literal(1)))
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_article("x", graph)
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.stats().triples == 1


@pytest.mark.parametrize(
    "term",
    [
        URIRef("http://example.org/é"),
        Literal("plain"),
        Literal("chat", lang="fr"),
        Literal("2024-02", datatype=XSD.gYearMonth),
        Literal("13000000000.0", datatype=XSD.decimal),
    ],
)
def test_terms_round_trip(term: URIRef | Literal) -> None:
    assert to_rdflib(to_oxigraph(term)) == term


def _companies_store(location: Path) -> None:
    """Write the two articles of tests/data/serve/companies.trig into ``location``."""
    with EmbeddedStore(location) as store:
        store.replace_articles(article_graphs(DATA / "serve" / "companies.trig"))


def _dumped(store: EmbeddedStore) -> list[bytes]:
    out = io.BytesIO()
    store.dump(out, "nq")
    return sorted(out.getvalue().splitlines())


def test_in_memory_copy_holds_what_the_directory_holds(tmp_path: Path) -> None:
    _companies_store(tmp_path / "store")
    copy = EmbeddedStore.in_memory_copy(tmp_path / "store")
    try:
        with EmbeddedStore(tmp_path / "store") as disk:  # the directory is free again
            assert _dumped(copy) == _dumped(disk)
            asked = "SELECT ?c ?l WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
            rows = copy.query(asked)
            assert isinstance(rows, SelectResult) and rows.rows
            assert sorted(rows.rows) == sorted(disk.query(asked).rows)  # type: ignore[union-attr]
        assert copy.stats().articles == 2
        assert copy.location == f"{tmp_path / 'store'} (in-memory copy)"
    finally:
        copy.close()


def test_in_memory_copy_refuses_writes_and_the_directory_keeps_its_data(tmp_path: Path) -> None:
    _companies_store(tmp_path / "store")
    with EmbeddedStore(tmp_path / "store") as disk:
        before = _dumped(disk)
    copy = EmbeddedStore.in_memory_copy(tmp_path / "store")
    graph = Graph()
    graph.add((URIRef("https://w3id.org/kg/id/article/x"), URIRef("http://e/p"), Literal(1)))
    writes = [
        lambda: copy.replace_article("x", graph),
        lambda: copy.remove_article(sorted(copy.article_hashes())[0]),
        lambda: copy.update("DROP ALL"),
        lambda: copy.set_ontology(graph),
    ]
    for write in writes:
        with pytest.raises(StoreError, match=r"\(in-memory copy\): read-only"):
            write()
    assert copy.stats().articles == 2
    copy.close()
    with EmbeddedStore(tmp_path / "store") as disk:
        assert _dumped(disk) == before


def test_in_memory_copy_does_not_see_later_writes(tmp_path: Path) -> None:
    _companies_store(tmp_path / "store")
    with EmbeddedStore.in_memory_copy(tmp_path / "store") as copy:
        with EmbeddedStore(tmp_path / "store") as disk:
            disk.remove_article(sorted(disk.article_hashes())[0])
            assert disk.stats().articles == 1
        assert copy.stats().articles == 2


def test_in_memory_copy_of_no_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=f"^{tmp_path / 'none'}: no store to copy"):
        EmbeddedStore.in_memory_copy(tmp_path / "none")
    assert not (tmp_path / "none").exists()  # not created on the way
