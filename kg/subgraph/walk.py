"""The breadth-first walk of a subgraph request: which edges touch the nodes reached.

It reads only what deciding needs: the fact edges around each ring of nodes,
the classes of their other ends, the provenance of deal nodes and, when a claim
filter is set, the claims that can pass it. The evidence shown for the kept
facts is read afterwards, for those facts only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.model import SYMMETRIC
from kg.store.base import SelectResult, Store, check_bindings
from kg.subgraph.filters import Filters, Record
from kg.subgraph.queries import (
    CLAIMS,
    CLAIMS_OUT,
    DEAL,
    EDGES,
    EDGES_OUT,
    ROLES,
    TYPED,
    local_name,
)

#: Nodes asked about per query: one round trip per batch, not per node.
BATCH = 400

Edge = tuple[URIRef, str, URIRef]


def select_rows(store: Store, sparql: str) -> SelectResult:
    """SELECT rows of ``sparql``; QueryError when the store answers something else."""
    result = store.query(sparql, None)
    if not isinstance(result, SelectResult):
        raise QueryError(f"subgraph: expected SELECT rows from {store.location}")
    return result


def iri_terms(nodes: Iterable[Identifier]) -> str:
    """Nodes as SPARQL terms; they come from the store, not the user, but are still checked."""
    return " ".join(check_bindings({"n": n})["n"].n3() for n in nodes)


def batches(sparql: str, nodes: Iterable[URIRef] | None, size: int | None = None) -> Iterator[str]:
    """``sparql`` with ``?n`` bound to each batch of nodes by a VALUES block (None: unbound).

    Batches hold ``size`` nodes (default ``BATCH``).
    """
    if nodes is None:
        yield sparql
        return
    todo = list(nodes)
    step = size or BATCH
    for start in range(0, len(todo), step):
        terms = iri_terms(todo[start : start + step])
        yield sparql.replace("WHERE {", f"WHERE {{ VALUES ?n {{ {terms} }}", 1)


def rows(
    store: Store, sparql: str, nodes: Iterable[URIRef] | None, size: int | None = None
) -> Iterator[dict]:
    """Rows of ``sparql`` for the given nodes (``?n``), or unbound for everything."""
    for text in batches(sparql, nodes, size):
        result = select_rows(store, text)
        for row in result.rows:
            yield dict(zip(result.variables, row, strict=True))


def edge_key(s: Identifier, p: str, o: Identifier) -> tuple:
    """The key a fact's claims are filed under; a symmetric fact has one for both directions."""
    if p in SYMMETRIC:
        return (p, *sorted((str(s), str(o))))
    return (p, str(s), str(o))


@dataclass(frozen=True)
class ClaimRank:
    """What orders a claim among the others of its fact: confidence, then date."""

    confidence: float | None
    date: str | None
    article: URIRef | None


@dataclass
class Walk:
    """State of the breadth-first walk: nodes, edges and the records backing them."""

    store: Store
    filters: Filters
    classes: dict[URIRef, set[str]] = field(default_factory=dict)
    good_claims: dict[tuple, set[URIRef]] = field(default_factory=dict)
    #: Rank data of the claims in good_claims (read only when a claim filter is set).
    ranks: dict[URIRef, ClaimRank] = field(default_factory=dict)
    articles: set[URIRef] = field(default_factory=set)
    deal_ok: dict[URIRef, bool] = field(default_factory=dict)
    #: Deal → the articles reporting it, with their publication date (None: unknown).
    deal_articles: dict[URIRef, dict[URIRef, str | None]] = field(default_factory=dict)
    seen_claims: set[Identifier] = field(default_factory=set)

    def look(self, nodes: Iterable[URIRef] | None, within: set[URIRef] | None = None) -> list[Edge]:
        """Fetch the edges (and claims, when filtered) touching ``nodes`` (None = all).

        Returns the allowed edges. With ``within``, only edges (and claims) between
        nodes of that set (``nodes`` among them); the edges leaving the others must
        have been looked at already, or be looked at in the same call.
        """
        nodes = None if nodes is None else list(nodes)
        if within is not None:
            return self._look_within(nodes, within)
        if self.filters.on_claims:
            self._claims(rows(self.store, CLAIMS, nodes))
        found: list[Edge] = []
        for row in rows(self.store, EDGES, nodes):
            n, other, pred = row["n"], row["o"], local_name(row["p"])
            if not isinstance(other, URIRef) or not isinstance(n, URIRef):
                continue
            if row.get("cls") is not None:
                self.classes.setdefault(other, set()).add(local_name(row["cls"]))
            else:
                self.classes.setdefault(other, set())
            out = bool(row["out"].toPython())
            s, o = (n, other) if out else (other, n)
            found.append((s, pred, o))
        return self._checked(found)

    def _look_within(self, nodes: list[URIRef] | None, within: set[URIRef]) -> list[Edge]:
        """:meth:`look` restricted to ``within``: outgoing edges only, ends checked here."""
        if self.filters.on_claims:
            self._claims(r for r in rows(self.store, CLAIMS_OUT, nodes) if r["o"] in within)
        found = [
            (row["n"], local_name(row["p"]), row["o"])
            for row in rows(self.store, EDGES_OUT, nodes)
            if row["o"] in within and isinstance(row["n"], URIRef)
        ]
        unknown = sorted((n for n in within if n not in self.classes), key=str)
        for row in rows(self.store, TYPED, unknown or []):
            self.classes.setdefault(row["n"], set()).add(local_name(row["cls"]))
        for node in unknown:
            self.classes.setdefault(node, set())
        return self._checked(found)

    def _checked(self, found: list[Edge]) -> list[Edge]:
        """The allowed edges of ``found``, once each, after reading their deals' provenance."""
        deals = {s for s, p, _ in found if p in ROLES}
        self._deals(deals - set(self.deal_ok))
        return [e for e in dict.fromkeys(found) if self._allowed(e)]

    def _claims(self, found: Iterable[dict]) -> None:
        """Keep the claims among ``found`` rows that pass the filters, by fact."""
        records: dict[Identifier, tuple[tuple, Record, set[URIRef], list[str]]] = {}
        for row in found:
            claim = row["c"]
            if claim in self.seen_claims and claim not in records:
                continue
            key = edge_key(row["s"], local_name(row["p"]), row["o"])
            _, rec, arts, own = records.setdefault(claim, (key, Record(), set(), []))
            absorb(rec, arts, row)
            if row.get("date") is not None:
                own.append(str(row["date"]))
            if row.get("conf") is not None:
                rec.confidence = float(row["conf"].toPython())
        for claim, (key, rec, arts, own) in records.items():
            self.seen_claims.add(claim)
            if self.filters.accepts(rec):
                self.good_claims.setdefault(key, set()).add(claim)
                self.articles.update(arts)
                date = max(own or rec.dates, default=None)
                art = min(arts, key=str) if arts else None
                self.ranks[claim] = ClaimRank(rec.confidence, date, art)

    def _deals(self, deals: set[URIRef]) -> None:
        if not deals:
            return
        recs: dict[URIRef, tuple[Record, set[URIRef]]] = {}
        for row in rows(self.store, DEAL, sorted(deals)):
            rec, arts = recs.setdefault(row["n"], (Record(), set()))
            absorb(rec, arts, row)
            art = row.get("art")
            if isinstance(art, URIRef):
                pub = row.get("pub")
                dated = self.deal_articles.setdefault(row["n"], {})
                dated[art] = max(dated.get(art) or "", str(pub) if pub is not None else "") or None
        for deal in deals:
            rec, arts = recs.get(deal, (Record(), set()))
            self.deal_ok[deal] = self.filters.accepts(rec, use_confidence=False)
            if self.deal_ok[deal]:
                self.articles.update(arts)

    def _allowed(self, edge: Edge) -> bool:
        s, p, o = edge
        f = self.filters
        if p in ROLES:
            return self.deal_ok.get(s, False) or not f.on_claims
        if f.properties is not None and p not in f.properties:
            return False
        return not f.on_claims or edge_key(s, p, o) in self.good_claims

    def keeps(self, node: URIRef) -> bool:
        """Whether the type filter lets ``node`` into the subgraph."""
        kinds = self.classes.get(node, set())
        if self.filters.types is None or "Valuation" in kinds:
            return True
        return bool(kinds & self.filters.types)


def absorb(rec: Record, arts: set[URIRef], row: dict) -> None:
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
