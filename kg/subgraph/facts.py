"""A subgraph as plain records: nodes with label and class, facts with their claims.

Both the explorer and the property-graph exports read the subgraph through
these records, so a fact shows the same amount, date and sources everywhere.
All values are plain strings and numbers, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SKOS
from rdflib.term import Identifier

from kg.graph.namespaces import KG, SCHEMA
from kg.model import PREDICATES, SYMMETRIC
from kg.subgraph.queries import ROLES
from kg.subgraph.values import (
    amount_text,
    article_record,
    class_from_types,
    label_from,
    property_labels,
)

#: Deal roles whose parties a folded deal links directly, and the fact that link stands for.
FOLDED_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("investor", "investee", "investsIn"),
    ("acquirer", "target", "acquires"),
    ("partner", "partner", "partnersWith"),
)


def format_amount(graph: Graph, node: Identifier | None) -> str | None:
    """``50,000,000 EUR`` (``~`` when approximate) for a MonetaryAmount node."""
    if node is None:
        return None
    return amount_text(
        graph.value(node, SCHEMA.value),
        graph.value(node, SCHEMA.currency),
        graph.value(node, KG.approximate),
    )


def node_label(graph: Graph, node: Identifier, lang: str) -> str:
    return label_from(graph.objects(node, SKOS.prefLabel), node, lang)


def class_of(graph: Graph, node: Identifier) -> str:
    return class_from_types(graph.objects(node, RDF.type))


def _article(graph: Graph, art: Identifier) -> dict[str, object]:
    return article_record(
        art,
        graph.value(art, SCHEMA.name),
        graph.value(art, KG.sourceName),
        graph.value(art, SCHEMA.datePublished),
        graph.value(art, SCHEMA.url),
    )


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
    #: subject, object, property, label, claims, sources, claimCount; via, viaLabel: the
    #: folded deal. ``sources`` (distinct articles) and ``claimCount`` count every claim
    #: behind the fact, also those a capped view does not carry in ``claims``.
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
                "claimCount": len(claims),
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
    Claims a capped view left out are added to the counts of the facts they
    go to (sources then count an article once per merged fact, an upper bound).
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
    # claims and sources counted but not carried: every role edge of a deal has the
    # deal's own provenance (count it once), a party's fact about the deal its own claims
    unseen = dict.fromkeys(folded, (0, 0))
    provenance = dict.fromkeys(folded, (0, 0))
    for f in recs.facts:
        s, o = str(f["subject"]), str(f["object"])
        if s in folded and f["property"] in ROLES:
            lent[s].extend(f["claims"])  # type: ignore[arg-type]
            provenance[s] = max(provenance[s], _hidden(f))
        elif s not in folded and o not in folded:
            kept.append({**f, "hidden": _hidden(f)})
        elif o in folded and s in parties[o]:
            lent[o].extend(f["claims"])  # type: ignore[arg-type]
            unseen[o] = _plus(unseen[o], _hidden(f))
        else:
            deal = o if o in folded else s
            for s2 in parties[s] if s in folded else [s]:
                for o2 in parties[o] if o in folded else [o]:
                    if s2 != o2:
                        kept.append(
                            {**f, "subject": s2, "object": o2, "via": deal, "hidden": _hidden(f)}
                        )
    for deal in sorted(folded):
        hidden = _plus(unseen[deal], provenance[deal])
        for s, o, prop in deal_pairs(roles[deal]):
            _merge(kept, s, o, prop, lent[deal], labels, deal, hidden)
    for f in kept:
        claims, (more, elsewhere) = f["claims"], f.pop("hidden")  # type: ignore[misc]
        f["sources"] = len({c["articleId"] for c in claims if c["articleId"]}) + elsewhere  # type: ignore[attr-defined]
        f["claimCount"] = len(claims) + more  # type: ignore[arg-type]
        f["viaLabel"] = names.get(str(f["via"])) if f["via"] is not None else None
    nodes = [n for n in recs.nodes if n["id"] not in folded]
    return Records(nodes, kept)


def _hidden(fact: dict[str, object]) -> tuple[int, int]:
    """Claims and sources counted for a fact but not carried in its ``claims`` (a capped view)."""
    claims: list[dict[str, object]] = fact["claims"]  # type: ignore[assignment]
    carried = len({c["articleId"] for c in claims if c["articleId"]})
    total = int(fact.get("claimCount", len(claims)))  # type: ignore[call-overload]
    sources = int(fact.get("sources", carried))  # type: ignore[call-overload]
    return max(total - len(claims), 0), max(sources - carried, 0)


def _plus(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


def deal_pairs(roles: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
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
    hidden: tuple[int, int] = (0, 0),
) -> None:
    """Add the deal's claims to the direct fact ``s prop o``, creating it when missing.

    ``hidden`` counts the deal's claims and sources that were counted but not carried.
    """
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
            f["hidden"] = _plus(f["hidden"], hidden)  # type: ignore[arg-type]
            return
    facts.append(
        {
            "subject": s,
            "object": o,
            "property": prop,
            "label": labels.get(prop, prop),
            "claims": _unique(claims),
            "via": deal,
            "hidden": hidden,
        }  # sources, claimCount and viaLabel are filled in by fold()
    )


def _unique(claims: list[dict[str, object]]) -> list[dict[str, object]]:
    """Claims without repeats (a deal's provenance is listed once per role edge)."""
    seen: dict[tuple, dict[str, object]] = {}
    for c in claims:
        seen.setdefault((c["articleId"], c["evidence"], c["amount"], c["date"]), c)
    return list(seen.values())
