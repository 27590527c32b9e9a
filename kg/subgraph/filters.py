"""The restrictions a subgraph request puts on facts: types, properties, dates, confidence, source.

Validation of what the user typed lives here too, so a bad ``--since`` or an
unknown class is refused before any query runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.errors import QueryError
from kg.model import DEAL_TYPES, ENTITY_TYPES, PREDICATES
from kg.subgraph.queries import ORG_KINDS, local_name


@dataclass
class Record:
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

    def accepts(self, rec: Record, *, use_confidence: bool = True) -> bool:
        """Whether a claim (or deal) passes the date, confidence and source filters."""
        if use_confidence and self.min_confidence is not None:
            if rec.confidence is None or rec.confidence < self.min_confidence:
                return False
        if self.source is not None and self.source.casefold() not in rec.sources:
            return False
        if self.since is not None or self.until is not None:
            return any(in_range(d, self.since, self.until) for d in rec.dates)
        return True


def in_range(date: str, since: str | None, until: str | None) -> bool:
    """Whether a partial ISO date (a year, month or day) overlaps [since, until].

    >>> in_range("2024-02", "2024-02-10", None)
    True
    >>> in_range("2023", "2024", None)
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


_KNOWN_TYPES = frozenset((*ENTITY_TYPES, *DEAL_TYPES, "Valuation"))
_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def make_filters(
    *,
    types: Iterable[str] | None = None,
    properties: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    source: str | None = None,
) -> Filters:
    """Filters from what the user typed; QueryError names the first bad value."""
    _check_date("since", since)
    _check_date("until", until)
    return Filters(
        types=_expand_types(types),
        properties=_props(properties),
        since=since,
        until=until,
        min_confidence=min_confidence,
        source=source,
    )


def _expand_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    names = {local_name(URIRef(t)) if ":" in t else t for t in types}
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
    names = frozenset(local_name(URIRef(p)) if ":" in p else p for p in properties)
    unknown = sorted(names - set(PREDICATES))
    if unknown:
        raise QueryError(f"subgraph: unknown fact properties: {', '.join(unknown)}")
    return names
