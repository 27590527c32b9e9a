"""kg serve over loopback, asked by a real client library (SPARQLWrapper) and urllib."""

from __future__ import annotations

import csv
import io
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized
from typer.testing import CliRunner

from kg.cli import serve as serve_cli
from kg.serve import TRUNCATED_HEADER, KgServer, make_server
from kg.store import open_store
from kg.store.base import SelectResult, Store
from tests.conftest import DATA, article_graphs

FIXTURE = DATA / "serve" / "companies.trig"
PREFIX = (
    "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
ENTITY = "https://w3id.org/kg/id/entity/"
COMPANIES = (
    PREFIX
    + "SELECT DISTINCT ?label WHERE { ?c a kg:Company ; skos:prefLabel ?label } ORDER BY ?label"
)
TOKEN = "s3cret-token"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An embedded store holding the two articles of companies.trig."""
    opened = open_store(tmp_path / "store")
    opened.replace_articles(article_graphs(FIXTURE))
    yield opened
    opened.close()


def _start(server: KgServer) -> Callable[[], None]:
    """Serve in a background thread, wait until it answers; returns the stopper."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for _ in range(200):
        try:
            with urllib.request.urlopen(server.url + "/", timeout=1) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            threading.Event().wait(0.05)
    else:
        raise AssertionError("kg serve did not answer")

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    return stop


@pytest.fixture
def endpoint(store: Store) -> Iterator[str]:
    """URL of a read-only endpoint on a free 127.0.0.1 port."""
    server = make_server(store, "127.0.0.1", 0)
    stop = _start(server)
    yield server.url + "/sparql"
    stop()


@pytest.fixture
def writable(store: Store) -> Iterator[str]:
    """URL of an endpoint that accepts updates with TOKEN."""
    server = make_server(store, "127.0.0.1", 0, updates=True, token=TOKEN)
    stop = _start(server)
    yield server.url + "/sparql"
    stop()


def _client(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def _count(store: Store) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    return int(result.rows[0][0].toPython())  # type: ignore[union-attr]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


def test_select_in_json(endpoint: str) -> None:
    answer = _client(endpoint, COMPANIES, JSON).queryAndConvert()
    assert answer["head"]["vars"] == ["label"]  # type: ignore[index]
    labels = [b["label"]["value"] for b in answer["results"]["bindings"]]  # type: ignore[index]
    assert labels == ["Harbor Robotics", "Tessel Analytics"]


def test_select_in_xml_with_post(endpoint: str) -> None:
    client = _client(endpoint, COMPANIES, XML)
    client.setMethod(POST)
    document = client.queryAndConvert()
    namespace = "http://www.w3.org/2005/sparql-results#"
    literals = [
        node.firstChild.data for node in document.getElementsByTagNameNS(namespace, "literal")
    ]  # type: ignore[union-attr]
    assert literals == ["Harbor Robotics", "Tessel Analytics"]


def test_csv_by_accept_header(endpoint: str) -> None:
    query = PREFIX + "SELECT ?c ?label WHERE { ?c a kg:Regulator ; skos:prefLabel ?label }"
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    status, headers, body = _get(url, {"Accept": "text/csv"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [
        ["c", "label"],
        [ENTITY + "nordic-data-authority", "Nordic Data Authority"],
    ]
    client = _client(endpoint, COMPANIES, CSV)
    assert client.queryAndConvert().decode().splitlines()[1:] == [  # type: ignore[union-attr]
        "Harbor Robotics",
        "Tessel Analytics",
    ]


def test_tsv_writes_terms(endpoint: str) -> None:
    query = PREFIX + "SELECT ?c WHERE { ?c a kg:Regulator }"
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, "format": "tsv"})
    status, _, body = _get(url)
    assert status == 200
    assert body == f"?c\n<{ENTITY}nordic-data-authority>\n"


def test_construct_in_turtle(endpoint: str) -> None:
    query = PREFIX + "CONSTRUCT { ?a kg:partnersWith ?b } WHERE { ?a kg:partnersWith ?b }"
    response = _client(endpoint, query, TURTLE).query()
    assert response.info()["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.response.read().decode("utf-8"), format="turtle")
    expected = (
        URIRef(ENTITY + "harbor-robotics"),
        URIRef("https://w3id.org/kg/ontology#partnersWith"),
        URIRef(ENTITY + "tessel-analytics"),
    )
    assert set(graph) == {expected}


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_construct_in_other_graph_formats(endpoint: str, accept: str, media: str) -> None:
    query = PREFIX + "CONSTRUCT { ?c a kg:Regulator } WHERE { ?c a kg:Regulator }"
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    status, headers, body = _get(url, {"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media)
    graph = Graph().parse(data=body, format="nt" if "triples" in media else "json-ld")
    assert len(graph) == 1


def test_ask(endpoint: str) -> None:
    yes = PREFIX + f"ASK {{ <{ENTITY}quillfield-partners> kg:investsIn ?x }}"
    no = PREFIX + f"ASK {{ <{ENTITY}tessel-analytics> kg:investsIn ?x }}"
    assert _client(endpoint, yes, JSON).queryAndConvert()["boolean"] is True  # type: ignore[index]
    assert _client(endpoint, no, JSON).queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_library_page_lists_the_questions(endpoint: str) -> None:
    status, headers, body = _get(endpoint.removesuffix("/sparql") + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'id="q-investors"' in body and "Investors of a company" in body
    assert "<textarea" in body
    assert "src=" not in body and "<link" not in body and "@import" not in body


def test_library_question_with_a_bound_parameter(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    query = urllib.parse.urlencode({"company": "Tessel Analytics", "format": "json"})
    status, _, body = _get(f"{base}/queries/investors?{query}")
    assert status == 200, body
    assert "Quillfield Partners" in body
    status, _, body = _get(f"{base}/queries/no-such-question")
    assert status == 404 and "no such query" in body


def test_update_is_refused_when_read_only(endpoint: str, store: Store) -> None:
    before = _count(store)
    client = SPARQLWrapper(endpoint.removesuffix("/sparql") + "/update")
    client.setMethod(POST)
    client.setQuery("DROP ALL")
    with pytest.raises(Exception) as caught:  # SPARQLWrapper has no class for 403
        client.query()
    assert "403" in str(caught.value)
    smuggled = endpoint + "?" + urllib.parse.urlencode({"query": "DROP ALL"})
    assert _get(smuggled)[0] == 403
    assert _count(store) == before


def test_update_with_the_token(writable: str, store: Store) -> None:
    client = SPARQLWrapper(writable)
    client.setMethod(POST)
    client.setQuery(
        PREFIX + f'INSERT DATA {{ GRAPH <urn:x:extra> {{ <{ENTITY}x> skos:prefLabel "X" }} }}'
    )
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.query()
    asked = store.query(PREFIX + f'ASK {{ <{ENTITY}x> skos:prefLabel "X" }}')
    assert isinstance(asked, SelectResult) and asked.boolean is True


def test_update_with_a_wrong_token_is_401(writable: str, store: Store) -> None:
    before = _count(store)
    client = SPARQLWrapper(writable)
    client.setMethod(POST)
    client.setQuery("DROP ALL")
    client.addCustomHttpHeader("Authorization", "Bearer wrong")
    with pytest.raises(Unauthorized):
        client.query()
    assert _count(store) == before


def test_invalid_sparql_is_400_with_the_parser_message(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        _client(endpoint, "SELECT ?x WHERE { ?x ", JSON).query()
    url = endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x "})
    status, _, body = _get(url)
    assert status == 400
    assert body.startswith("invalid SPARQL: ") and len(body.splitlines()) == 1


def test_unacceptable_format_is_406(endpoint: str) -> None:
    url = endpoint + "?" + urllib.parse.urlencode({"query": COMPANIES})
    status, _, body = _get(url, {"Accept": "image/png"})
    assert status == 406 and "offered" in body


def test_long_answers_are_truncated_with_a_header(store: Store) -> None:
    server = make_server(store, "127.0.0.1", 0, max_rows=1)
    stop = _start(server)
    try:
        url = server.url + "/sparql?" + urllib.parse.urlencode({"query": COMPANIES})
        status, headers, body = _get(url, {"Accept": "text/csv"})
    finally:
        stop()
    assert status == 200
    assert headers[TRUNCATED_HEADER] == "1"
    assert body.splitlines() == ["label", "Harbor Robotics"]


class _Blocking:
    """A real store whose queries wait until released (to reach the time limit)."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.location = inner.location
        self.release = threading.Event()

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def query(self, sparql: str, bindings: object = None) -> object:
        self.release.wait(30)
        return self.inner.query(sparql)


def test_slow_query_is_503(store: Store) -> None:
    blocking = _Blocking(store)
    server = make_server(blocking, "127.0.0.1", 0, timeout_s=0.2)  # type: ignore[arg-type]
    stop = _start(server)
    try:
        url = server.url + "/sparql?" + urllib.parse.urlencode({"query": COMPANIES})
        status, _, body = _get(url)
    finally:
        blocking.release.set()
        stop()
    assert status == 503 and "time limit" in body


def test_updates_need_a_token() -> None:
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="updates need a bearer token"):
        make_server("unused", "127.0.0.1", 0, updates=True)


def _serve_app() -> typer.Typer:
    """An application with only ``kg serve``, as the CLI registers it."""
    app = typer.Typer()
    app.callback()(lambda: None)
    serve_cli.register(app)
    return app


def test_serve_help_has_an_example() -> None:
    app = _serve_app()
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: kg serve" in result.stdout
    assert "--allow-updates" in result.stdout and "--token-env" in result.stdout


def test_allow_updates_without_the_variable_fails(tmp_path: Path) -> None:
    app = _serve_app()
    result = CliRunner().invoke(
        app,
        ["serve", "--port", "0", "--allow-updates", "--token-env", "KG_TEST_UNSET_TOKEN"],
        env={"KG_STORE": str(tmp_path / "s"), "KG_TEST_UNSET_TOKEN": ""},
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: KG_TEST_UNSET_TOKEN: environment variable is not set or empty\n"


def test_kg_remote_store_reads_through_kg_serve(endpoint: str) -> None:
    from kg.query import run_query

    remote = open_store(endpoint.removesuffix("/sparql"))
    result = run_query(remote, "investors", {"company": "Tessel Analytics"})
    assert isinstance(result, SelectResult)
    assert {str(row[0]) for row in result.rows} == {"Quillfield Partners"}


def test_memory_serves_a_copy_of_the_directory(tmp_path: Path) -> None:
    location = tmp_path / "store"
    disk = open_store(location)
    disk.replace_articles(article_graphs(FIXTURE))
    expected = [str(row[0]) for row in disk.query(COMPANIES).rows]  # type: ignore[union-attr]
    disk.close()
    server = make_server(str(location), "127.0.0.1", 0, memory=True)
    stop = _start(server)
    try:
        served = _client(server.url + "/sparql", COMPANIES, JSON).query().convert()
        labels = [b["label"]["value"] for b in served["results"]["bindings"]]  # type: ignore[index]
        assert labels == expected and len(labels) >= 2
        with open_store(location) as again:  # the directory is not held by the server
            again.remove_article(sorted(again.article_hashes())[0])
        served = _client(server.url + "/sparql", COMPANIES, JSON).query().convert()
        assert [b["label"]["value"] for b in served["results"]["bindings"]] == labels  # type: ignore[index]
    finally:
        stop()


def test_memory_is_read_only_and_for_directories(tmp_path: Path) -> None:
    from kg.errors import StoreError

    with pytest.raises(StoreError, match=r"in-memory copy is read-only \(drop --allow-updates\)"):
        make_server(str(tmp_path), "127.0.0.1", 0, updates=True, token=TOKEN, memory=True)
    with pytest.raises(StoreError, match="only an embedded store"):
        make_server("http://127.0.0.1:9/sparql", "127.0.0.1", 0, memory=True)


def test_memory_with_allow_updates_fails_in_one_line(tmp_path: Path) -> None:
    app = _serve_app()
    result = CliRunner().invoke(
        app,
        ["serve", "--port", "0", "--memory", "--allow-updates", "--token-env", "KG_T"],
        env={"KG_STORE": str(tmp_path / "s"), "KG_T": "tok"},
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: {tmp_path / 's'}: an in-memory copy is read-only (drop --allow-updates)\n"
    )


def test_memory_takes_a_file_url_like_any_store_option(tmp_path: Path) -> None:
    location = tmp_path / "store"
    disk = open_store(location)
    disk.replace_articles(article_graphs(FIXTURE))
    disk.close()
    server = make_server(f"file://{location}", "127.0.0.1", 0, memory=True)
    try:
        assert server.config.store.location == f"{location} (in-memory copy)"  # type: ignore[attr-defined]
        assert server.config.store.stats().articles == 2
    finally:
        server.server_close()
        server.config.store.close()
