"""Find an entity by the name a user types: labels and aliases, case and accents aside.

Shared by the query parameters (``--param company=…``) and the explorer/export
selection (``--around …``), so both resolve names the same way.
"""

from __future__ import annotations

import difflib
import unicodedata

from rdflib import Literal, URIRef

from kg.errors import EntityNotFound, QueryError
from kg.graph.namespaces import KGID
from kg.store.base import SelectResult, Store

_LABELS = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?label ?preferred WHERE {{
  {{ ?node skos:prefLabel ?label BIND(true AS ?preferred) }}
  UNION
  {{ ?node skos:altLabel ?label BIND(false AS ?preferred) }}
  FILTER(STRSTARTS(STR(?node), "{KGID}"))
}}"""


_EXACT = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node WHERE {{
  VALUES ?p {{ skos:prefLabel skos:altLabel }}
  ?node ?p ?label
  FILTER(STRSTARTS(STR(?node), "{KGID}"))
}}"""


def fold(text: str) -> str:
    """Case- and accent-insensitive key for label matching.

    >>> fold("  Autorité de la  Concurrence ")
    'autorite de la concurrence'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def find_entity(store: Store, name: str) -> URIRef:
    """The IRI of the entity labelled ``name``; EntityNotFound suggests close labels.

    A label written exactly as typed, on one entity only, wins at once (an index lookup,
    not a read of every label); otherwise case and accents are set aside.
    """
    exact = store.query(_EXACT, {"label": Literal(name.strip())})
    if isinstance(exact, SelectResult) and len(exact.rows) == 1 and exact.rows[0][0] is not None:
        return URIRef(str(exact.rows[0][0]))
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
