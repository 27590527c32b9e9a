"""A subgraph as the explorer's data: a pyvis network plus the facts behind it.

Everything here is plain data (strings, numbers, lists) that the page embeds
as JSON; nothing is HTML, so the page can put it in the DOM as text only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from pyvis.network import Network
from rdflib import Graph

from kg.model import SYMMETRIC
from kg.subgraph.facts import records

#: Class → (colour, vis-network shape); the legend shows them in this order.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Company": ("#4e79a7", "dot"),
    "InvestmentFirm": ("#f28e2b", "diamond"),
    "Regulator": ("#e15759", "triangle"),
    "GovernmentBody": ("#76b7b2", "square"),
    "Person": ("#59a14f", "star"),
    "Place": ("#b07aa1", "triangleDown"),
    "Product": ("#edc948", "hexagon"),
    "Deal": ("#9c755f", "box"),
    "Valuation": ("#bab0ac", "ellipse"),
    "Other": ("#cccccc", "dot"),
}


@dataclass
class Explorer:
    """What the page shows: the pyvis network plus the data the side panel needs."""

    network: Network
    facts: list[dict[str, object]]
    classes: list[dict[str, object]]

    def counts(self) -> tuple[int, int]:
        """Number of nodes and edges drawn."""
        return self.network.num_nodes(), self.network.num_edges()


def _layout(nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions from networkx (spring layout), scaled to the size of the graph."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(pairs)
    scale = 150.0 * math.sqrt(max(len(nodes), 1))
    try:
        pos = nx.spring_layout(g, seed=7, scale=scale)
    except ImportError:  # no numpy: fall back to a circle
        step = 2 * math.pi / max(len(nodes), 1)
        angles = {n: i * step for i, n in enumerate(nodes)}
        pos = {n: (scale * math.cos(a), scale * math.sin(a)) for n, a in angles.items()}
    return {n: (float(pos[n][0]), float(pos[n][1])) for n in nodes}


def build_explorer(graph: Graph, *, lang: str = "en") -> Explorer:
    """Turn a subgraph into a pyvis network (laid out, styled by class) plus facts and legend."""
    recs = records(graph, lang=lang)
    degree = Counter(n for f in recs.facts for n in (f["subject"], f["object"]))
    ids = [str(n["id"]) for n in recs.nodes]
    pos = _layout(ids, [(str(f["subject"]), str(f["object"])) for f in recs.facts])
    net = Network(directed=True, cdn_resources="local")
    classes: Counter[str] = Counter()
    for node in recs.nodes:
        kind = str(node["kgClass"])
        classes[kind] += 1
        colour, shape = CLASS_STYLE[kind]
        x, y = pos[str(node["id"])]
        net.add_node(
            node["id"], label=node["label"], shape=shape, color=colour, x=x, y=y,
            size=12 + 5 * math.sqrt(degree[node["id"]]), kgClass=kind, aliases=node["aliases"],
        )  # fmt: skip
    for i, fact in enumerate(recs.facts):
        net.add_edge(
            fact["subject"], fact["object"], id=f"e{i}", label=fact["label"], fact=i,
            width=1 + 1.5 * max(int(fact["sources"]) - 1, 0), kgProperty=fact["property"],
            arrows="" if fact["property"] in SYMMETRIC else "to",
        )  # fmt: skip
    legend = [
        {"name": k, "color": CLASS_STYLE[k][0], "shape": CLASS_STYLE[k][1], "count": classes[k]}
        for k in CLASS_STYLE
        if classes[k]
    ]
    return Explorer(net, recs.facts, legend)
