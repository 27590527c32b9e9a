"""Embedded backend: a pyoxigraph store in a local directory.

Every write is one Oxigraph transaction, so a crash or a bad term never leaves
half an article behind. Queries run over the union of the named graphs and
take their parameters through pyoxigraph ``substitutions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
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

_XSD_STRING = str(XSD.string)
#: A write of this many quads or more is flushed to disk at once (a build writes 500
#: articles, ~75k quads, at a time): without it a 10k-article build held 1.4 GB.
FLUSH_AFTER = 20_000
_LANG_STRING = str(RDF.langString)


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the pyoxigraph term (which validates IRIs)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_rdflib(term: object) -> Identifier | None:
    """Convert a pyoxigraph term back to rdflib (None for unbound or RDF-star terms)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    return None


class EmbeddedStore:
    """An on-disk Oxigraph store; one process at a time may open a directory."""

    def __init__(self, location: str | Path) -> None:
        path = Path(location)
        self.location = str(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._store: ox.Store | None = ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{self.location}: store in use by another kg process "
                    "(wait for it to finish or choose another --store)"
                ) from None
            raise StoreError(f"{self.location}: cannot open store ({one_line(exc)})") from None

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._store

    def _quads(
        self, graph_name: URIRef, graph: Graph | Triples, label: str, cache: dict | None = None
    ) -> list[ox.Quad]:
        target = ox.NamedNode(str(graph_name))
        seen: dict = {} if cache is None else cache  # articles share most terms

        def term(t: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
            found = seen.get(t)
            if found is None:
                found = seen[t] = to_oxigraph(t)
            return found

        try:
            return [
                ox.Quad(term(s), term(p), term(o), target)  # type: ignore[arg-type]
                for s, p, o in graph
            ]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{label}: cannot store term ({one_line(exc)})") from None

    def _replace(self, graphs: Sequence[tuple[URIRef, Graph | Triples, str]]) -> None:
        """Replace named graphs in one transaction."""
        cache: dict = {}
        batches = [(name, self._quads(name, graph, label, cache)) for name, graph, label in graphs]
        db = self._db
        try:
            if not any(db.contains_named_graph(ox.NamedNode(str(name))) for name, _ in batches):
                # Fast path for new articles: one transactional insert.
                db.extend(quad for _, quads in batches for quad in quads)
            else:
                db.update(_replace_update(batches))
            if sum(len(quads) for _, quads in batches) >= FLUSH_AFTER:
                db.flush()  # else the write buffers of a long build keep growing in memory
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"{self.location}: write failed ({one_line(exc)})") from None

    def replace_article(self, doc_id: str, graph: Graph | Triples) -> None:
        """Atomically replace the named graph of article ``doc_id`` with ``graph``."""
        self.replace_articles([(doc_id, graph)])

    def replace_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> None:
        """Replace several article graphs in a single transaction."""
        named = [(article_graph_iri(doc_id), graph, doc_id) for doc_id, graph in graphs]
        if named:
            self._replace(named)

    def remove_article(self, doc_id: str) -> bool:
        """Drop the article's graph; True when it existed."""
        name = ox.NamedNode(str(article_graph_iri(doc_id)))
        db = self._db
        try:
            if not db.contains_named_graph(name):
                return False
            db.remove_graph(name)
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed ({one_line(exc)})") from None
        return True

    def article_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every stored article."""
        return read_article_hashes(self)

    def set_ontology(self, graph: Graph) -> None:
        """Store the ontology in its own named graph, replacing any older version."""
        self._replace([(ontology_graph_iri(), graph, "ontology")])

    def query(self, sparql: str, bindings: Bindings | None = None) -> SelectResult | Graph:
        """Run a read query over the union of all graphs; bindings are substituted as terms."""
        checked = check_bindings(bindings)
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in checked.items()}
        try:
            try:
                result = self._db.query(
                    sparql, use_default_graph_as_union=True, substitutions=substitutions or None
                )
            except RuntimeError as exc:
                if "projection" not in str(exc):
                    raise
                # Oxigraph substitutes projected variables only; others join a VALUES row.
                result = self._db.query(
                    with_values(sparql, checked), use_default_graph_as_union=True
                )
            return _convert(result)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {one_line(exc.msg or exc)}") from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {one_line(exc)}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""
        try:
            self._db.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {one_line(exc.msg or exc)}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.location}: update failed ({one_line(exc)})") from None

    def stats(self) -> StoreStats:
        """Counts of articles, triples, entities by class and facts by property."""
        return read_stats(self)

    def dump(self, output: BinaryIO, fmt: str = "nq") -> int:
        """Stream every quad to ``output`` with Oxigraph's own serializer; return how many."""
        rdf_format, prefixes = dump_format(fmt)
        db = self._db
        try:
            count = len(db)
        except OSError as exc:
            raise StoreError(f"{self.location}: read failed ({one_line(exc)})") from None
        # Only this process may open the directory, so the count taken just before the
        # dump is the number of quads it writes (barring a concurrent update of our own).
        db.dump(output, rdf_format, prefixes=prefixes)
        return count

    def close(self) -> None:
        """Flush and release the directory lock."""
        if self._store is not None:
            self._store.flush()
            self._store = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _replace_update(batches: Iterable[tuple[URIRef, list[ox.Quad]]]) -> str:
    """One SPARQL update that drops and refills graphs; terms are written by pyoxigraph."""
    drops: list[str] = []
    inserts: list[str] = []
    for name, quads in batches:
        drops.append(f"DROP SILENT GRAPH <{name}>")
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        inserts.append(f"GRAPH <{name}> {{\n{body}\n}}")
    return " ;\n".join(drops) + " ;\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"


def _convert(result: object) -> SelectResult | Graph:
    if isinstance(result, ox.QueryBoolean):
        return SelectResult(variables=[], rows=[], boolean=bool(result))
    seen: dict[object, Identifier | None] = {}  # results repeat terms: convert each once

    def term(value: object) -> Identifier | None:
        if value is None:
            return None
        found = seen.get(value, seen)
        if found is seen:
            found = seen[value] = to_rdflib(value)
        return found  # type: ignore[return-value]

    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [tuple(term(solution[name]) for name in names) for solution in result]
        return SelectResult(variables=names, rows=rows)
    graph = Graph()
    for triple in result:  # type: ignore[attr-defined]
        s, p, o = (term(t) for t in triple)
        if s is not None and p is not None and o is not None:
            graph.add((s, p, o))
    return graph
