"""SPARQL text of the subgraph walk.

Only ontology constants are written into the text; the node a query is about
is the variable ``?n``, bound as an RDF term by the store (or left unbound to
ask about every node at once).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.graph.namespaces import KG, PREFIXES
from kg.model import PREDICATES

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

#: Claims about ?n with what the claim filters need.
CLAIMS = (
    _PREFIX_TEXT
    + """SELECT DISTINCT ?n ?c ?s ?p ?o ?conf ?date ?art ?pub ?url ?name WHERE {
  { ?c rdf:subject ?n } UNION { ?c rdf:object ?n }
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?c kg:confidence ?conf }
  OPTIONAL { ?c kg:date ?date }
  OPTIONAL { ?c prov:wasDerivedFrom ?art .
    OPTIONAL { ?art schema:datePublished ?pub }
    OPTIONAL { ?art schema:url ?url }
    OPTIONAL { ?art kg:sourceName ?name } }
}"""
)

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

#: Nodes by the number of claims they take part in (subject or object), most first.
RANKED = (
    _PREFIX_TEXT
    + """SELECT ?n (COUNT(DISTINCT ?c) AS ?claims) WHERE {
  ?c a kg:Claim . { ?c rdf:subject ?n } UNION { ?c rdf:object ?n }
  FILTER(isIRI(?n)) #TYPES#
} GROUP BY ?n ORDER BY DESC(?claims) STR(?n)"""
)
