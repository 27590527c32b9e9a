"""Query parameters: ``key=value`` text → validated RDF terms, bound and never spliced.

Entity parameters are looked up by label (``skos:prefLabel`` or ``skos:altLabel``,
ignoring case and accents) and bound as the entity's IRI; other types become
typed literals or checked IRIs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import KGID
from kg.query.library import QueryInfo
from kg.store.base import SelectResult, Store

_LABELS = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?label ?preferred WHERE {{
  {{ ?node skos:prefLabel ?label BIND(true AS ?preferred) }}
  UNION
  {{ ?node skos:altLabel ?label BIND(false AS ?preferred) }}
  FILTER(STRSTARTS(STR(?node), "{KGID}"))
}}"""
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


def fold(text: str) -> str:
    """Case- and accent-insensitive key for label matching.

    >>> fold("  Autorité de la  Concurrence ")
    'autorite de la concurrence'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


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


def find_entity(store: Store, name: str) -> URIRef:
    """The IRI of the entity labelled ``name``; EntityNotFound suggests close labels."""
    result = store.query(_LABELS)
    if not isinstance(result, SelectResult):
        raise QueryError("entity lookup: expected SELECT results")
    wanted = fold(name)
    preferred: dict[str, str] = {}
    by_key: dict[str, set[str]] = {}
    for node, label, is_pref in result.rows:
        if node is None or label is None:
            continue
        iri = str(node)
        if iri == name.strip():
            return URIRef(iri)
        by_key.setdefault(fold(str(label)), set()).add(iri)
        if is_pref is not None and is_pref.toPython() is True:
            preferred[iri] = min(preferred.get(iri, str(label)), str(label))
    matches = by_key.get(wanted, set())
    if len(matches) == 1:
        return URIRef(next(iter(matches)))
    if len(matches) > 1:
        named = sorted(f"{preferred.get(iri, iri)} <{iri}>" for iri in matches)
        raise QueryError(f"entity {name!r} is ambiguous: {'; '.join(named)}")
    # a short name that starts exactly one entity's name ("Lightspeed")
    longer = {
        iri
        for key, iris in by_key.items()
        if key.startswith(wanted + " ")
        for iri in iris
        if "/id/entity/" in iri
    }
    if len(longer) == 1:
        return URIRef(next(iter(longer)))
    close_keys = [k for k in by_key if k.startswith(wanted + " ")][:3]
    close_keys += difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    close: list[str] = []
    for key in close_keys:
        for iri in sorted(by_key[key]):
            label = preferred.get(iri, key)
            if label not in close:
                close.append(label)
    raise EntityNotFound(name, close)
