"""Namespaces and IRI minting: the only place where kg's IRIs are built."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD


class _Terms(Namespace):
    """A Namespace that mints each term once: the graph stage asks for ``KG.amount``
    and friends millions of times, and rdflib builds (and validates) a new IRI each time."""

    def term(self, name: str) -> URIRef:
        key = (str(self), name)
        found = _MINTED.get(key)
        if found is None:
            found = _MINTED[key] = super().term(name)
            if name.isidentifier() and not hasattr(str, name):
                self.__dict__[name] = found  # later ``KG.name`` is a plain attribute read
        return found


_MINTED: dict[tuple[str, str], URIRef] = {}

KG = _Terms("https://w3id.org/kg/ontology#")
KGID = Namespace("https://w3id.org/kg/id/")
KGG = Namespace("https://w3id.org/kg/graph/")
SCHEMA = _Terms("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")

ONTOLOGY_GRAPH = KGG["ontology"]
INFERRED_GRAPH = KGG["inferred"]  # what `kg infer` derives from the ontology
#: One copy of each entity's class, preferred label and Wikidata link, shared by articles.
ENTITIES_GRAPH = KGG["entities"]
#: The journal of a bulk write in progress: the article graphs it is writing (empty after).
PENDING_GRAPH = KGG["pending"]

# rdflib answers ``RDF.type`` through a slow per-access lookup; the graph stage writes
# millions of these terms, so it takes them from here, looked up once.
RDF_TYPE, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT, RDF_STATEMENT = (
    RDF.type,
    RDF.subject,
    RDF.predicate,
    RDF.object,
    RDF.Statement,
)
PROV_ENTITY, PROV_DERIVED_FROM = PROV.Entity, PROV.wasDerivedFrom
SKOS_PREF_LABEL, SKOS_ALT_LABEL = SKOS.prefLabel, SKOS.altLabel
OWL_SAME_AS = OWL.sameAs
XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH, XSD_DECIMAL = XSD.date, XSD.gYear, XSD.gYearMonth, XSD.decimal

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgid": KGID,
    "schema": SCHEMA,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "org": ORG,
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}


@lru_cache(maxsize=1 << 16)  # the same few thousand entities, in every article
def entity_iri(key: str) -> URIRef:
    """IRI of an entity or deal from its resolution key (``deal/...`` keys are deals)."""
    if key.startswith("deal/"):
        return KGID[key]
    return KGID["entity/" + key]


def article_iri(doc_id: str) -> URIRef:
    """IRI of an article node."""
    return KGID["article/" + doc_id]


def article_graph(doc_id: str) -> URIRef:
    """Name of the graph that holds everything one article supports."""
    return KGG["article/" + doc_id]


def doc_id_of_graph(graph: URIRef | str) -> str | None:
    """Inverse of :func:`article_graph`; None for other graphs."""
    text = str(graph)
    prefix = str(KGG["article/"])
    return text[len(prefix) :] if text.startswith(prefix) else None


def hashed(kind: str, *parts: object) -> URIRef:
    """IRI of a node identified by its content (claims, valuations, rounds)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]
    return KGID[f"{kind}/{digest}"]
