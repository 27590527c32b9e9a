"""Remote backend: any SPARQL 1.1 Query + Update endpoint, over stdlib HTTP.

Queries ask the server for the union of its named graphs as default graph with
Oxigraph's ``union-default-graph`` request parameter (other servers must be
configured that way: GraphDB and Virtuoso are by default, Fuseki with
``unionDefaultGraph``). Parameters travel as a ``VALUES`` block of escaped
terms at the start of the WHERE group; they are never spliced into patterns.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.store.base import (
    Bindings,
    SelectResult,
    StoreStats,
    article_graph_iri,
    check_bindings,
    one_line,
    ontology_graph_iri,
    read_article_hashes,
    read_stats,
    with_values,
)

#: Triples per update request; an article is never split across requests.
BATCH_TRIPLES = 20_000
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_TIMEOUT_S = 120


def endpoints(location: str) -> tuple[str, str]:
    """Query and update URLs for a location (``KG_STORE_UPDATE_URL`` overrides the latter).

    >>> endpoints("http://localhost:7878/query")
    ('http://localhost:7878/query', 'http://localhost:7878/update')
    >>> endpoints("http://localhost:7878")
    ('http://localhost:7878/query', 'http://localhost:7878/update')
    """
    parts = urllib.parse.urlsplit(location)
    if parts.username or parts.password:
        raise StoreError(
            f"{_redact(location)}: credentials in the URL are not accepted; "
            "set KG_STORE_USER and KG_STORE_PASSWORD"
        )
    path = parts.path.rstrip("/")
    if not path:
        query_url = urllib.parse.urlunsplit(parts._replace(path="/query"))
    else:
        query_url = location
    if query_url.endswith("/query"):
        update_url = query_url[: -len("/query")] + "/update"
    else:
        update_url = query_url
    return query_url, os.environ.get("KG_STORE_UPDATE_URL") or update_url


def _redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


class RemoteStore:
    """A SPARQL 1.1 endpoint reached over HTTP(S)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.query_url, self.update_url = endpoints(location)
        user = os.environ.get("KG_STORE_USER")
        password = os.environ.get("KG_STORE_PASSWORD", "")
        self._auth = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        )

    # -- HTTP ---------------------------------------------------------------------------------

    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "kg"}
        if self._auth:
            headers["Authorization"] = self._auth
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = one_line(exc.read().decode("utf-8", "replace") or exc.reason)
            if exc.code == 400:
                raise QueryError(f"invalid SPARQL: {detail}") from None
            if exc.code in (401, 403):
                raise StoreError(
                    f"{url}: access denied (HTTP {exc.code}); check KG_STORE_USER/KG_STORE_PASSWORD"
                ) from None
            raise StoreError(f"{url}: HTTP {exc.code} ({detail})") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(
                f"{url}: cannot reach the SPARQL endpoint ({one_line(reason)})"
            ) from None

    def _update(self, update: str) -> None:
        self._post(self.update_url, update.encode(), "application/sparql-update", "*/*")

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server's update endpoint."""
        self._update(sparql)

    # -- writes -------------------------------------------------------------------------------

    def replace_article(self, doc_id: str, graph: Graph) -> None:
        """Atomically replace the named graph of article ``doc_id`` (one update request)."""
        self.replace_articles([(doc_id, graph)])

    def replace_articles(self, graphs: Sequence[tuple[str, Graph]]) -> None:
        """Replace article graphs, one update request per batch of whole articles."""
        batch: list[str] = []
        size = 0
        for doc_id, graph in graphs:
            batch.append(_replace_graph(article_graph_iri(doc_id), graph, doc_id))
            size += len(graph)
            if size >= BATCH_TRIPLES:
                self._update(" ;\n".join(batch))
                batch, size = [], 0
        if batch:
            self._update(" ;\n".join(batch))

    def remove_article(self, doc_id: str) -> bool:
        """Drop the article's graph; True when it existed."""
        name = article_graph_iri(doc_id)
        exists = self.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        if not (isinstance(exists, SelectResult) and exists.boolean):
            return False
        self._update(f"DROP SILENT GRAPH <{name}>")
        return True

    def set_ontology(self, graph: Graph) -> None:
        """Store the ontology in its own named graph, replacing any older version."""
        self._update(_replace_graph(ontology_graph_iri(), graph, "ontology"))

    # -- reads --------------------------------------------------------------------------------

    def article_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every stored article."""
        return read_article_hashes(self)

    def query(self, sparql: str, bindings: Bindings | None = None) -> SelectResult | Graph:
        """Run a read query over the union of named graphs; bindings become a VALUES block."""
        checked = check_bindings(bindings)
        if checked:
            sparql = with_values(sparql, checked)
        body = urllib.parse.urlencode({"query": sparql, "union-default-graph": "true"})
        content_type, data = self._post(
            self.query_url, body.encode(), "application/x-www-form-urlencoded", _ACCEPT
        )
        if "json" in content_type:
            return _parse_results(data, self.query_url)
        graph = Graph()
        try:
            graph.parse(data=data.decode("utf-8"), format="nt")
        except Exception as exc:  # rdflib raises several unrelated types
            raise StoreError(f"{self.query_url}: unreadable graph ({one_line(exc)})") from None
        return graph

    def stats(self) -> StoreStats:
        """Counts of articles, triples, entities by class and facts by property."""
        return read_stats(self)

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


def _n3(term: Identifier, label: str) -> str:
    try:
        return term.n3()
    except Exception as exc:  # rdflib raises a bare Exception for unserialisable IRIs
        raise StoreError(f"{label}: cannot store term ({one_line(exc)})") from None


def _replace_graph(name: URIRef, graph: Graph, label: str) -> str:
    """``DROP SILENT GRAPH`` + ``INSERT DATA`` for one graph, every term escaped by rdflib."""
    lines = [f"{_n3(s, label)} {_n3(p, label)} {_n3(o, label)} ." for s, p, o in graph]
    drop = f"DROP SILENT GRAPH <{name}>"
    if not lines:
        return drop
    return drop + f" ;\nINSERT DATA {{ GRAPH <{name}> {{\n" + "\n".join(lines) + "\n} }"


def _term(value: dict[str, str]) -> Identifier | None:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        if "datatype" in value:
            return Literal(value["value"], datatype=URIRef(value["datatype"]))
        return Literal(value["value"])
    return None


def _parse_results(data: bytes, url: str) -> SelectResult:
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise StoreError(f"{url}: unreadable results ({one_line(exc)})") from None
    if "boolean" in doc:
        return SelectResult(variables=[], rows=[], boolean=bool(doc["boolean"]))
    names = list(doc.get("head", {}).get("vars", []))
    rows = [
        tuple(_term(b[n]) if n in b else None for n in names)
        for b in doc.get("results", {}).get("bindings", [])
    ]
    return SelectResult(variables=names, rows=rows)
