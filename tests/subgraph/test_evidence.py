"""kg.subgraph.evidence: a few claims per fact, the true counts, on a store of each backend.

Expected claims and counts are read off tests/data/view/many_sources.trig by hand
(its header lists every claim with its confidence).
"""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.store.base import Store
from kg.subgraph import select
from kg.subgraph.direct import read_records
from kg.subgraph.evidence import EVIDENCE_PER_FACT

ID = "https://w3id.org/kg/id/"


def facts(
    store: Store, evidence: int | None, fold_deals: bool = False, **request: object
) -> dict[tuple, dict]:
    """(property, subject, object) → fact record, ends by the last part of their IRI."""
    request.setdefault("around", "Nimbus Foods")
    request.setdefault("hops", 1)
    chosen = select(store, **request)  # type: ignore[arg-type]
    recs = read_records(chosen, evidence=evidence, fold_deals=fold_deals)
    return {
        (f["property"], str(f["subject"]).rsplit("/", 1)[1], str(f["object"]).rsplit("/", 1)[1]): f
        for f in recs.facts
    }


def carried(fact: dict) -> list[str]:
    """The claims a fact carries, by the article each comes from (bN), in page order."""
    return [str(c["articleId"]).rsplit("/", 1)[1] for c in fact["claims"]]


INVESTS = ("investsIn", "orla-ventures", "nimbus-foods")


def test_a_fact_with_many_claims_carries_the_most_confident(many: Store) -> None:
    fact = facts(many, 3)[INVESTS]
    assert carried(fact) == ["b2", "b3", "b5"]  # 0.9, 0.9, 0.95; article order on the page
    assert (fact["claimCount"], fact["sources"]) == (8, 7)  # b7 states it twice
    b5 = fact["claims"][2]
    assert b5["evidence"] == "Orla Ventures led the Nimbus Foods round (b5)."
    assert b5["confidence"] == 0.95
    assert b5["article"] == {"title": "Kestrel Labs signs Nimbus", "date": "2024-05-05",
                             "url": None, "source": "b5.txt"}  # fmt: skip


def test_equally_confident_claims_are_ranked_newest_first(many: Store) -> None:
    fact = facts(many, 2)[INVESTS]
    assert carried(fact) == ["b3", "b5"]  # b3's claim (2024-02) beats b2's (2023-05)
    assert (fact["claimCount"], fact["sources"]) == (8, 7)


def test_facts_with_few_claims_carry_them_all(many: Store) -> None:
    found = facts(many, 3)
    hq = found[("headquarteredIn", "nimbus-foods", "port-aster")]
    assert carried(hq) == ["b1", "b2"] and (hq["claimCount"], hq["sources"]) == (2, 2)
    assert carried(facts(many, None)[INVESTS]) == ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b7"]


def test_a_symmetric_fact_counts_claims_made_either_way_round(many: Store) -> None:
    found = facts(many, 3)
    one = found[("partnersWith", "nimbus-foods", "kestrel-labs")]
    other = found[("partnersWith", "kestrel-labs", "nimbus-foods")]
    for fact in (one, other):
        assert carried(fact) == ["b1", "b3", "b5"]  # 0.8, 0.75, 0.85
        assert (fact["claimCount"], fact["sources"]) == (6, 6)


def test_counts_do_not_depend_on_how_nodes_are_batched(
    many: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.subgraph.walk as walk

    monkeypatch.setattr(walk, "BATCH", 1)  # every node asked about in a query of its own
    found = facts(many, 3)
    for key in (("partnersWith", "nimbus-foods", "kestrel-labs"), INVESTS):
        assert (found[key]["claimCount"], found[key]["sources"]) == (
            (6, 6) if key != INVESTS else (8, 7)
        )
    assert carried(found[("partnersWith", "kestrel-labs", "nimbus-foods")]) == ["b1", "b3", "b5"]


def test_deal_roles_carry_the_newest_reporting_articles(many: Store) -> None:
    found = facts(many, 3)
    role = found[("investor", "nimbus-orla", "orla-ventures")]
    assert carried(role) == ["b2", "b3", "b4"]  # b4, b3, b2 are the newest of b1–b4
    assert (role["claimCount"], role["sources"]) == (4, 4)
    assert all(c["evidence"] == "" for c in role["claims"])


def test_folding_a_deal_keeps_counts_exact(many: Store) -> None:
    found = facts(many, 3, fold_deals=True)
    assert not any(p in ("investor", "investee") for p, _, _ in found)
    fact = found[INVESTS]
    # the deal's four articles (b1–b4) already state the investment: no claim is added
    assert carried(fact) == ["b2", "b3", "b5"] and (fact["claimCount"], fact["sources"]) == (8, 7)
    assert fact["via"] is None


def test_evidence_zero_keeps_only_the_counts(many: Store) -> None:
    fact = facts(many, 0)[INVESTS]
    assert fact["claims"] == [] and (fact["claimCount"], fact["sources"]) == (8, 7)


def test_counts_follow_a_claim_filter(many: Store) -> None:
    found = facts(many, 2, min_confidence=0.85)
    fact = found[INVESTS]
    assert carried(fact) == ["b3", "b5"]
    assert (fact["claimCount"], fact["sources"]) == (3, 3)  # b5, b3, b2 pass
    partners = found[("partnersWith", "kestrel-labs", "nimbus-foods")]
    assert carried(partners) == ["b5"] and partners["claimCount"] == 1
    assert ("headquarteredIn", "nimbus-foods", "port-aster") not in found


def test_the_whole_graph_is_counted_the_same(many: Store) -> None:
    fact = facts(many, 3, around=None)[INVESTS]
    assert carried(fact) == ["b2", "b3", "b5"] and (fact["claimCount"], fact["sources"]) == (8, 7)


def test_a_negative_cap_is_refused(many: Store) -> None:
    with pytest.raises(QueryError, match="evidence must be 0 or more claims per fact, got -1"):
        facts(many, -1)


def test_the_default_cap_is_small() -> None:
    assert 3 <= EVIDENCE_PER_FACT <= 5
