"""The ontology file: DESIGN §2 names, multilingual labels, alignments, and the helpers."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

from kg import model
from kg.graph import ontology

KG = Namespace("https://w3id.org/kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")

DESIGN_CLASSES = (
    "Organization Company InvestmentFirm Regulator GovernmentBody Person Place Product "
    "Deal Investment Partnership Acquisition FundingRound Valuation MonetaryAmount Article Claim"
).split()
DESIGN_FACTS = (
    "investsIn ownsStakeIn acquires partnersWith competesWith reviews foundedBy ceoOf "
    "employedBy headquarteredIn develops availableOn supports valuedAt raises"
).split()
MODEL_PROPERTIES = (
    "investor investee partner acquirer target amount date evidence evidenceStart evidenceEnd "
    "confidence hedged extractor language sourceName contentHash sourceHash approximate"
).split()
ALL_PROPERTIES = DESIGN_FACTS + MODEL_PROPERTIES


def labels(term: URIRef) -> dict[str | None, str]:
    graph = ontology.ontology_graph()
    return {lit.language: str(lit) for lit in graph.objects(term, RDFS.label)}


def test_namespace_is_the_documented_one() -> None:
    assert str(ontology.kg_namespace()) == str(KG)


def test_ontology_header() -> None:
    graph = ontology.ontology_graph()
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in graph


@pytest.mark.parametrize("name", DESIGN_CLASSES)
def test_class_declared_with_labels_and_comment(name: str) -> None:
    graph = ontology.ontology_graph()
    assert (KG[name], RDF.type, OWL.Class) in graph
    assert {"en", "it", "fr"} <= set(labels(KG[name]))
    comments = [c for c in graph.objects(KG[name], RDFS.comment) if isinstance(c, Literal)]
    assert any(c.language == "en" and len(c) > 10 for c in comments)


@pytest.mark.parametrize("name", ALL_PROPERTIES)
def test_property_declared_with_labels_comment_domain_range(name: str) -> None:
    graph = ontology.ontology_graph()
    kinds = set(graph.objects(KG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert not {OWL.ObjectProperty, OWL.DatatypeProperty} <= kinds
    assert {"en", "it", "fr"} <= set(labels(KG[name]))
    assert any(c.language == "en" for c in graph.objects(KG[name], RDFS.comment))
    assert graph.value(KG[name], RDFS.domain) is not None
    assert graph.value(KG[name], RDFS.range) is not None


def test_fact_properties_link_entities() -> None:
    graph = ontology.ontology_graph()
    for name in DESIGN_FACTS:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in graph, name


def test_symmetric_properties_match_the_model() -> None:
    graph = ontology.ontology_graph()
    declared = {str(p) for p in graph.subjects(RDF.type, OWL.SymmetricProperty)}
    assert declared == {str(KG[name]) for name in model.SYMMETRIC}
    assert ontology.symmetric_properties() == model.SYMMETRIC


def test_everything_the_model_names_is_in_the_ontology() -> None:
    assert set(model.PREDICATES) <= set(ontology.PROPERTY_NAMES)
    assert set(model.ENTITY_TYPES) | set(model.DEAL_TYPES) <= set(ontology.CLASS_NAMES)
    assert set(ontology.CLASS_NAMES) == set(DESIGN_CLASSES)
    assert set(ontology.PROPERTY_NAMES) == set(ALL_PROPERTIES)


@pytest.mark.parametrize(
    ("term", "relation", "external"),
    [
        (KG.Organization, OWL.equivalentClass, SCHEMA.Organization),
        (KG.Organization, RDFS.subClassOf, ORG.Organization),
        (KG.Company, RDFS.subClassOf, SCHEMA.Corporation),
        (KG.Company, RDFS.subClassOf, ORG.FormalOrganization),
        (KG.GovernmentBody, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (KG.Person, OWL.equivalentClass, SCHEMA.Person),
        (KG.Place, OWL.equivalentClass, SCHEMA.Place),
        (KG.Product, RDFS.subClassOf, SCHEMA.Product),
        (KG.MonetaryAmount, OWL.equivalentClass, SCHEMA.MonetaryAmount),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Article, RDFS.subClassOf, PROV.Entity),
        (KG.Claim, RDFS.subClassOf, RDF.Statement),
        (KG.Claim, RDFS.subClassOf, PROV.Entity),
        (KG.foundedBy, RDFS.subPropertyOf, SCHEMA.founder),
        (KG.ceoOf, RDFS.subPropertyOf, ORG.headOf),
        (KG.headquarteredIn, RDFS.subPropertyOf, SCHEMA.location),
        (KG.partnersWith, RDFS.subPropertyOf, ORG.linkedTo),
    ],
)
def test_alignments(term: URIRef, relation: URIRef, external: URIRef) -> None:
    assert (term, relation, external) in ontology.ontology_graph()


def test_class_parents_follow_design() -> None:
    parents = ontology.class_parents()
    for name in ("Company", "InvestmentFirm", "Regulator", "GovernmentBody"):
        assert parents[name] == "Organization"
    for name in ("Investment", "Partnership", "Acquisition", "FundingRound"):
        assert parents[name] == "Deal"
    assert "Organization" not in parents
    assert "Claim" not in parents  # its parents are rdf:Statement and prov:Entity only


def test_labels_by_language_with_english_fallback() -> None:
    assert ontology.property_labels("it")["partnersWith"] == "collabora con"
    assert ontology.property_labels("fr")["raises"] == "lève"
    assert ontology.property_labels("de")["raises"] == "raises"
    assert ontology.class_labels("it")["Company"] == "Azienda"
    assert ontology.class_labels("en")["InvestmentFirm"] == "Investment firm"
    assert set(ontology.class_labels("es")) == set(ontology.CLASS_NAMES)


def test_returned_dicts_are_copies() -> None:
    ontology.property_labels("en")["investsIn"] = "changed"
    ontology.class_parents()["Company"] = "changed"
    assert ontology.property_labels("en")["investsIn"] == "invests in"
    assert ontology.class_parents()["Company"] == "Organization"


def test_shapes_parse_and_use_shacl() -> None:
    shapes = ontology.shapes_graph()
    node_shape = URIRef("http://www.w3.org/ns/shacl#NodeShape")
    assert len(set(shapes.subjects(RDF.type, node_shape))) >= 8


def test_unknown_module_attribute() -> None:
    with pytest.raises(AttributeError):
        ontology.NOT_A_NAME  # noqa: B018
