"""A subgraph as the explorer's data: a pyvis network plus the facts behind it.

Everything here is plain data (strings, numbers, lists) that the page embeds
as JSON; nothing is HTML, so the page can put it in the DOM as text only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from pyvis.network import Network
from rdflib import Graph

from kg.model import PREDICATES, SYMMETRIC
from kg.network import centrality, check_measure, from_records
from kg.subgraph.facts import Records, records
from kg.subgraph.queries import ROLES

#: Class → (colour, vis-network shape); the legend shows them in this order.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Company": ("#4e79a7", "dot"),
    "InvestmentFirm": ("#f28e2b", "diamond"),
    "Regulator": ("#e15759", "triangle"),
    "GovernmentBody": ("#76b7b2", "square"),
    "Person": ("#59a14f", "star"),
    "Place": ("#b07aa1", "triangleDown"),
    "Product": ("#edc948", "hexagon"),
    "Deal": ("#9c755f", "square"),
    "Valuation": ("#bab0ac", "dot"),
    "Other": ("#cccccc", "dot"),
}
#: Classes drawn as small connectors rather than as entities.
MINOR_CLASSES = frozenset({"Deal", "Valuation"})
#: Default cap on the nodes one page carries (``kg view --max-nodes``).
MAX_NODES = 1500
#: The most nodes a page ever draws: beyond this a browser stalls laying them out.
PAGE_LIMIT = 5000
#: Largest component laid out with Kamada–Kawai (slow beyond); bigger ones use a spring layout.
_KK_LIMIT = 120
#: Components larger than this get the linear-time radial layout (spring is quadratic).
_RADIAL_FROM = 400
#: Target edge length and smallest gap between two nodes, in page pixels.
_EDGE = 150.0
_GAP = 130.0


@dataclass
class Explorer:
    """What the page shows: the pyvis network plus the data the side panel needs."""

    network: Network
    facts: list[dict[str, object]]
    classes: list[dict[str, object]]
    properties: list[dict[str, object]] = field(default_factory=list)
    articles: list[dict[str, object]] = field(default_factory=list)
    total_nodes: int = 0  # nodes in the subgraph, before the max_nodes cap
    ranked_by: str | None = None  # "PageRank" when the cap dropped nodes
    size_by: str = "degree"  # the measure behind node sizes
    folded: bool = False  # deal nodes folded into direct edges

    def counts(self) -> tuple[int, int]:
        """Number of nodes and edges drawn."""
        return self.network.num_nodes(), self.network.num_edges()

    @property
    def dropped(self) -> int:
        """Nodes of the subgraph left out by the max_nodes cap."""
        return self.total_nodes - self.network.num_nodes()


def layout(nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Page positions: each connected component laid out alone, packed side by side.

    Components are drawn with Kamada–Kawai (spring layout when large), scaled so
    an edge is about ``_EDGE`` px and no two nodes are closer than ``_GAP`` px;
    the biggest component comes first and nodes without edges come last.
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(pairs)
    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    boxes = [_component(g.subgraph(part)) for part in parts]
    return _pack(boxes)


def _component(g: object) -> dict[str, tuple[float, float]]:
    """One component's positions in pixels, its top-left corner at (0, 0)."""
    import networkx as nx

    assert isinstance(g, nx.Graph)
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g.nodes)): (0.0, 0.0)}
    keys = sorted(g)
    try:
        import numpy as np

        if n > _RADIAL_FROM:
            return _radial(g)
        if n <= _KK_LIMIT:
            pos = nx.kamada_kawai_layout(g)
        else:
            pos = nx.spring_layout(g, seed=7, iterations=40)
        xy = np.array([pos[k] for k in keys], dtype=float)
        index = {k: i for i, k in enumerate(keys)}
        lengths = [float(np.linalg.norm(xy[index[a]] - xy[index[b]])) for a, b in g.edges]
        xy *= _EDGE / max(float(np.median(lengths)), 1e-9)
        xy = _spread(xy, np)
        points = {k: (float(x), float(y)) for k, (x, y) in zip(keys, xy, strict=True)}
    except ImportError:  # no numpy/scipy: a circle with room for every node
        radius = max(_EDGE, n * _GAP / (2 * math.pi))
        step = 2 * math.pi / n
        points = {
            k: (radius * math.cos(i * step), radius * math.sin(i * step))
            for i, k in enumerate(keys)
        }
    left = min(x for x, _ in points.values())
    top = min(y for _, y in points.values())
    return {k: (x - left, y - top) for k, (x, y) in points.items()}


def _radial(g: object) -> dict[str, tuple[float, float]]:
    """Rings around the best-connected node, each node in a wedge as wide as its subtree.

    Linear in the size of the component, so a 1,000-node neighbourhood is laid out
    in milliseconds; rings are wide enough that neighbours stay ``_GAP`` apart.
    """
    import networkx as nx

    assert isinstance(g, nx.Graph)
    root = min(g, key=lambda k: (-g.degree(k), k))
    parent: dict[str, str | None] = {root: None}
    rings: list[list[str]] = [[root]]
    while True:
        ring = []
        for node in rings[-1]:
            for other in sorted(g[node]):
                if other not in parent:
                    parent[other] = node
                    ring.append(other)
        if not ring:
            break
        rings.append(ring)
    children: dict[str, list[str]] = {k: [] for k in parent}
    for node, up in parent.items():
        if up is not None:
            children[up].append(node)
    weight: dict[str, int] = {}
    for ring in reversed(rings):
        for node in ring:
            weight[node] = max(1, sum(weight[c] for c in children[node]))
    angle: dict[str, tuple[float, float]] = {root: (0.0, 2 * math.pi)}
    points = {root: (0.0, 0.0)}
    radius = 0.0
    for depth, ring in enumerate(rings[1:], start=1):
        radius = max(radius + _EDGE * 1.5, len(ring) * _GAP / (2 * math.pi))
        for up in rings[depth - 1]:
            start, width = angle[up]
            total = sum(weight[c] for c in children[up]) or 1
            for child in children[up]:
                share = width * weight[child] / total
                angle[child] = (start, share)
                middle = start + share / 2
                points[child] = (radius * math.cos(middle), radius * math.sin(middle))
                start += share
    left = min(x for x, _ in points.values())
    top = min(y for _, y in points.values())
    return {k: (x - left, y - top) for k, (x, y) in points.items()}


def _spread(xy, np, rounds: int = 60):  # type: ignore[no-untyped-def]
    """Push apart nodes closer than ``_GAP`` (hubs crowd their neighbours), a few rounds."""
    if len(xy) > 1500:
        return xy
    rng = np.random.default_rng(7)
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, 1e12)
        close = dist < _GAP
        if not close.any():
            break
        same = dist < 1e-6  # coincident points: nudge at random
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        dist[same] = 1.0
        push = np.where(close, (_GAP - dist) / 2 / dist, 0.0)
        xy = xy + (delta * push[:, :, None]).sum(axis=1) * 0.5
    return xy


def _pack(boxes: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf-pack component boxes into rows about as wide as the whole is tall."""
    sizes = [
        (max(x for x, _ in b.values()) + _GAP, max(y for _, y in b.values()) + _GAP) for b in boxes
    ]
    width = max(math.sqrt(sum(w * h for w, h in sizes)) * 1.4, max(w for w, _ in sizes))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for box, (w, h) in zip(boxes, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        pos.update({k: (x + px, y + py) for k, (px, py) in box.items()})
        x, row = x + w, max(row, h)
    return pos


def node_sizes(g: object, measure: str = "degree") -> dict[str, tuple[float, float]]:
    """Node → (score, drawn size): ``12 + 5·√x``, x the score scaled to a degree's range.

    PageRank is multiplied by twice the number of links (on a tree it is about
    degree over that), betweenness by the number of nodes, so a hub is drawn
    about as big whichever measure sizes it.
    """
    import networkx as nx

    assert isinstance(g, nx.MultiDiGraph)
    score = centrality(g, measure)
    links = {frozenset((s, o)) for s, o in g.edges() if s != o}
    scale = {"degree": 1.0, "pagerank": 2.0 * len(links), "betweenness": float(len(g))}[measure]
    return {n: (v, 12 + 5 * math.sqrt(max(v, 0.0) * scale)) for n, v in score.items()}


def build_explorer(
    graph: Graph,
    *,
    lang: str = "en",
    max_nodes: int | None = None,
    size: str = "degree",
    fold_deals: bool = False,
) -> Explorer:
    """Turn a subgraph into a pyvis network (laid out, styled by class) plus facts and legend.

    With ``max_nodes``, only that many nodes are kept, the most central first
    (``Explorer.ranked_by`` names the measure); facts need both ends kept.
    ``size`` is the measure behind node sizes (degree, pagerank, betweenness);
    ``fold_deals`` draws deals as direct edges between their parties.
    """
    check_measure(size)
    recs = records(graph, lang=lang, fold_deals=fold_deals)
    return explorer_from_records(recs, max_nodes=max_nodes, size=size, folded=fold_deals)


def explorer_from_records(
    recs: Records,
    *,
    max_nodes: int | None = None,
    size: str = "degree",
    folded: bool = False,
) -> Explorer:
    """:func:`build_explorer` for records already read (``folded``: deals were folded)."""
    check_measure(size)
    nodes, facts, ranked_by = recs.nodes, recs.facts, None
    if max_nodes is not None and len(nodes) > max_nodes:
        score = centrality(from_records(recs), "pagerank")
        order = sorted(score, key=lambda n: (-score[n], n))
        keep, ranked_by = set(order[:max_nodes]), "PageRank"
        nodes = [n for n in nodes if n["id"] in keep]
        facts = [f for f in facts if f["subject"] in keep and f["object"] in keep]
    ids = [str(n["id"]) for n in nodes]
    pairs = [(str(f["subject"]), str(f["object"])) for f in facts]
    sizes = node_sizes(from_records(Records(nodes, facts)), size)
    pos = layout(ids, pairs)
    net = Network(directed=True, cdn_resources="local")
    classes: Counter[str] = Counter()
    for node in nodes:
        kind = str(node["kgClass"])
        classes[kind] += 1
        colour, shape = CLASS_STYLE[kind]
        x, y = pos[str(node["id"])]
        minor = kind in MINOR_CLASSES
        score, drawn = sizes[str(node["id"])]
        font = {"size": 13, "color": "#666"} if minor else {"size": 26, "color": "#222"}
        net.add_node(
            node["id"], label=node["label"], shape=shape, color=colour, x=x, y=y,
            size=7.0 if minor else round(drawn, 2), score=round(score, 6), font=font,
            kgClass=kind, aliases=node["aliases"],
        )  # fmt: skip
    for i, fact in enumerate(facts):
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
    return Explorer(
        net, facts, legend, _properties(facts), _articles(facts), len(recs.nodes), ranked_by,
        size, folded,
    )  # fmt: skip


def _properties(facts: list[dict[str, object]]) -> list[dict[str, object]]:
    """The fact properties present, in ontology order, with their label and count."""
    count = Counter(str(f["property"]) for f in facts)
    label = {str(f["property"]): f["label"] for f in facts}
    order = [p for p in (*PREDICATES, *ROLES) if count[p]]
    return [{"name": p, "label": label[p], "count": count[p]} for p in order]


def _articles(facts: list[dict[str, object]]) -> list[dict[str, object]]:
    """The articles behind the facts (id, title, date), oldest first."""
    found: dict[str, dict[str, object]] = {}
    for fact in facts:
        for claim in fact["claims"]:  # type: ignore[attr-defined]
            art = claim["article"]
            if claim["articleId"] and art:
                found[claim["articleId"]] = {
                    "id": claim["articleId"], "title": art["title"], "date": art["date"],
                }  # fmt: skip
    return sorted(found.values(), key=lambda a: (str(a["date"] or ""), str(a["title"])))
