"""Check a knowledge graph against kg's SHACL shapes (ontology/shapes.ttl).

Data is spread over one named graph per article, so validation runs over the
union of all graphs; the ontology is given to the validator as its ontology
graph, so ``sh:targetClass kg:Organization`` also reaches ``kg:Company`` nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from kg.errors import InputError, StoreError
from kg.graph.namespaces import PREFIXES
from kg.graph.ontology import ontology_graph, shapes_graph
from kg.store.base import Store

#: RDF file suffixes `validate` reads directly (anything else is a store location).
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
_QUAD_FORMATS = {"trig", "nquads"}
_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    focus: str  # IRI (or blank node id) of the node that fails
    path: str | None  # IRI of the property, None for node-level constraints
    message: str
    severity: str = "Violation"  # Violation, Warning or Info
    value: str | None = None  # the offending value, when there is one
    shape: str | None = None  # the constraint component, e.g. MinCountConstraintComponent


@dataclass
class ValidationReport:
    """Outcome of `validate`: whether the graph conforms and why not."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """One line per violation (or warning), then the verdict when valid; no final newline."""
        lines = [_line(v) for v in self.violations]
        if self.conforms:
            lines.append(f"valid: {self.triples} triples conform to the kg shapes")
        return "\n".join(lines)


def validate(source: Store | str | Path | Graph) -> ValidationReport:
    """Validate a store, a store location, an RDF file or an rdflib graph.

    A ``str``/``Path`` naming a file with an RDF suffix (.ttl, .trig, .nq …)
    is parsed; any other string is opened as a store location.
    """
    from pyshacl import validate as shacl_validate

    data = _union(source)
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_warnings=True,
        advanced=False,
    )
    violations = sorted(
        _violations(results),
        key=lambda v: (v.focus, v.path or "", v.message, v.value or ""),
    )
    return ValidationReport(conforms=bool(conforms), triples=len(data), violations=violations)


def _union(source: Store | str | Path | Graph) -> Graph:
    """All triples of ``source`` in one plain graph (named graphs merged)."""
    if isinstance(source, Dataset | ConjunctiveGraph):
        union = Graph()
        for s, p, o, _ in source.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(source, Graph):
        return source
    if isinstance(source, str | Path):
        path = Path(source)
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is not None and "://" not in str(source):
            return _union(_parse(path, fmt))
        from kg.store import open_store

        store = open_store(str(source))
        try:
            return _store_union(store)
        finally:
            store.close()
    return _store_union(source)


def _store_union(store: Store) -> Graph:
    result = store.query(_ALL_TRIPLES)
    if not isinstance(result, Graph):
        raise StoreError(f"{store.location}: CONSTRUCT did not return a graph")
    return result


def _parse(path: Path, fmt: str) -> Graph:
    if not path.is_file():
        raise InputError(str(path), "no such file")
    graph: Graph = Dataset() if fmt in _QUAD_FORMATS else Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(str(path), f"not valid {fmt}: {reason}") from exc
    return graph


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                focus=_term(focus) or "",
                path=_term(path) if isinstance(path, URIRef) else _path_text(path),
                message=" ".join((messages[0] if messages else _local(component)).split()),
                severity=_local(severity) or "Violation",
                value=_term(value),
                shape=_local(component) or None,
            )
        )
    return found


def _term(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path_text(path: Node | None) -> str | None:
    return None if path is None else "(complex path)"


def _local(node: Node | None) -> str:
    if node is None:
        return ""
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _short(iri: str) -> str:
    """Compact an IRI with the project's prefixes (kgid:, kg:, schema: …)."""
    if iri.startswith("_:"):
        return iri
    matches = [(str(ns), prefix) for prefix, ns in PREFIXES.items() if iri.startswith(str(ns))]
    if not matches:
        return f"<{iri}>"
    ns, prefix = max(matches, key=lambda match: len(match[0]))
    return f"{prefix}:{iri[len(ns) :]}"


def _line(v: Violation) -> str:
    where = _short(v.focus) + (f" {_short(v.path)}" if v.path and v.path[0] != "(" else "")
    value = ""
    if v.value is not None and v.value != v.focus:
        text = " ".join(v.value.split())
        value = f" (value: {text[:60] + '…' if len(text) > 60 else text})"
    return f"{v.severity}: {where}: {v.message}{value}"


__all__ = ["RDF_FORMATS", "ValidationReport", "Violation", "validate"]
