"""Remote backend: any SPARQL 1.1 Query + Update endpoint, over stdlib HTTP.

Queries ask the server for the union of its named graphs as default graph with
Oxigraph's ``union-default-graph`` request parameter (other servers must be
configured that way: GraphDB and Virtuoso are by default, Fuseki with
``unionDefaultGraph``). Parameters travel as a ``VALUES`` block of escaped
terms at the start of the WHERE group; they are never spliced into patterns.

Big loads are sent as several update requests of whole articles. Two settings,
as constructor arguments or environment variables, tune them for a server:

* ``batch_triples`` / ``KG_REMOTE_BATCH``: triples per update request (default
  20000; an article is never split, so 1 sends one article per request);
* ``timeout`` / ``KG_REMOTE_TIMEOUT``: seconds to wait for the server to accept
  or answer a request, and between two reads of a streamed answer (default 120).
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import urllib.response
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import BinaryIO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.graph.triples import Triples
from kg.store.base import (
    Bindings,
    SelectResult,
    StoreStats,
    article_graph_iri,
    check_bindings,
    dump_format,
    one_line,
    ontology_graph_iri,
    read_article_hashes,
    read_stats,
    with_values,
)

#: Default triples per update request; an article is never split across requests.
BATCH_TRIPLES = 20_000
#: Default seconds to wait for the server (connecting, answering, between two reads).
TIMEOUT_S = 120.0
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
#: TSV is read a line at a time; JSON is the fallback of servers without it.
_ACCEPT_ROWS = "text/tab-separated-values, application/sparql-results+json;q=0.5"
_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


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
    """A SPARQL 1.1 endpoint reached over HTTP(S).

    ``batch_triples`` and ``timeout`` default to ``KG_REMOTE_BATCH`` and
    ``KG_REMOTE_TIMEOUT`` when set, else to 20000 triples and 120 seconds.
    """

    def __init__(
        self, location: str, *, batch_triples: int | None = None, timeout: float | None = None
    ) -> None:
        self.location = location
        self.query_url, self.update_url = endpoints(location)
        self.batch_triples = _setting(
            batch_triples, "KG_REMOTE_BATCH", BATCH_TRIPLES, int, "whole number of triples"
        )
        self.timeout = _setting(timeout, "KG_REMOTE_TIMEOUT", TIMEOUT_S, float, "number of seconds")
        user = os.environ.get("KG_STORE_USER")
        password = os.environ.get("KG_STORE_PASSWORD", "")
        self._auth = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        )

    # -- HTTP ---------------------------------------------------------------------------------

    @contextmanager
    def _open(
        self, url: str, body: bytes, content_type: str, accept: str, *, update: bool = False
    ) -> Iterator[urllib.response.addinfourl]:
        """POST and yield the open response; HTTP and network failures become kg errors."""
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "kg"}
        if self._auth:
            headers["Authorization"] = self._auth
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
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
            raise self._network_error(url, exc, update=update) from None
        with response:
            yield response

    def _network_error(self, url: str, exc: BaseException, *, update: bool = False) -> StoreError:
        """The one-line error for a failed connection or read, naming the endpoint."""
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
            hint = "set KG_REMOTE_TIMEOUT to wait longer"
            if update:
                hint += " or KG_REMOTE_BATCH to send fewer triples per update"
            return StoreError(f"{url}: no answer within {self.timeout:g} s ({hint})")
        return StoreError(f"{url}: cannot reach the SPARQL endpoint ({one_line(reason)})")

    def _post(
        self, url: str, body: bytes, content_type: str, accept: str, *, update: bool = False
    ) -> tuple[str, bytes]:
        with self._open(url, body, content_type, accept, update=update) as response:
            try:
                data = response.read()
            except OSError as exc:
                raise self._network_error(url, exc, update=update) from None
            return response.headers.get("Content-Type", ""), data

    def _update(self, update: str) -> None:
        self._post(
            self.update_url, update.encode(), "application/sparql-update", "*/*", update=True
        )

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server's update endpoint."""
        self._update(sparql)

    # -- writes -------------------------------------------------------------------------------

    def replace_article(self, doc_id: str, graph: Graph | Triples) -> None:
        """Atomically replace the named graph of article ``doc_id`` (one update request)."""
        self.replace_articles([(doc_id, graph)])

    def replace_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> None:
        """Replace article graphs, one update request per ``batch_triples`` of whole articles.

        Each request is atomic on servers that run an update as one transaction
        (Oxigraph does); the whole call is not when it needs several requests.
        """
        self.write_prepared(self.prepare_articles(graphs))

    def prepare_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> list[str]:
        """The update requests that replace ``graphs`` (every term escaped): no I/O."""
        return list(replace_requests(graphs, self.batch_triples))

    def write_prepared(self, prepared: list[str]) -> None:
        """Send the requests :meth:`prepare_articles` made, in order."""
        for update in prepared:
            self._update(update)

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

    def dump(self, output: BinaryIO, fmt: str = "nq") -> int:
        """Stream every quad of the named graphs to ``output``; return how many.

        One ``SELECT ?s ?p ?o ?g`` whose TSV answer is read a line at a time and
        written back as quads while it arrives, so memory stays flat.
        """
        import pyoxigraph as ox

        rdf_format, prefixes = dump_format(fmt)
        body = urllib.parse.urlencode({"query": _ALL_QUADS}).encode()
        url = self.query_url
        with self._open(url, body, "application/x-www-form-urlencoded", _ACCEPT_ROWS) as response:
            media = response.headers.get("Content-Type", "")
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is None:
                raise StoreError(f"{url}: unreadable results (unexpected type {media!r})")
            counted = [0]

            def quads() -> Iterator[ox.Quad]:
                try:
                    solutions = ox.parse_query_results(_Reader(self, url, response), results_format)
                    for row in solutions:  # type: ignore[union-attr]
                        s, p, o, g = row["s"], row["p"], row["o"], row["g"]
                        if s is None or p is None or o is None or g is None:
                            continue
                        counted[0] += 1
                        yield ox.Quad(s, p, o, g)  # type: ignore[arg-type]
                except SyntaxError as exc:
                    raise StoreError(f"{url}: unreadable results ({one_line(exc)})") from None

            ox.serialize(quads(), output, rdf_format, prefixes=prefixes)
        return counted[0]

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


class _Reader:
    """The HTTP answer as a binary file whose read failures name the endpoint.

    Output errors stay OSError; this tells them apart from a dropped or slow server.
    """

    def __init__(self, store: RemoteStore, url: str, response: BinaryIO) -> None:
        self._store, self._url, self._response = store, url, response

    def read(self, size: int = -1) -> bytes:
        try:
            return self._response.read(size)
        except OSError as exc:
            raise self._store._network_error(self._url, exc) from None


def _setting(given: float | None, variable: str, default: float, kind: type, unit: str) -> float:
    """A positive setting: the argument, else the environment variable, else the default."""
    if given is not None:
        value, source = given, "argument"
    else:
        text = os.environ.get(variable, "").strip()
        if not text:
            return kind(default)  # type: ignore[no-any-return]
        value, source = text, variable
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not number > 0:
        raise StoreError(f"{source}: {value!r} is not a positive {unit}")
    return number  # type: ignore[no-any-return]


def replace_requests(
    graphs: Sequence[tuple[str, Graph | Triples]], batch_triples: int
) -> Iterator[str]:
    """SPARQL updates replacing ``graphs``: whole articles, about ``batch_triples`` each.

    A request is sent once it holds ``batch_triples`` or more, so an article larger
    than the batch goes alone.

    >>> g = Graph().add((URIRef("http://e/s"), URIRef("http://e/p"), Literal(1)))
    >>> len(list(replace_requests([("a", g), ("b", g), ("c", g)], 2)))
    2
    """
    batch: list[str] = []
    size = 0
    for doc_id, graph in graphs:
        batch.append(_replace_graph(article_graph_iri(doc_id), graph, doc_id))
        size += len(graph)
        if size >= batch_triples:
            yield " ;\n".join(batch)
            batch, size = [], 0
    if batch:
        yield " ;\n".join(batch)


def _n3(term: Identifier, label: str) -> str:
    try:
        return term.n3()
    except Exception as exc:  # rdflib raises a bare Exception for unserialisable IRIs
        raise StoreError(f"{label}: cannot store term ({one_line(exc)})") from None


def _replace_graph(name: URIRef, graph: Graph | Triples, label: str) -> str:
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
