"""Remote SPARQL store: endpoint URLs, credentials, errors and VALUES placement."""

from __future__ import annotations

import socket

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store.base import with_values
from kg.store.remote import RemoteStore, endpoints


def test_update_endpoint_is_derived_from_query_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE_UPDATE_URL", raising=False)
    assert endpoints("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("https://h/") == ("https://h/query", "https://h/update")
    assert endpoints("http://h/ds/sparql") == ("http://h/ds/sparql", "http://h/ds/sparql")


def test_update_endpoint_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE_UPDATE_URL", "http://h/ds/update")
    assert endpoints("http://h/ds/query")[1] == "http://h/ds/update"


def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(StoreError) as info:
        RemoteStore("http://alice:secret@h:7878/query")
    assert str(info.value) == (
        "http://h:7878/query: credentials in the URL are not accepted; "
        "set KG_STORE_USER and KG_STORE_PASSWORD"
    )
    assert "secret" not in str(info.value)


def test_basic_auth_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE_USER", "alice")
    monkeypatch.setenv("KG_STORE_PASSWORD", "secret")
    assert RemoteStore("http://h/query")._auth == "Basic YWxpY2U6c2VjcmV0"


def test_unreachable_endpoint_names_the_url() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port once the socket is closed.
    store = RemoteStore(f"http://127.0.0.1:{port}/query")
    with pytest.raises(
        StoreError, match=rf"^http://127\.0\.0\.1:{port}/query: cannot reach the SPARQL endpoint \("
    ):
        store.stats()


def test_server_parse_errors_become_query_errors(sparql_server: str) -> None:
    with pytest.raises(QueryError, match="^invalid SPARQL: error at 1:"):
        RemoteStore(sparql_server).query("SELECT ?s WHERE { ?s ")


E = URIRef("http://e/x")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { ?e ?p ?o }", "SELECT * { VALUES (?e) { (<http://e/x>) } ?e ?p ?o }"),
        (
            'PREFIX k: <http://k/#>\n# a comment { \nSELECT ?e WHERE { ?e k:p "}{" }',
            "PREFIX k: <http://k/#>\n# a comment { \nSELECT ?e WHERE { "
            'VALUES (?e) { (<http://e/x>) } ?e k:p "}{" }',
        ),
        (
            "CONSTRUCT { ?e ?p '''{''' } WHERE { ?e ?p ?o }",
            "CONSTRUCT { ?e ?p '''{''' } WHERE { VALUES (?e) { (<http://e/x>) } ?e ?p ?o }",
        ),
        ("ASK{?e ?p ?o}", "ASK{ VALUES (?e) { (<http://e/x>) }?e ?p ?o}"),
    ],
)
def test_values_go_at_the_start_of_the_where_group(query: str, expected: str) -> None:
    assert with_values(query, {"e": E}) == expected


def test_values_escape_literals() -> None:
    text = with_values("SELECT * { ?s ?p ?o }", {"o": Literal('x" } ; DROP ALL ; #')})
    assert text == 'SELECT * { VALUES (?o) { ("x\\" } ; DROP ALL ; #") } ?s ?p ?o }'


@pytest.mark.parametrize("query", ["DESCRIBE <http://e/x>", "CONSTRUCT WHERE { ?e ?p ?o }"])
def test_queries_without_a_where_group_cannot_take_bindings(query: str) -> None:
    with pytest.raises(QueryError, match="^parameters need a query with a WHERE"):
        with_values(query, {"e": E})
