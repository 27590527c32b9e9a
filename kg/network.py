"""The knowledge graph as a networkx graph, and what network analysis says about it.

:func:`to_networkx` turns a subgraph into a ``MultiDiGraph``: one node per
entity (label, class, aliases), one edge per fact (property, amount, date,
confidence, number of sources), deal nodes optionally folded into direct
party-to-party edges. On top of it: centrality rankings per class, the
shortest relation chains between two entities with the facts along them,
communities, and investors two entities have in common.

Every function takes a store (or its location), an rdflib graph or an
already-built networkx graph; stores and rdflib graphs are read with deals
folded. Measures are computed on the undirected projection (one link per
pair of connected nodes), except degree, which counts fact edges.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal

from kg.errors import EntityNotFound, QueryError
from kg.model import ENTITY_TYPES
from kg.store import open_store
from kg.store.base import SelectResult, Store
from kg.store.entities import fold
from kg.subgraph import subgraph
from kg.subgraph.facts import Records, records

if TYPE_CHECKING:
    import networkx as nx

#: Measures ``rank`` and the explorer's node size accept.
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")
#: Classes that are not entities (connectors and amount nodes).
NOT_ENTITIES = frozenset({"Deal", "Valuation", "Other"})
#: Fact properties that make the subject an investor of the object.
INVESTING: tuple[str, ...] = ("investsIn", "ownsStakeIn")
#: Above this many nodes betweenness is estimated from a sample of sources.
BETWEENNESS_SAMPLE = 500

#: What the analysis functions read: a store, its location, an rdflib graph or a networkx graph.
Source = Store | str | Path | Graph | Any


@dataclass(frozen=True)
class Entity:
    """A node as a user reads it."""

    id: str
    label: str
    kgClass: str  # the attribute name of the exports and the page


@dataclass(frozen=True)
class Evidence:
    """One claim behind a fact: the sentence and the article it came from."""

    text: str
    source: str  # the article's file name (else its title or id)
    title: str
    url: str | None
    published: str | None  # the article's date
    confidence: float | None
    amount: str | None = None  # as this claim states it
    date: str | None = None  # the date of the fact, as this claim states it


@dataclass(frozen=True)
class Fact:
    """A fact edge with its provenance; ``via`` names the folded deal it came from."""

    subject: Entity
    property: str
    object: Entity
    amount: str
    date: str
    evidence: tuple[Evidence, ...]
    via: str | None = None


@dataclass(frozen=True)
class Chain:
    """A shortest path: its entities in order and the facts linking each pair."""

    entities: tuple[Entity, ...]
    hops: tuple[tuple[Fact, ...], ...]


@dataclass(frozen=True)
class CommonInvestor:
    """An investor of both entities, with the facts that say so."""

    investor: Entity
    facts: tuple[Fact, ...]


def flatten(data: Graph | Dataset) -> Graph:
    """All triples of a graph or dataset in one plain graph."""
    if isinstance(data, Dataset):
        flat = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            flat.add((s, p, o))
        return flat
    return data


def from_records(recs: Records, *, evidence: bool = False) -> nx.MultiDiGraph:
    """The networkx graph of subgraph records; ``evidence`` keeps each edge's claims."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for node in recs.nodes:
        aliases = "; ".join(node["aliases"])  # type: ignore[arg-type]
        g.add_node(node["id"], label=node["label"], kgClass=node["kgClass"], aliases=aliases)
    for i, fact in enumerate(recs.facts):
        claims: list[dict[str, Any]] = fact["claims"]  # type: ignore[assignment]
        attrs: dict[str, object] = {
            "label": fact["label"],
            "property": fact["property"],
            "amount": "; ".join(sorted({str(c["amount"]) for c in claims if c["amount"]})),
            "date": "; ".join(sorted({str(c["date"]) for c in claims if c["date"]})),
            "sources": fact["sources"],
        }
        confidences = [c["confidence"] for c in claims if c["confidence"] is not None]
        if confidences:
            attrs["confidence"] = max(confidences)
        if fact.get("via") is not None:
            attrs["via"] = fact["viaLabel"] or fact["via"]
        if evidence:
            attrs["claims"] = claims
        g.add_edge(fact["subject"], fact["object"], key=f"e{i}", **attrs)
    return g


def to_networkx(
    data: Graph | Dataset,
    *,
    fold_deals: bool = False,
    lang: str = "en",
    evidence: bool = False,
    measures: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """Entities and fact edges of an rdflib graph as a networkx MultiDiGraph.

    Node attributes: ``label``, ``kgClass``, ``aliases`` ("; "-joined) and each of
    ``measures``; edge attributes: ``label``, ``property``, ``amount``, ``date``,
    ``sources``, ``confidence`` (highest claim, when known) and ``via`` (folded
    deal). All are plain strings and numbers, so GraphML and GEXF can hold them;
    ``evidence=True`` adds each edge's ``claims`` (dicts), which they cannot.
    """
    g = from_records(records(flatten(data), lang=lang, fold_deals=fold_deals), evidence=evidence)
    for measure in measures:
        for node, value in centrality(g, measure).items():
            g.nodes[node][measure] = value
    return g


def load(source: Source, *, fold_deals: bool = True) -> nx.MultiDiGraph:
    """The networkx graph (with evidence) of a store, a store location or an rdflib graph.

    A networkx graph is returned as it is.
    """
    import networkx as nx

    if isinstance(source, nx.Graph):
        return source
    if isinstance(source, Graph):
        return to_networkx(source, fold_deals=fold_deals, evidence=True)
    store = open_store(source)
    try:
        data = subgraph(store)
    finally:
        if store is not source:
            store.close()
    return to_networkx(data, fold_deals=fold_deals, evidence=True)


def _undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """One link per pair of connected nodes, direction and repeats ignored."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((s, o) for s, o in g.edges() if s != o)
    return simple


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1e-10) -> dict[Any, float]:
    """PageRank by power iteration, in plain Python (networkx's own needs scipy).

    >>> import networkx as nx
    >>> {n: round(v, 4) for n, v in pagerank(nx.star_graph(3)).items()}
    {0: 0.4797, 1: 0.1734, 2: 0.1734, 3: 0.1734}
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    score = dict.fromkeys(g, 1.0 / n)
    degree = dict(g.degree())
    for _ in range(500):
        dangling = alpha * sum(score[v] for v in g if degree[v] == 0) / n
        base = (1 - alpha) / n + dangling
        new = {v: base + alpha * sum(score[u] / degree[u] for u in g[v]) for v in g}
        change = sum(abs(new[v] - score[v]) for v in g)
        score = new
        if change < n * tol:
            break
    return score


def check_measure(measure: str) -> None:
    """Raise QueryError unless ``measure`` is one of MEASURES."""
    if measure not in MEASURES:
        raise QueryError(f"unknown measure {measure!r} (choose {', '.join(MEASURES)})")


def centrality(g: nx.MultiDiGraph, measure: str = "pagerank") -> dict[Any, float]:
    """Node → score: ``degree`` (fact edges), ``pagerank`` or ``betweenness`` (normalized).

    >>> import networkx as nx
    >>> centrality(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "b")]), "degree")
    {'a': 2, 'b': 3, 'c': 1}
    """
    import networkx as nx

    check_measure(measure)
    if measure == "degree":
        return dict(g.degree())
    simple = _undirected(g)
    if measure == "pagerank":
        return pagerank(simple)
    n = simple.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_SAMPLE else None
    return nx.betweenness_centrality(simple, k=k, seed=7 if k else None)


def _entity(g: nx.MultiDiGraph, node: str) -> Entity:
    attrs = g.nodes[node]
    return Entity(str(node), str(attrs.get("label", node)), str(attrs.get("kgClass", "Other")))


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node labelled (or aliased) ``name``, case and accents aside; or its IRI."""
    if name.strip() in g:
        return name.strip()
    by_key: dict[str, set[str]] = {}
    for node, attrs in g.nodes(data=True):
        names = [str(attrs.get("label", ""))] + str(attrs.get("aliases", "")).split("; ")
        for text in filter(None, names):
            by_key.setdefault(fold(text), set()).add(node)
    wanted = fold(name)
    found = by_key.get(wanted, set())
    if not found:  # a short name that starts exactly one name ("Borealis")
        found = {n for key, nodes in by_key.items() if key.startswith(wanted + " ") for n in nodes}
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        named = sorted(f"{g.nodes[n].get('label', n)} <{n}>" for n in found)
        raise QueryError(f"entity {name!r} is ambiguous: {'; '.join(named)}")
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    labels = [str(g.nodes[n].get("label", n)) for k in close for n in sorted(by_key[k])]
    raise EntityNotFound(name, list(dict.fromkeys(labels)))


def _order(kind: str) -> tuple[int, str]:
    return (ENTITY_TYPES.index(kind) if kind in ENTITY_TYPES else len(ENTITY_TYPES), kind)


def rank(
    source: Source, measure: str = "pagerank", *, by_class: bool = True, top: int = 10
) -> SelectResult:
    """The ``top`` entities by ``measure`` (per class when ``by_class``), as table rows.

    Columns: ``rank``, ``entity``, ``class`` and the measure; ties go by label.
    """
    check_measure(measure)
    if top < 1:
        raise QueryError(f"network: top must be 1 or more, got {top}")
    g = load(source)
    score = centrality(g, measure)
    ents = [_entity(g, n) for n in g if g.nodes[n].get("kgClass") not in NOT_ENTITIES]
    groups: dict[str, list[Entity]] = {}
    for ent in ents:
        groups.setdefault(ent.kgClass if by_class else "", []).append(ent)
    rows = []
    for kind in sorted(groups, key=_order):
        best = sorted(groups[kind], key=lambda e: (-score[e.id], e.label, e.id))[:top]
        for i, ent in enumerate(best, 1):
            value = score[ent.id] if measure == "degree" else round(score[ent.id], 4)
            rows.append((Literal(i), Literal(ent.label), Literal(ent.kgClass), Literal(value)))
    return SelectResult(["rank", "entity", "class", measure], rows)


def _facts(g: nx.MultiDiGraph, u: str, v: str) -> tuple[Fact, ...]:
    """The facts between two nodes, either direction."""
    found = []
    for s, o in ((u, v), (v, u)):
        for attrs in (g.get_edge_data(s, o) or {}).values():
            found.append(_fact(g, s, o, attrs))
    return tuple(sorted(found, key=lambda f: (f.property, f.subject.label)))


def _fact(g: nx.MultiDiGraph, s: str, o: str, attrs: dict[str, Any]) -> Fact:
    evidence = []
    for claim in attrs.get("claims", []):
        art = claim.get("article") or {}
        evidence.append(
            Evidence(
                text=str(claim.get("evidence") or ""),
                source=str(art.get("source") or art.get("title") or claim.get("articleId") or ""),
                title=str(art.get("title") or ""),
                url=art.get("url"),
                published=art.get("date"),
                confidence=claim.get("confidence"),
                amount=claim.get("amount"),
                date=claim.get("date"),
            )
        )
    return Fact(
        _entity(g, s), str(attrs.get("property")), _entity(g, o), str(attrs.get("amount", "")),
        str(attrs.get("date", "")), tuple(evidence), attrs.get("via"),
    )  # fmt: skip


def chains(
    source: Source,
    a: str,
    b: str,
    *,
    max_hops: int = 4,
    limit: int = 10,
    avoid: Iterable[str] = ("Place",),
) -> list[Chain]:
    """The shortest relation chains (up to ``limit``) from ``a`` to ``b``, facts included.

    Direction is ignored; nodes of the ``avoid`` classes are never passed
    through (two companies in the same city are not related by it). Empty when
    no chain of at most ``max_hops`` facts exists.
    """
    import networkx as nx

    if max_hops < 1:
        raise QueryError(f"network: max_hops must be 1 or more, got {max_hops}")
    g = load(source)
    start, end = find_node(g, a), find_node(g, b)
    if start == end:
        raise QueryError(f"network: {a!r} and {b!r} are the same entity")
    skip = set(avoid)
    simple = _undirected(g)
    simple.remove_nodes_from(
        [n for n in list(simple) if n not in (start, end) and g.nodes[n].get("kgClass") in skip]
    )
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(simple, start, end), limit))
    except nx.NetworkXNoPath:
        return []
    found = [
        Chain(
            tuple(_entity(g, n) for n in path),
            tuple(_facts(g, u, v) for u, v in itertools.pairwise(path)),
        )
        for path in paths
        if len(path) - 1 <= max_hops
    ]
    return sorted(found, key=lambda c: [e.label for e in c.entities])


def communities(source: Source, *, min_size: int = 2) -> list[tuple[Entity, ...]]:
    """Groups of entities more linked to each other than to the rest (greedy modularity).

    Largest first, members by label; groups smaller than ``min_size`` are left out.
    """
    import networkx as nx

    g = load(source)
    simple = _undirected(g)
    if simple.number_of_edges():
        parts = nx.community.greedy_modularity_communities(simple)
    else:
        parts = [{n} for n in simple]
    groups = []
    for part in parts:
        members = [_entity(g, n) for n in part]
        members = [e for e in members if e.kgClass not in NOT_ENTITIES]
        if len(members) >= max(min_size, 1):
            groups.append(tuple(sorted(members, key=lambda e: (e.label, e.id))))
    return sorted(groups, key=lambda m: (-len(m), m[0].label))


def common_investors(source: Source, a: str, b: str) -> list[CommonInvestor]:
    """Who invests in (or holds a stake in) both ``a`` and ``b``, with those facts."""
    g = load(source)
    targets = [find_node(g, a), find_node(g, b)]
    if targets[0] == targets[1]:
        raise QueryError(f"network: {a!r} and {b!r} are the same entity")
    backers: list[dict[str, list[Fact]]] = []
    for target in targets:
        found: dict[str, list[Fact]] = {}
        for s, _, attrs in g.in_edges(target, data=True):
            if attrs.get("property") in INVESTING:
                found.setdefault(s, []).append(_fact(g, s, target, attrs))
        backers.append(found)
    both = set(backers[0]) & set(backers[1])
    result = [CommonInvestor(_entity(g, n), (*backers[0][n], *backers[1][n])) for n in both]
    return sorted(result, key=lambda r: (r.investor.label, r.investor.id))


def _fact_rows(fact: Fact) -> list[tuple[str, ...]]:
    """One row per claim: subject, property, object, amount, date, source, evidence."""
    head = (fact.subject.label, fact.property, fact.object.label)
    if not fact.evidence:
        return [(*head, fact.amount, fact.date, "", "")]
    return [(*head, e.amount or "", e.date or "", e.source, e.text) for e in fact.evidence]


_FACT_COLUMNS = ["subject", "property", "object", "amount", "date", "source", "evidence"]


def _table(columns: list[str], rows: Iterable[tuple[object, ...]]) -> SelectResult:
    return SelectResult(columns, [tuple(Literal(v) for v in row) for row in rows])


def chains_table(found: list[Chain]) -> SelectResult:
    """Chains as rows: chain number, hop number, then one fact claim per row."""
    rows = [
        (i, hop, *row)
        for i, chain in enumerate(found, 1)
        for hop, facts in enumerate(chain.hops, 1)
        for fact in facts
        for row in _fact_rows(fact)
    ]
    return _table(["chain", "hop", *_FACT_COLUMNS], rows)


def communities_table(groups: list[tuple[Entity, ...]]) -> SelectResult:
    """Communities as rows: community number, entity, class."""
    rows = [(i, e.label, e.kgClass) for i, group in enumerate(groups, 1) for e in group]
    return _table(["community", "entity", "class"], rows)


def investors_table(found: list[CommonInvestor]) -> SelectResult:
    """Common investors as rows: investor, its class, then one fact claim per row."""
    rows = [
        (r.investor.label, r.investor.kgClass, *row[1:])
        for r in found
        for fact in r.facts
        for row in _fact_rows(fact)
    ]
    return _table(["investor", "class", *_FACT_COLUMNS[1:]], rows)


__all__ = [
    "MEASURES",
    "Chain",
    "CommonInvestor",
    "Entity",
    "Evidence",
    "Fact",
    "centrality",
    "chains",
    "check_measure",
    "chains_table",
    "common_investors",
    "communities",
    "communities_table",
    "find_node",
    "from_records",
    "investors_table",
    "load",
    "pagerank",
    "rank",
    "to_networkx",
]
