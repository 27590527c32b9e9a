"""Provenance of a fact as RDF: the claim node (PROV-O + RDF reification) and its amount."""

from __future__ import annotations

from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from kg.graph.namespaces import KG, SCHEMA, hashed
from kg.graph.triples import Triples
from kg.model import Amount, Fact

NO_CURRENCY = "XXX"


def date_literal(iso: str) -> Literal:
    """An ISO 8601 date, year-month or year as a typed literal.

    >>> date_literal("2024-02").datatype.endswith("gYearMonth")
    True
    """
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(iso), XSD.date)
    return Literal(iso, datatype=kind)


def amount_node(g: Triples, node: URIRef, amount: Amount) -> URIRef:
    """Write a MonetaryAmount node (value in units, ISO 4217 currency when known)."""
    g.add((node, RDF.type, KG.MonetaryAmount))
    g.add((node, RDF.type, SCHEMA.MonetaryAmount))
    g.add(
        (node, SCHEMA.value, Literal(Decimal(repr(amount.value)).normalize(), datatype=XSD.decimal))
    )
    # ISO 4217 "XXX" (no currency) when the text gives none: the amount stays a valid
    # MonetaryAmount and the facts table shows an empty currency
    g.add((node, SCHEMA.currency, Literal(amount.currency or NO_CURRENCY)))
    g.add((node, KG.approximate, Literal(amount.approximate)))
    return node


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
    g.add((node, RDF.type, KG.Claim))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDF.subject, subject))
    g.add((node, RDF.predicate, KG[fact.predicate]))
    g.add((node, RDF.object, obj))
    g.add((node, KG.evidence, Literal(fact.evidence)))
    g.add((node, KG.evidenceStart, Literal(fact.start)))
    g.add((node, KG.evidenceEnd, Literal(fact.end)))
    g.add((node, KG.confidence, Literal(Decimal(str(fact.confidence)), datatype=XSD.decimal)))
    g.add((node, KG.hedged, Literal(fact.hedged)))
    g.add((node, KG.extractor, Literal(fact.rule)))
    g.add((node, KG.language, Literal(lang)))
    g.add((node, PROV.wasDerivedFrom, article))
    if fact.amount is not None:
        g.add((node, KG.amount, amount_node(g, URIRef(str(node) + "/amount"), fact.amount)))
    if fact.date:
        g.add((node, KG.date, date_literal(fact.date)))
    return node
