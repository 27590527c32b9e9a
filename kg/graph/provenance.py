"""Provenance of a fact as RDF: the claim node (PROV-O + RDF reification) and its amount."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import BNode, Literal, URIRef

from kg.graph.literals import literal
from kg.graph.namespaces import (
    KG,
    PROV_DERIVED_FROM,
    PROV_ENTITY,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_STATEMENT,
    RDF_SUBJECT,
    RDF_TYPE,
    SCHEMA,
    XSD_DATE,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    hashed,
)
from kg.graph.triples import Triples
from kg.model import Amount, Fact

NO_CURRENCY = "XXX"


def date_literal(iso: str) -> Literal:
    """An ISO 8601 date, year-month or year as a typed literal.

    >>> date_literal("2024-02").datatype.endswith("gYearMonth")
    True
    """
    kind = {4: XSD_GYEAR, 7: XSD_GYEARMONTH}.get(len(iso), XSD_DATE)
    return literal(iso, kind)


def amount_node(g: Triples, node: URIRef, amount: Amount) -> URIRef:
    """Write a MonetaryAmount node (value in units, ISO 4217 currency when known)."""
    g.add((node, RDF_TYPE, KG.MonetaryAmount))
    g.add((node, RDF_TYPE, SCHEMA.MonetaryAmount))
    g.add((node, SCHEMA.value, _decimal(amount.value)))
    # ISO 4217 "XXX" (no currency) when the text gives none: the amount stays a valid
    # MonetaryAmount and the facts table shows an empty currency
    g.add((node, SCHEMA.currency, literal(amount.currency or NO_CURRENCY)))
    g.add((node, KG.approximate, literal(amount.approximate)))
    return node


@lru_cache(maxsize=4096)
def _confidence(score: float) -> Literal:
    return Literal(Decimal(str(score)), datatype=XSD_DECIMAL)


@lru_cache(maxsize=1 << 14)
def _decimal(value: float) -> Literal:
    return Literal(Decimal(repr(value)).normalize(), datatype=XSD_DECIMAL)


def claim_node(
    g: Triples, fact: Fact, subject: URIRef, obj: URIRef | BNode, article: URIRef, lang: str
) -> URIRef:
    """Write the claim node of one fact as stated by one article; return it."""
    node = hashed(
        "claim",
        fact.doc_id,
        fact.subject,
        fact.predicate,
        fact.object,
        fact.amount,
        fact.start,
        fact.rule,
    )
    g.add((node, RDF_TYPE, KG.Claim))
    g.add((node, RDF_TYPE, RDF_STATEMENT))
    g.add((node, RDF_TYPE, PROV_ENTITY))
    g.add((node, RDF_SUBJECT, subject))
    g.add((node, RDF_PREDICATE, KG[fact.predicate]))
    g.add((node, RDF_OBJECT, obj))
    g.add((node, KG.evidence, Literal(fact.evidence)))
    g.add((node, KG.evidenceStart, literal(fact.start)))
    g.add((node, KG.evidenceEnd, literal(fact.end)))
    g.add((node, KG.confidence, _confidence(fact.confidence)))
    g.add((node, KG.hedged, literal(fact.hedged)))
    g.add((node, KG.extractor, literal(fact.rule)))
    g.add((node, KG.language, literal(lang)))
    g.add((node, PROV_DERIVED_FROM, article))
    if fact.amount is not None:
        g.add((node, KG.amount, amount_node(g, URIRef(str(node) + "/amount"), fact.amount)))
    if fact.date:
        g.add((node, KG.date, date_literal(fact.date)))
    return node
