"""SPARQL text of the subgraph walk.

Only ontology constants are written into the text; the node a query is about
is the variable ``?n``, bound as an RDF term by the store (or left unbound to
ask about every node at once). Restrictions on the other end of an edge are
applied by the caller: Oxigraph answers a second VALUES block ~10× slower than
it returns the extra rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.graph.namespaces import KG, PREFIXES
from kg.model import PREDICATES, SYMMETRIC

#: Properties linking a deal node to its parties.
ROLES: tuple[str, ...] = ("investor", "investee", "partner", "acquirer", "target")
#: Subclasses of Organization, so ``types=["Organization"]`` keeps them too.
ORG_KINDS = ("Company", "InvestmentFirm", "Regulator", "GovernmentBody")
#: Node properties copied into the subgraph (besides fact and role edges).
NODE_PROPS = (RDF.type, SKOS.prefLabel, SKOS.altLabel, OWL.sameAs, KG.amount, KG.date)

_PREFIX_TEXT = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def iri_list(iris: Iterable[URIRef]) -> str:
    """A comma-separated list of ontology IRIs (constants of kg, not user input)."""
    return ", ".join(f"<{iri}>" for iri in iris)


def local_name(term: object) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/kg/ontology#investsIn")
    'investsIn'
    """
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


_EDGE_PROPS = [KG[p] for p in PREDICATES] + [KG[r] for r in ROLES]

#: Edges touching ?n (both directions) with the classes of the other end.
EDGES = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?n ?p ?o ?out ?cls WHERE {
  { ?n ?p ?o . BIND(true AS ?out) } UNION { ?o ?p ?n . BIND(false AS ?out) }
  FILTER(?p IN ($PROPS))
  OPTIONAL { ?o a ?cls }
}""".replace("$PROPS", iri_list(_EDGE_PROPS))
)

#: Edges from ?n. Enough among a set of nodes whose outside edges are not wanted:
#: each edge inside the set leaves one of them.
EDGES_OUT = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?n ?p ?o WHERE {
  ?n ?p ?o . FILTER(?p IN ($PROPS))
}""".replace("$PROPS", iri_list(_EDGE_PROPS))
)

_CLAIM_FILTER_BODY = """
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?c kg:confidence ?conf }
  OPTIONAL { ?c kg:date ?date }
  OPTIONAL { ?c prov:wasDerivedFrom ?art .
    OPTIONAL { ?art schema:datePublished ?pub }
    OPTIONAL { ?art schema:url ?url }
    OPTIONAL { ?art kg:sourceName ?name } }
}"""
_CLAIM_FILTER_HEAD = "SELECT DISTINCT ?n ?c ?s ?p ?o ?conf ?date ?art ?pub ?url ?name WHERE {"

#: Claims about ?n with what the claim filters need.
CLAIMS = (
    _PREFIX_TEXT
    + _CLAIM_FILTER_HEAD
    + "\n  { ?c rdf:subject ?n } UNION { ?c rdf:object ?n }"
    + _CLAIM_FILTER_BODY
)

#: Claims whose subject is ?n (as EDGES_OUT is to EDGES).
CLAIMS_OUT = _PREFIX_TEXT + _CLAIM_FILTER_HEAD + "\n  ?c rdf:subject ?n ." + _CLAIM_FILTER_BODY

#: Provenance of a deal node ?n (its own date and reporting articles).
DEAL = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?n ?date ?art ?pub ?url ?name WHERE {
  ?n a kg:Deal .
  OPTIONAL { ?n kg:date ?date }
  OPTIONAL { ?n prov:wasDerivedFrom ?art .
    OPTIONAL { ?art schema:datePublished ?pub }
    OPTIONAL { ?art schema:url ?url }
    OPTIONAL { ?art kg:sourceName ?name } }
}"""
)

# The queries below return triples as DISTINCT ?s ?p ?o rows: the same label or type
# is stored once per article that states it, and only one copy should leave the store.

#: Labels, classes, amounts and dates of a node ?n.
DETAILS = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?s ?p ?o WHERE {
  { ?n ?p ?o . FILTER(?p IN ($PROPS)) BIND(?n AS ?s) }
  UNION { ?n kg:amount ?s . ?s ?p ?o }
}""".replace("$PROPS", iri_list(NODE_PROPS))
)

#: Every claim whose subject is ?n, with its amount node.
CLAIM_TRIPLES = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?s ?p ?o WHERE {
  ?c a kg:Claim ; rdf:subject ?n .
  { ?c ?p ?o BIND(?c AS ?s) } UNION { ?c kg:amount ?s . ?s ?p ?o }
}"""
)

#: The claim ?n itself, with its amount node.
CLAIM_BY_ID = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?s ?p ?o WHERE {
  { ?n ?p ?o BIND(?n AS ?s) } UNION { ?n kg:amount ?s . ?s ?p ?o }
}"""
)

#: An article node ?n without its (long, off-subgraph) list of mentions.
ARTICLE = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?s ?p ?o WHERE {
  ?n a kg:Article ; ?p ?o . FILTER(?p != schema:mentions) BIND(?n AS ?s)
}"""
)

TYPED = _PREFIX_TEXT + "SELECT DISTINCT ?n ?cls WHERE { ?n a ?cls }"

#: Nodes with the number of claims they take part in (subject or object); the caller
#: sorts (ORDER BY on ~20k groups costs the store more than the count itself). Every
#: reified statement kg writes is a claim, so ``?c a kg:Claim`` is not checked: at 1M
#: triples that check alone took two thirds of the query's time.
RANKED = (
    _PREFIX_TEXT
    + """SELECT ?n (COUNT(DISTINCT ?c) AS ?claims) WHERE {
  { ?c rdf:subject ?n } UNION { ?c rdf:object ?n }
  FILTER(isIRI(?n)) #TYPES#
} GROUP BY ?n"""
)

# The queries below read the evidence of the facts a view keeps, without copying
# every claim: counts per fact first, then only the claims that will be shown.

_SYMMETRIC = iri_list(KG[p] for p in sorted(SYMMETRIC))

#: Per fact whose subject is ?n: how many claims and articles back it, and the claims
#: themselves when there are at most ?cap (ids only: their details are read apart).
#: As in RANKED, the claim's class is not checked. A symmetric fact is counted once,
#: under its two ends in string order (the order kg's edge keys use); its claims may
#: have either end as subject, so both ends must be in the same query: ``#SYMMETRIC#``
#: is "" to count only symmetric facts, "!" to count only the others.
CLAIM_STATS = (
    _PREFIX_TEXT
    + """SELECT ?a ?p ?b (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?art) AS ?sources)
  (IF(COUNT(DISTINCT ?c) <= ?cap, GROUP_CONCAT(DISTINCT STR(?c); separator=" "), "") AS ?ids)
WHERE {
  #CAP#
  ?c rdf:subject ?n ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(#SYMMETRIC#(?p IN ($SYM)))
  OPTIONAL { ?c prov:wasDerivedFrom ?art }
  BIND(?p IN ($SYM) && STR(?o) < STR(?n) AS ?flip)
  BIND(IF(?flip, ?o, ?n) AS ?a)
  BIND(IF(?flip, ?n, ?o) AS ?b)
} GROUP BY ?a ?p ?b ?cap""".replace("$SYM", _SYMMETRIC)
)

# Typed values below come back as plain strings (STR): parsing thousands of decimals
# and dates into Python objects costs more than the query that finds them.

#: What ranks the claims of a fact with many: confidence, the claim's date, its article's.
CLAIM_RANK = (
    _PREFIX_TEXT
    + """SELECT ?s ?p ?o ?c (STR(?conf0) AS ?conf) (STR(?date0) AS ?date) (STR(?pub0) AS ?pub)
WHERE {
  #EDGES#
  ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?c kg:confidence ?conf0 }
  OPTIONAL { ?c kg:date ?date0 }
  OPTIONAL { ?c prov:wasDerivedFrom ?art . ?art schema:datePublished ?pub0 }
}"""
)

#: What the page shows of a claim ?n (its article is read apart, once per article).
CLAIM_DETAILS = (
    _PREFIX_TEXT
    + """SELECT ?n ?evidence (STR(?conf0) AS ?conf) (STR(?date0) AS ?date)
  (STR(?hedged0) AS ?hedged) ?art (STR(?value0) AS ?value) ?currency (STR(?approx0) AS ?approx)
WHERE {
  OPTIONAL { ?n kg:evidence ?evidence }
  OPTIONAL { ?n kg:confidence ?conf0 }
  OPTIONAL { ?n kg:date ?date0 }
  OPTIONAL { ?n kg:hedged ?hedged0 }
  OPTIONAL { ?n prov:wasDerivedFrom ?art }
  OPTIONAL { ?n kg:amount ?amount .
    OPTIONAL { ?amount schema:value ?value0 }
    OPTIONAL { ?amount schema:currency ?currency }
    OPTIONAL { ?amount kg:approximate ?approx0 } }
}"""
)

#: Title, source name, date and URL of an article ?n (``?typed``: it is a kg:Article,
#: whose description the page may use).
ARTICLE_INFO = (
    _PREFIX_TEXT
    + """SELECT ?n ?typed ?title ?name (STR(?pub0) AS ?pub) ?url WHERE {
  OPTIONAL { ?n a kg:Article BIND(true AS ?typed) }
  OPTIONAL { ?n schema:name ?title }
  OPTIONAL { ?n kg:sourceName ?name }
  OPTIONAL { ?n schema:datePublished ?pub0 }
  OPTIONAL { ?n schema:url ?url }
}"""
)
