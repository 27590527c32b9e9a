"""Remote SPARQL store: endpoint URLs, credentials, errors, VALUES placement, batches."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store.base import SelectResult, Store, with_values
from kg.store.remote import RemoteStore, endpoints, replace_requests


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


# -- batch size and timeout -------------------------------------------------------------------


def test_settings_default_and_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_REMOTE_BATCH", raising=False)
    monkeypatch.delenv("KG_REMOTE_TIMEOUT", raising=False)
    store = RemoteStore("http://h/query")
    assert (store.batch_triples, store.timeout) == (20_000, 120.0)
    monkeypatch.setenv("KG_REMOTE_BATCH", "500")
    monkeypatch.setenv("KG_REMOTE_TIMEOUT", "2.5")
    store = RemoteStore("http://h/query")
    assert (store.batch_triples, store.timeout) == (500, 2.5)
    store = RemoteStore("http://h/query", batch_triples=7, timeout=9)
    assert (store.batch_triples, store.timeout) == (7, 9.0)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("KG_REMOTE_BATCH", "a", "KG_REMOTE_BATCH: 'a' is not a positive whole number of triples"),
        ("KG_REMOTE_BATCH", "0", "KG_REMOTE_BATCH: '0' is not a positive whole number of triples"),
        ("KG_REMOTE_TIMEOUT", "-1", "KG_REMOTE_TIMEOUT: '-1' is not a positive number of seconds"),
    ],
)  # fmt: skip
def test_bad_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(StoreError) as info:
        RemoteStore("http://h/query")
    assert str(info.value) == message


def test_articles_are_batched_whole(news: list[tuple[str, Graph]]) -> None:
    sizes = [len(graph) for _, graph in news]  # 112, 88, 86 triples
    assert len(list(replace_requests(news, 1))) == 3  # one article per request
    assert len(list(replace_requests(news, sizes[0] + 1))) == 2  # a1+b2, then c3
    assert len(list(replace_requests(news, sum(sizes)))) == 1
    assert list(replace_requests([], 1)) == []


def all_quads(store: Store) -> set[tuple[object, ...]]:
    result = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    return set(result.rows)


def test_one_article_per_request_stores_the_same_graph(
    sparql_server: str, news: list[tuple[str, Graph]]
) -> None:
    one_batch = RemoteStore(sparql_server)
    one_batch.update("DROP ALL")
    one_batch.replace_articles(news)
    expected = all_quads(one_batch)
    assert len(expected) == 286

    one_batch.update("DROP ALL")
    per_article = RemoteStore(sparql_server, batch_triples=1)
    per_article.replace_articles(news)
    assert all_quads(per_article) == expected
    per_article.replace_articles(news)  # replacing again, still one article per request
    assert all_quads(per_article) == expected
    assert per_article.article_hashes() == {"a1": "hash-a1", "b2": "hash-b2", "c3": "hash-c3"}
    per_article.update("DROP ALL")


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers (a server stuck on a big update)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/query"


def test_timeout_names_the_endpoint_and_the_setting(silent_server: str) -> None:
    store = RemoteStore(silent_server, timeout=0.2)
    update_url = silent_server.removesuffix("/query") + "/update"
    with pytest.raises(StoreError) as info:
        store.replace_articles([("a1", Graph())])
    assert str(info.value) == (
        f"{update_url}: no answer within 0.2 s "
        "(set KG_REMOTE_TIMEOUT to wait longer or KG_REMOTE_BATCH to send fewer triples per update)"
    )
    with pytest.raises(StoreError) as info:
        store.stats()
    assert str(info.value) == (
        f"{silent_server}: no answer within 0.2 s (set KG_REMOTE_TIMEOUT to wait longer)"
    )
