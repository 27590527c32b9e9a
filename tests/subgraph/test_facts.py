"""kg.subgraph.facts.fold on records that carry fewer claims than they count (capped views)."""

from __future__ import annotations

from kg.subgraph.facts import Records, fold

A, B, R, D = "urn:kg:a", "urn:kg:b", "urn:kg:r", "urn:kg:deal"


def claim(article: str, evidence: str = "") -> dict[str, object]:
    return {"evidence": evidence, "confidence": 0.9 if evidence else None, "date": None,
            "amount": None, "hedged": False, "article": None, "articleId": article}  # fmt: skip


def fact(s: str, prop: str, o: str, claims: list, count: int, sources: int) -> dict[str, object]:
    return {"subject": s, "object": o, "property": prop, "label": prop, "claims": claims,
            "sources": sources, "claimCount": count, "via": None, "viaLabel": None}  # fmt: skip


def node(iri: str, kind: str) -> dict[str, object]:
    return {"id": iri, "label": iri.rsplit(":", 1)[1], "kgClass": kind, "aliases": []}


def test_left_out_claims_stay_counted_through_a_fold() -> None:
    recs = Records(
        [node(A, "Company"), node(B, "InvestmentFirm"), node(R, "Regulator"), node(D, "Deal")],
        [
            fact(B, "investsIn", A, [claim("a1", "B invests in A.")], count=6, sources=5),
            fact(D, "investor", B, [claim("a2")], count=2, sources=2),
            fact(D, "investee", A, [claim("a2")], count=2, sources=2),
            fact(R, "reviews", D, [claim("a3", "R looks at the deal.")], count=3, sources=3),
        ],
    )
    folded = {(f["property"], f["subject"], f["object"]): f for f in fold(recs).facts}
    assert set(folded) == {("investsIn", B, A), ("reviews", R, A), ("reviews", R, B)}
    invest = folded[("investsIn", B, A)]
    # carried: its own claim and the deal's record from a2; left out: 5 of its own, 1 of the
    # deal's (its two role edges list the same provenance, counted once)
    assert [c["articleId"] for c in invest["claims"]] == ["a1", "a2"]
    assert (invest["claimCount"], invest["sources"]) == (8, 7)
    for s, o in ((R, A), (R, B)):
        review = folded[("reviews", s, o)]
        assert (review["claimCount"], review["sources"], review["via"]) == (3, 3, D)
    assert all("hidden" not in f for f in folded.values())


def test_facts_away_from_deals_keep_their_counts() -> None:
    recs = Records(
        [node(A, "Company"), node(B, "Company")],
        [fact(A, "partnersWith", B, [claim("a1", "A and B.")], count=40, sources=31)],
    )
    (only,) = fold(recs).facts
    assert (only["claimCount"], only["sources"], len(only["claims"])) == (40, 31, 1)
