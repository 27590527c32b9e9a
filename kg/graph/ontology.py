"""The kg ontology and SHACL shapes as shipped in ``ontology/``, and what code needs from them.

The Turtle files are the single source of truth for class and property names
and their labels in several languages; this module parses them once and
answers simple questions (labels, superclasses, name lists) so that views,
exports and queries never hard-code them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.datafiles import data_dir

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"

_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)

#: Local names of every kg property / class, sorted; computed on first access (module __getattr__).
PROPERTY_NAMES: tuple[str, ...]
CLASS_NAMES: tuple[str, ...]


def ontology_path() -> Path:
    """Path of the ontology Turtle file."""
    return data_dir("ontology") / ONTOLOGY_FILE


def shapes_path() -> Path:
    """Path of the SHACL shapes Turtle file."""
    return data_dir("ontology") / SHAPES_FILE


@cache
def _parsed(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The parsed ontology (cached: callers must not modify it; copy first)."""
    return _parsed(ontology_path())


def shapes_graph() -> Graph:
    """The parsed SHACL shapes (cached: callers must not modify it; copy first)."""
    return _parsed(shapes_path())


@cache
def kg_namespace() -> Namespace:
    """The namespace of kg's classes and properties, as declared by the ontology file."""
    for prefix, iri in ontology_graph().namespaces():
        if prefix == "kg":
            return Namespace(str(iri))
    raise LookupError(f"{ontology_path()}: no 'kg' prefix declared")


def _local(term: URIRef) -> str | None:
    """Local name of a kg term, None for terms of other vocabularies."""
    ns = str(kg_namespace())
    text = str(term)
    return text[len(ns) :] if text.startswith(ns) else None


def _kg_terms(*kinds: URIRef) -> dict[str, URIRef]:
    graph = ontology_graph()
    terms: dict[str, URIRef] = {}
    for kind in kinds:
        for term in graph.subjects(RDF.type, kind):
            name = _local(term) if isinstance(term, URIRef) else None
            if name:
                terms[name] = term
    return terms


@cache
def _property_terms() -> dict[str, URIRef]:
    return _kg_terms(*_PROPERTY_TYPES)


@cache
def _class_terms() -> dict[str, URIRef]:
    return _kg_terms(OWL.Class)


@cache
def _labels_cached(kind: str, lang: str) -> dict[str, str]:
    terms = _property_terms() if kind == "property" else _class_terms()
    return _labels(terms, lang)


def _labels(terms: dict[str, URIRef], lang: str) -> dict[str, str]:
    graph = ontology_graph()
    labels: dict[str, str] = {}
    for name, term in terms.items():
        by_lang = {
            label.language: str(label)
            for label in graph.objects(term, RDFS.label)
            if isinstance(label, Literal)
        }
        labels[name] = by_lang.get(lang) or by_lang.get("en") or name
    return labels


def property_labels(lang: str = "en") -> dict[str, str]:
    """Property local name → its label in ``lang``, falling back to English.

    >>> property_labels("it")["investsIn"]
    'investe in'
    >>> property_labels("xx")["investsIn"]
    'invests in'
    """
    return dict(_labels_cached("property", lang))


def class_labels(lang: str = "en") -> dict[str, str]:
    """Class local name → its label in ``lang``, falling back to English.

    >>> class_labels("fr")["FundingRound"]
    'Levée de fonds'
    """
    return dict(_labels_cached("class", lang))


def class_parents() -> dict[str, str]:
    """Class local name → its direct kg superclass, for classes that have one.

    >>> class_parents()["InvestmentFirm"]
    'Organization'
    """
    return dict(_class_parents())


@cache
def _class_parents() -> dict[str, str]:
    graph = ontology_graph()
    parents: dict[str, str] = {}
    for name, term in _class_terms().items():
        for parent in graph.objects(term, RDFS.subClassOf):
            parent_name = _local(parent) if isinstance(parent, URIRef) else None
            if parent_name:
                parents[name] = parent_name
    return parents


@cache
def symmetric_properties() -> frozenset[str]:
    """Local names of the properties declared owl:SymmetricProperty."""
    return frozenset(_kg_terms(OWL.SymmetricProperty))


def __getattr__(name: str) -> tuple[str, ...]:
    """``PROPERTY_NAMES`` and ``CLASS_NAMES``, computed from the ontology on first use."""
    if name == "PROPERTY_NAMES":
        return tuple(sorted(_property_terms()))
    if name == "CLASS_NAMES":
        return tuple(sorted(_class_terms()))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CLASS_NAMES",
    "PROPERTY_NAMES",
    "class_labels",
    "class_parents",
    "kg_namespace",
    "ontology_graph",
    "ontology_path",
    "property_labels",
    "shapes_graph",
    "shapes_path",
    "symmetric_properties",
]
