"""A subgraph as plain records: nodes with label and class, facts with their claims.

Both the explorer and the property-graph exports read the subgraph through
these records, so a fact shows the same amount, date and sources everywhere.
All values are plain strings and numbers, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS
from rdflib.term import Identifier

from kg.graph.namespaces import KG, SCHEMA
from kg.model import DEAL_TYPES, ENTITY_TYPES, PREDICATES, SYMMETRIC
from kg.subgraph.queries import ROLES

_FALLBACK_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "investsIn": "invests in", "ownsStakeIn": "owns a stake in", "acquires": "acquires",
        "partnersWith": "partners with", "competesWith": "competes with",
        "reviews": "reviews", "foundedBy": "founded by", "ceoOf": "CEO of",
        "employedBy": "employed by", "headquarteredIn": "headquartered in",
        "develops": "develops", "availableOn": "available on", "supports": "supports",
        "valuedAt": "valued at", "raises": "raises", "investor": "investor",
        "investee": "investee", "partner": "partner", "acquirer": "acquirer",
        "target": "target",
    },
    "it": {
        "investsIn": "investe in", "ownsStakeIn": "detiene una quota di",
        "acquires": "acquisisce", "partnersWith": "partner di",
        "competesWith": "concorre con", "reviews": "esamina", "foundedBy": "fondata da",
        "ceoOf": "CEO di", "employedBy": "lavora per", "headquarteredIn": "ha sede a",
        "develops": "sviluppa", "availableOn": "disponibile su", "supports": "sostiene",
        "valuedAt": "valutata", "raises": "raccoglie", "investor": "investitore",
        "investee": "partecipata", "partner": "partner", "acquirer": "acquirente",
        "target": "obiettivo",
    },
    "fr": {
        "investsIn": "investit dans", "ownsStakeIn": "détient une part de",
        "acquires": "acquiert", "partnersWith": "partenaire de",
        "competesWith": "concurrent de", "reviews": "examine", "foundedBy": "fondée par",
        "ceoOf": "PDG de", "employedBy": "employé par", "headquarteredIn": "siège à",
        "develops": "développe", "availableOn": "disponible sur", "supports": "soutient",
        "valuedAt": "valorisée à", "raises": "lève", "investor": "investisseur",
        "investee": "bénéficiaire", "partner": "partenaire", "acquirer": "acquéreur",
        "target": "cible",
    },
}  # fmt: skip


def property_labels(lang: str) -> dict[str, str]:
    """Local name → human label, from the ontology when available, else built in."""
    labels = dict(_FALLBACK_LABELS["en"])
    labels.update(_FALLBACK_LABELS.get(lang, {}))
    try:
        from kg.graph.ontology import property_labels as from_ontology
    except ImportError:
        return labels
    labels.update(from_ontology(lang))
    return labels


def safe_url(value: object) -> str | None:
    """The URL when its scheme is http or https, else None (no ``javascript:`` links).

    >>> safe_url("https://news.example/a"), safe_url("javascript:alert(1)")
    ('https://news.example/a', None)
    """
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in {"http", "https"} else None


def format_amount(graph: Graph, node: Identifier | None) -> str | None:
    """``50,000,000 EUR`` (``~`` when approximate) for a MonetaryAmount node."""
    if node is None:
        return None
    value = graph.value(node, SCHEMA.value)
    if value is None:
        return None
    currency = graph.value(node, SCHEMA.currency)
    approx = graph.value(node, KG.approximate)
    number = f"{float(value.toPython()):,.0f}"
    prefix = "~" if approx is not None and approx.toPython() is True else ""
    return f"{prefix}{number} {currency or ''}".strip()


def node_label(graph: Graph, node: Identifier, lang: str) -> str:
    labels = list(graph.objects(node, SKOS.prefLabel))
    for wanted in (lang, None):
        for lit in labels:
            if isinstance(lit, Literal) and lit.language == wanted:
                return str(lit)
    if labels:
        return str(sorted(labels)[0])
    return str(node).rsplit("/", 1)[-1]


def class_of(graph: Graph, node: Identifier) -> str:
    kinds = {str(t).rsplit("#", 1)[-1] for t in graph.objects(node, RDF.type)}
    for kind in ENTITY_TYPES:
        if kind in kinds:
            return "Company" if kind == "Organization" else kind
    if kinds & set(DEAL_TYPES):
        return "Deal"
    return "Valuation" if "Valuation" in kinds else "Other"


def _article(graph: Graph, art: Identifier) -> dict[str, object]:
    name = graph.value(art, SCHEMA.name) or graph.value(art, KG.sourceName)
    date = graph.value(art, SCHEMA.datePublished)
    return {
        "title": str(name) if name is not None else str(art).rsplit("/", 1)[-1],
        "date": str(date) if date is not None else None,
        "url": safe_url(graph.value(art, SCHEMA.url)),
        "source": str(graph.value(art, KG.sourceName) or ""),
    }


def _claim(graph: Graph, claim: Identifier) -> dict[str, object]:
    conf = graph.value(claim, KG.confidence)
    date = graph.value(claim, KG.date)
    art = graph.value(claim, PROV.wasDerivedFrom)
    return {
        "evidence": str(graph.value(claim, KG.evidence) or ""),
        "confidence": float(conf.toPython()) if conf is not None else None,
        "date": str(date) if date is not None else None,
        "amount": format_amount(graph, graph.value(claim, KG.amount)),
        "hedged": bool(getattr(graph.value(claim, KG.hedged), "toPython", lambda: False)()),
        "article": _article(graph, art) if art is not None else None,
        "articleId": str(art) if art is not None else None,
    }


def _claims_of(graph: Graph, s: Identifier, prop: str, o: Identifier) -> list[dict[str, object]]:
    pairs = [(s, o), (o, s)] if prop in SYMMETRIC else [(s, o)]
    found = []
    for subj, obj in pairs:
        for claim in graph.subjects(RDF.subject, subj):
            if (claim, RDF.predicate, KG[prop]) in graph and (claim, RDF.object, obj) in graph:
                found.append(_claim(graph, claim))
    return sorted(found, key=lambda c: (c["articleId"] or "", c["evidence"]))


def _deal_claims(graph: Graph, deal: Identifier) -> list[dict[str, object]]:
    """A deal's own provenance: one entry per reporting article, with its amount and date."""
    amount = format_amount(graph, graph.value(deal, KG.amount))
    date = graph.value(deal, KG.date)
    return [
        {
            "evidence": "",
            "confidence": None,
            "date": str(date) if date is not None else None,
            "amount": amount,
            "hedged": False,
            "article": _article(graph, art),
            "articleId": str(art),
        }
        for art in sorted(graph.objects(deal, PROV.wasDerivedFrom))
    ]


@dataclass
class Records:
    """The nodes and facts of a subgraph, ready to draw or export."""

    nodes: list[dict[str, object]]  # id, label, kgClass, aliases
    facts: list[dict[str, object]]  # subject, object, property, label, claims, sources


def _edges(graph: Graph) -> list[tuple[URIRef, str, URIRef]]:
    props = {str(KG[p]): p for p in (*PREDICATES, *ROLES)}
    found = {
        (s, props[str(p)], o)
        for s, p, o in graph
        if str(p) in props and isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    return sorted(found)


def _node(graph: Graph, node: Identifier, lang: str) -> dict[str, object]:
    kind = class_of(graph, node)
    label = node_label(graph, node, lang)
    if kind == "Valuation":
        amount = format_amount(graph, graph.value(node, KG.amount)) or label
        date = graph.value(node, KG.date)
        label = f"{amount} ({date})" if date is not None else amount
    aliases = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})
    return {"id": str(node), "label": label, "kgClass": kind, "aliases": aliases}


def records(graph: Graph, *, lang: str = "en") -> Records:
    """Nodes (typed entities, deals, valuations) and fact edges of ``graph``."""
    labels = property_labels(lang)
    edges = _edges(graph)
    typed = {s for s in graph.subjects(RDF.type, None) if class_of(graph, s) != "Other"}
    nodes: Iterable[Identifier] = sorted(typed | {n for s, _, o in edges for n in (s, o)})
    facts = []
    for s, prop, o in edges:
        claims = _deal_claims(graph, s) if prop in ROLES else _claims_of(graph, s, prop, o)
        facts.append(
            {
                "subject": str(s),
                "object": str(o),
                "property": prop,
                "label": labels.get(prop, prop),
                "claims": claims,
                "sources": len({c["articleId"] for c in claims if c["articleId"]}),
            }
        )
    return Records([_node(graph, n, lang) for n in nodes], facts)
