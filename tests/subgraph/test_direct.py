"""kg.subgraph.direct: records read from the store equal those made from subgraph()'s graph.

The explorer used to build its records from the full rdflib graph of a subgraph;
it now reads them straight from the store. On stores whose facts have few claims
the two must agree exactly, field for field.
"""

from __future__ import annotations

import pytest

from kg.store.base import Store
from kg.subgraph import limited_subgraph, select
from kg.subgraph.direct import read_records
from kg.subgraph.facts import records

REQUESTS = [
    {},
    {"around": "Aurora Robotics", "hops": 1},
    {"around": "Aurora Robotics", "hops": 2, "limit": 6},
    {"types": ["Company", "Deal"]},
    {"properties": ["investsIn", "partnersWith"]},
    {"since": "2024-01", "min_confidence": 0.8},
    {"source": "a2.txt"},
]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: ",".join(r) or "whole")
@pytest.mark.parametrize("fold_deals", [False, True], ids=["deals", "folded"])
def test_records_match_those_of_the_full_graph(
    small_store: Store, request_: dict, fold_deals: bool
) -> None:
    graph, cut = limited_subgraph(small_store, **request_)
    expected = records(graph, lang="it", fold_deals=fold_deals)
    chosen = select(small_store, **request_)
    found = read_records(chosen, lang="it", fold_deals=fold_deals)
    assert chosen.cut == cut
    assert found.nodes == expected.nodes
    assert found.facts == expected.facts
    assert len(found.facts) > 0


def test_every_claim_when_uncapped(many: Store) -> None:
    graph, _ = limited_subgraph(many, around="Orla Ventures", hops=1)
    expected = records(graph)
    found = read_records(select(many, around="Orla Ventures", hops=1), evidence=None)
    assert found.facts == expected.facts
    assert max(f["claimCount"] for f in found.facts) == 8
