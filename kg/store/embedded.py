"""Embedded backend: a pyoxigraph store in a local directory.

Small writes are one Oxigraph transaction each. Big writes of new article graphs go
through Oxigraph's bulk loader, five times faster but not atomic, under a journal: the
graphs about to be written are named in ``kgg:pending`` (in a transaction) first and the
journal is emptied last, and opening a store whose journal is not empty drops those
graphs. Either way a crash or a bad term never leaves half an article behind. Queries
run over the union of the named graphs and take their parameters through pyoxigraph
``substitutions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import KG, PENDING_GRAPH
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
#: New article graphs totalling this many quads or more are bulk-loaded under the journal
#: (one article is ~150 quads and stays a plain transaction).
BULK_AFTER = 5_000
_PENDING = ox.NamedNode(str(PENDING_GRAPH))
_WRITING = ox.NamedNode(str(KG.writing))
_TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))
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


@dataclass(frozen=True)
class PreparedGraphs:
    """Named graphs as N-Triples lines (no final dot) and as one N-Quads document."""

    batches: list[tuple[URIRef, list[str]]]
    nquads: bytes


class EmbeddedStore:
    """An Oxigraph store in a directory (one process at a time), or a read-only in-memory copy."""

    #: True for an in-memory copy (:meth:`in_memory_copy`): a write would be lost.
    read_only: bool = False

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
        self.recovered = self._undo_interrupted_write()

    @classmethod
    def in_memory_copy(cls, location: str | Path) -> EmbeddedStore:
        """A read-only copy, held in memory, of the store in directory ``location``.

        For a long-running reader such as ``kg serve --memory``: Oxigraph answers from
        memory without reading RocksDB's compressed blocks (at 1M triples, lookups 2–4×
        faster, copied in about 6 s into about 0.5 GB). The directory is released once
        copied, so later builds into it are not seen by the copy.
        """
        path = Path(location)
        if not path.is_dir():
            raise StoreError(f"{path}: no store to copy (not a directory)")
        copy = ox.Store()
        with cls(path) as disk:  # opened for writing: it takes the lock, undoes a crash
            try:
                copy.bulk_extend(disk._db.quads_for_pattern(None, None, None, None))
            except OSError as exc:
                raise StoreError(f"{disk.location}: cannot copy store ({one_line(exc)})") from None
        snapshot = cls.__new__(cls)
        snapshot.location = f"{path} (in-memory copy)"
        snapshot._store = copy
        snapshot.recovered = disk.recovered
        snapshot.read_only = True
        return snapshot

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._store

    def _writable(self) -> ox.Store:
        """The store to write to; an error for an in-memory copy, whose writes would vanish."""
        if self.read_only:
            raise StoreError(
                f"{self.location}: read-only (a write would be lost when it closes; "
                "write to the directory itself)"
            )
        return self._db

    def _undo_interrupted_write(self) -> int:
        """Drop the graphs of a bulk write that did not finish; return how many."""
        db = self._db
        try:
            if not db.contains_named_graph(_PENDING):
                return 0
            names = {q.subject for q in db.quads_for_pattern(None, _WRITING, None, _PENDING)}
            for name in names:
                if isinstance(name, ox.NamedNode):
                    db.remove_graph(name)
            db.remove_graph(_PENDING)  # last: a crash in here is undone again next time
        except OSError as exc:
            raise StoreError(f"{self.location}: cannot recover store ({one_line(exc)})") from None
        return len(names)

    def _bulk_insert(self, names: list[URIRef], nquads: bytes) -> None:
        """Write new graphs with the bulk loader, journalled so a crash can be undone."""
        db = self._writable()
        journal = [ox.Quad(ox.NamedNode(str(name)), _WRITING, _TRUE, _PENDING) for name in names]
        db.extend(journal)
        try:
            # every term was checked when ``_lines`` made it a pyoxigraph term: skip re-checking
            db.bulk_load(nquads, ox.RdfFormat.N_QUADS, lenient=True)
        except BaseException:
            self._undo_interrupted_write()  # a failed load leaves no part of any graph
            raise
        # The journal's entries are removed one by one: dropping the journal graph walks
        # every entry a long build ever removed from it (100k articles: 7 s instead of 4 s).
        # A crash in here drops, at the next open, only graphs whose entry is still there.
        for quad in journal:
            db.remove(quad)

    def _lines(self, graph: Graph | Triples, label: str, cache: dict[int, str]) -> list[str]:
        """The triples as N-Triples lines (no final dot), each term checked by pyoxigraph."""
        # Articles share most terms. Keyed by id(): hashing an rdflib term costs more than
        # converting it, and the graphs being written keep their terms alive meanwhile.
        get = cache.get
        lines = []
        try:
            for s, p, o in graph:
                ts = get(id(s)) or cache.setdefault(id(s), str(to_oxigraph(s)))
                tp = get(id(p)) or cache.setdefault(id(p), str(to_oxigraph(p)))
                to = get(id(o)) or cache.setdefault(id(o), str(to_oxigraph(o)))
                lines.append(f"{ts} {tp} {to}")
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{label}: cannot store term ({one_line(exc)})") from None
        return lines

    def _replace(self, graphs: Sequence[tuple[URIRef, Graph | Triples, str]]) -> None:
        """Replace named graphs: one transaction, or one journalled bulk load when all are new."""
        self.write_prepared(self._prepare(graphs))

    def _prepare(self, graphs: Sequence[tuple[URIRef, Graph | Triples, str]]) -> PreparedGraphs:
        cache: dict[int, str] = {}
        batches = [(name, self._lines(graph, label, cache)) for name, graph, label in graphs]
        nquads = "".join(f"{line} <{name}> .\n" for name, lines in batches for line in lines)
        return PreparedGraphs(batches, nquads.encode())

    def prepare_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> PreparedGraphs:
        """Article graphs serialised, every term checked: the CPU half of a write.

        Kept apart from :meth:`write_prepared` so a build can prepare the next chunk while
        the store writes this one (Oxigraph writes without holding Python's GIL).
        """
        return self._prepare([(article_graph_iri(d), graph, d) for d, graph in graphs])

    def write_prepared(self, prepared: PreparedGraphs) -> None:
        """Write what :meth:`prepare_articles` made; each graph whole or not at all."""
        batches = prepared.batches
        if not batches:
            return
        db = self._writable()
        try:
            size = sum(len(lines) for _, lines in batches)
            if any(db.contains_named_graph(ox.NamedNode(str(name))) for name, _ in batches):
                db.update(_replace_update(batches))
            elif size >= BULK_AFTER:
                # The bulk loader writes files of its own, not the write buffers: no flush,
                # which would wait for the compactions a long build keeps starting (100k
                # articles: 32 s of waiting).
                self._bulk_insert([name for name, _ in batches], prepared.nquads)
                return
            else:  # a few new articles: one transactional load
                db.load(prepared.nquads, ox.RdfFormat.N_QUADS)
            if size >= FLUSH_AFTER:
                db.flush()  # else the write buffers of a long build keep growing in memory
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"{self.location}: write failed ({one_line(exc)})") from None

    def replace_article(self, doc_id: str, graph: Graph | Triples) -> None:
        """Atomically replace the named graph of article ``doc_id`` with ``graph``."""
        self.replace_articles([(doc_id, graph)])

    def replace_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> None:
        """Replace several article graphs at once; each is written whole or not at all."""
        self.write_prepared(self.prepare_articles(graphs))

    def remove_article(self, doc_id: str) -> bool:
        """Drop the article's graph; True when it existed."""
        name = ox.NamedNode(str(article_graph_iri(doc_id)))
        db = self._writable()
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
        substitutions = {}
        for name, term in checked.items():
            try:
                substitutions[ox.Variable(name)] = to_oxigraph(term)
            except ValueError as exc:  # an IRI Oxigraph rejects ("http://[x", "%zz")
                raise QueryError(f"binding {name!r}: {one_line(exc)}") from None
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
        db = self._writable()
        try:
            db.update(sparql)
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
            if not self.read_only:
                self._store.flush()
            self._store = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _replace_update(batches: Iterable[tuple[URIRef, list[str]]]) -> str:
    """One SPARQL update that drops and refills graphs (lines as written by ``_lines``)."""
    drops: list[str] = []
    inserts: list[str] = []
    for name, lines in batches:
        drops.append(f"DROP SILENT GRAPH <{name}>")
        body = " .\n".join(lines)
        inserts.append(f"GRAPH <{name}> {{\n{body}\n}}")
    return " ;\n".join(drops) + " ;\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"


def _convert(result: object) -> SelectResult | Graph:
    if isinstance(result, ox.QueryBoolean):
        return SelectResult(variables=[], rows=[], boolean=bool(result))
    seen: dict[object, Identifier | None] = {None: None}  # results repeat terms: convert once
    get = seen.get

    def term(value: object) -> Identifier | None:
        found = get(value, seen)
        if found is seen:
            found = seen[value] = to_rdflib(value)
        return found  # type: ignore[return-value]

    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        # a solution iterates over its values in the order of the variables (None: unbound)
        rows = [tuple(map(term, solution)) for solution in result]
        return SelectResult(variables=names, rows=rows)
    graph = Graph()
    for triple in result:  # type: ignore[attr-defined]
        s, p, o = (term(t) for t in triple)
        if s is not None and p is not None and o is not None:
            graph.add((s, p, o))
    return graph
