"""The contract every store backend meets (embedded Oxigraph, remote SPARQL 1.1).

Articles are the unit of change: each lives in its own named graph, so a
re-ingested article replaces its graph whole and a removed one takes exactly
what it supported with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, runtime_checkable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Variable

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import (
    ENTITIES_GRAPH,
    KG,
    KGG,
    KGID,
    ONTOLOGY_GRAPH,
    PREFIXES,
    article_graph,
    doc_id_of_graph,
)
from kg.graph.triples import Triples

if TYPE_CHECKING:
    import pyoxigraph

#: A query parameter bound as an RDF term (never spliced into the query text).
Bindings = Mapping[str, Identifier]

#: Formats ``Store.dump`` writes: the usual file suffix of each quad format.
DUMP_FORMATS = ("nq", "trig")


@dataclass
class SelectResult:
    """Rows of a SELECT (or the single boolean of an ASK) as rdflib terms."""

    variables: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None  # set for ASK queries


@dataclass
class StoreStats:
    """Counts for `kg stats`."""

    articles: int
    triples: int
    entities_by_class: dict[str, int]
    facts_by_property: dict[str, int]

    def text(self) -> str:
        """The report ``kg stats`` prints: totals, then one indented line per class/property."""
        lines = [f"articles  {self.articles}", f"triples   {self.triples}"]
        for title, counts in (
            ("entities by class", self.entities_by_class),
            ("facts by property", self.facts_by_property),
        ):
            lines.append(f"{title} ({sum(counts.values())})")
            width = max((len(k) for k in counts), default=0)
            lines += [f"  {name.ljust(width)}  {n}" for name, n in counts.items()]
        return "\n".join(lines) + "\n"


@runtime_checkable
class Store(Protocol):
    """What the pipeline, the query library, the explorer and exports rely on."""

    location: str

    def replace_article(self, doc_id: str, graph: Graph | Triples) -> None:
        """Atomically replace the named graph of article ``doc_id`` with ``graph``."""

    def replace_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> None:
        """Replace several article graphs using the backend's bulk path."""

    def prepare_articles(self, graphs: Sequence[tuple[str, Graph | Triples]]) -> Any:
        """``replace_articles`` in two halves: serialise and check the graphs (no I/O) ..."""

    def write_prepared(self, prepared: Any) -> None:
        """... then write them (what this store's ``prepare_articles`` returned)."""

    def remove_article(self, doc_id: str) -> bool:
        """Drop the article's graph; True when it existed."""

    def article_hashes(self) -> dict[str, str]:
        """doc_id → content hash of every stored article (to skip unchanged input)."""

    def set_ontology(self, graph: Graph) -> None:
        """Store the ontology in its own named graph (replacing any older version)."""

    def query(self, sparql: str, bindings: Bindings | None = None) -> SelectResult | Graph:
        """Run SELECT/ASK (→ SelectResult) or CONSTRUCT/DESCRIBE (→ Graph) over the union."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (used by `kg infer` and `kg serve --allow-updates`)."""

    def stats(self) -> StoreStats:
        """Counts of articles, triples, entities by class and facts by property."""

    def dump(self, output: BinaryIO, fmt: str = "nq") -> int:
        """Stream every quad to ``output`` in ``fmt`` (see DUMP_FORMATS); return how many.

        Memory stays flat whatever the store's size: quads are written as they are read.
        Errors of the store are StoreError; errors writing ``output`` stay OSError.
        """

    def close(self) -> None:
        """Release files, locks and connections."""


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')

_PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
_HASHES = (
    _PREFIXES
    + f"""SELECT ?g ?hash WHERE {{
  GRAPH ?g {{ ?article a kg:Article ; kg:contentHash ?hash }}
  FILTER(STRSTARTS(STR(?g), "{KGG}article/"))
}}"""
)
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# every article graph holds its kg:Article node: counting those reads one index range
# instead of every quad (1M triples: 1.9 s → a few ms)
_ARTICLES = f"""SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  GRAPH ?g {{ ?a a <{KG}Article> }} FILTER(STRSTARTS(STR(?g), "{KGG}article/"))
}}"""
_CLASSES = (
    _PREFIXES
    + f"""SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  GRAPH ?g {{ ?e a ?class }}
  FILTER((?g = <{ENTITIES_GRAPH}> || STRSTARTS(STR(?g), "{KGG}article/"))
         && STRSTARTS(STR(?class), STR(kg:)) && STRSTARTS(STR(?e), "{KGID}entity/"))
}} GROUP BY ?class"""
)
_FACTS = (
    _PREFIXES
    + """SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE {
  GRAPH ?g { ?c a kg:Claim ; rdf:predicate ?p }
} GROUP BY ?p"""
)


def article_graph_iri(doc_id: str) -> URIRef:
    """Name of an article's graph, after checking the id is safe inside an IRI."""
    if not doc_id or _IRI_UNSAFE.search(doc_id):
        raise StoreError(f"article id {doc_id!r}: not usable in a graph name")
    return article_graph(doc_id)


def ontology_graph_iri() -> URIRef:
    """Name of the graph that holds the ontology."""
    return ONTOLOGY_GRAPH


def check_bindings(bindings: Bindings | None) -> dict[str, Identifier]:
    """Validate variable names and term types of query bindings."""
    checked: dict[str, Identifier] = {}
    for name, term in (bindings or {}).items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"binding {name!r}: not a SPARQL variable name")
        if not isinstance(term, URIRef | Literal):
            raise QueryError(f"binding {name!r}: must be an IRI or a literal, not {term!r}")
        if isinstance(term, URIRef) and _IRI_UNSAFE.search(str(term)):
            raise QueryError(f"binding {name!r}: {str(term)!r} is not a valid IRI")
        checked[name] = term
    return checked


def dump_format(fmt: str) -> tuple[pyoxigraph.RdfFormat, dict[str, str] | None]:
    """The pyoxigraph format of a DUMP_FORMATS name, with the prefixes it may use."""
    import pyoxigraph as ox

    if fmt == "nq":
        return ox.RdfFormat.N_QUADS, None
    if fmt == "trig":
        return ox.RdfFormat.TRIG, {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    known = ", ".join(DUMP_FORMATS)
    raise StoreError(f"{fmt}: cannot dump a store in this format (use one of {known})")


def one_line(message: str, limit: int = 200) -> str:
    """Squash a (parser) message to one line of at most ``limit`` characters."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _select(store: Store, sparql: str) -> SelectResult:
    result = store.query(sparql)
    if not isinstance(result, SelectResult):
        raise StoreError(f"{store.location}: expected SELECT results")
    return result


def _count(store: Store, sparql: str) -> int:
    rows = _select(store, sparql).rows
    return int(rows[0][0].toPython()) if rows and rows[0][0] is not None else 0  # type: ignore[union-attr]


def read_article_hashes(store: Store) -> dict[str, str]:
    """doc_id → kg:contentHash, read with a query every backend answers the same way."""
    hashes: dict[str, str] = {}
    for graph, digest in _select(store, _HASHES).rows:
        doc_id = doc_id_of_graph(str(graph))
        if doc_id is not None and digest is not None:
            hashes[doc_id] = str(digest)
    return hashes


def _local(iri: Identifier | None) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def read_stats(store: Store) -> StoreStats:
    """Compute :class:`StoreStats` with plain SPARQL over the named graphs."""
    classes = {_local(c): int(n.toPython()) for c, n in _select(store, _CLASSES).rows}  # type: ignore[union-attr]
    facts = {_local(p): int(n.toPython()) for p, n in _select(store, _FACTS).rows}  # type: ignore[union-attr]
    return StoreStats(
        articles=_count(store, _ARTICLES),
        triples=_count(store, _TRIPLES),
        entities_by_class=dict(sorted(classes.items())),
        facts_by_property=dict(sorted(facts.items())),
    )


def _n3(term: Identifier, name: str) -> str:
    try:
        return term.n3()
    except Exception as exc:  # rdflib raises a bare Exception for unserialisable IRIs
        raise QueryError(f"binding {name!r}: {one_line(exc)}") from None


def with_values(sparql: str, bindings: Bindings) -> str:
    """Put a one-row VALUES block at the start of the query's WHERE group.

    >>> with_values('SELECT ?x WHERE { ?x ?p "{" }', {"p": URIRef("http://e/p")})
    'SELECT ?x WHERE { VALUES (?p) { (<http://e/p>) } ?x ?p "{" }'
    """
    position = _where_brace(sparql)
    if position is None:
        raise QueryError("parameters need a query with a WHERE { … } group")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_n3(term, name) for name, term in bindings.items())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    return sparql[: position + 1] + block + sparql[position + 1 :]


def _where_brace(sparql: str) -> int | None:
    """Index of the ``{`` that opens the WHERE group (skips strings, IRIs, comments)."""
    i, n = 0, len(sparql)
    form = ""
    last_word = ""
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            i = _skip_string(sparql, i)
            continue
        if c == "<":
            end = sparql.find(">", i)
            chunk = sparql[i + 1 : end] if end > 0 else " "
            i = end + 1 if end > 0 and not any(ch in chunk for ch in ' \t\n"{}') else i + 1
            continue
        if c.isalpha() or c in "?$_":
            j = i + 1
            while j < n and (sparql[j].isalnum() or sparql[j] in "_:-."):
                j += 1
            word = sparql[i:j].upper()
            if not form and word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = word
            last_word = word
            i = j
            continue
        if c == "{":
            if form == "CONSTRUCT" and last_word != "WHERE":
                i = _skip_group(sparql, i)
                last_word = "}"
                continue
            if form == "CONSTRUCT" and re.search(r"CONSTRUCT\s+WHERE\s*$", sparql[:i], re.I):
                return None  # the short form allows no VALUES
            return i
        if not c.isspace():
            last_word = c
        i += 1
    return None


def _skip_string(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        j += 1
    return len(text)


def _skip_group(text: str, i: int) -> int:
    depth = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


__all__ = [
    "DUMP_FORMATS",
    "Bindings",
    "SelectResult",
    "Store",
    "StoreStats",
    "Variable",
    "article_graph_iri",
    "check_bindings",
    "dump_format",
    "one_line",
    "ontology_graph_iri",
    "read_article_hashes",
    "read_stats",
    "with_values",
]
