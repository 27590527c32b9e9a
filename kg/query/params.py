"""Query parameters: ``key=value`` text → validated RDF terms, bound and never spliced.

Entity parameters are looked up by label (``skos:prefLabel`` or ``skos:altLabel``,
ignoring case and accents) and bound as the entity's IRI, article parameters by URL,
file name or id and bound as the article's IRI; other types become typed literals or
checked IRIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.query.library import QueryInfo
from kg.store.articles import find_article
from kg.store.base import Store
from kg.store.entities import find_entity

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+")
_DATE = re.compile(r"(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["company=Mistral AI"]`` → ``{"company": "Mistral AI"}``.

    >>> parse_assignments(["company=Mistral AI", "n = 3"])
    {'company': 'Mistral AI', 'n': '3'}
    """
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r}: expected key=value")
        values[key.strip()] = value.strip()
    return values


def bind_params(store: Store, query: QueryInfo, values: Mapping[str, str]) -> dict[str, Identifier]:
    """Check ``values`` against the query's declared parameters and turn them into terms."""
    declared = {spec.name: spec for spec in query.params}
    expected = ", ".join(spec.usage() for spec in query.params) or "none"
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(
            f"{query.name}: unknown parameter {', '.join(unknown)} (expected: {expected})"
        )
    missing = [s.name for s in query.params if s.required and not values.get(s.name)]
    if missing:
        raise QueryError(
            f"{query.name}: missing parameter {', '.join(missing)} (expected: {expected})"
        )
    terms: dict[str, Identifier] = {}
    for spec in query.params:
        raw = values.get(spec.name) or spec.default
        if raw is None or raw == "":
            continue
        if spec.type == "entity":
            terms[spec.name] = find_entity(store, raw)
        elif spec.type == "article":
            terms[spec.name] = find_article(store, raw)
        else:
            terms[spec.name] = to_term(spec.type, raw, f"{query.name}: parameter {spec.name}")
    return terms


def to_term(kind: str, raw: str, label: str = "parameter") -> Identifier:
    """A typed term for a non-entity parameter; QueryError names ``label`` when invalid.

    >>> to_term("date", "2024-02").n3()
    '"2024-02"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    if kind == "string":
        return Literal(raw)
    if kind == "int":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise QueryError(f"{label}: {raw!r} is not an integer")
        return Literal(int(raw), datatype=XSD.integer)
    if kind == "decimal":
        try:
            number = Decimal(raw.strip())
        except InvalidOperation:
            raise QueryError(f"{label}: {raw!r} is not a number") from None
        if not number.is_finite():
            raise QueryError(f"{label}: {raw!r} is not a finite number")
        return Literal(number, datatype=XSD.decimal)
    if kind == "date":
        match = _DATE.fullmatch(raw.strip())
        if match is None:
            raise QueryError(f"{label}: {raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        datatype = XSD.date if match[4] else XSD.gYearMonth if match[2] else XSD.gYear
        return Literal(raw.strip(), datatype=datatype)
    if kind == "iri":
        if not _IRI.fullmatch(raw.strip()):
            raise QueryError(f"{label}: {raw!r} is not an absolute IRI")
        return URIRef(raw.strip())
    raise QueryError(f"{label}: unknown parameter type {kind!r}")
