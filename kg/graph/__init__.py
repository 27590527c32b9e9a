"""Stage 4: resolved facts → RDF under the kg ontology, one named graph per article.

Each article's graph holds everything that article supports (its facts, claims,
the names it uses for entities), so the store can replace or drop an article as a
unit. An entity's class, preferred label and Wikidata link are the same whichever
article names it, so they are written once, to the shared entities graph
(:func:`entity_graph`), instead of once per article. See docs/rdf-model.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef

from kg.graph.literals import literal
from kg.graph.namespaces import (
    ENTITIES_GRAPH,
    KG,
    OWL_SAME_AS,
    PROV_DERIVED_FROM,
    PROV_ENTITY,
    RDF_TYPE,
    SCHEMA,
    SKOS_ALT_LABEL,
    SKOS_PREF_LABEL,
    WD,
    article_graph,
    article_iri,
    entity_iri,
    hashed,
)
from kg.graph.provenance import amount_node, claim_node, date_literal
from kg.graph.triples import Triples
from kg.model import AMOUNT_PREDICATES, Document, Entity, Fact, Resolution
from kg.resolve.identity import deal_key

ROLE_CLASS = {
    "investor": "Investment",
    "investee": "Investment",
    "partner": "Partnership",
    "acquirer": "Acquisition",
    "target": "Acquisition",
}
DEAL_ROLES = {
    "investsIn": ("investor", "investee"),
    "ownsStakeIn": ("investor", "investee"),
    "acquires": ("acquirer", "target"),
    "partnersWith": ("partner", "partner"),
}


def article_graphs(
    resolution: Resolution, documents: Iterable[Document]
) -> list[tuple[str, Triples]]:
    """(doc_id, graph) for every document, ready for ``Store.replace_articles``."""
    by_doc = resolution.facts_by_doc
    return [(d.doc_id, article_rdf(d, by_doc.get(d.doc_id, []), resolution)) for d in documents]


def entity_graph(resolution: Resolution, documents: Iterable[Document]) -> Triples:
    """Class, preferred label and Wikidata link of every entity the documents use.

    Written to the shared entities graph (``kgg:entities``) before the articles.
    """
    by_doc = resolution.facts_by_doc
    ents = resolution.entities
    g = Triples()
    for doc in documents:
        for key in _used(doc, by_doc.get(doc.doc_id, []), resolution):
            ent = ents.get(key)
            if ent is None:
                continue
            if ent.type != "Deal":
                _describe(g, ent)
                continue
            for _role, party in ent.parties:
                if party in ents:
                    _describe(g, ents[party])
    return g


def to_rdf(resolution: Resolution, documents: Iterable[Document]) -> Dataset:
    """The entities graph and all article graphs of a batch as one Dataset."""
    docs = list(documents)
    ds = Dataset()
    named = [(ENTITIES_GRAPH, entity_graph(resolution, docs))]
    named += [(article_graph(doc_id), g) for doc_id, g in article_graphs(resolution, docs)]
    for name, g in named:
        target = ds.graph(name)
        for t in g:
            target.add(t)
    return ds


def _used(doc: Document, facts: list[Fact], resolution: Resolution) -> list[str]:
    """Keys of the entities (and deals) a document names or states facts about."""
    used = set(resolution.mentions.get(doc.doc_id, {}))
    for f in facts:
        used.add(f.subject)
        if f.object:
            used.add(f.object)
    return sorted(used)


def article_rdf(doc: Document, facts: list[Fact], resolution: Resolution) -> Triples:
    """The named graph of one article."""
    g = Triples()
    art = article_iri(doc.doc_id)
    g.add((art, RDF_TYPE, KG.Article))
    g.add((art, RDF_TYPE, PROV_ENTITY))
    g.add((art, KG.sourceName, Literal(doc.name)))
    g.add((art, KG.language, literal(doc.lang)))
    g.add((art, KG.contentHash, Literal(doc.content_hash)))
    if doc.source_hash:
        g.add((art, KG.sourceHash, Literal(doc.source_hash)))
    if doc.title:
        g.add((art, SCHEMA.name, Literal(doc.title)))
    if doc.url:
        g.add((art, SCHEMA.url, URIRef(doc.url) if _safe_iri(doc.url) else Literal(doc.url)))
    if doc.published:
        g.add((art, SCHEMA.datePublished, date_literal(doc.published)))
    ents = resolution.entities
    forms = resolution.mentions.get(doc.doc_id, {})
    for key in _used(doc, facts, resolution):
        ent = ents.get(key)
        if ent is None:
            continue
        if ent.type == "Deal":
            _deal_node(g, ent)
            continue
        _entity(g, ent, forms.get(key, ()))
        g.add((art, SCHEMA.mentions, entity_iri(key)))
    for f in facts:
        _fact(g, f, doc, art, ents)
    return g


def _safe_iri(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not any(c in url for c in ' <>"{}|\\^`')


def _entity(g: Triples, ent: Entity, forms: Iterable[str]) -> None:
    """The names an article uses for an entity (its class and label are in the entities graph)."""
    node = entity_iri(ent.key)
    for form in forms:
        if form != ent.label:
            g.add((node, SKOS_ALT_LABEL, literal(form)))


def _describe(g: Triples, ent: Entity) -> None:
    node = entity_iri(ent.key)
    g.add((node, RDF_TYPE, KG[ent.type]))
    g.add((node, SKOS_PREF_LABEL, literal(ent.label)))
    if ent.wikidata:
        g.add((node, OWL_SAME_AS, WD[ent.wikidata]))


def _deal_node(g: Triples, deal: Entity) -> URIRef:
    node = entity_iri(deal.key)
    g.add((node, RDF_TYPE, KG.Deal))
    g.add((node, SKOS_PREF_LABEL, literal(deal.label)))
    for role, party in deal.parties:
        g.add((node, KG[role if role != "party" else "partner"], entity_iri(party)))
        if role in ROLE_CLASS:
            g.add((node, RDF_TYPE, KG[ROLE_CLASS[role]]))
    return node


def _fact(g: Triples, f: Fact, doc: Document, art: URIRef, ents: dict[str, Entity]) -> None:
    s = entity_iri(f.subject)
    if f.predicate in AMOUNT_PREDICATES:
        kind = "Valuation" if f.predicate == "valuedAt" else "FundingRound"
        a = f.amount
        o = hashed(
            kind.lower(), f.subject, a.value if a else None, a.currency if a else None, f.date
        )
        g.add((o, RDF_TYPE, KG[kind]))
        if kind == "FundingRound":
            g.add((o, RDF_TYPE, KG.Deal))
            g.add((o, KG.investee, s))
        if a is not None:  # one amount node per way of stating it (exact or approximate)
            node = URIRef(str(o) + ("/approximate-amount" if a.approximate else "/amount"))
            g.add((o, KG.amount, amount_node(g, node, a)))
        if f.date:
            g.add((o, KG.date, date_literal(f.date)))
        g.add((o, PROV_DERIVED_FROM, art))
    else:
        o = entity_iri(f.object)  # type: ignore[arg-type]
    g.add((s, KG[f.predicate], o))
    claim = claim_node(g, f, s, o, art, doc.lang)
    if f.predicate in DEAL_ROLES and f.object:
        deal = ents.get(deal_key(f.subject, f.object))
        if deal is not None:
            node = entity_iri(deal.key)
            g.add((node, RDF_TYPE, KG.Deal))
            g.add((node, SKOS_PREF_LABEL, literal(deal.label)))
            ra, rb = DEAL_ROLES[f.predicate]
            g.add((node, RDF_TYPE, KG[ROLE_CLASS[ra]]))
            g.add((node, KG[ra], s))
            g.add((node, KG[rb], o))
            g.add((node, PROV_DERIVED_FROM, art))
            if f.amount is not None:
                g.add((node, KG.amount, URIRef(str(claim) + "/amount")))
            if f.date:
                g.add((node, KG.date, date_literal(f.date)))
