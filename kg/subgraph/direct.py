"""A selection as explorer records read straight from the store (no rdflib graph).

The explorer needs each node's label, class and aliases and, per fact, a few
claims with their article plus how many there are in all. Reading just that
(:mod:`kg.subgraph.evidence`) instead of copying every claim into an rdflib
graph first is what brings a 1,000-node page on a store of a million triples
from tens of seconds down to one or two. The records match those :func:`kg.subgraph.facts.records`
makes from :func:`kg.subgraph.subgraph`'s graph, except that facts carry at most
``evidence`` claims.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.graph.namespaces import KG, SCHEMA
from kg.subgraph import Selection
from kg.subgraph.evidence import (
    EVIDENCE_PER_FACT,
    Evidence,
    article_records,
    claim_records,
    deal_evidence,
    fact_evidence,
)
from kg.subgraph.facts import Records, deal_pairs, fold
from kg.subgraph.queries import DETAILS, ROLES
from kg.subgraph.values import amount_text, class_from_types, label_from, property_labels
from kg.subgraph.walk import Edge, edge_key, rows

Props = dict[Identifier, dict[Identifier, list[Identifier]]]


def read_records(
    chosen: Selection,
    *,
    lang: str = "en",
    fold_deals: bool = False,
    evidence: int | None = EVIDENCE_PER_FACT,
) -> Records:
    """Nodes and facts of ``chosen``, each fact carrying at most ``evidence`` claims.

    ``evidence`` None carries every claim. Every fact says how many claims
    (``claimCount``) and distinct articles (``sources``) back it in all.
    ``fold_deals`` as in :func:`kg.subgraph.facts.records`.
    """
    if evidence is not None and evidence < 0:
        raise QueryError(f"subgraph: evidence must be 0 or more claims per fact, got {evidence}")
    walk, edges = chosen.walk, sorted(chosen.edges)
    scope = None if chosen.whole else sorted(chosen.nodes, key=str)
    props = _details(chosen, scope)
    # facts a fold merges are read whole, so their counts stay exact; trimmed after
    folded, merged = _folded(edges) if fold_deals else (set(), set())
    rest = [e for e in edges if edge_key(*e) not in merged]
    backing = fact_evidence(walk, rest, evidence, whole=chosen.whole)
    backing.update(fact_evidence(walk, [e for e in edges if edge_key(*e) in merged], None))
    deals = {
        s: deal_evidence(walk, s, None if s in folded else evidence)
        for s, p, _ in edges
        if p in ROLES
    }
    claims = claim_records(walk, (c for ev in backing.values() for c in ev.chosen))
    arts = article_records(walk, (a for ev in deals.values() for a in ev.chosen))
    labels = property_labels(lang)
    facts = []
    for s, prop, o in edges:
        if prop in ROLES:
            ev = deals[s]
            carried = _deal_claims(props, s, ev, arts)
        else:
            ev = backing.get(edge_key(s, prop, o), Evidence(0, 0))
            found = [claims[c] for c in ev.chosen if c in claims]
            carried = sorted(found, key=lambda c: (c["articleId"] or "", c["evidence"]))
        facts.append(
            {
                "subject": str(s),
                "object": str(o),
                "property": prop,
                "label": labels.get(prop, prop),
                "claims": carried,
                "sources": ev.sources,
                "claimCount": ev.claims,
                "via": None,
                "viaLabel": None,
            }
        )
    typed = {n for n in chosen.nodes if _class(props, n) != "Other"}
    nodes = sorted(typed | {n for s, _, o in edges for n in (s, o)}, key=str)
    recs = Records([_node(props, n, lang) for n in nodes], facts)
    if not fold_deals:
        return recs
    recs = fold(recs, labels)
    for fact in recs.facts:
        fact["claims"] = _best_claims(fact["claims"], evidence)  # type: ignore[arg-type]
    return recs


def _folded(edges: list[Edge]) -> tuple[set[URIRef], set[tuple]]:
    """Deals a fold will replace, and the keys of the facts their claims merge into."""
    roles: dict[URIRef, list[tuple[str, str]]] = {}
    for s, p, o in edges:
        if p in ROLES:
            roles.setdefault(s, []).append((p, str(o)))
    folded = {d for d, rs in roles.items() if len({party for _, party in rs}) >= 2}
    merged = set()
    for deal in folded:
        merged |= {edge_key(s, p, o) for s, o, p in deal_pairs(roles[deal])}
        parties = {party for _, party in roles[deal]}
        merged |= {
            edge_key(*e)
            for e in edges
            if e[2] == deal and str(e[0]) in parties and e[1] not in ROLES
        }
    return folded, merged


def _best_claims(claims: list[dict[str, object]], cap: int | None) -> list[dict[str, object]]:
    """At most ``cap`` claim records: the most confident, then newest, in their given order."""
    if cap is None or len(claims) <= cap:
        return claims

    def rank(item: tuple[int, dict[str, object]]) -> tuple[float, str]:
        claim = item[1]
        conf = claim["confidence"]
        art = claim["article"] or {}
        date = claim["date"] or art.get("date") or ""  # type: ignore[union-attr]
        return (float(conf) if conf is not None else -1.0, str(date))  # type: ignore[arg-type]

    kept = sorted(enumerate(claims), key=rank, reverse=True)[:cap]
    return [claim for _, claim in sorted(kept, key=lambda item: item[0])]


def _details(chosen: Selection, scope: list[URIRef] | None) -> Props:
    """Node (and amount node) → property → values: labels, classes, amounts, dates."""
    props: Props = {}
    for row in rows(chosen.walk.store, DETAILS, scope):
        s, p, o = row["s"], row["p"], row["o"]
        if s is not None and p is not None and o is not None:
            props.setdefault(s, {}).setdefault(p, []).append(o)
    return props


def _first(props: Props, node: Identifier | None, prop: Identifier) -> Identifier | None:
    values = props.get(node, {}).get(prop) if node is not None else None
    return values[0] if values else None


def _class(props: Props, node: Identifier) -> str:
    return class_from_types(props.get(node, {}).get(RDF.type, []))


def _amount(props: Props, node: Identifier) -> str | None:
    amount = _first(props, node, KG.amount)
    if amount is None:
        return None
    return amount_text(
        _first(props, amount, SCHEMA.value),
        _first(props, amount, SCHEMA.currency),
        _first(props, amount, KG.approximate),
    )


def _node(props: Props, node: Identifier, lang: str) -> dict[str, object]:
    own = props.get(node, {})
    kind = _class(props, node)
    label = label_from(own.get(SKOS.prefLabel, []), node, lang)
    if kind == "Valuation":
        amount = _amount(props, node) or label
        date = _first(props, node, KG.date)
        label = f"{amount} ({date})" if date is not None else amount
    aliases = sorted({str(a) for a in own.get(SKOS.altLabel, [])})
    return {"id": str(node), "label": label, "kgClass": kind, "aliases": aliases}


def _deal_claims(
    props: Props, deal: URIRef, ev: Evidence, arts: dict[URIRef, dict[str, object]]
) -> list[dict[str, object]]:
    """A deal's own provenance: one entry per reporting article, with its amount and date."""
    amount = _amount(props, deal)
    date = _first(props, deal, KG.date)
    return [
        {
            "evidence": "",
            "confidence": None,
            "date": str(date) if date is not None else None,
            "amount": amount,
            "hedged": False,
            "article": arts.get(art) or _bare(art),
            "articleId": str(art),
        }
        for art in ev.chosen
    ]


def _bare(art: URIRef) -> dict[str, object]:
    """An article the store knows nothing about beyond its IRI."""
    return {"title": str(art).rsplit("/", 1)[-1], "date": None, "url": None, "source": ""}
