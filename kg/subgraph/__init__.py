"""The neighbourhood of an entity, with the provenance of every fact kept.

Views and exports work on a small, self-contained rdflib graph: the entities
within N hops of a focus entity (or every entity), their labels and classes,
the deal nodes between them, the fact edges, and the claims, amounts and
articles that back those facts. Only ``store.query`` is used, and every value
that comes from the user is bound as an RDF term, never spliced into SPARQL.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import PROV
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.graph.namespaces import KG, PREFIXES
from kg.model import DEAL_TYPES, ENTITY_TYPES, PREDICATES, SYMMETRIC
from kg.store.base import SelectResult, Store, check_bindings
from kg.store.entities import find_entity as resolve_entity
from kg.store.entities import fold as normalize
from kg.subgraph.queries import (
    ARTICLE,
    CLAIM_BY_ID,
    CLAIM_TRIPLES,
    CLAIMS,
    DEAL,
    DETAILS,
    EDGES,
    ORG_KINDS,
    RANKED,
    ROLES,
    TYPED,
    iri_list,
)


@dataclass
class _Record:
    """What the claim filters look at: one claim, or one deal node."""

    confidence: float | None = None
    dates: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Filters:
    """Restrictions on the facts kept (None = no restriction)."""

    types: frozenset[str] | None = None
    properties: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    source: str | None = None

    @property
    def on_claims(self) -> bool:
        """True when facts must be backed by a qualifying claim."""
        return any(
            v is not None for v in (self.since, self.until, self.min_confidence, self.source)
        )

    def accepts(self, rec: _Record, *, use_confidence: bool = True) -> bool:
        """Whether a claim (or deal) passes the date, confidence and source filters."""
        if use_confidence and self.min_confidence is not None:
            if rec.confidence is None or rec.confidence < self.min_confidence:
                return False
        if self.source is not None and self.source.casefold() not in rec.sources:
            return False
        if self.since is not None or self.until is not None:
            return any(_in_range(d, self.since, self.until) for d in rec.dates)
        return True


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    """Whether a partial ISO date (a year, month or day) overlaps [since, until].

    >>> _in_range("2024-02", "2024-02-10", None)
    True
    >>> _in_range("2023", "2024", None)
    False
    """
    start, end = _span(date)
    if since is not None and end < _span(since)[0]:
        return False
    return until is None or start <= _span(until)[1]


def _span(date: str) -> tuple[str, str]:
    """First and last day covered by a partial ISO date."""
    parts = date.strip()[:10].split("-")
    first = "-".join(parts + ["01"] * (3 - len(parts)))
    last = "-".join(parts + (["12", "31"] if len(parts) == 1 else ["31"])[: 3 - len(parts)])
    return first, last


def _select(store: Store, sparql: str, bindings: dict[str, Identifier] | None) -> SelectResult:
    result = store.query(sparql, bindings)
    if not isinstance(result, SelectResult):
        raise QueryError(f"subgraph: expected SELECT rows from {store.location}")
    return result


#: Nodes asked about per query: one round trip per batch, not per node.
BATCH = 400


def _iri_terms(nodes: Iterable[URIRef]) -> str:
    """Nodes as SPARQL terms; they come from the store, not the user, but are still checked."""
    return " ".join(check_bindings({"n": n})["n"].n3() for n in nodes)


def _batches(
    sparql: str, nodes: Iterable[URIRef] | None, within: dict[str, Iterable[URIRef]] | None = None
) -> Iterator[str]:
    """``sparql`` with ``?n`` bound to each batch of nodes by a VALUES block (None: unbound).

    ``within`` binds more variables to a fixed set of nodes (the other end of an edge
    kept inside the subgraph), so the store does not return what would be dropped.
    """
    fixed = "".join(
        f" VALUES ?{var} {{ {_iri_terms(terms)} }}" for var, terms in (within or {}).items()
    )
    if nodes is None:
        yield sparql.replace("WHERE {", "WHERE {" + fixed, 1)
        return
    todo = list(nodes)
    for start in range(0, len(todo), BATCH):
        terms = _iri_terms(todo[start : start + BATCH])
        yield sparql.replace("WHERE {", f"WHERE {{ VALUES ?n {{ {terms} }}{fixed}", 1)


def _rows(
    store: Store,
    sparql: str,
    nodes: Iterable[URIRef] | None,
    within: dict[str, Iterable[URIRef]] | None = None,
) -> Iterator[dict]:
    """Rows of ``sparql`` for the given nodes (``?n``), or unbound for everything."""
    for text in _batches(sparql, nodes, within):
        result = _select(store, text, None)
        for row in result.rows:
            yield dict(zip(result.variables, row, strict=True))


def _construct(store: Store, sparql: str, nodes: Iterable[URIRef] | None, into: Graph) -> None:
    """Add the ``?s ?p ?o`` rows of ``sparql`` for ``nodes`` to ``into``."""
    for row in _rows(store, sparql, nodes):
        s, p, o = row["s"], row["p"], row["o"]
        if s is not None and p is not None and o is not None:
            into.add((s, p, o))


def _local(term: Identifier) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


_KNOWN_TYPES = frozenset((*ENTITY_TYPES, *DEAL_TYPES, "Valuation"))
_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _expand_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    names = {_local(URIRef(t)) if ":" in t else t for t in types}
    unknown = sorted(names - _KNOWN_TYPES)
    if unknown:
        raise QueryError(
            f"subgraph: unknown types: {', '.join(unknown)}"
            f" (known: {', '.join(sorted(_KNOWN_TYPES))})"
        )
    if "Organization" in names:
        names.update(ORG_KINDS)
    if "Deal" in names:
        names.update(DEAL_TYPES)
    return frozenset(names)


def _check_date(name: str, value: str | None) -> None:
    """Reject a --since/--until that is not an ISO year, year-month or date."""
    if value is not None and not _ISO_DATE.fullmatch(value.strip()):
        raise QueryError(f"subgraph: {name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")


def _props(properties: Iterable[str] | None) -> frozenset[str] | None:
    if properties is None:
        return None
    names = frozenset(_local(URIRef(p)) if ":" in p else p for p in properties)
    unknown = sorted(names - set(PREDICATES))
    if unknown:
        raise QueryError(f"subgraph: unknown fact properties: {', '.join(unknown)}")
    return names


def _edge_key(s: Identifier, p: str, o: Identifier) -> tuple:
    if p in SYMMETRIC:
        return (p, *sorted((str(s), str(o))))
    return (p, str(s), str(o))


@dataclass
class _Walk:
    """State of the breadth-first walk: nodes, edges and the records backing them."""

    store: Store
    filters: Filters
    classes: dict[URIRef, set[str]] = field(default_factory=dict)
    edges: set[tuple[URIRef, str, URIRef]] = field(default_factory=set)
    good_claims: dict[tuple, set[URIRef]] = field(default_factory=dict)
    articles: set[URIRef] = field(default_factory=set)
    deal_ok: dict[URIRef, bool] = field(default_factory=dict)
    seen_claims: set[Identifier] = field(default_factory=set)

    def look(
        self, nodes: Iterable[URIRef] | None, within: set[URIRef] | None = None
    ) -> list[tuple[URIRef, str, URIRef]]:
        """Fetch the edges and claims touching ``nodes`` (None = all); return allowed edges.

        With ``within``, only edges (and claims) whose other end is in that set.
        """
        nodes = None if nodes is None else list(nodes)
        ends = None if within is None else sorted(within, key=str)
        self._claims(nodes, None if ends is None else {"s": ends, "o": ends})
        found: list[tuple[URIRef, str, URIRef]] = []
        for row in _rows(self.store, EDGES, nodes, None if ends is None else {"o": ends}):
            n, other, pred = row["n"], row["o"], _local(row["p"])
            if not isinstance(other, URIRef) or not isinstance(n, URIRef):
                continue
            if row.get("cls") is not None:
                self.classes.setdefault(other, set()).add(_local(row["cls"]))
            else:
                self.classes.setdefault(other, set())
            out = bool(row["out"].toPython())
            s, o = (n, other) if out else (other, n)
            found.append((s, pred, o))
        deals = {s for s, p, _ in found if p in ROLES}
        self._deals(deals - set(self.deal_ok))
        return [e for e in dict.fromkeys(found) if self._allowed(e)]

    def _claims(
        self, nodes: list[URIRef] | None, within: dict[str, Iterable[URIRef]] | None
    ) -> None:
        records: dict[Identifier, tuple[tuple, _Record, set[URIRef]]] = {}
        for row in _rows(self.store, CLAIMS, nodes, within):
            claim = row["c"]
            if claim in self.seen_claims and claim not in records:
                continue
            key = _edge_key(row["s"], _local(row["p"]), row["o"])
            _, rec, arts = records.setdefault(claim, (key, _Record(), set()))
            _absorb(rec, arts, row)
            if row.get("conf") is not None:
                rec.confidence = float(row["conf"].toPython())
        for claim, (key, rec, arts) in records.items():
            self.seen_claims.add(claim)
            if self.filters.accepts(rec):
                self.good_claims.setdefault(key, set()).add(claim)
                self.articles.update(arts)

    def _deals(self, deals: set[URIRef]) -> None:
        if not deals:
            return
        recs: dict[URIRef, tuple[_Record, set[URIRef]]] = {}
        for row in _rows(self.store, DEAL, sorted(deals)):
            rec, arts = recs.setdefault(row["n"], (_Record(), set()))
            _absorb(rec, arts, row)
        for deal in deals:
            rec, arts = recs.get(deal, (_Record(), set()))
            self.deal_ok[deal] = self.filters.accepts(rec, use_confidence=False)
            if self.deal_ok[deal]:
                self.articles.update(arts)

    def _allowed(self, edge: tuple[URIRef, str, URIRef]) -> bool:
        s, p, o = edge
        f = self.filters
        if p in ROLES:
            return self.deal_ok.get(s, False) or not f.on_claims
        if f.properties is not None and p not in f.properties:
            return False
        return not f.on_claims or _edge_key(s, p, o) in self.good_claims

    def keeps(self, node: URIRef) -> bool:
        """Whether the type filter lets ``node`` into the subgraph."""
        kinds = self.classes.get(node, set())
        if self.filters.types is None or "Valuation" in kinds:
            return True
        return bool(kinds & self.filters.types)


def _absorb(rec: _Record, arts: set[URIRef], row: dict) -> None:
    """Add a result row's date and article to a record."""
    for key in ("date", "pub"):
        if row.get(key) is not None:
            rec.dates.add(str(row[key]))
    art = row.get("art")
    if isinstance(art, URIRef):
        arts.add(art)
        rec.sources.add(str(art).casefold())
        rec.sources.add(str(art).rsplit("/", 1)[-1].casefold())
        for key in ("url", "name"):
            if row.get(key) is not None:
                rec.sources.add(str(row[key]).casefold())


#: Whole-graph requests on stores with up to this many nodes read everything.
READ_WHOLE_BELOW = 2000


@dataclass(frozen=True)
class Cut:
    """How a size limit shortened a subgraph: nodes kept of those there were, and how chosen."""

    kept: int
    total: int
    by: str


def subgraph(
    store: Store,
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
) -> Graph:
    """Entities within ``hops`` of ``around`` (None = all) with their facts and provenance.

    ``types`` and ``properties`` take ontology local names (``Company``,
    ``investsIn``); ``since``/``until`` are ISO dates compared with the claim's
    date (else its article's); ``source`` matches an article's URL, file name or
    id. A hop through a deal node (``reviews`` or a party role) counts as one.
    """
    return limited_subgraph(
        store,
        around=around,
        hops=hops,
        types=types,
        properties=properties,
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
    )[0]


def limited_subgraph(
    store: Store,
    *,
    around: str | None = None,
    hops: int = 2,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
    limit: int | None = None,
) -> tuple[Graph, Cut | None]:
    """:func:`subgraph` with at most about ``limit`` nodes, fetched without reading the rest.

    A whole-graph request on a store with more than ``max(limit, READ_WHOLE_BELOW)``
    nodes keeps the ``limit`` nodes backed by the most claims (smaller stores are read
    whole, so a view can rank by PageRank instead); a
    neighbourhood stops growing at the ring that would pass the limit, keeping that
    ring's best-connected nodes. The Cut says what was left out (None: nothing).
    """
    if hops < 0:
        raise QueryError(f"subgraph: hops must be 0 or more, got {hops}")
    if limit is not None and limit < 1:
        raise QueryError(f"subgraph: the node limit must be 1 or more, got {limit}")
    _check_date("since", since)
    _check_date("until", until)
    filters = Filters(
        types=_expand_types(types),
        properties=_props(properties),
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
    )
    walk = _Walk(store, filters)
    cut: Cut | None = None
    if around is None:
        ranked = _ranked_nodes(store, filters.types) if limit is not None else []
        if limit is not None and len(ranked) > max(limit, READ_WHOLE_BELOW):
            kept = set(ranked[:limit])
            cut = Cut(limit, len(ranked), "number of facts")
            edges = walk.look(sorted(kept, key=str), within=kept)
        else:
            edges = walk.look(None)
            if filters.on_claims or filters.properties is not None:
                kept = {n for e in edges for n in (e[0], e[2])}
            else:  # every entity, connected or not
                kept = set(_typed_nodes(store))
                for node in kept:
                    walk.classes.setdefault(node, set())
                kept |= {n for e in edges for n in (e[0], e[2])}
        kept = {n for n in kept if walk.keeps(n)}
    else:
        focus = resolve_entity(store, around)
        kept, frontier, edges = {focus}, [focus], []
        for _ in range(hops):
            found = walk.look(frontier)
            edges.extend(found)
            ring = {n for e in found for n in (e[0], e[2])} - kept
            frontier = sorted((n for n in ring if walk.keeps(n)), key=str)
            if limit is not None and len(kept) + len(frontier) > limit:
                links = Counter(n for e in found for n in (e[0], e[2]) if n in ring)
                best = sorted(frontier, key=lambda n: (-links[n], str(n)))
                room = max(0, limit - len(kept))
                cut = Cut(len(kept) + room, len(kept) + len(frontier), "links to the nodes kept")
                frontier = sorted(best[:room], key=str)
                kept.update(frontier)
                break
            kept.update(frontier)
        edges.extend(walk.look(frontier, within=kept))  # edges among the outermost ring
    edges = [e for e in dict.fromkeys(edges) if e[0] in kept and e[2] in kept]
    whole = around is None and cut is None
    return _assemble(walk, kept, edges, whole=whole), cut


def _ranked_nodes(store: Store, types: frozenset[str] | None) -> list[URIRef]:
    """Nodes that take part in facts, most claims first (one aggregate query)."""
    classes = "" if types is None else iri_list(KG[t] for t in sorted(types))
    check = "" if not classes else f"?n a ?cls . FILTER(?cls IN ({classes}))"
    rows = _rows(store, RANKED.replace("#TYPES#", check), None)
    return [row["n"] for row in rows if isinstance(row["n"], URIRef)]


def _typed_nodes(store: Store) -> Iterator[URIRef]:
    """Every node whose class is an entity, deal or valuation class."""
    kinds = {str(KG[k]) for k in (*ENTITY_TYPES, *DEAL_TYPES, "Valuation")}
    for row in _rows(store, TYPED, None):
        if isinstance(row["n"], URIRef) and str(row["cls"]) in kinds:
            yield row["n"]


def _assemble(
    walk: _Walk, kept: set[URIRef], edges: list[tuple[URIRef, str, URIRef]], *, whole: bool
) -> Graph:
    """Copy the kept nodes, edges, claims, amounts and articles into one graph."""
    store, graph = walk.store, Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    scope = None if whole else sorted(kept, key=str)
    details = Graph()
    _construct(store, DETAILS, scope, details)
    amounts = {o for n in kept for o in details.objects(n, KG.amount)}
    for s, p, o in details:
        if s in kept or s in amounts:
            graph.add((s, p, o))
    for s, p, o in edges:
        graph.add((s, KG[p], o))
    wanted = {c for e in edges for c in walk.good_claims.get(_edge_key(*e), ())}
    claims = Graph()
    if whole:
        _construct(store, CLAIM_TRIPLES, None, claims)
    else:  # only the claims behind the kept edges
        _construct(store, CLAIM_BY_ID, sorted(wanted, key=str), claims)
    amounts = {o for c in wanted for o in claims.objects(c, KG.amount)}
    for s, p, o in claims:
        if s in wanted or s in amounts:
            graph.add((s, p, o))
    articles = {a for c in wanted for a in claims.objects(c, PROV.wasDerivedFrom)}
    deals = sorted({s for s, p, _ in edges if p in ROLES} & kept, key=str)
    for row in _rows(store, DEAL, None if whole else deals):
        deal, art = row["n"], row.get("art")
        if deal in kept and isinstance(art, URIRef):
            if not walk.filters.on_claims or art in walk.articles:
                graph.add((deal, PROV.wasDerivedFrom, art))
                articles.add(art)
    if walk.filters.on_claims:
        articles &= walk.articles
    arts = Graph()
    _construct(store, ARTICLE, None if whole else sorted(articles, key=str), arts)
    for s, p, o in arts:
        if s in articles:
            graph.add((s, p, o))
    return graph


__all__ = ["Cut", "Filters", "limited_subgraph", "normalize", "resolve_entity", "subgraph"]
