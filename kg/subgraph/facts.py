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

#: Deal roles whose parties a folded deal links directly, and the fact that link stands for.
FOLDED_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("investor", "investee", "investsIn"),
    ("acquirer", "target", "acquires"),
    ("partner", "partner", "partnersWith"),
)

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
    if currency is not None and str(currency) == "XXX":  # ISO 4217 "no currency": none stated
        currency = None
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


ClaimIndex = dict[tuple[Identifier, Identifier, Identifier], list[Identifier]]


def _claim_index(graph: Graph) -> ClaimIndex:
    """(subject, predicate, object) → the claims stating it, read from the graph once."""
    index: ClaimIndex = {}
    for claim, subj in graph.subject_objects(RDF.subject):
        pred, obj = graph.value(claim, RDF.predicate), graph.value(claim, RDF.object)
        if pred is not None and obj is not None:
            index.setdefault((subj, pred, obj), []).append(claim)
    return index


def _claims_of(
    graph: Graph, index: ClaimIndex, s: Identifier, prop: str, o: Identifier
) -> list[dict[str, object]]:
    pairs = [(s, o), (o, s)] if prop in SYMMETRIC else [(s, o)]
    found = [_claim(graph, c) for subj, obj in pairs for c in index.get((subj, KG[prop], obj), ())]
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
    #: subject, object, property, label, claims, sources; via, viaLabel: the folded deal
    facts: list[dict[str, object]]


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


def records(graph: Graph, *, lang: str = "en", fold_deals: bool = False) -> Records:
    """Nodes (typed entities, deals, valuations) and fact edges of ``graph``.

    With ``fold_deals`` deal nodes become direct edges between their parties
    (see :func:`fold_deals`).
    """
    labels = property_labels(lang)
    edges = _edges(graph)
    typed = {s for s in graph.subjects(RDF.type, None) if class_of(graph, s) != "Other"}
    nodes: Iterable[Identifier] = sorted(typed | {n for s, _, o in edges for n in (s, o)})
    facts = []
    index = _claim_index(graph)
    for s, prop, o in edges:
        claims = _deal_claims(graph, s) if prop in ROLES else _claims_of(graph, index, s, prop, o)
        facts.append(
            {
                "subject": str(s),
                "object": str(o),
                "property": prop,
                "label": labels.get(prop, prop),
                "claims": claims,
                "sources": len({c["articleId"] for c in claims if c["articleId"]}),
                "via": None,
                "viaLabel": None,
            }
        )
    recs = Records([_node(graph, n, lang) for n in nodes], facts)
    return fold(recs, labels) if fold_deals else recs


def fold(recs: Records, labels: dict[str, str] | None = None) -> Records:
    """The records with deal nodes folded into direct edges between their parties.

    A deal's role edges go; its parties are linked directly (investor → investee
    ``investsIn``, acquirer → target ``acquires``, partners ``partnersWith``)
    unless that fact is already there, and a fact about the deal (a regulator
    ``reviews`` it) becomes the same fact about each party. Folded facts keep
    their claims and name the deal in ``via``; a party's own fact about the deal
    (``raises`` a funding round) lends its claims to the direct edges. A deal
    with fewer than two parties stays a node: nothing could replace it.
    """
    labels = labels if labels is not None else property_labels("en")
    names = {str(n["id"]): str(n["label"]) for n in recs.nodes}
    deals = {str(n["id"]) for n in recs.nodes if n["kgClass"] == "Deal"}
    roles: dict[str, list[tuple[str, str]]] = {}
    for f in recs.facts:
        if f["property"] in ROLES and f["subject"] in deals:
            roles.setdefault(str(f["subject"]), []).append((str(f["property"]), str(f["object"])))
    folded = {d for d, rs in roles.items() if len({p for _, p in rs}) >= 2}
    parties = {d: sorted({p for _, p in roles[d]}) for d in folded}
    kept: list[dict[str, object]] = []
    lent: dict[str, list[dict[str, object]]] = {d: [] for d in folded}
    for f in recs.facts:
        s, o = str(f["subject"]), str(f["object"])
        if s in folded and f["property"] in ROLES:
            lent[s].extend(f["claims"])  # type: ignore[arg-type]
        elif s not in folded and o not in folded:
            kept.append(dict(f))
        elif o in folded and s in parties[o]:
            lent[o].extend(f["claims"])  # type: ignore[arg-type]
        else:
            deal = o if o in folded else s
            for s2 in parties[s] if s in folded else [s]:
                for o2 in parties[o] if o in folded else [o]:
                    if s2 != o2:
                        kept.append({**f, "subject": s2, "object": o2, "via": deal})
    for deal in sorted(folded):
        for s, o, prop in _pairs(roles[deal]):
            _merge(kept, s, o, prop, lent[deal], labels, deal)
    for f in kept:
        f["sources"] = len({c["articleId"] for c in f["claims"] if c["articleId"]})  # type: ignore[attr-defined]
        f["viaLabel"] = names.get(str(f["via"])) if f["via"] is not None else None
    nodes = [n for n in recs.nodes if n["id"] not in folded]
    return Records(nodes, kept)


def _pairs(roles: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(subject, object, property) of the direct facts a deal's roles stand for."""
    by_role: dict[str, list[str]] = {}
    for role, party in roles:
        by_role.setdefault(role, []).append(party)
    found = []
    for first, second, prop in FOLDED_PAIRS:
        for s in sorted(set(by_role.get(first, []))):
            for o in sorted(set(by_role.get(second, []))):
                if s != o and (prop not in SYMMETRIC or s < o):
                    found.append((s, o, prop))
    return found


def _merge(
    facts: list[dict[str, object]],
    s: str,
    o: str,
    prop: str,
    claims: list[dict[str, object]],
    labels: dict[str, str],
    deal: str,
) -> None:
    """Add the deal's claims to the direct fact ``s prop o``, creating it when missing."""
    ends = {(s, o), (o, s)} if prop in SYMMETRIC else {(s, o)}
    for f in facts:
        if f["property"] == prop and (f["subject"], f["object"]) in ends:
            have = {(c["articleId"], c["evidence"]) for c in f["claims"]}  # type: ignore[attr-defined]
            told = {c["articleId"] for c in f["claims"]}  # type: ignore[attr-defined]
            # a sentence is new unless already there; a bare deal record, unless its article is
            extra = [
                c
                for c in claims
                if (c["articleId"], c["evidence"]) not in have
                and (c["evidence"] or c["articleId"] not in told)
            ]
            f["claims"] = [*f["claims"], *_unique(extra)]  # type: ignore[misc]
            return
    facts.append(
        {
            "subject": s,
            "object": o,
            "property": prop,
            "label": labels.get(prop, prop),
            "claims": _unique(claims),
            "via": deal,
        }  # sources and viaLabel are filled in by fold()
    )


def _unique(claims: list[dict[str, object]]) -> list[dict[str, object]]:
    """Claims without repeats (a deal's provenance is listed once per role edge)."""
    seen: dict[tuple, dict[str, object]] = {}
    for c in claims:
        seen.setdefault((c["articleId"], c["evidence"], c["amount"], c["date"]), c)
    return list(seen.values())
