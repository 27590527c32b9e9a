"""Shared fixtures: a real Oxigraph SPARQL server and stores of every backend."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from rdflib import Dataset, Graph

from kg.graph.namespaces import doc_id_of_graph
from kg.store import open_store
from kg.store.base import Store

DATA = Path(__file__).parent / "data"
BACKENDS = ("embedded", "remote")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the query endpoint of a real ``oxigraph serve`` on a free local port.

    Started without ``--union-default-graph``: the remote store must ask for the
    union itself, which is what the contract tests prove.
    """
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server CLI must be installed (pip install oxigraph)"
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    log = (location.parent / "oxigraph-server.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            assert process.poll() is None, f"oxigraph serve exited with {process.returncode}"
            if _answers(base + "/"):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("oxigraph serve did not answer within 10 s")
        yield base + "/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _clear(url: str) -> None:
    request = urllib.request.Request(
        url.removesuffix("/query") + "/update",
        data=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status in (200, 204)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend; the server's data is cleared before each test."""
    if request.param == "embedded":
        opened = open_store(tmp_path / "store")
    else:
        url = request.getfixturevalue("sparql_server")
        _clear(url)
        opened = open_store(url)
    yield opened
    opened.close()


def article_graphs(path: Path) -> list[tuple[str, Graph]]:
    """(doc_id, graph) for every article graph of a TriG file."""
    dataset = Dataset()
    dataset.parse(path, format="trig")
    graphs = []
    for graph in dataset.graphs():
        doc_id = doc_id_of_graph(graph.identifier)
        if doc_id is not None:
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            graphs.append((doc_id, copy))
    return sorted(graphs, key=lambda pair: pair[0])


@pytest.fixture
def news() -> list[tuple[str, Graph]]:
    """The three hand-written articles of tests/data/query/news.trig."""
    return article_graphs(DATA / "query" / "news.trig")


@pytest.fixture
def loaded(store: Store, news: list[tuple[str, Graph]]) -> Store:
    """A store of each backend holding the three articles."""
    store.replace_articles(news)
    return store


def flat_view_graph(name: str) -> Graph:
    """All triples of ``tests/data/view/<name>`` in one graph (as subgraph() returns)."""
    dataset = Dataset()
    dataset.parse(DATA / "view" / name, format="trig")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="session")
def view_graph() -> Callable[[str], Graph]:
    """``view_graph(name)``: a hand-written TriG fixture of ``tests/data/view`` flattened."""
    return flat_view_graph


def export_app() -> typer.Typer:
    """A typer app with only ``export``, under a root callback so it stays a subcommand."""
    from kg.cli import export as export_cmd

    a = typer.Typer()
    export_cmd.register(a)

    @a.callback()
    def _root() -> None:
        """Test root so ``export`` stays a subcommand."""

    return a
