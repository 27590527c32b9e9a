"""The claims behind each kept fact: the true counts, and at most a few claims to show.

A fact stated by hundreds of articles would otherwise carry hundreds of quotes
into a page that shows a handful. Counts come from an aggregate query per batch
of subjects (and one for the symmetric facts); the claims are read only for the
facts kept, all of them when a fact has few, else the ``cap`` most confident
(then newest). Deal nodes are backed by their reporting articles, read during
the walk.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.model import SYMMETRIC
from kg.subgraph.queries import (
    ARTICLE_INFO,
    CLAIM_DETAILS,
    CLAIM_RANK,
    CLAIM_STATS,
    ROLES,
    local_name,
)
from kg.subgraph.values import amount_text, article_record, is_true
from kg.subgraph.walk import BATCH, ClaimRank, Edge, Walk, edge_key, iri_terms, rows

#: Claims a page carries per fact unless told otherwise (``kg view --evidence``);
#: the page still says how many claims and sources there are in all.
EVIDENCE_PER_FACT = 5


@dataclass
class Evidence:
    """How many claims and distinct articles back a fact, and which claims are carried."""

    claims: int
    sources: int
    chosen: list[URIRef] = field(default_factory=list)


def fact_evidence(
    walk: Walk, edges: list[Edge], cap: int | None, *, whole: bool = False
) -> dict[tuple, Evidence]:
    """Edge key → Evidence for the non-deal ``edges``; ``cap`` None carries every claim.

    ``whole``: the edges are every fact of the store, so read all claims at once.
    With a claim filter set, only the claims that pass it count.
    """
    facts = [e for e in edges if e[1] not in ROLES]
    keys = {edge_key(*e) for e in facts}
    if walk.filters.on_claims:
        found = {}
        for key in keys:
            claims = walk.good_claims.get(key, set())
            arts = {walk.ranks[c].article for c in claims} - {None}
            found[key] = Evidence(len(claims), len(arts), _best(claims, walk.ranks, cap))
        return found
    return _counted(walk, None if whole else facts, keys, cap)


def _counted(
    walk: Walk, facts: list[Edge] | None, keys: set[tuple], cap: int | None
) -> dict[tuple, Evidence]:
    """Counts by aggregate over the claims about ``facts`` (None: every claim); claim ids
    come with them for facts with at most ``cap``."""
    limit = Literal(cap if cap is not None else 2**62)
    sparql = CLAIM_STATS.replace("#CAP#", f"VALUES ?cap {{ {limit.n3()} }}")
    plain = sym = None
    if facts is not None:  # a claim's subject is its fact's, or either end of a symmetric one
        plain = sorted({s for s, p, _ in facts if p not in SYMMETRIC}, key=str)
        sym = sorted({n for s, p, o in facts if p in SYMMETRIC for n in (s, o)}, key=str)
    stats = itertools.chain(
        rows(walk.store, sparql.replace("#SYMMETRIC#", "!"), plain),
        # both ends of a symmetric fact in one query, or its counts would come in halves
        rows(walk.store, sparql.replace("#SYMMETRIC#", ""), sym, len(sym or ()) or None),
    )
    found: dict[tuple, Evidence] = {}
    heavy: dict[tuple, tuple[URIRef, URIRef, URIRef]] = {}
    for row in stats:  # facts to outside nodes are skipped below
        a, p, b = row["a"], row["p"], row["b"]
        key = edge_key(a, local_name(p), b)
        if key not in keys:
            continue
        ev = Evidence(int(row["claims"]), int(row["sources"]))
        ids = str(row["ids"] or "")
        if ids:
            ev.chosen = [URIRef(c) for c in sorted(ids.split())]
        else:
            heavy[key] = (a, p, b)
        found[key] = ev
    if cap != 0:  # with cap 0 the counts are all a page carries
        for key, chosen in _rank(walk, heavy, cap).items():
            found[key].chosen = chosen
    return found


def _rank(
    walk: Walk, heavy: dict[tuple, tuple[URIRef, URIRef, URIRef]], cap: int | None
) -> dict[tuple, list[URIRef]]:
    """The ``cap`` best claims of each fact with more (read: confidence and dates only)."""
    confidence: dict[URIRef, float] = {}
    own: dict[URIRef, str] = {}  # the claim's date
    published: dict[URIRef, str] = {}  # its article's
    claims: dict[tuple, set[URIRef]] = {}
    todo = []
    for a, p, b in (heavy[key] for key in sorted(heavy)):
        todo.append((a, p, b))
        if local_name(p) in SYMMETRIC and a != b:  # stated either way round
            todo.append((b, p, a))
    for start in range(0, len(todo), BATCH):
        block = " ".join(f"({iri_terms(t)})" for t in todo[start : start + BATCH])
        sparql = CLAIM_RANK.replace("#EDGES#", f"VALUES (?s ?p ?o) {{ {block} }}")
        for row in rows(walk.store, sparql, None):
            key = edge_key(row["s"], local_name(row["p"]), row["o"])
            if key not in heavy:
                continue
            claim = row["c"]
            claims.setdefault(key, set()).add(claim)
            if row.get("conf") is not None:
                confidence[claim] = max(confidence.get(claim, -1.0), float(str(row["conf"])))
            for name, dates in (("date", own), ("pub", published)):
                if row.get(name) is not None:
                    dates[claim] = max(dates.get(claim, ""), str(row[name]))
    ranks = {
        c: ClaimRank(confidence.get(c), own.get(c) or published.get(c), None)
        for found in claims.values()
        for c in found
    }
    return {key: _best(found, ranks, cap) for key, found in claims.items()}


def _best(
    claims: Iterable[URIRef], ranks: dict[URIRef, ClaimRank], cap: int | None
) -> list[URIRef]:
    """The ``cap`` most confident claims, newest first among equals, in IRI order."""
    order = sorted(claims, key=str)
    if cap is None or len(order) <= cap:
        return order

    def rank(claim: URIRef) -> tuple[float, str]:
        found = ranks.get(claim)
        if found is None:
            return (-1.0, "")
        conf = found.confidence if found.confidence is not None else -1.0
        return (conf, found.date or "")

    best = sorted(order, key=rank, reverse=True)[:cap]  # stable: IRI order among ties
    return sorted(best, key=str)


def deal_evidence(walk: Walk, deal: URIRef, cap: int | None) -> Evidence:
    """A deal's reporting articles as Evidence, the ``cap`` newest carried (in IRI order)."""
    dated = walk.deal_articles.get(deal, {})
    arts = sorted((a for a in dated if not walk.filters.on_claims or a in walk.articles), key=str)
    chosen = arts
    if cap is not None and len(arts) > cap:
        newest = sorted(arts, key=lambda a: dated[a] or "", reverse=True)[:cap]
        chosen = sorted(newest, key=str)
    return Evidence(len(arts), len(arts), chosen)


def claim_records(walk: Walk, claims: Iterable[URIRef]) -> dict[URIRef, dict[str, object]]:
    """Claim → what the page shows of it (evidence, amount, date, article…)."""
    details: dict[URIRef, dict] = {}
    for row in rows(walk.store, CLAIM_DETAILS, sorted(set(claims), key=str)):
        seen = details.setdefault(row["n"], {})
        for name, value in row.items():
            if value is not None:
                seen.setdefault(name, value)
    arts = article_records(walk, {d["art"] for d in details.values() if "art" in d})
    found = {}
    for claim, d in details.items():
        conf, art = d.get("conf"), d.get("art")
        found[claim] = {
            "evidence": str(d.get("evidence") or ""),
            "confidence": float(str(conf)) if conf is not None else None,
            "date": str(d["date"]) if d.get("date") is not None else None,
            "amount": amount_text(d.get("value"), d.get("currency"), d.get("approx")),
            "hedged": is_true(d.get("hedged")),
            "article": arts.get(art) if art is not None else None,
            "articleId": str(art) if art is not None else None,
        }
    return found


def article_records(walk: Walk, arts: Iterable[URIRef]) -> dict[URIRef, dict[str, object]]:
    """Article → title, date, URL (http/https only) and source name, one query per batch."""
    info: dict[URIRef, dict] = {}
    for row in rows(walk.store, ARTICLE_INFO, sorted(set(arts), key=str)):
        seen = info.setdefault(row["n"], {})
        for name, value in row.items():
            if value is not None:
                seen.setdefault(name, value)
    found = {}
    for art, d in info.items():
        if d.get("typed") is None:  # not described as a kg:Article: only its IRI is known
            d = {}
        found[art] = article_record(art, d.get("title"), d.get("name"), d.get("pub"), d.get("url"))
    return found
